"""Every write to question trees, in the same shapes as kb.services for articles.

Each service takes keyword arguments, checks the tree's state, writes, records an audit
event (AuditEvent.tree, with the version number in `detail`) and returns the version it
touched. `base_revision` is the optimistic lock on QuestionTree.revision, checked by the
same compare-and-set as articles (kb.services.claim_revision); None means "whatever is
current" (imports). A draft may be saved with graph problems an editor is still fixing,
but never with a malformed graph; submit and publish refuse any graph with errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kb.errors import EditConflict, InvalidTransition, ValidationFailed
from kb.models import OPEN_STATES, Audience, AuditEvent, Category, Language, VersionState
from kb.services import _find_category, claim_revision
from kb.trees.models import QuestionTree, TreeVersion
from kb.trees.selectors import open_tree_version, published_tree_version
from kb.trees.validation import errors_of, normalize_graph, storable, validate_graph

MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 2000
MAX_CHANGE_NOTE_CHARS = 500
MAX_CATEGORY_CHARS = Category._meta.get_field("name").max_length or 100
MAX_EXTERNAL_ID_CHARS = QuestionTree._meta.get_field("external_id").max_length or 100
MAX_PRODUCT_CHARS = TreeVersion._meta.get_field("product").max_length or 100
GENERATED_TREE_ID_PREFIX = "concord-tree-"
CONTENT_FIELDS = ["title", "description", "language", "audience", "product", "graph"]


@dataclass
class TreeInput:
    """What an editor writes. `category` is a slug or a name, or empty for none; `graph`
    is the graph as sent (any JSON value), checked and normalized by the services."""

    title: str
    graph: Any
    description: str = ""
    category: str = ""
    language: str = Language.ZH_HANS
    audience: str = Audience.INTERNAL
    product: str = ""
    change_note: str = ""
    owner: User | None = None


def validate_tree_input(data: TreeInput, *, create_category: bool = False) -> tuple[Category | None, dict[str, Any]]:
    """Check the fields and the graph's shape; raise ValidationFailed naming each field
    (graph problems as `graph.nodes.<node id>.<field>`). Returns the category and the
    graph in canonical form."""
    errors: dict[str, list[str]] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    for name in ("title", "description", "category", "language", "audience", "product", "change_note"):
        if not isinstance(getattr(data, name), str):
            fail(name, _("Must be text."))
            setattr(data, name, "")
        elif not storable(getattr(data, name)):
            fail(name, _("Contains characters that cannot be stored (NUL or a lone surrogate)."))
            setattr(data, name, "")
    data.title = data.title.strip()
    data.description = data.description.strip()
    data.change_note = data.change_note.strip()
    data.product = data.product.strip()
    if not data.title:
        fail("title", _("The title cannot be empty."))
    elif len(data.title) > MAX_TITLE_CHARS:
        fail("title", _("The title is longer than %(n)d characters.") % {"n": MAX_TITLE_CHARS})
    if len(data.description) > MAX_DESCRIPTION_CHARS:
        fail("description", _("The description is longer than %(n)d characters.") % {"n": MAX_DESCRIPTION_CHARS})
    if len(data.product) > MAX_PRODUCT_CHARS:
        fail("product", _("The product is longer than %(n)d characters.") % {"n": MAX_PRODUCT_CHARS})
    if len(data.change_note) > MAX_CHANGE_NOTE_CHARS:
        fail("change_note", _("The change note is longer than %(n)d characters.") % {"n": MAX_CHANGE_NOTE_CHARS})
    if data.language not in Language.values:
        fail(
            "language",
            _("Unknown language %(value)r. Use one of: %(choices)s.")
            % {"value": data.language, "choices": ", ".join(Language.values)},
        )
    if data.audience not in Audience.values:
        fail(
            "audience",
            _("Unknown audience %(value)r. Use one of: %(choices)s.")
            % {"value": data.audience, "choices": ", ".join(Audience.values)},
        )
    category = None
    if len(data.category.strip()) > MAX_CATEGORY_CHARS:
        fail("category", _("The category is longer than %(n)d characters.") % {"n": MAX_CATEGORY_CHARS})
    elif data.category.strip():
        category = _find_category(data.category, create=create_category)
        if category is None:
            fail("category", _("Unknown category %(value)r.") % {"value": data.category})
    graph, problems = normalize_graph(data.graph)
    for name, messages in errors_of(problems).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationFailed(_("Please correct the errors below."), fields=errors)
    assert graph is not None
    return category, graph


def tree_version_snapshot(version: TreeVersion | None) -> dict[str, Any] | None:
    """What a losing editor is shown in a conflict: the other person's version."""
    if version is None:
        return None
    return {
        "number": version.number,
        "state": version.state,
        **{name: getattr(version, name) for name in CONTENT_FIELDS},
        "category": version.category.slug if version.category else "",
        "updated_by": str(version.updated_by or version.created_by or ""),
    }


def _record(*, by: User | None, action: str, tree: QuestionTree, version: TreeVersion, **detail: Any) -> None:
    AuditEvent.objects.create(actor=by, action=action, tree=tree, detail={"version": version.number, **detail})


def _claim(tree: QuestionTree, base_revision: int | None) -> None:
    if not claim_revision(tree, base_revision):
        current = open_tree_version(tree) or published_tree_version(tree)
        raise EditConflict(
            _(
                "Someone else saved this tree while you were editing. Your changes are kept below; "
                "compare them with theirs and save again."
            ),
            current_revision=tree.revision,
            current=tree_version_snapshot(current),
        )


def _check_external_id(external_id: str) -> dict[str, list[str]]:
    if not storable(external_id):
        return {"external_id": [_("Contains characters that cannot be stored (NUL or a lone surrogate).")]}
    if len(external_id) > MAX_EXTERNAL_ID_CHARS:
        return {"external_id": [_("Longer than %(n)d characters.") % {"n": MAX_EXTERNAL_ID_CHARS}]}
    if external_id and QuestionTree.objects.filter(external_id=external_id).exists():
        return {"external_id": [_("Another tree already has the external id %(id)r.") % {"id": external_id}]}
    return {}


def _next_number(tree: QuestionTree) -> int:
    return (tree.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _write_content(version: TreeVersion, data: TreeInput, category: Category | None, graph: dict[str, Any]) -> None:
    for name in ["title", "description", "language", "audience", "product", "change_note"]:
        setattr(version, name, getattr(data, name))
    version.category = category
    version.graph = graph
    version.save()


def _version_in(tree: QuestionTree, states: tuple[str, ...], message: str) -> TreeVersion:
    version = tree.versions.filter(state__in=states).first()
    if version is None:
        raise InvalidTransition(message)
    return version


def _require_valid_graph(version: TreeVersion, message: str) -> None:
    problems = validate_graph(version.graph)
    errors = errors_of(problems)
    if errors:
        raise ValidationFailed(message, fields=errors)


@transaction.atomic
def create_tree(
    *, data: TreeInput, by: User | None, external_id: str | None = None, create_category: bool = False
) -> TreeVersion:
    """A new tree with its first draft (version 1). Without an external id the tree gets
    `concord-tree-<id>`, so that other trees can always name it as a handoff target."""
    external_id = (external_id or "").strip()
    id_errors = _check_external_id(external_id)
    try:
        category, graph = validate_tree_input(data, create_category=create_category)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, fields={**error.fields, **id_errors}) from None
    if id_errors:
        raise ValidationFailed(_("Please correct the errors below."), fields=id_errors)
    try:
        with transaction.atomic():
            tree = QuestionTree.objects.create(external_id=external_id or None, owner=data.owner or by, created_by=by)
    except IntegrityError:  # created by someone else since the check above
        raise ValidationFailed(_("Please correct the errors below."), fields=_check_external_id(external_id)) from None
    if not external_id:
        tree.external_id = f"{GENERATED_TREE_ID_PREFIX}{tree.pk}"
        tree.save(update_fields=["external_id"])
    version = TreeVersion(tree=tree, number=1, created_by=by, updated_by=by)
    _write_content(version, data, category, graph)
    _record(by=by, action="create", tree=tree, version=version)
    return version


@transaction.atomic
def save_tree_draft(
    *,
    tree: QuestionTree,
    data: TreeInput,
    by: User | None,
    base_revision: int | None,
    create_category: bool = False,
) -> TreeVersion:
    """Save the tree's open draft, starting one from the published version if needed.
    Editing a version that waits for review takes it back to draft."""
    category, graph = validate_tree_input(data, create_category=create_category)
    _claim(tree, base_revision)
    version = open_tree_version(tree)
    if version is None:
        base = published_tree_version(tree) or tree.versions.order_by("-number").first()
        version = TreeVersion(tree=tree, number=_next_number(tree), based_on=base, created_by=by)
        action = "start_draft"
    else:
        action = "save_draft" if version.state == VersionState.DRAFT else "withdraw_and_edit"
    version.state = VersionState.DRAFT
    version.updated_by = by
    _write_content(version, data, category, graph)
    if data.owner is not None and data.owner != tree.owner:
        tree.owner = data.owner
        tree.save(update_fields=["owner", "updated_at"])
    _record(by=by, action=action, tree=tree, version=version)
    return version


@transaction.atomic
def submit_tree(*, tree: QuestionTree, by: User | None, base_revision: int | None = None) -> TreeVersion:
    """The draft goes to review; refused while its graph has errors."""
    _claim(tree, base_revision)
    version = _version_in(tree, (VersionState.DRAFT,), _("There is no draft to submit."))
    _require_valid_graph(version, _("Fix the problems in the tree before submitting it."))
    version.state = VersionState.IN_REVIEW
    version.review_comment = ""
    version.save(update_fields=["state", "review_comment", "updated_at"])
    _record(by=by, action="submit", tree=tree, version=version)
    return version


@transaction.atomic
def send_back_tree(
    *, tree: QuestionTree, by: User | None, comment: str, base_revision: int | None = None
) -> TreeVersion:
    """A reviewer returns the version to its author with a comment."""
    if not comment.strip():
        raise ValidationFailed(_("Say what needs to change."), fields={"comment": [_("A comment is required.")]})
    _claim(tree, base_revision)
    version = _version_in(tree, (VersionState.IN_REVIEW, VersionState.APPROVED), _("Nothing is waiting for review."))
    version.state = VersionState.DRAFT
    version.review_comment = comment.strip()
    version.reviewed_by = by
    version.save(update_fields=["state", "review_comment", "reviewed_by", "updated_at"])
    _record(by=by, action="send_back", tree=tree, version=version, comment=comment.strip())
    return version


@transaction.atomic
def publish_tree(
    *, tree: QuestionTree, by: User | None, comment: str = "", base_revision: int | None = None
) -> TreeVersion:
    """Approve and publish the open version now, superseding the published one in the same
    transaction. Refused while the graph has errors (e.g. a linked article was unpublished
    since the version was submitted). Runs already started keep their version."""
    _claim(tree, base_revision)
    version = _version_in(tree, OPEN_STATES, _("There is no draft or submitted version to publish."))
    _require_valid_graph(version, _("Fix the problems in the tree before publishing it."))
    previous = published_tree_version(tree)
    if previous is not None:
        previous.state = VersionState.SUPERSEDED
        previous.save(update_fields=["state", "updated_at"])
    version.state = VersionState.PUBLISHED
    version.published_at = timezone.now()
    version.reviewed_by = by
    version.review_comment = comment.strip()
    version.save(update_fields=["state", "published_at", "reviewed_by", "review_comment", "updated_at"])
    if tree.archived_at is not None:
        tree.archived_at = None
        tree.save(update_fields=["archived_at", "updated_at"])
    _record(by=by, action="publish", tree=tree, version=version, replaced=previous.number if previous else None)
    _index_after_commit(tree)
    _check_consistency_after_commit(tree)
    return version


def _index_after_commit(tree: QuestionTree) -> None:
    """Search follows the published version: queue an index update once this write has
    committed (the same queue and single index writer as articles)."""
    from search.tasks import enqueue_index_update  # late: search imports kb

    tree_id = tree.pk
    transaction.on_commit(lambda: enqueue_index_update(tree_ids=[tree_id]))


def _check_consistency_after_commit(tree: QuestionTree) -> None:
    """Check the tree's outcomes against the knowledge base once the publish has committed."""
    from kb.consistency.tasks import enqueue_tree_check  # late: the checker's tasks import kb

    tree_id = tree.pk
    transaction.on_commit(lambda: enqueue_tree_check(tree_id))


@transaction.atomic
def archive_tree(*, tree: QuestionTree, by: User | None, base_revision: int | None = None) -> TreeVersion:
    """Take the tree out of the runners' list. Its history and runs stay; publishing again
    restores it."""
    _claim(tree, base_revision)
    version = _version_in(tree, (VersionState.PUBLISHED,), _("Only a published tree can be archived."))
    version.state = VersionState.ARCHIVED
    version.save(update_fields=["state", "updated_at"])
    tree.archived_at = timezone.now()
    tree.save(update_fields=["archived_at", "updated_at"])
    _record(by=by, action="archive", tree=tree, version=version)
    _index_after_commit(tree)
    return version


@transaction.atomic
def discard_tree_draft(*, tree: QuestionTree, by: User | None, base_revision: int | None = None) -> TreeVersion:
    """Drop the open draft. It stays in the history as discarded."""
    _claim(tree, base_revision)
    version = _version_in(tree, OPEN_STATES, _("There is no draft to discard."))
    version.state = VersionState.DISCARDED
    version.save(update_fields=["state", "updated_at"])
    _record(by=by, action="discard", tree=tree, version=version)
    return version


@transaction.atomic
def rollback_tree(
    *, tree: QuestionTree, to_version: TreeVersion, by: User | None, base_revision: int | None = None
) -> TreeVersion:
    """A new draft that copies an old version; the old version stays as it was and the
    copy goes through review like any draft."""
    if to_version.tree_id != tree.pk:
        raise ValidationFailed(_("That version belongs to another tree."))
    if open_tree_version(tree) is not None:
        raise InvalidTransition(_("This tree already has an open draft. Publish or discard it first."))
    _claim(tree, base_revision)
    copy = TreeVersion(
        tree=tree,
        number=_next_number(tree),
        based_on=to_version,
        created_by=by,
        updated_by=by,
        category=to_version.category,
        change_note=_("Restored from version %(n)d") % {"n": to_version.number},
        **{name: getattr(to_version, name) for name in CONTENT_FIELDS},
    )
    copy.save()
    _record(by=by, action="rollback", tree=tree, version=copy, restored=to_version.number)
    return copy
