"""`manage.py check_consistency [--json]`: the full consistency scan in the foreground.

The same scan as the periodic Celery task, without a worker: every live article version and tree
outcome against every other, reports stored (opened, reopened, resolved). A progress bar goes to
stderr when it is a terminal; the summary to stdout (with --json, one JSON object as its last line)."""

from __future__ import annotations

import json
import os
import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from kb.consistency.models import ConflictReport, ConflictStatus
from kb.consistency.services import run_full_scan
from kb.consistency.sources import iter_live_docs


class Command(BaseCommand):
    help = "Check every published article and tree outcome against each other and update the conflict reports."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="end with one JSON object on the last line")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
        parser.add_argument(
            "--procs", type=int, default=min(2, os.cpu_count() or 1), help="processes scanning side by side"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        docs = list(iter_live_docs())
        show = sys.stderr.isatty() and not options["no_progress"]
        with tqdm(total=len(docs), unit="doc", disable=not show, file=sys.stderr, desc=_("Checking")) as bar:

            def progress(done: int, _total: int) -> None:
                bar.update(done - bar.n)

            result = run_full_scan(docs=docs, progress=progress, processes=max(1, options["procs"]))
        seconds = time.perf_counter() - started
        open_now = ConflictReport.objects.filter(status=ConflictStatus.OPEN).count()
        summary = {"docs": len(docs), "seconds": round(seconds, 2), "open": open_now, **result.as_dict()}
        self.stdout.write(
            _(
                "Checked %(docs)d texts in %(seconds).1f s: %(found)d conflicts found; "
                "%(opened)d new, %(reopened)d reopened, %(resolved)d resolved, "
                "%(still_dismissed)d still dismissed. Open reports now: %(open)d."
            )
            % summary
        )
        if options["json"]:
            self.stdout.write(json.dumps(summary))
