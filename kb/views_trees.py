"""The editors' and reviewers' pages for question trees, in the shape of kb.views: each view
authorizes (kb.trees.selectors), reads the form (kb.forms_trees), calls a service
(kb.trees.services) and renders or redirects. The editor is one form over the whole graph;
every button (save, add a node, move an option...) posts it, so nothing typed is lost."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kb import roles
from kb.errors import DomainError, EditConflict, ValidationFailed
from kb.forms import ApproveForm, CompareForm, RevisionForm, SendBackForm
from kb.forms_trees import (
    MARKDOWN_FIELD,
    NEW_OUTCOME,
    NEW_QUESTION,
    AnalyticsForm,
    TreeCreateForm,
    TreeDetailsForm,
    TreeEditForm,
    TreeFilterForm,
    TreeImportForm,
    apply_edit,
    graph_from_post,
)
from kb.markdown import markdown_to_text
from kb.models import Category, VersionState
from kb.trees import selectors, services, transfer
from kb.trees.analytics import compute_tree_analytics
from kb.trees.diff import diff_tree_versions
from kb.trees.display import compare_graphs, layout_diagram
from kb.trees.models import QuestionTree, TreeVersion
from kb.trees.validation import ERROR, QUESTION, Problem, validate_graph

PAGE_SIZE = 50
MAX_IMPORT_BYTES = 5 * 1024 * 1024
STARTER_GRAPH = {"start": "question-1", "nodes": [{"id": "question-1", "type": QUESTION, "prompt": "", "options": []}]}


def _require_role(request: HttpRequest, role: str) -> None:
    if not roles.has_role(request.user, role):
        raise PermissionDenied


def _add_domain_errors(form: TreeDetailsForm, error: ValidationFailed) -> None:
    """Field errors go next to their field; graph errors are shown at their node instead."""
    form.add_error(None, error.message)
    for name, problems in error.fields.items():
        if name in form.fields:
            form.add_error(name, problems)
        elif not name.startswith("graph"):
            form.add_error(None, problems)


def _editor_nodes(graph: dict[str, Any], problems: list[Problem]) -> list[dict[str, Any]]:
    """The nodes as the editor draws them, each with its own problems beside it."""
    by_node: dict[str | None, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_node[problem.node_id].append(problem)
    ids = [n.get("id") for n in graph.get("nodes", []) if isinstance(n, dict)]
    result = []
    for index, node in enumerate(n for n in graph.get("nodes", []) if isinstance(n, dict)):
        mine = by_node.get(node.get("id"), [])
        options = []
        for number, option in enumerate(node.get("options") or [], start=1):
            where = f"options.{number}."
            options.append(
                {
                    "index": number - 1,
                    "number": number,
                    "label": option.get("label", ""),
                    "next": option.get("next", ""),
                    "missing": bool(option.get("next")) and option.get("next") not in ids,
                    "problems": [p for p in mine if p.field.startswith(where)],
                }
            )
        links = node.get("articles") or []
        result.append(
            {
                "index": index,
                "node": node,
                "articles": ", ".join(str(link) for link in links) if isinstance(links, list) else "",
                "options": options,
                "problems": [p for p in mine if not p.field.startswith("options.")],
                "severity": "error" if any(p.severity == ERROR for p in mine) else ("warning" if mine else ""),
            }
        )
    return result


def _targets(graph: dict[str, Any]) -> list[dict[str, str]]:
    """What an option's target select offers: every node, with a few words of its text."""
    targets = []
    for node in graph.get("nodes", []):
        if isinstance(node, dict) and node.get("id"):
            text = markdown_to_text(str(node.get("prompt") or node.get("resolution") or ""))
            targets.append({"id": node["id"], "type": node.get("type", ""), "text": text[:40]})
    return targets


def _diagram_context(graph: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    errors = sum(p.severity == ERROR for p in problems)
    return {
        "diagram": layout_diagram(graph, problems),
        "error_count": errors,
        "warning_count": len(problems) - errors,
        "link_nodes": True,
    }


def _render_editor(
    request: HttpRequest,
    tree: QuestionTree,
    form: TreeEditForm,
    graph: dict[str, Any],
    *,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    problems = validate_graph(graph)
    context = {
        "tree": tree,
        "form": form,
        "graph": graph,
        "open_version": selectors.open_tree_version(tree),
        "nodes": _editor_nodes(graph, problems),
        "graph_problems": [p for p in problems if p.node_id is None],
        "targets": _targets(graph),
        "new_question": NEW_QUESTION,
        "new_outcome": NEW_OUTCOME,
        **_diagram_context(graph, problems),
        **extra,
    }
    return render(request, "kb/tree_form.html", context, status=status)


# Editors ------------------------------------------------------------------------------


@login_required
def list_trees(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    form = TreeFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {"q": "", "state": ""}
    versions = selectors.list_trees_for_editor(query=filters["q"], state=filters["state"])
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "kb/tree_list.html", {"form": form, "page": page, "query": query.urlencode()})


@login_required
def create_tree(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    context: dict[str, Any] = {"has_categories": Category.objects.exists()}
    if request.method != "POST":
        return render(request, "kb/tree_create.html", {**context, "form": TreeCreateForm()})
    form = TreeCreateForm(request.POST)
    if not form.is_valid():
        return render(request, "kb/tree_create.html", {**context, "form": form}, status=400)
    try:
        version = services.create_tree(
            data=form.to_input(STARTER_GRAPH),
            by=roles.acting_user(request),
            external_id=form.cleaned_data["external_id"],
        )
    except ValidationFailed as error:
        _add_domain_errors(form, error)
        return render(request, "kb/tree_create.html", {**context, "form": form}, status=error.status_code)
    messages.success(request, _("Tree created. Add its questions and outcomes below."))
    return redirect("kb:tree-edit", tree_id=version.tree_id)


@login_required
def edit_tree(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_editor(request.user, tree_id)
    if request.method != "POST":
        version = selectors.current_tree_version(tree)
        form = TreeEditForm(initial=TreeDetailsForm.initial_from(version))
        return _render_editor(request, tree, form, version.graph)
    form = TreeEditForm(request.POST)
    graph = graph_from_post(request.POST)
    action = request.POST.get("action", "save")
    focus = apply_edit(graph, action)
    if not form.is_valid():
        return _render_editor(request, tree, form, graph, status=400)
    try:
        services.save_tree_draft(
            tree=tree,
            data=form.to_input(graph),
            by=roles.acting_user(request),
            base_revision=form.cleaned_data["base_revision"],
        )
    except EditConflict as conflict:
        return _render_conflict(request, tree, form, graph, conflict)
    except ValidationFailed as error:
        _add_domain_errors(form, error)
        return _render_editor(request, tree, form, graph, status=error.status_code)
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_editor(request, tree, form, graph, status=error.status_code)
    if action == "submit":
        return _submit_after_save(request, tree)
    if action == "save":
        messages.success(request, _("Draft saved. Agents do not see it until it is published."))
    anchor = f"#node-{focus}" if focus is not None else ""
    return redirect(reverse("kb:tree-edit", kwargs={"tree_id": tree.pk}) + anchor)


def _submit_after_save(request: HttpRequest, tree: QuestionTree) -> HttpResponse:
    try:
        services.submit_tree(tree=tree, by=roles.acting_user(request), base_revision=tree.revision)
    except DomainError as error:
        # The draft is saved; the editor page shows each problem at its node.
        messages.error(request, _("The draft is saved, but not submitted: %(reason)s") % {"reason": error.message})
        return redirect("kb:tree-edit", tree_id=tree.pk)
    messages.success(request, _("Submitted for review. A reviewer will publish it or send it back."))
    return redirect("kb:tree-history", tree_id=tree.pk)


def _render_conflict(
    request: HttpRequest, tree: QuestionTree, form: TreeEditForm, graph: dict[str, Any], conflict: EditConflict
) -> HttpResponse:
    """The losing editor keeps their graph, sees which nodes differ from the saved one, and
    can save again on top of it."""
    data = request.POST.copy()
    data["base_revision"] = str(conflict.current_revision)
    form = TreeEditForm(data)
    form.is_valid()
    theirs = conflict.current or {}
    their_graph = theirs.get("graph") or {}
    context = {
        "message": conflict.message,
        "theirs": theirs,
        "changes": compare_graphs(their_graph, graph),
        "diagram": layout_diagram(their_graph, validate_graph(their_graph, check_links=False)),
    }
    return _render_editor(request, tree, form, graph, status=conflict.status_code, conflict=context)


@login_required
@require_POST
def preview_tree_diagram(request: HttpRequest, tree_id: int) -> HttpResponse:
    selectors.get_tree_for_editor(request.user, tree_id)
    graph = graph_from_post(request.POST)
    problems = validate_graph(graph)
    return render(request, "kb/tree_diagram_panel.html", _diagram_context(graph, problems))


@login_required
@require_POST
def preview_tree_text(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    text = next((value for key, value in request.POST.items() if MARKDOWN_FIELD.match(key)), "")
    return render(request, "kb/tree_preview.html", {"text": text})


@login_required
def show_tree_history(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_editor(request.user, tree_id)
    return _render_history(request, tree)


def _render_history(request: HttpRequest, tree: QuestionTree, *, error: str = "", status: int = 200) -> HttpResponse:
    versions = list(selectors.list_tree_versions(tree))
    published = next((v for v in versions if v.state == VersionState.PUBLISHED), None)
    compare_to = published if published and published != versions[0] else (versions[1] if len(versions) > 1 else None)
    context = {
        "tree": tree,
        "versions": versions,
        "current": versions[0],
        "open_version": next((v for v in versions if v.is_open), None),
        "published": published,
        "compare_a": compare_to.number if compare_to else versions[0].number,
        "compare_b": versions[0].number,
        "events": tree.audit_events.select_related("actor")[:30],
        "error": error,
    }
    return render(request, "kb/tree_history.html", context, status=status)


@login_required
def show_tree_version(request: HttpRequest, tree_id: int, number: int) -> HttpResponse:
    tree = selectors.get_tree_for_editor(request.user, tree_id)
    version = selectors.get_tree_version(tree, number)
    problems = validate_graph(version.graph)
    previous = version.based_on
    context = {
        "tree": tree,
        "version": version,
        "open_version": selectors.open_tree_version(tree),
        "previous": previous,
        "changes": compare_graphs(previous.graph if previous else None, version.graph),
        "problems": problems,
        **_diagram_context(version.graph, problems),
        "link_nodes": True,
    }
    return render(request, "kb/tree_version.html", context)


@login_required
def compare_tree_versions(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_editor(request.user, tree_id)
    form = CompareForm(request.GET)
    if not form.is_valid():
        return _render_history(request, tree, error=_("Pick two versions to compare."), status=400)
    left = selectors.get_tree_version(tree, form.cleaned_data["a"])
    right = selectors.get_tree_version(tree, form.cleaned_data["b"])
    context = {
        "tree": tree,
        "left": left,
        "right": right,
        "diff": diff_tree_versions(left, right),
        "left_diagram": layout_diagram(left.graph),
        "right_diagram": layout_diagram(right.graph),
    }
    return render(request, "kb/tree_diff.html", context)


def _run_action(
    request: HttpRequest, tree: QuestionTree, service: Callable[..., TreeVersion], *, done: str, **kwargs: Any
) -> HttpResponse:
    """The history page's buttons: one service call guarded by the tree's revision."""
    form = RevisionForm(request.POST)
    if not form.is_valid():
        return _render_history(request, tree, error=_("The form was incomplete. Please try again."), status=400)
    try:
        version = service(
            tree=tree, by=roles.acting_user(request), base_revision=form.cleaned_data["base_revision"], **kwargs
        )
    except DomainError as error:
        tree.refresh_from_db()
        return _render_history(request, tree, error=error.message, status=error.status_code)
    messages.success(request, done % {"n": version.number})
    return redirect("kb:tree-history", tree_id=tree.pk)


@login_required
@require_POST
def submit_tree(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_editor(request.user, tree_id)
    return _run_action(request, tree, services.submit_tree, done=_("Version %(n)d was submitted for review."))


@login_required
@require_POST
def discard_tree_draft(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_editor(request.user, tree_id)
    return _run_action(request, tree, services.discard_tree_draft, done=_("Version %(n)d was discarded."))


@login_required
@require_POST
def restore_tree_version(request: HttpRequest, tree_id: int, number: int) -> HttpResponse:
    tree = selectors.get_tree_for_editor(request.user, tree_id)
    old = selectors.get_tree_version(tree, number)
    return _run_action(
        request, tree, services.rollback_tree, to_version=old, done=_("Restored as a new draft, version %(n)d.")
    )


@login_required
def show_tree_analytics(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_editor(request.user, tree_id)
    form = AnalyticsForm(request.GET)
    number = form.cleaned_data["version"] if form.is_valid() else None
    versions = list(tree.versions.order_by("-number"))
    if number:
        version = selectors.get_tree_version(tree, number)
    else:
        version = selectors.published_tree_version(tree) or versions[0]
    result = compute_tree_analytics(version=version)
    nodes = {n["id"]: n for n in version.graph.get("nodes", [])}
    context = {
        "tree": tree,
        "version": version,
        "versions": versions,
        "result": result,
        "resolved_percent": round(result.resolved_rate * 100) if result.resolved_rate is not None else None,
        "median": _duration(result.median_seconds_to_outcome),
        "abandoned_at": [(node_id, count, nodes.get(node_id)) for node_id, count in result.abandoned_at.items()],
        "outcomes": [(node_id, count, nodes.get(node_id)) for node_id, count in result.outcomes.items()],
        "dead": [node_id for node_id, count in result.node_visits.items() if count == 0],
        "diagram": layout_diagram(version.graph, None, result),
    }
    return render(request, "kb/tree_analytics.html", context)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = round(seconds)
    if whole < 60:
        return _("%(s)d s") % {"s": whole}
    minutes, whole = divmod(whole, 60)
    if minutes < 60:
        return _("%(m)d min %(s)d s") % {"m": minutes, "s": whole}
    return _("%(h)d h %(m)d min") % {"h": minutes // 60, "m": minutes % 60}


@login_required
def export_trees(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    response = HttpResponse(transfer.dump_trees(transfer.export_trees()), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="concord-trees.json"'
    return response


@login_required
def import_trees(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    if request.method != "POST":
        return render(request, "kb/tree_import.html", {"form": TreeImportForm()})
    form = TreeImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "kb/tree_import.html", {"form": form}, status=400)
    publish = form.cleaned_data["publish"]
    if publish and not roles.has_role(request.user, roles.REVIEWER):
        form.add_error("publish", _("Only reviewers may publish."))
        return render(request, "kb/tree_import.html", {"form": form}, status=403)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationFailed(_("The file is larger than 5 MB."))
        text = upload.read().decode("utf-8-sig")
        summary = transfer.import_trees(text, publish=publish, by=roles.acting_user(request))
    except UnicodeDecodeError:
        form.add_error("file", _("The file is not UTF-8 text."))
        return render(request, "kb/tree_import.html", {"form": form}, status=400)
    except ValidationFailed as error:
        form.add_error("file", error.message)
        return render(request, "kb/tree_import.html", {"form": form}, status=400)
    status = 400 if summary.failed else 200
    return render(request, "kb/tree_import.html", {"form": TreeImportForm(), "summary": summary}, status=status)


# Reviewers ----------------------------------------------------------------------------


def _render_review(
    request: HttpRequest,
    tree: QuestionTree,
    *,
    approve_form: ApproveForm | None = None,
    send_back_form: SendBackForm | None = None,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    candidate = selectors.open_tree_version(tree)
    published = selectors.published_tree_version(tree)
    shown = candidate or published or selectors.current_tree_version(tree)
    problems = validate_graph(shown.graph)
    initial = {"base_revision": tree.revision}
    context = {
        "tree": tree,
        "candidate": candidate,
        "published": published,
        "shown": shown,
        "changes": compare_graphs(published.graph if published else None, candidate.graph) if candidate else [],
        "problems": problems,
        **_diagram_context(shown.graph, problems),
        "approve_form": approve_form or ApproveForm(initial=initial, auto_id="approve_%s"),
        "send_back_form": send_back_form or SendBackForm(initial=initial, auto_id="send_back_%s"),
        "revision_form": RevisionForm(initial=initial, auto_id="archive_%s"),
        "error": error,
    }
    return render(request, "kb/tree_review.html", context, status=status)


@login_required
def review_tree(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_reviewer(request.user, tree_id)
    return _render_review(request, tree)


@login_required
@require_POST
def publish_tree(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_reviewer(request.user, tree_id)
    form = ApproveForm(request.POST, auto_id="approve_%s")
    if not form.is_valid():
        return _render_review(request, tree, approve_form=form, status=400)
    try:
        version = services.publish_tree(
            tree=tree,
            by=roles.acting_user(request),
            comment=form.cleaned_data["comment"],
            base_revision=form.cleaned_data["base_revision"],
        )
    except DomainError as error:
        tree.refresh_from_db()
        return _render_review(request, tree, error=error.message, status=error.status_code)
    messages.success(request, _("Published. Agents run version %(n)d from now on.") % {"n": version.number})
    return redirect("kb:tree-history", tree_id=tree.pk)


@login_required
@require_POST
def send_back_tree(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_reviewer(request.user, tree_id)
    form = SendBackForm(request.POST, auto_id="send_back_%s")
    if not form.is_valid():
        return _render_review(request, tree, send_back_form=form, status=400)
    try:
        services.send_back_tree(
            tree=tree,
            by=roles.acting_user(request),
            comment=form.cleaned_data["comment"],
            base_revision=form.cleaned_data["base_revision"],
        )
    except DomainError as error:
        tree.refresh_from_db()
        return _render_review(request, tree, error=error.message, status=error.status_code)
    messages.success(request, _("Sent back to the editor with your comment."))
    return redirect("kb:tree-history", tree_id=tree.pk)


@login_required
@require_POST
def archive_tree(request: HttpRequest, tree_id: int) -> HttpResponse:
    tree = selectors.get_tree_for_reviewer(request.user, tree_id)
    return _run_action(request, tree, services.archive_tree, done=_("Archived. Agents no longer see version %(n)d."))
