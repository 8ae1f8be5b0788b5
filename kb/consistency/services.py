"""Every write to conflict reports. The checker (kb.consistency.checker) finds conflicts; these
functions store them, keep one report per pair, and record what people do with them.

Life cycle: a conflict found for the first time opens a report. Found again, an open report is
refreshed; a dismissed one stays dismissed while both sides are still at the versions it was
dismissed at, and reopens when either side has a newer version; a resolved one reopens. An open
report that a check of one of its sides no longer finds resolves itself."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kb import roles
from kb.consistency.checker import scan
from kb.consistency.models import ConflictEvent, ConflictReport, ConflictStatus
from kb.consistency.records import Conflict, Doc
from kb.consistency.sources import (
    Side,
    doc_for_version,
    docs_for_tree_version,
    iter_live_docs,
    live_index,
    resolve_sides,
)
from kb.errors import InvalidTransition, ValidationFailed
from kb.models import Article
from kb.selectors import live_versions
from kb.trees.models import QuestionTree
from kb.trees.selectors import live_tree_versions

MAX_REASON_CHARS = 2000

# The same notes as the checker's explanations, for the neutral wording of a stored report.
_KIND_NOTE = {
    "numeric": ("数值不一致", "the numbers differ"),
    "unit": ("单位不同（工作日与自然日不是一回事）", "the units differ (working days are not calendar days)"),
    "polarity": ("一个允许/免除，一个禁止/要求", "one allows or exempts, the other forbids or requires"),
    "procedure": ("办理渠道或步骤不一致", "the required channel or step differs"),
}


@dataclass
class CheckResult:
    """What one check or scan did to the reports."""

    found: int = 0
    opened: int = 0
    reopened: int = 0
    refreshed: int = 0
    still_dismissed: int = 0
    resolved: int = 0
    keys: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in
                ("found", "opened", "reopened", "refreshed", "still_dismissed", "resolved")}  # fmt: skip


def pair_key(ref_a: str, ref_b: str, kind: str, attribute: str) -> str:
    """The report's identity: the unordered pair of texts, the kind and what it is about."""
    first, second = sorted((ref_a, ref_b))
    return hashlib.sha256("\x1f".join((first, second, kind, attribute)).encode("utf-8")).hexdigest()


def _explanations(kind: str, attribute: str, a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str]:
    """Both sides named, so the wording holds whichever side was checked: (zh, en)."""
    attribute_zh, _sep, attribute_en = attribute.partition(" / ")
    note_zh, note_en = _KIND_NOTE.get(kind, ("", ""))
    (title_a, value_a), (title_b, value_b) = a, b
    zh = f"「{title_a}」写的是 {value_a}，「{title_b}」写的是 {value_b}（{note_zh}）。"
    en = f'"{title_a}" says {value_a}; "{title_b}" says {value_b} ({note_en}).'
    if attribute_zh:  # a statement no word names is left to its evidence sentences
        zh, en = f"关于「{attribute_zh}」：{zh}", f"On {attribute_en or attribute_zh}: {en}"
    return zh, en


def _side_fields(prefix: str, side: Side, evidence: str, value: str) -> dict[str, Any]:
    return {
        f"{prefix}_ref": side.ref[:300],
        f"{prefix}_article": side.article,
        f"{prefix}_tree": side.tree,
        f"{prefix}_node": side.node[:100],
        f"{prefix}_version": side.version,
        f"{prefix}_title": side.title[:300],
        f"{prefix}_category_id": side.category_id,
        f"{prefix}_product": side.product[:100],
        f"evidence_{prefix}": evidence,
        f"value_{prefix}": value[:200],
    }


def _report_fields(conflict: Conflict, side_a: Side, side_b: Side) -> dict[str, Any]:
    evidence_a, value_a, evidence_b, value_b = (
        conflict.evidence_a,
        conflict.value_a,
        conflict.evidence_b,
        conflict.value_b,
    )
    if side_a.ref > side_b.ref:  # side A is the reference that sorts first
        side_a, side_b = side_b, side_a
        evidence_a, value_a, evidence_b, value_b = evidence_b, value_b, evidence_a, value_a
    zh, en = _explanations(conflict.kind, conflict.attribute, (side_a.title, value_a), (side_b.title, value_b))
    return {
        "kind": conflict.kind,
        "attribute": conflict.attribute[:200],
        "confidence": round(conflict.confidence, 4),
        "explanation_zh": zh,
        "explanation_en": en,
        **_side_fields("a", side_a, evidence_a, value_a),
        **_side_fields("b", side_b, evidence_b, value_b),
    }


def _event(report: ConflictReport, action: str, *, at: datetime, by: User | None = None,
           **detail: Any) -> None:  # fmt: skip
    ConflictEvent.objects.create(report=report, action=action, at=at, actor=by, detail=detail)


def _versions(report: ConflictReport) -> dict[str, int]:
    return {"a": report.a_version, "b": report.b_version}


@transaction.atomic
def _record_one(conflict: Conflict, side_a: Side, side_b: Side, *, now: datetime, result: CheckResult) -> None:
    fields = _report_fields(conflict, side_a, side_b)
    key = pair_key(side_a.ref, side_b.ref, conflict.kind, conflict.attribute)
    result.keys.add(key)
    report, created = ConflictReport.objects.select_for_update().get_or_create(
        pair_key=key, defaults={**fields, "first_seen": now, "last_seen": now, "opened_at": now}
    )
    if created:
        _event(report, ConflictEvent.Action.OPENED, at=now, versions=_versions(report))
        result.opened += 1
        return
    same_versions = (report.a_version, report.b_version) == (fields["a_version"], fields["b_version"])
    if report.status == ConflictStatus.DISMISSED and same_versions:
        report.last_seen = now
        report.save(update_fields=["last_seen"])
        result.still_dismissed += 1
        return
    for name, value in fields.items():
        setattr(report, name, value)
    report.last_seen = now
    update = [*fields, "last_seen"]
    if report.status == ConflictStatus.OPEN:
        result.refreshed += 1
    else:
        why = "text_changed" if report.status == ConflictStatus.DISMISSED else "found_again"
        report.status = ConflictStatus.OPEN
        report.opened_at = now
        report.resolved_at = None
        report.dismissed_reason, report.dismissed_by, report.dismissed_at = "", None, None
        update += ["status", "opened_at", "resolved_at", "dismissed_reason", "dismissed_by", "dismissed_at"]
        _event(report, ConflictEvent.Action.REOPENED, at=now, why=why, versions=_versions(report))
        result.reopened += 1
    report.save(update_fields=[n.removesuffix("_id") if n.endswith("_category_id") else n for n in update])


def _resolve(reports: Iterable[ConflictReport], *, now: datetime, result: CheckResult) -> None:
    for report in reports:
        with transaction.atomic():
            # Compare-and-set: a concurrent check may have refreshed or resolved it meanwhile.
            claimed = ConflictReport.objects.filter(pk=report.pk, status=ConflictStatus.OPEN, last_seen__lt=now).update(
                status=ConflictStatus.RESOLVED, resolved_at=now
            )
            if claimed:
                _event(report, ConflictEvent.Action.RESOLVED, at=now, why="no_longer_found")
                result.resolved += 1


def record_conflicts(*, conflicts: Iterable[Conflict], checked_refs: set[str] | None,
                     now: datetime | None = None) -> CheckResult:  # fmt: skip
    """Store what a check found. `checked_refs`: the texts whose every conflict was looked for
    (their open reports not found now resolve themselves); None after a full scan (every open
    report not found resolves)."""
    now = now or timezone.now()
    conflicts = list(conflicts)
    sides = resolve_sides({c.a for c in conflicts} | {c.b for c in conflicts})
    result = CheckResult()
    best: dict[str, Conflict] = {}
    for conflict in conflicts:
        if conflict.a not in sides or conflict.b not in sides:
            continue
        # One report per pair of texts and attribute: keep the most confident finding.
        ident = pair_key(sides[conflict.a].ref, sides[conflict.b].ref, conflict.kind, conflict.attribute)
        if ident not in best or conflict.confidence > best[ident].confidence:
            best[ident] = conflict
    for conflict in best.values():
        result.found += 1
        _record_one(conflict, sides[conflict.a], sides[conflict.b], now=now, result=result)
    stale = ConflictReport.objects.filter(status=ConflictStatus.OPEN).exclude(pair_key__in=result.keys)
    if checked_refs is not None:
        stale = stale.filter(Q(a_ref__in=checked_refs) | Q(b_ref__in=checked_refs))
    _resolve(list(stale.only("pk")), now=now, result=result)
    return result


def check_article_conflicts(*, article: Article) -> CheckResult | None:
    """Check the article's live version against every other live text and update its reports.
    None if the article has no live version."""
    version = live_versions().filter(article=article).first()
    if version is None:
        return None
    doc = doc_for_version(version)
    return record_conflicts(conflicts=live_index.check(doc), checked_refs={doc.external_id})


def check_tree_conflicts(*, tree: QuestionTree) -> CheckResult | None:
    """Check the outcomes of the tree's published version; None if it has none."""
    version = live_tree_versions().filter(tree=tree).first()
    if version is None:
        return None
    docs = docs_for_tree_version(version)
    conflicts = [conflict for doc in docs for conflict in live_index.check(doc)]
    refs = {side.ref for side in resolve_sides(doc.id for doc in docs).values()}
    return record_conflicts(conflicts=conflicts, checked_refs=refs)


def run_full_scan(*, progress: Callable[[int, int], None] | None = None,
                  docs: list[Doc] | None = None, processes: int = 1) -> CheckResult:  # fmt: skip
    """Every live text against every other; reports not found any more resolve themselves.
    Reports refreshed by a single check while the scan ran (last_seen after its start) stay."""
    started = timezone.now()
    found = scan(list(docs if docs is not None else iter_live_docs()), progress, processes=processes)
    return record_conflicts(conflicts=found, checked_refs=None, now=started)


def _require_status(report: ConflictReport, status: str, message: str) -> None:
    if report.status != status:
        raise InvalidTransition(message)


@transaction.atomic
def dismiss_conflict(*, report: ConflictReport, by: User | None, reason: str) -> ConflictReport:
    """Not a real conflict: the report stays dismissed until one of the two texts changes."""
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("Say why this is not a conflict."), fields={"reason": [_("A reason is required.")]})
    if len(reason) > MAX_REASON_CHARS:
        raise ValidationFailed(
            _("The reason is too long."),
            fields={"reason": [_("At most %(n)d characters.") % {"n": MAX_REASON_CHARS}]},
        )
    report = ConflictReport.objects.select_for_update().get(pk=report.pk)
    _require_status(report, ConflictStatus.OPEN, _("Only an open report can be dismissed."))
    now = timezone.now()
    report.status = ConflictStatus.DISMISSED
    report.dismissed_reason, report.dismissed_by, report.dismissed_at = reason, by, now
    report.save(update_fields=["status", "dismissed_reason", "dismissed_by", "dismissed_at"])
    _event(report, ConflictEvent.Action.DISMISSED, at=now, by=by, reason=reason, versions=_versions(report))
    return report


@transaction.atomic
def dismiss_conflicts(*, reports: Iterable[ConflictReport], by: User | None, reason: str) -> int:
    """The queue's bulk action: several reports dismissed with one reason, all or none."""
    count = 0
    for report in reports:
        dismiss_conflict(report=report, by=by, reason=reason)
        count += 1
    return count


@transaction.atomic
def assign_conflict(*, report: ConflictReport, assignee: User, by: User | None) -> ConflictReport:
    """Give the report to an editor to fix one of the texts."""
    if not assignee.is_active or not roles.has_role(assignee, roles.EDITOR):
        raise ValidationFailed(
            _("Reports can only be assigned to editors."), fields={"assignee": [_("Choose an active editor.")]}
        )
    report = ConflictReport.objects.select_for_update().get(pk=report.pk)
    _require_status(report, ConflictStatus.OPEN, _("Only an open report can be assigned."))
    report.assigned_to = assignee
    report.save(update_fields=["assigned_to"])
    _event(report, ConflictEvent.Action.ASSIGNED, at=timezone.now(), by=by, assignee=assignee.get_username())
    return report


@transaction.atomic
def reopen_conflict(*, report: ConflictReport, by: User | None) -> ConflictReport:
    """Undo a dismissal: the report is open again, with its history."""
    report = ConflictReport.objects.select_for_update().get(pk=report.pk)
    _require_status(report, ConflictStatus.DISMISSED, _("Only a dismissed report can be reopened."))
    now = timezone.now()
    report.status = ConflictStatus.OPEN
    report.opened_at = now
    report.dismissed_reason, report.dismissed_by, report.dismissed_at = "", None, None
    report.save(update_fields=["status", "opened_at", "dismissed_reason", "dismissed_by", "dismissed_at"])
    _event(report, ConflictEvent.Action.REOPENED, at=now, by=by, why="by_hand")
    return report
