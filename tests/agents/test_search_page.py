"""The agents' search page against a real Whoosh index in tmp_path: highlighted results,
facets, filters, pages, hostile input, 'did you mean', the index notice and the reading pane."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kb.models import Audience, Category
from search import services as search
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(publish):  # type: ignore[no-untyped-def]
    """Three articles about shipping costs in two categories and two products, indexed."""
    Category.objects.create(name="Shipping", slug="shipping")
    articles = [
        publish(title="退货运费谁承担", body="质量问题的退货运费由商家承担。", category="shipping", product="手机"),
        publish(title="换货运费", body="换货的运费说明。", category="shipping", product="电脑"),
        publish(title="运费险理赔", body="运费险理赔需要上传快递单。", product="手机", audience=Audience.PUBLIC),
    ]
    search.update_articles([a.pk for a in articles])
    return articles


def test_results_are_highlighted_and_come_with_facet_counts_and_the_time_taken(agent, indexed):
    response = client_for(agent).get(reverse("agents:home"), {"q": "运费"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "<mark>运费</mark>" in page
    assert "3 results" in page and " ms</span>" in page
    assert 'class="facet-label">Shipping</span> <span class="facet-count">2</span>' in page
    assert 'class="facet-label">手机</span> <span class="facet-count">2</span>' in page
    assert reverse("agents:search-open", args=[indexed[0].pk]) in page


def test_a_facet_link_narrows_the_results_and_shows_a_removable_filter(agent, indexed):
    client = client_for(agent)
    page = client.get(reverse("agents:home"), {"q": "运费", "product": "电脑"}).content.decode()

    assert "1 result" in page and "换货" in page and "退货运费谁承担" not in page
    assert 'href="?q=%E8%BF%90%E8%B4%B9&amp;log=1" class="chip filter-chip"' in page  # remove the filter


def test_results_come_in_pages(agent, publish):
    articles = [publish(title=f"理赔材料 {n}", body="理赔需要的材料。") for n in range(13)]
    search.update_articles([a.pk for a in articles])
    client = client_for(agent)

    first = client.get(reverse("agents:home"), {"q": "理赔"}).content.decode()
    second = client.get(reverse("agents:search-results"), {"q": "理赔", "page": 2}).content.decode()

    assert "Page 1 of 2" in first and 'rel="next"' in first and first.count('class="result"') == 10
    assert "Page 2 of 2" in second and second.count('class="result"') == 3 and 'start="11"' in second


@pytest.mark.parametrize("query", ["C++", '"', "AND", "*", "退货 " * 100, "", "   ", "OR NOT (", "<script>"])
def test_hostile_queries_get_a_page_never_an_error(agent, indexed, query):
    for name in ("agents:home", "agents:search-results"):
        response = client_for(agent).get(reverse(name), {"q": query, "log": "1"})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("</head>")[-1]


def test_nothing_found_offers_did_you_mean_and_editors_may_write_the_article(agent, editor, publish):
    article = publish(title="Refund policy", body="Refunds are paid within seven days.", language="en")
    search.update_articles([article.pk])

    agent_page = client_for(agent).get(reverse("agents:home"), {"q": "rfnd"}).content.decode()
    editor_page = client_for(editor).get(reverse("agents:home"), {"q": "rfnd"}).content.decode()

    assert "Nothing found for “rfnd”" in agent_page
    assert "Did you mean" in agent_page and "refund" in agent_page.split("Did you mean")[1][:200]
    assert "Write an article for this" not in agent_page
    assert f"{reverse('kb:article-create')}?title=rfnd" in editor_page


def test_an_unreadable_index_shows_a_clear_notice_and_the_categories(agent, publish):
    publish(title="退货政策")  # published, but no index was ever built in this test's directory

    response = client_for(agent).get(reverse("agents:home"), {"q": "退货"})

    assert response.status_code == 200
    assert "Search is unavailable for a moment." in response.content.decode()
    assert "Browse by category" in response.content.decode()


def test_an_empty_query_shows_recent_articles_and_categories_to_browse(agent, publish):
    publish(title="新的退货政策", summary="七天无理由")

    page = client_for(agent).get(reverse("agents:home")).content.decode()

    assert "Recently updated" in page and "新的退货政策" in page
    assert "Browse by category" in page and 'href="?category=refunds"' in page


def test_the_reading_pane_shows_the_article_with_a_link_to_the_full_page(agent, indexed):
    response = client_for(agent).get(reverse("agents:article-pane", args=[indexed[0].pk]))
    page = response.content.decode()

    assert response.status_code == 200 and "<html" not in page
    assert "质量问题的退货运费由商家承担。" in page
    assert f'href="{indexed[0].get_absolute_url()}"' in page and "Open full page" in page


def test_the_page_speaks_chinese_and_loads_its_script_from_static(agent, indexed):
    client = client_for(agent)
    client.post(reverse("set_language"), {"language": "zh-hans"})

    page = client.get(reverse("agents:home"), {"q": "运费"}).content.decode()

    assert "3 条结果" in page and "缩小结果范围" in page
    assert '<script src="/static/js/search.js" defer></script>' in page and "<script>" not in page


def test_portal_accounts_and_outsiders_cannot_use_the_search_pages(portal, outsider, indexed):
    for user in (portal, outsider):
        client = client_for(user)
        assert client.get(reverse("agents:home"), {"q": "运费"}).status_code == 403
        assert client.get(reverse("agents:search-results"), {"q": "运费"}).status_code == 403
        assert client.get(reverse("agents:article-pane", args=[indexed[2].pk])).status_code == 403
