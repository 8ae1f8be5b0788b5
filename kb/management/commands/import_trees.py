"""`manage.py import_trees FILE [--publish]`: load question trees from a JSON file.

See kb/trees/SCHEMA.md for the format and kb/trees/transfer.py for what happens to each
tree. Bad trees are reported (tree, node and field named) and skipped; the command exits
non-zero if any failed."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kb.errors import ValidationFailed
from kb.trees.transfer import TreeImportSummary, import_trees


class Command(BaseCommand):
    help = 'Import question trees from a JSON file {"trees": [...]}; "-" reads standard input.'

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="path to a .json file, or - for standard input")
        parser.add_argument(
            "--publish", action="store_true", help="publish new and changed trees, replacing the published version"
        )
        parser.add_argument("--by", metavar="USERNAME", help="the user the audit trail names (default: nobody)")

    def handle(self, *args: Any, file: str, publish: bool, by: str | None, **options: Any) -> None:
        user = None
        if by:
            try:
                user = get_user_model().objects.get(username=by)
            except get_user_model().DoesNotExist:
                raise CommandError(_("There is no user %(name)r.") % {"name": by}) from None
        text = read_text(file)
        try:
            summary = import_trees(text, publish=publish, by=user)
        except ValidationFailed as error:
            raise CommandError(f"{file}: {error.message}") from None

        for problem in summary.errors:
            self.stderr.write(str(problem))
        self.stdout.write(describe_summary(summary))
        if summary.failed:
            raise CommandError(
                ngettext("%(n)d tree failed.", "%(n)d trees failed.", summary.failed) % {"n": summary.failed}
            )


def read_text(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8-sig") as stream:
            return stream.read()
    except OSError as error:
        raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}) from None
    except UnicodeDecodeError as error:
        raise CommandError(_("%(file)s is not UTF-8 text: %(error)s") % {"file": path, "error": error}) from None


def describe_summary(summary: TreeImportSummary) -> str:
    lines = [
        _(
            "Trees created: %(created)d, new versions: %(new_versions)d, drafts updated: %(drafts_updated)d, "
            "drafts published: %(drafts_published)d, unchanged: %(unchanged)d, failed: %(failed)d"
        )
        % vars(summary)
    ]
    if summary.new_categories:
        lines.append(_("New categories: %(names)s") % {"names": ", ".join(summary.new_categories)})
    return "\n".join(lines)
