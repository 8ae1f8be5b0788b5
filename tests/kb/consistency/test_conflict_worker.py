"""A real Celery worker checks an article after it is published, one by one or by a bulk import: the
report appears by itself."""

from __future__ import annotations

import json

import pytest

from kb.consistency.models import ConflictReport, ConflictStatus
from kb.importing import import_articles
from tests.conftest import wait_for
from tests.kb.consistency.conftest import FIFTEEN_DAYS, NO_RETURN_PERIOD, SEVEN_DAYS


@pytest.mark.worker
def test_publishing_a_contradicting_article_produces_a_report_through_the_worker(worker_process, publish):
    publish("退货政策", SEVEN_DAYS)
    fifteen = publish("退货规则调整", FIFTEEN_DAYS)

    def report_is_open() -> ConflictReport | None:
        """a report between the two return policies is open"""
        return ConflictReport.objects.filter(status=ConflictStatus.OPEN).first()

    report = wait_for(report_is_open, timeout=30)
    assert {report.value_a, report.value_b} == {"7 天", "15 天"}

    publish("退货规则调整", NO_RETURN_PERIOD, article=fifteen)

    def report_is_resolved() -> bool:
        """the worker resolved the report after the fix was published"""
        return ConflictReport.objects.filter(pk=report.pk, status=ConflictStatus.RESOLVED).exists()

    wait_for(report_is_resolved, timeout=30)


@pytest.mark.worker
def test_articles_a_bulk_import_publishes_are_checked_through_the_worker(worker_process):
    lines = [
        json.dumps(
            {"external_id": external_id, "title": title, "body": body, "category": "退货退款"}, ensure_ascii=False
        )
        for external_id, title, body in (("ret-7", "退货政策", SEVEN_DAYS), ("ret-15", "退货规则调整", FIFTEEN_DAYS))
    ]
    summary = import_articles(lines, publish=True, by=None)
    assert summary.created == 2

    def report_is_open() -> ConflictReport | None:
        """a report between the two imported return policies is open"""
        return ConflictReport.objects.filter(status=ConflictStatus.OPEN).first()

    report = wait_for(report_is_open, timeout=30)
    assert {report.a_ref, report.b_ref} == {"ret-7", "ret-15"}
