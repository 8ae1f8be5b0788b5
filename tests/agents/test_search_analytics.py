"""The editors' search analytics: numbers on a known set of logs, and one click from a gap
to a new article with the query as its title."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agents import selectors
from agents.models import Channel, QueryLog
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _earlier_today() -> datetime:
    """A moment before now that is still today in the server's time zone (a fixed offset like
    "five minutes ago" is yesterday just after midnight, and the daily counts would shift)."""
    now = timezone.localtime()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + (now - midnight) / 2


def _log(query: str, results: int, *, days_ago: int = 0, clicked: int | None = None) -> None:
    QueryLog.objects.create(
        query=query, results=results, role="agent", channel=Channel.WEB,
        at=_earlier_today() - timedelta(days=days_ago), clicked_article_id=clicked,
        clicked_rank=1 if clicked else None,
    )  # fmt: skip


@pytest.fixture
def logs(db):  # type: ignore[no-untyped-def]
    for _ in range(3):
        _log("退货运费", 4, clicked=11)
    _log("退货运费", 4)
    _log("保单贷款", 0)
    _log("保单贷款", 0, days_ago=1)
    _log("发票", 2)  # found something, nobody opened it
    _log("旧问题", 0, days_ago=20)  # only in the 30-day view


def test_the_numbers_for_the_last_7_days(logs):
    result = selectors.search_analytics(days=7)

    assert (result.searches, result.distinct, result.zero, result.clicked) == (7, 3, 2, 3)
    top = [(r.query, r.count, r.clicks) for r in result.top]
    assert top == [("退货运费", 4, 3), ("保单贷款", 2, 0), ("发票", 1, 0)]
    assert [(r.query, r.count) for r in result.gaps] == [("保单贷款", 2)]
    assert [r.query for r in result.unclicked] == ["发票"]
    assert len(result.daily) == 7 and sum(d.count for d in result.daily) == 7
    assert result.daily[-1].count == 6 and result.daily[-1].zero == 1 and result.daily[-1].percent == 100


def test_the_30_day_view_includes_older_gaps(logs):
    result = selectors.search_analytics(days=30)
    assert [(r.query, r.count) for r in result.gaps] == [("保单贷款", 2), ("旧问题", 1)]
    assert len(result.daily) == 30


def test_the_page_links_a_gap_to_a_new_article_with_its_title(editor, logs):
    client = client_for(editor)
    page = client.get(reverse("agents:search-analytics"), {"days": 30}).content.decode()

    assert "Knowledge gaps" in page and "旧问题" in page
    write = f"{reverse('kb:article-create')}?title=%E4%BF%9D%E5%8D%95%E8%B4%B7%E6%AC%BE"
    assert write in page
    form = client.get(write.replace("&amp;", "&")).content.decode()
    assert 'value="保单贷款"' in form


def test_a_bad_period_falls_back_to_7_days(editor, logs):
    response = client_for(editor).get(reverse("agents:search-analytics"), {"days": "9999"})
    assert response.status_code == 200 and 'href="?days=7" aria-current="page"' in response.content.decode()


def test_agents_do_not_see_the_analytics(agent):
    assert client_for(agent).get(reverse("agents:search-analytics")).status_code == 403
