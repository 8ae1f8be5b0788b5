"""`manage.py export_articles [FILE]`: every article's current version as JSON lines.

The same format `import_articles` reads (kb/records.py), sorted by external ID, so that
export -> import into an empty database -> export gives the same file."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kb.importing import export_records
from kb.records import dump_record


class Command(BaseCommand):
    help = "Export the current version of every article as JSONL (standard output without FILE)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="where to write; - or nothing for standard output")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        if file == "-":
            for record in export_records():
                self.stdout.write(dump_record(record), ending="\n")
            return
        count = 0
        try:
            with open(file, "w", encoding="utf-8", newline="\n") as out:
                for record in export_records():
                    out.write(dump_record(record) + "\n")
                    count += 1
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        self.stderr.write(
            ngettext("Exported %(n)d article to %(file)s.", "Exported %(n)d articles to %(file)s.", count)
            % {"n": count, "file": file}
        )
