"""The admin page's index jobs as Celery tasks: they take a job id, re-fetch it and return
quietly if it is gone or already claimed (STYLE rule 8)."""

from __future__ import annotations

from celery import shared_task

from agents import services
from agents.models import IndexJob


@shared_task(acks_late=True)
def run_index_job(job_id: int) -> str:
    """Rebuild or reconcile the search index for a job started from the admin page."""
    job = IndexJob.objects.filter(pk=job_id).first()
    if job is None:
        return "gone"
    return services.run_index_job(job=job).state
