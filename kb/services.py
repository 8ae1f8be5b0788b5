"""Every write to the knowledge base. Views, the API, tasks and commands call these.

Each service takes keyword arguments, checks the article's state, writes, records an
audit event and returns the version it touched. `base_revision` is the optimistic lock:
pass the Article.revision the editor started from; None means "whatever is current"
(imports, scheduled jobs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max, Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kb.errors import EditConflict, InvalidTransition, ValidationFailed
from kb.models import (
    OPEN_STATES,
    Article,
    ArticleVersion,
    Audience,
    AuditEvent,
    Category,
    Language,
    Tag,
    VersionState,
)

MAX_TITLE_CHARS = 200
MAX_SUMMARY_CHARS = 500
MAX_BODY_BYTES = 1_000_000  # 1 MB of UTF-8; documented in the README
MAX_TAGS = 20
MAX_TAG_CHARS = 60


@dataclass
class ArticleInput:
    """What an editor types. `category` is a slug or a name; tags are names."""

    title: str
    body: str
    category: str
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    product: str = ""
    language: str = Language.ZH_HANS
    audience: str = Audience.INTERNAL
    change_note: str = ""
    publish_at: datetime | None = None
    expire_at: datetime | None = None
    owner: User | None = None
    review_by: date | None = None


CONTENT_FIELDS = ["title", "summary", "body", "product", "language", "audience"]


def _find_category(value: str, *, create: bool) -> Category | None:
    value = value.strip()
    found = Category.objects.filter(slug=value).first() or Category.objects.filter(name=value).first()
    if found or not create or not value:
        return found
    slug = slugify(value, allow_unicode=True) or f"category-{Category.objects.count() + 1}"
    return Category.objects.create(name=value, slug=slug)


def validate_article_input(data: ArticleInput, *, create_category: bool = False) -> tuple[Category, list[str]]:
    """Check everything an editor can get wrong; raise ValidationFailed naming each field."""
    errors: dict[str, list[str]] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    data.title = data.title.strip()
    data.summary = data.summary.strip()
    data.tags = [t.strip() for t in data.tags if t.strip()]
    if not data.title:
        fail("title", _("The title cannot be empty."))
    elif len(data.title) > MAX_TITLE_CHARS:
        fail("title", _("The title is longer than %(n)d characters.") % {"n": MAX_TITLE_CHARS})
    if len(data.summary) > MAX_SUMMARY_CHARS:
        fail("summary", _("The summary is longer than %(n)d characters.") % {"n": MAX_SUMMARY_CHARS})
    if len(data.body.encode("utf-8")) > MAX_BODY_BYTES:
        fail("body", _("The body is larger than 1 MB. Split it into several articles."))
    if data.language not in Language.values:
        fail("language", _("Unknown language %(value)r. Use one of: %(choices)s.")
             % {"value": data.language, "choices": ", ".join(Language.values)})  # fmt: skip
    if data.audience not in Audience.values:
        fail("audience", _("Unknown audience %(value)r. Use one of: %(choices)s.")
             % {"value": data.audience, "choices": ", ".join(Audience.values)})  # fmt: skip
    if len(data.tags) > MAX_TAGS:
        fail("tags", _("At most %(n)d tags.") % {"n": MAX_TAGS})
    if any(len(t) > MAX_TAG_CHARS for t in data.tags):
        fail("tags", _("A tag is longer than %(n)d characters.") % {"n": MAX_TAG_CHARS})
    if data.publish_at and data.expire_at and data.expire_at <= data.publish_at:
        fail("expire_at", _("The expiry time must be after the publish time."))
    if data.expire_at and data.expire_at <= timezone.now():
        fail("expire_at", _("The expiry time is in the past."))
    category = _find_category(data.category or "", create=create_category)
    if category is None:
        if data.category.strip():
            fail("category", _("Unknown category %(value)r.") % {"value": data.category})
        else:
            fail("category", _("Choose a category."))
    if errors:
        raise ValidationFailed(_("Please correct the errors below."), fields=errors)
    assert category is not None
    return category, list(dict.fromkeys(data.tags))


def create_category(*, name: str, slug: str = "") -> Category:
    """A new category; the slug defaults to one made from the name."""
    name = name.strip()
    slug = slugify(slug.strip() or name, allow_unicode=True)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("The name cannot be empty.")]
    elif Category.objects.filter(name=name).exists():
        errors["name"] = [_("A category with this name already exists.")]
    if name and not slug:
        errors["slug"] = [_("Give the category a slug (letters, digits and hyphens).")]
    elif slug and Category.objects.filter(slug=slug).exists():
        errors["slug"] = [_("A category with this slug already exists.")]
    if errors:
        raise ValidationFailed(_("Please correct the errors below."), fields=errors)
    return Category.objects.create(name=name, slug=slug)


def _record(*, by: User | None, action: str, article: Article,
            version: ArticleVersion | None = None, **detail: Any) -> None:  # fmt: skip
    AuditEvent.objects.create(actor=by, action=action, article=article, version=version, detail=detail)


def _index_after_commit(article: Article) -> None:
    """Search follows the database: queue an index update once this write has committed."""
    from search.tasks import enqueue_index_update  # late: search imports kb

    transaction.on_commit(lambda: enqueue_index_update([article.pk]))


def _check_consistency_after_commit(article: Article) -> None:
    """The consistency checker reads the live base: check the article once the publish committed."""
    from kb.consistency.tasks import enqueue_article_check  # late: the checker's tasks import kb

    article_id = article.pk
    transaction.on_commit(lambda: enqueue_article_check(article_id))


def version_snapshot(version: ArticleVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "state": version.state,
        **{name: getattr(version, name) for name in CONTENT_FIELDS},
        "category": version.category.slug,
        "tags": sorted(t.name for t in version.tags.all()),
        "updated_by": str(version.updated_by or version.created_by or ""),
    }


def claim_revision(obj: Model, base_revision: int | None) -> bool:
    """Compare-and-set on obj.revision (an Article or a QuestionTree): the one place lost
    updates are stopped. False, with obj reloaded, if someone saved since base_revision."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if base_revision is not None:
        rows = rows.filter(revision=base_revision)
    if rows.update(revision=F("revision") + 1, updated_at=timezone.now()) == 0:
        obj.refresh_from_db()
        return False
    obj.refresh_from_db(fields=["revision", "updated_at"])
    return True


def _claim(article: Article, base_revision: int | None) -> None:
    if not claim_revision(article, base_revision):
        current = open_version(article) or published_version(article)
        raise EditConflict(
            _(
                "Someone else saved this article while you were editing. Your text is kept below; "
                "compare it with theirs and save again."
            ),
            current_revision=article.revision,
            current=version_snapshot(current),
        )


def open_version(article: Article) -> ArticleVersion | None:
    return article.versions.filter(state__in=OPEN_STATES).first()


def published_version(article: Article) -> ArticleVersion | None:
    return article.versions.filter(state=VersionState.PUBLISHED).first()


def _next_number(article: Article) -> int:
    return (article.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _write_content(version: ArticleVersion, data: ArticleInput, category: Category, tags: list[str]) -> None:
    for name in [*CONTENT_FIELDS, "change_note", "publish_at", "expire_at"]:
        setattr(version, name, getattr(data, name))
    version.category = category
    version.save()
    version.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tags])


def _write_article_fields(article: Article, data: ArticleInput) -> None:
    article.owner = data.owner or article.owner
    article.review_by = data.review_by
    article.save(update_fields=["owner", "review_by", "updated_at"])


@transaction.atomic
def create_article(*, data: ArticleInput, by: User | None, external_id: str | None = None,
                   create_category: bool = False) -> ArticleVersion:  # fmt: skip
    """A new article with its first draft (version 1)."""
    category, tags = validate_article_input(data, create_category=create_category)
    article = Article.objects.create(
        external_id=external_id or None, owner=data.owner or by, review_by=data.review_by, created_by=by
    )
    version = ArticleVersion(article=article, number=1, created_by=by, updated_by=by)
    _write_content(version, data, category, tags)
    _record(by=by, action="create", article=article, version=version)
    return version


@transaction.atomic
def save_draft(*, article: Article, data: ArticleInput, by: User | None,
               base_revision: int | None, create_category: bool = False) -> ArticleVersion:  # fmt: skip
    """Save the article's open draft, starting one from the published version if needed.
    Editing a version that waits for review or a scheduled publish takes it back to draft."""
    category, tags = validate_article_input(data, create_category=create_category)
    _claim(article, base_revision)
    version = open_version(article)
    if version is None:
        base = published_version(article) or article.versions.order_by("-number").first()
        version = ArticleVersion(article=article, number=_next_number(article), based_on=base, created_by=by)
        action = "start_draft"
    else:
        action = "save_draft" if version.state == VersionState.DRAFT else "withdraw_and_edit"
    version.state = VersionState.DRAFT
    version.updated_by = by
    _write_content(version, data, category, tags)
    _write_article_fields(article, data)
    _record(by=by, action=action, article=article, version=version)
    return version


def _open_version_or_fail(article: Article, states: tuple[str, ...], message: str) -> ArticleVersion:
    version = article.versions.filter(state__in=states).first()
    if version is None:
        raise InvalidTransition(message)
    return version


@transaction.atomic
def submit_for_review(*, article: Article, by: User | None,
                      base_revision: int | None = None) -> ArticleVersion:  # fmt: skip
    _claim(article, base_revision)
    version = _open_version_or_fail(article, (VersionState.DRAFT,), _("There is no draft to submit."))
    version.state = VersionState.IN_REVIEW
    version.review_comment = ""
    version.save(update_fields=["state", "review_comment", "updated_at"])
    _record(by=by, action="submit", article=article, version=version)
    return version


@transaction.atomic
def send_back(*, article: Article, by: User | None, comment: str,
              base_revision: int | None = None) -> ArticleVersion:  # fmt: skip
    """A reviewer returns the version to its author with a comment."""
    if not comment.strip():
        raise ValidationFailed(_("Say what needs to change."), fields={"comment": [_("A comment is required.")]})
    _claim(article, base_revision)
    version = _open_version_or_fail(
        article, (VersionState.IN_REVIEW, VersionState.APPROVED), _("Nothing is waiting for review.")
    )
    version.state = VersionState.DRAFT
    version.review_comment = comment.strip()
    version.reviewed_by = by
    version.save(update_fields=["state", "review_comment", "reviewed_by", "updated_at"])
    _record(by=by, action="send_back", article=article, version=version, comment=comment.strip())
    return version


def _make_published(version: ArticleVersion, *, by: User | None) -> None:
    article = version.article
    now = timezone.now()
    previous = published_version(article)
    if previous is not None:
        previous.state = VersionState.SUPERSEDED
        previous.save(update_fields=["state", "updated_at"])
    version.state = VersionState.PUBLISHED
    version.published_at = now
    version.save(update_fields=["state", "published_at", "updated_at"])
    if article.archived_at is not None:
        article.archived_at = None
        article.save(update_fields=["archived_at", "updated_at"])
    _record(by=by, action="publish", article=article, version=version,
            replaced=previous.number if previous else None)  # fmt: skip
    _index_after_commit(article)
    _check_consistency_after_commit(article)


@transaction.atomic
def publish_article(*, article: Article, by: User | None, comment: str = "",
                    base_revision: int | None = None) -> ArticleVersion:  # fmt: skip
    """Approve the open version: publish it now, or schedule it if its publish time is
    in the future. The previous published version is superseded in the same transaction."""
    _claim(article, base_revision)
    version = _open_version_or_fail(article, OPEN_STATES, _("There is no draft or submitted version to publish."))
    version.reviewed_by = by
    version.review_comment = comment.strip()
    version.save(update_fields=["reviewed_by", "review_comment", "updated_at"])
    if version.publish_at and version.publish_at > timezone.now():
        version.state = VersionState.APPROVED
        version.save(update_fields=["state", "updated_at"])
        _record(by=by, action="schedule", article=article, version=version,
                publish_at=version.publish_at.isoformat())  # fmt: skip
    else:
        _make_published(version, by=by)
    return version


@transaction.atomic
def archive_article(*, article: Article, by: User | None,
                    base_revision: int | None = None) -> ArticleVersion:  # fmt: skip
    """Take the article off the shelf. Its history stays; publishing again restores it."""
    _claim(article, base_revision)
    version = _open_version_or_fail(article, (VersionState.PUBLISHED,), _("Only a published article can be archived."))
    version.state = VersionState.ARCHIVED
    version.save(update_fields=["state", "updated_at"])
    article.archived_at = timezone.now()
    article.save(update_fields=["archived_at", "updated_at"])
    _record(by=by, action="archive", article=article, version=version)
    _index_after_commit(article)
    return version


@transaction.atomic
def discard_draft(*, article: Article, by: User | None,
                  base_revision: int | None = None) -> ArticleVersion:  # fmt: skip
    """Drop the open draft. It stays in the history as discarded."""
    _claim(article, base_revision)
    version = _open_version_or_fail(article, OPEN_STATES, _("There is no draft to discard."))
    version.state = VersionState.DISCARDED
    version.save(update_fields=["state", "updated_at"])
    _record(by=by, action="discard", article=article, version=version)
    _index_after_commit(article)
    return version


@transaction.atomic
def rollback_article(*, article: Article, to_version: ArticleVersion, by: User | None,
                     base_revision: int | None = None) -> ArticleVersion:  # fmt: skip
    """A new draft that copies an old version. History is never rewritten: the old
    version stays as it was and the copy goes through review like any draft."""
    if to_version.article_id != article.pk:
        raise ValidationFailed(_("That version belongs to another article."))
    if open_version(article) is not None:
        raise InvalidTransition(_("This article already has an open draft. Publish or discard it first."))
    _claim(article, base_revision)
    copy = ArticleVersion(
        article=article,
        number=_next_number(article),
        based_on=to_version,
        created_by=by,
        updated_by=by,
        category=to_version.category,
        change_note=_("Restored from version %(n)d") % {"n": to_version.number},
        **{name: getattr(to_version, name) for name in CONTENT_FIELDS},
    )
    copy.save()
    copy.tags.set(to_version.tags.all())
    _record(by=by, action="rollback", article=article, version=copy, restored=to_version.number)
    return copy


def apply_schedules(*, now: datetime | None = None) -> dict[str, int]:
    """Publish approved versions whose time has come and expire published ones whose
    time has passed. Safe to run concurrently: each row is claimed by compare-and-set."""
    now = now or timezone.now()
    published = expired = 0
    for version_id in ArticleVersion.objects.filter(state=VersionState.APPROVED, publish_at__lte=now).values_list(
        "id", flat=True
    ):
        with transaction.atomic():
            version = (
                ArticleVersion.objects.select_for_update().filter(pk=version_id, state=VersionState.APPROVED).first()
            )
            if version is None:
                continue
            _claim(version.article, None)
            _make_published(version, by=None)
            published += 1
    for version_id in ArticleVersion.objects.filter(state=VersionState.PUBLISHED, expire_at__lte=now).values_list(
        "id", flat=True
    ):
        with transaction.atomic():
            claimed = ArticleVersion.objects.filter(pk=version_id, state=VersionState.PUBLISHED).update(
                state=VersionState.EXPIRED, updated_at=now
            )
            if claimed:
                version = ArticleVersion.objects.select_related("article").get(pk=version_id)
                _claim(version.article, None)
                _record(by=None, action="expire", article=version.article, version=version)
                _index_after_commit(version.article)
                expired += 1
    return {"published": published, "expired": expired}
