"""The admins' search index page: status, a rebuild started from the UI with its progress,
reconcile now; the job runs in a real Celery worker."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from agents import services
from agents.models import QUEUE_UNREACHABLE, IndexJob, JobKind, JobState
from kb.models import Audience
from search import services as search
from tests.conftest import client_for, wait_for

pytestmark = pytest.mark.django_db


def test_the_page_shows_documents_and_a_missing_index(admin_user, publish):
    client = client_for(admin_user)
    page = client.get(reverse("agents:search-index")).content.decode()
    assert "There is no search index yet" in page

    search.update_articles([publish(title="退货政策").pk])
    status = client.get(reverse("agents:search-index-status")).content.decode()
    assert "There is no search index yet" not in status
    assert "<dd>1</dd>" in status and "<html" not in status


def test_starting_a_rebuild_queues_one_job_and_running_it_fills_the_index(admin_user, publish):
    article = publish(title="理赔材料清单", body="身份证、保单。")
    client = client_for(admin_user)

    client.post(reverse("agents:search-rebuild"))
    client.post(reverse("agents:search-rebuild"))  # a second click while it waits: the same job
    job = IndexJob.objects.get()
    assert job.state == JobState.QUEUED
    assert "Waiting for a worker" in client.get(reverse("agents:search-index-status")).content.decode()

    services.run_index_job(job=job)  # what the task does in the worker

    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.percent) == (JobState.DONE, 1, 1, 100)
    assert [h.article_id for h in search.search("理赔", audience=Audience.INTERNAL).hits] == [article.pk]
    assert "1 / 1 · 100%" in client.get(reverse("agents:search-index-status")).content.decode()


def test_reconcile_now_repairs_a_missing_document(admin_user, publish):
    first = publish(title="退货政策")
    search.update_articles([first.pk])
    second = publish(title="退货运费")  # its index message was "lost"
    client_for(admin_user).post(reverse("agents:search-reconcile"))

    job = services.run_index_job(job=IndexJob.objects.get())

    assert (job.reindexed, job.removed) == (1, 0)
    assert second.pk in [h.article_id for h in search.search("退货", audience=Audience.INTERNAL).hits]
    client = client_for(admin_user)
    assert "1 re-indexed, 0 removed" in client.get(reverse("agents:search-index-status")).content.decode()
    chinese = client.get(reverse("agents:search-index-status"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "重新索引 1 篇，移除 0 篇" in chinese


def test_a_job_that_could_not_be_queued_says_why_in_the_readers_language(admin_user):
    job = IndexJob.objects.create(kind=JobKind.RECONCILE, state=JobState.FAILED, failure=QUEUE_UNREACHABLE)
    with translation.override("en"):
        assert job.summary == "The task queue could not be reached."
    client = client_for(admin_user)
    chinese = client.get(reverse("agents:search-index-status"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "无法连接任务队列" in chinese


def test_editors_cannot_start_a_rebuild(editor):
    assert client_for(editor).post(reverse("agents:search-rebuild")).status_code == 403
    assert not IndexJob.objects.exists()


@pytest.mark.worker
def test_a_rebuild_started_from_the_page_runs_in_a_real_worker(index_worker, admin_user, publish):
    articles = [publish(title=f"理赔材料 {n}", body="身份证、保单。") for n in range(3)]
    client = client_for(admin_user)

    response = client.post(reverse("agents:search-rebuild"), follow=True)
    assert "Rebuild started" in response.content.decode()

    def finished() -> IndexJob | None:
        """the worker finished the rebuild job"""
        return IndexJob.objects.filter(state=JobState.DONE).first()

    job = wait_for(finished, timeout=60)
    assert (job.done, job.total) == (3, 3)
    found = {h.article_id for h in search.search("理赔材料", audience=Audience.INTERNAL).hits}
    assert found == {a.pk for a in articles}
    assert "100%" in client.get(reverse("agents:search-index-status")).content.decode()
