"""`manage.py export_conflicts [--status open|dismissed|resolved]`: reports as JSONL on stdout.

One line per report, {"a", "b", "kind", "evidence_a", "evidence_b"}; "a" and "b" are the articles'
external ids, or "tree:<external id>#<node id>" for a tree outcome. Nothing else is written to
stdout, so the output can be piped into another tool."""

from __future__ import annotations

import json
import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from kb.consistency.models import ConflictReport, ConflictStatus


class Command(BaseCommand):
    help = "Write conflict reports (open ones by default) to stdout as JSON lines."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--status", choices=ConflictStatus.values, default=ConflictStatus.OPEN)

    def handle(self, *args: Any, status: str, **options: Any) -> None:
        reports = ConflictReport.objects.filter(status=status).order_by("a_ref", "b_ref", "kind", "pk")
        for report in reports.iterator(chunk_size=1000):
            line = {
                "a": report.a_ref,
                "b": report.b_ref,
                "kind": report.kind,
                "evidence_a": report.evidence_a,
                "evidence_b": report.evidence_b,
            }
            try:
                self.stdout.write(json.dumps(line, ensure_ascii=False))
            except BrokenPipeError:
                # The reader stopped (`| head`): stop quietly, as a filter should.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                return
