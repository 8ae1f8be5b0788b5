"""What a search returns: snippets from the matching passage, facets, filters, pages,
audience rules, and never an exception for what a person types."""

from __future__ import annotations

import pytest

from kb.models import Audience, Category
from search import services as search

pytestmark = pytest.mark.django_db

LONG_BODY = "开头的介绍与主题无关。" * 30 + "退货需要在七天内申请，运费由买家承担。" + "结尾的说明也无关。" * 30


def test_the_snippet_comes_from_the_matching_passage_and_is_escaped(publish):
    article = publish(title="<b>退货</b> 规则", body="<script>alert(1)</script>\n\n" + LONG_BODY)
    search.update_articles([article.pk])

    hit = search.search("运费", audience=Audience.INTERNAL).hits[0]

    assert "<mark>运费</mark>" in hit.snippet_html
    assert "七天内申请" in hit.snippet_html  # the matching passage, not the first characters
    assert "<script>" not in hit.snippet_html
    assert hit.title_html.startswith("&lt;b&gt;")
    assert hit.title == "<b>退货</b> 规则"


@pytest.mark.parametrize("query", ["C++", '"', "AND", "*", "OR NOT (", "title:退货", "~~~^2", "退货" * 250, "", "   "])
def test_hostile_queries_return_results_or_nothing_never_an_error(publish, query):
    article = publish(title="退货 C++ 指南", body="退货的步骤。")
    search.update_articles([article.pk])

    result = search.search(query, audience=Audience.INTERNAL)

    assert result.notice is None
    assert isinstance(result.hits, list)
    assert result.took_ms >= 0


def test_a_portal_caller_sees_public_articles_only(publish):
    public = publish(title="退货政策（公开）", body="退货七天内。", audience=Audience.PUBLIC)
    internal = publish(title="退货内部处理流程", body="退货审批由组长负责。", audience=Audience.INTERNAL)
    search.update_articles([public.pk, internal.pk])

    public_view = search.search("退货", audience=Audience.PUBLIC)
    agent_view = search.search("退货", audience=Audience.INTERNAL)
    default_view = search.search("退货")

    assert [h.article_id for h in public_view.hits] == [public.pk]
    assert {h.article_id for h in agent_view.hits} == {public.pk, internal.pk}
    assert [h.article_id for h in default_view.hits] == [public.pk]  # the safe default


def test_facets_count_the_matches_and_filters_narrow_them(publish):
    Category.objects.create(name="Shipping", slug="shipping")
    a = publish(title="退货运费", body="运费说明", category="shipping", product="手机")
    b = publish(title="换货运费", body="运费说明", category="shipping", product="电脑")
    c = publish(title="运费险理赔", body="运费险", product="手机")
    search.update_articles([a.pk, b.pk, c.pk])

    result = search.search("运费", audience=Audience.INTERNAL)
    narrowed = search.search("运费", audience=Audience.INTERNAL, filters={"product": "手机", "category": "shipping"})

    assert result.total == 3
    assert {(f.value, f.label, f.count) for f in result.facets["category"]} == {
        ("shipping", "Shipping", 2),
        ("refunds", "Refunds", 1),
    }
    assert {(f.value, f.count) for f in result.facets["product"]} == {("手机", 2), ("电脑", 1)}
    assert [(f.value, f.count) for f in result.facets["kind"]] == [("article", 3)]
    assert [h.article_id for h in narrowed.hits] == [a.pk]


def test_pages_split_the_results_without_overlap(publish):
    articles = [publish(title=f"运费规则 {i}", body="运费") for i in range(5)]
    search.update_articles(a.pk for a in articles)

    first = search.search("运费", audience=Audience.INTERNAL, page=1, page_size=2)
    third = search.search("运费", audience=Audience.INTERNAL, page=3, page_size=2)
    beyond = search.search("运费", audience=Audience.INTERNAL, page=9, page_size=2)

    assert (first.total, first.pages, len(first.hits), first.has_next) == (5, 3, 2, True)
    assert [h.rank for h in third.hits] == [5]
    assert beyond.hits == []
    pages = [search.search("运费", audience=Audience.INTERNAL, page=p, page_size=2) for p in (1, 2, 3)]
    seen = {h.article_id for page in pages for h in page.hits}
    assert seen == {a.pk for a in articles}


def test_a_missing_index_gives_an_empty_result_with_a_notice():
    result = search.search("退货", audience=Audience.INTERNAL)

    assert (result.hits, result.notice) == ([], search.INDEX_UNAVAILABLE)


def test_a_damaged_index_gives_an_empty_result_with_a_notice_and_a_rebuild_repairs_it(publish, search_index_dir):
    article = publish(title="退货政策", body="七天无理由退货。")
    search.rebuild()
    for segment in (search_index_dir / "current").iterdir():
        if segment.name.endswith(".toc") or segment.suffix == ".seg":
            segment.write_bytes(b"garbage")
    search.backend.close_searchers()

    damaged = search.search("退货", audience=Audience.INTERNAL)
    search.rebuild()
    repaired = search.search("退货", audience=Audience.INTERNAL)

    assert (damaged.hits, damaged.notice) == ([], search.INDEX_UNAVAILABLE)
    assert [h.article_id for h in repaired.hits] == [article.pk] and repaired.notice is None
