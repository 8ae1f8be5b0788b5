"""The editors' and reviewers' pages. Each view: authorize (kb.selectors), validate (kb.forms),
call a service (kb.services), render or redirect. Domain errors come back as the page they
happened on, with the message, the user's input and the status of kb.errors (400 / 409)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kb import roles, selectors, services
from kb.consistency.selectors import ConflictWarning, find_conflicts_for_candidate
from kb.consistency.sources import doc_for_input, doc_for_version
from kb.diff import DiffRow, diff_texts, diff_versions
from kb.errors import DomainError, EditConflict, ValidationFailed
from kb.forms import (
    ApproveForm,
    ArticleEditForm,
    ArticleForm,
    CompareForm,
    EditorFilterForm,
    PreviewForm,
    RevisionForm,
    SendBackForm,
    parse_tags,
)
from kb.forms_conflicts import ConflictAckForm
from kb.models import Article, ArticleVersion, Category, VersionState
from kb.trees import selectors as tree_selectors

PAGE_SIZE = 50
FIELD_LABELS = {
    "title": gettext_lazy("Title"),
    "summary": gettext_lazy("Summary"),
    "category": gettext_lazy("Category"),
    "tags": gettext_lazy("Tags"),
    "product": gettext_lazy("Product"),
    "language": gettext_lazy("Language"),
    "audience": gettext_lazy("Audience"),
}


def _require_role(request: HttpRequest, role: str) -> None:
    if not roles.has_role(request.user, role):
        raise PermissionDenied


def _add_domain_errors(form: ArticleForm, error: ValidationFailed) -> None:
    form.add_error(None, error.message)
    for name, problems in error.fields.items():
        form.add_error(name if name in form.fields else None, problems)


def _newest_version(article: Article) -> ArticleVersion:
    version = services.open_version(article) or services.published_version(article) or article.versions.first()
    assert version is not None, "create_article always makes version 1"
    return version


def _labelled(changes: list[Any]) -> list[dict[str, Any]]:
    return [{"label": FIELD_LABELS.get(c.name, c.name), "left": c.left, "right": c.right} for c in changes]


def _acknowledged(request: HttpRequest) -> bool:
    """The pre-publish warning's checkbox: go ahead although the text contradicts others."""
    form = ConflictAckForm(request.POST)
    return form.is_valid() and form.cleaned_data["acknowledge_conflicts"]


def _warnings_for_form(article: Article | None, form: ArticleForm) -> list[ConflictWarning]:
    data = form.to_input()
    doc = doc_for_input(
        article=article, title=data.title, body=data.body, language=data.language, category=data.category,
        product=data.product, tags=data.tags, audience=data.audience,
    )  # fmt: skip
    return find_conflicts_for_candidate(doc)


def _render_submit_warning(request: HttpRequest, form: ArticleForm, article: Article | None,
                           warnings: list[ConflictWarning]) -> HttpResponse:  # fmt: skip
    """Nothing is saved: the editor fixes the text or ticks the box and submits again."""
    ack_label = _("I have read these conflicts; submit anyway")
    return _render_form(request, form, article=article, status=409, conflict_warnings=warnings, ack_label=ack_label)


# Editors ------------------------------------------------------------------------------


@login_required
def list_articles(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    form = EditorFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {"q": "", "state": "", "mine": False}
    versions = selectors.list_articles_for_editor(query=filters["q"], state=filters["state"])
    if filters["mine"]:
        user = request.user
        versions = versions.filter(Q(article__owner=user) | Q(created_by=user) | Q(updated_by=user))
    versions = versions.select_related("article__owner")
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "kb/article_list.html", {"form": form, "page": page, "query": query.urlencode()})


def _render_form(
    request: HttpRequest, form: ArticleForm, *, article: Article | None = None, status: int = 200, **extra: Any
) -> HttpResponse:
    body = form["body"].value() or ""
    context = {
        "form": form,
        "article": article,
        "open_version": services.open_version(article) if article else None,
        "preview_body": body,
        "has_categories": Category.objects.exists(),
        **extra,
    }
    return render(request, "kb/article_form.html", context, status=status)


@login_required
def create_article(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    if request.method != "POST":
        # ?title= comes from a knowledge gap on the search analytics page.
        return _render_form(request, ArticleForm(initial={"title": request.GET.get("title", "")[:200]}))
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    if request.POST.get("action") == "submit" and not _acknowledged(request):
        warnings = _warnings_for_form(None, form)
        if warnings:
            return _render_submit_warning(request, form, None, warnings)
    try:
        version = services.create_article(data=form.to_input(), by=roles.acting_user(request))
        if request.POST.get("action") == "submit":
            services.submit_for_review(article=version.article, by=roles.acting_user(request))
    except ValidationFailed as error:
        _add_domain_errors(form, error)
        return _render_form(request, form, status=error.status_code)
    return _after_save(request, version.article, submitted=request.POST.get("action") == "submit")


def _after_save(request: HttpRequest, article: Article, *, submitted: bool) -> HttpResponse:
    if submitted:
        messages.success(request, _("Submitted for review. A reviewer will approve it or send it back."))
        return redirect("kb:article-history", pk=article.pk)
    messages.success(request, _("Draft saved. Agents do not see it until it is published."))
    return redirect("kb:article-edit", pk=article.pk)


@login_required
def edit_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_editor(request.user, pk)
    if request.method != "POST":
        form = ArticleEditForm(initial=ArticleForm.initial_from(_newest_version(article), article))
        return _render_form(request, form, article=article)
    form = ArticleEditForm(request.POST)
    if not form.is_valid():
        return _render_form(request, form, article=article, status=400)
    submitted = request.POST.get("action") == "submit"
    if submitted and not _acknowledged(request):
        warnings = _warnings_for_form(article, form)
        if warnings:
            return _render_submit_warning(request, form, article, warnings)
    try:
        services.save_draft(
            article=article,
            data=form.to_input(),
            by=roles.acting_user(request),
            base_revision=form.cleaned_data["base_revision"],
        )
        if submitted:
            services.submit_for_review(article=article, by=roles.acting_user(request), base_revision=article.revision)
    except EditConflict as conflict:
        return _render_conflict(request, article, conflict)
    except ValidationFailed as error:
        _add_domain_errors(form, error)
        return _render_form(request, form, article=article, status=error.status_code)
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_form(request, form, article=article, status=error.status_code)
    return _after_save(request, article, submitted=submitted)


def _field_change(label: str | Promise, left: str, right: str) -> dict[str, Any]:
    # diff_texts escapes and marks the changed words, the same as for the body.
    rows = diff_texts(left, right)
    return {
        "label": label,
        "left": "<br>".join(r.left for r in rows if r.left),
        "right": "<br>".join(r.right for r in rows if r.right),
    }


def _render_conflict(request: HttpRequest, article: Article, conflict: EditConflict) -> HttpResponse:
    """The losing editor keeps their text, sees the other's and can save again on top of it."""
    data = request.POST.copy()
    data["base_revision"] = str(conflict.current_revision)
    form = ArticleEditForm(data)
    theirs = conflict.current or {}
    mine = {
        "title": data.get("title", ""),
        "summary": data.get("summary", ""),
        "category": data.get("category", ""),
        "tags": ", ".join(sorted(parse_tags(data.get("tags", "")))),
        "product": data.get("product", ""),
        "language": data.get("language", ""),
        "audience": data.get("audience", ""),
    }
    their_fields = {**theirs, "tags": ", ".join(theirs.get("tags", []))}
    changes = [
        _field_change(FIELD_LABELS[name], str(their_fields.get(name, "")), value)
        for name, value in mine.items()
        if str(their_fields.get(name, "")) != value
    ]
    rows: list[DiffRow] = diff_texts(theirs.get("body", ""), data.get("body", ""))
    conflict_context = {"message": conflict.message, "theirs": theirs, "changes": changes, "rows": rows}
    return _render_form(request, form, article=article, status=conflict.status_code, conflict=conflict_context)


@login_required
@require_POST
def preview_markdown(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.EDITOR)
    form = PreviewForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return render(request, "kb/article_form_preview.html", {"preview_body": body})


@login_required
def show_history(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_editor(request.user, pk)
    return _render_history(request, article)


def _render_history(request: HttpRequest, article: Article, *, error: str = "", status: int = 200) -> HttpResponse:
    versions = list(selectors.list_versions(article))
    open_version = next((v for v in versions if v.is_open), None)
    published = next((v for v in versions if v.state == VersionState.PUBLISHED), None)
    compare_to = published if published and published != versions[0] else (versions[1] if len(versions) > 1 else None)
    context = {
        "article": article,
        "versions": versions,
        "current": versions[0],
        "open_version": open_version,
        "published": published,
        "compare_a": compare_to.number if compare_to else versions[0].number,
        "compare_b": versions[0].number,
        "events": article.audit_events.select_related("actor", "version")[:30],
        "error": error,
    }
    return render(request, "kb/article_history.html", context, status=status)


@login_required
def show_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    article = selectors.get_article_for_editor(request.user, pk)
    version = selectors.get_version(article, number)
    context = {"article": article, "version": version, "open_version": services.open_version(article)}
    return render(request, "kb/version_detail.html", context)


@login_required
def compare_versions(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_editor(request.user, pk)
    form = CompareForm(request.GET)
    if not form.is_valid():
        return _render_history(request, article, error=_("Pick two versions to compare."), status=400)
    left = selectors.get_version(article, form.cleaned_data["a"])
    right = selectors.get_version(article, form.cleaned_data["b"])
    changes, rows = diff_versions(left, right)
    context = {"article": article, "left": left, "right": right, "changes": _labelled(changes), "rows": rows}
    return render(request, "kb/article_diff.html", context)


def _run_action(
    request: HttpRequest, article: Article, service: Callable[..., ArticleVersion], *, done: str, **kwargs: Any
) -> HttpResponse:
    """The history page's buttons: one service call guarded by the article's revision."""
    form = RevisionForm(request.POST)
    if not form.is_valid():
        return _render_history(request, article, error=_("The form was incomplete. Please try again."), status=400)
    try:
        version = service(
            article=article, by=roles.acting_user(request), base_revision=form.cleaned_data["base_revision"], **kwargs
        )
    except DomainError as error:
        article.refresh_from_db()
        return _render_history(request, article, error=error.message, status=error.status_code)
    messages.success(request, done % {"n": version.number})
    return redirect("kb:article-history", pk=article.pk)


@login_required
@require_POST
def submit_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_editor(request.user, pk)
    draft = services.open_version(article)
    if draft is not None and draft.state == VersionState.DRAFT and not _acknowledged(request):
        warnings = find_conflicts_for_candidate(doc_for_version(draft))
        if warnings:
            form = ArticleEditForm(initial=ArticleForm.initial_from(draft, article))
            return _render_submit_warning(request, form, article, warnings)
    return _run_action(request, article, services.submit_for_review, done=_("Version %(n)d was submitted for review."))


@login_required
@require_POST
def discard_draft(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_editor(request.user, pk)
    return _run_action(request, article, services.discard_draft, done=_("Version %(n)d was discarded."))


@login_required
@require_POST
def restore_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    article = selectors.get_article_for_editor(request.user, pk)
    old = selectors.get_version(article, number)
    return _run_action(
        request, article, services.rollback_article, to_version=old, done=_("Restored as a new draft, version %(n)d.")
    )


# Reviewers ----------------------------------------------------------------------------


@login_required
def list_review_queue(request: HttpRequest) -> HttpResponse:
    _require_role(request, roles.REVIEWER)
    page = Paginator(selectors.list_review_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    trees = tree_selectors.list_tree_review_queue()
    return render(request, "kb/review_queue.html", {"page": page, "trees": trees})


def _render_review(
    request: HttpRequest,
    article: Article,
    *,
    approve_form: ApproveForm | None = None,
    send_back_form: SendBackForm | None = None,
    status: int = 200,
    error: str = "",
    warnings: list[ConflictWarning] | None = None,
) -> HttpResponse:
    candidate = services.open_version(article)
    if warnings is None:
        warnings = find_conflicts_for_candidate(doc_for_version(candidate)) if candidate is not None else []
    published = services.published_version(article)
    changes: list[dict[str, Any]] = []
    rows: list[DiffRow] = []
    if candidate is not None:
        if published is not None:
            field_changes, rows = diff_versions(published, candidate)
            changes = _labelled(field_changes)
        else:
            rows = diff_texts("", candidate.body)
    initial = {"base_revision": article.revision}
    context = {
        "article": article,
        "candidate": candidate,
        "published": published,
        "changes": changes,
        "rows": rows,
        "approve_form": approve_form or ApproveForm(initial=initial, auto_id="approve_%s"),
        "send_back_form": send_back_form or SendBackForm(initial=initial, auto_id="send_back_%s"),
        "revision_form": RevisionForm(initial=initial, auto_id="archive_%s"),
        "error": error,
        "conflict_warnings": warnings,
        "ack_label": _("I have read these conflicts; publish anyway"),
    }
    return render(request, "kb/article_review.html", context, status=status)


@login_required
def review_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_reviewer(request.user, pk)
    return _render_review(request, article)


@login_required
@require_POST
def publish_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_reviewer(request.user, pk)
    form = ApproveForm(request.POST, auto_id="approve_%s")
    if not form.is_valid():
        return _render_review(request, article, approve_form=form, status=400)
    candidate = services.open_version(article)
    if candidate is not None and not _acknowledged(request):
        warnings = find_conflicts_for_candidate(doc_for_version(candidate))
        if warnings:
            message = _("This version contradicts published texts. Fix it, or tick the box to publish anyway.")
            return _render_review(request, article, approve_form=form, status=409, error=message, warnings=warnings)
    try:
        version = services.publish_article(
            article=article,
            by=roles.acting_user(request),
            comment=form.cleaned_data["comment"],
            base_revision=form.cleaned_data["base_revision"],
        )
    except DomainError as error:
        article.refresh_from_db()
        return _render_review(request, article, error=error.message, status=error.status_code)
    if version.state == VersionState.APPROVED:
        messages.success(request, _("Approved. It will be published at the scheduled time."))
    else:
        messages.success(request, _("Published. Agents see version %(n)d now.") % {"n": version.number})
    return redirect("kb:review-queue")


@login_required
@require_POST
def send_back_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_reviewer(request.user, pk)
    form = SendBackForm(request.POST, auto_id="send_back_%s")
    if not form.is_valid():
        return _render_review(request, article, send_back_form=form, status=400)
    try:
        services.send_back(
            article=article,
            by=roles.acting_user(request),
            comment=form.cleaned_data["comment"],
            base_revision=form.cleaned_data["base_revision"],
        )
    except ValidationFailed as error:
        for name, problems in error.fields.items():
            form.add_error(name if name in form.fields else None, problems)
        return _render_review(request, article, send_back_form=form, status=error.status_code)
    except DomainError as error:
        article.refresh_from_db()
        return _render_review(request, article, error=error.message, status=error.status_code)
    messages.success(request, _("Sent back to the editor with your comment."))
    return redirect("kb:review-queue")


@login_required
@require_POST
def archive_article(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.get_article_for_reviewer(request.user, pk)
    return _run_action(
        request, article, services.archive_article, done=_("Archived. Agents no longer see version %(n)d.")
    )
