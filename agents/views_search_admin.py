"""Editors' and admins' search pages: analytics (what agents look for and do not find),
synonym groups, and the index status with rebuild and reconcile."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agents import selectors, services
from agents.forms import AnalyticsForm, SynonymForm
from agents.models import JobKind
from kb import roles
from kb.errors import ValidationFailed
from search import services as search
from search.models import Synonym


def _require_role(request: HttpRequest, role: str) -> None:
    if not roles.has_role(request.user, role):
        raise PermissionDenied


@login_required
def show_search_analytics(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    form = AnalyticsForm(request.GET)
    days = form.cleaned_data["days"] if form.is_valid() else 7
    analytics = selectors.search_analytics(days=days or 7)
    return render(request, "agents/search_analytics.html", {"analytics": analytics, "days": analytics.days})


@login_required
def list_synonyms(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    return render(request, "agents/synonym_list.html", {"synonyms": selectors.list_synonyms(), "form": SynonymForm()})


def _save_synonym(request: HttpRequest, synonym: Synonym | None) -> HttpResponse:
    form = SynonymForm(request.POST or None, instance=synonym)
    if request.method != "POST":
        return render(request, "agents/synonym_form.html", {"form": form, "synonym": synonym})
    if not form.is_valid():
        return render(request, "agents/synonym_form.html", {"form": form, "synonym": synonym}, status=400)
    data = form.cleaned_data
    try:
        if synonym is None:
            services.create_synonym(terms=data["terms"], note=data["note"])
        else:
            services.update_synonym(synonym=synonym, terms=data["terms"], note=data["note"])
    except ValidationFailed as error:
        for name, problems in error.fields.items():
            for problem in problems:
                form.add_error(name, problem)
        return render(request, "agents/synonym_form.html", {"form": form, "synonym": synonym}, status=400)
    messages.success(request, _("Synonyms saved. Searches use them from now on; no reindexing needed."))
    return redirect("agents:synonym-list")


@login_required
def create_synonym(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    return _save_synonym(request, None)


@login_required
def edit_synonym(request: HttpRequest, synonym_id: int) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    return _save_synonym(request, get_object_or_404(Synonym, pk=synonym_id))


@login_required
@require_POST
def delete_synonym(request: HttpRequest, synonym_id: int) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    if services.delete_synonym(synonym_id=synonym_id):
        messages.success(request, _("Synonym group deleted."))
    return redirect("agents:synonym-list")


def _index_context() -> dict[str, object]:
    services.fail_interrupted_index_jobs()  # the page polls this while a job runs
    status = search.index_status()
    try:
        rebuilt_at = datetime.fromisoformat(status["rebuild"]["at"])
    except (KeyError, TypeError, ValueError):
        rebuilt_at = None
    return {
        "status": status,
        "rebuilt_at": rebuilt_at,
        "rebuild": selectors.latest_index_job(JobKind.REBUILD),
        "reconcile": selectors.latest_index_job(JobKind.RECONCILE),
    }


@login_required
def show_search_index(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.ADMIN)
    return render(request, "agents/search_index.html", _index_context())


@login_required
def show_search_index_status(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.ADMIN)
    return render(request, "agents/search_index_status.html", _index_context())


@login_required
@require_POST
def start_index_job(request: HttpRequest, kind: str) -> HttpResponse:
    _require_role(request, roles.ADMIN)
    if kind not in JobKind.values:
        raise PermissionDenied
    services.start_index_job(kind=kind)
    if kind == JobKind.REBUILD:
        messages.success(request, _("Rebuild started. Agents keep searching the current index until it is done."))
    else:
        messages.success(request, _("Reconcile started: missing, stale and orphan documents will be repaired."))
    return redirect("agents:search-index")
