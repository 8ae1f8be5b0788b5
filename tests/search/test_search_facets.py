"""Totals and facet counts cover every match, not only the page shown; filters, the
audience rule and expiry apply to them as to the hits."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from kb.models import Audience
from search import services as search

pytestmark = pytest.mark.django_db


def test_the_total_and_facets_count_every_match_beyond_the_page(publish):
    phones = [publish(title=f"运费说明 {i}", body="运费", product="手机") for i in range(7)]
    laptops = [publish(title=f"运费规则 {i}", body="运费", product="电脑") for i in range(4)]
    search.update_articles(a.pk for a in phones + laptops)

    result = search.search("运费", audience=Audience.INTERNAL, page=2, page_size=3)

    assert (result.total, len(result.hits), [h.rank for h in result.hits]) == (11, 3, [4, 5, 6])
    assert [(f.value, f.count) for f in result.facets["product"]] == [("手机", 7), ("电脑", 4)]


def test_facets_leave_out_what_the_caller_may_not_see(publish):
    public = publish(title="运费（公开）", body="运费", audience=Audience.PUBLIC, product="手机")
    internal = publish(title="运费（内部）", body="运费", audience=Audience.INTERNAL, product="电脑")
    soon = timezone.now() + timedelta(seconds=1)
    expired = publish(title="运费（过期）", body="运费", product="平板", expire_at=soon)
    search.update_articles([public.pk, internal.pk, expired.pk])
    time.sleep(1.1)  # expired now; the index still holds it (the expiry job has not run)

    portal = search.search("运费", audience=Audience.PUBLIC)
    agent = search.search("运费", audience=Audience.INTERNAL)

    assert (portal.total, [(f.value, f.count) for f in portal.facets["product"]]) == (1, [("手机", 1)])
    assert agent.total == 2
    assert {f.value for f in agent.facets["product"]} == {"手机", "电脑"}
