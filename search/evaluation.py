"""Ranking for offline evaluation (eval_search, bench_search): the same index and the
same query code agents use, plus a plain BM25 baseline to compare against."""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from search import backend
from search.analysis import analyze
from search.query import build_query
from search.ranking import rank
from search.synonyms import expand


@dataclass(frozen=True)
class Judgment:
    query: str
    relevant: set[str]


def baseline_query(text: str) -> wq.Query | None:
    """A plain OR of the analyzed terms over title (boosted) and body."""
    terms = dict.fromkeys(p.text for p in analyze(text))
    clauses: list[wq.Query] = []
    for term in terms:
        clauses += [wq.Term("title", term, boost=2.0), wq.Term("body", term)]
    return wq.Or(clauses) if clauses else None


def rank_external_ids(text: str, *, limit: int = 10, baseline: bool = False) -> list[str]:
    """External ids of the top documents for a query, best first (no filters, no facets)."""
    query = baseline_query(text) if baseline else build_query(text, synonyms=expand(text)).query
    if query is None:
        return []
    searcher = backend.searcher()
    if baseline:
        searcher = Searcher(searcher.reader(), weighting=BM25F(), closereader=False)
        return [hit.get("external_id", "") for hit in searcher.search(query, limit=limit)]
    docnums = rank(searcher, query, limit=limit).docnums
    return [searcher.stored_fields(docnum).get("external_id", "") for docnum in docnums]
