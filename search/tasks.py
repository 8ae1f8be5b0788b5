"""Celery tasks for the search index: tiny APIs that take ids and call the seam.

index_articles, index_trees and reconcile_index run on the `index` queue, consumed by one worker with
concurrency 1 (Whoosh allows one writer; see CELERY_TASK_ROUTES). rebuild_index runs on
the default queue: it writes a fresh directory, not the live index, and ends with a
reconcile that picks up whatever changed meanwhile."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import shared_task
from django.db import OperationalError

from search import services
from search.backend import IndexBusy

log = logging.getLogger("concord.search")

RETRYABLE = (IndexBusy, OperationalError, OSError)


@shared_task(
    autoretry_for=RETRYABLE, retry_backoff=1, retry_backoff_max=60, retry_jitter=True, max_retries=12, acks_late=True
)
def index_articles(article_ids: list[int]) -> None:
    """Bring these articles' documents in line with the database (upsert or remove)."""
    services.update_articles(article_ids)


@shared_task(
    autoretry_for=RETRYABLE, retry_backoff=1, retry_backoff_max=60, retry_jitter=True, max_retries=12, acks_late=True
)
def index_trees(tree_ids: list[int]) -> None:
    """Bring these question trees' documents in line with the database (upsert or remove)."""
    services.update_trees(tree_ids)


@shared_task(autoretry_for=RETRYABLE, retry_backoff=5, retry_backoff_max=120, max_retries=5, acks_late=True)
def reconcile_index() -> dict[str, int]:
    """Run by beat every minute: repairs whatever a lost message left behind."""
    report = services.reconcile()
    return {"updated": report.updated, "removed": report.removed}


@shared_task(acks_late=True)
def rebuild_index() -> int:
    """Started from the admin UI; progress is visible through services.index_status()."""
    return services.rebuild()


def enqueue_index_update(article_ids: Iterable[int] = (), *, tree_ids: Iterable[int] = ()) -> None:
    """Queue an index update; called from transaction.on_commit in kb.services and
    kb.trees.services. The write that triggered it has already committed, so broker
    trouble must not fail it: the periodic reconcile catches up with anything not queued here."""
    for task, what, ids in ((index_articles, "articles", article_ids), (index_trees, "trees", tree_ids)):
        ids = sorted(set(ids))
        if not ids:
            continue
        try:
            task.apply_async(
                args=[ids],
                retry=True,
                retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1},
            )
        except Exception:
            log.warning("could not queue a search index update for %s %s; the reconcile will", what, ids, exc_info=True)
