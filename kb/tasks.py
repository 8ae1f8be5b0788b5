"""Celery tasks for the knowledge base: thin wrappers around services."""

from __future__ import annotations

import logging

from celery import shared_task

from kb import services

log = logging.getLogger("concord.kb")


@shared_task
def apply_schedules() -> dict[str, int]:
    """Run by beat every 30 s: scheduled publishes and expiries happen without a human."""
    done = services.apply_schedules()
    if any(done.values()):
        log.info("schedules applied: %s", done)
    return done
