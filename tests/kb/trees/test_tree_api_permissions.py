"""Each role against each tree API endpoint. A new tree endpoint without a row here fails
test_every_tree_api_url_has_a_row_in_the_table."""

from __future__ import annotations

from typing import Any

import pytest

from kb.api import trees_urls
from kb.models import Audience
from kb.trees import runs, selectors
from tests.conftest import client_for
from tests.kb.api.conftest import send
from tests.kb.trees.conftest import parcel_graph

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "portal", "agent", "editor", "reviewer", "admin_user"]
T = "/api/trees/{id}/"
R = "/api/trees/runs/{run}/"
EDITORS = [401, 403, 403, 403, 200, 200, 200]
REVIEWERS = [401, 403, 403, 403, 403, 200, 200]
RUNNERS = [401, 403, 200, 200, 200, 200, 200]
GRAPH = parcel_graph()

# (method, url, state, payload, status for each role in ROLES order)
# Anonymous gets 401 (token authentication first), a user without a role 403. Runners get
# 404, never 403, for a tree or run they may not see, so that its existence is not confirmed.
TABLE: list[tuple[str, str, str, dict[str, Any], list[int]]] = [
    ("get", "/api/trees/", "published", {}, RUNNERS),
    ("get", "/api/trees/", "draft", {"state": "draft"}, EDITORS),
    ("post", "/api/trees/create/", "none", {"title": "t", "graph": GRAPH}, [401, 403, 403, 403, 201, 201, 201]),
    ("post", "/api/trees/validate/", "none", {"graph": GRAPH}, EDITORS),
    ("get", T, "published", {}, RUNNERS),
    ("get", T, "internal", {}, [401, 403, 404, 200, 200, 200, 200]),
    ("get", T, "new", {}, [401, 403, 404, 404, 404, 404, 404]),
    ("get", T + "versions/", "published", {}, EDITORS),
    ("get", T + "versions/1/", "draft", {}, RUNNERS),
    ("get", T + "versions/2/", "draft", {}, [401, 403, 404, 404, 200, 200, 200]),
    ("get", T + "diff/", "draft", {"from": 1, "to": 2}, EDITORS),
    ("put", T + "draft/", "published", {"title": "t", "graph": GRAPH, "base_revision": "REV"}, EDITORS),
    ("patch", T + "draft/", "published", {"title": "t", "base_revision": "REV"}, EDITORS),
    ("post", T + "submit/", "draft", {}, EDITORS),
    ("post", T + "publish/", "draft", {}, REVIEWERS),
    ("post", T + "send-back/", "in_review", {"comment": "c"}, REVIEWERS),
    ("post", T + "archive/", "published", {}, REVIEWERS),
    ("post", T + "discard/", "draft", {}, EDITORS),
    ("post", T + "rollback/", "published", {"version": 1}, [401, 403, 403, 403, 201, 201, 201]),
    ("get", T + "validate/", "draft", {}, EDITORS),
    ("get", T + "analytics/", "published", {}, EDITORS),
    ("post", T + "runs/", "published", {}, [401, 403, 201, 201, 201, 201, 201]),
    ("post", T + "runs/", "internal", {}, [401, 403, 404, 201, 201, 201, 201]),
    ("post", T + "runs/", "draft-only", {}, [401, 403, 404, 404, 404, 404, 404]),
    ("get", R, "own-run", {}, RUNNERS),
    ("get", R, "others-run", {}, [401, 403, 404, 404, 404, 404, 404]),
    ("post", R + "choose/", "own-run", {"option": 1}, RUNNERS),
    ("post", R + "choose/", "others-run", {"option": 1}, [401, 403, 404, 404, 404, 404, 404]),
    ("post", R + "back/", "own-run-stepped", {}, RUNNERS),
    ("post", R + "restart/", "own-run", {}, RUNNERS),
    ("post", R + "finish/", "own-run-at-outcome", {"resolved": True}, RUNNERS),
]
CASES = [
    pytest.param(method, url, state, payload, role, expected, id=f"{method} {url} {state} {role}")
    for method, url, state, payload, codes in TABLE
    for role, expected in zip(ROLES, codes, strict=True)
]


@pytest.mark.parametrize(("method", "url", "state", "payload", "role", "expected"), CASES)
def test_each_role_gets_the_expected_status(request, make_tree, agent, method, url, state, payload, role, expected):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if state != "none":
        tree_state = {"internal": "published", "draft-only": "new"}.get(state, state)
        if state.startswith(("own-run", "others-run")):
            tree_state = "published"
        tree = make_tree(tree_state, Audience.INTERNAL if state == "internal" else Audience.PUBLIC)
        fields = {"id": tree.pk, "run": 0}
        if "run" in state:
            runner = agent if state.startswith("others") or role in ("anonymous", "outsider") else user
            if state.startswith("others") and role == "agent":
                runner = request.getfixturevalue("editor")
            run = runs.start_tree_run(version=selectors.published_tree_version(tree), by=runner)
            if state.endswith(("stepped", "at-outcome")):
                run = runs.record_tree_step(run=run, option=2, by=runner)  # 否 -> the in-transit outcome
            fields["run"] = run.pk
        url = url.format(**fields)
        payload = {k: tree.revision if v == "REV" else v for k, v in payload.items()}

    response = send(client_for(user), method, url, payload)

    assert response.status_code == expected, getattr(response, "data", response.content[:300])


def test_every_tree_api_url_has_a_row_in_the_table():
    routes = {
        "/api/trees/"
        + str(p.pattern).replace("<int:tree_id>", "{id}").replace("<int:run_id>", "{run}").replace("<int:number>", "1")
        for p in trees_urls.urlpatterns
    }
    tested = {url.replace("versions/2/", "versions/1/") for _, url, *_ in TABLE}
    assert routes == tested
