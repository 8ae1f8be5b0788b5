"""The editorial workflow over the JSON API, asserted on the responses and in the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kb.models import ArticleVersion, Audience, AuditEvent, Tag, VersionState
from tests.conftest import client_for
from tests.kb.api.conftest import send

pytestmark = pytest.mark.django_db

NEW_ARTICLE = {
    "title": "退货政策",
    "body": "# 退货\n\n收到商品后 **7 天**内可以无理由退货。<script>alert(1)</script>",
    "category": "refunds",
    "tags": ["退货", "售后"],
    "language": "zh-hans",
    "audience": "public",
    "change_note": "初稿",
}


def test_an_article_goes_from_create_to_published_and_agents_read_it(editor, reviewer, agent, category):
    writer = client_for(editor)
    created = send(writer, "post", "/api/articles/create/", NEW_ARTICLE)
    assert created.status_code == 201, created.json()
    draft = created.json()
    article_id = draft["id"]
    assert (draft["version"], draft["state"], draft["revision"]) == (1, "draft", 0)
    assert draft["tags"] == ["售后", "退货"] and draft["category"] == "refunds"
    assert send(client_for(agent), "get", f"/api/articles/{article_id}/").status_code == 404

    saved = send(
        writer, "put", f"/api/articles/{article_id}/draft/",
        {**NEW_ARTICLE, "body": "收到商品后 14 天内可以退货。", "base_revision": draft["revision"]},
    )  # fmt: skip
    assert saved.status_code == 200, saved.json()
    assert (saved.json()["version"], saved.json()["revision"]) == (1, 1)
    submitted = send(writer, "post", f"/api/articles/{article_id}/submit/", {"base_revision": 1})
    assert submitted.json()["state"] == "in_review"
    published = send(client_for(reviewer), "post", f"/api/articles/{article_id}/publish/", {"comment": "好"})
    assert published.status_code == 200 and published.json()["state"] == "published"

    read = send(client_for(agent), "get", f"/api/articles/{article_id}/")
    assert read.status_code == 200
    body = read.json()
    assert body["url"] == f"http://testserver/articles/{article_id}/"
    assert body["body"] == "收到商品后 14 天内可以退货。"
    assert body["html"] == "<p>收到商品后 14 天内可以退货。</p>"
    assert body["revision"] == 3 and body["version"] == 1
    assert "state" not in body and "review_comment" not in body  # readers get the reader's fields
    listed = send(client_for(agent), "get", "/api/articles/").json()
    assert [item["id"] for item in listed["results"]] == [article_id] and listed["count"] == 1
    version = ArticleVersion.objects.get(article_id=article_id)
    assert (version.state, version.reviewed_by, version.review_comment) == (VersionState.PUBLISHED, reviewer, "好")
    actions = AuditEvent.objects.filter(article_id=article_id).order_by("id").values_list("action", flat=True)
    assert list(actions) == ["create", "save_draft", "submit", "publish"]


def test_article_html_is_sanitized_markdown(editor, category):
    created = send(client_for(editor), "post", "/api/articles/create/", NEW_ARTICLE).json()
    assert "<strong>7 天</strong>" in created["html"] and "<h1" in created["html"]
    assert "<script" not in created["html"]
    assert created["body"] == NEW_ARTICLE["body"]  # the Markdown is kept as written


def test_patch_changes_only_the_fields_sent_and_starts_a_new_draft_from_the_published_one(editor, make_article):
    article = make_article("published", tags=["退货", "运费"], product="商城")
    patched = send(
        client_for(editor), "patch", f"/api/articles/{article.pk}/draft/",
        {"title": "退货政策（新）", "base_revision": article.revision},
    )  # fmt: skip
    assert patched.status_code == 200, patched.json()
    data = patched.json()
    assert (data["version"], data["state"], data["based_on"]) == (2, "draft", 1)
    assert (data["title"], data["product"], data["tags"]) == ("退货政策（新）", "商城", ["运费", "退货"])
    assert data["change_note"] == ""  # the published version's note is not carried into the new draft
    assert article.versions.get(number=1).state == VersionState.PUBLISHED


def test_saving_from_a_stale_revision_is_a_409_carrying_the_other_editors_text(editor, editor2, make_article):
    article = make_article("new")
    base = article.revision
    first = send(
        client_for(editor), "patch", f"/api/articles/{article.pk}/draft/", {"body": "A", "base_revision": base}
    )
    assert first.status_code == 200
    second = send(
        client_for(editor2), "patch", f"/api/articles/{article.pk}/draft/", {"body": "B", "base_revision": base}
    )
    assert second.status_code == 409
    assert second.json()["current"]["body"] == "A" and second.json()["current_revision"] == base + 1
    assert article.versions.get().body == "A"


def test_rollback_history_and_diff(editor, reviewer, make_article):
    article = make_article("published", title="七天无理由退货")
    writer = client_for(editor)
    edit = {"title": "十四天无理由退货", "base_revision": article.revision}
    assert send(writer, "patch", f"/api/articles/{article.pk}/draft/", edit).status_code == 200
    send(client_for(reviewer), "post", f"/api/articles/{article.pk}/publish/")

    rolled = send(writer, "post", f"/api/articles/{article.pk}/rollback/", {"version": 1})
    assert rolled.status_code == 201, rolled.json()
    assert (rolled.json()["version"], rolled.json()["title"], rolled.json()["state"]) == (3, "七天无理由退货", "draft")
    assert rolled.json()["change_note"] == "Restored from version 1"

    history = send(writer, "get", f"/api/articles/{article.pk}/versions/").json()
    assert [(v["version"], v["state"]) for v in history["results"]] == [
        (3, "draft"), (2, "published"), (1, "superseded"),
    ]  # fmt: skip
    assert all(v["url"].endswith(f"/articles/{article.pk}/") for v in history["results"])

    diff = send(writer, "get", f"/api/articles/{article.pk}/diff/", {"from": 2, "to": 3})
    assert diff.status_code == 200
    changes = diff.json()["changes"]
    assert changes == [{"name": "title", "left": "<del>十四</del>天无理由退货", "right": "<ins>七</ins>天无理由退货"}]
    assert (diff.json()["left"]["version"], diff.json()["right"]["version"]) == (2, 3)
    assert [row["kind"] for row in diff.json()["rows"]] == ["same", "same", "same"]


def test_the_body_diff_highlights_changed_words_side_by_side(editor, make_article):
    article = make_article("draft")
    diff = send(client_for(editor), "get", f"/api/articles/{article.pk}/diff/", {"from": 1, "to": 2}).json()
    changed = [row for row in diff["rows"] if row["kind"] == "changed"]
    assert changed == [
        {"kind": "changed", "left": "收到商品后 <del>7</del> 天内可以<del>无理由</del>退货。",
         "right": "收到商品后 <ins>14</ins> 天内可以退货。"},
    ]  # fmt: skip


def test_send_back_archive_and_discard(editor, reviewer, agent, make_article):
    in_review = make_article("in_review")
    sent_back = send(client_for(reviewer), "post", f"/api/articles/{in_review.pk}/send-back/", {"comment": "补充运费"})
    assert (sent_back.json()["state"], sent_back.json()["review_comment"]) == ("draft", "补充运费")

    discarded = send(client_for(editor), "post", f"/api/articles/{in_review.pk}/discard/")
    assert discarded.json()["state"] == "discarded"
    assert in_review.versions.get(number=2).state == VersionState.DISCARDED

    archived = send(client_for(reviewer), "post", f"/api/articles/{in_review.pk}/archive/")
    assert archived.json()["state"] == "archived"
    assert send(client_for(agent), "get", f"/api/articles/{in_review.pk}/").status_code == 404


def test_publishing_a_version_with_a_future_publish_time_schedules_it(editor, reviewer, agent, make_article):
    article = make_article("new", publish_at=timezone.now() + timedelta(hours=2))
    scheduled = send(client_for(reviewer), "post", f"/api/articles/{article.pk}/publish/")
    assert scheduled.json()["state"] == "approved"
    assert send(client_for(agent), "get", f"/api/articles/{article.pk}/").status_code == 404


def test_actions_in_the_wrong_state_are_409(editor, reviewer, make_article):
    article = make_article("published")
    assert send(client_for(editor), "post", f"/api/articles/{article.pk}/submit/").status_code == 409
    assert (
        send(client_for(reviewer), "post", f"/api/articles/{article.pk}/send-back/", {"comment": "x"}).status_code
        == 409
    )
    draft = make_article("draft")
    refused = send(client_for(editor), "post", f"/api/articles/{draft.pk}/rollback/", {"version": 1})
    assert refused.status_code == 409 and "open draft" in refused.json()["detail"]


def test_portal_accounts_see_public_articles_only(portal, agent, make_article):
    public = make_article("published", audience=Audience.PUBLIC, title="公开文章")
    internal = make_article("published", audience=Audience.INTERNAL, title="内部文章")
    channel = client_for(portal)

    listed = send(channel, "get", "/api/articles/").json()
    assert [item["title"] for item in listed["results"]] == ["公开文章"]
    assert send(channel, "get", "/api/articles/", {"audience": "internal"}).json()["count"] == 0
    assert send(channel, "get", f"/api/articles/{internal.pk}/").status_code == 404
    assert send(channel, "get", f"/api/articles/{internal.pk}/versions/1/").status_code == 404
    assert send(channel, "get", f"/api/articles/{public.pk}/versions/1/").status_code == 200
    assert send(channel, "get", "/api/articles/", {"state": "published"}).status_code == 403
    assert send(client_for(agent), "get", "/api/articles/").json()["count"] == 2


def test_readers_get_only_the_published_version_and_editors_any(agent, editor, make_article):
    article = make_article("draft")
    assert send(client_for(agent), "get", f"/api/articles/{article.pk}/versions/1/").status_code == 200
    assert send(client_for(agent), "get", f"/api/articles/{article.pk}/versions/2/").status_code == 404
    draft = send(client_for(editor), "get", f"/api/articles/{article.pk}/versions/2/").json()
    assert (draft["state"], draft["body"]) == ("draft", "# 退货\n\n收到商品后 14 天内可以退货。")


def test_the_list_filters_by_category_tag_product_language_audience_and_time(agent, make_article):
    english = make_article("published", category="refunds", tags=["运费"], product="会员", language="en")
    make_article("published", tags=["退货"], audience=Audience.INTERNAL)
    reader = client_for(agent)

    def ids_for(**filters: str) -> list[int]:
        response = send(reader, "get", "/api/articles/", filters)
        assert response.status_code == 200, response.json()
        return [item["id"] for item in response.json()["results"]]

    assert ids_for(tag="运费") == [english.pk]
    assert ids_for(product="会员") == [english.pk]
    assert ids_for(language="en") == [english.pk]
    assert len(ids_for(audience="internal")) == 1
    assert len(ids_for(category="refunds")) == 2
    assert ids_for(category="no-such-category") == []
    assert ids_for(updated_since=(timezone.now() + timedelta(minutes=1)).isoformat()) == []
    assert len(ids_for(updated_since=(timezone.now() - timedelta(minutes=1)).isoformat())) == 2
    assert send(reader, "get", "/api/articles/", {"updated_since": "yesterday"}).status_code == 400


def test_editors_list_articles_by_state(editor, agent, make_article):
    draft = make_article("draft")
    make_article("published")
    listed = send(client_for(editor), "get", "/api/articles/", {"state": "draft"}).json()
    assert [(item["id"], item["version"], item["state"]) for item in listed["results"]] == [(draft.pk, 2, "draft")]
    assert send(client_for(agent), "get", "/api/articles/", {"state": "draft"}).status_code == 403


def test_lists_are_paginated(agent, editor, make_article):
    Tag.objects.bulk_create([Tag(name=f"tag {n:02}") for n in range(25)])
    first = send(client_for(agent), "get", "/api/tags/").json()
    assert (first["count"], len(first["results"]), first["previous"]) == (25, 20, None)
    assert first["next"] == "http://testserver/api/tags/?page=2"
    assert [t["name"] for t in send(client_for(agent), "get", first["next"]).json()["results"]][-1] == "tag 24"
    article = make_article("published")
    for url in ["/api/articles/", "/api/categories/", f"/api/articles/{article.pk}/versions/"]:
        page = send(client_for(editor), "get", url).json()
        assert {"count", "next", "previous", "results"} == page.keys()


def test_admins_create_categories(admin_user, agent):
    created = send(client_for(admin_user), "post", "/api/categories/create/", {"name": "Delivery"})
    assert created.status_code == 201 and created.json()["slug"] == "delivery"
    listed = send(client_for(agent), "get", "/api/categories/").json()
    assert [c["name"] for c in listed["results"]] == ["Delivery"]
    duplicate = send(client_for(admin_user), "post", "/api/categories/create/", {"name": "Delivery"})
    assert duplicate.status_code == 400 and "name" in duplicate.json()["fields"]


@pytest.mark.parametrize("state", ["published", "draft"])
def test_listing_costs_the_same_few_queries_for_any_number_of_articles(
    editor, make_article, state, django_assert_max_num_queries
):
    for _ in range(6):
        make_article(state, tags=["退货", "运费"])
    writer = client_for(editor)
    with django_assert_max_num_queries(7):  # session, user, groups, count, page, tags, + one spare
        page = send(writer, "get", "/api/articles/", {"state": state} if state == "draft" else {})
    assert page.json()["count"] == 6
