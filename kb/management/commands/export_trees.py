"""`manage.py export_trees [FILE]`: every tree's current version as one JSON document.

The format `import_trees` reads (kb/trees/transfer.py, kb/trees/SCHEMA.md), sorted by
external id, so that export -> import into an empty database -> export gives the same file."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kb.trees.transfer import dump_trees, export_trees


class Command(BaseCommand):
    help = 'Export the current version of every question tree as JSON {"trees": [...]} (standard output without FILE).'

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="where to write; - or nothing for standard output")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        document = export_trees()
        text = dump_trees(document)
        if file == "-":
            self.stdout.write(text, ending="")
            return
        try:
            with open(file, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        count = len(document["trees"])
        self.stderr.write(
            ngettext("Exported %(n)d tree to %(file)s.", "Exported %(n)d trees to %(file)s.", count)
            % {"n": count, "file": file}
        )
