"""Side-by-side diff of two versions with changed words highlighted.

Lines are aligned first; inside a changed pair of lines the words are compared, where a
"word" is a Latin word, a number or a single CJK character (Chinese has no spaces, so a
whole sentence would otherwise be one word)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html import escape

from kb.models import ArticleVersion

_TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.UNICODE | re.DOTALL)


@dataclass
class DiffRow:
    kind: str  # "same", "changed", "added", "removed"
    left: str  # HTML, escaped, changes wrapped in <del>
    right: str  # HTML, escaped, changes wrapped in <ins>


@dataclass
class FieldChange:
    name: str
    left: str
    right: str


def _words(line: str) -> list[str]:
    return _TOKEN.findall(line)


def highlight_changes(left: str, right: str) -> tuple[str, str]:
    a, b = _words(left), _words(right)
    out_a: list[str] = []
    out_b: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            out_a.append(old)
            out_b.append(new)
            continue
        if old:
            out_a.append(f"<del>{old}</del>")
        if new:
            out_b.append(f"<ins>{new}</ins>")
    return "".join(out_a), "".join(out_b)


def diff_texts(left: str, right: str) -> list[DiffRow]:
    a, b = left.splitlines(), right.splitlines()
    rows: list[DiffRow] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [DiffRow("same", escape(x), escape(y)) for x, y in zip(a[i1:i2], b[j1:j2], strict=True)]
        elif op == "delete":
            rows += [DiffRow("removed", f"<del>{escape(x)}</del>", "") for x in a[i1:i2]]
        elif op == "insert":
            rows += [DiffRow("added", "", f"<ins>{escape(y)}</ins>") for y in b[j1:j2]]
        else:
            old, new = a[i1:i2], b[j1:j2]
            for k in range(max(len(old), len(new))):
                if k < len(old) and k < len(new):
                    rows.append(DiffRow("changed", *highlight_changes(old[k], new[k])))
                elif k < len(old):
                    rows.append(DiffRow("removed", f"<del>{escape(old[k])}</del>", ""))
                else:
                    rows.append(DiffRow("added", "", f"<ins>{escape(new[k])}</ins>"))
    return rows


def _field_values(version: ArticleVersion) -> dict[str, str]:
    return {
        "title": version.title,
        "summary": version.summary,
        "category": version.category.name,
        "tags": ", ".join(sorted(t.name for t in version.tags.all())),
        "product": version.product,
        "language": version.get_language_display(),
        "audience": version.get_audience_display(),
    }


def diff_versions(left: ArticleVersion, right: ArticleVersion) -> tuple[list[FieldChange], list[DiffRow]]:
    """The metadata fields that differ, and the body side by side."""
    a, b = _field_values(left), _field_values(right)
    changes = [FieldChange(name, *highlight_changes(a[name], b[name])) for name in a if a[name] != b[name]]
    return changes, diff_texts(left.body, right.body)
