"""The index follows the database: after commit, through rebuilds, and after lost messages."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from celery import current_app
from django.db import transaction
from django.utils import timezone

from kb import services
from kb.models import Audience
from search import backend
from search import services as search
from tests.search.conftest import use_broker

pytestmark = pytest.mark.django_db


def found(query: str) -> list[int]:
    return [hit.article_id for hit in search.search(query, audience=Audience.INTERNAL).hits]


def test_publishing_indexes_the_article_after_commit(publish, django_capture_on_commit_callbacks, eager_celery):
    with django_capture_on_commit_callbacks(execute=True):
        article = publish(title="退货政策", body="七天无理由退货。")

    assert found("退货") == [article.pk]


def test_archiving_removes_the_article_from_results(
    publish, reviewer, django_capture_on_commit_callbacks, eager_celery
):
    with django_capture_on_commit_callbacks(execute=True):
        article = publish(title="退货政策", body="七天无理由退货。")
    assert found("退货") == [article.pk]

    with django_capture_on_commit_callbacks(execute=True):
        services.archive_article(article=article, by=reviewer)

    assert found("退货") == []


def test_a_rolled_back_transaction_enqueues_nothing(publish, django_capture_on_commit_callbacks, eager_celery):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        publish(title="退货政策", body="七天无理由退货。")
        raise RuntimeError("the request failed after publishing")

    assert callbacks == []
    assert found("退货") == []
    assert search.index_status()["documents"] == 0


def test_a_broker_that_is_down_does_not_fail_the_publish(publish, django_capture_on_commit_callbacks, settings):
    previous = current_app.conf.broker_url
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        with django_capture_on_commit_callbacks(execute=True):
            article = publish(title="退货政策", body="七天无理由退货。")
    finally:
        use_broker(previous)
    assert article.versions.filter(state="published").exists()

    search.reconcile()  # what beat runs every minute catches up

    assert found("退货") == [article.pk]


def test_reconcile_repairs_a_missed_update_and_removes_an_orphan(publish, editor, reviewer, article_input):
    kept = publish(title="退货政策", body="七天无理由退货。")
    archived = publish(title="换货政策", body="十五天内换货。")
    search.rebuild()
    # Messages that never arrived: a new article, an edit and an archive the index did not see.
    missed = publish(title="发票政策", body="电子发票。")
    services.save_draft(article=kept, data=article_input(title="退货政策（新）", body="十四天无理由退货。", tags=[]),
                        by=editor, base_revision=None)  # fmt: skip
    services.publish_article(article=kept, by=reviewer)
    services.archive_article(article=archived, by=reviewer)
    assert found("换货") == [archived.pk] and found("发票") == []

    report = search.reconcile()

    assert (report.updated, report.removed) == (2, 1)
    assert found("换货") == []
    assert found("发票") == [missed.pk]
    assert search.search("十四天", audience=Audience.INTERNAL).hits[0].title == "退货政策（新）"
    assert not search.reconcile().changed


def test_rebuild_swaps_in_a_new_index_while_the_old_one_keeps_answering(publish, search_index_dir):
    first = publish(title="退货政策", body="七天无理由退货。")
    search.rebuild()
    old_generation = backend.current_generation()
    second = publish(title="退货运费", body="退货运费由买家承担。")
    answers_during_rebuild: list[list[int]] = []

    def progress(done: int, total: int) -> None:
        answers_during_rebuild.append(found("退货"))

    count = search.rebuild(progress=progress)

    assert count == 2
    assert answers_during_rebuild and all(answer == [first.pk] for answer in answers_during_rebuild)
    assert backend.current_generation() != old_generation
    assert sorted(found("退货")) == sorted([first.pk, second.pk])
    assert search.index_status()["rebuild"]["state"] == "done"


def test_switching_keeps_the_replaced_index_and_drops_a_dead_half_built_one(search_index_dir):
    replaced = backend.new_generation()
    backend.switch_to(replaced)
    dead_half_built = backend.new_generation()  # a rebuild killed before it switched
    fresh = backend.new_generation()
    now = time.time()
    for path, age in ((replaced, 300), (dead_half_built, 200), (fresh, 100)):
        os.utime(path, (now - age, now - age))  # written in this order

    backend.switch_to(fresh)

    assert backend.current_generation() == fresh
    assert replaced.exists()  # searchers may still be reading it
    assert not dead_half_built.exists()


def test_an_index_started_afresh_says_it_is_incomplete_until_the_reconcile_fills_it(publish):
    first = publish(title="退货政策", body="七天无理由退货。")
    second = publish(title="退货运费", body="退货运费由买家承担。")
    search.update_articles([first.pk, second.pk])
    (backend.current_generation() / "_MAIN_1.toc").write_bytes(b"")  # a damaged index
    search.update_articles([second.pk])  # the next write replaces it with an empty one

    partial = search.search("退货", audience=Audience.INTERNAL)
    assert [hit.article_id for hit in partial.hits] == [second.pk]
    assert partial.notice == search.INDEX_INCOMPLETE

    search.reconcile()

    complete = search.search("退货", audience=Audience.INTERNAL)
    assert sorted(hit.article_id for hit in complete.hits) == sorted([first.pk, second.pk])
    assert complete.notice is None


def test_expired_articles_disappear_from_results_before_the_expiry_job_runs(publish):
    article = publish(title="限时活动", body="活动说明。", expire_at=timezone.now() + timedelta(seconds=1))
    search.update_articles([article.pk])
    assert found("活动") == [article.pk]

    time.sleep(1.1)

    assert found("活动") == []


def test_a_warm_searcher_sees_the_next_write_at_once(publish, reviewer):
    """Each web thread keeps its searcher; after any write its next search must show the
    new state (no stale deletions, no 'unavailable' notice)."""
    kept = publish(title="退货政策", body="七天无理由退货。")
    archived = publish(title="退货运费", body="退货运费由买家承担。")
    search.update_articles([kept.pk])
    search.update_articles([archived.pk])  # a second segment
    assert sorted(found("退货")) == sorted([kept.pk, archived.pk])

    services.archive_article(article=archived, by=reviewer)
    search.update_articles([archived.pk])

    for _ in range(2):
        result = search.search("退货", audience=Audience.INTERNAL)
        assert (result.notice, [hit.article_id for hit in result.hits]) == (None, [kept.pk])
