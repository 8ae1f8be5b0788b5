"""Two versions of a question tree side by side: the tree's own fields, then each node that
was added, removed or changed (kb.trees.display.compare_graphs decides which), field by
field. Words are highlighted by kb.diff, the same as for articles; the Markdown of prompts,
guidance and resolutions is compared line by line like an article's body."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.utils.translation import gettext as _

from kb.diff import DiffRow, diff_texts, highlight_changes
from kb.trees.display import compare_graphs
from kb.trees.models import TreeVersion
from kb.trees.validation import OUTCOME

TEXT_FIELDS = ("prompt", "guidance", "resolution")  # Markdown, compared line by line


@dataclass
class Change:
    name: str  # "title", "start", "outcome", "options.2" (numbered as in the newer version)...
    label: str  # the name for people, translated
    left: str  # HTML, escaped, removed words in <del>
    right: str  # HTML, escaped, added words in <ins>


@dataclass
class TextChange:
    name: str  # prompt / guidance / resolution
    label: str
    rows: list[DiffRow]


@dataclass
class NodeDiff:
    node_id: str
    change: str  # added / removed / changed
    type: str  # question / outcome (the newer version's, for a removed node the older one's)
    texts: list[TextChange] = field(default_factory=list)
    fields: list[Change] = field(default_factory=list)


@dataclass
class TreeDiff:
    changes: list[Change]  # the tree's own fields, the start node among them
    nodes: list[NodeDiff]

    @property
    def is_empty(self) -> bool:
        return not self.changes and not self.nodes


def _field_labels() -> dict[str, str]:
    # Built per call so that they follow the language of the request.
    return {
        "title": _("Title"),
        "description": _("Description"),
        "category": _("Category"),
        "language": _("Language"),
        "audience": _("Audience"),
        "product": _("Product"),
        "start": _("Start node"),
        "type": _("Node type"),
        "prompt": _("Prompt"),
        "guidance": _("Guidance"),
        "resolution": _("Resolution"),
        "outcome": _("Kind of ending"),
        "team": _("Team"),
        "tree": _("Hand off to tree"),
        "articles": _("Linked articles"),
    }


def _version_values(version: TreeVersion) -> dict[str, str]:
    return {
        "title": version.title,
        "description": version.description,
        "category": version.category.name if version.category else "",
        "language": version.get_language_display(),
        "audience": version.get_audience_display(),
        "product": version.product,
        "start": str(version.graph.get("start") or ""),
    }


def _outcome_label(kind: str) -> str:
    # The same words as templates/kb/tree_outcome_kind.html.
    labels = {
        "resolved": _("Resolved on the call"),
        "escalate": _("Escalate to a team"),
        "handoff": _("Hand off to another tree"),
    }
    return labels.get(kind, kind)


def _node_values(node: dict[str, Any] | None) -> dict[str, str]:
    """A node's one-line fields as text; empty for fields its type does not have."""
    if not node:
        return {}
    is_outcome = node.get("type") == OUTCOME
    links = node.get("articles") or []
    return {
        "type": _("outcome") if is_outcome else _("question"),
        "outcome": _outcome_label(str(node.get("outcome") or "")) if is_outcome else "",
        "team": str(node.get("team") or "") if is_outcome else "",
        "tree": str(node.get("tree") or "") if is_outcome else "",
        "articles": ", ".join(str(link) for link in links) if is_outcome and isinstance(links, list) else "",
    }


def _options(node: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not node or node.get("type") == OUTCOME:
        return []
    return [o for o in node.get("options") or [] if isinstance(o, dict)]


def _replace_whole(left: str, right: str) -> tuple[str, str]:
    """Node ids are names, not words: a different id is marked as a whole, not from its
    hyphens (in-transit → ask-courier)."""
    if left == right:
        return escape(left), escape(right)
    return (f"<del>{escape(left)}</del>" if left else ""), (f"<ins>{escape(right)}</ins>" if right else "")


def _option_texts(old: dict[str, Any] | None, new: dict[str, Any] | None) -> tuple[str, str]:
    """An answer as "label → target", the label compared word by word, the target as a whole."""
    if old is None or new is None:
        one = old or new or {}
        text = f"{one.get('label') or ''} → {one.get('next') or ''}"
        return highlight_changes("", text) if old is None else highlight_changes(text, "")
    labels = highlight_changes(str(old.get("label") or ""), str(new.get("label") or ""))
    targets = _replace_whole(str(old.get("next") or ""), str(new.get("next") or ""))
    return f"{labels[0]} → {targets[0]}", f"{labels[1]} → {targets[1]}"


def _pair_options(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[tuple[int | None, int | None]]:
    """(old index, new index) pairs: the same label first (so a moved or retargeted answer
    stays one row), then the answers left over on both sides in order (a reworded answer),
    then the rest as removed (None on the right) or added (None on the left); in the newer
    order, a removed answer where it used to be."""
    left_over = set(range(len(old)))
    by_label: dict[str, int] = {}
    for index, option in enumerate(old):
        by_label.setdefault(str(option.get("label") or "").casefold(), index)
    match: dict[int, int] = {}
    for index, option in enumerate(new):
        found = by_label.get(str(option.get("label") or "").casefold())
        if found is not None and found in left_over:
            match[index] = found
            left_over.discard(found)
    unmatched = [index for index in range(len(new)) if index not in match]
    for index, found in zip(unmatched, sorted(left_over), strict=False):
        match[index] = found
        left_over.discard(found)
    pairs: list[tuple[int | None, int | None]] = [(match.get(index), index) for index in range(len(new))]
    for index in sorted(left_over):
        pairs.insert(min(index, len(pairs)), (index, None))
    return pairs


def _option_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    changes = []
    for i, j in _pair_options(old, new):
        left, right = _option_texts(old[i] if i is not None else None, new[j] if j is not None else None)
        if i is not None and i == j and old[i] == new[i]:
            continue
        number = j + 1 if j is not None else (i or 0) + 1
        if i is not None and j is not None and i != j:
            label = _("Answer %(old)s → %(new)s") % {"old": i + 1, "new": j + 1}
        else:
            label = _("Answer %(n)s") % {"n": number}
        changes.append(Change(f"options.{number}", label, left, right))
    return changes


def _diff_node(old: dict[str, Any] | None, new: dict[str, Any] | None) -> tuple[list[TextChange], list[Change]]:
    """The Markdown fields that differ, line by line, and the one-line fields that differ
    (type, outcome, team, handoff tree, linked articles, each answer as "label → target")."""
    labels = _field_labels()
    texts = []
    for name in TEXT_FIELDS:
        a, b = str((old or {}).get(name) or ""), str((new or {}).get(name) or "")
        if a != b:
            texts.append(TextChange(name, labels[name], diff_texts(a, b)))
    a_values, b_values = _node_values(old), _node_values(new)
    fields = []
    for name in ("type", "outcome", "team", "tree", "articles"):
        a, b = a_values.get(name, ""), b_values.get(name, "")
        # An added or removed node's type is in its heading already.
        if a != b and (name != "type" or (old and new)):
            mark = _replace_whole if name == "tree" else highlight_changes
            fields.append(Change(name, labels[name], *mark(a, b)))
    return texts, fields + _option_changes(_options(old), _options(new))


def diff_tree_versions(left: TreeVersion, right: TreeVersion) -> TreeDiff:
    """What changed from `left` to `right`: the tree's fields, and each node added, removed
    or changed, with its changed fields."""
    labels = _field_labels()
    a, b = _version_values(left), _version_values(right)
    changes = []
    for name in (n for n in a if a[n] != b[n]):
        mark = _replace_whole if name == "start" else highlight_changes
        changes.append(Change(name, labels[name], *mark(a[name], b[name])))
    nodes = []
    for node_change in compare_graphs(left.graph, right.graph):
        node_id = node_change.node_id
        old, new = left.node(node_id), right.node(node_id)
        texts, fields = _diff_node(old, new)
        if node_change.change == "changed" and a["start"] != b["start"] and node_id in (a["start"], b["start"]):
            before, after = (_("yes"), _("no")) if node_id == a["start"] else (_("no"), _("yes"))
            fields.append(Change("start", labels["start"], *highlight_changes(before, after)))
        kind = str((new or old or {}).get("type") or "")
        nodes.append(NodeDiff(node_id, node_change.change, kind, texts, fields))
    return TreeDiff(changes, nodes)
