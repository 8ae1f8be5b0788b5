"""Conflict reports: what the consistency checker found between two published texts, and what
reviewers did about it. Imported at the bottom of kb.models so that the kb app (and its
migrations) owns these models. Every write goes through kb.consistency.services.

A report is identified by its pair key (the two texts' references, unordered, plus the kind and
the attribute), so the same contradiction found again updates or reopens the same report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kb.models import Article, Category
from kb.trees.models import QuestionTree


class ConflictKind(models.TextChoices):
    NUMERIC = "numeric", _("Numbers differ")
    UNIT = "unit", _("Units differ")
    POLARITY = "polarity", _("Allowed vs forbidden")
    PROCEDURE = "procedure", _("Channel or step differs")


class ConflictStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    RESOLVED = "resolved", _("Resolved")


class ConflictReport(models.Model):
    pair_key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    attribute = models.CharField(_("about"), max_length=200, blank=True)
    confidence = models.FloatField(_("confidence"))
    explanation_zh = models.TextField(blank=True)
    explanation_en = models.TextField(blank=True)
    # Side A is the reference that sorts first, so either side's check finds the same report.
    # A side is an article (ref = its external id) or a tree outcome (ref = "tree:<external id>#<node id>").
    a_ref = models.CharField(max_length=300)
    a_article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    a_tree = models.ForeignKey(QuestionTree, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    a_node = models.CharField(max_length=100, blank=True)
    a_version = models.PositiveIntegerField(_("version"))
    a_title = models.CharField(max_length=300, blank=True)
    a_category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    a_product = models.CharField(max_length=100, blank=True)
    evidence_a = models.TextField()
    value_a = models.CharField(max_length=200, blank=True)
    b_ref = models.CharField(max_length=300)
    b_article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    b_tree = models.ForeignKey(QuestionTree, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    b_node = models.CharField(max_length=100, blank=True)
    b_version = models.PositiveIntegerField(_("version"))
    b_title = models.CharField(max_length=300, blank=True)
    b_category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    b_product = models.CharField(max_length=100, blank=True)
    evidence_b = models.TextField()
    value_b = models.CharField(max_length=200, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=ConflictStatus.choices, default=ConflictStatus.OPEN, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_conflicts",
    )
    dismissed_reason = models.TextField(_("reason"), blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    first_seen = models.DateTimeField(_("first seen"), db_index=True)
    last_seen = models.DateTimeField(_("last seen"))
    # When the current open period started (first_seen, or the last reopening): the age in the queue.
    opened_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-confidence", "-opened_at", "-id"]
        verbose_name = _("conflict report")
        indexes = [
            models.Index(fields=["status", "a_ref"], name="kb_conflict_status_a"),
            models.Index(fields=["status", "b_ref"], name="kb_conflict_status_b"),
        ]

    def __str__(self) -> str:
        return f"{self.a_ref} ↔ {self.b_ref} ({self.kind})"

    def get_absolute_url(self) -> str:
        return reverse("kb:conflict-detail", kwargs={"conflict_id": self.pk})

    @property
    def explanation(self) -> str:
        """The explanation in the language of the page."""
        language = get_language() or ""
        return self.explanation_en if language.startswith("en") else self.explanation_zh

    @property
    def attribute_label(self) -> str:
        """ "承运商 / 承运商" reads "承运商": a word with no translation is named once. (The stored
        attribute stays as it is: it is part of the report's identity.)"""
        zh, separator, en = self.attribute.partition(" / ")
        return zh if separator and zh == en else self.attribute


class ConflictEvent(models.Model):
    """One step in a report's history. `actor` is None for the checker itself."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Opened")
        DISMISSED = "dismissed", _("Dismissed")
        ASSIGNED = "assigned", _("Assigned")
        RESOLVED = "resolved", _("Resolved")
        REOPENED = "reopened", _("Reopened")

    report = models.ForeignKey(ConflictReport, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    action = models.CharField(max_length=12, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"
