from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kb import selectors, services
from kb.errors import EditConflict, InvalidTransition, ValidationFailed
from kb.models import AuditEvent, VersionState

pytestmark = pytest.mark.django_db


def test_a_draft_goes_through_review_and_becomes_the_one_published_version(editor, reviewer, agent, article_input):
    draft = services.create_article(data=article_input(), by=editor)
    article = draft.article
    assert not selectors.visible_versions(agent).filter(article=article).exists()

    services.submit_for_review(article=article, by=editor)
    services.publish_article(article=article, by=reviewer)

    live = selectors.get_article_for_reader(agent, article.pk)
    assert live.number == 1 and live.state == VersionState.PUBLISHED
    actions = list(AuditEvent.objects.filter(article=article).order_by("id").values_list("action", flat=True))
    assert actions == ["create", "submit", "publish"]


def test_editing_a_published_article_starts_a_new_draft_and_publishing_replaces_the_old(
    editor, reviewer, agent, article_input
):
    v1 = services.create_article(data=article_input(), by=editor)
    article = v1.article
    services.publish_article(article=article, by=reviewer)
    article.refresh_from_db()

    v2 = services.save_draft(
        article=article,
        data=article_input(body="收到商品后 14 天内可以退货。"),
        by=editor,
        base_revision=article.revision,
    )
    assert v2.number == 2 and v2.state == VersionState.DRAFT
    assert selectors.get_article_for_reader(agent, article.pk).number == 1  # agents still see v1

    services.publish_article(article=article, by=reviewer)
    v1.refresh_from_db()
    assert v1.state == VersionState.SUPERSEDED
    assert selectors.get_article_for_reader(agent, article.pk).body.startswith("收到商品后 14 天")
    assert article.versions.filter(state=VersionState.PUBLISHED).count() == 1


def test_saving_from_a_stale_revision_is_a_conflict_that_carries_the_other_text(editor, editor2, article_input):
    article = services.create_article(data=article_input(), by=editor).article
    article.refresh_from_db()
    base = article.revision
    services.save_draft(article=article, data=article_input(body="Erin's text"), by=editor, base_revision=base)

    with pytest.raises(EditConflict) as conflict:
        services.save_draft(article=article, data=article_input(body="Evan's text"), by=editor2, base_revision=base)

    assert conflict.value.current["body"] == "Erin's text"
    assert article.versions.get().body == "Erin's text"


def test_rollback_copies_an_old_version_into_a_new_draft_without_rewriting_history(editor, reviewer, article_input):
    article = services.create_article(data=article_input(title="v1 title"), by=editor).article
    services.publish_article(article=article, by=reviewer)
    services.save_draft(article=article, data=article_input(title="v2 title"), by=editor, base_revision=None)
    services.publish_article(article=article, by=reviewer)

    v1 = selectors.get_version(article, 1)
    copy = services.rollback_article(article=article, to_version=v1, by=editor)

    assert (copy.number, copy.title, copy.state) == (3, "v1 title", VersionState.DRAFT)
    assert list(copy.tags.values_list("name", flat=True)) == ["退货"]
    assert [v.title for v in selectors.list_versions(article)] == ["v1 title", "v2 title", "v1 title"]


def test_rollback_is_refused_while_a_draft_is_open(editor, article_input):
    article = services.create_article(data=article_input(), by=editor).article
    with pytest.raises(InvalidTransition):
        services.rollback_article(article=article, to_version=article.versions.get(), by=editor)


def test_send_back_requires_a_comment_and_returns_the_version_to_draft(editor, reviewer, article_input):
    article = services.create_article(data=article_input(), by=editor).article
    services.submit_for_review(article=article, by=editor)
    with pytest.raises(ValidationFailed):
        services.send_back(article=article, by=reviewer, comment="  ")
    version = services.send_back(article=article, by=reviewer, comment="请补充运费规则")
    assert version.state == VersionState.DRAFT and version.review_comment == "请补充运费规则"


def test_archive_hides_the_article_from_agents_and_publishing_again_restores_it(editor, reviewer, agent, article_input):
    article = services.create_article(data=article_input(), by=editor).article
    services.publish_article(article=article, by=reviewer)
    services.archive_article(article=article, by=reviewer)
    assert not selectors.visible_versions(agent).filter(article=article).exists()

    services.save_draft(article=article, data=article_input(), by=editor, base_revision=None)
    services.publish_article(article=article, by=reviewer)
    article.refresh_from_db()
    assert article.archived_at is None
    assert selectors.visible_versions(agent).filter(article=article).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "   "}, "title"),
        ({"body": "字" * 400_000}, "body"),
        ({"category": "no-such-category"}, "category"),
        ({"language": "fr"}, "language"),
        ({"audience": "everyone"}, "audience"),
        ({"tags": ["x" * 61]}, "tags"),
    ],
)
def test_bad_input_is_refused_with_a_message_for_the_field(editor, article_input, overrides, field):
    with pytest.raises(ValidationFailed) as failed:
        services.create_article(data=article_input(**overrides), by=editor)
    assert field in failed.value.fields


def test_expiry_before_publish_time_is_refused(editor, article_input):
    now = timezone.now()
    data = article_input(publish_at=now + timedelta(days=2), expire_at=now + timedelta(days=1))
    with pytest.raises(ValidationFailed) as failed:
        services.create_article(data=data, by=editor)
    assert "expire_at" in failed.value.fields


def test_scheduled_publish_and_expiry_are_applied_when_their_time_comes(editor, reviewer, agent, article_input):
    now = timezone.now()
    data = article_input(publish_at=now + timedelta(hours=1), expire_at=now + timedelta(hours=5))
    article = services.create_article(data=data, by=editor).article
    version = services.publish_article(article=article, by=reviewer)
    assert version.state == VersionState.APPROVED

    assert services.apply_schedules(now=now) == {"published": 0, "expired": 0}
    assert services.apply_schedules(now=now + timedelta(hours=1, seconds=1)) == {"published": 1, "expired": 0}
    assert selectors.visible_versions(agent).filter(article=article).exists()

    assert services.apply_schedules(now=now + timedelta(hours=5, seconds=1)) == {"published": 0, "expired": 1}
    version.refresh_from_db()
    assert version.state == VersionState.EXPIRED
    assert not selectors.visible_versions(agent).filter(article=article).exists()
    assert list(AuditEvent.objects.filter(article=article).values_list("action", flat=True)[:2]) == [
        "expire",
        "publish",
    ]
