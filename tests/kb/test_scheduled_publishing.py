"""Scheduled publish and expiry happen on time with nobody at the keyboard: Celery beat
runs kb.tasks.apply_schedules in a real worker process."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kb import selectors, services
from kb.models import VersionState
from tests.conftest import wait_for


@pytest.mark.worker
def test_beat_publishes_at_the_publish_time_and_expires_at_the_expiry_time(
    worker_process, editor, reviewer, agent, article_input
):
    now = timezone.now()
    data = article_input(publish_at=now + timedelta(seconds=2), expire_at=now + timedelta(seconds=5))
    article = services.create_article(data=data, by=editor).article
    assert services.publish_article(article=article, by=reviewer).state == VersionState.APPROVED

    def published() -> bool:
        """the scheduled version is published"""
        return article.versions.filter(state=VersionState.PUBLISHED).exists()

    wait_for(published, timeout=30)
    assert timezone.now() >= data.publish_at
    assert selectors.visible_versions(agent).filter(article=article).exists()

    def expired() -> bool:
        """the published version has expired"""
        return article.versions.filter(state=VersionState.EXPIRED).exists()

    wait_for(expired, timeout=30)
    assert not selectors.visible_versions(agent).filter(article=article).exists()
    actions = list(article.audit_events.order_by("id").values_list("action", "actor"))
    assert actions[-2:] == [("publish", None), ("expire", None)]
