"""`manage.py rebuild_index`: index every live article and published question tree into a
fresh directory and switch searchers to it atomically. Searching keeps working on the old
index meanwhile."""

from __future__ import annotations

import os
import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from search import services


class Command(BaseCommand):
    help = "Rebuild the search index from the database and swap it in atomically."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--procs", type=int, default=min(2, os.cpu_count() or 1), help="processes that analyze text (default: 2)"
        )

    def handle(self, *args: Any, procs: int, **options: Any) -> None:
        started = time.monotonic()
        bar = tqdm(unit=" docs", file=sys.stderr, disable=not sys.stderr.isatty())

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        with bar:
            count = services.rebuild(progress=progress, procs=procs)
        seconds = time.monotonic() - started
        self.stdout.write(
            _("Indexed %(count)d articles and question trees in %(seconds).1f s (%(rate).0f per second).")
            % {"count": count, "seconds": seconds, "rate": count / seconds if seconds else 0}
        )
