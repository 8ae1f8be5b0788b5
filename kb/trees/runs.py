"""The runner's state machine. A run walks one tree version, the one it was started on:

    question --record_tree_step--> question ... --record_tree_step--> outcome --finish_tree_run--> finished
              <----undo_tree_step----                <----undo_tree_step----
    restart_tree_run: back to the start node from anywhere but finished

Each service locks the run's row, so a double click or a retried API call cannot record
two steps from the same node; API clients can also send the node they think they are on
(`at_node`) and get InvalidTransition if the run has moved on. Back and Restart keep the
steps (marked undone) so analytics see every branch that was tried."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kb.errors import InvalidTransition, ValidationFailed
from kb.trees.models import RunChannel, TreeRun, TreeRunStep, TreeVersion
from kb.trees.validation import OUTCOME, errors_of, validate_graph

IN_PROGRESS = "in_progress"
AT_OUTCOME = "outcome"
FINISHED = "finished"


def run_status(run: TreeRun) -> str:
    if run.finished_at is not None:
        return FINISHED
    return AT_OUTCOME if run.outcome_node_id else IN_PROGRESS


def run_path(run: TreeRun) -> list[TreeRunStep]:
    """The choices that led to the current node, first to last (the breadcrumb)."""
    return list(run.steps.filter(undone_at__isnull=True).order_by("position"))


def _arrive(run: TreeRun, node_id: str, now: datetime) -> None:
    node = run.version.node(node_id)
    run.current_node_id = node_id
    at_outcome = node is not None and node["type"] == OUTCOME
    run.outcome_node_id = node_id if at_outcome else ""
    run.outcome_at = now if at_outcome else None
    run.last_active_at = now


def _save(run: TreeRun) -> None:
    run.save(
        update_fields=["current_node_id", "outcome_node_id", "outcome_at", "last_active_at", "finished_at", "resolved"]
    )


def _lock(run: TreeRun, *, at_node: str | None = None) -> TreeRun:
    """The run's row, locked until the end of the transaction, checked to be still going."""
    locked = TreeRun.objects.select_for_update().select_related("version", "tree").get(pk=run.pk)
    if locked.finished_at is not None:
        raise InvalidTransition(_("This run is finished. Start a new one."))
    if at_node is not None and at_node != locked.current_node_id:
        raise InvalidTransition(
            _("The run has moved on: it is now at node “%(node)s”.") % {"node": locked.current_node_id}
        )
    return locked


@transaction.atomic
def start_tree_run(
    *, version: TreeVersion, by: User | None, channel: str = RunChannel.WEB, now: datetime | None = None
) -> TreeRun:
    """A new run at the version's start node. Callers decide who may run which version
    (kb.trees.selectors.get_tree_for_runner gives agents the published one)."""
    if errors_of(validate_graph(version.graph, check_links=False)):
        raise ValidationFailed(_("This version of the tree has problems and cannot be run."))
    now = now or timezone.now()
    run = TreeRun(tree_id=version.tree_id, version=version, agent=by, channel=channel, started_at=now)
    _arrive(run, version.graph["start"], now)
    run.save()
    return run


def _find_option(node: dict[str, Any], option: int | str) -> tuple[int, dict[str, str]]:
    """Option `option` of a question: its number (from 1) or its label (any case). A digit
    string that is not a label is taken as a number, as an IVR sends keypad digits."""
    options = node["options"]
    if isinstance(option, str):
        wanted = option.strip().casefold()
        for number, candidate in enumerate(options, start=1):
            if candidate["label"].casefold() == wanted:
                return number, candidate
        if wanted.isascii() and wanted.isdigit() and len(wanted) < 5:
            option = int(wanted)
    if isinstance(option, int) and not isinstance(option, bool) and 1 <= option <= len(options):
        return option, options[option - 1]
    choices = "; ".join(f"{n}. {o['label']}" for n, o in enumerate(options, start=1))
    message = _("Node “%(node)s” has no option %(option)s. Its options are: %(choices)s.")
    raise ValidationFailed(
        _("Unknown option."),
        fields={"option": [message % {"node": node["id"], "option": _repr(option), "choices": choices}]},
    )


def _repr(value: Any) -> str:
    text = f"“{value}”" if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


@transaction.atomic
def record_tree_step(
    *,
    run: TreeRun,
    option: int | str,
    by: User | None,
    at_node: str | None = None,
    now: datetime | None = None,
) -> TreeRun:
    """Choose an option on the current question and move to the node it leads to."""
    run = _lock(run, at_node=at_node)
    node = run.version.node(run.current_node_id)
    if node is None or node["type"] == OUTCOME:
        raise InvalidTransition(_("The run has reached an outcome: finish it, or go back."))
    number, chosen = _find_option(node, option)
    now = now or timezone.now()
    TreeRunStep.objects.create(
        run=run,
        position=run.steps.filter(undone_at__isnull=True).count(),
        node_id=node["id"],
        option_number=number,
        option_label=chosen["label"],
        next_node_id=chosen["next"],
        at=now,
    )
    _arrive(run, chosen["next"], now)
    _save(run)
    return run


@transaction.atomic
def undo_tree_step(
    *, run: TreeRun, by: User | None, at_node: str | None = None, now: datetime | None = None
) -> TreeRun:
    """Back: return to the node of the last choice, which is kept in the history as undone."""
    run = _lock(run, at_node=at_node)
    last = run.steps.filter(undone_at__isnull=True).order_by("-position").first()
    if last is None:
        raise InvalidTransition(_("This is the first question; there is nothing to go back to."))
    now = now or timezone.now()
    last.undone_at = now
    last.save(update_fields=["undone_at"])
    _arrive(run, last.node_id, now)
    _save(run)
    return run


@transaction.atomic
def restart_tree_run(*, run: TreeRun, by: User | None, now: datetime | None = None) -> TreeRun:
    """Back to the start node; the choices made so far stay in the history as undone."""
    run = _lock(run)
    now = now or timezone.now()
    run.steps.filter(undone_at__isnull=True).update(undone_at=now)
    _arrive(run, run.version.graph["start"], now)
    _save(run)
    return run


@transaction.atomic
def finish_tree_run(*, run: TreeRun, resolved: bool, by: User | None, now: datetime | None = None) -> TreeRun:
    """The agent's answer to "Did this resolve the call?" ends the run at its outcome."""
    run = _lock(run)
    if not run.outcome_node_id:
        raise InvalidTransition(_("The run has not reached an outcome yet."))
    if not isinstance(resolved, bool):
        raise ValidationFailed(_("Answer yes or no."), fields={"resolved": [_("Must be true or false.")]})
    run.finished_at = now or timezone.now()
    run.last_active_at = run.finished_at
    run.resolved = resolved
    _save(run)
    return run
