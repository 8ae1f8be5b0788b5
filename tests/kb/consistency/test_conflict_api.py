"""The conflict API: each role against each endpoint, then the actions and their effects."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, get_resolver

from kb.consistency import services
from kb.consistency.models import ConflictReport, ConflictStatus
from tests.conftest import client_for
from tests.kb.api.conftest import send
from tests.kb.consistency.conftest import only_report

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "portal", "agent", "editor", "reviewer", "admin_user"]
C = "/api/conflicts/{id}/"

# (method, url, assigned to the editor?, payload, status for each role in ROLES order).
# Agents and portal accounts never see reports (403); an editor sees a report assigned to them
# and gets 404 for any other; only reviewers and admins act on reports.
TABLE: list[tuple[str, str, bool, dict[str, Any], list[int]]] = [
    ("get", "/api/conflicts/", False, {}, [401, 403, 403, 403, 200, 200, 200]),
    ("get", C, False, {}, [401, 403, 403, 403, 404, 200, 200]),
    ("get", C, True, {}, [401, 403, 403, 403, 200, 200, 200]),
    ("post", C + "dismiss/", False, {"reason": "活动特例"}, [401, 403, 403, 403, 403, 200, 200]),
    ("post", C + "dismiss/", True, {"reason": "活动特例"}, [401, 403, 403, 403, 403, 200, 200]),
    ("post", C + "assign/", False, {"assignee": "erin_editor"}, [401, 403, 403, 403, 403, 200, 200]),
]
CASES = [
    pytest.param(method, url, assigned, payload, role, expected, id=f"{method} {url} {assigned} {role}")
    for method, url, assigned, payload, codes in TABLE
    for role, expected in zip(ROLES, codes, strict=True)
]


@pytest.fixture
def report(conflicting_pair) -> ConflictReport:  # type: ignore[no-untyped-def]
    services.check_article_conflicts(article=conflicting_pair[1])
    return only_report()


@pytest.mark.parametrize(("method", "url", "assigned", "payload", "role", "expected"), CASES)
def test_each_role_gets_the_expected_status(request, report, editor, method, url, assigned, payload, role, expected):
    if assigned:
        ConflictReport.objects.filter(pk=report.pk).update(assigned_to=editor)
    user = None if role == "anonymous" else request.getfixturevalue(role)

    response = send(client_for(user), method, url.format(id=report.pk), payload)

    assert response.status_code == expected, getattr(response, "data", response.content[:300])


def test_every_conflict_api_url_has_a_row_in_the_table():
    api = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/")
    conflicts = next(p for p in api.url_patterns if str(p.pattern) == "conflicts/")
    routes = {
        "/api/conflicts/" + str(p.pattern).replace("<int:conflict_id>", "{id}")
        for p in conflicts.url_patterns
        if isinstance(p, URLPattern)
    }
    assert routes == {url for _, url, *_ in TABLE}


def test_the_list_is_paginated_filtered_and_shows_both_sides(report, reviewer):
    client = client_for(reviewer)

    listed = client.get("/api/conflicts/").json()
    [item] = listed["results"]
    assert listed["count"] == 1
    assert item["kind"] == "numeric" and item["status"] == "open"
    assert {item["a"]["value"], item["b"]["value"]} == {"7 天", "15 天"}
    assert item["a"]["version"] == 1 and item["a"]["article_id"] and item["a"]["evidence"]
    assert item["explanation"] == item["explanation_en"]

    assert client.get("/api/conflicts/", {"kind": "polarity"}).json()["count"] == 0
    assert client.get("/api/conflicts/", {"category": "refunds", "min_confidence": 0.5}).json()["count"] == 1
    assert client.get("/api/conflicts/", {"status": "dismissed"}).json()["count"] == 0
    bad = client.get("/api/conflicts/", {"kind": "nope", "min_confidence": "high"})
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"kind", "min_confidence"}


def test_dismiss_needs_a_reason_and_records_it_in_the_history(report, reviewer):
    client = client_for(reviewer)

    refused = send(client, "post", f"/api/conflicts/{report.pk}/dismiss/", {"reason": " "})
    assert refused.status_code == 400 and "reason" in refused.json()["fields"]

    done = send(client, "post", f"/api/conflicts/{report.pk}/dismiss/", {"reason": "活动特例"}).json()
    assert done["status"] == "dismissed" and done["dismissed_by"] == "rita_reviewer"
    assert [e["action"] for e in done["history"]] == ["opened", "dismissed"]

    again = send(client, "post", f"/api/conflicts/{report.pk}/dismiss/", {"reason": "x"})
    assert again.status_code == 409
    report.refresh_from_db()
    assert report.status == ConflictStatus.DISMISSED


def test_assigning_to_a_non_editor_is_refused(report, reviewer, agent, editor):
    client = client_for(reviewer)

    refused = send(client, "post", f"/api/conflicts/{report.pk}/assign/", {"assignee": agent.username})
    assert refused.status_code == 400 and "assignee" in refused.json()["fields"]
    unknown = send(client, "post", f"/api/conflicts/{report.pk}/assign/", {"assignee": "nobody"})
    assert unknown.status_code == 400

    done = send(client, "post", f"/api/conflicts/{report.pk}/assign/", {"assignee": editor.username})
    assert done.status_code == 200 and done.json()["assigned_to"] == editor.username
    assert client_for(editor).get("/api/conflicts/").json()["count"] == 1
