"""check_consistency runs the full scan in the foreground; export_conflicts writes pure JSONL."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from kb.consistency import services
from kb.consistency.models import ConflictReport, ConflictStatus
from tests.kb.consistency.conftest import only_report

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_check_consistency_scans_everything_and_prints_a_summary(conflicting_pair):
    out, _err = run("check_consistency", "--json")

    lines = out.strip().splitlines()
    assert "Checked 2 texts" in lines[0] and "1 conflicts found; 1 new" in lines[0]
    summary = json.loads(lines[-1])
    assert summary["docs"] == 2 and summary["opened"] == 1 and summary["open"] == 1
    assert only_report().status == ConflictStatus.OPEN

    again = json.loads(run("check_consistency", "--json")[0].strip().splitlines()[-1])
    assert again["opened"] == 0 and again["refreshed"] == 1 and ConflictReport.objects.count() == 1


def test_export_conflicts_writes_only_jsonl_of_open_reports(conflicting_pair, reviewer):
    seven, fifteen = conflicting_pair
    services.check_article_conflicts(article=fifteen)

    out, err = run("export_conflicts")

    lines = out.splitlines()
    assert len(lines) == 1 and err == ""
    row = json.loads(lines[0])
    assert set(row) == {"a", "b", "kind", "evidence_a", "evidence_b"}
    assert {row["a"], row["b"]} == {f"concord-{seven.pk}", f"concord-{fifteen.pk}"}
    assert row["kind"] == "numeric" and "天" in row["evidence_a"] and "天" in row["evidence_b"]

    services.dismiss_conflict(report=only_report(), by=reviewer, reason="特例")
    assert run("export_conflicts")[0] == ""
    assert len(run("export_conflicts", "--status", "dismissed")[0].splitlines()) == 1


@pytest.mark.django_db(transaction=True)
def test_export_conflicts_in_a_real_process_prints_nothing_but_jsonl(conflicting_pair, settings):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.conftest import database_url

    services.check_article_conflicts(article=conflicting_pair[1])

    done = subprocess.run(
        [sys.executable, "manage.py", "export_conflicts"],
        cwd=Path(__file__).resolve().parents[3],
        env={**os.environ, "DATABASE_URL": database_url(settings)},
        capture_output=True,
        text=True,
        check=True,
    )

    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["kind"] == "numeric"
