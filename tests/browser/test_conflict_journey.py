from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from kb.consistency import services
from kb.consistency.models import ConflictReport, ConflictStatus
from tests.browser.test_editor_journey import log_in, open_page
from tests.kb.consistency.conftest import FIFTEEN_DAYS, SEVEN_DAYS

pytestmark = pytest.mark.browser


def test_a_reviewer_ticks_reports_in_the_queue_and_dismisses_them_together(  # type: ignore[no-untyped-def]
    browser: Any, live_server, publish, reviewer, artifacts
):
    publish("退货政策", SEVEN_DAYS)
    services.check_article_conflicts(article=publish("退货规则调整", FIFTEEN_DAYS))
    services.check_article_conflicts(article=publish("退货期限说明", "# 退货\n\n商品签收后 30 天内可申请无理由退货。"))
    assert ConflictReport.objects.filter(status=ConflictStatus.OPEN).count() == 3
    errors: list[str] = []
    page = open_page(browser, "zh-CN", errors)
    log_in(page, live_server.url, reviewer.username)

    page.goto(f"{live_server.url}/kb/conflicts/")
    page.check("#select-all-reports")  # shown by the page script; ticks every report on the page
    boxes = page.locator('input[name="reports"]')
    expect(boxes).to_have_count(3)
    boxes.nth(2).uncheck()
    expect(page.locator("#select-all-reports")).to_have_js_property("indeterminate", True)
    page.get_by_role("button", name="驳回所选").click()
    expect(page.locator(".errors")).to_contain_text("必须填写理由")  # nothing dismissed without a reason
    expect(page.locator('input[name="reports"]:checked')).to_have_count(2)
    page.fill("#bulk_reason", "三篇说的是不同商品")
    page.get_by_role("button", name="驳回所选").click()

    expect(page.locator(".messages, [role=status]").first).to_contain_text("已驳回 2 份报告")
    expect(page.locator('input[name="reports"]')).to_have_count(1)
    page.screenshot(path=str(artifacts / "conflict-bulk-dismiss.png"), full_page=True)
    assert (
        ConflictReport.objects.filter(status=ConflictStatus.DISMISSED, dismissed_reason="三篇说的是不同商品").count()
        == 2
    )
    assert [e for e in errors if "status of 400" not in e] == []  # the refused submit answers 400
