"""Every read of the knowledge base that has a rule in it: who may see what."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kb import roles
from kb.models import Article, ArticleVersion, Audience, VersionState


def live_versions() -> QuerySet[ArticleVersion]:
    """Published versions in effect right now (not past their expiry time)."""
    return (
        ArticleVersion.objects.filter(state=VersionState.PUBLISHED)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        .select_related("article", "category")
        .prefetch_related("tags")
    )


def visible_versions(user: roles.User) -> QuerySet[ArticleVersion]:
    """What this user may read: agents see internal and public articles, a portal
    account sees public ones, anybody else nothing."""
    if roles.can_read_internal(user):
        return live_versions()
    if roles.has_role(user, roles.PORTAL):
        return live_versions().filter(audience=Audience.PUBLIC)
    return ArticleVersion.objects.none()


def get_article_for_reader(user: roles.User, article_id: int) -> ArticleVersion:
    """The version of the article this user may read, or 404 (never 403: do not confirm
    that an internal or unpublished article exists)."""
    if roles.role_of(user) is None:
        raise PermissionDenied
    return get_object_or_404(visible_versions(user), article_id=article_id)


def get_article_for_editor(user: roles.User, article_id: int) -> Article:
    if not roles.has_role(user, roles.EDITOR):
        raise PermissionDenied
    return get_object_or_404(Article, pk=article_id)


def get_article_for_reviewer(user: roles.User, article_id: int) -> Article:
    if not roles.has_role(user, roles.REVIEWER):
        raise PermissionDenied
    return get_object_or_404(Article, pk=article_id)


def get_version(article: Article, number: int) -> ArticleVersion:
    try:
        return article.versions.select_related("category", "created_by", "updated_by").get(number=number)
    except ArticleVersion.DoesNotExist:
        raise Http404 from None


def list_versions(article: Article) -> QuerySet[ArticleVersion]:
    return article.versions.select_related("category", "created_by", "updated_by", "reviewed_by").order_by("-number")


def list_review_queue() -> QuerySet[ArticleVersion]:
    return (
        ArticleVersion.objects.filter(state__in=[VersionState.IN_REVIEW, VersionState.APPROVED])
        .select_related("article", "category", "updated_by", "created_by")
        .order_by("updated_at")
    )


def list_articles_for_editor(*, query: str = "", state: str = "") -> QuerySet[ArticleVersion]:
    """The newest version of each article, for the editors' list."""
    newest = ArticleVersion.objects.filter(article=OuterRef("article")).order_by("-number").values("number")[:1]
    latest = ArticleVersion.objects.filter(number=Subquery(newest))
    if query:
        latest = latest.filter(Q(title__icontains=query) | Q(article__external_id=query))
    if state:
        latest = latest.filter(state=state)
    return latest.select_related("article", "category", "updated_by").order_by("-updated_at")
