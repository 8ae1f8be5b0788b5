"""Numbers for one tree version, computed from its runs.

Every run falls in exactly one of four groups, so they add up to `runs_started`:
- finished: the agent answered "did this resolve the call?" at an outcome;
- unanswered: standing on an outcome, never answered;
- abandoned: stopped on a question, idle for longer than `idle` (default 30 minutes),
  counted per node it stopped at;
- in progress: on a question and active within `idle`.
Visits count runs, not clicks: a node (or an option) a run passed through twice, after a
Back or a Restart, counts once for that run. Every node and option of the graph is listed,
visited or not, so that dead branches show up as zeros."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from kb.trees.models import TreeRun, TreeRunStep, TreeVersion
from kb.trees.validation import OUTCOME, QUESTION

IDLE = timedelta(minutes=30)


@dataclass
class EdgeVisits:
    node_id: str
    option_number: int
    label: str
    next_node_id: str
    runs: int


@dataclass
class TreeAnalytics:
    version: int
    runs_started: int = 0
    runs_finished: int = 0
    runs_unanswered: int = 0
    runs_abandoned: int = 0
    runs_in_progress: int = 0
    abandoned_at: dict[str, int] = field(default_factory=dict)  # node id -> runs, most first
    outcomes: dict[str, int] = field(default_factory=dict)  # outcome node id -> runs that reached it
    outcome_kinds: dict[str, int] = field(default_factory=dict)  # resolved / escalate / handoff -> runs
    resolved: int = 0
    not_resolved: int = 0
    resolved_rate: float | None = None  # resolved / finished
    median_seconds_to_outcome: float | None = None
    node_visits: dict[str, int] = field(default_factory=dict)  # node id -> runs, in graph order
    edge_visits: list[EdgeVisits] = field(default_factory=list)  # every option, in graph order


def compute_tree_analytics(
    *, version: TreeVersion, now: datetime | None = None, idle: timedelta = IDLE
) -> TreeAnalytics:
    """The numbers for one version (see the module docstring for what each one counts)."""
    now = now or timezone.now()
    graph: dict[str, Any] = version.graph or {}
    nodes = {node["id"]: node for node in graph.get("nodes", [])}
    result = TreeAnalytics(version=version.number)

    runs = TreeRun.objects.filter(version=version).values_list(
        "started_at", "last_active_at", "finished_at", "resolved", "current_node_id", "outcome_node_id", "outcome_at"
    )
    abandoned: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    durations: list[float] = []
    for started_at, last_active_at, finished_at, resolved, current, outcome, outcome_at in runs:
        result.runs_started += 1
        if outcome:
            outcomes[outcome] += 1
            assert outcome_at is not None, "runs._arrive sets the outcome and its time together"
            durations.append((outcome_at - started_at).total_seconds())
        if finished_at is not None:
            result.runs_finished += 1
            result.resolved += resolved is True
            result.not_resolved += resolved is False
        elif outcome:
            result.runs_unanswered += 1
        elif last_active_at < now - idle:
            abandoned[current] += 1
        else:
            result.runs_in_progress += 1

    result.runs_abandoned = sum(abandoned.values())
    result.abandoned_at = dict(abandoned.most_common())
    result.outcomes = dict(outcomes.most_common())
    kinds: Counter[str] = Counter()
    for node_id, count in outcomes.items():
        node = nodes.get(node_id)
        kinds[node["outcome"] if node and node["type"] == OUTCOME else "unknown"] += count
    result.outcome_kinds = dict(kinds.most_common())
    if result.runs_finished:
        result.resolved_rate = result.resolved / result.runs_finished
    if durations:
        result.median_seconds_to_outcome = statistics.median(durations)
    _count_visits(result, version, graph)
    return result


def _count_visits(result: TreeAnalytics, version: TreeVersion, graph: dict[str, Any]) -> None:
    steps = (
        TreeRunStep.objects.filter(run__version=version)
        .values_list("run_id", "node_id", "option_number", "next_node_id")
        .order_by()  # no ordering columns in the SELECT DISTINCT (Meta.ordering would add them)
        .distinct()
    )
    visited: set[tuple[int, str]] = set()
    edges: Counter[tuple[str, int]] = Counter()
    for run_id, node_id, option_number, next_node_id in steps:
        visited.add((run_id, next_node_id))
        edges[(node_id, option_number)] += 1
    visits = Counter(node_id for _run, node_id in visited)
    start = graph.get("start")
    # Every run stands on the start node first; steps never lead back to it (no loops),
    # so the start's count is simply the number of runs.
    if start is not None:
        visits[start] = result.runs_started
    result.node_visits = {node["id"]: visits[node["id"]] for node in graph.get("nodes", [])}
    result.edge_visits = [
        EdgeVisits(node["id"], number, option["label"], option["next"], edges[(node["id"], number)])
        for node in graph.get("nodes", [])
        if node["type"] == QUESTION
        for number, option in enumerate(node["options"], start=1)
    ]
