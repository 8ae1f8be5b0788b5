"""The editors' and reviewers' tree pages, through the HTTP client: the graph an editor
builds with the form's buttons is the graph in the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kb.models import VersionState
from kb.trees import services
from kb.trees.models import QuestionTree
from kb.trees.selectors import current_tree_version
from tests.conftest import client_for
from tests.kb.trees.conftest import tree_input

pytestmark = pytest.mark.django_db


def form_from(version: Any, **overrides: Any) -> dict[str, Any]:
    """The editor's form as the page draws it for this version."""
    graph = version.graph
    data: dict[str, Any] = {
        "title": version.title,
        "description": version.description,
        "category": "",
        "language": version.language,
        "audience": version.audience,
        "change_note": "",
        "base_revision": version.tree.revision,
        "start": graph["start"],
        "action": "save",
    }
    for i, node in enumerate(graph["nodes"]):
        prefix = f"node-{i}-"
        data[prefix + "id"] = node["id"]
        data[prefix + "was"] = node["id"]
        data[prefix + "type"] = node["type"]
        if node["type"] == "question":
            data[prefix + "prompt"] = node["prompt"]
            data[prefix + "guidance"] = node["guidance"]
            for j, option in enumerate(node["options"]):
                data[f"{prefix}option-{j}-label"] = option["label"]
                data[f"{prefix}option-{j}-next"] = option["next"]
        else:
            for name in ("resolution", "outcome", "team", "tree"):
                data[prefix + name] = node[name]
            data[prefix + "articles"] = ", ".join(str(a) for a in node["articles"])
    data.update(overrides)
    return data


def post_edit(client: Any, tree: QuestionTree, **overrides: Any) -> Any:
    tree.refresh_from_db()
    return client.post(reverse("kb:tree-edit", args=[tree.pk]), form_from(current_tree_version(tree), **overrides))


def test_an_editor_builds_a_tree_with_the_form_buttons_and_the_database_holds_that_graph(editor):
    client = client_for(editor)
    response = client.post(
        reverse("kb:tree-create"), {"title": "退款查询", "language": "zh-hans", "audience": "internal"}
    )
    tree = QuestionTree.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("kb:tree-edit", args=[tree.pk])

    post_edit(client, tree, **{"node-0-prompt": "客户申请退款了吗？", "action": "add-option-0"})
    post_edit(client, tree, action="add-option-0")
    # Each answer gets a new node from the target select; then the outcomes get their text.
    post_edit(client, tree, **{
        "node-0-option-0-label": "申请了", "node-0-option-0-next": "+new-outcome",
        "node-0-option-1-label": "没有", "node-0-option-1-next": "+new-outcome",
    })  # fmt: skip
    post_edit(client, tree, **{
        "node-1-resolution": "查询退款进度。", "node-2-resolution": "引导客户申请退款。",
        "node-2-outcome": "escalate", "node-2-team": "售后组", "node-1-id": "refund-status",
    })  # fmt: skip
    response = post_edit(client, tree, action="option-up-0-1")

    assert response.status_code == 302
    graph = current_tree_version(tree).graph
    assert graph == {
        "start": "question-1",
        "nodes": [
            {"id": "question-1", "type": "question", "prompt": "客户申请退款了吗？", "guidance": "",
             "options": [{"label": "没有", "next": "outcome-2"}, {"label": "申请了", "next": "refund-status"}]},
            {"id": "refund-status", "type": "outcome", "resolution": "查询退款进度。", "outcome": "resolved",
             "team": "", "tree": "", "articles": []},
            {"id": "outcome-2", "type": "outcome", "resolution": "引导客户申请退款。", "outcome": "escalate",
             "team": "售后组", "tree": "", "articles": []},
        ],
    }  # fmt: skip
    assert current_tree_version(tree).state == VersionState.DRAFT


def test_deleting_a_node_leaves_the_options_that_led_to_it_pointing_nowhere(editor, make_tree):
    tree = make_tree("draft")
    post_edit(client_for(editor), tree, action="delete-node-1")  # "neighbour"

    graph = current_tree_version(tree).graph
    assert "neighbour" not in [n["id"] for n in graph["nodes"]]
    assert graph["nodes"][0]["options"][0] == {"label": "是", "next": ""}


def test_validation_messages_appear_next_to_the_node_they_concern(editor, make_tree):
    tree = make_tree("draft")
    response = post_edit(client_for(editor), tree, **{"node-1-prompt": "", "action": "submit"})
    response = client_for(editor).get(response["Location"])

    page = response.content.decode()
    card = page[page.index('id="node-1"') : page.index('id="node-2"')]
    assert "Node “neighbour”: the question is empty." in card
    assert "problem-error" in card
    assert current_tree_version(tree).state == VersionState.DRAFT  # saved, not submitted


def test_warnings_are_styled_apart_from_errors(editor, make_tree):
    tree = make_tree("draft")
    response = post_edit(client_for(editor), tree, **{"node-4-team": ""})  # "claim" escalates
    page = client_for(editor).get(response["Location"]).content.decode()

    card = page[page.index('id="node-4"') :]
    assert "problem-warning" in card and "escalates but names no team" in card
    assert 'class="node node-outcome outcome-escalate problem-warning' in page  # marked on the diagram


def test_an_edit_conflict_keeps_my_graph_and_shows_theirs(editor, editor2, make_tree):
    tree = make_tree("draft")
    mine = form_from(current_tree_version(tree), **{"node-0-prompt": "我的问题"})
    services.save_tree_draft(tree=tree, data=tree_input(title="他们的"), by=editor2, base_revision=tree.revision)

    response = client_for(editor).post(reverse("kb:tree-edit", args=[tree.pk]), mine)

    assert response.status_code == 409
    page = response.content.decode()
    assert "我的问题" in page and "Someone else saved this tree" in page
    assert f'name="base_revision" value="{QuestionTree.objects.get().revision}"' in page
    assert current_tree_version(tree).title == "他们的"


def test_a_reviewer_publishes_and_agents_see_the_new_version(editor, reviewer, make_tree):
    tree = make_tree("in_review")
    client = client_for(reviewer)
    assert client.get(reverse("kb:tree-review", args=[tree.pk])).status_code == 200
    response = client.post(reverse("kb:tree-publish", args=[tree.pk]), {"base_revision": tree.revision})

    assert response.status_code == 302
    assert current_tree_version(tree).number == 2
    assert current_tree_version(tree).state == VersionState.PUBLISHED


def test_editors_cannot_publish_and_agents_cannot_edit(agent, editor, make_tree):
    tree = make_tree("in_review")
    assert client_for(editor).post(reverse("kb:tree-publish", args=[tree.pk]), {"base_revision": 0}).status_code == 403
    assert client_for(agent).get(reverse("kb:tree-edit", args=[tree.pk])).status_code == 403
    assert client_for(agent).get(reverse("kb:tree-list")).status_code == 403


def test_send_back_archive_discard_and_rollback_from_the_history_page(editor, reviewer, make_tree):
    tree = make_tree("in_review")
    client = client_for(reviewer)
    client.post(reverse("kb:tree-send-back", args=[tree.pk]), {"base_revision": tree.revision, "comment": "再想想"})
    assert current_tree_version(tree).review_comment == "再想想"
    tree.refresh_from_db()
    client.post(reverse("kb:tree-discard", args=[tree.pk]), {"base_revision": tree.revision})
    tree.refresh_from_db()
    client.post(reverse("kb:tree-archive", args=[tree.pk]), {"base_revision": tree.revision})
    tree.refresh_from_db()
    assert tree.archived_at is not None
    client.post(reverse("kb:tree-restore", args=[tree.pk, 1]), {"base_revision": tree.revision})

    states = list(tree.versions.order_by("number").values_list("state", flat=True))
    assert states == [VersionState.ARCHIVED, VersionState.DISCARDED, VersionState.DRAFT]
    history = client.get(reverse("kb:tree-history", args=[tree.pk]))
    assert history.status_code == 200 and "v3" in history.content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"node-0-option-0-next": "no-such-node"},
        {"node-0-prompt": "问" * 20_000},
        {"node-0-type": "banana"},
        {"node-1-id": "delivered"},
        {"node-0-option-0-label": "\x00"},
        {"node-0-articles": "1" * 40},
        {"action": "delete-option-99-99"},
        {"action": "option-up-0-99999"},
        {"base_revision": "not a number"},
        {"start": "x" * 5000},
    ],
)
def test_hostile_input_gets_a_message_never_a_500(editor, make_tree, overrides):
    tree = make_tree("draft")
    response = post_edit(client_for(editor), tree, **overrides)
    assert response.status_code in (302, 400)


def test_an_unknown_option_target_is_kept_and_shown_as_missing(editor, make_tree):
    tree = make_tree("draft")
    response = post_edit(client_for(editor), tree, **{"node-0-option-0-next": "no-such-node"})
    page = client_for(editor).get(response["Location"]).content.decode()
    assert "no-such-node (does not exist)" in page
    assert "leads to “no-such-node”, which does not exist" in page


def test_the_live_diagram_marks_problem_nodes(editor, make_tree):
    tree = make_tree("draft")
    data = form_from(current_tree_version(tree), **{"node-2-resolution": ""})
    response = client_for(editor).post(reverse("kb:tree-diagram", args=[tree.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and 'class="node node-outcome outcome-resolved problem-error' in page
    assert "1 error" in page


def test_the_markdown_preview_renders_one_field(editor):
    response = client_for(editor).post(reverse("kb:tree-preview"), {"node-3-prompt": "**粗体**"})
    assert "<strong>粗体</strong>" in response.content.decode()


def test_analytics_page_draws_visit_counts_on_the_diagram(agent, editor, make_tree):
    from kb.trees import runs

    tree = make_tree("published")
    version = tree.versions.get()
    for _ in range(2):
        run = runs.start_tree_run(version=version, by=agent)
        runs.record_tree_step(run=run, option=2, by=agent)
        runs.undo_tree_step(run=run, by=agent)  # Back, and the same answer again: still one run
        runs.record_tree_step(run=run, option=2, by=agent)
        runs.finish_tree_run(run=run, resolved=True, by=agent)

    response = client_for(editor).get(reverse("kb:tree-analytics", args=[tree.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 runs" in page and "100%" in page
    boxes = {box.split("<title>")[1].split(":")[0]: box for box in page.split('<g class="node ')[1:]}
    assert not boxes["delivered"].startswith("node-question dead")  # every run starts here
    assert boxes["neighbour"].startswith("node-question dead")  # a dead branch: nobody said "yes"
    assert boxes["in-transit"].startswith('node-outcome outcome-resolved">')
    # Back and the same answer again count once per run: two runs chose "否", not four.
    chose_no = boxes["delivered"].split("</tspan> 否</text>")[1]
    assert chose_no.split("</text>")[0].endswith('text-anchor="end">2')


def test_export_and_import_through_the_pages(editor, reviewer, make_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_tree("published")
    exported = client_for(editor).get(reverse("kb:tree-export"))
    text = exported.content.decode().replace("包裹显示已签收但未收到", "改过的标题")
    upload = SimpleUploadedFile("trees.json", text.encode(), content_type="application/json")
    response = client_for(reviewer).post(reverse("kb:tree-import"), {"file": upload, "publish": "on"})

    assert response.status_code == 200
    assert current_tree_version(QuestionTree.objects.get()).title == "改过的标题"
    bad = SimpleUploadedFile("trees.json", b"\xff\xfe not json", content_type="application/json")
    assert client_for(editor).post(reverse("kb:tree-import"), {"file": bad}).status_code == 400


def test_the_review_queue_lists_trees_waiting_for_review_beside_articles(reviewer, make_tree):  # type: ignore[no-untyped-def]
    tree = make_tree("in_review", language="en", change_note="新增港澳台分支")
    response = client_for(reviewer).get(reverse("kb:review-queue"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("kb:tree-review", args=[tree.pk]) in page
    assert response.context["trees"][0].tree == tree
    # the same columns as the articles' table: language and the editor's change note
    row = page[page.index(reverse("kb:tree-review", args=[tree.pk])) :].split("</tr>")[0]
    assert "English" in row and "新增港澳台分支" in row


def test_saving_an_unchanged_tree_from_a_browser_changes_no_node(editor, make_tree):
    tree = make_tree("draft")
    before = current_tree_version(tree).graph
    # Browsers send a textarea's line breaks as CRLF.
    crlf = {
        f"node-{i}-{name}": node[name].replace("\n", "\r\n")
        for i, node in enumerate(before["nodes"])
        for name in ("prompt", "guidance", "resolution")
        if name in node
    }

    post_edit(client_for(editor), tree, **{**crlf, "node-0-prompt": "第一行\r\n\r\n第二行"})

    after = current_tree_version(tree).graph
    assert after["nodes"][0]["prompt"] == "第一行\n\n第二行"
    assert after["nodes"][1:] == before["nodes"][1:]


def test_an_editor_names_the_product_a_tree_is_about_and_the_history_shows_it(editor):
    client = client_for(editor)
    client.post(
        reverse("kb:tree-create"),
        {"title": "宽带报障", "language": "zh-hans", "audience": "internal", "product": "星辰宽带"},
    )
    tree = QuestionTree.objects.get()
    assert current_tree_version(tree).product == "星辰宽带"

    page = client.get(reverse("kb:tree-edit", args=[tree.pk])).content.decode()
    assert 'name="product"' in page and 'value="星辰宽带"' in page
    post_edit(client, tree, product="星辰宽带", title="宽带报障（新）")
    assert current_tree_version(tree).product == "星辰宽带"
