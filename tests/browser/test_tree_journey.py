"""An agent finds a published tree by searching for the caller's problem, starts it from the
results and walks it with the keyboard to an outcome and says it resolved the call; an
editor's builder, diagram and analytics are captured in both languages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from agents.models import QueryLog
from kb.trees import services
from kb.trees.models import TreeRun
from search import services as search
from tests.browser.test_editor_journey import log_in, open_page
from tests.kb.trees.conftest import tree_input
from tests.search.conftest import publish  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser


def press(page: Any, key: str) -> None:
    """A key on a page whose script has run (it is deferred: the text shows before it runs)."""
    page.wait_for_load_state("load")
    page.keyboard.press(key)


def test_an_agent_finds_a_tree_by_search_and_runs_it_with_the_keyboard(  # type: ignore[no-untyped-def]
    browser,
    artifacts: Path,
    live_server,
    agent,
    editor,
    reviewer,
    publish,  # noqa: F811 - the imported fixture
):
    base = live_server.url
    errors: list[str] = []
    tree = services.create_tree(data=tree_input(description="快递显示已签收，客户却没拿到包裹。"), by=editor).tree
    services.publish_tree(tree=tree, by=reviewer)
    article = publish(title="签收后包裹破损怎么办", body="拍照后在订单页申请理赔。")
    search.update_trees([tree.pk])  # what the index worker does after the publish commits
    search.update_articles([article.pk])

    # The agent types the caller's words; the tree is among the results, marked as a guided tree.
    page = open_page(browser, "zh-CN", errors)
    log_in(page, base, agent.username)
    page.wait_for_load_state("load")
    page.locator("#search-q").fill("包裹显示已签收但没收到")
    tree_hit = page.locator(".result-tree")
    expect(tree_hit.locator(".badge.kind-tree")).to_have_text("问答树")
    expect(tree_hit.locator(".result-title")).to_have_text("包裹显示已签收但未收到")
    expect(page.locator(".facets")).to_contain_text("问答树")
    page.screenshot(path=artifacts / "tree-search-zh.png")
    rank = int(tree_hit.get_attribute("data-rank") or 0)
    for _ in range(rank):
        page.keyboard.press("ArrowDown")
    expect(page.locator(".result.is-selected")).to_have_class("result result-tree is-selected")
    # The key hint says what Enter does with a tree: start it, not open it beside the results.
    expect(page.locator("#search-keys [data-hint=tree]")).to_have_text("开始问答树")
    expect(page.locator("#search-keys [data-hint=article]")).to_be_hidden()
    page.keyboard.press("Enter")  # a tree opens its runner's start page
    page.wait_for_url(re.compile(rf"{base}/trees/{tree.pk}/\?back="))
    expect(page.locator(".article-title")).to_have_text("包裹显示已签收但未收到")
    entry = QueryLog.objects.get()
    assert (entry.query, entry.clicked_rank, entry.clicked_article_id) == ("包裹显示已签收但没收到", rank, None)

    # B goes back to the same results; the browser's Back returns to the start page.
    expect(page.locator(".back-link")).to_have_text("B 返回搜索结果")
    press(page, "b")
    expect(page.locator("#search-q")).to_have_value("包裹显示已签收但没收到")
    expect(page.locator(".result-tree .result-title")).to_have_text("包裹显示已签收但未收到")
    page.go_back()
    expect(page.locator(".article-title")).to_have_text("包裹显示已签收但未收到")

    press(page, "1")  # start
    expect(page.locator(".runner-prompt")).to_contain_text("物流显示已签收吗？")
    expect(page.locator(".guidance")).to_contain_text("先在订单系统里查看物流轨迹")
    page.screenshot(path=artifacts / "tree-runner-zh.png", full_page=True)

    press(page, "1")  # 是
    expect(page.locator(".runner-prompt")).to_contain_text("邻居或门卫")
    expect(page.locator(".run-path")).to_contain_text("是")
    press(page, "b")  # back, then the other way
    expect(page.locator(".runner-prompt")).to_contain_text("物流显示已签收吗？")
    press(page, "1")
    expect(page.locator(".runner-prompt")).to_contain_text("邻居或门卫")
    press(page, "2")  # 没有 -> the claim outcome
    expect(page.locator(".runner-resolution")).to_contain_text("登记丢件理赔")
    page.screenshot(path=artifacts / "tree-outcome-zh.png", full_page=True)
    press(page, "1")  # yes, resolved
    expect(page.locator(".finished")).to_be_visible()

    run = TreeRun.objects.get()
    assert (run.outcome_node_id, run.resolved, run.finished_at is not None) == ("claim", True, True)
    live = list(run.steps.filter(undone_at__isnull=True).values_list("node_id", "option_number"))
    assert live == [("delivered", 1), ("neighbour", 2)]
    assert run.steps.filter(undone_at__isnull=False).count() == 1  # the step taken back

    # The same in English, then the editor's pages.
    page.click("button[name=language][value=en]")
    expect(page.locator(".finished")).to_contain_text("resolved")
    page.screenshot(path=artifacts / "tree-finished-en.png", full_page=True)
    for locale, suffix in (("zh-CN", "zh"), ("en-US", "en")):
        page = open_page(browser, locale, errors)
        log_in(page, base, editor.username)
        page.goto(f"{base}/kb/trees/{tree.pk}/edit/")
        expect(page.locator(".tree-diagram")).to_be_visible()
        page.screenshot(path=artifacts / f"tree-builder-{suffix}.png")
        page.locator(".tree-diagram-pane").screenshot(path=artifacts / f"tree-diagram-{suffix}.png")
        page.goto(f"{base}/kb/trees/{tree.pk}/analytics/")
        expect(page.locator(".stats")).to_contain_text("1")
        page.screenshot(path=artifacts / f"tree-analytics-{suffix}.png", full_page=True)
    assert errors == []


def test_the_diagram_follows_the_form_without_saving(  # type: ignore[no-untyped-def]
    browser, artifacts: Path, live_server, editor
):
    base = live_server.url
    errors: list[str] = []
    tree = services.create_tree(data=tree_input(), by=editor).tree
    page: Any = open_page(browser, "en-US", errors)
    log_in(page, base, editor.username)
    page.goto(f"{base}/kb/trees/{tree.pk}/edit/")
    expect(page.locator(".diagram-status")).to_contain_text("No problems")

    page.fill("textarea[name=node-2-resolution]", "")  # "in-transit" loses its text
    page.locator("select[name=start]").focus()  # the change event fires on leaving the field
    expect(page.locator(".diagram-status")).to_contain_text("1 error")
    expect(page.locator(".tree-diagram .problem-error")).to_have_count(1)
    page.fill("textarea[name=node-0-prompt]", "Is it **delivered**?")
    expect(page.locator("#node-0-prompt-preview strong")).to_have_text("delivered")
    assert errors == []
