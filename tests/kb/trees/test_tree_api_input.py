"""Hostile and clumsy input over the API: malformed graphs, wrong types, huge graphs and
bodies, stale revisions. Always a 4xx with messages that name the node, never a 500."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connections
from django.http import HttpResponse

from kb import roles
from kb.trees import selectors, services
from kb.trees.models import QuestionTree, TreeVersion
from tests.conftest import client_for, make_user
from tests.kb.api.conftest import send
from tests.kb.trees.conftest import parcel_graph

pytestmark = pytest.mark.django_db


def create(client: Any, graph: Any, **fields: Any) -> HttpResponse:
    return send(client, "post", "/api/trees/create/", {"title": "包裹显示已签收但未收到", "graph": graph, **fields})


def chain(length: int) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = [
        {
            "id": f"q{n}",
            "type": "question",
            "prompt": f"Question {n}?",
            "options": [{"label": "Next", "next": f"q{n + 1}" if n < length else "end"}],
        }
        for n in range(1, length + 1)
    ]
    nodes.append({"id": "end", "type": "outcome", "outcome": "resolved", "resolution": "Done."})
    return {"start": "q1", "nodes": nodes}


def test_a_new_tree_with_graph_problems_is_saved_and_its_problems_listed_by_node(editor):
    graph = parcel_graph()
    graph["nodes"][1]["options"].append({"label": "找到了", "next": "nowhere"})

    response = create(client_for(editor), graph)

    assert response.status_code == 201, response.json()
    problems = [(p["node_id"], p["field"], p["code"]) for p in response.json()["problems"]]
    assert problems == [
        ("neighbour", "options.3.label", "duplicate_label"),
        ("neighbour", "options.3.next", "unknown_target"),
    ]
    tree = QuestionTree.objects.get()
    submit = send(client_for(editor), "post", f"/api/trees/{tree.pk}/submit/")
    assert submit.status_code == 400
    assert submit.json()["fields"]["graph.nodes.neighbour.options.3.next"] == [
        "Node “neighbour”: option 3 (“找到了”) leads to “nowhere”, which does not exist."
    ]


MALFORMED = [
    ("graph is text", "delivered -> neighbour", "graph.graph", "must be a JSON object"),
    ("graph is a list", [parcel_graph()], "graph.graph", "must be a JSON object"),
    ("nodes is an object", {"start": "a", "nodes": {"a": {}}}, "graph.nodes", "must be a list"),
    ("node without id", {"start": "a", "nodes": [{"type": "outcome"}]}, "graph.nodes.1.id", "Node 1 in the list"),
    ("unknown node type", {"start": "a", "nodes": [{"id": "a", "type": "menu"}]}, "graph.nodes.a.type", "Node “a”"),
    (
        "prompt is a number",
        {"start": "a", "nodes": [{"id": "a", "type": "question", "prompt": 42}]},
        "graph.nodes.a.prompt",
        "Node “a”: “prompt” must be text.",
    ),
    (
        "next is a list",
        {"start": "a", "nodes": [{"id": "a", "type": "question", "options": [{"label": "x", "next": ["b"]}]}]},
        "graph.nodes.a.options.1.next",
        "Node “a”",
    ),
    (
        "NUL in a resolution",
        {"start": "a", "nodes": [{"id": "a", "type": "outcome", "resolution": "a\u0000b"}]},
        "graph.nodes.a.resolution",
        "cannot be stored",
    ),
    (
        "501 nodes",
        {"start": "n0", "nodes": [{"id": f"n{n}", "type": "outcome"} for n in range(501)]},
        "graph.nodes",
        "at most 500 nodes",
    ),
]


@pytest.mark.parametrize(("graph", "key", "words"), [pytest.param(*case[1:], id=case[0]) for case in MALFORMED])
def test_a_malformed_graph_is_a_400_naming_the_node_and_field(editor, graph, key, words):
    response = create(client_for(editor), graph)

    assert response.status_code == 400, response.content[:300]
    assert words in response.json()["fields"][key][0]
    assert not QuestionTree.objects.exists()


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"title": ["a"]}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"language": "fr"}, "language"),
        ({"audience": "everyone"}, "audience"),
        ({"category": "no-such-category"}, "category"),
        ({"description": {"a": 1}}, "description"),
        ({"external_id": "x" * 101}, "external_id"),
        ({"product": "x" * 101}, "product"),
    ],
)
def test_wrong_types_and_values_in_the_tree_fields_are_400(editor, fields, key):
    response = create(client_for(editor), parcel_graph(), **fields)

    assert response.status_code == 400, response.content[:300]
    assert key in response.json()["fields"]


def test_a_graph_of_500_nodes_in_one_long_chain_is_saved_with_a_deep_path_warning(editor):
    response = create(client_for(editor), chain(499))

    assert response.status_code == 201
    assert [(p["code"], p["node_id"]) for p in response.json()["problems"]] == [("deep_path", "q499")]


def test_a_body_over_the_cap_is_refused_cleanly(editor):
    graph = {"start": "a", "nodes": [{"id": "a", "type": "outcome", "resolution": "x" * 3_000_000}]}

    assert create(client_for(editor), graph).status_code == 413


@pytest.mark.parametrize("body", ["[" * 100_000, "{", '{"title": "t", "graph": NaN}', "\xff"])
def test_a_body_that_is_not_json_is_a_400(editor, body):
    response = client_for(editor).post("/api/trees/create/", body, content_type="application/json")

    assert response.status_code == 400


@pytest.mark.parametrize("option", [True, None, "", [1], {"n": 1}, 0, 3, 10**30, "x" * 600, 1.5])
def test_a_bad_option_is_a_400_and_records_nothing(agent, make_tree, option):
    tree = make_tree()
    client = client_for(agent)
    run_id = send(client, "post", f"/api/trees/{tree.pk}/runs/").json()["id"]

    response = send(client, "post", f"/api/trees/runs/{run_id}/choose/", {"option": option})

    assert response.status_code == 400, response.content[:300]
    assert "option" in response.json()["fields"]
    assert send(client, "get", f"/api/trees/runs/{run_id}/").json()["path"] == []


@pytest.mark.parametrize("resolved", ["yes", 1, None, "true"])
def test_resolved_must_be_true_or_false(agent, make_tree, resolved):
    tree = make_tree()
    client = client_for(agent)
    run_id = send(client, "post", f"/api/trees/{tree.pk}/runs/").json()["id"]
    send(client, "post", f"/api/trees/runs/{run_id}/choose/", {"option": 2})

    response = send(client, "post", f"/api/trees/runs/{run_id}/finish/", {"resolved": resolved})

    assert response.status_code == 400
    assert response.json()["fields"]["resolved"]


def test_a_stale_base_revision_is_a_409_carrying_the_other_editors_graph(editor, editor2, make_tree):
    tree = make_tree()
    base = tree.revision
    mine = parcel_graph()
    mine["nodes"][0]["prompt"] = "Erin's prompt"
    first = send(client_for(editor), "patch", f"/api/trees/{tree.pk}/draft/", {"graph": mine, "base_revision": base})
    assert first.status_code == 200, first.json()

    second = send(
        client_for(editor2), "patch", f"/api/trees/{tree.pk}/draft/", {"title": "Evan", "base_revision": base}
    )

    assert second.status_code == 409
    assert second.json()["current"]["graph"]["nodes"][0]["prompt"] == "Erin's prompt"
    assert second.json()["current_revision"] == base + 1
    assert selectors.open_tree_version(tree).title == "包裹显示已签收但未收到"


@pytest.mark.parametrize(
    ("url", "query", "expected"),
    [
        ("/api/trees/", {"language": "xx"}, 400),
        ("/api/trees/{id}/analytics/", {"version": "abc"}, 400),
        ("/api/trees/{id}/analytics/", {"version": 99}, 404),
        ("/api/trees/{id}/analytics/", {"idle_minutes": -1}, 400),
        ("/api/trees/{id}/validate/", {"version": 0}, 400),
        ("/api/trees/{id}/versions/99/", {}, 404),
        ("/api/trees/999999/", {}, 404),
    ],
)
def test_bad_query_values_are_400_and_unknown_things_404(editor, make_tree, url, query, expected):
    tree = make_tree()

    response = send(client_for(editor), "get", url.format(id=tree.pk), query)

    assert response.status_code == expected


def test_rollback_to_a_version_that_does_not_exist_is_a_400(editor, make_tree):
    tree = make_tree()

    response = send(client_for(editor), "post", f"/api/trees/{tree.pk}/rollback/", {"version": 7})

    assert response.status_code == 400
    assert response.json()["fields"]["version"] == ["This tree has no version 7."]


EDITORS = 10


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_saves_from_one_base_give_one_200_and_nine_409s():
    editors = [make_user(f"tree_editor_{n}", roles.EDITOR) for n in range(EDITORS)]
    clients = [client_for(editor) for editor in editors]
    tree_id = create(clients[0], parcel_graph()).json()["id"]
    base = QuestionTree.objects.get(pk=tree_id).revision
    barrier = threading.Barrier(EDITORS)
    responses: dict[int, HttpResponse] = {}
    errors: dict[int, Exception] = {}

    def save(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            responses[n] = send(
                clients[n], "patch", f"/api/trees/{tree_id}/draft/", {"title": f"editor {n}", "base_revision": base}
            )
        except Exception as error:  # a 500 or a lock error: report it below instead of losing it in the thread
            errors[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert sorted(r.status_code for r in responses.values()) == [200] + [409] * (EDITORS - 1)
    winner = next(n for n, r in responses.items() if r.status_code == 200)
    assert [v.title for v in TreeVersion.objects.filter(tree_id=tree_id)] == [f"editor {winner}"]
    assert json.loads(responses[winner].content)["revision"] == base + 1


def test_a_tree_keeps_the_product_it_is_about_and_the_list_filters_by_it(editor, reviewer):
    client = client_for(editor)
    created = create(client, parcel_graph(), product=" 星辰宽带 ")
    assert created.status_code == 201, created.content[:300]
    tree = QuestionTree.objects.get()
    services.publish_tree(tree=tree, by=reviewer)
    create(client, parcel_graph(), title="另一棵树")  # no product

    detail = client.get(f"/api/trees/{tree.pk}/").json()
    listed = client.get("/api/trees/", {"product": "星辰宽带"}).json()

    assert detail["product"] == "星辰宽带"
    assert [t["id"] for t in listed["results"]] == [tree.pk]
