"""Bulk import and export of articles in the JSONL format of kb.records.

`import_articles` is what the `import_articles` and `load_demo` commands (and later the
UI) call. It is idempotent by external ID:

- a new ID creates the article (version 1, published with `publish=True`);
- changed content saves a new draft from the published version and, with `publish=True`,
  publishes it, replacing the old one; an open draft the import itself left is updated in
  place, and someone else's open draft is discarded first, so that it stays in the history;
- unchanged content writes nothing (with `publish=True`, an unpublished draft is published).

Lines are committed in batches of BATCH_SIZE, each line in its own savepoint, so one bad
line fails alone and a large file does not pay one commit per line. The general case goes
through kb.services line by line; the two common cases of a large file go through bulk
paths that write the same rows (see "The bulk paths" below)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import islice
from typing import Any

from django.contrib.auth.models import User
from django.db import DatabaseError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kb import services
from kb.errors import DomainError, ValidationFailed
from kb.models import OPEN_STATES, Article, ArticleVersion, AuditEvent, Category, Tag, VersionState
from kb.records import GENERATED_ID_PREFIX, Record, has_same_content, parse_record, pick_current, record_from_version
from kb.services import ArticleInput

BATCH_SIZE = 200


class Outcome(StrEnum):
    """What happened to a line; the value names the ImportSummary counter."""

    CREATED = "created"
    NEW_VERSION = "new_versions"
    DRAFT_UPDATED = "drafts_updated"
    DRAFT_PUBLISHED = "drafts_published"
    UNCHANGED = "unchanged"


@dataclass
class LineError:
    line: int
    message: str
    field: str | None = None

    def __str__(self) -> str:
        if self.field:
            return _("line %(line)d: %(field)s: %(message)s") % {
                "line": self.line,
                "field": self.field,
                "message": self.message,
            }
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportSummary:
    created: int = 0
    new_versions: int = 0
    drafts_updated: int = 0  # new text for a draft an earlier import left open: updated in place
    drafts_published: int = 0  # unchanged text, but a draft that `publish` published
    unchanged: int = 0
    failed: int = 0
    errors: list[LineError] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    def fail(self, line: int, error: DomainError | DatabaseError) -> None:
        self.failed += 1
        fields = getattr(error, "fields", None)
        if fields:
            self.errors.extend(
                LineError(line, message, name) for name, messages in fields.items() for message in messages
            )
        else:
            self.errors.append(LineError(line, getattr(error, "message", None) or str(error)))


def describe_summary(summary: ImportSummary, *, names: bool = True) -> str:
    """The summary for people: counts, then (with `names`) the categories and tags created."""
    lines = [
        _(
            "Created: %(created)d, new versions: %(new_versions)d, drafts updated: %(drafts_updated)d, "
            "drafts published: %(drafts_published)d, unchanged: %(unchanged)d, failed: %(failed)d"
        )
        % vars(summary)
    ]
    if names and summary.new_categories:
        lines.append(_("New categories: %(names)s") % {"names": ", ".join(summary.new_categories)})
    if names and summary.new_tags:
        lines.append(_("New tags: %(names)s") % {"names": ", ".join(summary.new_tags)})
    return "\n".join(lines)


def import_articles(
    lines: Iterable[str],
    *,
    publish: bool,
    by: User | None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import JSONL lines (see kb.records). Keeps going past bad lines; the summary holds
    the counts, each failed line's errors by line number, and the categories and tags
    the import had to create. `progress(n)` is called as every n lines are done."""
    summary = ImportSummary()
    categories_before = set(Category.objects.values_list("name", flat=True))
    tags_before = set(Tag.objects.values_list("name", flat=True))

    numbered = enumerate(lines, start=1)
    done = 0
    while batch := list(islice(numbered, BATCH_SIZE)):
        _import_batch(batch, summary, publish=publish, by=by)
        if progress is not None:
            progress(batch[-1][0] - done)
        done = batch[-1][0]

    summary.new_categories = sorted(set(Category.objects.values_list("name", flat=True)) - categories_before)
    summary.new_tags = sorted(set(Tag.objects.values_list("name", flat=True)) - tags_before)
    return summary


def _import_batch(batch: list[tuple[int, str]], summary: ImportSummary, *, publish: bool, by: User | None) -> None:
    records: list[tuple[int, Record]] = []
    for number, line in batch:
        if not line.strip():
            continue
        try:
            records.append((number, parse_record(line)))
        except DomainError as error:
            summary.fail(number, error)

    with transaction.atomic():
        current = current_versions([r.external_id for _, r in records])
        fresh: list[tuple[int, Record]] = []  # first sight of this ID: create in bulk
        changed: list[tuple[int, Record]] = []  # new text for a published article: new versions in bulk
        rest: list[tuple[int, Record]] = []  # everything else, one by one through the services
        seen: set[str] = set()
        for number, record in records:
            found = current.get(record.external_id)
            if record.external_id in seen:
                rest.append((number, record))
            elif found is None:
                fresh.append((number, record))
            elif _is_plain_update(found, record):
                changed.append((number, record))
            else:
                rest.append((number, record))
            seen.add(record.external_id)

        rest += _write_in_bulk(fresh, summary, Outcome.CREATED, lambda valid: _insert_articles(valid, publish, by))
        rest += _write_in_bulk(
            changed, summary, Outcome.NEW_VERSION, lambda valid: _insert_versions(valid, current, publish, by)
        )

        touched = {r.external_id for _, r in fresh + changed}
        if publish and touched:
            _after_publish_commit(touched)
        for number, record in sorted(rest, key=lambda pair: pair[0]):
            if record.external_id in touched:
                # Written earlier in this batch: compare with what that line wrote.
                current.update(current_versions([record.external_id]))
            touched.add(record.external_id)
            try:
                with transaction.atomic():
                    outcome = _import_record(record, current.get(record.external_id), publish=publish, by=by)
            except (DomainError, DatabaseError) as error:
                summary.fail(number, error)
            else:
                summary.count(outcome)


def _after_publish_commit(external_ids: set[str]) -> None:
    """The bulk paths skip the publish service's hooks, so queue what a publish queues (the search
    update and the consistency check) here."""
    from kb.consistency.tasks import enqueue_articles_check  # late: both import kb
    from search.tasks import enqueue_index_update

    ids = list(Article.objects.filter(external_id__in=external_ids).values_list("id", flat=True))
    transaction.on_commit(lambda: enqueue_index_update(ids))
    transaction.on_commit(lambda: enqueue_articles_check(ids))


def _import_record(
    record: Record,
    found: tuple[Article, ArticleVersion | None] | None,
    *,
    publish: bool,
    by: User | None,
) -> Outcome:
    """One line through the services: the general case."""
    data = record.data
    data.change_note = _("Imported")
    if found is None:
        version = services.create_article(data=data, by=by, external_id=record.external_id, create_category=True)
        if publish:
            services.publish_article(article=version.article, by=by)
        return Outcome.CREATED

    article, current = found
    if current is not None and has_same_content(current, data):
        if publish and current.is_open:
            services.publish_article(article=article, by=by)
            return Outcome.DRAFT_PUBLISHED
        return Outcome.UNCHANGED

    if current is not None and current.is_open and current.updated_by_id != getattr(by, "pk", None):
        # Someone else's draft: keep their text in the history (discarded, restorable by a
        # rollback) instead of typing over it. The import's own drafts are updated in place.
        services.discard_draft(article=article, by=by)
    data.review_by = article.review_by  # the file has no review date; keep the editor's
    version = services.save_draft(article=article, data=data, by=by, base_revision=None, create_category=True)
    if publish:
        services.publish_article(article=article, by=by)
    if current is not None and version.pk == current.pk:
        return Outcome.DRAFT_UPDATED
    return Outcome.NEW_VERSION


# The bulk paths. A large file is mostly new articles (a first import) or new text for
# published ones (a re-import after the source changed); one by one through the services
# that costs some 25 queries a line, which puts 8,000 lines over a minute. These paths
# validate with the same function and write the same rows the services would (articles,
# versions, tags, audit events), in a few statements per batch. tests/kb/test_import_export.py
# compares the rows with the services'. A change to what create_article, save_draft or
# publish_article write must be made here too.


class _Raced(Exception):
    """An editor changed an article between our read and our write: go one by one."""


Valid = list[tuple[Record, Category, list[str]]]


def _is_plain_update(found: tuple[Article, ArticleVersion | None], record: Record) -> bool:
    """New text for a published article with no draft open: save_draft starts version n+1
    from the published one, publish_article replaces it."""
    article, current = found
    return (
        current is not None
        and current.state == VersionState.PUBLISHED
        and article.archived_at is None
        and not has_same_content(current, record.data)
    )


def _write_in_bulk(
    records: list[tuple[int, Record]], summary: ImportSummary, outcome: Outcome, insert: Callable[[Valid], None]
) -> list[tuple[int, Record]]:
    """Validate each record, insert the valid ones with `insert`, count them. Returns the
    records to import one by one instead: all valid ones if the bulk write failed (e.g.
    another import created the same ID, or an editor opened a draft meanwhile)."""
    valid: Valid = []
    for number, record in records:
        record.data.change_note = _("Imported")
        try:
            category, tags = _validate(record.data)
        except DomainError as error:
            summary.fail(number, error)
        else:
            valid.append((record, category, tags))
    if not valid:
        return []
    try:
        with transaction.atomic():
            insert(valid)
    except (DatabaseError, _Raced):
        return [(number, record) for number, record in records if any(record is r for r, _c, _t in valid)]
    for _v in valid:
        summary.count(outcome)
    return []


def _validate(data: ArticleInput) -> tuple[Category, list[str]]:
    """services.validate_article_input, creating an unknown category, in one query when the
    category exists (most lines): the savepoint that keeps a failed line from leaving a new
    category behind is only needed when validation has to create one."""
    try:
        return services.validate_article_input(data, create_category=False)
    except ValidationFailed as error:
        if "category" not in error.fields or not data.category.strip():
            raise
    with transaction.atomic():
        return services.validate_article_input(data, create_category=True)


def _insert_articles(valid: Valid, publish: bool, by: User | None) -> None:
    """What create_article (+ publish_article) writes, for many articles at once."""
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            external_id=record.external_id,
            owner=record.data.owner or by,
            review_by=record.data.review_by,
            created_by=by,
            revision=1 if publish else 0,  # publish_article's claim bumps it once
        )
        for record, _c, _t in valid
    )
    versions = [
        _new_version(article, 1, None, entry, publish=publish, by=by, now=now)
        for article, entry in zip(articles, valid, strict=True)
    ]
    _insert_versions_and_events(versions, valid, publish=publish, by=by, first_action="create", replaced={})


def _insert_versions(
    valid: Valid, current: dict[str, tuple[Article, ArticleVersion | None]], publish: bool, by: User | None
) -> None:
    """What save_draft (+ publish_article) writes when the article has a published version
    and no open one: version n+1 based on it, which then supersedes it."""
    now = timezone.now()
    articles = [current[record.external_id][0] for record, _c, _t in valid]
    published = {a.pk: v for a, v in (current[r.external_id] for r, _c, _t in valid) if v is not None}
    ids = [a.pk for a in articles]
    # The claims: bumping the revision also locks the rows, as the services' claim does.
    Article.objects.filter(pk__in=ids).update(revision=F("revision") + (2 if publish else 1), updated_at=now)
    if ArticleVersion.objects.filter(article_id__in=ids, state__in=OPEN_STATES).exists():
        raise _Raced
    if publish:
        superseded = ArticleVersion.objects.filter(
            pk__in=[v.pk for v in published.values()], state=VersionState.PUBLISHED
        ).update(state=VersionState.SUPERSEDED, updated_at=now)
        if superseded != len(ids):
            raise _Raced
    top = dict(
        ArticleVersion.objects.filter(article_id__in=ids)
        .values("article_id")
        .annotate(n=Max("number"))
        .values_list("article_id", "n")
    )
    versions = [
        _new_version(article, top[article.pk] + 1, published[article.pk], entry, publish=publish, by=by, now=now)
        for article, entry in zip(articles, valid, strict=True)
    ]
    replaced = {article.pk: published[article.pk].number for article in articles}
    _insert_versions_and_events(versions, valid, publish=publish, by=by, first_action="start_draft", replaced=replaced)


def _new_version(
    article: Article,
    number: int,
    based_on: ArticleVersion | None,
    entry: tuple[Record, Category, list[str]],
    *,
    publish: bool,
    by: User | None,
    now: datetime,
) -> ArticleVersion:
    record, category, _tags = entry
    data = record.data
    return ArticleVersion(
        article=article,
        number=number,
        based_on=based_on,
        state=VersionState.PUBLISHED if publish else VersionState.DRAFT,
        category=category,
        created_by=by,
        updated_by=by,
        reviewed_by=by if publish else None,
        published_at=now if publish else None,
        change_note=data.change_note,
        publish_at=data.publish_at,
        expire_at=data.expire_at,
        **{name: getattr(data, name) for name in services.CONTENT_FIELDS},
    )


def _insert_versions_and_events(
    versions: list[ArticleVersion],
    valid: Valid,
    *,
    publish: bool,
    by: User | None,
    first_action: str,
    replaced: dict[int, int],
) -> None:
    versions = ArticleVersion.objects.bulk_create(versions)
    tag_ids = _tag_ids({name for _r, _c, tags in valid for name in tags})
    through = ArticleVersion.tags.through
    through.objects.bulk_create(
        through(articleversion_id=version.pk, tag_id=tag_ids[name])
        for version, (_r, _c, tags) in zip(versions, valid, strict=True)
        for name in tags
    )
    events = []
    for version in versions:
        article = version.article
        events.append(AuditEvent(actor=by, action=first_action, article=article, version=version, detail={}))
        if publish:
            detail = {"replaced": replaced.get(article.pk)}
            events.append(AuditEvent(actor=by, action="publish", article=article, version=version, detail=detail))
    AuditEvent.objects.bulk_create(events)


def _tag_ids(names: set[str]) -> dict[str, int]:
    found = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    for name in names - found.keys():
        found[name] = Tag.objects.get_or_create(name=name)[0].pk
    return found


def current_versions(external_ids: Iterable[str]) -> dict[str, tuple[Article, ArticleVersion | None]]:
    """For each external ID that exists: the article and its current version (see
    kb.records.pick_current), with category and tags loaded, in three queries."""
    articles = {a.pk: a for a in Article.objects.filter(external_id__in=list(external_ids))}
    return {articles[pk].external_id or "": pair for pk, pair in _current_by_article(articles).items()}


def _current_by_article(articles: dict[int, Article]) -> dict[int, tuple[Article, ArticleVersion | None]]:
    # Choose on a light query first, so that old versions' bodies are never loaded.
    light = ArticleVersion.objects.filter(article_id__in=list(articles)).only("id", "article_id", "state", "number")
    by_article: dict[int, list[ArticleVersion]] = {}
    for version in light:
        by_article.setdefault(version.article_id, []).append(version)
    chosen = [v.pk for v in (pick_current(vs) for vs in by_article.values()) if v is not None]
    full = {
        v.article_id: v
        for v in ArticleVersion.objects.filter(pk__in=chosen).select_related("category").prefetch_related("tags")
    }
    result: dict[int, tuple[Article, ArticleVersion | None]] = {}
    for pk, article in articles.items():
        current = full.get(pk)
        if current is not None:
            current.article = article
        result[pk] = (article, current)
    return result


def export_records(*, chunk_size: int = 500) -> Iterator[dict[str, Any]]:
    """The current version of every article as records, sorted by external ID."""
    rows = sorted(
        Article.objects.values_list("pk", "external_id"), key=lambda row: row[1] or f"{GENERATED_ID_PREFIX}{row[0]}"
    )
    for start in range(0, len(rows), chunk_size):
        chunk = [row[0] for row in rows[start : start + chunk_size]]
        articles = Article.objects.in_bulk(chunk)
        found = _current_by_article(articles)
        for pk in chunk:
            _, version = found[pk]
            if version is not None:
                yield record_from_version(version)
