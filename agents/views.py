"""The agents' pages: find a published article and read it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kb import roles, selectors
from kb.forms import ReadingFilterForm

PAGE_SIZE = 30


def _require_agent(request: HttpRequest) -> None:
    # Portal accounts read public articles through the API only; role-less users see nothing.
    if not roles.has_role(request.user, roles.AGENT):
        raise PermissionDenied


@login_required
def list_articles(request: HttpRequest) -> HttpResponse:
    _require_agent(request)
    form = ReadingFilterForm(request.GET)
    versions = selectors.visible_versions(request.user)
    if form.is_valid():
        if form.cleaned_data["q"]:
            versions = versions.filter(title__icontains=form.cleaned_data["q"])
        if form.cleaned_data["category"]:
            versions = versions.filter(category=form.cleaned_data["category"])
        if form.cleaned_data["language"]:
            versions = versions.filter(language=form.cleaned_data["language"])
    page = Paginator(versions.order_by("-published_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "agents/home.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def show_article(request: HttpRequest, pk: int) -> HttpResponse:
    _require_agent(request)
    version = selectors.get_article_for_reader(request.user, pk)
    return render(request, "agents/article.html", {"version": version, "article": version.article})
