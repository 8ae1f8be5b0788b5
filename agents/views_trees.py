"""The agents' tree runner: pick a published tree, answer one question at a time, reach
an outcome and say whether it resolved the call. Every click is a POST form (keys 1-9 in
static/js/tree_runner.js press the same buttons), recorded through kb.trees.runs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agents.forms import search_back_query
from agents.views import _require_agent
from kb import roles
from kb.errors import DomainError
from kb.trees import runs, selectors
from kb.trees.display import describe_node
from kb.trees.models import TreeRun
from kb.trees.validation import MAX_NODE_ID_CHARS, MAX_OPTIONS, OUTCOME

PAGE_SIZE = 30


class TreeSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Title contains"), required=False, max_length=200)


class ChooseForm(forms.Form):
    option = forms.IntegerField(min_value=1, max_value=MAX_OPTIONS)
    # The node the page showed: a second click from a stale page is refused, not recorded.
    node = forms.CharField(max_length=MAX_NODE_ID_CHARS, strip=False)


class FinishForm(forms.Form):
    resolved = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no")])


@login_required
def list_trees(request: HttpRequest) -> HttpResponse:
    _require_agent(request)
    form = TreeSearchForm(request.GET)
    versions = selectors.visible_tree_versions(request.user)
    if form.is_valid() and form.cleaned_data["q"]:
        versions = versions.filter(title__icontains=form.cleaned_data["q"])
    page = Paginator(versions.order_by("title", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(version, selectors.get_resumable_run(request.user, version.tree)) for version in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "agents/tree_list.html", {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    )


@login_required
def show_tree(request: HttpRequest, tree_id: int) -> HttpResponse:
    _require_agent(request)
    version = selectors.get_tree_for_runner(request.user, tree_id)
    resume = selectors.get_resumable_run(request.user, version.tree)
    questions = sum(node["type"] != OUTCOME for node in version.graph.get("nodes", []))
    back = search_back_query(request.GET.get("back", ""))
    back_url = f"{reverse('agents:home')}?{back}" if back else ""
    context = {"version": version, "resume": resume, "questions": questions, "back_url": back_url}
    return render(request, "agents/tree_start.html", context)


@login_required
@require_POST
def start_run(request: HttpRequest, tree_id: int) -> HttpResponse:
    _require_agent(request)
    version = selectors.get_tree_for_runner(request.user, tree_id)
    try:
        run = runs.start_tree_run(version=version, by=roles.acting_user(request))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("agents:tree-start", tree_id=tree_id)
    return redirect("agents:tree-run", run_id=run.pk)


def _render_run(request: HttpRequest, run: TreeRun, *, error: str = "", status: int = 200) -> HttpResponse:
    path = []
    for step in runs.run_path(run):
        node = run.version.node(step.node_id) or {}
        path.append({"step": step, "prompt": node.get("prompt", "")})
    context = {
        "run": run,
        "version": run.version,
        "node": describe_node(run, request, article_bodies=True),
        "status": runs.run_status(run),
        "path": path,
        "newer": selectors.published_tree_version(run.tree),
        "error": error,
    }
    return render(request, "agents/tree_run.html", context, status=status)


@login_required
def show_run(request: HttpRequest, run_id: int) -> HttpResponse:
    _require_agent(request)
    return _render_run(request, selectors.get_run_for_user(request.user, run_id))


def _moved_on(request: HttpRequest, run: TreeRun, error: DomainError) -> HttpResponse:
    """A stale page (a second tab, a double click): say so and show where the run is now."""
    messages.warning(request, error.message)
    return redirect("agents:tree-run", run_id=run.pk)


@login_required
@require_POST
def choose_option(request: HttpRequest, run_id: int) -> HttpResponse:
    _require_agent(request)
    run = selectors.get_run_for_user(request.user, run_id)
    form = ChooseForm(request.POST)
    if not form.is_valid():
        return _render_run(request, run, error=_("Choose one of the answers below."), status=400)
    try:
        runs.record_tree_step(
            run=run,
            option=form.cleaned_data["option"],
            by=roles.acting_user(request),
            at_node=form.cleaned_data["node"],
        )
    except DomainError as error:
        if error.status_code == 409:
            return _moved_on(request, run, error)
        message = " ".join(m for messages_ in error.fields.values() for m in messages_) or error.message
        return _render_run(request, run, error=message, status=error.status_code)
    return redirect("agents:tree-run", run_id=run.pk)


@login_required
@require_POST
def go_back(request: HttpRequest, run_id: int) -> HttpResponse:
    _require_agent(request)
    run = selectors.get_run_for_user(request.user, run_id)
    try:
        runs.undo_tree_step(run=run, by=roles.acting_user(request))
    except DomainError as error:
        return _moved_on(request, run, error)
    return redirect("agents:tree-run", run_id=run.pk)


@login_required
@require_POST
def restart_run(request: HttpRequest, run_id: int) -> HttpResponse:
    _require_agent(request)
    run = selectors.get_run_for_user(request.user, run_id)
    try:
        runs.restart_tree_run(run=run, by=roles.acting_user(request))
    except DomainError as error:
        return _moved_on(request, run, error)
    return redirect("agents:tree-run", run_id=run.pk)


@login_required
@require_POST
def finish_run(request: HttpRequest, run_id: int) -> HttpResponse:
    _require_agent(request)
    run = selectors.get_run_for_user(request.user, run_id)
    form = FinishForm(request.POST)
    if not form.is_valid():
        return _render_run(request, run, error=_("Answer yes or no."), status=400)
    try:
        runs.finish_tree_run(run=run, resolved=form.cleaned_data["resolved"] == "yes", by=roles.acting_user(request))
    except DomainError as error:
        return _moved_on(request, run, error)
    messages.success(request, _("Thank you. The run is recorded."))
    return redirect("agents:tree-run", run_id=run.pk)
