"""Each role against each API endpoint. A new endpoint without a row here fails
test_every_api_url_has_a_row_in_the_table."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, get_resolver

from kb.models import Audience
from tests.conftest import client_for
from tests.kb.api.conftest import send

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "portal", "agent", "editor", "reviewer", "admin_user"]
A = "/api/articles/{id}/"

# (method, url, article state, payload, status for each role in ROLES order)
# Anonymous gets 401 (token authentication first), a user without a role 403. Readers get 404,
# never 403, for an article they may not see, so that its existence is not confirmed.
TABLE: list[tuple[str, str, str, dict[str, Any], list[int]]] = [
    ("get", "/api/articles/", "published", {}, [401, 403, 200, 200, 200, 200, 200]),
    ("get", "/api/articles/", "draft", {"state": "draft"}, [401, 403, 403, 403, 200, 200, 200]),
    (
        "post",
        "/api/articles/create/",
        "none",
        {"title": "t", "body": "b", "category": "refunds"},
        [401, 403, 403, 403, 201, 201, 201],
    ),
    ("get", A, "published", {}, [401, 403, 200, 200, 200, 200, 200]),
    ("get", A, "internal", {}, [401, 403, 404, 200, 200, 200, 200]),
    ("get", A, "new", {}, [401, 403, 404, 404, 404, 404, 404]),
    ("get", A + "versions/", "published", {}, [401, 403, 403, 403, 200, 200, 200]),
    ("get", A + "versions/1/", "draft", {}, [401, 403, 200, 200, 200, 200, 200]),
    ("get", A + "versions/2/", "draft", {}, [401, 403, 404, 404, 200, 200, 200]),
    (
        "put",
        A + "draft/",
        "published",
        {"title": "t", "body": "b", "category": "refunds", "base_revision": "REV"},
        [401, 403, 403, 403, 200, 200, 200],
    ),
    ("patch", A + "draft/", "published", {"body": "b", "base_revision": "REV"}, [401, 403, 403, 403, 200, 200, 200]),
    ("post", A + "submit/", "draft", {}, [401, 403, 403, 403, 200, 200, 200]),
    ("post", A + "publish/", "draft", {}, [401, 403, 403, 403, 403, 200, 200]),
    ("post", A + "send-back/", "in_review", {"comment": "c"}, [401, 403, 403, 403, 403, 200, 200]),
    ("post", A + "archive/", "published", {}, [401, 403, 403, 403, 403, 200, 200]),
    ("post", A + "discard/", "draft", {}, [401, 403, 403, 403, 200, 200, 200]),
    ("post", A + "rollback/", "published", {"version": 1}, [401, 403, 403, 403, 201, 201, 201]),
    ("get", A + "diff/", "draft", {"from": 1, "to": 2}, [401, 403, 403, 403, 200, 200, 200]),
    ("get", "/api/categories/", "none", {}, [401, 403, 200, 200, 200, 200, 200]),
    ("post", "/api/categories/create/", "none", {"name": "Delivery"}, [401, 403, 403, 403, 403, 403, 201]),
    ("get", "/api/tags/", "none", {}, [401, 403, 200, 200, 200, 200, 200]),
    ("get", "/api/schema/", "none", {}, [401, 200, 200, 200, 200, 200, 200]),
    ("get", "/api/docs/", "none", {}, [302, 200, 200, 200, 200, 200, 200]),
]
CASES = [
    pytest.param(method, url, state, payload, role, expected, id=f"{method} {url} {state} {role}")
    for method, url, state, payload, codes in TABLE
    for role, expected in zip(ROLES, codes, strict=True)
]


@pytest.mark.parametrize(("method", "url", "state", "payload", "role", "expected"), CASES)
def test_each_role_gets_the_expected_status(request, make_article, method, url, state, payload, role, expected):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if state == "none":
        request.getfixturevalue("category")
    else:
        internal = state == "internal"
        article = make_article("published" if internal else state, Audience.INTERNAL if internal else Audience.PUBLIC)
        url = url.format(id=article.pk)
        payload = {k: article.revision if v == "REV" else v for k, v in payload.items()}

    response = send(client_for(user), method, url, payload)

    assert response.status_code == expected, getattr(response, "data", response.content[:300])


def test_every_api_url_has_a_row_in_the_table():
    api = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/")
    patterns = [str(p.pattern) for p in api.url_patterns if isinstance(p, URLPattern)]
    routes = {"/api/" + p.replace("<int:article_id>", "{id}").replace("<int:number>", "1") for p in patterns}
    tested = {url.replace("versions/2/", "versions/1/") for _, url, *_ in TABLE}
    assert routes == tested
