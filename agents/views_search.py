"""The agents' search page: one box, results as they type, the chosen article beside them.

The page works as a plain GET form; static/js/search.js adds as-you-type results (the
`search-results` partial), keyboard selection and the reading pane (`article-pane`).
A question tree found by the search opens the tree runner's start page instead."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from agents import selectors as agent_selectors
from agents import services
from agents.forms import KIND_CHOICES, ResultOpenForm, SearchForm, search_back_query
from agents.models import Channel, QueryLog
from agents.views import _require_agent
from kb import roles, selectors
from kb.models import Audience, Category, Language
from kb.trees import selectors as tree_selectors
from search import services as search

PAGE_SIZE = 10
BROWSE_PAGE_SIZE = 20
FILTERS = ("category", "product", "language", "kind")


@login_required
def search_articles(request: HttpRequest) -> HttpResponse:
    _require_agent(request)
    params = SearchForm(request.GET).params()
    return render(request, "agents/search.html", _search_context(request, params))


@login_required
def show_search_results(request: HttpRequest) -> HttpResponse:
    _require_agent(request)
    params = SearchForm(request.GET).params()
    return render(request, "agents/search_results.html", _search_context(request, params))


@login_required
def open_result(request: HttpRequest, pk: int) -> HttpResponse:
    """A result link without the page script: note the click, then show the article."""
    _require_agent(request)
    version = selectors.get_article_for_reader(request.user, pk)
    _record_open(request, pk)
    return redirect(version.article.get_absolute_url())


@login_required
def open_tree_result(request: HttpRequest, tree_id: int) -> HttpResponse:
    """A question tree chosen from the results: note the click, then show its start page."""
    _require_agent(request)
    version = tree_selectors.get_tree_for_runner(request.user, tree_id)
    _record_open(request, None)
    # The start page links back to these results (text and filters), as the pane would keep them.
    back = search_back_query(request.GET.get("back", ""))
    return redirect(version.tree.get_absolute_url() + (f"?{urlencode({'back': back})}" if back else ""))


@login_required
def show_article_pane(request: HttpRequest, pk: int) -> HttpResponse:
    _require_agent(request)
    version = selectors.get_article_for_reader(request.user, pk)
    entry = _record_open(request, pk)
    context = {"version": version, "article": version.article, "log_id": entry.pk if entry else ""}
    return render(request, "agents/article_pane.html", context)


def _record_open(request: HttpRequest, article_id: int | None) -> QueryLog | None:
    form = ResultOpenForm(request.GET)
    if not form.is_valid() or not form.cleaned_data["rank"]:
        return None  # opened from the browse lists, not from a search
    data = form.cleaned_data
    return services.record_result_open(
        log_id=data["log"], query=data["q"] or "", results=data["n"] or 0, role=roles.role_of(request.user),
        article_id=article_id, rank=data["rank"],
    )  # fmt: skip


# --- building the page -------------------------------------------------------------------


def _link(params: dict[str, Any], **changes: Any) -> str:
    merged = {**{k: params[k] for k in ("q", *FILTERS)}, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in ("", None, False)})


def _facets(result: search.SearchResult, params: dict[str, Any]) -> list[dict[str, Any]]:
    titles = {"category": _("Category"), "product": _("Product"), "language": _("Language"), "kind": _("Kind")}
    labels = {"language": dict(Language.choices), "kind": dict(KIND_CHOICES)}
    groups = []
    for name in FILTERS:
        values = [
            {
                "label": labels.get(name, {}).get(v.value, v.label),
                "count": v.count,
                "selected": params[name] == v.value,
                "url": _link(params, **{name: "" if params[name] == v.value else v.value}, log=1),
            }
            for v in result.facets.get(name, [])
        ]
        if values:
            groups.append({"name": name, "title": titles[name], "values": values})
    return groups


def _active_filters(params: dict[str, Any], result: search.SearchResult | None) -> list[dict[str, str | Promise]]:
    names: dict[str, dict[str, str | Promise]] = {"language": dict(Language.choices), "kind": dict(KIND_CHOICES)}
    if result is not None:
        names["category"] = {v.value: v.label for v in result.facets.get("category", [])}
    elif params["category"]:
        names["category"] = dict(Category.objects.filter(slug=params["category"]).values_list("slug", "name"))
    return [
        {"label": names.get(name, {}).get(params[name], params[name]), "url": _link(params, **{name: ""}, log=1)}
        for name in FILTERS
        if params[name]
    ]


def _search_context(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    audience = Audience.INTERNAL if roles.can_read_internal(request.user) else Audience.PUBLIC
    context: dict[str, Any] = {
        "params": params,
        "filter_query": urlencode({k: params[k] for k in FILTERS if params[k]}),
        "hidden_filters": [(k, params[k]) for k in FILTERS if params[k]],
        "active_filters": _active_filters(params, None),
    }
    if not params["q"]:
        return {**context, **_browse_context(request, params)}
    filters = {k: params[k] for k in FILTERS if params[k]}
    result = search.search(params["q"], filters=filters, audience=audience, page=params["page"], page_size=PAGE_SIZE)
    entry = None
    if params["log"] and params["page"] == 1 and result.notice != search.INDEX_UNAVAILABLE:
        entry = services.log_query(
            query=params["q"], results=result.total, role=roles.role_of(request.user), channel=Channel.WEB
        )
    # A result link says which search it came from: the logged one, or its text and size.
    origin: dict[str, str | int] = (
        {"log": entry.pk} if entry else {"q": services.normalize_query(params["q"]), "n": result.total}
    )
    context.update(
        result=result,
        log_id=entry.pk if entry else "",
        open_params=urlencode(origin),
        back_params=urlencode({"back": urlencode({k: params[k] for k in ("q", *FILTERS) if params[k]})}),
        facets=_facets(result, params),
        active_filters=_active_filters(params, result),
        previous_url=_link(params, page=params["page"] - 1) if params["page"] > 1 else "",
        next_url=_link(params, page=params["page"] + 1) if result.has_next else "",
        suggestion_url=_link(params, q=result.suggestion, log=1) if result.suggestion else "",
    )
    if result.notice == search.INDEX_UNAVAILABLE:
        context["categories"] = agent_selectors.browse_categories(request.user)
    return context


def _browse_context(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    """Nothing typed: the newest and most opened articles and the categories; with a
    category (or language, product) chosen, that shelf of articles."""
    narrowed = any(params[k] for k in ("category", "product", "language"))
    if narrowed:
        versions = agent_selectors.browse_versions(
            request.user, category=params["category"], product=params["product"], language=params["language"]
        )
        page = Paginator(versions, BROWSE_PAGE_SIZE).get_page(params["page"])
        return {
            "browse_page": page,
            "previous_url": _link(params, page=page.number - 1) if page.has_previous() else "",
            "next_url": _link(params, page=page.number + 1) if page.has_next() else "",
        }
    return {
        "recent": list(agent_selectors.browse_versions(request.user)[:8]),
        "popular": agent_selectors.popular_versions(request.user),
        "categories": agent_selectors.browse_categories(request.user),
    }
