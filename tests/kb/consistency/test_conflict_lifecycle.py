"""A report's life: opened by a check, dismissed, reopened when a text changes, resolved when
an edit removes the contradiction, reopened with its history when the conflict comes back."""

from __future__ import annotations

import pytest

from kb import services as kb_services
from kb.consistency import services
from kb.consistency.models import ConflictEvent, ConflictReport, ConflictStatus
from kb.errors import InvalidTransition, ValidationFailed
from kb.trees import services as tree_services
from tests.kb.consistency.conftest import FIFTEEN_DAYS, NO_RETURN_PERIOD, SEVEN_DAYS, only_report
from tests.kb.trees.conftest import parcel_graph, tree_input

pytestmark = pytest.mark.django_db


def actions(report: ConflictReport) -> list[str]:
    return list(report.events.order_by("at", "id").values_list("action", flat=True))


def test_a_check_after_publishing_opens_a_report_with_both_sides_and_evidence(conflicting_pair):
    seven, fifteen = conflicting_pair

    result = services.check_article_conflicts(article=fifteen)

    assert result is not None and result.opened == 1
    report = only_report()
    assert report.status == ConflictStatus.OPEN
    assert report.kind == "numeric"
    sides = {report.a_article_id: (report.evidence_a, report.value_a, report.a_version),
             report.b_article_id: (report.evidence_b, report.value_b, report.b_version)}  # fmt: skip
    assert "7 天" in sides[seven.pk][0] and sides[seven.pk][1] == "7 天" and sides[seven.pk][2] == 1
    assert "15 天" in sides[fifteen.pk][0] and sides[fifteen.pk][1] == "15 天"
    assert "退货政策" in report.explanation_zh and "7 天" in report.explanation_zh and "15 天" in report.explanation_zh
    assert "says 7 天" in report.explanation_en
    assert 0 < report.confidence <= 1
    assert report.first_seen == report.last_seen == report.opened_at
    assert actions(report) == ["opened"]


def test_checking_either_side_finds_the_same_report(conflicting_pair):
    seven, fifteen = conflicting_pair
    services.check_article_conflicts(article=fifteen)

    result = services.check_article_conflicts(article=seven)

    assert result.opened == 0 and result.refreshed == 1
    assert ConflictReport.objects.count() == 1


def test_a_dismissed_pair_stays_dismissed_until_one_of_the_texts_changes(conflicting_pair, publish, reviewer):
    seven, fifteen = conflicting_pair
    services.check_article_conflicts(article=fifteen)
    services.dismiss_conflict(report=only_report(), by=reviewer, reason="15 天是活动期间的特例")

    again = services.check_article_conflicts(article=seven)
    assert again.still_dismissed == 1 and only_report().status == ConflictStatus.DISMISSED

    publish("退货规则调整", FIFTEEN_DAYS + "\n\n活动截至月底。", article=fifteen)  # version 2: the text changed
    changed = services.check_article_conflicts(article=fifteen)

    report = only_report()
    assert changed.reopened == 1
    assert report.status == ConflictStatus.OPEN and report.dismissed_reason == ""
    assert {report.a_version, report.b_version} == {1, 2}
    assert actions(report) == ["opened", "dismissed", "reopened"]
    assert report.events.get(action="dismissed").detail["reason"] == "15 天是活动期间的特例"
    assert report.events.get(action="reopened").detail["why"] == "text_changed"


def test_an_edit_that_removes_the_contradiction_resolves_the_report_and_its_return_reopens_it(
    conflicting_pair, publish
):
    _seven, fifteen = conflicting_pair
    services.check_article_conflicts(article=fifteen)

    publish("退货规则调整", NO_RETURN_PERIOD, article=fifteen)
    fixed = services.check_article_conflicts(article=fifteen)

    report = only_report()
    assert fixed.resolved == 1
    assert report.status == ConflictStatus.RESOLVED and report.resolved_at is not None

    publish("退货规则调整", FIFTEEN_DAYS, article=fifteen)
    services.check_article_conflicts(article=fifteen)

    report = only_report()
    assert report.status == ConflictStatus.OPEN and report.resolved_at is None
    assert report.b_version == 3 or report.a_version == 3
    assert actions(report) == ["opened", "resolved", "reopened"]
    assert report.events.get(action="reopened").detail["why"] == "found_again"


def test_dismissing_needs_a_reason_and_an_open_report(conflicting_pair, reviewer):
    services.check_article_conflicts(article=conflicting_pair[1])
    report = only_report()

    with pytest.raises(ValidationFailed) as error:
        services.dismiss_conflict(report=report, by=reviewer, reason="  ")
    assert "reason" in error.value.fields
    services.dismiss_conflict(report=report, by=reviewer, reason="不同活动")
    with pytest.raises(InvalidTransition):
        services.dismiss_conflict(report=report, by=reviewer, reason="again")

    report.refresh_from_db()
    assert report.dismissed_by == reviewer and report.dismissed_at is not None


def test_dismissing_several_reports_is_all_or_none(conflicting_pair, publish, reviewer):
    services.check_article_conflicts(article=conflicting_pair[1])
    services.check_article_conflicts(article=publish("退货期限说明", "# 退货\n\n商品签收后 30 天内可申请无理由退货。"))
    first, second, third = ConflictReport.objects.order_by("pk")
    services.dismiss_conflict(report=third, by=reviewer, reason="先驳回的")

    with pytest.raises(InvalidTransition):
        services.dismiss_conflicts(reports=[first, second, third], by=reviewer, reason="不同商品")
    assert {r.status for r in ConflictReport.objects.filter(pk__in=[first.pk, second.pk])} == {ConflictStatus.OPEN}

    assert services.dismiss_conflicts(reports=[first, second], by=reviewer, reason="不同商品") == 2
    assert ConflictReport.objects.filter(status=ConflictStatus.DISMISSED).count() == 3


def test_reports_are_assigned_to_editors_only(conflicting_pair, reviewer, editor, agent):
    services.check_article_conflicts(article=conflicting_pair[1])
    report = only_report()

    with pytest.raises(ValidationFailed):
        services.assign_conflict(report=report, assignee=agent, by=reviewer)
    services.assign_conflict(report=report, assignee=editor, by=reviewer)

    report.refresh_from_db()
    assert report.assigned_to == editor
    assert report.events.get(action=ConflictEvent.Action.ASSIGNED).detail == {"assignee": editor.username}


def test_a_full_scan_resolves_reports_whose_article_was_archived(conflicting_pair, reviewer):
    _seven, fifteen = conflicting_pair
    first = services.run_full_scan()
    assert first.opened == 1

    kb_services.archive_article(article=fifteen, by=reviewer)
    second = services.run_full_scan()

    assert second.resolved == 1 and only_report().status == ConflictStatus.RESOLVED


def test_tree_outcomes_are_checked_against_articles(publish, editor, reviewer):
    publish("退货政策", SEVEN_DAYS)
    graph = parcel_graph()
    graph["nodes"][2]["resolution"] = "商品签收后 15 天内可以无理由退货，请引导客户在 App 申请。"
    tree = tree_services.create_tree(data=tree_input(graph=graph), by=editor, external_id="parcel").tree
    tree_services.publish_tree(tree=tree, by=reviewer)

    result = services.check_tree_conflicts(tree=tree)

    assert result is not None and result.opened == 1
    report = only_report()
    refs = {report.a_ref, report.b_ref}
    assert "tree:parcel#in-transit" in refs
    assert (report.a_tree or report.b_tree) == tree


def test_a_tree_about_one_product_is_checked_against_that_products_texts_only(publish, editor, reviewer):
    broadband = publish("宽带退订", "宽带退订后，装维人员 72 小时内上门拆机。", product="星辰宽带")
    publish("手机维修", "手机寄修后，维修中心 48 小时内上门取件。", product="Nova Phone X2")
    graph = parcel_graph()
    graph["nodes"][2]["resolution"] = "宽带退订后，装维人员 48 小时内上门拆机并回收光猫。"
    tree = tree_services.create_tree(data=tree_input(graph=graph, product="星辰宽带"), by=editor).tree
    tree_services.publish_tree(tree=tree, by=reviewer)

    assert services.check_tree_conflicts(tree=tree).opened == 1
    report = only_report()
    assert broadband in (report.a_article, report.b_article) and tree in (report.a_tree, report.b_tree)

    other = tree_services.create_tree(data=tree_input(graph=graph, product="Nova Phone X2"), by=editor).tree
    tree_services.publish_tree(tree=other, by=reviewer)
    assert services.check_tree_conflicts(tree=other).opened == 0  # 宽带 is another product's matter


def test_outcomes_of_one_tree_are_not_compared_with_each_other(editor, reviewer):
    graph = parcel_graph()
    graph["nodes"][2]["resolution"] = "商品签收后 15 天内可以无理由退货。"
    graph["nodes"][3]["resolution"] = "商品签收后 7 天内可以无理由退货。"
    tree = tree_services.create_tree(data=tree_input(graph=graph), by=editor).tree
    tree_services.publish_tree(tree=tree, by=reviewer)

    assert services.run_full_scan().found == 0


def test_an_article_without_a_live_version_is_not_checked(article_input, editor):
    article = kb_services.create_article(data=article_input(body=SEVEN_DAYS), by=editor).article

    assert services.check_article_conflicts(article=article) is None
