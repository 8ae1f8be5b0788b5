"""Celery tasks for the consistency checker: thin wrappers around kb.consistency.services."""

from __future__ import annotations

import logging

from celery import Task, shared_task

from kb.consistency import services
from kb.models import Article
from kb.trees.models import QuestionTree

log = logging.getLogger("concord.consistency")


@shared_task
def check_article(article_id: int) -> dict[str, int] | None:
    """After a publish: check the article's live version against the knowledge base. Returns
    quietly if the article is gone or has no live version any more."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return None
    result = services.check_article_conflicts(article=article)
    if result is None:
        return None
    if result.opened or result.reopened or result.resolved:
        log.info("article %s checked: %s", article_id, result.as_dict())
    return result.as_dict()


@shared_task
def check_articles(article_ids: list[int]) -> dict[str, int]:
    """After a bulk import published these articles: check each one, as after a publish."""
    found = opened = 0
    for article in Article.objects.filter(pk__in=article_ids).order_by("pk"):
        result = services.check_article_conflicts(article=article)
        if result is not None:
            found, opened = found + result.found, opened + result.opened
    if opened:
        log.info("%d imported articles checked: %d conflicts, %d new reports", len(article_ids), found, opened)
    return {"found": found, "opened": opened}


@shared_task
def check_tree(tree_id: int) -> dict[str, int] | None:
    """After a tree is published: check its outcomes (quietly nothing if it is gone or unpublished)."""
    tree = QuestionTree.objects.filter(pk=tree_id).first()
    if tree is None:
        return None
    result = services.check_tree_conflicts(tree=tree)
    return result.as_dict() if result is not None else None


@shared_task
def full_scan() -> dict[str, int]:
    """Run by beat: every live text against every other, so reports follow archives, expiries and
    tree changes too."""
    result = services.run_full_scan()
    log.info("consistency full scan: %s", result.as_dict())
    return result.as_dict()


def enqueue_article_check(article_id: int) -> None:
    """Queue the check after an article is published (from transaction.on_commit in kb.services)."""
    _enqueue_quietly(check_article, article_id)


def enqueue_articles_check(article_ids: list[int]) -> None:
    """Queue one check of the articles a bulk import published (it skips the publish service's hook)."""
    _enqueue_quietly(check_articles, sorted(article_ids))


def enqueue_tree_check(tree_id: int) -> None:
    """Queue the check after a tree is published (from transaction.on_commit in kb.trees.services)."""
    _enqueue_quietly(check_tree, tree_id)


def _enqueue_quietly(task: Task, object_id: int | list[int]) -> None:
    # The publish has committed, so broker trouble must not fail it: the periodic scan catches up.
    try:
        task.apply_async(
            args=[object_id],
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1},
        )
    except Exception:
        log.warning("could not queue %s(%s); the full scan will catch up", task.name, object_id, exc_info=True)
