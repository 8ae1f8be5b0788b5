"""The JSON file format of `export_trees` and `import_trees` (documented in SCHEMA.md):

    {"trees": [{"external_id": "…", "title": "…", "description": "…", "language": "zh-hans",
                "category": "", "audience": "internal", "product": "",
                "graph": {"start": "…", "nodes": [...]}}]}

The export writes the current version of every tree (the open draft, else the published
version, else the newest), sorted by external id, every key in a fixed order, article links
as external ids, so that export -> import into an empty database -> export gives the same
bytes. The import is idempotent by external id like import_articles: an unknown id creates
a tree, changed content saves a new draft (published with `publish=True`), unchanged content
does nothing. Each tree is imported in its own savepoint: one bad tree fails alone, and
its errors name the tree, the node and the field."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from kb.errors import DomainError, ValidationFailed
from kb.models import Article, Audience, Category, Language
from kb.records import external_id_of
from kb.trees import services
from kb.trees.models import QuestionTree, TreeVersion
from kb.trees.selectors import current_tree_version
from kb.trees.validation import OUTCOME, normalize_graph, storable

FIELDS = ["external_id", "title", "description", "language", "category", "audience", "product", "graph"]
TEXT_FIELDS = ["external_id", "title", "description", "language", "category", "audience", "product"]
REQUIRED = ["external_id", "title", "graph"]
MAX_TREES = 10_000


@dataclass
class TreeRecord:
    external_id: str
    data: services.TreeInput


@dataclass
class TreeError:
    tree: str  # the external id, or "#3" for the third tree of a file that has none
    field: str | None
    message: str

    def __str__(self) -> str:
        if self.field:
            return _("tree %(tree)s: %(field)s: %(message)s") % vars(self)
        return _("tree %(tree)s: %(message)s") % vars(self)


@dataclass
class TreeImportSummary:
    created: int = 0
    new_versions: int = 0
    drafts_updated: int = 0
    drafts_published: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[TreeError] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)

    def fail(self, tree: str, error: DomainError | DatabaseError) -> None:
        self.failed += 1
        fields = getattr(error, "fields", None)
        if fields:
            self.errors.extend(
                TreeError(tree, name, message) for name, messages in fields.items() for message in messages
            )
        else:
            self.errors.append(TreeError(tree, None, getattr(error, "message", None) or str(error)))


# Export


def export_graph(graph: dict[str, Any]) -> dict[str, Any]:
    """The graph as the file holds it: canonical, with article ids turned into external ids."""
    canonical, _problems = normalize_graph(graph)
    if canonical is None:  # stored graphs are canonical; keep anything else as it is
        return graph
    ids = {link for node in canonical["nodes"] if node["type"] == OUTCOME for link in node["articles"]}
    names = {a.pk: external_id_of(a) for a in Article.objects.filter(pk__in=[i for i in ids if isinstance(i, int)])}
    for node in canonical["nodes"]:
        if node["type"] == OUTCOME:
            node["articles"] = [names.get(link, link) if isinstance(link, int) else link for link in node["articles"]]
    return canonical


def tree_record(version: TreeVersion) -> dict[str, Any]:
    """The record that would create this version again."""
    return {
        "external_id": version.tree.external_id or f"{services.GENERATED_TREE_ID_PREFIX}{version.tree_id}",
        "title": version.title,
        "description": version.description,
        "language": version.language,
        "category": version.category.name if version.category else "",
        "audience": version.audience,
        "product": version.product,
        "graph": export_graph(version.graph),
    }


def export_trees() -> dict[str, Any]:
    """{"trees": [...]}: the current version of every tree, sorted by external id."""
    records = [tree_record(current_tree_version(tree)) for tree in QuestionTree.objects.all()]
    return {"trees": sorted(records, key=lambda record: record["external_id"])}


def dump_trees(document: dict[str, Any]) -> str:
    """The file's text: readable Chinese (no \\u escapes), indented, ending in a newline."""
    trees = [{name: record[name] for name in FIELDS} for record in document["trees"]]
    return json.dumps({"trees": trees}, ensure_ascii=False, indent=2) + "\n"


# Import


def parse_tree_file(text: str) -> list[Any]:
    """The file's list of raw tree records, or ValidationFailed if it is not one."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationFailed(
            _("Not valid JSON: %(reason)s (line %(line)d, column %(column)d).")
            % {"reason": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        raise ValidationFailed(_("Not valid JSON: nested too deeply.")) from None
    if not isinstance(document, dict) or not isinstance(document.get("trees"), list):
        raise ValidationFailed(_('The file must be a JSON object with a list of trees: {"trees": [...]}.'))
    if len(document["trees"]) > MAX_TREES:
        raise ValidationFailed(_("A file can hold at most %(n)d trees.") % {"n": MAX_TREES})
    return document["trees"]


def parse_tree_record(raw: Any) -> TreeRecord:
    """One tree of the file, or ValidationFailed naming each bad field. Only the record's
    shape is checked here; the graph and the tree rules are checked by the services."""
    if not isinstance(raw, dict):
        raise ValidationFailed(_("Each tree must be a JSON object."))
    errors: dict[str, list[str]] = {}
    for name in REQUIRED:
        if raw.get(name) in (None, ""):
            errors.setdefault(name, []).append(_("This field is required."))
    for name in TEXT_FIELDS:
        if raw.get(name) is not None and not isinstance(raw[name], str):
            errors.setdefault(name, []).append(_("Must be text."))
        elif isinstance(raw.get(name), str) and not storable(raw[name]):
            errors.setdefault(name, []).append(
                _("Contains characters that cannot be stored (NUL or a lone surrogate).")
            )
    external_id = raw.get("external_id")
    if isinstance(external_id, str) and len(external_id.strip()) > services.MAX_EXTERNAL_ID_CHARS:
        message = _("Longer than %(n)d characters.") % {"n": services.MAX_EXTERNAL_ID_CHARS}
        errors.setdefault("external_id", []).append(message)
    if errors:
        raise ValidationFailed(_("Please correct the errors below."), fields=errors)

    def text(name: str, default: str = "") -> str:
        return raw.get(name) or default

    data = services.TreeInput(
        title=text("title"),
        graph=raw["graph"],
        description=text("description"),
        category=text("category"),
        language=text("language", Language.ZH_HANS.value),
        audience=text("audience", Audience.INTERNAL.value),
        product=text("product"),
    )
    return TreeRecord(external_id=text("external_id").strip(), data=data)


def _name_of(raw: Any, position: int) -> str:
    external_id = raw.get("external_id") if isinstance(raw, dict) else None
    if isinstance(external_id, str) and external_id.strip() and storable(external_id):
        return external_id.strip()[:100]
    return f"#{position}"


def import_trees(text: str, *, publish: bool, by: User | None) -> TreeImportSummary:
    """Import a file's trees (see the module docstring). Raises ValidationFailed if the
    file is not a tree file at all; otherwise keeps going past bad trees, whose errors are
    in the summary."""
    raws = parse_tree_file(text)
    summary = TreeImportSummary()
    categories_before = set(Category.objects.values_list("name", flat=True))
    seen: set[str] = set()
    for position, raw in enumerate(raws, start=1):
        name = _name_of(raw, position)
        try:
            record = parse_tree_record(raw)
            if record.external_id in seen:
                raise ValidationFailed(_("This external id appears twice in the file."))
            seen.add(record.external_id)
            with transaction.atomic():
                outcome = _import_record(record, publish=publish, by=by)
        except (DomainError, DatabaseError) as error:
            summary.fail(name, error)
        else:
            setattr(summary, outcome, getattr(summary, outcome) + 1)
    summary.new_categories = sorted(set(Category.objects.values_list("name", flat=True)) - categories_before)
    return summary


def _import_record(record: TreeRecord, *, publish: bool, by: User | None) -> str:
    """Which summary counter the record adds to."""
    data = record.data
    data.change_note = _("Imported")
    tree = QuestionTree.objects.filter(external_id=record.external_id).first()
    if tree is None:
        version = services.create_tree(data=data, by=by, external_id=record.external_id, create_category=True)
        if publish:
            services.publish_tree(tree=version.tree, by=by)
        return "created"

    current = current_tree_version(tree)
    if _same_content(current, data):
        if publish and current.is_open:
            services.publish_tree(tree=tree, by=by)
            return "drafts_published"
        return "unchanged"
    version = services.save_tree_draft(tree=tree, data=data, by=by, base_revision=None, create_category=True)
    if publish:
        services.publish_tree(tree=tree, by=by)
    return "drafts_updated" if version.pk == current.pk else "new_versions"


def _same_content(version: TreeVersion, data: services.TreeInput) -> bool:
    """Would saving `data` change nothing in `version`? Compared the way the services store
    it (text stripped, graph canonical) and the export writes it (links as external ids)."""
    graph, _problems = normalize_graph(data.graph)
    if graph is None or not all(isinstance(getattr(data, n), str) for n in TEXT_FIELDS if n != "external_id"):
        return False
    category = data.category.strip()
    current_category = (version.category.name, version.category.slug) if version.category else ("",)
    return (
        version.title == data.title.strip()
        and version.description == data.description.strip()
        and version.language == data.language
        and version.audience == data.audience
        and version.product == data.product.strip()
        and category in current_category
        and export_graph(version.graph) == export_graph(graph)
    )
