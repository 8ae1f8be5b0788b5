"""Writes for the search UI: query logs and clicks, synonym groups, index jobs.

Query logging policy (issue 4, "close the loop" without flooding the log): a web search is
logged when the agent *means* it — the page's script asks for a log only after 1.5 s without
typing, on Enter, on opening a result, or on a facet choice; the plain form (no script)
always means it. Keystrokes in between are searched but not logged. Later pages of the same
search are never logged again. API searches are logged on their first page."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agents.models import INTERRUPTED, QUEUE_UNREACHABLE, Channel, IndexJob, JobKind, JobState, QueryLog
from kb.errors import ValidationFailed
from search import services as search
from search.models import Synonym

log = logging.getLogger("concord.search")

MAX_LOGGED_CHARS = 200
_SPACES = re.compile(r"\s+")


def normalize_query(text: str) -> str:
    """NFKC (full-width to half-width), lower case, trimmed, inner whitespace collapsed:
    '  Refund　POLICY ' and 'refund policy' count as one query."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return _SPACES.sub(" ", folded).strip()[:MAX_LOGGED_CHARS]


def log_query(*, query: str, results: int, role: str | None, channel: str) -> QueryLog | None:
    """Record one deliberate search; nothing for an empty query."""
    normalized = normalize_query(query)
    if not normalized:
        return None
    return QueryLog.objects.create(query=normalized, results=max(0, results), role=role or "", channel=Channel(channel))


def record_result_open(
    *, log_id: int | None, query: str, results: int, role: str | None, article_id: int | None, rank: int
) -> QueryLog | None:
    """An agent opened result number `rank` of a search: an article (`article_id`) or a
    question tree (None). The search is logged now if it was not yet (the agent opened a
    result before pausing); only the first opened result is kept."""
    entry = QueryLog.objects.filter(pk=log_id).first() if log_id else None
    if entry is None:
        entry = log_query(query=query, results=results, role=role, channel=Channel.WEB)
        if entry is None:
            return None
    # Compare-and-set: two quick opens from one search keep the first.
    QueryLog.objects.filter(pk=entry.pk, clicked_rank=None).update(
        clicked_article_id=article_id, clicked_rank=max(1, rank), clicked_at=timezone.now()
    )
    return entry


# --- synonyms ----------------------------------------------------------------------------


def _checked_terms(terms: str) -> str:
    probe = Synonym(terms=terms)
    listed = probe.term_list()
    if len(listed) < 2:
        raise ValidationFailed(
            _("A synonym group needs at least two terms."),
            fields={"terms": [_("Enter two or more terms separated by commas, e.g. 退款, 退钱, refund.")]},
        )
    return ", ".join(listed)


def create_synonym(*, terms: str, note: str = "") -> Synonym:
    """A new group; searches use it from the next query on (no reindex)."""
    return Synonym.objects.create(terms=_checked_terms(terms), note=note.strip())


def update_synonym(*, synonym: Synonym, terms: str, note: str = "") -> Synonym:
    synonym.terms = _checked_terms(terms)
    synonym.note = note.strip()
    synonym.save(update_fields=["terms", "note", "updated_at"])
    return synonym


def delete_synonym(*, synonym_id: int) -> bool:
    """Idempotent: deleting a group that is already gone is not an error (a double submit)."""
    deleted, _ignored = Synonym.objects.filter(pk=synonym_id).delete()
    return bool(deleted)


# --- index jobs --------------------------------------------------------------------------


def start_index_job(*, kind: str) -> IndexJob:
    """Create the job row and queue its task after the commit. A queued or running job of
    the same kind is returned instead of starting a second one."""
    from agents import tasks  # tasks import this module

    fail_interrupted_index_jobs()
    with transaction.atomic():
        active = (
            IndexJob.objects.select_for_update()
            .filter(kind=kind, state__in=[JobState.QUEUED, JobState.RUNNING])
            .first()
        )
        if active is not None:
            return active
        job = IndexJob.objects.create(kind=JobKind(kind))
        transaction.on_commit(lambda: _enqueue(job.pk, tasks.run_index_job))
    return job


def fail_interrupted_index_jobs() -> int:
    """A job whose worker died (killed, out of memory) stays "running", and a redelivered
    task will not claim it again. The index knows whether a process still holds the job's
    lock: mark jobs nobody runs any more failed, so the admin page stops showing them
    running and a new one can start. Returns how many."""
    interrupted = {"state": JobState.FAILED, "finished_at": timezone.now(), "failure": INTERRUPTED}
    failed = 0
    if not search.reconcile_job_alive():  # a reconcile job holds the lock from before it is claimed
        failed += IndexJob.objects.filter(kind=JobKind.RECONCILE, state=JobState.RUNNING).update(**interrupted)
    status = search.index_status()["rebuild"]
    if status.get("state") != "interrupted":
        return failed
    try:
        # Only jobs that started before the status was last written: a job claimed a
        # moment ago has not written its own "running" yet.
        written = datetime.fromisoformat(status["at"]) + timedelta(seconds=1)
    except (KeyError, TypeError, ValueError):
        return failed
    return failed + IndexJob.objects.filter(
        kind=JobKind.REBUILD, state=JobState.RUNNING, started_at__lte=written
    ).update(**interrupted)


def _enqueue(job_id: int, task: object) -> None:
    try:
        # A reconcile writes to the live index: the one-writer `index` queue. A rebuild
        # fills a fresh directory, so it runs on the default queue (see CELERY_TASK_ROUTES).
        kind = IndexJob.objects.values_list("kind", flat=True).get(pk=job_id)
        queue = "index" if kind == JobKind.RECONCILE else "celery"
        task.apply_async(args=[job_id], queue=queue, retry=True, retry_policy={"max_retries": 2})  # type: ignore[attr-defined]
    except Exception:
        log.warning("could not queue index job %s", job_id, exc_info=True)
        IndexJob.objects.filter(pk=job_id).update(
            state=JobState.FAILED, finished_at=timezone.now(), failure=QUEUE_UNREACHABLE
        )


def run_index_job(*, job: IndexJob) -> IndexJob:
    """Run a queued job in this process, writing progress to its row (about once a second)."""
    if job.kind == JobKind.RECONCILE:
        with search.reconcile_job():
            return _run_claimed(job)
    return _run_claimed(job)  # a rebuild holds its own lock (search.rebuild)


def _run_claimed(job: IndexJob) -> IndexJob:
    claimed = IndexJob.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now()
    )
    if not claimed:  # another worker has it, or it is finished
        return job
    try:
        if job.kind == JobKind.REBUILD:
            count = search.rebuild(progress=_progress_writer(job.pk))
            counts = {"done": count, "total": count}
        else:
            report = search.reconcile()
            repaired = report.updated + report.removed
            counts = {"reindexed": report.updated, "removed": report.removed, "done": repaired, "total": repaired}
    except Exception as error:
        IndexJob.objects.filter(pk=job.pk).update(
            state=JobState.FAILED, finished_at=timezone.now(), failure=repr(error)[:300]
        )
        raise
    IndexJob.objects.filter(pk=job.pk).update(state=JobState.DONE, finished_at=timezone.now(), **counts)
    job.refresh_from_db()
    return job


def _progress_writer(job_id: int) -> Callable[[int, int], None]:
    last = {"at": 0.0}

    def write(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last["at"] >= 1.0 or done == total:
            last["at"] = now
            IndexJob.objects.filter(pk=job_id).update(done=done, total=total)

    return write
