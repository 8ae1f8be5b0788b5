"""`manage.py eval_consistency [ARTICLES.jsonl LABELS.jsonl] [--parts P ...] [--json] [--errors]`: measure
the checker.

Without files it runs the built-in labelled set (kb/consistency/evalset), each part separately (all
parts, or those named by --parts); a part that has not been built yet is skipped with a note on stderr.
With --json the last line of output is one JSON object."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kb.consistency.evaluate import DEFAULT_PARTS, KINDS, add_counts, default_files, evaluate_files, metrics


class Command(BaseCommand):
    help = "Precision, recall and F1 of the consistency checker on a labelled set of articles."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("articles", nargs="?", help="import_articles JSONL file (default: the built-in set)")
        parser.add_argument("labels", nargs="?", help='labels JSONL: {"a", "b", "kind"} per conflicting pair')
        parser.add_argument("--json", action="store_true", help="end with one JSON object on the last line")
        parser.add_argument("--errors", action="store_true", help="list false positives and false negatives")
        parser.add_argument(
            "--parts", nargs="+", choices=DEFAULT_PARTS, help="parts of the built-in set to run (default: all)"
        )

    def handle(
        self, *args: Any, articles: str | None, labels: str | None, parts: list[str] | None, **options: Any
    ) -> None:
        if bool(articles) != bool(labels):
            raise CommandError(_("Give both an articles file and a labels file, or neither."))
        if articles and labels:
            runs = {"given": (Path(articles), Path(labels))}
        else:
            runs = {}
            for part in parts or DEFAULT_PARTS:
                files = default_files(part)
                if all(path.exists() for path in files):
                    runs[part] = files
                else:
                    # a part still being written (its source not built yet) must not stop the others
                    self.stderr.write(_("Skipped part %(part)s: it has not been built yet.") % {"part": part})
            if not runs:
                raise CommandError(_("None of the parts has been built yet."))
        for paths in runs.values():
            for path in paths:
                if not path.exists():
                    raise CommandError(_("No such file: %(path)s") % {"path": path})

        total: dict[str, Any] = {}
        by_part: dict[str, Any] = {}
        for name, (articles_path, labels_path) in runs.items():
            outcome = evaluate_files(articles_path, labels_path)
            counts = outcome.counts()
            add_counts(total, counts)
            by_part[name] = metrics(counts)
            self._print_table(name, by_part[name])
            if options["errors"]:
                self._print_errors(outcome)
        result = metrics(total)
        if len(by_part) > 1:
            self._print_table("all", result)
            result["parts"] = by_part
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, sort_keys=True))

    def _print_table(self, name: str, result: dict[str, Any]) -> None:
        counts = result["counts"]
        self.stdout.write(
            f"[{name}] labelled conflicting pairs {result['pairs']}, predicted {counts['predicted']}, "
            f"true positives {counts['true_positives']}; hard non-conflicts flagged "
            f"{counts['hard_flagged']}/{counts['hard_non_conflicts']}"
        )
        self.stdout.write(f"  {'kind':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'labelled':>8} {'predicted':>9}")
        self.stdout.write(
            f"  {'overall':<10} {result['precision']:>9.3f} {result['recall']:>7.3f} {result['f1']:>6.3f} "
            f"{result['pairs']:>8} {counts['predicted']:>9}"
        )
        for kind in KINDS:
            row = result["per_kind"][kind]
            self.stdout.write(
                f"  {kind:<10} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f} "
                f"{row['labelled']:>8} {row['predicted']:>9}"
            )

    def _print_errors(self, outcome: Any) -> None:
        false_positives, false_negatives = outcome.errors()
        for conflict in false_positives:
            self.stdout.write(
                f"  FP {conflict.a_external_id} / {conflict.b_external_id} ({conflict.kind}): "
                f"{conflict.evidence_a} || {conflict.evidence_b}"
            )
        for a, b in false_negatives:
            self.stdout.write(f"  FN {a} / {b} ({outcome.labels.conflicts[(a, b)][0]})")
