"""A question tree opened from the search results: its start page links back to exactly
those results (the text and the filters), and B is the key for it."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from kb.trees import services as tree_services
from search import services as search
from tests.conftest import client_for
from tests.kb.trees.conftest import tree_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(editor, reviewer):  # type: ignore[no-untyped-def]
    tree = tree_services.create_tree(data=tree_input(), by=editor).tree
    tree_services.publish_tree(tree=tree, by=reviewer)
    search.update_trees([tree.pk])
    return tree


def test_the_tree_hit_carries_the_search_and_the_start_page_links_back_to_it(agent, tree):
    client = client_for(agent)
    results = client.get(reverse("agents:home"), {"q": "签收", "kind": "tree"}).content.decode()
    back = urlencode({"back": urlencode({"q": "签收", "kind": "tree"})})
    assert f"&amp;{back}" in results

    params = {"rank": 1, "q": "签收", "n": 1, "back": "q=签收&kind=tree"}
    opened = client.get(reverse("agents:search-open-tree", args=[tree.pk]), params)
    assert opened["Location"] == f"{reverse('agents:tree-start', args=[tree.pk])}?{back}"

    page = client.get(opened["Location"]).content.decode()
    back_url = f"{reverse('agents:home')}?{urlencode({'q': '签收', 'kind': 'tree'})}".replace("&", "&amp;")
    assert f'<a href="{back_url}" data-key="b"><kbd>B</kbd> Back to the search results</a>' in page
    assert "B goes back to the search results" in page


def test_a_start_page_not_opened_from_a_search_has_no_back_link(agent, tree):
    page = client_for(agent).get(reverse("agents:tree-start", args=[tree.pk])).content.decode()

    assert "Back to the search results" not in page and 'data-key="b"' not in page


@pytest.mark.parametrize(
    "back", ["https://evil.example/?q=x", "q=签收&next=//evil.example", "kind=nonsense&q=", "%%%", "q=" + "长" * 5000]
)
def test_the_back_link_keeps_only_a_valid_search(agent, tree, back):
    response = client_for(agent).get(reverse("agents:tree-start", args=[tree.pk]), {"back": back})

    page = response.content.decode()
    link = page.partition('<p class="back-link">')[2].partition("</p>")[0]
    assert response.status_code == 200
    assert "evil" not in link and "nonsense" not in link and "next=" not in link
    assert link == "" or link.startswith(f'<a href="{reverse("agents:home")}?q=')
