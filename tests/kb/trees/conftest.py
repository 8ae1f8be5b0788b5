"""Trees in a given state, made through the services, for the tree tests to act on."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kb.models import Audience
from kb.trees import services
from kb.trees.models import QuestionTree

# Is the parcel marked delivered? -> yes: left with a neighbour? -> ...
PARCEL_GRAPH: dict[str, Any] = {
    "start": "delivered",
    "nodes": [
        {
            "id": "delivered",
            "type": "question",
            "prompt": "物流显示**已签收**吗？",
            "guidance": "先在订单系统里查看物流轨迹。",
            "options": [{"label": "是", "next": "neighbour"}, {"label": "否", "next": "in-transit"}],
        },
        {
            "id": "neighbour",
            "type": "question",
            "prompt": "问问客户：邻居或门卫是否代收了？",
            "options": [{"label": "找到了", "next": "found"}, {"label": "没有", "next": "claim"}],
        },
        {"id": "in-transit", "type": "outcome", "outcome": "resolved", "resolution": "包裹仍在途中，请耐心等待。"},
        {"id": "found", "type": "outcome", "outcome": "resolved", "resolution": "问题已解决。"},
        {
            "id": "claim",
            "type": "outcome",
            "outcome": "escalate",
            "team": "物流理赔组",
            "resolution": "登记丢件理赔，**24 小时内**回电。",
        },
    ],
}


def parcel_graph() -> dict[str, Any]:
    return copy.deepcopy(PARCEL_GRAPH)


def tree_input(**overrides: Any) -> services.TreeInput:
    fields: dict[str, Any] = {"title": "包裹显示已签收但未收到", "graph": parcel_graph()}
    fields.update(overrides)
    return services.TreeInput(**fields)


@pytest.fixture
def make_tree(editor, reviewer) -> Callable[..., QuestionTree]:  # type: ignore[no-untyped-def]
    """make_tree(state) -> a tree whose version 1 is published and, for "draft" and
    "in_review", an open version 2 in that state. "new" is an unpublished version 1."""

    def make(state: str = "published", audience: str = Audience.PUBLIC, **overrides: Any) -> QuestionTree:
        tree = services.create_tree(data=tree_input(audience=audience, **overrides), by=editor).tree
        if state != "new":
            services.publish_tree(tree=tree, by=reviewer)
        if state in ("draft", "in_review"):
            data = tree_input(audience=audience, **{**overrides, "title": "包裹显示已签收但未收到（修订）"})
            services.save_tree_draft(tree=tree, data=data, by=editor, base_revision=None)
        if state == "in_review":
            services.submit_tree(tree=tree, by=editor)
        tree.refresh_from_db()
        return tree

    return make
