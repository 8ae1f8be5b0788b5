"""Each graph rule on its own: a valid graph with one thing broken gives exactly that
problem, on that node and field, with a message that names the node."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation

from kb import services as article_services
from kb.trees.validation import ERROR, WARNING, normalize_graph, validate_graph
from tests.kb.trees.conftest import parcel_graph

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def node(graph: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in graph["nodes"] if n["id"] == node_id)


def chain(length: int) -> dict[str, Any]:
    """q1 -> q2 -> ... -> q<length> -> end."""
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


def test_the_example_graph_has_no_problems():
    assert validate_graph(parcel_graph()) == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(graph: dict[str, Any]) -> None:
        node_id, *keys = path.split(".")
        target: Any = node(graph, node_id)
        for key in keys[:-1]:
            target = target[int(key) - 1] if key.isdigit() else target[key]
        last = keys[-1]
        if last.isdigit():
            target[int(last) - 1] = value
        else:
            target[last] = value

    return change


def _add_option(node_id: str, label: str, target: str) -> Callable[[dict[str, Any]], None]:
    return lambda graph: node(graph, node_id)["options"].append({"label": label, "next": target})


def _add_question(node_id: str, options: list[dict[str, str]]) -> Callable[[dict[str, Any]], None]:
    """A new question the start node leads to (so that it is reachable)."""

    def change(graph: dict[str, Any]) -> None:
        graph["nodes"].append({"id": node_id, "type": "question", "prompt": "?", "options": options})
        node(graph, "delivered")["options"].append({"label": "不确定", "next": node_id})

    return change


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str, str | None, str, str]] = [
    # (name, change, code, node, field, words in the message)
    ("missing start", lambda g: g.pop("start"), "missing_start", None, "start", "start node"),
    ("unknown start", lambda g: g.update(start="nowhere"), "unknown_start", None, "start", "“nowhere”"),
    (
        "option pointing nowhere",
        _add_option("neighbour", "不清楚", ""),
        "dangling_option",
        "neighbour",
        "options.3.next",
        "Node “neighbour”: option 3 (“不清楚”) does not lead",
    ),
    (
        "option pointing to an unknown node",
        _add_option("neighbour", "不清楚", "ghost"),
        "unknown_target",
        "neighbour",
        "options.3.next",
        "leads to “ghost”, which does not exist",
    ),
    ("question without options", _add_question("extra", []), "no_options", "extra", "options", "Node “extra”"),
    ("empty prompt", _set("neighbour.prompt", "   "), "empty_text", "neighbour", "prompt", "Node “neighbour”"),
    ("empty resolution", _set("found.resolution", ""), "empty_text", "found", "resolution", "Node “found”"),
    (
        "empty label",
        _set("neighbour.options.1.label", ""),
        "empty_text",
        "neighbour",
        "options.1.label",
        "option 1 has no label",
    ),
    (
        "duplicate labels ignoring case",
        _set("neighbour.options.2.label", "找到了"),
        "duplicate_label",
        "neighbour",
        "options.2.label",
        "same label as option 1",
    ),
    ("unknown outcome type", _set("found.outcome", "maybe"), "unknown_outcome", "found", "outcome", "“maybe”"),
    ("handoff without a tree", _set("found.outcome", "handoff"), "no_handoff_tree", "found", "tree", "Node “found”"),
    (
        "unpublished article link",
        _set("found.articles", ["no-such-article"]),
        "article_not_published",
        "found",
        "articles.1",
        "“no-such-article” is not published",
    ),
]


@pytest.mark.parametrize(
    ("change", "code", "node_id", "field", "words"), [pytest.param(*case[1:], id=case[0]) for case in BROKEN]
)
def test_each_broken_rule_is_one_error_naming_the_node(change, code, node_id, field, words):
    graph = parcel_graph()
    change(graph)

    problems = validate_graph(graph)

    assert [(p.code, p.node_id, p.field, p.severity) for p in problems] == [(code, node_id, field, ERROR)]
    assert words in problems[0].message


def test_a_node_nobody_leads_to_is_unreachable():
    graph = parcel_graph()
    graph["nodes"].append({"id": "orphan", "type": "outcome", "outcome": "resolved", "resolution": "?"})

    problems = validate_graph(graph)

    assert [(p.code, p.node_id) for p in problems] == [("unreachable", "orphan")]
    assert "Node “orphan” cannot be reached" in problems[0].message


def test_a_loop_is_reported_at_the_option_that_closes_it_with_its_path():
    graph = parcel_graph()
    node(graph, "neighbour")["options"][1]["next"] = "delivered"

    problems = [p for p in validate_graph(graph) if p.severity == ERROR]

    assert [(p.code, p.node_id, p.field) for p in problems] == [
        ("cycle", "neighbour", "options.2.next"),
        ("unreachable", "claim", "id"),
    ]
    assert "delivered → neighbour → delivered" in problems[0].message


def test_an_option_leading_to_its_own_node_is_a_loop():
    graph = parcel_graph()
    node(graph, "delivered")["options"].append({"label": "不确定", "next": "delivered"})

    assert [p.code for p in validate_graph(graph)] == ["cycle"]


def test_a_published_article_can_be_linked_by_id_or_external_id(editor, reviewer, category):
    data = article_services.ArticleInput(title="丢件理赔", body="……", category=category.slug)
    article = article_services.create_article(data=data, by=editor, external_id="claims-001").article
    graph = parcel_graph()
    node(graph, "claim")["articles"] = [article.pk, "claims-001"]
    assert [p.code for p in validate_graph(graph)] == ["article_not_published", "article_not_published"]

    article_services.publish_article(article=article, by=reviewer)

    assert validate_graph(graph) == []


def test_a_path_through_more_than_twelve_questions_is_only_a_warning():
    assert validate_graph(chain(12)) == []

    problems = validate_graph(chain(13))

    assert [(p.code, p.node_id, p.severity) for p in problems] == [("deep_path", "q13", WARNING)]
    assert "13 questions" in problems[0].message


def test_a_question_with_more_than_nine_options_is_only_a_warning():
    graph = parcel_graph()
    node(graph, "neighbour")["options"] += [{"label": f"Answer {n}", "next": "found"} for n in range(3, 11)]

    problems = validate_graph(graph)

    assert [(p.code, p.node_id, p.severity) for p in problems] == [("many_options", "neighbour", WARNING)]


def test_escalating_without_a_team_is_a_warning():
    graph = parcel_graph()
    node(graph, "claim")["team"] = ""

    assert [(p.code, p.severity) for p in validate_graph(graph)] == [("no_team", WARNING)]


MALFORMED: list[tuple[str, Any, str, str | None, str, str]] = [
    ("not an object", ["start"], "wrong_type", None, "graph", "JSON object"),
    ("nodes not a list", {"start": "a", "nodes": {"a": 1}}, "wrong_type", None, "nodes", "list of nodes"),
    ("start not text", {"start": 1, "nodes": []}, "wrong_type", None, "start", "“start”"),
    ("node not an object", {"start": "a", "nodes": ["a"]}, "wrong_type", None, "nodes.1", "Node 1"),
    ("node without id", {"start": "a", "nodes": [{"type": "question"}]}, "missing_id", None, "nodes.1.id", "Node 1"),
    ("numeric id", {"start": "a", "nodes": [{"id": 7, "type": "outcome"}]}, "missing_id", None, "nodes.1.id", "no id"),
    (
        "duplicate id",
        {"start": "a", "nodes": [{"id": "a", "type": "outcome"}, {"id": "a", "type": "outcome"}]},
        "duplicate_id",
        "a",
        "id",
        "Node “a”",
    ),
    ("unknown type", {"start": "a", "nodes": [{"id": "a", "type": "quiz"}]}, "unknown_type", "a", "type", "“quiz”"),
    (
        "prompt not text",
        {"start": "a", "nodes": [{"id": "a", "type": "question", "prompt": ["?"]}]},
        "wrong_type",
        "a",
        "prompt",
        "Node “a”: “prompt” must be text",
    ),
    (
        "options not a list",
        {"start": "a", "nodes": [{"id": "a", "type": "question", "options": "yes/no"}]},
        "wrong_type",
        "a",
        "options",
        "Node “a”",
    ),
    (
        "option not an object",
        {"start": "a", "nodes": [{"id": "a", "type": "question", "options": ["yes"]}]},
        "wrong_type",
        "a",
        "options.1",
        "option 1",
    ),
    (
        "label not text",
        {"start": "a", "nodes": [{"id": "a", "type": "question", "options": [{"label": 1, "next": "a"}]}]},
        "wrong_type",
        "a",
        "options.1.label",
        "Node “a”",
    ),
    (
        "misspelt key",
        {"start": "a", "nodes": [{"id": "a", "type": "question", "promt": "?"}]},
        "unknown_field",
        "a",
        "promt",
        "unknown field “promt”",
    ),
    (
        "article link of the wrong type",
        {"start": "a", "nodes": [{"id": "a", "type": "outcome", "articles": [True]}]},
        "wrong_type",
        "a",
        "articles.1",
        "article link 1",
    ),
    (
        "too many nodes",
        {"start": "a", "nodes": [{"id": f"n{n}", "type": "outcome"} for n in range(501)]},
        "too_many_nodes",
        None,
        "nodes",
        "at most 500",
    ),
    (
        "text over its limit",
        {"start": "a", "nodes": [{"id": "a", "type": "question", "prompt": "x" * 10_001}]},
        "too_long",
        "a",
        "prompt",
        "10000",
    ),
]


@pytest.mark.parametrize(
    ("graph", "code", "node_id", "field", "words"), [pytest.param(*case[1:], id=case[0]) for case in MALFORMED]
)
def test_a_malformed_graph_cannot_be_normalized_and_the_problem_is_named(graph, code, node_id, field, words):
    canonical, problems = normalize_graph(graph)

    assert canonical is None
    assert (problems[0].code, problems[0].node_id, problems[0].field) == (code, node_id, field)
    assert words in problems[0].message
    assert validate_graph(graph) == problems


def test_the_canonical_form_fills_in_optional_keys_strips_text_and_orders_keys():
    canonical, problems = normalize_graph(
        {"nodes": [{"type": "outcome", "id": " end ", "resolution": " Done. ", "outcome": "resolved"}], "start": "end"}
    )

    assert problems == []
    assert canonical == {
        "start": "end",
        "nodes": [
            {
                "id": "end",
                "type": "outcome",
                "resolution": "Done.",
                "outcome": "resolved",
                "team": "",
                "tree": "",
                "articles": [],
            }
        ],
    }
    assert list(canonical["nodes"][0]) == ["id", "type", "resolution", "outcome", "team", "tree", "articles"]
