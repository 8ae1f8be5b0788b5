"""The plain records the checker works on: documents in, conflicts out. No database here, so the
same code serves the eval command, the benchmark, and (later) article versions and tree outcomes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Doc:
    """One text to check, in the import_articles shape. `id` is unique per text (e.g. a version id);
    texts that share an `external_id` are versions of one article and are never compared."""

    id: str
    external_id: str
    title: str
    body: str
    language: str = "zh-hans"
    category: str = ""
    product: str = ""
    tags: tuple[str, ...] = ()
    audience: str = "internal"


@dataclass(frozen=True)
class Conflict:
    """Two texts that say incompatible things about the same attribute in the same scope."""

    a: str  # Doc.id of the first text
    b: str
    a_external_id: str
    b_external_id: str
    kind: str  # "numeric" | "unit" | "polarity" | "procedure"
    confidence: float
    attribute: str  # what the statements are about, e.g. "退货 / return"
    evidence_a: str
    evidence_b: str
    value_a: str
    value_b: str
    explanation_zh: str
    explanation_en: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def pair(self) -> tuple[str, str]:
        """The two external ids, sorted: a conflict between A and B is the same as between B and A."""
        first, second = sorted((self.a_external_id, self.b_external_id))
        return first, second


def doc_from_json(raw: dict[str, Any], *, line: int) -> Doc:
    """An import_articles line -> Doc. The line number makes the id unique when an external_id repeats
    (a file may carry an article's older version next to the current one)."""
    external_id = str(raw["external_id"])
    return Doc(
        id=f"{external_id}@{line}",
        external_id=external_id,
        title=str(raw.get("title") or ""),
        body=str(raw.get("body") or ""),
        language=str(raw.get("language") or "zh-hans"),
        category=str(raw.get("category") or ""),
        product=str(raw.get("product") or ""),
        tags=tuple(str(tag) for tag in raw.get("tags") or ()),
        audience=str(raw.get("audience") or "internal"),
    )


def read_docs(path: Path | str) -> list[Doc]:
    """Read an import_articles JSONL file into Docs (blank lines skipped)."""
    docs: list[Doc] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                docs.append(doc_from_json(json.loads(line), line=number))
    return docs
