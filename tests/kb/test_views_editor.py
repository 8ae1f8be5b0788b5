from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kb import services
from kb.models import Article, AuditEvent, VersionState
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "退货政策",
        "summary": "七天无理由退货",
        "body": "# 退货\n\n收到商品后 7 天内可以无理由退货。",
        "category": "refunds",
        "tags": "退货，运费, 售后",
        "product": "商城",
        "language": "zh-hans",
        "audience": "internal",
        "change_note": "初稿",
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def draft(editor, article_input):  # type: ignore[no-untyped-def]
    article = services.create_article(data=article_input(), by=editor).article
    article.refresh_from_db()
    return article


def test_an_editor_creates_a_draft_from_the_form(editor, category):  # type: ignore[no-untyped-def]
    response = client_for(editor).post(reverse("kb:article-create"), form_data())

    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("kb:article-edit", args=[article.pk])
    version = article.versions.get()
    assert (version.title, version.state, version.change_note) == ("退货政策", VersionState.DRAFT, "初稿")
    assert sorted(version.tags.values_list("name", flat=True)) == ["售后", "运费", "退货"]
    assert article.owner == editor


def test_create_and_submit_in_one_step_puts_the_draft_in_review(editor, category):  # type: ignore[no-untyped-def]
    response = client_for(editor).post(reverse("kb:article-create"), form_data(action="submit"))

    version = Article.objects.get().versions.get()
    assert response.status_code == 302
    assert version.state == VersionState.IN_REVIEW


def test_the_edit_form_carries_the_base_revision_and_the_current_text(editor, draft):  # type: ignore[no-untyped-def]
    response = client_for(editor).get(reverse("kb:article-edit", args=[draft.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'name="base_revision" value="{draft.revision}"' in page
    assert "收到商品后 7 天内可以无理由退货。" in page
    assert 'hx-post="/kb/preview/"' in page and "<h1" in page  # live preview, already rendered once


def test_saving_the_draft_writes_a_new_text_and_bumps_the_revision(editor, draft):  # type: ignore[no-untyped-def]
    url = reverse("kb:article-edit", args=[draft.pk])
    response = client_for(editor).post(url, form_data(body="新的正文", base_revision=draft.revision))

    assert response.status_code == 302
    old_revision = draft.revision
    draft.refresh_from_db()
    assert draft.revision > old_revision
    assert draft.versions.get().body == "新的正文"


def test_a_stale_save_is_a_409_that_keeps_my_text_and_shows_theirs(editor, editor2, draft):  # type: ignore[no-untyped-def]
    base = draft.revision
    url = reverse("kb:article-edit", args=[draft.pk])
    assert client_for(editor).post(url, form_data(body="Erin 的版本", base_revision=base)).status_code == 302

    response = client_for(editor2).post(url, form_data(body="Evan 的版本：运费由商家承担", base_revision=base))

    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this article" in page
    assert "Evan 的版本：运费由商家承担</textarea>" in page  # my text, still in the editor
    assert "Erin" in page  # their text, in the diff
    draft.refresh_from_db()
    assert f'name="base_revision" value="{draft.revision}"' in page  # the new base: saving again works
    assert draft.versions.get().body == "Erin 的版本"


def test_saving_again_after_a_conflict_succeeds(editor, editor2, draft):  # type: ignore[no-untyped-def]
    base = draft.revision
    url = reverse("kb:article-edit", args=[draft.pk])
    client_for(editor).post(url, form_data(body="Erin 的版本", base_revision=base))
    client_for(editor2).post(url, form_data(body="合并后的版本", base_revision=base))
    draft.refresh_from_db()

    response = client_for(editor2).post(url, form_data(body="合并后的版本", base_revision=draft.revision))

    assert response.status_code == 302
    assert draft.versions.get().body == "合并后的版本"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"category": "no-such-category"}, "category", "Select a valid choice."),
        ({"language": "fr"}, "language", "Select a valid choice."),
        ({"body": "字" * 400_000}, "body", "larger than 1 MB"),
        ({"tags": "x" * 61}, "tags", "longer than 60 characters"),
        ({"publish_at": "2031-01-02T10:00", "expire_at": "2031-01-01T10:00"}, "expire_at", "must be after"),
        ({"expire_at": "not a date"}, "expire_at", "Enter a valid date/time."),
    ],
)
def test_bad_input_is_a_400_with_the_message_next_to_the_field_and_nothing_saved(  # type: ignore[no-untyped-def]
    editor, category, overrides, field, message
):
    response = client_for(editor).post(reverse("kb:article-create"), form_data(**overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not Article.objects.exists()
    assert "七天无理由退货" in response.content.decode()  # what was typed is kept


def test_submitting_from_the_history_page_needs_the_current_revision(editor, editor2, draft, article_input):  # type: ignore[no-untyped-def]
    url = reverse("kb:article-submit", args=[draft.pk])
    seen = draft.revision
    services.save_draft(article=draft, data=article_input(body="Evan 改了"), by=editor2, base_revision=seen)
    stale = client_for(editor).post(url, {"base_revision": seen})
    assert stale.status_code == 409
    assert "Someone else saved this article" in stale.content.decode()
    draft.refresh_from_db()
    assert draft.versions.get().state == VersionState.DRAFT

    response = client_for(editor).post(url, {"base_revision": draft.revision})
    assert response.status_code == 302
    assert draft.versions.get().state == VersionState.IN_REVIEW


def test_discarding_a_draft_keeps_it_in_the_history(editor, draft):  # type: ignore[no-untyped-def]
    response = client_for(editor).post(
        reverse("kb:article-discard", args=[draft.pk]), {"base_revision": draft.revision}
    )

    assert response.status_code == 302
    assert draft.versions.get().state == VersionState.DISCARDED
    history = client_for(editor).get(reverse("kb:article-history", args=[draft.pk])).content.decode()
    assert "Discarded" in history


def test_history_and_review_queue_name_people_by_their_full_name(editor, reviewer, draft):  # type: ignore[no-untyped-def]
    editor.first_name, editor.last_name = "文博", "周"
    editor.save(update_fields=["first_name", "last_name"])
    services.submit_for_review(article=draft, by=editor, base_revision=draft.revision)

    history = client_for(editor).get(reverse("kb:article-history", args=[draft.pk])).content.decode()
    queue = client_for(reviewer).get(reverse("kb:review-queue")).content.decode()

    assert "文博 周" in history and "文博 周" in queue


def test_the_preview_renders_markdown_and_drops_scripts(editor):  # type: ignore[no-untyped-def]
    body = "## 标题\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=x onerror=alert(3)>"
    response = client_for(editor).post(reverse("kb:preview"), {"body": body})

    page = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="标题">' in page
    assert "<script" not in page and "javascript:" not in page and "onerror" not in page


def test_the_preview_is_for_editors_only(agent):  # type: ignore[no-untyped-def]
    assert client_for(agent).post(reverse("kb:preview"), {"body": "x"}).status_code == 403
    assert Client().post(reverse("kb:preview"), {"body": "x"}).status_code == 302


def test_history_diff_and_version_pages_show_every_version(editor, reviewer, draft, article_input):  # type: ignore[no-untyped-def]
    services.publish_article(article=draft, by=reviewer)
    services.save_draft(
        article=draft,
        data=article_input(body="# 退货\n\n收到商品后 14 天内可以无理由退货。", change_note="延长到 14 天"),
        by=editor,
        base_revision=None,
    )
    client = client_for(editor)

    history = client.get(reverse("kb:article-history", args=[draft.pk])).content.decode()
    diff = client.get(reverse("kb:article-diff", args=[draft.pk]), {"a": 1, "b": 2}).content.decode()
    version = client.get(reverse("kb:version-detail", args=[draft.pk, 1]))

    assert "延长到 14 天" in history and "v1" in history and "v2" in history
    assert "<del>7</del>" in diff and "<ins>14</ins>" in diff
    assert version.status_code == 200 and "收到商品后 7 天内" in version.content.decode()
    assert client.get(reverse("kb:article-diff", args=[draft.pk]), {"a": "x"}).status_code == 400
    assert client.get(reverse("kb:article-diff", args=[draft.pk]), {"a": 1, "b": 9}).status_code == 404


def test_restore_copies_an_old_version_into_a_new_draft(editor, reviewer, draft, article_input):  # type: ignore[no-untyped-def]
    services.publish_article(article=draft, by=reviewer)
    services.save_draft(article=draft, data=article_input(title="第二版"), by=editor, base_revision=None)
    services.publish_article(article=draft, by=reviewer)
    draft.refresh_from_db()

    response = client_for(editor).post(
        reverse("kb:version-restore", args=[draft.pk, 1]), {"base_revision": draft.revision}
    )

    assert response.status_code == 302
    copy = draft.versions.get(number=3)
    assert (copy.title, copy.state) == ("退货政策", VersionState.DRAFT)
    assert AuditEvent.objects.filter(article=draft, action="rollback").exists()


def test_editor_pages_refuse_agents_and_send_anonymous_visitors_to_log_in(agent, draft):  # type: ignore[no-untyped-def]
    pages = [
        reverse("kb:article-list"),
        reverse("kb:article-create"),
        reverse("kb:article-edit", args=[draft.pk]),
        reverse("kb:article-history", args=[draft.pk]),
        reverse("kb:version-detail", args=[draft.pk, 1]),
    ]
    for url in pages:
        assert client_for(agent).get(url).status_code == 403, url
        assert Client().get(url).status_code == 302, url
    response = client_for(agent).post(reverse("kb:article-edit", args=[draft.pk]), form_data())
    assert response.status_code == 403
    assert draft.versions.get().title == "退货政策"


def test_the_article_list_filters_by_state_and_mine(editor, editor2, draft, article_input):  # type: ignore[no-untyped-def]
    services.create_article(data=article_input(title="Evan 的文章"), by=editor2)
    client = client_for(editor)

    mine = client.get(reverse("kb:article-list"), {"mine": "on"}).content.decode()
    in_review = client.get(reverse("kb:article-list"), {"state": "in_review"}).content.decode()

    assert "退货政策" in mine and "Evan 的文章" not in mine
    assert "退货政策" not in in_review


def test_post_only_actions_refuse_get(editor, draft):  # type: ignore[no-untyped-def]
    for name in ["kb:article-submit", "kb:article-discard"]:
        assert client_for(editor).get(reverse(name, args=[draft.pk])).status_code == 405


def test_pages_of_an_article_written_by_an_import_show_the_system_as_author(  # type: ignore[no-untyped-def]
    editor, reviewer, article_input
):
    article = services.create_article(data=article_input(), by=None).article
    services.publish_article(article=article, by=None)
    services.save_draft(article=article, data=article_input(body="新"), by=None, base_revision=None)
    services.submit_for_review(article=article, by=None)
    pages = [
        (editor, reverse("kb:article-history", args=[article.pk])),
        (editor, reverse("kb:version-detail", args=[article.pk, 1])),
        (editor, reverse("kb:article-diff", args=[article.pk]) + "?a=1&b=2"),
        (reviewer, reverse("kb:review-queue")),
        (reviewer, reverse("kb:article-review", args=[article.pk])),
    ]
    for user, url in pages:
        assert client_for(user).get(url).status_code == 200, url
