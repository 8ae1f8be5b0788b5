"""Forms for the tree pages. The editor is one server-rendered form over the whole graph:
graph_from_post() reads it back into a graph (SCHEMA.md), and apply_edit() performs the
structural button that was pressed (add a node, move an option...). Neither checks the
rules: kb.trees.services and kb.trees.validation do, and the views show their messages
next to the node they name.

Field names: `start`, then per node (numbered in page order from 0) `node-<i>-id`,
`node-<i>-was` (the id it had when the page was drawn, so that renaming a node keeps the
options that lead to it), `node-<i>-type`, `-prompt`, `-guidance`, `-resolution`,
`-outcome`, `-team`, `-tree`, `-articles`, and per option `node-<i>-option-<j>-label|next`."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from kb.models import Audience, Category, Language, VersionState
from kb.trees.services import (
    MAX_CHANGE_NOTE_CHARS,
    MAX_DESCRIPTION_CHARS,
    MAX_EXTERNAL_ID_CHARS,
    MAX_PRODUCT_CHARS,
    MAX_TITLE_CHARS,
    TreeInput,
)
from kb.trees.validation import OUTCOME, QUESTION

NEW_QUESTION = "+new-question"  # option targets that create the node on save
NEW_OUTCOME = "+new-outcome"
_NODE_FIELD = re.compile(r"^node-(\d{1,4})-")
_OPTION_FIELD = re.compile(r"^node-(\d{1,4})-option-(\d{1,3})-label$")
_ACTION = re.compile(r"^(add-question|add-outcome|save|submit)$|^([a-z-]+)-(\d{1,4})(?:-(\d{1,3}))?$")
_LINK_SEPARATORS = re.compile(r"[\s,，、;；]+")
MARKDOWN_FIELD = re.compile(r"^node-\d{1,4}-(prompt|guidance|resolution)$")


class TreeDetailsForm(forms.Form):
    """What describes a tree besides its graph."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE_CHARS)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=MAX_DESCRIPTION_CHARS,
        help_text=_("When to use this tree; agents see it before they start."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("No category"),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.ZH_HANS)
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=Audience.choices,
        initial=Audience.INTERNAL,
        widget=forms.RadioSelect,
        help_text=_("Public trees may also be walked by channel accounts (chatbot, IVR) over the API."),
    )
    product = forms.CharField(
        label=_("Product"),
        required=False,
        max_length=MAX_PRODUCT_CHARS,
        help_text=_("Leave empty when the tree is about no one product."),
    )
    change_note = forms.CharField(
        label=_("Change note"),
        required=False,
        max_length=MAX_CHANGE_NOTE_CHARS,
        help_text=_("What changed in this version, and why."),
    )

    def to_input(self, graph: Any) -> TreeInput:
        data = self.cleaned_data
        return TreeInput(
            title=data["title"],
            graph=graph,
            description=data["description"],
            category=data["category"].slug if data["category"] else "",
            language=data["language"],
            audience=data["audience"],
            product=data["product"],
            change_note=data["change_note"],
        )

    @staticmethod
    def initial_from(version: Any) -> dict[str, Any]:
        return {
            "title": version.title,
            "description": version.description,
            "category": version.category,
            "language": version.language,
            "audience": version.audience,
            "product": version.product,
            "change_note": version.change_note if version.is_open else "",
            "base_revision": version.tree.revision,
        }


class TreeCreateForm(TreeDetailsForm):
    external_id = forms.CharField(
        label=_("External ID"),
        required=False,
        max_length=MAX_EXTERNAL_ID_CHARS,
        help_text=_("Optional: a stable name other trees can hand off to, e.g. parcel-not-received."),
    )


class TreeEditForm(TreeDetailsForm):
    # The optimistic lock: the QuestionTree.revision this form was rendered from.
    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class TreeFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or external ID"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("Any state")), *VersionState.choices])


class TreeImportForm(forms.Form):
    file = forms.FileField(label=_("Tree file (JSON)"), help_text=_('The format of export_trees: {"trees": [...]}.'))
    publish = forms.BooleanField(label=_("Publish the imported trees (reviewers)"), required=False)


class AnalyticsForm(forms.Form):
    version = forms.IntegerField(min_value=1, required=False)


def _text(data: QueryDict, name: str) -> str:
    # Browsers send a textarea's line breaks as CRLF: without this, saving an unchanged tree
    # marks every multi-line node as changed in the review diff.
    return data.get(name, "").replace("\r\n", "\n")


def parse_links(raw: str) -> list[int | str]:
    """Article links typed as ids or external ids, separated by commas or spaces."""
    links: list[int | str] = []
    for token in _LINK_SEPARATORS.split(raw.strip()):
        if token:
            links.append(int(token) if token.isascii() and token.isdigit() and len(token) <= 18 else token)
    return links


def graph_from_post(data: QueryDict) -> dict[str, Any]:
    """The graph the editor's form describes, in page order, with renamed nodes followed
    by the options and the start that led to them."""
    indexes = sorted({int(m.group(1)) for key in data for m in [_NODE_FIELD.match(key)] if m})
    nodes: list[dict[str, Any]] = []
    renames: dict[str, str] = {}
    for i in indexes:
        prefix = f"node-{i}-"
        node_id = _text(data, prefix + "id").strip()
        was = _text(data, prefix + "was").strip()
        if was and node_id and was != node_id:
            renames[was] = node_id
        kind = _text(data, prefix + "type")
        if kind == QUESTION:
            numbers = sorted(
                {int(m.group(2)) for key in data for m in [_OPTION_FIELD.match(key)] if m and int(m.group(1)) == i}
            )
            options = [
                {"label": _text(data, f"{prefix}option-{j}-label"), "next": _text(data, f"{prefix}option-{j}-next")}
                for j in numbers
            ]
            nodes.append(
                {
                    "id": node_id,
                    "type": QUESTION,
                    "prompt": _text(data, prefix + "prompt"),
                    "guidance": _text(data, prefix + "guidance"),
                    "options": options,
                }
            )
        else:
            nodes.append(
                {
                    "id": node_id,
                    "type": kind,
                    "resolution": _text(data, prefix + "resolution"),
                    "outcome": _text(data, prefix + "outcome"),
                    "team": _text(data, prefix + "team"),
                    "tree": _text(data, prefix + "tree"),
                    "articles": parse_links(_text(data, prefix + "articles")),
                }
            )
            if kind != OUTCOME:  # keep what was sent, so that the rules can name it
                nodes[-1] = {"id": node_id, "type": kind}
    start = _text(data, "start").strip()
    for node in nodes:
        for option in node.get("options", []):
            option["next"] = renames.get(option["next"], option["next"])
    graph = {"start": renames.get(start, start), "nodes": nodes}
    _create_new_targets(graph)
    return graph


def _free_id(graph: dict[str, Any], stem: str) -> str:
    taken = {node["id"] for node in graph["nodes"]}
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def _new_node(graph: dict[str, Any], kind: str) -> dict[str, Any]:
    if kind == QUESTION:
        node = {"id": _free_id(graph, "question"), "type": QUESTION, "prompt": "", "guidance": "", "options": []}
    else:
        node = {
            "id": _free_id(graph, "outcome"),
            "type": OUTCOME,
            "resolution": "",
            "outcome": "resolved",
            "team": "",
            "tree": "",
            "articles": [],
        }
    graph["nodes"].append(node)
    if not graph["start"]:
        graph["start"] = node["id"]
    return node


def _create_new_targets(graph: dict[str, Any]) -> None:
    """An option whose target is "new question" or "new outcome" gets that node."""
    for node in list(graph["nodes"]):
        for option in node.get("options", []):
            if option["next"] in (NEW_QUESTION, NEW_OUTCOME):
                option["next"] = _new_node(graph, QUESTION if option["next"] == NEW_QUESTION else OUTCOME)["id"]


def _swap(items: list[Any], a: int, b: int) -> None:
    if 0 <= a < len(items) and 0 <= b < len(items):
        items[a], items[b] = items[b], items[a]


def apply_edit(graph: dict[str, Any], action: str) -> int | None:
    """Perform one structural button of the editor on the graph, in place. Returns the
    position of the node to scroll to afterwards, if any. Unknown actions, or positions
    that are not on the page, change nothing."""
    nodes = graph["nodes"]
    match = _ACTION.match(action or "")
    if match is None or match.group(1) in ("save", "submit"):
        return None
    if match.group(1) in ("add-question", "add-outcome"):
        _new_node(graph, QUESTION if match.group(1) == "add-question" else OUTCOME)
        return len(nodes) - 1
    verb, i = match.group(2), int(match.group(3))
    j = int(match.group(4)) if match.group(4) is not None else None
    if i >= len(nodes):
        return None
    node = nodes[i]
    options = node.get("options") if isinstance(node.get("options"), list) else None
    if verb == "delete-node" and j is None:
        removed = nodes.pop(i)["id"]
        for other in nodes:  # options that led to it now lead nowhere, and say so
            for option in other.get("options", []):
                if option["next"] == removed:
                    option["next"] = ""
        if graph["start"] == removed:
            graph["start"] = ""
        return max(i - 1, 0) if nodes else None
    if verb == "node-up" and j is None:
        _swap(nodes, i, i - 1)
        return max(i - 1, 0)
    if verb == "node-down" and j is None:
        _swap(nodes, i, i + 1)
        return min(i + 1, len(nodes) - 1)
    if verb == "make-start" and j is None:
        graph["start"] = node["id"]
        return i
    if options is None:
        return i
    if verb == "add-option" and j is None:
        options.append({"label": "", "next": ""})
    elif verb == "delete-option" and j is not None and j < len(options):
        options.pop(j)
    elif verb == "option-up" and j is not None:
        _swap(options, j, j - 1)
    elif verb == "option-down" and j is not None:
        _swap(options, j, j + 1)
    return i
