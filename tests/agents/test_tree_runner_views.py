"""The agents' tree runner, through the HTTP client: every click is recorded as a step of
the run, and the run stays on the version it started on."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kb import services as article_services
from kb.models import Audience
from kb.trees import services
from kb.trees.models import TreeRun
from tests.conftest import client_for
from tests.kb.trees import conftest as tree_fixtures
from tests.kb.trees.conftest import parcel_graph, tree_input

pytestmark = pytest.mark.django_db
make_tree = tree_fixtures.make_tree  # the trees' fixture, shared with this directory


def start(client: Any, tree: Any) -> TreeRun:
    response = client.post(reverse("agents:tree-run-start", args=[tree.pk]))
    run = TreeRun.objects.latest("id")
    assert response.status_code == 302 and response["Location"] == reverse("agents:tree-run", args=[run.pk])
    return run


def choose(client: Any, run: TreeRun, option: int, node: str) -> Any:
    return client.post(reverse("agents:tree-run-choose", args=[run.pk]), {"option": option, "node": node})


def test_an_agent_runs_a_tree_to_an_outcome_and_the_run_is_recorded(agent, make_tree):
    tree = make_tree("published")
    client = client_for(agent)
    assert "包裹显示已签收但未收到" in client.get(reverse("agents:tree-list")).content.decode()
    run = start(client, tree)

    page = client.get(reverse("agents:tree-run", args=[run.pk])).content.decode()
    assert "物流显示<strong>已签收</strong>吗？" in page
    assert "先在订单系统里查看物流轨迹。" in page and "For you, not the caller" in page  # guidance
    assert 'data-key="1"' in page and 'data-key="2"' in page

    choose(client, run, 1, "delivered")
    choose(client, run, 2, "neighbour")
    page = client.get(reverse("agents:tree-run", args=[run.pk])).content.decode()
    assert "<strong>24 小时内</strong>" in page and "物流理赔组" in page
    assert "Did this resolve the call?" in page
    assert "是" in page.split('class="run-path"')[1].split("</nav>")[0]  # the breadcrumb

    response = client.post(reverse("agents:tree-run-finish", args=[run.pk]), {"resolved": "no"})

    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.outcome_node_id, run.resolved, run.finished_at is not None) == ("claim", False, True)
    steps = list(run.steps.values_list("node_id", "option_number", "next_node_id"))
    assert steps == [("delivered", 1, "neighbour"), ("neighbour", 2, "claim")]
    assert "the call was not resolved" in client.get(reverse("agents:tree-run", args=[run.pk])).content.decode()


def test_back_and_restart_keep_the_steps_as_undone(agent, make_tree):
    tree = make_tree("published")
    client = client_for(agent)
    run = start(client, tree)
    choose(client, run, 1, "delivered")
    client.post(reverse("agents:tree-run-back", args=[run.pk]))
    run.refresh_from_db()
    assert run.current_node_id == "delivered"
    choose(client, run, 1, "delivered")
    choose(client, run, 1, "neighbour")
    client.post(reverse("agents:tree-run-restart", args=[run.pk]))

    run.refresh_from_db()
    assert run.current_node_id == "delivered" and run.outcome_node_id == ""
    assert run.steps.count() == 3 and run.steps.filter(undone_at__isnull=True).count() == 0


def test_a_stale_page_cannot_record_a_second_step(agent, make_tree):
    tree = make_tree("published")
    client = client_for(agent)
    run = start(client, tree)
    choose(client, run, 1, "delivered")
    response = choose(client, run, 2, "delivered")  # the same page, clicked again

    assert response.status_code == 302
    assert run.steps.count() == 1


def test_an_agent_resumes_an_interrupted_run(agent, make_tree):
    tree = make_tree("published")
    client = client_for(agent)
    run = start(client, tree)
    choose(client, run, 1, "delivered")

    listing = client.get(reverse("agents:tree-list")).content.decode()
    start_page = client.get(reverse("agents:tree-start", args=[tree.pk])).content.decode()
    resume = reverse("agents:tree-run", args=[run.pk])
    assert f'href="{resume}"' in listing and f'href="{resume}"' in start_page
    assert "问问客户：邻居或门卫是否代收了？" in client.get(resume).content.decode()


def test_a_run_started_on_an_old_version_finishes_on_it(agent, editor, reviewer, make_tree):
    tree = make_tree("published")
    client = client_for(agent)
    run = start(client, tree)
    graph = parcel_graph()
    graph["nodes"][0]["prompt"] = "新版本的问题"
    services.save_tree_draft(tree=tree, data=tree_input(graph=graph), by=editor, base_revision=None)
    services.publish_tree(tree=tree, by=reviewer)

    page = client.get(reverse("agents:tree-run", args=[run.pk])).content.decode()
    assert "物流显示<strong>已签收</strong>吗？" in page and "finishes on it" in page
    choose(client, run, 2, "delivered")
    client.post(reverse("agents:tree-run-finish", args=[run.pk]), {"resolved": "yes"})
    run.refresh_from_db()
    assert run.version.number == 1 and run.resolved is True


def test_linked_articles_are_rendered_inline_at_the_outcome(agent, editor, reviewer, make_tree, article_input):
    article = article_services.create_article(
        data=article_input(body="## 理赔流程\n\n先登记。"), by=editor
    ).article  # fmt: skip
    article_services.publish_article(article=article, by=reviewer)
    graph = parcel_graph()
    graph["nodes"][2]["articles"] = [article.pk]
    tree = make_tree("published", graph=graph)
    client = client_for(agent)
    run = start(client, tree)
    choose(client, run, 2, "delivered")

    page = client.get(reverse("agents:tree-run", args=[run.pk])).content.decode()
    assert "退货政策" in page and "理赔流程" in page and "<p>先登记。</p>" in page


def test_another_agents_run_is_not_found_and_outsiders_see_nothing(agent, editor, outsider, portal, make_tree):
    tree = make_tree("published", audience=Audience.PUBLIC)
    run = start(client_for(agent), tree)
    for user in (editor, outsider, portal):
        assert client_for(user).get(reverse("agents:tree-run", args=[run.pk])).status_code in (403, 404)
        assert client_for(user).post(reverse("agents:tree-run-back", args=[run.pk])).status_code in (403, 404)
    assert client_for(outsider).get(reverse("agents:tree-list")).status_code == 403
    assert client_for(portal).get(reverse("agents:tree-start", args=[tree.pk])).status_code == 403


def test_drafts_and_archived_trees_cannot_be_run(agent, reviewer, make_tree):
    draft = make_tree("new")
    assert client_for(agent).get(reverse("agents:tree-start", args=[draft.pk])).status_code == 404
    assert client_for(agent).post(reverse("agents:tree-run-start", args=[draft.pk])).status_code == 404
    assert TreeRun.objects.count() == 0


@pytest.mark.parametrize(
    "data", [{}, {"option": "0", "node": "delivered"}, {"option": "7", "node": "delivered"}, {"option": "x" * 9999}]
)
def test_hostile_choices_get_a_message_never_a_500(agent, make_tree, data):
    tree = make_tree("published")
    client = client_for(agent)
    run = start(client, tree)
    response = client.post(reverse("agents:tree-run-choose", args=[run.pk]), data)
    assert response.status_code == 400
    assert run.steps.count() == 0
    finish = client.post(reverse("agents:tree-run-finish", args=[run.pk]), {"resolved": "maybe"})
    assert finish.status_code == 400
