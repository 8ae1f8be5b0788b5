"""Bad input gets 400 with a message per field (or 413 for an oversize request), never a 500,
and nothing is written."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from kb.models import Article
from tests.conftest import client_for
from tests.kb.api.conftest import send

pytestmark = pytest.mark.django_db

GOOD = {"title": "退货政策", "body": "七天无理由退货。", "category": "refunds"}
SOON = timezone.now() + timedelta(days=2)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "The title cannot be empty."),
        ({"title": "x" * 201}, "title", "The title is longer than 200 characters."),
        ({"body": "a" * 1_000_001}, "body", "The body is larger than 1 MB. Split it into several articles."),
        ({"category": "no-such-category"}, "category", "Unknown category 'no-such-category'."),
        ({"category": ""}, "category", "Choose a category."),
        ({"language": "fr"}, "language", '"fr" is not a valid choice.'),
        ({"audience": "everyone"}, "audience", '"everyone" is not a valid choice.'),
        (
            {"publish_at": SOON.isoformat(), "expire_at": (SOON - timedelta(days=1)).isoformat()},
            "expire_at",
            "The expiry time must be after the publish time.",
        ),
        ({"publish_at": "next tuesday"}, "publish_at", "Datetime has wrong format."),
        ({"review_by": "2025-02-30"}, "review_by", "Date has wrong format."),
        ({"tags": "退货"}, "tags", 'Expected a list of items but got type "str".'),
        ({"owner": "nobody"}, "owner", "Object with username=nobody does not exist."),
        ({"title": None}, "title", "This field may not be null."),
    ],
)
def test_bad_article_input_is_a_400_naming_the_field(editor, category, changes, field, message):
    response = send(client_for(editor), "post", "/api/articles/create/", {**GOOD, **changes})

    assert response.status_code == 400
    assert response.json()["fields"][field][0].startswith(message)
    assert not Article.objects.exists()


def test_missing_fields_are_each_named(editor, category):
    response = send(client_for(editor), "post", "/api/articles/create/", {})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"title", "body", "category"}


def test_the_same_rules_hold_when_saving_a_draft(editor, make_article):
    article = make_article("new")
    url = f"/api/articles/{article.pk}/draft/"
    missing = send(client_for(editor), "patch", url, {"title": "新标题"})
    assert missing.status_code == 400 and missing.json()["fields"] == {"base_revision": ["This field is required."]}
    empty = send(client_for(editor), "patch", url, {"title": "", "base_revision": article.revision})
    assert empty.status_code == 400 and empty.json()["fields"] == {"title": ["The title cannot be empty."]}
    assert send(client_for(editor), "put", url, {"body": "x", "base_revision": 0}).status_code == 400
    assert article.versions.get().title == "退货政策"


def test_workflow_actions_name_their_bad_fields(editor, reviewer, make_article):
    article = make_article("in_review")
    no_comment = send(client_for(reviewer), "post", f"/api/articles/{article.pk}/send-back/", {"comment": " "})
    assert no_comment.status_code == 400 and "comment" in no_comment.json()["fields"]
    published = make_article("published")
    no_version = send(client_for(editor), "post", f"/api/articles/{published.pk}/rollback/", {"version": 9})
    assert no_version.json()["fields"] == {"version": ["This article has no version 9."]}
    bad_diff = send(client_for(editor), "get", f"/api/articles/{published.pk}/diff/", {"from": "one"})
    assert bad_diff.status_code == 400 and set(bad_diff.json()["fields"]) == {"from", "to"}


def test_malformed_json_is_a_400(editor, category):
    response = client_for(editor).post("/api/articles/create/", "{not json", content_type="application/json")
    assert response.status_code == 400 and "JSON parse error" in response.json()["detail"]


def test_a_request_body_over_the_upload_limit_is_refused_with_413(editor, category, settings):
    body = json.dumps({**GOOD, "body": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    response = client_for(editor).post("/api/articles/create/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert not Article.objects.exists()


def test_the_api_takes_json_only_and_refuses_forms_of_any_size_with_415(editor, category, settings):
    form = {**GOOD, "body": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    assert client_for(editor).post("/api/articles/create/", form).status_code == 415
    assert client_for(editor).post("/api/articles/create/", GOOD).status_code == 415


def test_session_requests_need_the_csrf_token(editor, category):
    browser = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(editor)
    refused = browser.post("/api/articles/create/", json.dumps(GOOD), content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert not Article.objects.exists()

    browser.cookies["csrftoken"] = token = "a" * 32  # what the browser got with the page
    accepted = browser.post(
        "/api/articles/create/", json.dumps(GOOD), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201


def test_the_api_version_comes_from_the_accept_header(agent):
    reader = client_for(agent)
    assert reader.get("/api/tags/", HTTP_ACCEPT="application/json; version=1").status_code == 200
    assert reader.get("/api/tags/", HTTP_ACCEPT="application/json").status_code == 200
    refused = reader.get("/api/tags/", HTTP_ACCEPT="application/json; version=2")
    assert refused.status_code == 406 and "version" in refused.json()["detail"]


def test_messages_follow_the_callers_language(editor, category):
    chinese = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    chinese.force_login(editor)
    response = send(chinese, "post", "/api/articles/create/", {})
    assert "必填" in response.json()["fields"]["title"][0]  # "This field is required." in Chinese
