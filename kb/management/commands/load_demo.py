"""`manage.py load_demo [--no-users] [--url URL]`: the demo knowledge base, and in demo mode
(CONCORD_DEMO=1) one user per role with a known password. Idempotent: running it again
changes nothing, so `make run` calls it every time.

Later features add their demo content as one more step in `handle`."""

from __future__ import annotations

import unicodedata
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kb.demo.users import DemoLogin, ensure_demo_users
from kb.importing import describe_summary, import_articles

DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "demo" / "articles.jsonl"


class Command(BaseCommand):
    help = "Load the demo knowledge base and, in demo mode (CONCORD_DEMO=1), the demo users."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--no-users", action="store_true", help="load content only, even in demo mode")
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="where the app runs, for the logins table")

    def handle(self, *args: Any, no_users: bool, url: str, **options: Any) -> None:
        self.load_articles()
        if no_users:
            self.stdout.write(_("Demo users were not created (--no-users)."))
        elif not settings.DEMO_MODE:
            self.stdout.write(_("Demo users were not created: they have known passwords, so only demo mode "
                                "(CONCORD_DEMO=1) makes them."))  # fmt: skip
        else:
            self.print_logins(ensure_demo_users(), url.rstrip("/"))

    def load_articles(self) -> None:
        with DEMO_ARTICLES.open(encoding="utf-8") as lines:
            summary = import_articles(lines, publish=True, by=None)
        if summary.errors:
            # The demo file ships with the code; a bad line is a bug, not bad input.
            raise CommandError("\n".join(str(error) for error in summary.errors))
        self.stdout.write(_("Demo articles: %(summary)s") % {"summary": describe_summary(summary, names=False)})
        call_command("import_trees", DEMO_ARTICLES.parent / "trees.json", "--publish", stdout=self.stdout)

    def print_logins(self, logins: list[DemoLogin], url: str) -> None:
        rows = [(_("URL"), _("User name"), _("Password"), _("Role"))]
        rows += [(f"{url}{login.path}", login.username, login.password, login.role) for login in logins]
        widths = [max(display_width(row[i]) for row in rows) for i in range(4)]
        self.stdout.write(_("Demo logins (demo mode only; never use these on a real server):"))
        for row in rows:
            cells = (cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())


def display_width(text: str) -> int:
    """Terminal columns: Chinese characters take two, so that the table lines up."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
