"""The search seam: the only module other apps import from `search/`.

Four verbs (STYLE rule 12) — update_articles, remove_articles, rebuild, search — plus
update_trees and remove_trees for published question trees (the same two verbs for the
second kind of document), reconcile (the periodic repair) and index_status. Whoosh and
jieba stay behind this line: callers pass ids and plain text and get dataclasses back."""

from __future__ import annotations

import contextlib
import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from kb.models import Audience, Category
from kb.selectors import live_versions
from kb.trees.selectors import live_tree_versions
from search import backend
from search.documents import (
    ARTICLE,
    TREE,
    article_doc_id,
    article_id_of,
    document_for,
    split_doc_id,
    tree_doc_id,
    tree_document_for,
    version_stamp,
)
from search.query import MAX_QUERY_CHARS, build_query
from search.ranking import rank
from search.ranking import warm as warm_postings
from search.schema import FACET_FIELDS, FILTER_FIELDS, TEXT_FIELDS
from search.snippets import SNIPPET_CHARS, highlight_all, passage
from search.spelling import suggest_query
from search.synonyms import expand

log = logging.getLogger("concord.search")

MAX_PAGE_SIZE = 100
INDEX_BATCH = 200

# SearchResult.notice values
INDEX_UNAVAILABLE = "index_unavailable"
INDEX_INCOMPLETE = "index_incomplete"  # results shown, but some may be missing


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    kind: str
    title: str
    title_html: str  # HTML-escaped, query words wrapped in <mark>
    snippet_html: str  # the best matching passage, escaped, with <mark>
    category: str  # slug
    category_name: str
    product: str
    language: str
    audience: str
    external_id: str
    tags: list[str]
    updated: datetime | None
    score: float
    rank: int  # 1-based position in the whole result list
    object_id: int = 0  # the article's or the tree's id, whichever `kind` says

    @property
    def tree_id(self) -> int | None:
        return self.object_id if self.kind == TREE else None

    @property
    def url(self) -> str:
        """Where an agent opens this hit: the article's reading page or the tree's start page."""
        if self.kind == TREE:
            return reverse("agents:tree-start", kwargs={"tree_id": self.object_id})
        return reverse("agents:article", args=[self.article_id])


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = 20
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    took_ms: float = 0.0
    suggestion: str | None = None  # 'did you mean', only when nothing was found
    notice: str | None = None  # INDEX_UNAVAILABLE (no results) or INDEX_INCOMPLETE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass(frozen=True)
class ReconcileReport:
    updated: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.updated or self.removed)


# --- writing -----------------------------------------------------------------------------


def _batches(ids: Sequence[int], size: int = INDEX_BATCH) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def update_articles(article_ids: Iterable[int]) -> None:
    """Make the index match the database for these articles: the live ones are upserted,
    the others (archived, expired, never published, deleted) removed. Idempotent; the
    order of calls does not matter because each reads the current state.
    Raises backend.IndexBusy when another writer holds the lock (the task retries)."""
    ids = sorted(set(article_ids))
    for batch in _batches(ids):
        live = list(live_versions().filter(article_id__in=batch))
        gone = set(batch) - {version.article_id for version in live}
        backend.write(
            upserts=[document_for(version) for version in live],
            deletes=[article_doc_id(pk) for pk in sorted(gone)],
        )


def remove_articles(article_ids: Iterable[int]) -> None:
    """Drop these articles from the index whatever the database says."""
    backend.write(deletes=[article_doc_id(pk) for pk in sorted(set(article_ids))])


def update_trees(tree_ids: Iterable[int]) -> None:
    """update_articles for question trees: published trees upserted, the others
    (archived, never published, deleted) removed."""
    ids = sorted(set(tree_ids))
    for batch in _batches(ids):
        live = list(live_tree_versions().filter(tree_id__in=batch))
        gone = set(batch) - {version.tree_id for version in live}
        backend.write(
            upserts=[tree_document_for(version) for version in live],
            deletes=[tree_doc_id(pk) for pk in sorted(gone)],
        )


def remove_trees(tree_ids: Iterable[int]) -> None:
    """Drop these trees from the index whatever the database says."""
    backend.write(deletes=[tree_doc_id(pk) for pk in sorted(set(tree_ids))])


def _all_documents() -> tuple[int, Iterator[dict[str, Any]]]:
    """Every live article's and published tree's document, and how many there are."""
    versions = live_versions().order_by("article_id")
    trees = live_tree_versions().order_by("tree_id")
    documents = itertools.chain(
        (document_for(v) for v in versions.iterator(chunk_size=500)),
        (tree_document_for(v) for v in trees.iterator(chunk_size=500)),
    )
    return versions.count() + trees.count(), documents


def rebuild(progress: Callable[[int, int], None] | None = None, *, procs: int = 1) -> int:
    """Index every live article and published tree into a fresh directory, then switch
    searchers to it atomically; searches keep using the old index meanwhile. Changes made
    during the rebuild are caught by the reconcile that follows the switch. Returns the count."""
    # Held while this process rebuilds: if it is killed, the status it leaves reads
    # "interrupted" instead of "running" forever (backend.read_rebuild_status).
    with backend.rebuild_lock():
        return _rebuild(progress, procs=procs)


def _rebuild(progress: Callable[[int, int], None] | None, *, procs: int) -> int:
    total, documents = _all_documents()
    backend.write_rebuild_status(state="running", done=0, total=total)
    last = 0.0

    def report(done: int) -> None:
        nonlocal last
        if progress is not None:
            progress(done, total)
        if time.monotonic() - last > 1 or done == total:
            last = time.monotonic()
            backend.write_rebuild_status(state="running", done=done, total=total)

    generation = backend.new_generation()
    try:
        count = backend.fill_generation(generation, documents, progress=report, procs=procs)
    except BaseException:
        backend.write_rebuild_status(state="failed", done=0, total=total)
        raise
    backend.switch_to(generation)
    reconcile()
    backend.write_rebuild_status(state="done", done=count, total=total)
    return count


def reconcile() -> ReconcileReport:
    """Compare the live articles and published trees in the database (id and version stamp)
    with the index and repair every difference: missing or stale documents are re-indexed,
    orphans (of any kind) removed. This is what makes a lost message or a broker outage harmless."""
    wanted = {
        article_doc_id(article_id): version_stamp(version_id, updated_at)
        for article_id, version_id, updated_at in live_versions().values_list("article_id", "id", "updated_at")
    }
    wanted.update(
        (tree_doc_id(tree_id), version_stamp(version_id, updated_at))
        for tree_id, version_id, updated_at in live_tree_versions().values_list("tree_id", "id", "updated_at")
    )
    indexed = backend.stamps()
    stale = [doc_id for doc_id, stamp in wanted.items() if indexed.get(doc_id) != stamp]
    orphans = [doc_id for doc_id in indexed if doc_id not in wanted]
    stale_ids = [split_doc_id(doc_id) for doc_id in stale]
    if stale_ids:
        update_articles(pk for kind, pk in stale_ids if kind == ARTICLE and pk is not None)
        update_trees(pk for kind, pk in stale_ids if kind == TREE and pk is not None)
    if orphans:
        backend.write(deletes=orphans)
    if stale or orphans:
        log.info("search reconcile: %d re-indexed, %d orphans removed", len(stale), len(orphans))
    backend.mark_complete()
    return ReconcileReport(updated=len(stale), removed=len(orphans))


def reconcile_job() -> contextlib.AbstractContextManager[None]:
    """Held by the worker running a reconcile job from the admin page, so a job whose worker
    died can be told from one still running (reconcile_job_alive)."""
    return backend.process_lock(backend.RECONCILE_LOCK)


def reconcile_job_alive() -> bool:
    return backend.process_alive(backend.RECONCILE_LOCK)


def index_status() -> dict[str, Any]:
    """For the admin page: documents in the index and the last rebuild's progress."""
    generation = backend.current_generation()
    return {
        "documents": backend.document_count(),
        "generation": generation.name if generation else None,
        "rebuild": backend.read_rebuild_status(),
    }


# --- searching ---------------------------------------------------------------------------


def _filters(filters: Mapping[str, Any] | None, audience: str) -> dict[str, list[str]]:
    """field -> accepted values (any of them); every field must match."""
    wanted: dict[str, list[str]] = {}
    for name, value in (filters or {}).items():
        if name not in FILTER_FIELDS:
            raise ValueError(f"unknown search filter {name!r}")
        values = [value] if isinstance(value, str) else list(value or [])
        values = [v for v in values if v]
        if values:
            wanted[name] = values
    if audience != Audience.INTERNAL:
        # Anyone who may not read internal articles sees public ones only.
        wanted["audience"] = [v for v in wanted.get("audience", [Audience.PUBLIC]) if v == Audience.PUBLIC]
    return wanted


def _facets(counts: Mapping[str, Mapping[str, int]]) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    for name in FACET_FIELDS:
        values = sorted(((k, n) for k, n in counts.get(name, {}).items() if k), key=lambda kv: (-kv[1], kv[0]))
        facets[name] = [FacetValue(value=k, label=k, count=n) for k, n in values]
    slugs = [v.value for v in facets.get("category", [])]
    if slugs:
        names = dict(Category.objects.filter(slug__in=slugs).values_list("slug", "name"))
        facets["category"] = [FacetValue(v.value, names.get(v.value, v.value), v.count) for v in facets["category"]]
    return facets


def _snippet(hit: Mapping[str, Any], terms: Sequence[str]) -> str:
    body = hit.get("body", "")
    try:
        snippet = passage(body, terms, width=SNIPPET_CHARS)
    except Exception:  # a highlight is decoration; never fail a search for it
        log.warning("highlighting a passage failed", exc_info=True)
        snippet = ""
    if not snippet:
        lead = hit.get("summary") or body
        snippet = escape(lead[:SNIPPET_CHARS] + ("…" if len(lead) > SNIPPET_CHARS else ""))
    return snippet


def _to_hit(hit: Mapping[str, Any], rank: int, *, score: float, terms: Sequence[str]) -> SearchHit:
    """`hit` holds a document's stored fields."""
    title_html = highlight_all(hit.get("title", ""), terms)
    snippet = _snippet(hit, terms)
    return SearchHit(
        article_id=article_id_of(hit["id"]) or 0,
        object_id=split_doc_id(hit["id"])[1] or 0,
        kind=hit.get("kind", ARTICLE),
        title=hit.get("title", ""),
        title_html=title_html,
        snippet_html=snippet,
        category=hit.get("category", ""),
        category_name=hit.get("category_name", ""),
        product=hit.get("product", ""),
        language=hit.get("language", ""),
        audience=hit.get("audience", ""),
        external_id=hit.get("external_id", ""),
        tags=[t for t in hit.get("tag", "").split(",") if t],
        updated=hit.get("updated"),
        score=score,
        rank=rank,
    )


def search(
    query: str,
    *,
    filters: Mapping[str, str | Sequence[str]] | None = None,
    audience: str = Audience.PUBLIC,
    page: int = 1,
    page_size: int = 20,
) -> SearchResult:
    """Search live articles and published question trees for plain text. Never raises on user input: an empty or
    hostile query gives an empty result, an unreadable index an empty result with
    notice=INDEX_UNAVAILABLE; an index started afresh and not yet refilled by the reconcile
    gives what it has with notice=INDEX_INCOMPLETE.

    `audience` is the widest audience the caller may read: Audience.INTERNAL (agents, who
    also see public articles) or Audience.PUBLIC (portal accounts, the default).
    `filters` maps category/product/language/kind/audience/tag to a value or values."""
    started = time.perf_counter()
    text = (query or "").strip()[:MAX_QUERY_CHARS]
    page = max(1, int(page))
    page_size = min(max(1, int(page_size)), MAX_PAGE_SIZE)
    result = SearchResult(query=text, page=page, page_size=page_size)
    wanted = _filters(filters, audience)
    try:
        plan = build_query(text, synonyms=expand(text) if text else ())
        if plan.query is not None:
            searcher = backend.searcher()
            ranking = rank(
                searcher,
                plan.query,
                filters=wanted,
                # Articles past their expiry time disappear at once, before the expiry job runs.
                expired_at=timezone.now(),
                limit=page * page_size,
                facet_fields=FACET_FIELDS,
            )
            result.total = ranking.total
            result.facets = _facets(ranking.facets)
            offset = (page - 1) * page_size
            top = list(zip(ranking.docnums, ranking.scores, strict=True))[offset : offset + page_size]
            result.hits = [
                _to_hit(searcher.stored_fields(docnum), offset + i + 1, score=score, terms=plan.terms)
                for i, (docnum, score) in enumerate(top)
            ]
            if result.total == 0:
                result.suggestion = suggest_query(searcher, text)
        if backend.is_incomplete():
            result.notice = INDEX_INCOMPLETE
    except backend.IndexUnavailable:
        log.warning("search index unavailable", exc_info=True)
        result = SearchResult(query=text, page=page, page_size=page_size, notice=INDEX_UNAVAILABLE)
    except Exception:
        # A damaged index can fail in many ways; agents get a notice, never a 500.
        log.exception("search failed for a query of %d characters", len(text))
        backend.close_searchers()
        result = SearchResult(query=text, page=page, page_size=page_size, notice=INDEX_UNAVAILABLE)
    result.took_ms = round((time.perf_counter() - started) * 1000, 1)
    return result


def warm_up() -> None:
    """Load jieba's dictionary, OpenCC's tables, a searcher and the postings of the most
    frequent terms before the first agent waits for them (a few seconds at 100,000 articles)."""
    from django.db import connection

    try:
        search("退貨運費 refund", audience=Audience.INTERNAL)
        with contextlib.suppress(backend.IndexUnavailable):
            warm_postings(backend.searcher(), fields=(*TEXT_FIELDS, "grams"))
    finally:
        connection.close()  # this runs in its own thread
