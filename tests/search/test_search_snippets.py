"""Highlights found by plain string search: the original text (traditional stays
traditional), escaped, with <mark> around the query's terms; English words by their stem."""

from __future__ import annotations

import pytest

from kb.models import Audience
from search import services as search
from search.analysis import analyze
from search.snippets import highlight_all, passage

pytestmark = pytest.mark.django_db


def terms(query: str) -> list[str]:
    return [piece.text for piece in analyze(query)]


def test_a_simplified_query_marks_traditional_text_as_written():
    html = highlight_all("退貨運費由買家承擔", terms("退货运费"))

    assert html.startswith("<mark>退貨運費</mark>由買家")


def test_a_traditional_query_marks_simplified_text():
    assert "<mark>运费</mark>" in highlight_all("退货运费由买家承担", terms("運費"))


def test_english_words_are_marked_by_their_stem_whole_words_only():
    html = highlight_all("Refunds are refunded; prefund is not.", terms("refund"))

    assert html == "<mark>Refunds</mark> are <mark>refunded</mark>; prefund is not."


def test_full_width_letters_match_and_stay_full_width():
    assert highlight_all("ＶＩＰ 会员", terms("vip")) == "<mark>ＶＩＰ</mark> 会员"


def test_everything_is_escaped_inside_and_outside_the_marks():
    html = highlight_all('<img src=x onerror="1">退款 & <b>', terms("退款 img"))

    assert html == "&lt;<mark>img</mark> src=x onerror=&quot;1&quot;&gt;<mark>退款</mark> &amp; &lt;b&gt;"


def test_overlapping_terms_make_one_mark():
    # jieba's search mode gives 退, 货运, 运费 and 货运费 for 退货运费: one run of marks, not nested ones.
    html = highlight_all("退货运费", terms("退货运费"))

    assert html == "<mark>退货运费</mark>"


def test_the_passage_is_the_part_with_the_most_query_terms():
    body = "无关的开头。" * 40 + "理赔需要保单。" + "无关。" * 20 + "理赔材料包括保单、身份证和发票。"
    body += "无关的结尾。" * 40

    html = passage(body, terms("理赔材料 发票"), width=60)

    assert "<mark>理赔</mark><mark>材料</mark>" in html or "<mark>理赔材料</mark>" in html
    assert "<mark>发票</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 60 + 2 + 30


def test_no_passage_when_no_term_occurs():
    assert passage("退货运费由买家承担", terms("理赔")) == ""


@pytest.mark.parametrize("query", ["(", "[a-", ".*", "\\", "<mark>", "退货" * 250])
def test_odd_queries_highlight_nothing_strange(query):
    html = highlight_all("退货 (a) [b] .* \\ <mark>", terms(query))

    assert "<script" not in html and html.count("<mark>") == html.count("</mark>")


def test_search_results_show_the_passage_in_its_original_script(publish):
    body = "開頭說明。" * 30 + "退貨運費由買家承擔。" + "結尾。" * 30
    article = publish(title="退貨須知", body=body, language="zh-hant")
    search.update_articles([article.pk])

    hit = search.search("运费", audience=Audience.INTERNAL).hits[0]

    assert "<mark>運費</mark>由買家承擔" in hit.snippet_html
    assert hit.title_html == "退貨須知"
