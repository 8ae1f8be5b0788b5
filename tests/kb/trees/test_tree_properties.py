"""Property-based tests: random well-formed trees survive export -> import -> export
unchanged, and random malformed input is refused with ValidationFailed, never another
exception. Each example runs in a savepoint that is rolled back, so that every example
starts from an empty database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.errors import ValidationFailed
from kb.trees import services
from kb.trees.models import QuestionTree
from kb.trees.transfer import dump_trees, export_trees, import_trees
from kb.trees.validation import OUTCOME_KINDS, validate_graph

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Any text a person might type (Chinese, emoji, Markdown, odd whitespace) except what no
# database can store, which the malformed strategies below send on purpose.
CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.text(CHARACTERS, min_size=1, max_size=40).filter(lambda s: s.strip())
IDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_包裹签收 "), min_size=1, max_size=12).filter(
    lambda s: s.strip()
)


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@st.composite
def graphs(draw: st.DrawFn) -> dict[str, Any]:
    """A graph with no errors: nodes in an order where every option leads forwards (no
    loops), every node after the first reached from an earlier question, questions first."""
    questions = draw(st.integers(0, 5))
    outcomes = draw(st.integers(1, 4)) if questions else 1  # a lone outcome can be a whole tree
    ids = draw(
        st.lists(IDS, min_size=questions + outcomes, max_size=questions + outcomes, unique_by=lambda s: s.strip())
    )
    targets: list[list[int]] = [[] for _ in range(questions)]
    for index in range(1, len(ids)):
        targets[draw(st.integers(0, min(index, questions) - 1))].append(index)
    for index in range(questions):
        targets[index] += draw(st.lists(st.integers(index + 1, len(ids) - 1), max_size=2))
        if not targets[index]:
            targets[index].append(draw(st.integers(index + 1, len(ids) - 1)))
    nodes: list[dict[str, Any]] = []
    for index, node_id in enumerate(ids):
        if index < questions:
            node: dict[str, Any] = {"id": node_id, "type": "question", "prompt": draw(TEXT)}
            if draw(st.booleans()):
                node["guidance"] = draw(TEXT)
            node["options"] = [
                {"label": f"{draw(TEXT)} #{number}", "next": ids[target]}
                for number, target in enumerate(targets[index], start=1)
            ]
        else:
            kind = draw(st.sampled_from([k for k in OUTCOME_KINDS if k != "handoff"]))
            node = {"id": node_id, "type": "outcome", "resolution": draw(TEXT), "outcome": kind}
            if kind == "escalate":
                node["team"] = draw(TEXT)
        nodes.append(dict(draw(st.permutations(list(node.items())))))  # any key order
    return {"start": ids[0], "nodes": nodes}


@st.composite
def tree_records(draw: st.DrawFn, external_id: str) -> dict[str, Any]:
    record = {
        "external_id": external_id,
        "title": draw(TEXT),
        "description": draw(st.one_of(st.just(""), TEXT)),
        "language": draw(st.sampled_from(["zh-hans", "zh-hant", "en"])),
        "category": draw(st.sampled_from(["", "物流配送", "Billing"])),
        "audience": draw(st.sampled_from(["internal", "public"])),
        "graph": draw(graphs()),
    }
    return dict(draw(st.permutations(list(record.items()))))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(IDS, min_size=1, max_size=3, unique_by=lambda s: s.strip()))
    return {"trees": [draw(tree_records(external_id)) for external_id in ids]}


@EXAMPLES
@given(document=documents(), publish=st.booleans())
def test_random_well_formed_trees_round_trip_through_export_and_import(db, document, publish):
    text = json.dumps(document, ensure_ascii=False)
    with rolled_back():
        summary = import_trees(text, publish=publish, by=None)
        assert summary.errors == [] and summary.created == len(document["trees"])
        first = dump_trees(export_trees())
        assert import_trees(first, publish=publish, by=None).unchanged == len(document["trees"])
    with rolled_back():
        assert not QuestionTree.objects.exists()
        import_trees(first, publish=False, by=None)
        assert dump_trees(export_trees()) == first
    for tree in document["trees"]:
        assert [p for p in validate_graph(tree["graph"]) if p.severity == "error"] == []


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
WRONG = st.one_of(
    st.integers(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
BAD_TEXT = st.sampled_from(["a\x00b", "\ud800", "x" * 100_001])


@st.composite
def malformed_records(draw: st.DrawFn) -> dict[str, Any]:
    """A good record with one thing broken so that it cannot be imported."""
    record = draw(tree_records("broken"))
    graph = record["graph"]
    node = draw(st.sampled_from(graph["nodes"]))
    breakage = draw(st.sampled_from(["graph", "node", "type", "field", "duplicate", "unknown", "text", "title"]))
    if breakage == "graph":
        record["graph"] = draw(st.one_of(WRONG.filter(lambda v: v != {}), st.text(min_size=1)))  # {} is an empty draft
    elif breakage == "node":
        graph["nodes"][graph["nodes"].index(node)] = draw(WRONG)
    elif breakage == "type":
        node["type"] = draw(st.one_of(WRONG, st.text().filter(lambda s: s not in ("question", "outcome"))))
    elif breakage == "field":
        names = (
            ["prompt", "guidance", "options"]
            if node["type"] == "question"
            else ["resolution", "outcome", "team", "tree", "articles"]
        )
        name = draw(st.sampled_from(names))
        node[name] = draw(WRONG.filter(lambda v: not isinstance(v, list) or name not in ("options", "articles") or v))
        if name in ("options", "articles") and isinstance(node[name], list):
            node[name] = [draw(st.one_of(st.booleans(), st.floats(), st.lists(st.none(), max_size=1)))]
    elif breakage == "duplicate":
        other = graph["nodes"][0] if node is not graph["nodes"][0] else None
        if other is None:
            graph["nodes"].append(dict(node))
        else:
            node["id"] = other["id"]
    elif breakage == "unknown":
        node[
            draw(
                st.text(min_size=1, max_size=10).filter(
                    lambda k: k
                    not in (
                        "id",
                        "type",
                        "prompt",
                        "guidance",
                        "options",
                        "resolution",
                        "outcome",
                        "team",
                        "tree",
                        "articles",
                    )
                )
            )
        ] = draw(JSON)
    elif breakage == "text":
        node["prompt" if node["type"] == "question" else "resolution"] = draw(BAD_TEXT)
    else:
        record["title"] = draw(st.one_of(WRONG, st.just(""), st.just("   "), BAD_TEXT))
    return record


@EXAMPLES
@given(record=malformed_records(), publish=st.booleans())
def test_random_malformed_trees_are_refused_by_name_and_nothing_is_stored(db, record, publish):
    with rolled_back():
        summary = import_trees(json.dumps({"trees": [record]}), publish=publish, by=None)

        assert summary.failed == 1 and summary.created == 0
        assert summary.errors and all(error.tree == "broken" for error in summary.errors)
        assert not QuestionTree.objects.exists()


@EXAMPLES
@given(anything=JSON)
def test_any_json_as_a_file_is_refused_or_reported_never_crashes(db, anything):
    with rolled_back():
        try:
            summary = import_trees(json.dumps(anything), publish=True, by=None)
        except ValidationFailed:
            return
        assert summary.created == summary.failed == 0 or summary.failed >= 1


@EXAMPLES
@given(graph=st.one_of(JSON, graphs()), title=st.one_of(TEXT, WRONG))
def test_any_graph_is_either_saved_or_refused_with_validation_failed(db, editor, graph, title):
    with rolled_back():
        try:
            version = services.create_tree(data=services.TreeInput(title=title, graph=graph), by=editor)
        except ValidationFailed as error:
            assert error.fields
        else:
            assert version.graph["start"] == (graph.get("start") or "").strip()  # {} is an empty draft
        validate_graph(graph)
