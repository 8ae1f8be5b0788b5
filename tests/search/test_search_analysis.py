"""The analyzer as agents experience it: what they type finds what editors wrote."""

from __future__ import annotations

import pytest

from kb.models import Audience
from search import services as search
from search.models import Synonym

pytestmark = pytest.mark.django_db


def titles(query: str) -> list[str]:
    return [hit.title for hit in search.search(query, audience=Audience.INTERNAL).hits]


def test_a_chinese_compound_is_found_by_its_parts_and_by_itself(publish):
    article = publish(title="退货运费由谁承担", body="七天内退货运费由商家承担。")
    publish(title="发票开具", body="电子发票在订单完成后开具。")
    search.update_articles(a.pk for a in [article])

    assert titles("运费") == ["退货运费由谁承担"]
    assert titles("退货运费") == ["退货运费由谁承担"]


def test_traditional_and_simplified_chinese_find_each_other(publish):
    simplified = publish(title="退货流程", body="申请退货后七天内寄回。")
    traditional = publish(title="發票說明", body="電子發票會寄到您的郵箱。", language="zh-hant")
    search.update_articles([simplified.pk, traditional.pk])

    assert titles("退貨") == ["退货流程"]
    assert titles("发票") == ["發票說明"]


def test_mixed_chinese_and_english_text_is_searchable_in_both(publish):
    article = publish(
        title="iPhone 退款 policy", body="Refunds for iPhone orders are processed in 5 days. 退款五天到账。"
    )
    search.update_articles([article.pk])

    assert titles("iphone") == ["iPhone 退款 policy"]
    assert titles("refund") == ["iPhone 退款 policy"]  # stemming: refunds -> refund
    assert titles("退款 refunding") == ["iPhone 退款 policy"]


def test_full_width_and_upper_case_are_folded(publish):
    article = publish(title="ＶＩＰ会员权益", body="ＶＩＰ会员享受免运费。")
    search.update_articles([article.pk])

    assert titles("vip") == ["ＶＩＰ会员权益"]
    assert titles("ＶＩＰ") == ["ＶＩＰ会员权益"]


def test_synonyms_apply_at_query_time_without_reindexing(publish):
    article = publish(title="退款到账时间", body="退款在三个工作日内原路返回。")
    search.update_articles([article.pk])
    assert titles("退钱") == []

    Synonym.objects.create(terms="退款, 退钱, refund")

    assert titles("退钱") == ["退款到账时间"]
    assert titles("refund") == ["退款到账时间"]


def test_an_english_typo_of_one_letter_still_finds_the_article(publish):
    article = publish(title="Warranty claims", body="How to file a warranty claim for a broken device.")
    search.update_articles([article.pk])

    assert titles("waranty") == ["Warranty claims"]


def test_a_query_that_finds_nothing_gets_a_did_you_mean(publish):
    article = publish(title="Password reset", body="Agents can reset a customer's password from the console.")
    search.update_articles([article.pk])

    result = search.search("pasword resett consol", audience=Audience.INTERNAL)
    if result.total == 0:
        assert result.suggestion is not None and "console" in result.suggestion
    result = search.search("xylophne", audience=Audience.INTERNAL)
    assert result.total == 0 and result.suggestion is None  # nothing close: no suggestion
