"""Articles in a given state, made through the services, for the API tests to act on."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client

from kb import services
from kb.models import Article, Audience


def send(client: Client, method: str, url: str, data: dict[str, Any] | None = None) -> HttpResponse:
    """A JSON request, the way a channel sends it."""
    if method == "get":
        return client.get(url, data or {})
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def make_article(editor, reviewer, article_input) -> Callable[..., Article]:  # type: ignore[no-untyped-def]
    """make_article(state) -> an article whose version 1 is published and, for "draft" and
    "in_review", an open version 2 in that state. "new" is an unpublished version 1."""

    def make(state: str = "published", audience: str = Audience.PUBLIC, **overrides: Any) -> Article:
        article = services.create_article(data=article_input(audience=audience, **overrides), by=editor).article
        if state != "new":
            services.publish_article(article=article, by=reviewer)
        if state in ("draft", "in_review"):
            data = article_input(audience=audience, **{**overrides, "body": "# 退货\n\n收到商品后 14 天内可以退货。"})
            services.save_draft(article=article, data=data, by=editor, base_revision=None)
        if state == "in_review":
            services.submit_for_review(article=article, by=editor)
        article.refresh_from_db()
        return article

    return make
