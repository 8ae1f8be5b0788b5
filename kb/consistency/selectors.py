"""Every read of conflict reports that has a rule in it: reviewers and admins see all reports,
editors the ones assigned to them, everybody else none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from kb import roles
from kb.consistency.models import ConflictEvent, ConflictReport, ConflictStatus
from kb.consistency.records import Conflict, Doc
from kb.consistency.sources import live_index, resolve_sides
from kb.models import Category

AGES = {"day": (None, 1), "week": (7, None), "month": (30, None)}  # name -> (older than, newer than) in days


def conflicts_visible_to(user: roles.User) -> QuerySet[ConflictReport]:
    if roles.has_role(user, roles.REVIEWER):
        return ConflictReport.objects.all()
    if roles.has_role(user, roles.EDITOR):
        return ConflictReport.objects.filter(assigned_to=user)  # type: ignore[misc]
    return ConflictReport.objects.none()


def can_see_conflicts(user: roles.User) -> bool:
    return roles.has_role(user, roles.EDITOR)


def can_act_on_conflicts(user: roles.User) -> bool:
    """Dismiss and assign: reviewers and admins."""
    return roles.has_role(user, roles.REVIEWER)


def list_open_conflicts(
    user: roles.User,
    *,
    kind: str = "",
    category: Category | None = None,
    product: str = "",
    age: str = "",
    min_confidence: float | None = None,
    status: str = ConflictStatus.OPEN,
    now: datetime | None = None,
) -> QuerySet[ConflictReport]:
    """The reports this user may see, open ones by default, filtered; most confident first."""
    if not can_see_conflicts(user):
        raise PermissionDenied
    reports = conflicts_visible_to(user).filter(status=status or ConflictStatus.OPEN)
    if kind:
        reports = reports.filter(kind=kind)
    if category is not None:
        reports = reports.filter(Q(a_category=category) | Q(b_category=category))
    if product:
        reports = reports.filter(Q(a_product=product) | Q(b_product=product))
    if age in AGES:
        now = now or timezone.now()
        older, newer = AGES[age]
        if older is not None:
            reports = reports.filter(opened_at__lte=now - timedelta(days=older))
        if newer is not None:
            reports = reports.filter(opened_at__gt=now - timedelta(days=newer))
    if min_confidence is not None:
        reports = reports.filter(confidence__gte=min_confidence)
    return reports.select_related("a_category", "b_category", "assigned_to", "a_article", "b_article")


def count_by_kind(reports: QuerySet[ConflictReport]) -> dict[str, int]:
    return dict(reports.order_by().values_list("kind").annotate(n=Count("pk")))


def count_open_conflicts(user: roles.User) -> int:
    """For the navigation: all open reports for reviewers, the ones assigned to them for editors."""
    if not can_see_conflicts(user):
        return 0
    return conflicts_visible_to(user).filter(status=ConflictStatus.OPEN).count()


def get_conflict_for_user(user: roles.User, conflict_id: int) -> ConflictReport:
    """The report, if this user may see it: 403 for roles that never see reports, 404 for an
    editor's report that is not assigned to them."""
    if not can_see_conflicts(user):
        raise PermissionDenied
    return get_object_or_404(
        conflicts_visible_to(user).select_related(
            "a_article", "b_article", "a_tree", "b_tree", "a_category", "b_category", "assigned_to", "dismissed_by"
        ),
        pk=conflict_id,
    )


def get_conflict_for_reviewer(user: roles.User, conflict_id: int) -> ConflictReport:
    if not can_act_on_conflicts(user):
        raise PermissionDenied
    return get_object_or_404(ConflictReport, pk=conflict_id)


def list_conflict_events(report: ConflictReport) -> QuerySet[ConflictEvent]:
    return report.events.select_related("actor").order_by("at", "id")


def list_assignable_editors() -> QuerySet[User]:
    """Active users who can edit articles (editors and everyone above them)."""
    ladder = [roles.EDITOR, roles.REVIEWER, roles.ADMIN]
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=ladder) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


def list_conflict_products() -> list[str]:
    products = ConflictReport.objects.filter(status=ConflictStatus.OPEN).values_list("a_product", "b_product")
    return sorted({p for pair in products for p in pair if p})


# Pre-publish warning --------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictWarning:
    """A conflict the candidate text would bring in, with the other text to open."""

    conflict: Conflict
    other_title: str
    other_url: str
    other_version: int
    dismissed_reason: str  # non-empty when a reviewer dismissed this pair before

    @property
    def explanation(self) -> str:
        """In the language of the page: "This says 14 天; 'Return policy' says 7 天"."""
        language = get_language() or ""
        return self.conflict.explanation_en if language.startswith("en") else self.conflict.explanation_zh


def find_conflicts_for_candidate(doc: Doc) -> list[ConflictWarning]:
    """The conflicts `doc` (a draft or a version waiting for review) would have with the live texts,
    computed now against the cached index. Its own article's live version is not compared."""
    from django.urls import reverse

    from kb.consistency.services import pair_key

    conflicts = live_index.check(doc)
    sides = resolve_sides(c.b for c in conflicts)
    dismissed = dict(
        ConflictReport.objects.filter(status=ConflictStatus.DISMISSED)
        .filter(Q(a_ref=doc.external_id) | Q(b_ref=doc.external_id))
        .values_list("pair_key", "dismissed_reason")
    )
    warnings = []
    for conflict in conflicts:
        side = sides.get(conflict.b)
        if side is None:
            continue
        if side.article is not None:
            url = reverse("kb:article-edit", kwargs={"pk": side.article.pk})
        elif side.tree is not None:
            url = reverse("kb:tree-edit", kwargs={"tree_id": side.tree.pk})
        else:
            url = ""
        key = pair_key(doc.external_id, side.ref, conflict.kind, conflict.attribute)
        warnings.append(ConflictWarning(conflict, side.title, url, side.version, dismissed.get(key, "")))
    return warnings


# Dashboard -------------------------------------------------------------------------------------


def _open_intervals(events: list[tuple[str, datetime]]) -> list[tuple[datetime, datetime | None]]:
    intervals: list[tuple[datetime, datetime | None]] = []
    start: datetime | None = None
    for action, at in events:
        if action in (ConflictEvent.Action.OPENED, ConflictEvent.Action.REOPENED) and start is None:
            start = at
        elif action in (ConflictEvent.Action.DISMISSED, ConflictEvent.Action.RESOLVED) and start is not None:
            intervals.append((start, at))
            start = None
    if start is not None:
        intervals.append((start, None))
    return intervals


def conflict_dashboard(*, days: int = 30, now: datetime | None = None) -> dict[str, Any]:
    """Open reports at the end of each of the last `days` days, open reports by category and by
    kind, and the mean time from (re)opening to resolution or dismissal."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    first_day = today - timedelta(days=days - 1)
    by_report: dict[int, list[tuple[str, datetime]]] = {}
    for report_id, action, at in ConflictEvent.objects.order_by("at", "id").values_list("report_id", "action", "at"):
        by_report.setdefault(report_id, []).append((action, at))
    ends = [(first_day + timedelta(days=n)) for n in range(days)]
    end_times = [timezone.make_aware(datetime.combine(d + timedelta(days=1), datetime.min.time())) for d in ends]
    counts = [0] * days
    closed_durations: list[float] = []
    resolved_durations: list[float] = []
    for events in by_report.values():
        for start, end in _open_intervals(events):
            if end is not None:
                closed_durations.append((end - start).total_seconds())
                closing = next(a for a, at in events if at == end and a in ("dismissed", "resolved"))
                if closing == ConflictEvent.Action.RESOLVED:
                    resolved_durations.append((end - start).total_seconds())
            for n, end_time in enumerate(end_times):
                if start < end_time and (end is None or end >= end_time):
                    counts[n] += 1
    # Start at the first day with an open report, so a young installation is not a column of zeros.
    while len(counts) > 7 and counts[0] == 0:
        counts, ends = counts[1:], ends[1:]
    peak = max(counts) if counts else 0
    over_time = [
        {"day": day, "count": count, "percent": round(100 * count / peak) if peak else 0}
        for day, count in zip(ends, counts, strict=True)
    ]
    open_reports = ConflictReport.objects.filter(status=ConflictStatus.OPEN)
    by_category: dict[str, int] = {}
    for report in open_reports.select_related("a_category", "b_category"):
        names = {c.name for c in (report.a_category, report.b_category) if c is not None} or {"—"}
        for name in names:
            by_category[name] = by_category.get(name, 0) + 1
    category_peak = max(by_category.values(), default=0)
    return {
        "open": open_reports.count(),
        "dismissed": ConflictReport.objects.filter(status=ConflictStatus.DISMISSED).count(),
        "resolved": ConflictReport.objects.filter(status=ConflictStatus.RESOLVED).count(),
        "over_time": over_time,
        "by_category": [
            {"name": name, "count": count, "percent": round(100 * count / category_peak)}
            for name, count in sorted(by_category.items(), key=lambda item: (-item[1], item[0]))
        ],
        "by_kind": count_by_kind(open_reports),
        "mean_time_to_resolve": _mean(resolved_durations),
        "resolved_count": len(resolved_durations),
        "mean_time_to_close": _mean(closed_durations),
        "first_day": first_day,
        "today": today,
    }


def _mean(seconds: list[float]) -> timedelta | None:
    return timedelta(seconds=sum(seconds) / len(seconds)) if seconds else None
