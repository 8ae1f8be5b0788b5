"""`manage.py import_articles FILE.jsonl [--publish]`: load articles from JSON lines.

See kb/records.py for the line format and kb/importing.py for what happens to each line."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from kb.importing import describe_summary, import_articles


class Command(BaseCommand):
    help = "Import articles from a JSONL file (one JSON object per line); '-' reads standard input."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="path to a .jsonl file, or - for standard input")
        parser.add_argument(
            "--publish", action="store_true", help="publish new and changed articles, replacing the published version"
        )
        parser.add_argument("--by", metavar="USERNAME", help="the user the audit trail names (default: nobody)")

    def handle(self, *args: Any, file: str, publish: bool, by: str | None, **options: Any) -> None:
        user = None
        if by:
            try:
                user = get_user_model().objects.get(username=by)
            except get_user_model().DoesNotExist:
                raise CommandError(_("There is no user %(name)r.") % {"name": by}) from None

        # The bar is for people at a terminal; logs and pipes get only the summary.
        with (
            open_lines(file) as (lines, total),
            tqdm(total=total, unit=" lines", file=sys.stderr, disable=not sys.stderr.isatty()) as bar,
        ):
            try:
                summary = import_articles(lines, publish=publish, by=user, progress=bar.update)
            except UnicodeDecodeError as error:
                message = _("%(file)s is not UTF-8 text: %(error)s") % {"file": file, "error": error}
                raise CommandError(message) from None

        for problem in summary.errors:
            self.stderr.write(str(problem))
        self.stdout.write(describe_summary(summary))
        if summary.failed:
            raise CommandError(
                ngettext("%(n)d line failed.", "%(n)d lines failed.", summary.failed) % {"n": summary.failed}
            )


@contextmanager
def open_lines(path: str) -> Iterator[tuple[TextIO, int | None]]:
    """The file's lines and, for a real file read at a terminal, their count for the bar."""
    if path == "-":
        yield sys.stdin, None
        return
    try:
        stream = open(path, encoding="utf-8-sig")  # noqa: SIM115 -- closed below
    except OSError as error:
        raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}) from None
    with stream:
        total = None
        if sys.stderr.isatty():
            total = sum(1 for _line in stream)
            stream.seek(0)
        yield stream, total
