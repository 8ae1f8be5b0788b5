"""A real Celery worker checks an article after it is published: the report appears by itself."""

from __future__ import annotations

import pytest

from kb.consistency.models import ConflictReport, ConflictStatus
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
