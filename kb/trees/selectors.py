"""Every read of question trees that has a rule in it: who may run, edit or review which
tree, and which run is whose. Mirrors kb.selectors for articles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from kb import roles
from kb.models import OPEN_STATES, Article, ArticleVersion, Audience, VersionState
from kb.records import GENERATED_ID_PREFIX
from kb.selectors import visible_versions
from kb.trees.models import QuestionTree, TreeRun, TreeVersion


def live_tree_versions() -> QuerySet[TreeVersion]:
    """The published version of every tree that has one."""
    return TreeVersion.objects.filter(state=VersionState.PUBLISHED).select_related("tree", "category")


def visible_tree_versions(user: roles.User) -> QuerySet[TreeVersion]:
    """What this user may run: agents every published tree, a portal account the public
    ones, anybody else nothing."""
    if roles.can_read_internal(user):
        return live_tree_versions()
    if roles.has_role(user, roles.PORTAL):
        return live_tree_versions().filter(audience=Audience.PUBLIC)
    return TreeVersion.objects.none()


def get_tree_for_runner(user: roles.User, tree_id: int) -> TreeVersion:
    """The published version this user may run, or 404 (never 403 for a tree the user may
    not see, so that its existence is not confirmed)."""
    if roles.role_of(user) is None:
        raise PermissionDenied
    return get_object_or_404(visible_tree_versions(user), tree_id=tree_id)


def get_tree_for_editor(user: roles.User, tree_id: int) -> QuestionTree:
    if not roles.has_role(user, roles.EDITOR):
        raise PermissionDenied
    return get_object_or_404(QuestionTree, pk=tree_id)


def get_tree_for_reviewer(user: roles.User, tree_id: int) -> QuestionTree:
    if not roles.has_role(user, roles.REVIEWER):
        raise PermissionDenied
    return get_object_or_404(QuestionTree, pk=tree_id)


def get_run_for_user(user: roles.User, run_id: int) -> TreeRun:
    """A run is its agent's (or channel account's) own: anybody else gets 404."""
    if roles.role_of(user) is None:
        raise PermissionDenied
    runs = TreeRun.objects.select_related("version__tree", "tree")
    return get_object_or_404(runs, pk=run_id, agent_id=user.pk)


def get_resumable_run(user: roles.User, tree: QuestionTree) -> TreeRun | None:
    """The user's latest unfinished run of this tree, whatever version it was started on."""
    if not user.is_authenticated:
        return None
    runs = TreeRun.objects.filter(agent_id=user.pk, tree=tree, finished_at__isnull=True)
    return runs.select_related("version__tree").order_by("-last_active_at", "-id").first()


def open_tree_version(tree: QuestionTree) -> TreeVersion | None:
    return tree.versions.filter(state__in=OPEN_STATES).first()


def published_tree_version(tree: QuestionTree) -> TreeVersion | None:
    return tree.versions.filter(state=VersionState.PUBLISHED).first()


def current_tree_version(tree: QuestionTree) -> TreeVersion:
    """What an editor works on and an export writes: the open version, else the published
    one, else the newest."""
    version = open_tree_version(tree) or published_tree_version(tree) or tree.versions.order_by("-number").first()
    assert version is not None  # a tree always has its first version
    return version


def get_tree_version(tree: QuestionTree, number: int) -> TreeVersion:
    try:
        return tree.versions.select_related("category", "created_by", "updated_by").get(number=number)
    except TreeVersion.DoesNotExist:
        raise Http404 from None


def list_tree_versions(tree: QuestionTree) -> QuerySet[TreeVersion]:
    related = ("tree__owner", "category", "created_by", "updated_by", "reviewed_by", "based_on")
    return tree.versions.select_related(*related).order_by("-number")


def list_trees_for_editor(*, query: str = "", state: str = "") -> QuerySet[TreeVersion]:
    """The newest version of each tree, for the editors' list."""
    newest = TreeVersion.objects.filter(tree=OuterRef("tree")).order_by("-number").values("number")[:1]
    latest = TreeVersion.objects.filter(number=Subquery(newest))
    if query:
        latest = latest.filter(Q(title__icontains=query) | Q(tree__external_id=query))
    if state:
        latest = latest.filter(state=state)
    return latest.select_related("tree", "category", "updated_by").order_by("-updated_at")


def list_tree_review_queue() -> QuerySet[TreeVersion]:
    """Tree versions waiting for a reviewer (submitted, or approved and scheduled), oldest first."""
    return (
        TreeVersion.objects.filter(state__in=[VersionState.IN_REVIEW, VersionState.APPROVED])
        .select_related("tree", "category", "updated_by", "created_by")
        .order_by("updated_at")
    )


def find_linked_articles(
    links: Iterable[int | str], versions: QuerySet[ArticleVersion]
) -> dict[int | str, ArticleVersion]:
    """For each outcome link (an article id, an external id, or the `concord-<id>` name the
    article export gives articles without one) that has a version in `versions`: that version."""
    links = list(dict.fromkeys(links))
    ids = {link for link in links if isinstance(link, int)}
    names = {link for link in links if isinstance(link, str)}
    generated = {int(name.removeprefix(GENERATED_ID_PREFIX)): name for name in names if _is_generated_id(name)}
    found = versions.filter(
        Q(article_id__in=ids)
        | Q(article__external_id__in=names)
        | Q(article_id__in=list(generated), article__external_id__isnull=True)
    )
    by_link: dict[int | str, ArticleVersion] = {}
    for version in found:
        article: Article = version.article
        if article.pk in ids:
            by_link[article.pk] = version
        if article.external_id in names:
            by_link[article.external_id] = version
        if article.external_id is None and article.pk in generated:
            by_link[generated[article.pk]] = version
    return by_link


def _is_generated_id(name: str) -> bool:
    digits = name.removeprefix(GENERATED_ID_PREFIX)
    return name.startswith(GENERATED_ID_PREFIX) and digits.isascii() and digits.isdigit() and len(digits) <= 18


def list_outcome_articles(node: dict[str, Any], user: roles.User) -> list[ArticleVersion]:
    """The articles an outcome links to that this user may read now, in the node's order."""
    links = node.get("articles") or []
    found = find_linked_articles(links, visible_versions(user)) if links else {}
    seen: set[int] = set()
    result = []
    for link in links:
        version = found.get(link)
        if version is not None and version.pk not in seen:
            seen.add(version.pk)
            result.append(version)
    return result


def get_handoff_tree(node: dict[str, Any], user: roles.User) -> TreeVersion | None:
    """The published tree an outcome hands off to, if this user may run it."""
    if node.get("outcome") != "handoff" or not node.get("tree"):
        return None
    return visible_tree_versions(user).filter(tree__external_id=node["tree"]).first()
