"""Measure the checker against labelled pairs: precision, recall and F1, overall and per kind.

A prediction is one pair of external ids (the checker reports at most one conflict per pair). Overall
figures ignore the kind; per-kind figures count a pair for kind K only when it was predicted as K and
labelled K (a pair that states two contradictions lists both kinds in "kinds").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.consistency.checker import scan
from kb.consistency.records import Conflict, Doc, read_docs

KINDS = ("numeric", "unit", "polarity", "procedure")
EVALSET_DIR = Path(__file__).resolve().parent / "evalset"
DEFAULT_PARTS = ("dev", *(f"dev{n}" for n in range(2, 51)), "heldout")  # dev2..dev50


@dataclass
class Labels:
    conflicts: dict[tuple[str, str], tuple[str, frozenset[str]]] = field(default_factory=dict)
    hard: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass
class Outcome:
    predicted: dict[tuple[str, str], Conflict]
    labels: Labels

    def counts(self) -> dict[str, Any]:
        truth = self.labels.conflicts
        predicted = self.predicted
        result: dict[str, Any] = {
            "labelled": len(truth),
            "predicted": len(predicted),
            "true_positives": sum(1 for pair in predicted if pair in truth),
            "hard_non_conflicts": len(self.labels.hard),
            "hard_flagged": sum(1 for pair in predicted if pair in self.labels.hard),
            "per_kind": {},
            "hard_flagged_by_type": {},
        }
        for kind in KINDS:
            labelled = [pair for pair, (k, _kinds) in truth.items() if k == kind]
            guessed = [pair for pair, conflict in predicted.items() if conflict.kind == kind]
            hits = [pair for pair in guessed if pair in truth and kind in truth[pair][1]]
            found = [pair for pair in labelled if pair in predicted and predicted[pair].kind in truth[pair][1]]
            found_any = [pair for pair in labelled if pair in predicted]
            result["per_kind"][kind] = {
                "labelled": len(labelled),
                "predicted": len(guessed),
                "true_positives": len(hits),
                "found": len(found),
                "found_any_kind": len(found_any),
            }
        for pair, why in self.labels.hard.items():
            if pair in predicted:
                result["hard_flagged_by_type"][why] = result["hard_flagged_by_type"].get(why, 0) + 1
        return result

    def errors(self) -> tuple[list[Conflict], list[tuple[str, str]]]:
        """False positives (as conflicts) and false negatives (as pairs)."""
        fps = [c for pair, c in self.predicted.items() if pair not in self.labels.conflicts]
        fns = [pair for pair in self.labels.conflicts if pair not in self.predicted]
        return fps, fns


def read_labels(path: Path | str) -> Labels:
    """Label lines {"a", "b", "kind"} (conflicting) or {"a", "b", "conflict": false, "hard": ...}."""
    labels = Labels()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            raw = json.loads(line)
            first, second = sorted((str(raw["a"]), str(raw["b"])))
            if first == second:
                continue
            if raw.get("conflict", True):
                kind = str(raw.get("kind") or "numeric")
                kinds = frozenset(raw.get("kinds") or [kind]) | {kind}
                labels.conflicts[(first, second)] = (kind, kinds)
            else:
                labels.hard[(first, second)] = str(raw.get("hard") or "non-conflict")
    return labels


def current_docs(docs: list[Doc]) -> list[Doc]:
    """Keep the last line per external_id: like import_articles, a later line is a newer version,
    and only the version in effect is checked."""
    latest: dict[str, Doc] = {}
    for doc in docs:
        latest[doc.external_id] = doc
    return list(latest.values())


def evaluate_files(articles: Path | str, labels: Path | str) -> Outcome:
    docs = current_docs(read_docs(articles))
    predicted: dict[tuple[str, str], Conflict] = {}
    for conflict in scan(docs):
        pair = conflict.pair()
        if pair not in predicted or conflict.confidence > predicted[pair].confidence:
            predicted[pair] = conflict
    return Outcome(predicted, read_labels(labels))


def add_counts(total: dict[str, Any], counts: dict[str, Any]) -> dict[str, Any]:
    for key, value in counts.items():
        if isinstance(value, dict):
            add_counts(total.setdefault(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value
    return total


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0


def metrics(counts: dict[str, Any]) -> dict[str, Any]:
    """Precision/recall/F1 from counts, in the shape printed by eval_consistency --json."""
    precision = _ratio(counts["true_positives"], counts["predicted"])
    recall = _ratio(counts["true_positives"], counts["labelled"])
    per_kind = {}
    for kind, c in counts["per_kind"].items():
        p, r = _ratio(c["true_positives"], c["predicted"]), _ratio(c["found"], c["labelled"])
        per_kind[kind] = {"precision": p, "recall": r, "f1": _f1(p, r), **c}
    return {
        "pairs": counts["labelled"],
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "per_kind": per_kind,
        "counts": {k: v for k, v in counts.items() if k != "per_kind"},
    }


def default_files(part: str) -> tuple[Path, Path]:
    return EVALSET_DIR / f"{part}.jsonl", EVALSET_DIR / f"{part}_labels.jsonl"
