"""The runner: one question at a time, Back and Restart, an outcome with its articles, the
agent's resolved answer, resume, and a run that stays on its version."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from kb import services as article_services
from kb.errors import InvalidTransition, ValidationFailed
from kb.trees import runs, selectors, services
from kb.trees.models import TreeRun
from tests.conftest import client_for
from tests.kb.api.conftest import send
from tests.kb.trees.conftest import parcel_graph, tree_input

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def published(make_tree):  # type: ignore[no-untyped-def]
    return selectors.published_tree_version(make_tree())


def test_a_run_walks_to_an_outcome_and_records_each_step_with_its_time(agent, published):
    run = runs.start_tree_run(version=published, by=agent)
    assert (run.current_node_id, runs.run_status(run)) == ("delivered", runs.IN_PROGRESS)

    run = runs.record_tree_step(run=run, option="是", by=agent)
    run = runs.record_tree_step(run=run, option=2, by=agent)
    assert (run.current_node_id, run.outcome_node_id, runs.run_status(run)) == ("claim", "claim", runs.AT_OUTCOME)
    run = runs.finish_tree_run(run=run, resolved=False, by=agent)

    run.refresh_from_db()
    assert (runs.run_status(run), run.resolved, run.agent, run.channel) == (runs.FINISHED, False, agent, "web")
    steps = list(run.steps.values_list("node_id", "option_number", "option_label", "next_node_id"))
    assert steps == [("delivered", 1, "是", "neighbour"), ("neighbour", 2, "没有", "claim")]
    assert all(step.at >= run.started_at for step in run.steps.all())
    assert run.started_at <= run.outcome_at <= run.finished_at


def test_an_option_is_found_by_number_label_in_any_case_or_a_keypad_digit(agent, make_tree):
    graph = parcel_graph()
    graph["nodes"][0]["options"] = [{"label": "Yes", "next": "neighbour"}, {"label": "No", "next": "in-transit"}]
    version = selectors.published_tree_version(make_tree(graph=graph))

    for option in (1, " yes ", "1"):
        run = runs.start_tree_run(version=version, by=agent)
        assert runs.record_tree_step(run=run, option=option, by=agent).current_node_id == "neighbour"


@pytest.mark.parametrize("option", [0, 3, "也许", True, "99999"])
def test_an_unknown_option_is_refused_naming_the_node_and_its_options(agent, published, option):
    run = runs.start_tree_run(version=published, by=agent)

    with pytest.raises(ValidationFailed) as refused:
        runs.record_tree_step(run=run, option=option, by=agent)

    assert refused.value.fields["option"][0].startswith("Node “delivered” has no option")
    assert "1. 是; 2. 否" in refused.value.fields["option"][0]
    assert not run.steps.exists()


def test_back_and_restart_keep_the_tried_branches_in_the_history(agent, published):
    run = runs.start_tree_run(version=published, by=agent)
    run = runs.record_tree_step(run=run, option="是", by=agent)
    run = runs.record_tree_step(run=run, option="没有", by=agent)

    run = runs.undo_tree_step(run=run, by=agent)
    assert (run.current_node_id, run.outcome_node_id, run.outcome_at) == ("neighbour", "", None)
    assert [s.node_id for s in runs.run_path(run)] == ["delivered"]

    run = runs.restart_tree_run(run=run, by=agent)
    assert run.current_node_id == "delivered" and runs.run_path(run) == []
    with pytest.raises(InvalidTransition):
        runs.undo_tree_step(run=run, by=agent)
    assert run.steps.count() == 2 and not run.steps.filter(undone_at__isnull=True).exists()

    run = runs.record_tree_step(run=run, option="否", by=agent)
    assert [(s.position, s.node_id) for s in runs.run_path(run)] == [(0, "delivered")]


def test_finishing_is_only_possible_at_an_outcome_and_ends_the_run(agent, published):
    run = runs.start_tree_run(version=published, by=agent)
    with pytest.raises(InvalidTransition):
        runs.finish_tree_run(run=run, resolved=True, by=agent)
    run = runs.record_tree_step(run=run, option="否", by=agent)
    with pytest.raises(InvalidTransition):
        runs.record_tree_step(run=run, option=1, by=agent)

    run = runs.finish_tree_run(run=run, resolved=True, by=agent)

    for move in (runs.undo_tree_step, runs.restart_tree_run):
        with pytest.raises(InvalidTransition):
            move(run=run, by=agent)
    with pytest.raises(InvalidTransition):
        runs.finish_tree_run(run=run, resolved=False, by=agent)
    run.refresh_from_db()
    assert run.resolved is True


def test_a_run_started_on_an_old_version_finishes_on_that_version(editor, reviewer, agent, make_tree):
    tree = make_tree()
    run = runs.start_tree_run(version=selectors.published_tree_version(tree), by=agent)
    run = runs.record_tree_step(run=run, option="是", by=agent)
    # Version 2 drops the neighbour question: "是" now leads straight to the claim.
    graph = parcel_graph()
    graph["nodes"] = [n for n in graph["nodes"] if n["id"] not in ("neighbour", "found")]
    graph["nodes"][0]["options"][0]["next"] = "claim"
    services.save_tree_draft(tree=tree, data=tree_input(graph=graph), by=editor, base_revision=None)
    services.publish_tree(tree=tree, by=reviewer)

    run = runs.record_tree_step(run=TreeRun.objects.get(pk=run.pk), option="找到了", by=agent)
    run = runs.finish_tree_run(run=run, resolved=True, by=agent)

    assert (run.version.number, run.outcome_node_id) == (1, "found")
    assert runs.start_tree_run(version=selectors.published_tree_version(tree), by=agent).version.number == 2


def test_the_latest_unfinished_run_of_a_tree_can_be_resumed(agent, editor, published):
    assert selectors.get_resumable_run(agent, published.tree) is None
    old = runs.start_tree_run(version=published, by=agent, now=timezone.now() - timedelta(hours=1))
    latest = runs.start_tree_run(version=published, by=agent)
    runs.start_tree_run(version=published, by=editor)  # somebody else's

    assert selectors.get_resumable_run(agent, published.tree) == latest

    runs.finish_tree_run(run=runs.record_tree_step(run=latest, option="否", by=agent), resolved=True, by=agent)
    assert selectors.get_resumable_run(agent, published.tree) == old


def test_a_request_sent_for_a_node_the_run_has_left_is_refused(agent, published):
    run = runs.start_tree_run(version=published, by=agent)
    runs.record_tree_step(run=run, option="是", by=agent, at_node="delivered")

    with pytest.raises(InvalidTransition, match="now at node “neighbour”"):
        runs.record_tree_step(run=run, option="是", by=agent, at_node="delivered")

    assert run.steps.count() == 1


# Over the API


def test_a_channel_walks_a_tree_over_the_api_and_sees_the_outcome_with_its_articles(
    agent, editor, reviewer, article_input, make_tree
):
    article = article_services.create_article(data=article_input(title="丢件理赔流程"), by=editor).article
    article_services.publish_article(article=article, by=reviewer)
    graph = parcel_graph()
    graph["nodes"][4]["articles"] = [article.pk]
    tree = make_tree(graph=graph)
    client = client_for(agent)

    started = send(client, "post", f"/api/trees/{tree.pk}/runs/")
    assert started.status_code == 201, started.json()
    body = started.json()
    assert body["node"]["prompt_html"] == "<p>物流显示<strong>已签收</strong>吗？</p>"
    assert body["node"]["options"] == [{"number": 1, "label": "是"}, {"number": 2, "label": "否"}]
    assert body["node"]["guidance"] == "先在订单系统里查看物流轨迹。"
    run_url = f"/api/trees/runs/{body['id']}/"

    send(client, "post", run_url + "choose/", {"option": 1, "node": "delivered"})
    outcome = send(client, "post", run_url + "choose/", {"option": "没有"}).json()

    assert outcome["status"] == "outcome"
    assert outcome["path"][0] | {"at": None} == {
        "node_id": "delivered",
        "prompt": "物流显示**已签收**吗？",
        "option_number": 1,
        "label": "是",
        "at": None,
    }
    node = outcome["node"]
    assert (node["type"], node["outcome"], node["team"]) == ("outcome", "escalate", "物流理赔组")
    assert node["resolution_html"] == "<p>登记丢件理赔，<strong>24 小时内</strong>回电。</p>"
    url = f"http://testserver{article.get_absolute_url()}"
    assert node["articles"] == [{"id": article.pk, "title": "丢件理赔流程", "url": url}]
    finished = send(client, "post", run_url + "finish/", {"resolved": True}).json()
    assert (finished["status"], finished["resolved"]) == ("finished", True)
    assert TreeRun.objects.get(pk=body["id"]).channel == "api"


def test_a_portal_account_runs_a_public_tree_without_the_agents_guidance(portal, make_tree):
    tree = make_tree()

    node = send(client_for(portal), "post", f"/api/trees/{tree.pk}/runs/").json()["node"]
    graph = send(client_for(portal), "get", f"/api/trees/{tree.pk}/").json()["graph"]

    assert "guidance" not in node and node["prompt"] == "物流显示**已签收**吗？"
    assert all("guidance" not in n for n in graph["nodes"])


def test_resume_over_the_api_returns_the_unfinished_run(agent, make_tree):
    tree = make_tree()
    client = client_for(agent)
    first = send(client, "post", f"/api/trees/{tree.pk}/runs/").json()
    send(client, "post", f"/api/trees/runs/{first['id']}/choose/", {"option": 1})

    resumed = send(client, "post", f"/api/trees/{tree.pk}/runs/", {"resume": True})

    assert resumed.status_code == 200
    assert (resumed.json()["id"], resumed.json()["node"]["id"]) == (first["id"], "neighbour")


def test_another_users_run_is_not_found(agent, editor, make_tree):
    tree = make_tree()
    run_id = send(client_for(agent), "post", f"/api/trees/{tree.pk}/runs/").json()["id"]

    assert send(client_for(editor), "get", f"/api/trees/runs/{run_id}/").status_code == 404
    assert send(client_for(editor), "post", f"/api/trees/runs/{run_id}/choose/", {"option": 1}).status_code == 404
    assert not TreeRun.objects.get(pk=run_id).steps.exists()


def test_moves_that_the_state_does_not_allow_are_409_with_a_message(agent, make_tree):
    tree = make_tree()
    client = client_for(agent)
    run_url = f"/api/trees/runs/{send(client, 'post', f'/api/trees/{tree.pk}/runs/').json()['id']}/"

    back = send(client, "post", run_url + "back/")
    finish = send(client, "post", run_url + "finish/", {"resolved": True})
    stale = send(client, "post", run_url + "choose/", {"option": 1, "node": "neighbour"})

    assert [r.status_code for r in (back, finish, stale)] == [409, 409, 409]
    assert finish.json()["detail"] == "The run has not reached an outcome yet."
