"""The conflict pages through the HTTP client: the queue, the side-by-side view, dismiss and
assign, the dashboard, and the pre-publish warning on the review page and the editor's submit."""

from __future__ import annotations

from html import unescape

import pytest

from kb import services as kb_services
from kb.consistency import services
from kb.consistency.display import highlight_text
from kb.consistency.models import ConflictReport, ConflictStatus
from kb.models import VersionState
from tests.conftest import client_for
from tests.kb.consistency.conftest import FIFTEEN_DAYS, NO_RETURN_PERIOD, SEVEN_DAYS, only_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(conflicting_pair) -> ConflictReport:  # type: ignore[no-untyped-def]
    services.check_article_conflicts(article=conflicting_pair[1])
    return only_report()


def test_reviewers_see_the_queue_with_counts_and_filters(report, reviewer):
    client = client_for(reviewer)

    page = client.get("/kb/conflicts/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 report" in html and "退货政策" in html and "退货规则调整" in html
    assert f"/kb/conflicts/{report.pk}/" in html

    assert "退货政策" not in client.get("/kb/conflicts/?kind=polarity").content.decode()
    assert "退货政策" in client.get("/kb/conflicts/?kind=numeric&category=refunds&confidence=0.7").content.decode()
    assert "退货政策" not in client.get("/kb/conflicts/?age=month").content.decode()
    assert client.get("/kb/conflicts/?kind=<script>&confidence=x").status_code == 200


def test_the_side_by_side_view_marks_both_evidence_sentences_and_escapes_the_rest(publish, reviewer):
    publish("退货政策", SEVEN_DAYS + "\n\n<script>alert(1)</script> 请勿轻信。")
    fifteen = publish("退货规则调整", FIFTEEN_DAYS)
    services.check_article_conflicts(article=fifteen)

    page = client_for(reviewer).get(f"/kb/conflicts/{only_report().pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert '<mark id="evidence-a">' in html and '<mark id="evidence-b">' in html
    assert "7 天内可申请无理由退货" in html.split('<mark id="evidence-a">', 1)[1].split("</mark>", 1)[0] or (
        "7 天内可申请无理由退货" in html.split('<mark id="evidence-b">', 1)[1].split("</mark>", 1)[0]
    )
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f"/kb/{fifteen.pk}/edit/" in html
    assert "On returns" in html  # the explanation in the page's language (English)


def test_the_explanation_follows_the_language_of_the_page(report, reviewer):
    client = client_for(reviewer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"

    html = client.get(f"/kb/conflicts/{report.pk}/").content.decode()

    assert report.explanation_zh in html and report.explanation_en not in html


def test_a_word_with_no_translation_is_named_once_in_the_queue_and_on_the_report(report, reviewer):
    ConflictReport.objects.filter(pk=report.pk).update(attribute="承运商 / 承运商")
    client = client_for(reviewer)

    for page in (client.get("/kb/conflicts/"), client.get(f"/kb/conflicts/{report.pk}/")):
        html = page.content.decode()
        assert "承运商" in html and "承运商 / 承运商" not in html
    report.refresh_from_db()
    assert report.attribute == "承运商 / 承运商"  # stored as found: it is part of the report's identity


def test_dismissing_needs_a_reason_then_takes_the_report_out_of_the_queue(report, reviewer):
    client = client_for(reviewer)

    refused = client.post(f"/kb/conflicts/{report.pk}/dismiss/", {"reason": ""})
    assert refused.status_code == 400 and "A reason is required." in refused.content.decode()
    report.refresh_from_db()
    assert report.status == ConflictStatus.OPEN

    done = client.post(f"/kb/conflicts/{report.pk}/dismiss/", {"reason": "活动特例"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == ConflictStatus.DISMISSED and report.dismissed_reason == "活动特例"
    assert "0 reports" in client.get("/kb/conflicts/").content.decode()
    assert "活动特例" in client.get("/kb/conflicts/?status=dismissed").content.decode()

    reopened = client.post(f"/kb/conflicts/{report.pk}/reopen/")
    assert reopened.status_code == 302
    report.refresh_from_db()
    assert report.status == ConflictStatus.OPEN


@pytest.fixture
def three_reports(publish) -> list[ConflictReport]:  # type: ignore[no-untyped-def]
    """Three return windows (7, 15 and 30 days): three reports, one per pair."""
    publish("退货政策", SEVEN_DAYS)
    services.check_article_conflicts(article=publish("退货规则调整", FIFTEEN_DAYS))
    services.check_article_conflicts(article=publish("退货期限说明", "# 退货\n\n商品签收后 30 天内可申请无理由退货。"))
    return list(ConflictReport.objects.order_by("pk"))


def test_reviewers_dismiss_ticked_reports_with_one_reason_and_keep_their_filters(three_reports, reviewer):
    client = client_for(reviewer)
    first, second, third = three_reports
    queue = client.get("/kb/conflicts/").content.decode()
    assert queue.count('name="reports"') == 3 and 'id="select-all-reports"' in queue
    assert 'name="reports"' not in client.get("/kb/conflicts/?status=dismissed").content.decode()

    no_reason = client.post("/kb/conflicts/dismiss/?kind=numeric", {"reports": [first.pk, second.pk], "reason": " "})
    assert no_reason.status_code == 400 and "A reason is required." in no_reason.content.decode()
    assert unescape(no_reason.content.decode()).count("checked") == 2  # the ticks survive the error
    nothing_ticked = client.post("/kb/conflicts/dismiss/", {"reason": "不同商品"})
    assert nothing_ticked.status_code == 400 and "Select at least one report." in nothing_ticked.content.decode()
    assert ConflictReport.objects.filter(status=ConflictStatus.OPEN).count() == 3

    done = client.post("/kb/conflicts/dismiss/?kind=numeric", {"reports": [first.pk, second.pk], "reason": "不同商品"})

    assert done.status_code == 302 and done["Location"] == "/kb/conflicts/?kind=numeric"
    for report in (first, second):
        report.refresh_from_db()
        assert report.status == ConflictStatus.DISMISSED and report.dismissed_reason == "不同商品"
        assert report.events.filter(action="dismissed", actor=reviewer, detail__reason="不同商品").exists()
    third.refresh_from_db()
    assert third.status == ConflictStatus.OPEN
    assert "Dismissed 2 reports." in client.get(done["Location"]).content.decode()
    last = client.post("/kb/conflicts/dismiss/", {"reports": [third.pk], "reason": "不同商品"})
    assert last.status_code == 302 and last["Location"] == "/kb/conflicts/"
    again = client.post("/kb/conflicts/dismiss/", {"reports": [first.pk], "reason": "不同商品"})
    assert again.status_code == 400 and "no longer open" in again.content.decode()


def test_only_reviewers_dismiss_in_bulk(report, editor, agent):
    for user in (editor, agent):
        assert (
            client_for(user).post("/kb/conflicts/dismiss/", {"reports": [report.pk], "reason": "x"}).status_code == 403
        )
    report.refresh_from_db()
    assert report.status == ConflictStatus.OPEN


def test_an_assigned_editor_sees_the_report_and_other_editors_do_not(report, reviewer, editor, editor2):
    assert client_for(editor).get(f"/kb/conflicts/{report.pk}/").status_code == 404

    response = client_for(reviewer).post(f"/kb/conflicts/{report.pk}/assign/", {"assignee": editor.pk})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.assigned_to == editor
    mine = client_for(editor)
    assert mine.get(f"/kb/conflicts/{report.pk}/").status_code == 200
    assert "1 report" in mine.get("/kb/conflicts/").content.decode()
    assert "My conflicts" in mine.get("/kb/conflicts/").content.decode()
    assert mine.post(f"/kb/conflicts/{report.pk}/dismiss/", {"reason": "x"}).status_code == 403
    assert client_for(editor2).get(f"/kb/conflicts/{report.pk}/").status_code == 404
    assert "0 reports" in client_for(editor2).get("/kb/conflicts/").content.decode()


def test_agents_and_outsiders_cannot_see_reports(report, agent, outsider):
    for user in (agent, outsider):
        assert client_for(user).get("/kb/conflicts/").status_code == 403
        assert client_for(user).get(f"/kb/conflicts/{report.pk}/").status_code == 403


def test_the_dashboard_shows_open_reports_by_category_and_time_to_resolve(conflicting_pair, publish, reviewer, editor):
    services.check_article_conflicts(article=conflicting_pair[1])
    publish("退货规则调整", NO_RETURN_PERIOD, article=conflicting_pair[1])
    services.check_article_conflicts(article=conflicting_pair[1])

    page = client_for(reviewer).get("/kb/conflicts/dashboard/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "Open conflicts over the last 30 days" in html and "Mean time to resolve" in html
    assert "over 1 resolution" in html
    assert client_for(editor).get("/kb/conflicts/dashboard/").status_code == 403


def test_the_navigation_shows_the_open_count_to_reviewers(report, reviewer):
    html = client_for(reviewer).get("/kb/conflicts/").content.decode()

    assert "1 open conflict" in html


# The pre-publish warning ---------------------------------------------------------------------------


@pytest.fixture
def submitted_fifteen(publish, editor, article_input):  # type: ignore[no-untyped-def]
    """A live 7-day policy, and a new article saying 15 days waiting for review."""
    publish("退货政策", SEVEN_DAYS)
    version = kb_services.create_article(
        data=article_input(title="退货规则调整", body=FIFTEEN_DAYS, tags=[]), by=editor
    )
    kb_services.submit_for_review(article=version.article, by=editor)
    return version.article


def test_the_review_page_warns_about_the_conflicts_the_new_version_would_bring(submitted_fifteen, reviewer):
    page = client_for(reviewer).get(f"/kb/{submitted_fifteen.pk}/review/")

    html = unescape(page.content.decode())
    assert page.status_code == 200
    assert "This version contradicts 1 published text" in html
    assert "this says 15 天" in html and '"退货政策" says 7 天' in html
    assert 'name="acknowledge_conflicts"' in html


def test_publishing_without_the_acknowledgment_is_refused_with_the_warning(submitted_fifteen, reviewer):
    client = client_for(reviewer)
    revision = submitted_fifteen.revision

    refused = client.post(f"/kb/{submitted_fifteen.pk}/publish/", {"base_revision": revision})

    assert refused.status_code == 409
    assert "This version contradicts 1 published text" in refused.content.decode()
    assert submitted_fifteen.versions.get().state == VersionState.IN_REVIEW

    published = client.post(
        f"/kb/{submitted_fifteen.pk}/publish/", {"base_revision": revision, "acknowledge_conflicts": "on"}
    )
    assert published.status_code == 302
    assert submitted_fifteen.versions.get().state == VersionState.PUBLISHED


def test_a_version_without_conflicts_publishes_without_a_warning(publish, editor, reviewer, article_input):
    publish("退货政策", SEVEN_DAYS)
    article = kb_services.create_article(
        data=article_input(title="发票", body="电子发票在订单完成后可以申请。"), by=editor
    ).article

    response = client_for(reviewer).post(f"/kb/{article.pk}/publish/", {"base_revision": article.revision})

    assert response.status_code == 302
    assert article.versions.get().state == VersionState.PUBLISHED


def _form(article_input, **fields):  # type: ignore[no-untyped-def]
    data = article_input(**fields)
    return {"title": data.title, "body": data.body, "category": data.category, "language": "zh-hans",
            "audience": "internal", "tags": "", "summary": "", "product": "", "change_note": ""}  # fmt: skip


def test_an_editor_submitting_a_contradicting_text_sees_the_warning_and_nothing_is_saved(
    publish, editor, article_input
):
    publish("退货政策", SEVEN_DAYS)
    client = client_for(editor)
    form = {**_form(article_input, title="退货规则调整", body=FIFTEEN_DAYS), "action": "submit"}

    warned = client.post("/kb/new/", form)

    assert warned.status_code == 409
    html = warned.content.decode()
    assert "This version contradicts 1 published text" in html and "submit anyway" in html
    assert FIFTEEN_DAYS.splitlines()[-1] in html  # the editor's text is kept in the form
    assert not kb_services.Article.objects.filter(versions__title="退货规则调整").exists()

    submitted = client.post("/kb/new/", {**form, "acknowledge_conflicts": "on"})

    assert submitted.status_code == 302
    assert kb_services.ArticleVersion.objects.get(title="退货规则调整").state == VersionState.IN_REVIEW


def test_submitting_an_edit_that_contradicts_warns_and_the_history_button_too(publish, editor, article_input):
    publish("退货政策", SEVEN_DAYS)
    other = publish("会员权益", "会员每月可领取一张运费券。")
    client = client_for(editor)
    form = {**_form(article_input, title="会员权益", body=FIFTEEN_DAYS), "base_revision": other.revision}

    warned = client.post(f"/kb/{other.pk}/edit/", {**form, "action": "submit"})
    assert warned.status_code == 409
    assert other.versions.count() == 1

    saved = client.post(f"/kb/{other.pk}/edit/", {**form, "action": "save"})
    assert saved.status_code == 302
    other.refresh_from_db()
    from_history = client.post(f"/kb/{other.pk}/submit/", {"base_revision": other.revision})
    assert from_history.status_code == 409 and "This version contradicts" in from_history.content.decode()
    assert other.versions.get(number=2).state == VersionState.DRAFT

    acknowledged = client.post(
        f"/kb/{other.pk}/submit/", {"base_revision": other.revision, "acknowledge_conflicts": "on"}
    )
    assert acknowledged.status_code == 302
    assert other.versions.get(number=2).state == VersionState.IN_REVIEW


def test_a_yes_or_no_answer_is_marked_together_with_its_question():
    body = "**Can my family use my card?** Yes. Up to three family members can be added."
    html = str(highlight_text(body, "Can my family use my card? Yes.", language="en", mark_id="evidence-a"))
    assert html.count("<mark") == 2 and '<mark id="evidence-a">Can my family use my card?</mark>' in html
    assert "<mark>Yes.</mark>" in html and "Up to three" not in html.split("</mark>")[-2]
