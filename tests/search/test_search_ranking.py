"""search.ranking computes Whoosh's BM25F itself, over decoded posting arrays: it must agree
with Whoosh on the order, the scores and the number of matches, across several segments
and with deleted (replaced) documents."""

from __future__ import annotations

import gc
import weakref
from datetime import UTC, datetime
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3LeafMatcher

from search import backend
from search.documents import ARTICLE, article_doc_id, build_document
from search.query import build_query
from search.ranking import clear_caches, rank, read_postings, warm

QUERIES = ["退货运费谁承担", "保险理赔需要什么材料", "refund delivery", "退貨運費", "车险 过户", "客户"]


def _doc(n: int, body: str, *, title: str = "") -> dict[str, Any]:
    return build_document(
        doc_id=article_doc_id(n),
        kind=ARTICLE,
        title=title or body[:12],
        summary="",
        body=body,
        tags=["标签"],
        category_slug="c",
        category_name="分类",
        product="",
        language="zh-hans",
        audience="internal",
        external_id=f"x-{n}",
        updated=datetime(2025, 1, 1, tzinfo=UTC),
        expires=None,
        stamp=str(n),
    )


BODIES = [
    "退货运费由买家承担，质量问题除外。",
    "保险理赔需要保单、身份证和事故证明等材料。",
    "Refunds are paid within 7 days after delivery of the returned item.",
    "车险过户后需要办理批改手续，否则理赔可能受影响。",
    "客户可以在七天内申请退货，运费险可以抵扣退货运费。",
    "Delivery is free for orders over 99 yuan; a refund includes the delivery fee.",
    "理赔材料不全时，保险公司会通知客户补充。",
]


def _agree(searcher: Any, text: str) -> None:
    plan = build_query(text)
    assert plan.query is not None
    expected = searcher.search(plan.query, limit=10)
    got = rank(searcher, plan.query, limit=10)
    assert got.docnums == [hit.docnum for hit in expected], text
    assert got.scores == pytest.approx([hit.score for hit in expected], rel=1e-9), text
    assert got.total == len(expected), text


def test_the_ranking_agrees_with_whoosh_over_segments_and_deletions():
    backend.write(upserts=[_doc(n, body) for n, body in enumerate(BODIES)])
    backend.write(upserts=[_doc(100 + n, body + "另见客户须知。") for n, body in enumerate(BODIES)])
    # Replacing documents leaves deleted ones behind in the older segments.
    backend.write(upserts=[_doc(1, "理赔材料：保单和身份证。"), _doc(102, "Refund policy for returned items.")])
    clear_caches()
    searcher = backend.searcher()
    assert len(searcher.leaf_searchers()) > 1 and searcher.reader().has_deletions()

    for text in QUERIES:
        _agree(searcher, text)
        _agree(searcher, text)  # again, from the cached postings


def test_postings_read_a_block_at_a_time_equal_whoosh_postings():
    # More than one posting block (128 documents each), weights other than 1.
    backend.write(upserts=[_doc(n, "退货运费" * (1 + n % 3) + f"第{n}条说明。") for n in range(300)])
    reader = backend.searcher().reader()
    clear_caches()

    for fieldname, text in [("body", "运费"), ("grams", "退货"), ("keywords", "标签")]:
        matcher = reader.postings(fieldname, text)
        assert type(matcher) is W3LeafMatcher
        expected = list(matcher.items_as("weight"))
        ids, weights = read_postings(reader, fieldname, text.encode())

        assert len(expected) == 300
        assert fieldname == "keywords" or weights.max() > 1
        assert list(zip(ids.tolist(), weights.tolist(), strict=True)) == expected


def test_an_unknown_term_has_no_postings():
    backend.write(upserts=[_doc(1, "退货运费")])
    reader = backend.searcher().reader()

    ids, weights = read_postings(reader, "body", "不存在的词".encode())

    assert (len(ids), len(weights)) == (0, 0)


def test_the_ranking_does_not_keep_an_old_searcher_alive():
    # One view of the index is kept per searcher; after an index change the web process
    # opens a new searcher and the old one (with its open files) must be freed.
    backend.write(upserts=[_doc(1, "退货运费")])
    searcher = backend.searcher()
    rank(searcher, build_query("运费").query, facet_fields=["category"])
    gone = weakref.ref(searcher)

    backend.close_searchers()
    del searcher
    gc.collect()

    assert gone() is None


def test_warming_reads_the_frequent_terms_and_changes_no_result():
    backend.write(upserts=[_doc(n, "退货运费" + BODIES[n % len(BODIES)]) for n in range(120)])
    searcher = backend.searcher()
    clear_caches()
    before = rank(searcher, build_query("退货运费").query, limit=5)
    clear_caches()

    read = warm(searcher, fields=["title", "body", "grams"])

    assert read >= 120 * 3  # 退货 and 运费 in the body, 退货 in grams, at least
    assert rank(searcher, build_query("退货运费").query, limit=5) == before


def test_an_index_with_no_documents_finds_nothing_without_an_error():
    backend.write(upserts=[])  # an index, empty

    result = rank(backend.searcher(), build_query("退货运费").query, facet_fields=["category"])

    assert (result.docnums, result.total, result.facets) == ([], 0, {"category": {}})
