"""GET /api/search/: shapes, audience rules (portal callers see public articles only),
validation (400 with field messages), hostile input, and a permission table."""

from __future__ import annotations

import pytest

from agents.models import Channel, QueryLog
from kb.models import Audience
from search import services as search
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/api/search/"


@pytest.fixture
def indexed(publish):  # type: ignore[no-untyped-def]
    public = publish(title="退货政策（公开）", body="退货七天内可以申请。", audience=Audience.PUBLIC, product="手机")
    internal = publish(title="退货内部审批", body="退货审批由组长负责。", audience=Audience.INTERNAL)
    search.update_articles([public.pk, internal.pk])
    return public, internal


def test_an_agent_gets_results_with_highlights_facets_and_reading_urls(agent, indexed):
    public, internal = indexed
    response = client_for(agent).get(URL, {"q": "退货"})
    data = response.json()

    assert response.status_code == 200
    assert data["total"] == 2 and data["page"] == 1 and data["pages"] == 1 and data["took_ms"] >= 0
    assert {hit["id"] for hit in data["results"]} == {public.pk, internal.pk}
    hit = next(h for h in data["results"] if h["id"] == public.pk)
    assert "<mark>退货</mark>" in hit["title_html"] and hit["rank"] in (1, 2)
    assert hit["url"] == f"http://testserver{public.get_absolute_url()}"
    assert hit["api_url"] == f"http://testserver/api/articles/{public.pk}/"
    assert {"value": "手机", "label": "手机", "count": 1} in data["facets"]["product"]
    assert data["facets"]["kind"] == [{"value": "article", "label": "article", "count": 2}]
    assert data["suggestion"] is None and data["notice"] is None


def test_a_portal_caller_sees_public_articles_only(portal, indexed):
    data = client_for(portal).get(URL, {"q": "退货"}).json()

    assert [hit["id"] for hit in data["results"]] == [indexed[0].pk]
    assert data["total"] == 1


def test_filters_narrow_the_results(agent, indexed):
    data = client_for(agent).get(URL, {"q": "退货", "product": "手机"}).json()
    assert [hit["id"] for hit in data["results"]] == [indexed[0].pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"page": "0"}, "page"), ({"page": "x"}, "page"), ({"language": "fr"}, "language"),
     ({"kind": "video"}, "kind"), ({"category": "no slug!"}, "category"), ({"page_size": "500"}, "page_size")],
)  # fmt: skip
def test_bad_parameters_get_400_with_field_messages(agent, indexed, params, field):
    response = client_for(agent).get(URL, {"q": "退货", **params})

    assert response.status_code == 400
    assert field in response.json()["fields"]


@pytest.mark.parametrize("query", ["C++", '"', "AND", "*", "x" * 5000, "", "OR NOT (", "\x00"])
def test_hostile_queries_never_fail(agent, indexed, query):
    response = client_for(agent).get(URL, {"q": query})
    assert response.status_code in (200, 400)  # \x00 is refused by the field, the rest searched
    if query != "\x00":
        assert response.status_code == 200 and isinstance(response.json()["results"], list)


def test_api_searches_are_logged_with_role_and_channel_but_no_user(portal, indexed):
    client_for(portal).get(URL, {"q": "  退货 "})
    client_for(portal).get(URL, {"q": "退货", "page": 2})  # later pages are the same search

    assert list(QueryLog.objects.values_list("query", "results", "role", "channel")) == [
        ("退货", 1, "portal", Channel.API)
    ]


# (params, status for anonymous, outsider, portal, agent, editor, reviewer, admin)
ROLES = ["anonymous", "outsider", "portal", "agent", "editor", "reviewer", "admin_user"]
TABLE = [
    ({"q": "退货"}, [401, 403, 200, 200, 200, 200, 200]),
    ({"q": "退货", "page": "0"}, [401, 403, 400, 400, 400, 400, 400]),
]


@pytest.mark.parametrize(
    ("params", "role", "expected"),
    [(params, role, code) for params, codes in TABLE for role, code in zip(ROLES, codes, strict=True)],
)
def test_each_role_gets_the_expected_status(request, indexed, params, role, expected):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    assert client_for(user).get(URL, params).status_code == expected
