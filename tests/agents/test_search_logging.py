"""Searches agents mean are logged, normalized and without who made them; opening a result
records which one and at what rank. Keystrokes in between are not logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agents.models import Channel, QueryLog
from search import services as search
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(publish):  # type: ignore[no-untyped-def]
    articles = [publish(title="退货运费", body="运费由商家承担。"), publish(title="运费险", body="运费险理赔。")]
    search.update_articles([a.pk for a in articles])
    return articles


def test_as_you_type_requests_are_not_logged_only_the_meant_search_is(agent, indexed):
    client = client_for(agent)
    for prefix in ["运", "运费"]:  # what the page's script sends while the agent types
        client.get(reverse("agents:search-results"), {"q": prefix})
    client.get(reverse("agents:search-results"), {"q": "运费", "log": "1"})  # a pause or Enter

    assert list(QueryLog.objects.values_list("query", "results", "role", "channel")) == [
        ("运费", 2, "agent", Channel.WEB)
    ]


def test_queries_are_normalized_and_no_personal_data_is_stored(agent, indexed):
    client_for(agent).get(reverse("agents:home"), {"q": "  ＲＥＦＵＮＤ　Policy   运费 ", "log": "1"})

    entry = QueryLog.objects.get()
    assert entry.query == "refund policy 运费"
    field_names = {f.name for f in QueryLog._meta.get_fields()}
    assert not field_names & {"user", "user_id", "session", "ip", "username"}


def test_opening_a_result_records_the_article_and_its_rank(agent, indexed):
    client = client_for(agent)
    page = client.get(reverse("agents:home"), {"q": "运费", "log": "1"}).content.decode()
    entry = QueryLog.objects.get()
    second = indexed[1]
    link = f"{reverse('agents:search-open', args=[second.pk])}?log={entry.pk}&amp;rank="
    assert link in page
    rank = int(page.split(link)[1].split('"')[0])

    response = client.get(reverse("agents:search-open", args=[second.pk]), {"log": entry.pk, "rank": rank})

    assert response.status_code == 302 and response["Location"] == second.get_absolute_url()
    entry.refresh_from_db()
    assert (entry.clicked_article_id, entry.clicked_rank) == (second.pk, rank)
    assert entry.clicked_at is not None


def test_opening_a_result_before_the_pause_logs_the_search_once_with_the_click(agent, indexed):
    client = client_for(agent)
    pane = reverse("agents:article-pane", args=[indexed[0].pk])

    first = client.get(pane, {"q": "运费", "n": 2, "rank": 1})
    client.get(pane, {"log": QueryLog.objects.get().pk, "rank": 2})  # a second open from the same search

    entry = QueryLog.objects.get()
    assert (entry.query, entry.results, entry.clicked_article_id, entry.clicked_rank) == ("运费", 2, indexed[0].pk, 1)
    assert f'data-log-id="{entry.pk}"' in first.content.decode()


def test_opening_from_the_browse_lists_logs_nothing(agent, indexed):
    client_for(agent).get(reverse("agents:article-pane", args=[indexed[0].pk]))
    assert QueryLog.objects.count() == 0
