"""Running a query: BM25F over Whoosh's posting lists, added up with numpy.

Whoosh's own matchers walk a posting list one document at a time in Python; at 100,000
articles an OR of forty terms took half a second to two seconds. Here every clause's
postings are decoded a block at a time into arrays (and kept in a bounded cache: a segment
never changes once written), and the scores are summed into one array as long as the index.
The scores are Whoosh's BM25F — the same formula, statistics and quantised field lengths —
so the ranking, and what eval_search measures, does not change. Every match is scored, so
the total and the facet counts are exact at no extra cost.

Clauses other than plain terms (typo-tolerant and phrase clauses, rare) go through Whoosh's
own matchers, document by document; that is exact too, only slower."""

from __future__ import annotations

import logging
import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.fields import NUMERIC, Schema
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from search.query import BM25_B, BM25_FIELD_B, BM25_K1

log = logging.getLogger("concord.search")

# Decoded postings kept per process, counted in postings (8 bytes each): 12 million is
# about 100 MB, enough for the terms real questions use in a 100,000-article index.
POSTINGS_CACHE_SIZE = 12_000_000
FILTER_CACHE_SIZE = 64
WARM_MIN_DOCS = 50

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_NO_IDS = np.zeros(0, dtype=np.int32)
_NO_WEIGHTS = np.zeros(0, dtype=np.float32)

Postings = tuple[np.ndarray, np.ndarray]  # document numbers (ascending), term frequencies


class _Cache:
    """A thread-safe LRU mapping whose size is the sum of its entries' costs."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.size = 0
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, value: Any, cost: int) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._items[key] = (value, cost)
            self.size += cost
            while self.size > self.capacity and len(self._items) > 1:
                _, (_, dropped) = self._items.popitem(last=False)
                self.size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.size = 0


_postings = _Cache(POSTINGS_CACHE_SIZE)
_lengths = _Cache(64)  # (segment, field) -> lengths; a few segments times five fields


def clear_caches() -> None:
    """Forget decoded postings and lengths (tests; memory is otherwise bounded)."""
    _postings.clear()
    _lengths.clear()


# --- reading one segment -----------------------------------------------------------------


def _segment_key(reader: IndexReader) -> tuple[str, int]:
    segment = reader.segment()
    if segment is None:  # the reader of an index with no segment yet: nothing in it
        return ("", 0)
    return (segment.segment_id(), reader.doc_count_all())


def _read_blocks(matcher: W3LeafMatcher) -> Postings:
    # Whoosh 3 posting blocks are pickled (delta-coded ids, weights, values) tuples; reading
    # a block's arrays at once instead of walking its postings is what makes this fast.
    # Pinned Whoosh version; tests compare this with the public matcher API.
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    while matcher.is_active():
        matcher._read_data()
        block_ids, block_weights, _ = matcher._data
        count = matcher._blocklength
        ids.append(np.cumsum(np.asarray(block_ids, dtype=np.int32), dtype=np.int32))
        if block_weights is None:
            weights.append(np.ones(count, dtype=np.float32))
        elif isinstance(block_weights, float):
            weights.append(np.full(count, block_weights, dtype=np.float32))
        else:
            weights.append(np.asarray(block_weights, dtype=np.float32))
        matcher._next_block()
    if not ids:
        return _NO_IDS, _NO_WEIGHTS
    return np.concatenate(ids), np.concatenate(weights)


def _read_one_by_one(matcher: Any) -> Postings:
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float32)


def _unfiltered(matcher: Any) -> Any:
    while isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    return matcher


def read_postings(reader: IndexReader, fieldname: str, text: bytes) -> Postings:
    """All postings of a term in one segment, deleted documents included (they are masked
    out later, so that a deletion does not make the cached arrays stale)."""
    key = (_segment_key(reader), fieldname, text)
    found = _postings.get(key)
    if found is not None:
        return found
    if (fieldname, text) not in reader:
        _postings.put(key, (_NO_IDS, _NO_WEIGHTS), 1)
        return _NO_IDS, _NO_WEIGHTS
    postings = None
    matcher = _unfiltered(reader.postings(fieldname, text))
    if type(matcher) is W3LeafMatcher:
        try:
            postings = _read_blocks(matcher)
        except (AttributeError, TypeError, ValueError):  # Whoosh's internals changed
            log.warning("reading posting blocks failed; reading postings one by one", exc_info=True)
            matcher = _unfiltered(reader.postings(fieldname, text))
    if postings is None:
        postings = _read_one_by_one(matcher)
    _postings.put(key, postings, len(postings[0]) + 1)
    return postings


def _read_lengths(reader: IndexReader, fieldname: str) -> np.ndarray:
    """Every document's length in a field as Whoosh scores it (quantised to a byte)."""
    key = (_segment_key(reader), fieldname)
    found = _lengths.get(key)
    if found is not None:
        return found
    size = reader.doc_count_all()
    try:
        # The lengths column is one byte per document, up to the last non-zero one.
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        raw = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
        codes = np.zeros(size, dtype=np.uint8)
        codes[: len(raw)] = raw[:size]
        lengths = _LENGTH_OF_BYTE[codes]
    except Exception:  # another codec or Whoosh version: the slow, public way
        lengths = np.array([reader.doc_field_length(n, fieldname, 0) or 0 for n in range(size)], dtype=np.float64)
    _lengths.put(key, lengths, 1)
    return lengths


# --- one searcher's view of the index ----------------------------------------------------


@dataclass
class _Leaf:
    reader: IndexReader
    offset: int


@dataclass
class _View:
    """What ranking needs from one searcher, built once per searcher. It holds no
    reference to the searcher, so that the searcher (keyed weakly) can be collected."""

    schema: Schema
    size: int
    leaves: list[_Leaf]
    live: np.ndarray  # False for deleted documents
    lengths: dict[str, np.ndarray] = field(default_factory=dict)
    masks: OrderedDict[Hashable, np.ndarray] = field(default_factory=OrderedDict)
    facet_codes: dict[str, tuple[list[str], np.ndarray]] = field(default_factory=dict)
    expiry: tuple[np.ndarray, np.ndarray] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def postings(self, fieldname: str, text: str) -> Iterable[tuple[int, np.ndarray, np.ndarray]]:
        btext = self.schema[fieldname].to_bytes(text)
        for leaf in self.leaves:
            ids, weights = read_postings(leaf.reader, fieldname, btext)
            if len(ids):
                yield leaf.offset, ids, weights

    def field_lengths(self, fieldname: str) -> np.ndarray:
        found = self.lengths.get(fieldname)
        if found is None:
            parts = [_read_lengths(leaf.reader, fieldname) for leaf in self.leaves]
            found = np.concatenate(parts) if parts else _NO_WEIGHTS
            self.lengths[fieldname] = found
        return found

    def term_mask(self, fieldname: str, values: Sequence[str]) -> np.ndarray:
        """Documents with any of these values in a field (ID and KEYWORD fields)."""
        key = (fieldname, tuple(sorted(values)))
        with self.lock:
            found = self.masks.get(key)
            if found is not None:
                self.masks.move_to_end(key)
                return found
        mask = np.zeros(self.size, dtype=bool)
        for value in values:
            for offset, ids, _ in self.postings(fieldname, value):
                mask[ids + offset] = True
        with self.lock:
            self.masks[key] = mask
            while len(self.masks) > FILTER_CACHE_SIZE:
                self.masks.popitem(last=False)
        return mask

    def codes(self, fieldname: str) -> tuple[list[str], np.ndarray]:
        """The distinct values of a facet field and, per document, the index of its value
        (-1 for none). Facet fields hold one value per document."""
        found = self.facet_codes.get(fieldname)
        if found is None:
            values = sorted({value for leaf in self.leaves for value in leaf.reader.field_terms(fieldname)})
            codes = np.full(self.size, -1, dtype=np.int32)
            for number, value in enumerate(values):
                for offset, ids, _ in self.postings(fieldname, value):
                    codes[ids + offset] = number
            found = (values, codes)
            self.facet_codes[fieldname] = found
        return found

    def expired(self, fieldname: str, moment: datetime) -> np.ndarray:
        """Documents whose date in `fieldname` is at or before `moment`. Few documents have
        an expiry date, so all of them are read once per searcher."""
        field_type = self.schema[fieldname]
        if self.expiry is None:
            docs: list[np.ndarray] = []
            times: list[np.ndarray] = []
            for leaf in self.leaves:
                for text in field_type.sortable_terms(leaf.reader, fieldname):
                    ids, _ = read_postings(leaf.reader, fieldname, text)
                    docs.append(ids + leaf.offset)
                    times.append(np.full(len(ids), NUMERIC.from_bytes(field_type, text), dtype=np.int64))
            self.expiry = (
                np.concatenate(docs) if docs else _NO_IDS,
                np.concatenate(times) if times else np.zeros(0, dtype=np.int64),
            )
        docs_with_date, dates = self.expiry
        return docs_with_date[dates <= field_type.prepare_datetime(moment)]


_views: weakref.WeakKeyDictionary[Searcher, _View] = weakref.WeakKeyDictionary()
_views_lock = threading.Lock()


def _view(searcher: Searcher) -> _View:
    with _views_lock:
        found = _views.get(searcher)
    if found is not None:
        return found
    leaves = [_Leaf(leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()]
    size = searcher.doc_count_all()
    live = np.ones(size, dtype=bool)
    for leaf in leaves:
        deleted = list(leaf.reader.deleted_docs_set) if leaf.reader.has_deletions() else []
        if deleted:
            live[np.array(deleted, dtype=np.int64) + leaf.offset] = False
    view = _View(schema=searcher.schema, size=size, leaves=leaves, live=live)
    with _views_lock:
        _views[searcher] = view
    return view


def warm(searcher: Searcher, *, fields: Sequence[str], budget: int = POSTINGS_CACHE_SIZE // 2) -> int:
    """Read the postings of the most frequent terms of these fields into the cache, up to
    `budget` postings, and return how many were read. They are the costliest to read and
    nearly every search needs some of them (a few seconds at 100,000 articles)."""
    view = _view(searcher)
    found: list[tuple[int, IndexReader, str, bytes]] = []
    for leaf in view.leaves:
        for fieldname in fields:
            view.field_lengths(fieldname)
            for text, info in leaf.reader.iter_field(fieldname):
                if info.doc_frequency() >= WARM_MIN_DOCS:
                    found.append((info.doc_frequency(), leaf.reader, fieldname, text))
    found.sort(key=lambda item: -item[0])
    spent = 0
    for count, reader, fieldname, text in found:
        if spent + count > budget:
            break
        read_postings(reader, fieldname, text)
        spent += count
    return spent


# --- ranking -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranking:
    """The top documents (Whoosh document numbers, best first) of every match, how many
    matched and, per facet field, the count of matches with each value."""

    docnums: list[int]
    scores: list[float]
    total: int
    facets: dict[str, dict[str, int]]


def _add_term(searcher: Searcher, view: _View, clause: wq.Term, scores: np.ndarray, matched: np.ndarray) -> None:
    fieldname, text = clause.fieldname, clause.text
    if fieldname not in searcher.schema or not searcher.schema[fieldname].scorable:
        _add_other(searcher, clause, scores, matched)
        return
    # Whoosh's BM25FScorer: idf and average length over the whole index, the length of
    # this document's field quantised to a byte, times the clause's boost.
    postings = list(view.postings(fieldname, text))
    if not postings:
        return  # as Whoosh: no statistics for a term the index lacks (an empty index has none)
    idf = searcher.idf(fieldname, text)
    average = searcher.avg_field_length(fieldname) or 1
    b = BM25_FIELD_B.get(fieldname, BM25_B)
    lengths = view.field_lengths(fieldname)
    for offset, ids, tf in postings:
        docs = ids + offset
        tf64 = tf.astype(np.float64)  # float32 arithmetic would round scores (numpy keeps float32)
        norm = BM25_K1 * ((1 - b) + b * lengths[docs] / average)
        scores[docs] += clause.boost * idf * (tf64 * (BM25_K1 + 1)) / (tf64 + norm)
        matched[docs] = True


def _add_other(searcher: Searcher, clause: wq.Query, scores: np.ndarray, matched: np.ndarray) -> None:
    context = searcher.context()
    for leaf, offset in searcher.leaf_searchers():
        matcher = clause.matcher(leaf, context)
        ids: list[int] = []
        values: list[float] = []
        while matcher.is_active():
            ids.append(matcher.id())
            values.append(matcher.score())
            matcher.next()
        if ids:
            docs = np.array(ids, dtype=np.int64) + offset
            scores[docs] += np.array(values, dtype=np.float64)
            matched[docs] = True


def _clauses(query: wq.Query) -> list[wq.Query]:
    if isinstance(query, wq.Or) and query.boost == 1.0 and not query.minmatch and query.scale is None:
        return [c for sub in query.subqueries for c in _clauses(sub)]
    return [query]


def rank(
    searcher: Searcher,
    query: wq.Query,
    *,
    filters: Mapping[str, Sequence[str]] | None = None,
    expired_at: datetime | None = None,
    limit: int = 10,
    facet_fields: Sequence[str] = (),
) -> Ranking:
    """Score every document matching `query` (an OR of clauses, summed as Whoosh does),
    keep those that pass every filter (field -> any of these values) and whose `expires`
    date is not at or before `expired_at`, and return the best `limit` with ties in index
    order."""
    view = _view(searcher)
    scores = np.zeros(view.size, dtype=np.float64)
    matched = np.zeros(view.size, dtype=bool)
    for clause in _clauses(query):
        if type(clause) is wq.Term:
            _add_term(searcher, view, clause, scores, matched)
        else:
            _add_other(searcher, clause, scores, matched)
    keep = matched & view.live
    for fieldname, values in (filters or {}).items():
        keep &= view.term_mask(fieldname, values)
    if expired_at is not None:
        keep[view.expired("expires", expired_at)] = False
    candidates = np.flatnonzero(keep)
    facets = {}
    for fieldname in facet_fields:
        values, codes = view.codes(fieldname)
        counts = np.bincount(codes[candidates] + 1, minlength=len(values) + 1)[1:]
        facets[fieldname] = {values[n]: int(c) for n in np.flatnonzero(counts) for c in [counts[n]]}
    limit = max(1, limit)
    top = candidates
    if len(candidates) > limit:
        # The limit-th best score, then everything above it plus ties in document order.
        cut = -np.partition(-scores[candidates], limit - 1)[limit - 1]
        top = candidates[scores[candidates] >= cut]
    order = np.lexsort((top, -scores[top]))[:limit]
    best = top[order]
    return Ranking(
        docnums=[int(n) for n in best],
        scores=[float(s) for s in scores[best]],
        total=len(candidates),
        facets=facets,
    )
