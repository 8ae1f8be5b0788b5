"""Analytics on a known set of runs: every number worked out by hand below."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from kb.trees import runs, selectors
from kb.trees.analytics import EdgeVisits, compute_tree_analytics
from kb.trees.models import TreeVersion
from tests.conftest import client_for
from tests.kb.api.conftest import send

pytestmark = pytest.mark.django_db

T0 = timezone.now().replace(microsecond=0) - timedelta(days=1)
NOW = T0 + timedelta(hours=2)


def walk(
    version: TreeVersion,
    user,
    moves: list[tuple[int, object]],
    *,
    finish: tuple[int, bool] | None = None,
    start: datetime = T0,
) -> None:  # type: ignore[no-untyped-def]
    """moves: (seconds after the start, option or "back")."""
    run = runs.start_tree_run(version=version, by=user, now=start)
    for seconds, move in moves:
        at = start + timedelta(seconds=seconds)
        if move == "back":
            run = runs.undo_tree_step(run=run, by=user, now=at)
        else:
            run = runs.record_tree_step(run=run, option=move, by=user, now=at)  # type: ignore[arg-type]
    if finish:
        runs.finish_tree_run(run=run, resolved=finish[1], by=user, now=start + timedelta(seconds=finish[0]))


@pytest.fixture
def version_with_runs(agent, make_tree) -> TreeVersion:  # type: ignore[no-untyped-def]
    version = selectors.published_tree_version(make_tree())
    assert version is not None
    walk(version, agent, [(10, "是"), (30, "没有")], finish=(60, False))  # 1: claim in 30 s, not resolved
    walk(version, agent, [(20, "否")], finish=(40, True))  # 2: in-transit in 20 s, resolved
    walk(version, agent, [(10, "是"), (50, "找到了")], finish=(70, True))  # 3: found in 50 s, resolved
    walk(version, agent, [(5, "是"), (8, "back"), (12, "否")])  # 4: in-transit in 12 s, never answered
    walk(version, agent, [(5, "是")])  # 5: abandoned at neighbour
    walk(version, agent, [])  # 6: abandoned at the start
    walk(version, agent, [], start=NOW - timedelta(minutes=5))  # 7: still going
    other = selectors.published_tree_version(make_tree())  # runs of another tree do not count
    walk(other, agent, [(1, "否")], finish=(2, True))
    return version


def test_the_numbers_for_a_known_set_of_runs(version_with_runs):
    result = compute_tree_analytics(version=version_with_runs, now=NOW)

    assert (
        result.runs_started,
        result.runs_finished,
        result.runs_unanswered,
        result.runs_abandoned,
        result.runs_in_progress,
    ) == (7, 3, 1, 2, 1)
    assert result.abandoned_at == {"neighbour": 1, "delivered": 1}
    assert result.outcomes == {"in-transit": 2, "claim": 1, "found": 1}
    assert result.outcome_kinds == {"resolved": 3, "escalate": 1}
    assert (result.resolved, result.not_resolved, result.resolved_rate) == (2, 1, pytest.approx(2 / 3))
    assert result.median_seconds_to_outcome == 25.0  # median of 30, 20, 50, 12
    assert result.node_visits == {"delivered": 7, "neighbour": 4, "in-transit": 2, "found": 1, "claim": 1}
    assert result.edge_visits == [
        EdgeVisits("delivered", 1, "是", "neighbour", 4),
        EdgeVisits("delivered", 2, "否", "in-transit", 2),
        EdgeVisits("neighbour", 1, "找到了", "found", 1),
        EdgeVisits("neighbour", 2, "没有", "claim", 1),
    ]


def test_a_shorter_idle_time_turns_the_quiet_run_into_an_abandoned_one(version_with_runs):
    result = compute_tree_analytics(version=version_with_runs, now=NOW, idle=timedelta(minutes=1))

    assert (result.runs_abandoned, result.runs_in_progress) == (3, 0)
    assert result.abandoned_at == {"delivered": 2, "neighbour": 1}


def test_a_version_without_runs_has_zeros_and_no_rates(make_tree):
    result = compute_tree_analytics(version=selectors.published_tree_version(make_tree()))

    assert (result.runs_started, result.resolved_rate, result.median_seconds_to_outcome) == (0, None, None)
    assert set(result.node_visits.values()) == {0}


def test_editors_get_the_same_numbers_over_the_api(editor, version_with_runs):
    response = send(client_for(editor), "get", f"/api/trees/{version_with_runs.tree_id}/analytics/")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["version"], body["runs_started"], body["runs_finished"]) == (1, 7, 3)
    assert body["outcomes"][0] == {"node_id": "in-transit", "runs": 2}
    assert body["edge_visits"][0] == {
        "node_id": "delivered",
        "option_number": 1,
        "label": "是",
        "next_node_id": "neighbour",
        "runs": 4,
    }
    assert body["median_seconds_to_outcome"] == 25.0
