"""What agents' searches leave behind: one row per deliberate query (analytics) and one row
per index job an admin starts from the UI (rebuild, reconcile) with its progress.

Privacy: a QueryLog row holds the normalized query text, the number of results, the role
and channel of whoever searched, and the first result opened from it. No user id, session
or address is stored: the analytics need "what do agents look for and find", not "who"."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    API = "api", _("API")


class QueryLog(models.Model):
    query = models.CharField(_("query"), max_length=200, db_index=True)
    results = models.PositiveIntegerField(_("results"))
    role = models.CharField(_("role"), max_length=20)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    at = models.DateTimeField(_("searched at"), default=timezone.now, db_index=True)
    # The first result opened from this search (later ones say nothing new about it): its
    # rank and time, and its id if it was an article (a question tree leaves it empty).
    clicked_article_id = models.BigIntegerField(_("opened article"), null=True, blank=True)
    clicked_rank = models.PositiveIntegerField(_("rank of the opened result"), null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self) -> str:
        return self.query


class JobKind(models.TextChoices):
    REBUILD = "rebuild", _("Rebuild")
    RECONCILE = "reconcile", _("Reconcile")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


INTERRUPTED = "interrupted"
QUEUE_UNREACHABLE = "queue-unreachable"
FAILURE_REASONS = {
    INTERRUPTED: _("Interrupted: the worker stopped while the job ran."),
    QUEUE_UNREACHABLE: _("The task queue could not be reached."),
}


class IndexJob(models.Model):
    """A rebuild or reconcile started from the admin page. The Celery task writes its
    progress here, so any web process can show it."""

    kind = models.CharField(max_length=10, choices=JobKind.choices)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    reindexed = models.PositiveIntegerField(default=0)  # a reconcile's repairs
    removed = models.PositiveIntegerField(default=0)
    # Why a job failed: one of FAILURE_REASONS, or the error itself (a technical detail, kept as raised)
    failure = models.CharField(max_length=300, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk} ({self.state})"

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def summary(self) -> str:
        """What came of the job, in the reader's language ("" while it runs, or after a rebuild,
        whose count the progress bar already shows)."""
        if self.state == JobState.FAILED:
            reason = FAILURE_REASONS.get(self.failure)
            return str(reason) if reason else _("Error: %(error)s") % {"error": self.failure}
        if self.state == JobState.DONE and self.kind == JobKind.RECONCILE:
            return _("%(reindexed)d re-indexed, %(removed)d removed") % {
                "reindexed": self.reindexed,
                "removed": self.removed,
            }
        return ""

    @property
    def is_active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)
