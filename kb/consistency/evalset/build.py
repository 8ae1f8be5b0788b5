"""Build the evaluation set from the hand-written sources in source/*.txt.

    .venv/bin/python -m kb.consistency.evalset.build [PART ...]

writes <part>.jsonl (import_articles format) and <part>_labels.jsonl for each part in PARTS whose
source/<part>.txt exists (a part still being written is skipped with a note).
Label lines: {"a", "b", "kind", "conflict": true} for conflicting pairs, and
{"a", "b", "conflict": false, "hard": <why it is a trap>} for same-topic pairs that must not be flagged.

Labels are derived from the facts each article was written to state (see the header of dev.txt), so a
pair's label follows from what the texts say, not from what the checker finds.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = ("dev", *(f"dev{n}" for n in range(2, 51)), "heldout")  # dev2..dev50


@dataclass
class Article:
    external_id: str
    language: str
    title: str
    group: str
    category: str
    product: str
    tags: list[str]
    audience: str
    facts: dict[tuple[str, str], str]  # (attribute, scope) -> stance
    body_lines: list[str] = field(default_factory=list)

    def record(self) -> dict[str, object]:
        return {
            "external_id": self.external_id,
            "title": self.title,
            "body": "\n".join(self.body_lines).strip() + "\n",
            "language": self.language,
            "category": self.category,
            "tags": self.tags,
            "product": self.product,
            "audience": self.audience,
        }


def parse_options(parts: list[str]) -> dict[str, str]:
    options = {}
    for part in parts:
        key, _, value = part.strip().partition("=")
        options[key.strip()] = value.strip()
    return options


def parse_facts(text: str) -> dict[tuple[str, str], str]:
    facts = {}
    for item in filter(None, (piece.strip() for piece in text.split(";"))):
        key, _, stance = item.partition("=")
        attribute, _, scope = key.partition("@")
        facts[(attribute.strip(), scope.strip() or "general")] = stance.strip()
    return facts


def parse(path: Path) -> list[Article]:
    articles: list[Article] = []
    group = {"id": "", "category": "", "product": ""}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not articles:
            continue
        if line.startswith("=== "):
            head, *rest = line[4:].split("|")
            group = {"id": head.strip(), **parse_options(rest)}
            continue
        if line.startswith("--- "):
            external_id, language, title, *rest = (piece.strip() for piece in line[4:].split("|"))
            options = parse_options(rest)
            articles.append(
                Article(
                    external_id=external_id,
                    language=language,
                    title=title,
                    group=group["id"],
                    category=options.get("category", group.get("category", "")),
                    product=options.get("product", group.get("product", "")),
                    tags=[t for t in options.get("tags", "").split(",") if t],
                    audience=options.get("audience", "public" if len(articles) % 3 else "internal"),
                    facts=parse_facts(options.get("facts", "")),
                )
            )
            continue
        if articles:
            articles[-1].body_lines.append(line)
    return articles


_STANCE = re.compile(r"^(?P<unit>[a-z]+)(?P<low>[\d.]+)(?:-(?P<high>[\d.]+))?$")


def stance_value(stance: str) -> tuple[str, float, float] | None:
    match = _STANCE.match(stance)
    if not match:
        return None
    unit, low = match["unit"], float(match["low"])
    high = float(match["high"]) if match["high"] else low
    if unit == "d":
        unit, low, high = "h", low * 24, high * 24
    return unit, low, high


def conflict_kind(x: str, y: str) -> str | None:
    """The kind of contradiction between two stances on one attribute, or None if they agree."""
    if x == y:
        return None
    if x in "+-" and y in "+-":
        return "polarity"
    if x.startswith("ch:") or y.startswith("ch:"):
        return "procedure"
    vx, vy = stance_value(x), stance_value(y)
    if vx is None or vy is None:
        raise ValueError(f"cannot compare stances {x!r} and {y!r}")
    if vx == vy:
        return None
    if {vx[0], vy[0]} == {"h", "bd"}:
        return "unit"
    if vx[0] != vy[0]:
        raise ValueError(f"stances in different units: {x!r} {y!r}")
    return "numeric"


def label_pair(a: Article, b: Article) -> dict[str, object] | None:
    if a.product and b.product and a.product != b.product:
        return None if a.group != b.group else {"conflict": False, "hard": "different-product"}
    kinds: list[str] = []
    shared_same = shared_scope_differs = False
    for (attribute, scope_a), stance_a in a.facts.items():
        for (attribute_b, scope_b), stance_b in b.facts.items():
            if attribute != attribute_b:
                continue
            if scope_a == scope_b or "all" in (scope_a, scope_b):
                kind = conflict_kind(stance_a, stance_b)
                if kind:
                    kinds.append(kind)
                else:
                    shared_same = True
            else:
                shared_scope_differs = True
    if kinds:
        return {"conflict": True, "kind": kinds[0], "kinds": sorted(set(kinds))}
    if a.group != b.group and not shared_same:
        return None
    hard = "same-fact" if shared_same else "different-scope" if shared_scope_differs else "same-topic"
    if shared_same and a.language != b.language:
        hard = "same-fact-other-language"
    return {"conflict": False, "hard": hard}


def current(articles: list[Article]) -> list[Article]:
    """The last line for an external_id is its current version, as import_articles would see it."""
    latest: dict[str, Article] = {}
    for article in articles:
        latest[article.external_id] = article
    return list(latest.values())


def build(parts: tuple[str, ...] = PARTS) -> dict[str, dict[str, int]]:
    summary: dict[str, dict[str, int]] = {}
    for part in parts:
        source = HERE / "source" / f"{part}.txt"
        if not source.exists():
            print(f"{part}: skipped, {source.relative_to(HERE)} does not exist yet")
            continue
        articles = parse(source)
        with open(HERE / f"{part}.jsonl", "w", encoding="utf-8") as handle:
            for article in articles:
                handle.write(json.dumps(article.record(), ensure_ascii=False) + "\n")
        labels = []
        live = current(articles)
        for a, b in combinations(live, 2):
            label = label_pair(a, b)
            if label is not None:
                first, second = sorted((a.external_id, b.external_id))
                labels.append({"a": first, "b": second, **label})
        older = [a for a in articles if a not in live]
        for old in older:
            labels.append({"a": old.external_id, "b": old.external_id, "conflict": False, "hard": "older-version"})
        with open(HERE / f"{part}_labels.jsonl", "w", encoding="utf-8") as handle:
            for label in labels:
                handle.write(json.dumps(label, ensure_ascii=False) + "\n")
        counts: dict[str, int] = {"articles": len(articles)}
        for label in labels:
            key = f"conflict:{label['kind']}" if label["conflict"] else f"hard:{label['hard']}"
            counts[key] = counts.get(key, 0) + 1
        summary[part] = counts
    return summary


if __name__ == "__main__":
    for part, counts in build(tuple(sys.argv[1:]) or PARTS).items():
        print(part, json.dumps(counts, ensure_ascii=False, sort_keys=True))
