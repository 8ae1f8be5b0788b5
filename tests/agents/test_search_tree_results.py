"""Question trees among the search results: marked as guided trees on the agents' page,
opened in the tree runner (the click noted like an article's), narrowed by the kind facet,
and returned by the search API with the runner's URL."""

from __future__ import annotations

import pytest
from django.urls import reverse

from agents import selectors
from agents.models import QueryLog
from kb.models import Audience
from kb.trees import services as tree_services
from search import services as search
from tests.conftest import client_for
from tests.kb.trees.conftest import tree_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(publish, editor, reviewer):  # type: ignore[no-untyped-def]
    """An internal tree and a public article about undelivered parcels, indexed."""
    article = publish(title="包裹签收后丢失怎么办", body="先联系快递公司核实签收记录。", audience=Audience.PUBLIC)
    tree = tree_services.create_tree(data=tree_input(), by=editor).tree
    tree_services.publish_tree(tree=tree, by=reviewer)
    search.update_articles([article.pk])
    search.update_trees([tree.pk])
    return article, tree


def test_a_tree_hit_is_marked_and_links_to_the_runner_and_the_kind_facet_is_labelled(agent, indexed):
    article, tree = indexed
    page = client_for(agent).get(reverse("agents:home"), {"q": "签收"}).content.decode()

    assert "2 results" in page
    assert '<span class="badge kind-tree">Guided tree</span>' in page
    assert f'href="{reverse("agents:search-open-tree", args=[tree.pk])}?' in page
    assert f'data-pane-url="{reverse("agents:article-pane", args=[article.pk])}"' in page
    assert 'class="facet-label">Articles</span> <span class="facet-count">1</span>' in page
    assert 'class="facet-label">Question trees</span> <span class="facet-count">1</span>' in page


def test_the_kind_facet_narrows_the_page_to_trees(agent, indexed):
    page = client_for(agent).get(reverse("agents:home"), {"q": "签收", "kind": "tree"}).content.decode()

    assert "1 result" in page and "Guided tree" in page and "包裹签收后丢失怎么办" not in page


def test_the_labels_are_translated(agent, indexed):
    client = client_for(agent)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("agents:home"), {"q": "签收"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert '<span class="badge kind-tree">问答树</span>' in page
    assert 'class="facet-label">文章</span>' in page and 'class="facet-label">问答树</span>' in page


def test_opening_a_tree_hit_notes_the_click_and_goes_to_the_runner(agent, indexed):
    _article, tree = indexed
    client = client_for(agent)

    response = client.get(reverse("agents:search-open-tree", args=[tree.pk]), {"q": "签收", "n": 2, "rank": 1})

    assert response.status_code == 302 and response["Location"] == reverse("agents:tree-start", args=[tree.pk])
    entry = QueryLog.objects.get()
    assert (entry.query, entry.results, entry.clicked_rank, entry.clicked_article_id) == ("签收", 2, 1, None)
    assert selectors.search_analytics(days=7).clicked == 1  # counts as an opened result
    assert client.get(response["Location"]).status_code == 200


def test_an_archived_tree_cannot_be_opened_from_a_stale_result(agent, reviewer, indexed):
    _article, tree = indexed
    tree_services.archive_tree(tree=tree, by=reviewer)

    response = client_for(agent).get(reverse("agents:search-open-tree", args=[tree.pk]), {"rank": 1})

    assert response.status_code == 404 and QueryLog.objects.count() == 0


def test_the_api_returns_trees_with_the_runner_url_and_filters_by_kind(agent, indexed):
    article, tree = indexed
    data = client_for(agent).get("/api/search/", {"q": "签收"}).json()

    by_kind = {hit["kind"]: hit for hit in data["results"]}
    assert by_kind["tree"]["id"] == tree.pk
    assert by_kind["tree"]["url"] == f"http://testserver/trees/{tree.pk}/"
    assert by_kind["tree"]["api_url"] == f"http://testserver/api/trees/{tree.pk}/"
    assert by_kind["article"]["id"] == article.pk
    assert by_kind["article"]["url"] == f"http://testserver/articles/{article.pk}/"
    assert {(v["value"], v["count"]) for v in data["facets"]["kind"]} == {("article", 1), ("tree", 1)}

    only_trees = client_for(agent).get("/api/search/", {"q": "签收", "kind": "tree"}).json()
    assert [(hit["kind"], hit["id"]) for hit in only_trees["results"]] == [("tree", tree.pk)]


def test_portal_callers_get_public_trees_only(portal, indexed, editor, reviewer):
    article, internal_tree = indexed
    public_tree = tree_services.create_tree(data=tree_input(audience=Audience.PUBLIC), by=editor).tree
    tree_services.publish_tree(tree=public_tree, by=reviewer)
    search.update_trees([public_tree.pk])

    data = client_for(portal).get("/api/search/", {"q": "签收"}).json()

    found = {(hit["kind"], hit["id"]) for hit in data["results"]}
    assert found == {("article", article.pk), ("tree", public_tree.pk)}
    assert ("tree", internal_tree.pk) not in found
