"""The conflict pages: the reviewers' queue, one report side by side, its actions, and the
dashboard. Editors see the reports assigned to them; agents none. Each view: authorize
(kb.consistency.selectors), validate (kb.forms_conflicts), call a service, render or redirect."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kb import roles
from kb.consistency import selectors, services
from kb.consistency.display import highlight_text
from kb.consistency.models import ConflictKind, ConflictReport, ConflictStatus
from kb.errors import DomainError, ValidationFailed
from kb.forms_conflicts import AssignForm, BulkDismissForm, ConflictFilterForm, DismissForm
from kb.models import ArticleVersion
from kb.trees.models import TreeVersion

PAGE_SIZE = 50


@login_required
def list_conflicts(request: HttpRequest) -> HttpResponse:
    if not selectors.can_see_conflicts(request.user):
        raise PermissionDenied
    return _render_list(request)


def _render_list(request: HttpRequest, *, bulk_form: BulkDismissForm | None = None, status: int = 200) -> HttpResponse:
    form = ConflictFilterForm(request.GET)
    filters = form.filters()
    reports = selectors.list_open_conflicts(request.user, **filters)
    counts = selectors.count_by_kind(reports)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    can_act = selectors.can_act_on_conflicts(request.user)
    selectable = can_act and filters["status"] == ConflictStatus.OPEN  # open reports can be dismissed together
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "total": sum(counts.values()),
        "kind_counts": [(value, label, counts.get(value, 0)) for value, label in ConflictKind.choices],
        "products": selectors.list_conflict_products(),
        "can_act": can_act,
        "statuses": ConflictStatus,
        "bulk_form": (bulk_form or BulkDismissForm(auto_id="bulk_%s")) if selectable else None,
    }
    return render(request, "kb/conflict_list.html", context, status=status)


@login_required
@require_POST
def bulk_dismiss_conflicts(request: HttpRequest) -> HttpResponse:
    """Dismiss the reports ticked in the queue; the filters ride along in the query string."""
    if not selectors.can_act_on_conflicts(request.user):
        raise PermissionDenied
    form = BulkDismissForm(request.POST, auto_id="bulk_%s")
    if not form.is_valid():
        return _render_list(request, bulk_form=form, status=400)
    try:
        count = services.dismiss_conflicts(
            reports=form.cleaned_data["reports"], by=roles.acting_user(request), reason=form.cleaned_data["reason"]
        )
    except ValidationFailed as error:
        for name, problems in error.fields.items():
            form.add_error(name if name in form.fields else None, problems)
        return _render_list(request, bulk_form=form, status=error.status_code)
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_list(request, bulk_form=form, status=error.status_code)
    messages.success(
        request,
        ngettext(
            "Dismissed %(count)d report. It stays dismissed until one of its two texts changes.",
            "Dismissed %(count)d reports. Each stays dismissed until one of its two texts changes.",
            count,
        )
        % {"count": count},
    )
    query = request.GET.urlencode()
    return redirect(reverse("kb:conflict-list") + (f"?{query}" if query else ""))


def _side_text(report: ConflictReport, side: str) -> dict[str, Any]:
    """The stored text of one side at the version the report names, with its evidence marked."""
    article, tree = getattr(report, f"{side}_article"), getattr(report, f"{side}_tree")
    number, evidence = getattr(report, f"{side}_version"), getattr(report, f"evidence_{side}")
    body, language, edit_url, title, state = "", "", "", getattr(report, f"{side}_title"), ""
    if article is not None:
        version = ArticleVersion.objects.filter(article=article, number=number).first()
        if version is not None:
            body, language, title, state = version.body, version.language, version.title, version.get_state_display()
        edit_url = reverse("kb:article-edit", kwargs={"pk": article.pk})
    elif tree is not None:
        tree_version = TreeVersion.objects.filter(tree=tree, number=number).first()
        if tree_version is not None:
            node = tree_version.node(getattr(report, f"{side}_node")) or {}
            body, language, title = str(node.get("resolution") or ""), tree_version.language, tree_version.title
            state = tree_version.get_state_display()
        edit_url = reverse("kb:tree-edit", kwargs={"tree_id": tree.pk})
    return {
        "key": side,
        "ref": getattr(report, f"{side}_ref"),
        "title": title,
        "version": number,
        "state": state,
        "language": language,
        "node": getattr(report, f"{side}_node"),
        "category": getattr(report, f"{side}_category"),
        "product": getattr(report, f"{side}_product"),
        "value": getattr(report, f"value_{side}"),
        "evidence": evidence,
        "html": highlight_text(body or evidence, evidence, language=language, mark_id=f"evidence-{side}"),
        "edit_url": edit_url,
        "is_tree": tree is not None,
    }


def _render_conflict(
    request: HttpRequest,
    report: ConflictReport,
    *,
    dismiss_form: DismissForm | None = None,
    assign_form: AssignForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "report": report,
        "sides": [_side_text(report, "a"), _side_text(report, "b")],
        "events": selectors.list_conflict_events(report),
        "can_act": selectors.can_act_on_conflicts(request.user),
        "dismiss_form": dismiss_form or DismissForm(auto_id="dismiss_%s"),
        "assign_form": assign_form
        or AssignForm(auto_id="assign_%s", initial={"assignee": report.assigned_to_id or None}),
        "error": error,
        "statuses": ConflictStatus,
    }
    return render(request, "kb/conflict_detail.html", context, status=status)


@login_required
def show_conflict(request: HttpRequest, conflict_id: int) -> HttpResponse:
    report = selectors.get_conflict_for_user(request.user, conflict_id)
    return _render_conflict(request, report)


def _reload(request: HttpRequest, conflict_id: int) -> ConflictReport:
    return selectors.get_conflict_for_user(request.user, conflict_id)


@login_required
@require_POST
def dismiss_conflict(request: HttpRequest, conflict_id: int) -> HttpResponse:
    report = selectors.get_conflict_for_reviewer(request.user, conflict_id)
    form = DismissForm(request.POST, auto_id="dismiss_%s")
    if not form.is_valid():
        return _render_conflict(request, _reload(request, conflict_id), dismiss_form=form, status=400)
    try:
        services.dismiss_conflict(report=report, by=roles.acting_user(request), reason=form.cleaned_data["reason"])
    except ValidationFailed as error:
        for name, problems in error.fields.items():
            form.add_error(name if name in form.fields else None, problems)
        return _render_conflict(request, _reload(request, conflict_id), dismiss_form=form, status=error.status_code)
    except DomainError as error:
        return _render_conflict(request, _reload(request, conflict_id), error=error.message, status=error.status_code)
    messages.success(request, _("Dismissed. It stays dismissed until one of the two texts changes."))
    return redirect("kb:conflict-list")


@login_required
@require_POST
def assign_conflict(request: HttpRequest, conflict_id: int) -> HttpResponse:
    report = selectors.get_conflict_for_reviewer(request.user, conflict_id)
    form = AssignForm(request.POST, auto_id="assign_%s")
    if not form.is_valid():
        return _render_conflict(request, _reload(request, conflict_id), assign_form=form, status=400)
    try:
        services.assign_conflict(report=report, assignee=form.cleaned_data["assignee"], by=roles.acting_user(request))
    except ValidationFailed as error:
        for name, problems in error.fields.items():
            form.add_error(name if name in form.fields else None, problems)
        return _render_conflict(request, _reload(request, conflict_id), assign_form=form, status=error.status_code)
    except DomainError as error:
        return _render_conflict(request, _reload(request, conflict_id), error=error.message, status=error.status_code)
    messages.success(request, _("Assigned to %(name)s.") % {"name": form.cleaned_data["assignee"].get_username()})
    return redirect("kb:conflict-detail", conflict_id=conflict_id)


@login_required
@require_POST
def reopen_conflict(request: HttpRequest, conflict_id: int) -> HttpResponse:
    report = selectors.get_conflict_for_reviewer(request.user, conflict_id)
    try:
        services.reopen_conflict(report=report, by=roles.acting_user(request))
    except DomainError as error:
        return _render_conflict(request, _reload(request, conflict_id), error=error.message, status=error.status_code)
    messages.success(request, _("Reopened."))
    return redirect("kb:conflict-detail", conflict_id=conflict_id)


@login_required
def show_conflict_dashboard(request: HttpRequest) -> HttpResponse:
    if not selectors.can_act_on_conflicts(request.user):
        raise PermissionDenied
    dashboard = selectors.conflict_dashboard(days=30)
    labels = dict(ConflictKind.choices)
    by_kind = [(labels.get(kind, kind), count) for kind, count in sorted(dashboard["by_kind"].items())]
    context = {"d": dashboard, "by_kind": by_kind, "mean_to_resolve": _duration(dashboard["mean_time_to_resolve"])}
    return render(request, "kb/conflict_dashboard.html", context)


def _duration(value: timedelta | None) -> str:
    if value is None:
        return "—"
    hours = value.total_seconds() / 3600
    if hours >= 48:
        return ngettext("%(n)d day", "%(n)d days", int(hours // 24)) % {"n": int(hours // 24)}
    if hours >= 1:
        return ngettext("%(n)d hour", "%(n)d hours", round(hours)) % {"n": round(hours)}
    minutes = max(1, round(value.total_seconds() / 60))
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
