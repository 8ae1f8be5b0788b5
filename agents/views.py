"""The agents' pages: read an article (finding it is agents/views_search.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kb import roles, selectors


def _require_agent(request: HttpRequest) -> None:
    # Portal accounts read public articles through the API only; role-less users see nothing.
    if not roles.has_role(request.user, roles.AGENT):
        raise PermissionDenied


@login_required
def show_article(request: HttpRequest, pk: int) -> HttpResponse:
    _require_agent(request)
    version = selectors.get_article_for_reader(request.user, pk)
    return render(request, "agents/article.html", {"version": version, "article": version.article})
