"""`manage.py bench_consistency --docs N [--checks 200] [--json]`: time the consistency checker on a
generated knowledge base: the full scan, and single-article checks against the index (p50/p95)."""

from __future__ import annotations

import json
import os
import statistics
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kb.consistency.bench import generate_docs
from kb.consistency.checker import build_index, check_document, scan


class Command(BaseCommand):
    help = "Benchmark the consistency checker: full-scan time and single-article check latency."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--docs", type=int, default=10_000, help="articles in the generated base")
        parser.add_argument("--checks", type=int, default=200, help="new articles checked one by one")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--procs", type=int, default=min(2, os.cpu_count() or 1), help="processes for the full scan"
        )
        parser.add_argument("--json", action="store_true", help="end with one JSON object on the last line")

    def handle(self, *args: Any, docs: int, checks: int, seed: int, procs: int, **options: Any) -> None:
        if docs < 1 or checks < 1 or procs < 1:
            raise CommandError(_("--docs, --checks and --procs must be positive."))
        base = generate_docs(docs, seed=seed)
        self.stdout.write(f"generated {docs} articles ({base.planted} with a planted contradiction)")

        started = time.perf_counter()
        conflicts = scan(base.docs, processes=procs)
        full_scan = time.perf_counter() - started
        self.stdout.write(f"full scan ({procs} processes): {full_scan:.1f} s, {len(conflicts)} conflicts")

        # Single checks: new articles about the same products, checked against an index of the base.
        started = time.perf_counter()
        index = build_index(base.docs)
        index_seconds = time.perf_counter() - started
        fresh = generate_docs(checks * 8, seed=seed + 1, conflict_rate=0.05, prefix="new").docs[:checks]
        latencies = []
        for doc in fresh:
            started = time.perf_counter()
            check_document(doc, index)
            latencies.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(latencies)
        p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
        self.stdout.write(f"index build: {index_seconds:.1f} s; single check: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        if options["json"]:
            result = {
                "docs": docs,
                "full_scan_s": round(full_scan, 2),
                "check_p50_ms": round(p50, 2),
                "check_p95_ms": round(p95, 2),
                "conflicts_found": len(conflicts),
            }
            self.stdout.write(json.dumps(result))
