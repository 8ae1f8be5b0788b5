from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kb import services
from kb.models import AuditEvent, VersionState
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(editor, article_input):  # type: ignore[no-untyped-def]
    article = services.create_article(data=article_input(), by=editor).article
    services.submit_for_review(article=article, by=editor)
    article.refresh_from_db()
    return article


def test_the_review_queue_lists_submitted_versions_with_a_count_in_the_nav(reviewer, submitted):  # type: ignore[no-untyped-def]
    response = client_for(reviewer).get(reverse("kb:review-queue"))
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("kb:article-review", args=[submitted.pk]) in page
    assert '<span class="count"' in page


def test_the_review_page_shows_the_changes_against_the_published_version(  # type: ignore[no-untyped-def]
    editor, reviewer, submitted, article_input
):
    services.publish_article(article=submitted, by=reviewer)
    services.save_draft(
        article=submitted,
        data=article_input(body="# 退货\n\n收到商品后 14 天内可以无理由退货。"),
        by=editor,
        base_revision=None,
    )
    services.submit_for_review(article=submitted, by=editor)

    page = client_for(reviewer).get(reverse("kb:article-review", args=[submitted.pk])).content.decode()

    assert "<del>7</del>" in page and "<ins>14</ins>" in page
    assert "Approve and publish" in page and "Send back to the editor" in page


def test_a_reviewer_approves_and_agents_see_it(reviewer, agent, submitted):  # type: ignore[no-untyped-def]
    response = client_for(reviewer).post(
        reverse("kb:article-publish", args=[submitted.pk]), {"base_revision": submitted.revision, "comment": "好"}
    )

    assert response.status_code == 302
    version = submitted.versions.get()
    assert (version.state, version.review_comment, version.reviewed_by) == (VersionState.PUBLISHED, "好", reviewer)
    assert client_for(agent).get(submitted.get_absolute_url()).status_code == 200


def test_approving_a_version_with_a_future_publish_time_schedules_it(editor, reviewer, agent, article_input):  # type: ignore[no-untyped-def]
    later = timezone.now() + timedelta(days=1)
    article = services.create_article(data=article_input(publish_at=later), by=editor).article
    article.refresh_from_db()

    client_for(reviewer).post(reverse("kb:article-publish", args=[article.pk]), {"base_revision": article.revision})

    assert article.versions.get().state == VersionState.APPROVED
    assert client_for(agent).get(article.get_absolute_url()).status_code == 404


def test_approving_a_version_that_changed_since_the_page_was_shown_is_a_409(editor, reviewer, submitted, article_input):  # type: ignore[no-untyped-def]
    stale = submitted.revision
    services.save_draft(article=submitted, data=article_input(body="改了"), by=editor, base_revision=None)

    response = client_for(reviewer).post(reverse("kb:article-publish", args=[submitted.pk]), {"base_revision": stale})

    assert response.status_code == 409
    assert submitted.versions.get().state == VersionState.DRAFT


def test_sending_back_needs_a_comment(reviewer, submitted):  # type: ignore[no-untyped-def]
    url = reverse("kb:article-send-back", args=[submitted.pk])
    empty = client_for(reviewer).post(url, {"base_revision": submitted.revision, "comment": "  "})
    assert empty.status_code == 400
    assert "A comment is required." in empty.content.decode()
    assert submitted.versions.get().state == VersionState.IN_REVIEW

    response = client_for(reviewer).post(url, {"base_revision": submitted.revision, "comment": "请补充运费规则"})
    assert response.status_code == 302
    version = submitted.versions.get()
    assert (version.state, version.review_comment) == (VersionState.DRAFT, "请补充运费规则")


def test_the_editor_sees_the_reviewers_comment_on_the_edit_page(editor, reviewer, submitted):  # type: ignore[no-untyped-def]
    services.send_back(article=submitted, by=reviewer, comment="请补充运费规则")
    page = client_for(editor).get(reverse("kb:article-edit", args=[submitted.pk])).content.decode()
    assert "请补充运费规则" in page


def test_a_reviewer_archives_a_published_article(reviewer, agent, submitted):  # type: ignore[no-untyped-def]
    services.publish_article(article=submitted, by=reviewer)
    submitted.refresh_from_db()

    response = client_for(reviewer).post(
        reverse("kb:article-archive", args=[submitted.pk]), {"base_revision": submitted.revision}
    )

    assert response.status_code == 302
    assert submitted.versions.get().state == VersionState.ARCHIVED
    assert client_for(agent).get(submitted.get_absolute_url()).status_code == 404


def test_editors_cannot_approve_send_back_or_archive(editor, submitted):  # type: ignore[no-untyped-def]
    client = client_for(editor)
    data = {"base_revision": submitted.revision, "comment": "自己批准"}
    for name in ["kb:article-publish", "kb:article-send-back", "kb:article-archive"]:
        assert client.post(reverse(name, args=[submitted.pk]), data).status_code == 403, name
    assert client.get(reverse("kb:article-review", args=[submitted.pk])).status_code == 403
    assert client.get(reverse("kb:review-queue")).status_code == 403
    assert submitted.versions.get().state == VersionState.IN_REVIEW
    assert not AuditEvent.objects.filter(article=submitted, action="publish").exists()


def test_anonymous_visitors_cannot_review(submitted):  # type: ignore[no-untyped-def]
    response = Client().post(reverse("kb:article-publish", args=[submitted.pk]), {"base_revision": 0})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert submitted.versions.get().state == VersionState.IN_REVIEW


def test_admins_can_review_too(admin_user, submitted):  # type: ignore[no-untyped-def]
    response = client_for(admin_user).post(
        reverse("kb:article-publish", args=[submitted.pk]), {"base_revision": submitted.revision}
    )
    assert response.status_code == 302
    assert submitted.versions.get().state == VersionState.PUBLISHED
