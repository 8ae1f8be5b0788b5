"""An agent types a Chinese query through an input method: results follow the typing, ↓ and
Enter open the answer beside the results, and the search and the click are logged. The search
pages are captured in both languages."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from agents.models import QueryLog
from kb.models import Audience, Category
from search import services as search
from search.models import Synonym
from tests.browser.test_editor_journey import log_in, open_page
from tests.search.conftest import publish, search_index_dir  # noqa: F401 - fixtures: a real index in tmp_path

pytestmark = pytest.mark.browser


@pytest.fixture
def indexed(publish):  # type: ignore[no-untyped-def]  # noqa: F811 - the imported fixture
    Category.objects.create(name="运费与物流", slug="shipping")
    articles = [
        publish(title="退货运费谁承担", summary="质量问题商家承担，其余顾客承担。",
                body="## 规则\n\n质量问题的**退货运费**由商家承担；不想要了由顾客承担运费。", category="shipping",
                product="商城", tags=["退货", "运费"]),
        publish(title="运费险怎么理赔", body="运费险理赔需要上传快递单号，三个工作日内到账。",
                category="shipping", product="商城", audience=Audience.PUBLIC),
        publish(title="换货的运费", body="换货时寄回的运费由商家承担。", product="手机"),
        publish(title="Shipping fee refunds", body="Shipping fees are refunded when the item is faulty.",
                language="en", category="shipping"),
    ]  # fmt: skip
    search.update_articles([a.pk for a in articles])
    return articles


def test_an_agent_types_chinese_and_opens_the_answer_beside_the_results(  # type: ignore[no-untyped-def]
    browser, artifacts: Path, live_server, agent, editor, admin_user, indexed
):
    base = live_server.url
    errors: list[str] = []
    page = open_page(browser, "zh-CN", errors)
    log_in(page, base, agent.username)
    page.wait_for_load_state("load")
    box = page.locator("#search-q")
    expect(box).to_be_focused()
    expect(page.locator(".browse")).to_contain_text("退货运费谁承担")  # nothing typed: recent articles

    # Pinyin in the box while the input method composes: nothing is searched yet.
    box.dispatch_event("compositionstart")
    page.keyboard.type("yunfei")
    page.wait_for_timeout(400)
    expect(page.locator(".results-body")).to_have_attribute("data-query", "")
    box.fill("运费")
    box.dispatch_event("compositionend")
    expect(page.locator(".result-list .result").first).to_contain_text("运费")
    expect(page.locator(".result-list mark").first).to_have_text("运费")
    expect(page.locator(".facets")).to_contain_text("运费与物流")
    assert QueryLog.objects.count() == 0  # typing is not logged

    page.keyboard.press("ArrowDown")
    expect(page.locator(".result.is-selected")).to_have_count(1)
    first_title = page.locator(".result.is-selected .result-title").inner_text()
    page.keyboard.press("Enter")
    expect(page.locator("#pane-title")).to_have_text(first_title)
    expect(page.locator("#reading-pane")).to_contain_text("打开完整页面")
    expect(page.locator(".result-list")).to_be_visible()  # the results stay beside the article
    expect(box).to_have_value("运费")
    page.screenshot(path=artifacts / "search-zh.png")

    entry = QueryLog.objects.get()
    assert (entry.query, entry.clicked_rank, entry.role) == ("运费", 1, "agent")
    assert entry.clicked_article_id in {a.pk for a in indexed}

    page.keyboard.press("Escape")
    expect(box).to_have_value("")
    expect(page.locator(".browse")).to_be_visible()
    assert errors == []

    # English, with a facet chosen; then the editors' and admins' pages.
    page = open_page(browser, "en-US", errors)
    log_in(page, base, editor.username)
    page.goto(f"{base}/?q=%E8%BF%90%E8%B4%B9+shipping&log=1")
    page.locator(".facet-link", has_text="商城").click()
    expect(page.locator(".filter-chip")).to_contain_text("商城")
    page.locator(".result-title").first.click()
    expect(page.locator(".pane-article")).to_be_visible()
    page.screenshot(path=artifacts / "search-en.png")
    page.goto(f"{base}/?q=%E4%BF%9D%E5%8D%95%E8%B4%B7%E6%AC%BE&log=1")
    expect(page.locator(".no-results")).to_be_visible()
    page.screenshot(path=artifacts / "search-nothing-en.png")
    page.goto(f"{base}/search/analytics/")
    expect(page.locator(".stats")).to_contain_text("50%")
    page.screenshot(path=artifacts / "search-analytics-en.png", full_page=True)
    Synonym.objects.create(terms="退款, 退钱, refund", note="客户常说退钱")
    Synonym.objects.create(terms="运费险, 退货险", note="")
    page.goto(f"{base}/search/synonyms/")
    page.screenshot(path=artifacts / "search-synonyms-en.png", full_page=True)

    page = open_page(browser, "zh-CN", errors)
    log_in(page, base, admin_user.username)
    page.goto(f"{base}/search/analytics/")
    page.screenshot(path=artifacts / "search-analytics-zh.png", full_page=True)
    page.goto(f"{base}/search/index/")
    page.click("button:has-text('重建索引')")
    expect(page.locator(".msg-success")).to_be_visible()
    expect(page.locator("#index-status")).to_contain_text("等待")
    page.screenshot(path=artifacts / "search-index-zh.png", full_page=True)
    assert errors == []


def test_a_late_answer_to_an_older_query_never_replaces_the_newer_results(  # type: ignore[no-untyped-def]
    browser, live_server, agent, indexed
):
    page = open_page(browser, "zh-CN", [])
    log_in(page, live_server.url, agent.username)
    page.wait_for_load_state("load")
    held = []

    def hold_the_older_query(route):  # type: ignore[no-untyped-def]
        if "%E6%8D%A2%E8%B4%A7" in route.request.url:  # 换货: answered only after the newer query
            held.append(route)
        else:
            route.continue_()

    page.route("**/search/results/**", hold_the_older_query)
    box = page.locator("#search-q")
    box.fill("换货")
    page.wait_for_timeout(400)  # past the debounce: the request for 换货 is on its way
    box.fill("理赔")
    expect(page.locator(".results-body")).to_have_attribute("data-query", "理赔")
    page.wait_for_timeout(2000)  # the idle request that logs 理赔 has been answered too
    assert held
    with contextlib.suppress(Exception):  # the page may have aborted it already: fine too
        held[0].continue_()
    page.wait_for_timeout(800)

    expect(page.locator(".results-body")).to_have_attribute("data-query", "理赔")
    expect(page.locator(".result-list .result").first).to_contain_text("运费险怎么理赔")
