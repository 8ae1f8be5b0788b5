"""Editors keep synonym groups; a search uses a change at once, without reindexing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kb.models import Audience
from search import services as search
from search.models import Synonym
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _titles(query: str) -> list[str]:
    return [hit.title for hit in search.search(query, audience=Audience.INTERNAL).hits]


def test_an_editor_adds_edits_and_deletes_a_group_and_search_follows_without_reindexing(editor, publish):
    article = publish(title="退款到账时间", body="退款三个工作日内到账。")
    search.update_articles([article.pk])
    client = client_for(editor)
    assert _titles("退钱") == []

    response = client.post(reverse("agents:synonym-create"), {"terms": "退款，退钱、refund", "note": "客户常说退钱"})
    synonym = Synonym.objects.get()
    assert response.status_code == 302 and synonym.terms == "退款, 退钱, refund"
    assert _titles("退钱") == ["退款到账时间"]
    assert _titles("refund") == ["退款到账时间"]

    client.post(reverse("agents:synonym-edit", args=[synonym.pk]), {"terms": "退款, 返钱", "note": ""})
    assert _titles("退钱") == [] and _titles("返钱") == ["退款到账时间"]

    client.post(reverse("agents:synonym-delete", args=[synonym.pk]))
    assert not Synonym.objects.exists() and _titles("返钱") == []
    assert "返钱" not in client.get(reverse("agents:synonym-list")).content.decode()


def test_a_group_needs_two_terms(editor):
    response = client_for(editor).post(reverse("agents:synonym-create"), {"terms": "退款", "note": ""})

    assert response.status_code == 400
    assert "Enter two or more terms" in response.content.decode()
    assert not Synonym.objects.exists()


def test_the_list_shows_each_term_and_the_add_form(editor):
    Synonym.objects.create(terms="退款, 退钱, refund")
    page = client_for(editor).get(reverse("agents:synonym-list")).content.decode()

    assert page.count('class="chip term"') == 3
    assert f'action="{reverse("agents:synonym-create")}"' in page


def test_deleting_twice_is_harmless(editor):
    synonym = Synonym.objects.create(terms="a, b")
    client = client_for(editor)
    assert client.post(reverse("agents:synonym-delete", args=[synonym.pk])).status_code == 302
    assert client.post(reverse("agents:synonym-delete", args=[synonym.pk])).status_code == 302


def test_agents_cannot_change_synonyms(agent):
    response = client_for(agent).post(reverse("agents:synonym-create"), {"terms": "a, b"})
    assert response.status_code == 403 and not Synonym.objects.exists()
