"""Trees are versioned exactly like articles: one published version, drafts from it,
optimistic locking, rollback as a new draft, an audit trail, and a graph with errors
never reaching review or the agents."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kb import services as article_services
from kb.errors import EditConflict, InvalidTransition, ValidationFailed
from kb.models import AuditEvent, VersionState
from kb.trees import selectors, services
from tests.kb.trees.conftest import parcel_graph, tree_input

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def test_a_draft_goes_through_review_and_becomes_the_one_published_version(editor, reviewer, agent):
    tree = services.create_tree(data=tree_input(), by=editor).tree
    assert not selectors.visible_tree_versions(agent).filter(tree=tree).exists()

    services.submit_tree(tree=tree, by=editor)
    services.publish_tree(tree=tree, by=reviewer)

    live = selectors.get_tree_for_runner(agent, tree.pk)
    assert (live.number, live.state, live.reviewed_by) == (1, VersionState.PUBLISHED, reviewer)
    events = AuditEvent.objects.filter(tree=tree).order_by("id")
    assert [(e.action, e.actor, e.detail["version"]) for e in events] == [
        ("create", editor, 1),
        ("submit", editor, 1),
        ("publish", reviewer, 1),
    ]
    assert tree.external_id == f"concord-tree-{tree.pk}"


def test_editing_a_published_tree_starts_a_new_draft_and_publishing_replaces_the_old(editor, reviewer, agent):
    tree = services.create_tree(data=tree_input(), by=editor).tree
    v1 = services.publish_tree(tree=tree, by=reviewer)
    tree.refresh_from_db()
    graph = parcel_graph()
    graph["nodes"][0]["prompt"] = "物流页面显示已签收吗？"

    v2 = services.save_tree_draft(tree=tree, data=tree_input(graph=graph), by=editor, base_revision=tree.revision)

    assert (v2.number, v2.state, v2.based_on) == (2, VersionState.DRAFT, v1)
    assert selectors.get_tree_for_runner(agent, tree.pk).number == 1
    services.publish_tree(tree=tree, by=reviewer)
    v1.refresh_from_db()
    assert v1.state == VersionState.SUPERSEDED
    assert selectors.get_tree_for_runner(agent, tree.pk).graph["nodes"][0]["prompt"] == "物流页面显示已签收吗？"
    assert tree.versions.filter(state=VersionState.PUBLISHED).count() == 1


def test_saving_from_a_stale_revision_is_a_conflict_that_carries_the_other_graph(editor, editor2):
    tree = services.create_tree(data=tree_input(), by=editor).tree
    tree.refresh_from_db()
    base = tree.revision
    erins = parcel_graph()
    erins["nodes"][0]["prompt"] = "Erin's question"
    services.save_tree_draft(tree=tree, data=tree_input(graph=erins), by=editor, base_revision=base)

    with pytest.raises(EditConflict) as conflict:
        services.save_tree_draft(tree=tree, data=tree_input(title="Evan's"), by=editor2, base_revision=base)

    assert conflict.value.current["graph"]["nodes"][0]["prompt"] == "Erin's question"
    assert conflict.value.current_revision == base + 1
    assert tree.versions.get().graph["nodes"][0]["prompt"] == "Erin's question"


def test_rollback_copies_an_old_graph_into_a_new_draft_without_rewriting_history(editor, reviewer):
    tree = services.create_tree(data=tree_input(title="v1 title"), by=editor).tree
    services.publish_tree(tree=tree, by=reviewer)
    graph = parcel_graph()
    graph["nodes"][1]["prompt"] = "v2 prompt"
    services.save_tree_draft(tree=tree, data=tree_input(title="v2 title", graph=graph), by=editor, base_revision=None)
    services.publish_tree(tree=tree, by=reviewer)

    copy = services.rollback_tree(tree=tree, to_version=selectors.get_tree_version(tree, 1), by=editor)

    assert (copy.number, copy.title, copy.state) == (3, "v1 title", VersionState.DRAFT)
    assert copy.graph == selectors.get_tree_version(tree, 1).graph
    assert copy.graph["nodes"][1]["prompt"] != "v2 prompt"
    assert [v.title for v in selectors.list_tree_versions(tree)] == ["v1 title", "v2 title", "v1 title"]
    assert AuditEvent.objects.filter(tree=tree, action="rollback").get().detail == {"version": 3, "restored": 1}


def test_rollback_is_refused_while_a_draft_is_open(editor):
    tree = services.create_tree(data=tree_input(), by=editor).tree
    with pytest.raises(InvalidTransition):
        services.rollback_tree(tree=tree, to_version=tree.versions.get(), by=editor)


def test_a_draft_with_problems_can_be_saved_but_not_submitted_or_published(editor, reviewer):
    graph = parcel_graph()
    graph["nodes"][1]["options"][1]["next"] = ""
    tree = services.create_tree(data=tree_input(graph=graph), by=editor).tree

    with pytest.raises(ValidationFailed) as refused:
        services.submit_tree(tree=tree, by=editor)
    with pytest.raises(ValidationFailed):
        services.publish_tree(tree=tree, by=reviewer)

    assert refused.value.fields == {
        "graph.nodes.neighbour.options.2.next": ["Node “neighbour”: option 2 (“没有”) does not lead to any node."],
        "graph.nodes.claim.id": ["Node “claim” cannot be reached from the start node."],
    }
    assert tree.versions.get().state == VersionState.DRAFT
    assert list(AuditEvent.objects.filter(tree=tree).values_list("action", flat=True)) == ["create"]


def test_a_malformed_graph_is_not_saved_at_all(editor):
    graph = parcel_graph()
    graph["nodes"][0]["options"] = "是/否"

    with pytest.raises(ValidationFailed) as refused:
        services.create_tree(data=tree_input(graph=graph, title=" "), by=editor)

    assert refused.value.fields == {
        "title": ["The title cannot be empty."],
        "graph.nodes.delivered.options": ["Node “delivered”: “options” must be a list."],
    }


def test_publishing_is_refused_when_a_linked_article_was_unpublished_meanwhile(editor, reviewer, article_input):
    article = article_services.create_article(data=article_input(), by=editor, external_id="claims-001").article
    article_services.publish_article(article=article, by=reviewer)
    graph = parcel_graph()
    graph["nodes"][4]["articles"] = ["claims-001"]
    tree = services.create_tree(data=tree_input(graph=graph), by=editor).tree
    services.submit_tree(tree=tree, by=editor)

    article_services.archive_article(article=article, by=reviewer)

    with pytest.raises(ValidationFailed) as refused:
        services.publish_tree(tree=tree, by=reviewer)
    assert refused.value.fields == {
        "graph.nodes.claim.articles.1": ["Node “claim”: linked article “claims-001” is not published."]
    }


def test_send_back_needs_a_comment_and_returns_the_version_to_draft(editor, reviewer):
    tree = services.create_tree(data=tree_input(), by=editor).tree
    services.submit_tree(tree=tree, by=editor)
    with pytest.raises(ValidationFailed):
        services.send_back_tree(tree=tree, by=reviewer, comment=" ")

    version = services.send_back_tree(tree=tree, by=reviewer, comment="补充：客户是否查看了快递柜？")

    assert (version.state, version.review_comment) == (VersionState.DRAFT, "补充：客户是否查看了快递柜？")


def test_archiving_takes_the_tree_from_runners_and_publishing_again_restores_it(editor, reviewer, agent):
    tree = services.create_tree(data=tree_input(), by=editor).tree
    services.publish_tree(tree=tree, by=reviewer)

    services.archive_tree(tree=tree, by=reviewer)
    assert not selectors.visible_tree_versions(agent).exists()
    tree.refresh_from_db()
    assert tree.archived_at is not None

    services.rollback_tree(tree=tree, to_version=tree.versions.get(), by=editor)
    services.publish_tree(tree=tree, by=reviewer)
    tree.refresh_from_db()
    assert tree.archived_at is None
    assert selectors.get_tree_for_runner(agent, tree.pk).number == 2


def test_discarding_a_draft_keeps_it_in_the_history(editor, reviewer, agent):
    tree = services.create_tree(data=tree_input(), by=editor).tree
    services.publish_tree(tree=tree, by=reviewer)
    services.save_tree_draft(tree=tree, data=tree_input(title="new"), by=editor, base_revision=None)

    services.discard_tree_draft(tree=tree, by=editor)

    assert [v.state for v in selectors.list_tree_versions(tree)] == [VersionState.DISCARDED, VersionState.PUBLISHED]
    assert selectors.get_tree_for_runner(agent, tree.pk).number == 1


def test_two_trees_cannot_share_an_external_id(editor):
    services.create_tree(data=tree_input(), by=editor, external_id="parcel")

    with pytest.raises(ValidationFailed) as refused:
        services.create_tree(data=tree_input(), by=editor, external_id="parcel")

    assert list(refused.value.fields) == ["external_id"]
