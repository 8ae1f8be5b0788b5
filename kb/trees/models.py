"""Question trees are versioned exactly like articles: a QuestionTree is the stable identity,
its content lives in TreeVersions (one graph each), and the same two database constraints
hold (at most one open and at most one published version per tree). A TreeRun is one walk
through one version by one user; its TreeRunSteps are the choices made, in order.

Imported at the bottom of kb.models so that the kb app (and its migrations) owns these
models. Every write goes through kb.trees.services and kb.trees.runs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kb.models import OPEN_STATES, Audience, Category, Language, VersionState

MAX_NODE_ID_CHARS = 100


class QuestionTree(models.Model):
    external_id = models.CharField(_("external ID"), max_length=100, unique=True, null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_trees",
    )
    # Optimistic lock, as Article.revision: every write bumps it (kb.services.claim_revision).
    revision = models.PositiveIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("question tree")

    def __str__(self) -> str:
        return f"Tree {self.pk}"

    def get_absolute_url(self) -> str:
        """The agents' start page (the runner)."""
        return reverse("agents:tree-start", kwargs={"tree_id": self.pk})


class TreeVersion(models.Model):
    tree = models.ForeignKey(QuestionTree, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, default=Language.ZH_HANS)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices, default=Audience.INTERNAL)
    # What the tree is about, as on articles: the consistency checker compares its answers with that product's texts
    product = models.CharField(_("product"), max_length=100, blank=True)
    change_note = models.CharField(_("change note"), max_length=500, blank=True)
    # The whole graph in the canonical form of kb.trees.validation.normalize_graph (see SCHEMA.md).
    graph = models.JSONField(_("graph"), default=dict)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["tree", "-number"]
        verbose_name = _("question tree version")
        constraints = [
            models.UniqueConstraint(fields=["tree", "number"], name="tree_version_number_unique"),
            models.UniqueConstraint(fields=["tree"], condition=Q(state="published"), name="one_published_tree_version"),
            models.UniqueConstraint(
                fields=["tree"],
                condition=Q(state__in=["draft", "in_review", "approved"]),
                name="one_open_tree_version",
            ),
        ]
        indexes = [models.Index(fields=["state", "language"], name="kb_treeversion_state_lang")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def node(self, node_id: str | None) -> dict[str, Any] | None:
        """The graph's node with this id, or None."""
        for node in self.graph.get("nodes", []):
            if node.get("id") == node_id:
                return node
        return None


class RunChannel(models.TextChoices):
    WEB = "web", _("Web runner")
    API = "api", _("API")


class TreeRun(models.Model):
    """One walk through one tree version. It stays on that version to the end, even if a
    newer version is published meanwhile. `outcome_node_id` is set while the run stands on
    an outcome; `finished_at` and `resolved` when the agent answers "did this resolve it?"."""

    tree = models.ForeignKey(QuestionTree, on_delete=models.CASCADE, related_name="runs")
    version = models.ForeignKey(TreeVersion, on_delete=models.CASCADE, related_name="runs")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="tree_runs")
    channel = models.CharField(max_length=10, choices=RunChannel.choices, default=RunChannel.WEB)
    started_at = models.DateTimeField(db_index=True)
    last_active_at = models.DateTimeField()
    current_node_id = models.CharField(max_length=MAX_NODE_ID_CHARS)
    outcome_node_id = models.CharField(max_length=MAX_NODE_ID_CHARS, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    resolved = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["agent", "tree", "finished_at"], name="kb_treerun_resume")]

    def __str__(self) -> str:
        return f"Run {self.pk} of tree {self.tree_id} v{self.version.number}"


class TreeRunStep(models.Model):
    """One choice: at `node_id` the agent chose option `option_number` (1-based) and went
    to `next_node_id`. Back and Restart do not delete steps, they mark them undone, so
    the history keeps every branch that was tried; the live path is the steps not undone."""

    run = models.ForeignKey(TreeRun, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    node_id = models.CharField(max_length=MAX_NODE_ID_CHARS)
    option_number = models.PositiveIntegerField()
    option_label = models.CharField(max_length=500)
    next_node_id = models.CharField(max_length=MAX_NODE_ID_CHARS)
    at = models.DateTimeField()
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "at", "id"]

    def __str__(self) -> str:
        return f"{self.node_id} -> {self.next_node_id}"
