"""Comparing two versions of a question tree, on the page and over the API: the tree's
fields, then each added, removed or changed node, changed words marked as for articles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from kb.models import Audience
from kb.trees import services
from kb.trees.models import QuestionTree
from tests.conftest import client_for
from tests.kb.trees.conftest import parcel_graph, tree_input

pytestmark = pytest.mark.django_db


def node(graph: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in graph["nodes"] if n["id"] == node_id)


def save_version_2(tree: QuestionTree, editor: Any, graph: dict[str, Any], **fields: Any) -> None:
    fields.setdefault("audience", Audience.PUBLIC)  # as make_tree's version 1
    services.save_tree_draft(tree=tree, data=tree_input(graph=graph, **fields), by=editor, base_revision=None)


@pytest.fixture
def edited_tree(make_tree, editor) -> QuestionTree:  # type: ignore[no-untyped-def]
    """Version 2 rewords a prompt, sends "否" to a new outcome instead of the removed
    in-transit one, and renames the tree."""
    tree = make_tree("published")
    graph = parcel_graph()
    node(graph, "delivered")["prompt"] = "物流页面显示**已签收**吗？"
    node(graph, "delivered")["options"][1]["next"] = "ask-courier"
    graph["nodes"] = [n for n in graph["nodes"] if n["id"] != "in-transit"]
    graph["nodes"].append(
        {
            "id": "ask-courier",
            "type": "outcome",
            "outcome": "escalate",
            "team": "快递对接组",
            "resolution": "联系快递员。",
        }
    )
    save_version_2(tree, editor, graph, title="包裹已签收但客户没收到")
    return tree


def diff_page(user: Any, tree: QuestionTree, query: dict[str, Any] | None = None) -> Any:
    return client_for(user).get(
        reverse("kb:tree-diff", args=[tree.pk]), query if query is not None else {"a": 1, "b": 2}
    )


def diff_api(user: Any, tree: QuestionTree, query: dict[str, Any] | None = None) -> Any:
    url = reverse("api:tree-diff", args=[tree.pk])
    return client_for(user).get(url, query if query is not None else {"from": 1, "to": 2})


def test_a_changed_prompt_shows_the_added_characters_marked(editor, edited_tree):
    response = diff_page(editor, edited_tree)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="node-delivered"' in page
    assert "物流<ins>页面</ins>显示**已签收**吗？" in page
    # Nodes that did not change are not listed.
    assert 'id="node-neighbour"' not in page and 'id="node-found"' not in page


def test_an_added_and_a_removed_node_are_shown_with_their_fields(editor, edited_tree):
    page = diff_page(editor, edited_tree).content.decode()

    added = page.split('id="node-ask-courier"')[1].split("</section>")[0]
    assert 'class="tree-diff-node change-added"' in page
    assert "<ins>联系快递员。</ins>" in added and "<ins>快递对接组</ins>" in added
    assert "<ins>Escalate to a team</ins>" in added
    removed = page.split('id="node-in-transit"')[1].split("</section>")[0]
    assert "<del>包裹仍在途中，请耐心等待。</del>" in removed


def test_a_retargeted_answer_is_one_row_with_the_new_target_marked(editor, edited_tree):
    body = diff_api(editor, edited_tree).json()

    delivered = next(n for n in body["nodes"] if n["node_id"] == "delivered")
    options = [f for f in delivered["fields"] if f["name"].startswith("options.")]
    assert options == [
        {
            "name": "options.2",
            "label": "Answer 2",
            "left": "否 → <del>in-transit</del>",
            "right": "否 → <ins>ask-courier</ins>",
        }
    ]


def test_a_reworded_answer_is_matched_by_position_and_a_moved_one_by_label(make_tree, editor):
    tree = make_tree("published")
    graph = parcel_graph()
    neighbour = node(graph, "neighbour")
    neighbour["options"] = [{"label": "没有找到", "next": "claim"}, {"label": "找到了", "next": "found"}]
    save_version_2(tree, editor, graph)

    body = diff_api(editor, tree).json()

    fields = next(n for n in body["nodes"] if n["node_id"] == "neighbour")["fields"]
    assert [(f["label"], f["left"], f["right"]) for f in fields] == [
        ("Answer 2 → 1", "没有 → claim", "没有<ins>找到</ins> → claim"),
        ("Answer 1 → 2", "找到了 → found", "找到了 → found"),
    ]


def test_a_new_start_node_is_shown_for_the_tree_and_at_both_nodes(make_tree, editor):
    tree = make_tree("published")
    graph = parcel_graph()
    graph["start"] = "neighbour"
    save_version_2(tree, editor, graph)

    body = diff_api(editor, tree).json()

    assert body["changes"] == [
        {"name": "start", "label": "Start node", "left": "<del>delivered</del>", "right": "<ins>neighbour</ins>"}
    ]
    starts = {n["node_id"]: [(f["left"], f["right"]) for f in n["fields"]] for n in body["nodes"]}
    assert starts == {
        "delivered": [("<del>yes</del>", "<ins>no</ins>")],
        "neighbour": [("<del>no</del>", "<ins>yes</ins>")],
    }


def test_changed_tree_fields_are_listed_and_an_unchanged_graph_lists_no_node(make_tree, editor, category):
    tree = make_tree("published")
    save_version_2(tree, editor, parcel_graph(), description="新的说明", category=category.slug, audience="internal")

    body = diff_api(editor, tree).json()
    page = diff_page(editor, tree).content.decode()

    assert [c["name"] for c in body["changes"]] == ["description", "category", "audience"]
    assert body["changes"][0]["right"] == "<ins>新的说明</ins>"
    assert body["nodes"] == []
    assert "No node changed." in page and "<ins>新的说明</ins>" in page


def test_a_version_compared_with_itself_is_the_same(editor, edited_tree):
    page = diff_page(editor, edited_tree, {"a": 2, "b": 2}).content.decode()

    assert "The two versions are the same." in page


def test_the_history_page_offers_two_versions_to_compare(editor, edited_tree):
    page = client_for(editor).get(reverse("kb:tree-history", args=[edited_tree.pk])).content.decode()

    assert f'action="{reverse("kb:tree-diff", args=[edited_tree.pk])}"' in page
    assert 'name="a" value="1" aria-label="Compare from version 1" checked' in page
    assert 'name="b" value="2" aria-label="Compare to version 2" checked' in page


def test_the_api_returns_both_versions_and_every_changed_node(editor, edited_tree):
    response = diff_api(editor, edited_tree)

    assert response.status_code == 200
    body = response.json()
    assert (body["left"]["version"], body["right"]["version"]) == (1, 2)
    assert [(n["node_id"], n["change"], n["type"]) for n in body["nodes"]] == [
        ("delivered", "changed", "question"),
        ("ask-courier", "added", "outcome"),
        ("in-transit", "removed", "outcome"),
    ]
    prompt = body["nodes"][0]["texts"][0]
    assert prompt["name"] == "prompt"
    assert prompt["rows"] == [
        {"kind": "changed", "left": "物流显示**已签收**吗？", "right": "物流<ins>页面</ins>显示**已签收**吗？"}
    ]
    assert body["changes"][0]["name"] == "title"


@pytest.mark.parametrize(
    ("fetch", "query"),
    [
        (diff_page, {}),
        (diff_page, {"a": "x", "b": 2}),
        (diff_page, {"a": 0, "b": 1}),
        (diff_api, {"from": 1}),
        (diff_api, {"from": "one", "to": 2}),
    ],
)
def test_missing_or_bad_version_numbers_get_400_with_a_message(editor, edited_tree, fetch, query):
    response = fetch(editor, edited_tree, query)

    assert response.status_code == 400
    if fetch is diff_page:
        assert "Pick two versions to compare." in response.content.decode()
    else:
        assert response.json()["fields"]


@pytest.mark.parametrize("fetch", [diff_page, diff_api])
@pytest.mark.parametrize("number", [9, 10**20])
def test_an_unknown_version_is_404(editor, edited_tree, fetch: Callable[..., Any], number: int):
    query = {"a": 1, "b": number} if fetch is diff_page else {"from": 1, "to": number}

    assert fetch(editor, edited_tree, query).status_code == 404


def test_markup_typed_into_a_tree_is_shown_as_text(make_tree, editor):
    tree = make_tree("published")
    graph = parcel_graph()
    node(graph, "neighbour")["options"][0]["label"] = "<b onclick=x()>找到了</b>"
    node(graph, "claim")["team"] = "<script>alert(1)</script>"
    save_version_2(tree, editor, graph)

    page = diff_page(editor, tree).content.decode()

    assert "<script>alert(1)" not in page and "<b onclick" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("fetch", [diff_page, diff_api])
def test_agents_may_not_compare_versions(agent, edited_tree, fetch: Callable[..., Any]):
    assert fetch(agent, edited_tree).status_code == 403


def test_the_page_is_translated_for_chinese_editors(editor, edited_tree):
    client = client_for(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"

    page = client.get(reverse("kb:tree-diff", args=[edited_tree.pk]), {"a": 1, "b": 2}).content.decode()

    assert "第 1 版" in page and "答案 2" in page and "Answer 2" not in page
