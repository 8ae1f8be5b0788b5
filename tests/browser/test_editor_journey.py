from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kb.models import Article, Audience, VersionState
from search import services as search
from tests.conftest import wait_for

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"  # tests/conftest.make_user
BODY = """## 适用范围

收到商品后 **7 天**内，商品完好可以无理由退货。

## 运费

| 情况 | 谁付运费 |
|---|---|
| 质量问题 | 商家 |
| 不想要了 | 顾客 |

## 操作步骤

1. 核实订单号
2. 在系统中登记退货
3. 把退货地址发给顾客
"""


def open_page(browser: Any, locale: str, errors: list[str]) -> Page:
    context = browser.new_context(locale=locale, viewport={"width": 1440, "height": 900})
    page = context.new_page()
    # A script blocked by the Content-Security-Policy shows up as a console error.
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_an_editor_writes_a_draft_a_reviewer_approves_it_and_an_agent_reads_it(  # type: ignore[no-untyped-def]
    browser, artifacts: Path, live_server, worker_process, editor, reviewer, agent, category
):
    base = live_server.url
    errors: list[str] = []

    # The editor logs in through the real form, in Chinese, and writes a draft.
    page = open_page(browser, "zh-CN", errors)
    page.goto(f"{base}/accounts/login/")
    expect(page.locator("h1")).to_have_text("登录 Concord")
    page.screenshot(path=artifacts / "login-zh.png")
    log_in(page, base, editor.username)
    page.goto(f"{base}/kb/new/")
    page.fill("input[name=title]", "七天无理由退货")
    page.fill("textarea[name=summary]", "商品完好、收到 7 天内可以退货，质量问题运费由商家承担。")
    page.select_option("select[name=category]", category.slug)
    page.fill("input[name=tags]", "退货，运费")
    page.locator("textarea[name=body]").fill(BODY)

    # The live preview renders the Markdown beside the text area.
    expect(page.locator("#preview h2").first).to_contain_text("适用范围")
    expect(page.locator("#preview table")).to_be_visible()
    page.screenshot(path=artifacts / "editor-zh.png")

    page.fill("input[name=change_note]", "初稿")
    page.click("button[name=action][value=submit]")
    expect(page.locator(".msg-success")).to_contain_text("已提交审核")
    page.screenshot(path=artifacts / "history-zh.png", full_page=True)
    article = Article.objects.get()
    assert article.versions.get().state == VersionState.IN_REVIEW

    # The reviewer, in English, finds it in the queue and approves it.
    page = open_page(browser, "en-US", errors)
    log_in(page, base, reviewer.username)
    expect(page.locator(".mainnav .count")).to_have_text("1")
    page.click("text=Review queue")
    page.screenshot(path=artifacts / "review-queue-en.png", full_page=True)
    page.click("text=七天无理由退货")
    expect(page.locator(".review-main")).to_contain_text("A new article")
    page.screenshot(path=artifacts / "review-en.png", full_page=True)
    page.fill("textarea[name=comment] >> nth=0", "Clear and correct.")
    page.click("text=Approve and publish")
    expect(page.locator(".msg-success")).to_contain_text("Published")
    assert article.versions.get().state == VersionState.PUBLISHED

    # A real worker indexes it after the publish; the agent finds it by searching and opens it.
    def indexed() -> bool:
        """the published article is in the search index"""
        return search.search("七天无理由退货", audience=Audience.INTERNAL).total > 0

    wait_for(indexed, timeout=30)
    page = open_page(browser, "zh-CN", errors)
    log_in(page, base, agent.username)
    page.fill("#search-q", "无理由退货")
    expect(page.locator(".result-list")).to_contain_text("七天无理由退货")
    page.screenshot(path=artifacts / "home-zh.png", full_page=True)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#pane-title")).to_have_text("七天无理由退货")
    with page.context.expect_page() as full_page:  # the full page opens in a new tab
        page.click("text=打开完整页面")
    page = full_page.value
    expect(page.locator("h1.article-title")).to_have_text("七天无理由退货")
    expect(page.locator(".toc")).to_contain_text("操作步骤")
    expect(page.locator(".prose table")).to_be_visible()
    page.screenshot(path=artifacts / "article-zh.png", full_page=True)

    # The language switch turns the same page into English.
    page.click("button[name=language][value=en]")
    expect(page.locator(".toc h2")).to_have_text("On this page")
    page.screenshot(path=artifacts / "article-en.png", full_page=True)

    assert errors == []
