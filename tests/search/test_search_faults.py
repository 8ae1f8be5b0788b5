"""Faults that must lose nothing: a worker killed mid-task, Redis killed mid-rebuild, an
index writer killed mid-commit, damaged index files. Real parts only: PostgreSQL (or the
SQLite file), real Celery workers, a private redis-server per test (never the machine's
shared one on 6379, which other work uses), real Whoosh files and SIGKILL."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from celery import current_app
from django.db import connection
from django.utils import timezone

from agents import services as agent_services
from agents.models import INTERRUPTED, IndexJob, JobKind, JobState
from kb import services
from kb.importing import import_articles
from kb.models import Article, Audience
from kb.selectors import live_versions
from search import backend
from search import services as search
from search.documents import ARTICLE, article_doc_id, version_stamp
from tests.conftest import client_for, database_url, wait_for
from tests.search.conftest import use_broker

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")

# Tests that start workers, writers or a redis-server are slow ("worker"); the damaged-file
# tests run in-process and stay in the fast set.
slow = [pytest.mark.worker, pytest.mark.skipif(REDIS_SERVER is None, reason="needs the redis-server binary")]


def with_processes(test: Callable[..., None]) -> Callable[..., None]:
    for mark in slow:
        test = mark(test)
    return test


WORDS = ["退货", "运费", "保单", "理赔", "发票", "宽带", "套餐", "漫游", "积分", "会员", "退款", "换货", "投诉", "账单"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of this test's own, without persistence (a kill loses its data,
    the worst case for a broker)."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [str(REDIS_SERVER), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, cwd=self.workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    pytest.fail(f"redis-server did not start on port {self.port}")
                time.sleep(0.05)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


class Worker:
    """A real Celery worker (optionally with embedded beat) in its own process group, so
    that SIGKILL takes the pool children and the beat process down with it, as a
    machine losing the worker would."""

    def __init__(self, *, log_path: Path, env: dict[str, str], pool: str = "solo", beat: bool = True) -> None:
        self.log_path = log_path
        self.env = env
        self.pool = pool
        self.beat = beat
        self.process: subprocess.Popen[str] | None = None
        self.log_offset = 0

    def start(self) -> None:
        self.log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "celery,index"]
        command += ["--concurrency", "1", "--pool", self.pool, "--loglevel", "info"]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        if self.beat:
            command += ["--beat", "--schedule", str(self.log_path.parent / "celerybeat-schedule")]
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        connection.close()  # the worker's writes must not wait on a transaction of ours
        deadline = time.monotonic() + 60
        while " ready." not in self.log():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                pytest.fail("the Celery worker did not start:\n" + self.log())
            time.sleep(0.1)

    def log(self) -> str:
        """This run's log (since the last start)."""
        with open(self.log_path) as log:
            log.seek(self.log_offset)
            return log.read()

    def pool_children(self) -> list[int]:
        assert self.process is not None
        pid = self.process.pid
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    def kill(self) -> None:
        """SIGKILL the whole worker: main process, pool children, beat."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=20)
        self.kill()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    previous = current_app.conf.broker_url
    use_broker(server.url)
    yield server
    use_broker(previous)
    if server.process is not None and server.process.poll() is None:
        server.kill()


@pytest.fixture
def make_worker(transactional_db, settings, tmp_path: Path, redis_server: RedisServer, search_index_dir: Path):  # type: ignore[no-untyped-def]
    """Workers on the test database, this test's index directory and private Redis."""
    started: list[Worker] = []

    def make(*, reconcile_seconds: int = 2, pool: str = "solo", beat: bool = True) -> Worker:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(settings),
            "DB_CONN_MAX_AGE": "0",
            "REDIS_URL": redis_server.url,
            "SEARCH_INDEX_DIR": str(search_index_dir),
            "SEARCH_RECONCILE_SECONDS": str(reconcile_seconds),
            "SCHEDULE_SECONDS": "3600",  # keep the worker free for the index tasks
            "CONSISTENCY_SCAN_SECONDS": "3600",
        }
        worker = Worker(log_path=tmp_path / "worker.log", env=env, pool=pool, beat=beat)
        started.append(worker)
        return worker

    yield make
    for worker in started:
        worker.stop()


def import_published(count: int, *, category: str, prefix: str = "f") -> list[int]:
    """Publish `count` articles through the bulk import (one index task per 200)."""
    rng = random.Random(count)
    lines = []
    for n in range(count):
        body = "，".join("".join(rng.choices(WORDS, k=6)) for _ in range(40))
        record = {"external_id": f"{prefix}-{n}", "title": f"{rng.choice(WORDS)}说明 {n}", "body": body}
        lines.append(json.dumps({**record, "category": category}, ensure_ascii=False))
    summary = import_articles(lines, publish=True, by=None)
    assert not summary.errors, summary.errors
    return list(live_versions().values_list("article_id", flat=True))


def wanted_stamps() -> dict[str, str]:
    return {
        article_doc_id(article_id): version_stamp(version_id, updated_at)
        for article_id, version_id, updated_at in live_versions().values_list("article_id", "id", "updated_at")
    }


def indexed_stamps() -> dict[str, str]:
    try:
        return {doc: stamp for doc, stamp in backend.stamps().items() if doc.startswith(f"{ARTICLE}:")}
    except Exception:  # mid-repair, or still damaged
        return {}


def index_matches_database() -> bool:
    """every live article is indexed at its current version, and nothing else is"""
    return indexed_stamps() == wanted_stamps()


def index_writer_busy() -> bool:
    """another process holds the index's write lock (an index task is writing)"""
    lock = backend.open_index().lock("WRITELOCK")
    if lock.acquire(blocking=False):
        lock.release()
        return False
    return True


# --- 1. a worker killed in the middle of an index task ------------------------------------


@with_processes
def test_a_pool_child_killed_mid_index_task_is_redelivered_by_late_ack(make_worker, category):
    """The prefork child running index_articles dies while it holds the index's write
    lock; with acks_late and reject_on_worker_lost the message goes back to the queue and
    the next child finishes it. No reconcile helps here: it would run once an hour."""
    search.rebuild()  # an empty index, so that the tasks' first write is theirs
    import_published(400, category=category.slug)  # two index tasks wait in the queue
    worker = make_worker(pool="prefork", beat=False, reconcile_seconds=3600)
    worker.start()
    wait_for(index_writer_busy, timeout=30, interval=0.01)
    time.sleep(random.uniform(0, 0.5))
    (child,) = worker.pool_children()
    os.kill(child, signal.SIGKILL)
    assert not index_matches_database()

    wait_for(index_matches_database, timeout=60, interval=0.5)
    assert "WorkerLostError" in worker.log()


@with_processes
def test_a_worker_killed_mid_index_task_converges_after_restart(make_worker, category):
    """The whole worker dies mid-write (its unacked message then waits out Redis'
    visibility timeout, an hour); the restarted worker's periodic reconcile repairs the index."""
    search.rebuild()
    import_published(400, category=category.slug)
    worker = make_worker(reconcile_seconds=2)
    worker.start()
    wait_for(index_writer_busy, timeout=30, interval=0.01)
    time.sleep(random.uniform(0, 0.5))
    worker.kill()
    assert not index_matches_database()

    worker.start()

    wait_for(index_matches_database, timeout=60, interval=0.5)
    result = search.search("退货", audience=Audience.INTERNAL)
    assert result.notice is None and result.total > 0


# --- 2. Redis killed during a rebuild -------------------------------------------------------


@with_processes
def test_redis_killed_during_a_rebuild_loses_nothing(
    make_worker, redis_server, category, article_input, editor, reviewer
):
    """The broker dies (losing every message it held) while a worker rebuilds; editors
    keep publishing and archiving meanwhile. After Redis comes back the index matches
    the database exactly within two minutes, and the rebuild job is not left running."""
    worker = make_worker(reconcile_seconds=2)
    worker.start()
    ids = import_published(200, category=category.slug)
    wait_for(index_matches_database, timeout=60, interval=0.5)
    job = agent_services.start_index_job(kind=JobKind.REBUILD)

    def rebuilding() -> bool:
        """the worker is filling a new generation"""
        return backend.read_rebuild_status().get("state") == "running"

    wait_for(rebuilding, timeout=30, interval=0.01)
    redis_server.kill()

    def rebuilt() -> bool:
        """the rebuild finished without the broker"""
        return IndexJob.objects.get(pk=job.pk).state == JobState.DONE

    wait_for(rebuilt, timeout=60)
    # The broker is still down: these changes cannot be queued, and must not fail.
    services.archive_article(article=Article.objects.get(pk=ids[0]), by=reviewer)
    fresh = services.create_article(data=article_input(title="断网期间发布", body="漫游套餐说明。"), by=editor).article
    services.publish_article(article=fresh, by=reviewer)
    assert not index_matches_database()
    redis_server.start()

    wait_for(index_matches_database, timeout=120, interval=0.5)
    assert backend.read_rebuild_status()["state"] == "done"
    assert [hit.article_id for hit in search.search("断网期间", audience=Audience.INTERNAL).hits] == [fresh.pk]


# --- 3. a crash during a Whoosh commit, and damaged index files -----------------------------

WRITER_SCRIPT = """
import sys, django
django.setup()
from search import services
services.update_articles(int(pk) for pk in sys.argv[1:])
"""


def writer_env(settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url(settings),
        "SEARCH_INDEX_DIR": str(settings.SEARCH_INDEX_DIR),
    }


def agent_page_shows_the_notice(agent) -> bool:  # type: ignore[no-untyped-def]
    response = client_for(agent).get("/", {"q": "退货"})
    assert response.status_code == 200
    return "Search is unavailable for a moment." in response.content.decode()


@with_processes
@pytest.mark.parametrize("extra_delay", [0.0, 0.02])
def test_a_writer_killed_during_its_commit_leaves_an_index_that_opens_and_recovers(
    transactional_db, settings, redis_server, category, agent, extra_delay
):
    """SIGKILL lands while Whoosh writes the new segment's files (after the first column
    file appears): the old TOC stays the index, the stale lock file does not block the
    next writer, and the reconcile brings in what the dead writer did not commit.
    (redis_server: the import's index messages go to a private broker nobody consumes.)"""
    search.rebuild()
    ids = import_published(200, category=category.slug)
    generation = backend.current_generation()
    assert generation is not None
    before = set(os.listdir(generation))
    connection.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER_SCRIPT, *map(str, ids)], env=writer_env(settings))

    def committing() -> bool:
        """the writer began its commit (a column file of the new segment exists)"""
        return any(name.endswith(".col") for name in set(os.listdir(generation)) - before)

    wait_for(committing, timeout=30, interval=0.001)
    time.sleep(extra_delay)
    writer.send_signal(signal.SIGKILL)
    assert writer.wait() == -signal.SIGKILL, "the writer finished before the kill"

    backend.close_searchers()  # as a web process that starts now
    result = search.search("退货", audience=Audience.INTERNAL)
    assert result.notice is None and result.total == 0  # the commit never happened
    assert not agent_page_shows_the_notice(agent)
    started = time.monotonic()
    search.reconcile()  # what beat runs every minute
    assert time.monotonic() - started < backend.WRITE_LOCK_TIMEOUT_S + 10
    assert index_matches_database()
    assert search.search("退货", audience=Audience.INTERNAL).total > 0


def damage_toc(generation: Path) -> None:
    """A TOC cut short, as a power loss after Whoosh's rename (it does not fsync) leaves it."""
    (toc,) = generation.glob("_MAIN_*.toc")
    toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])


def damage_segment(generation: Path) -> None:
    """A segment file cut short (a disk or copy error)."""
    for segment in generation.glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 3])


@pytest.mark.django_db
@pytest.mark.parametrize("damage", [damage_toc, damage_segment], ids=["toc", "segment"])
def test_a_damaged_index_gives_a_notice_then_is_rebuilt_by_the_reconcile(publish, agent, damage):
    articles = [publish(title=f"退货政策 {n}", body="七天无理由退货。") for n in range(3)]
    search.rebuild()
    damaged = backend.current_generation()
    assert damaged is not None
    damage(damaged)
    backend.close_searchers()  # as a web process that starts now

    result = search.search("退货", audience=Audience.INTERNAL)
    assert result.notice == search.INDEX_UNAVAILABLE and result.hits == []
    assert agent_page_shows_the_notice(agent)

    search.reconcile()  # what beat runs every minute

    assert backend.current_generation() != damaged
    assert index_matches_database()
    found = search.search("退货", audience=Audience.INTERNAL)
    assert found.notice is None and {hit.article_id for hit in found.hits} == {a.pk for a in articles}
    assert not agent_page_shows_the_notice(agent)


# --- 4. a worker killed during a rebuild ----------------------------------------------------


@with_processes
def test_a_rebuild_whose_worker_was_killed_is_not_shown_running_forever(make_worker, category, admin_user):
    worker = make_worker(reconcile_seconds=2)
    worker.start()
    import_published(200, category=category.slug)
    wait_for(index_matches_database, timeout=60, interval=0.5)
    job = agent_services.start_index_job(kind=JobKind.REBUILD)

    def rebuilding() -> bool:
        """the worker is filling a new generation"""
        return backend.read_rebuild_status().get("state") == "running"

    wait_for(rebuilding, timeout=30, interval=0.02)
    worker.kill()
    worker.start()

    def settled() -> bool:
        """the admin page no longer shows the dead rebuild as running"""
        page = client_for(admin_user).get("/search/index/status/").content.decode()
        return IndexJob.objects.get(pk=job.pk).state != JobState.RUNNING and "running ·" not in page

    wait_for(settled, timeout=30)
    assert backend.read_rebuild_status()["state"] != "running"
    again = agent_services.start_index_job(kind=JobKind.REBUILD)
    assert again.pk != job.pk

    def rebuilt() -> bool:
        """the new rebuild finished"""
        return IndexJob.objects.get(pk=again.pk).state == JobState.DONE

    wait_for(rebuilt, timeout=60)
    assert index_matches_database()


@pytest.mark.django_db
def test_a_reconcile_job_left_running_by_a_dead_worker_is_marked_interrupted(search_index_dir: Path) -> None:
    job = IndexJob.objects.create(kind=JobKind.RECONCILE, state=JobState.RUNNING, started_at=timezone.now())
    with search.reconcile_job():  # its worker is alive: it stays running, and a second click gets it
        assert agent_services.fail_interrupted_index_jobs() == 0
        assert agent_services.start_index_job(kind=JobKind.RECONCILE).pk == job.pk

    assert agent_services.fail_interrupted_index_jobs() == 1  # the worker died: nobody holds the lock
    job.refresh_from_db()
    assert (job.state, job.failure) == (JobState.FAILED, INTERRUPTED)
    assert agent_services.start_index_job(kind=JobKind.RECONCILE).pk != job.pk


def test_a_rebuild_status_left_running_by_a_dead_process_reads_interrupted(search_index_dir: Path) -> None:
    backend.write_rebuild_status(state="running", done=3, total=10)  # what a killed rebuild leaves

    assert backend.read_rebuild_status()["state"] == "interrupted"
    with backend.rebuild_lock():  # a live rebuild holds it
        assert backend.read_rebuild_status()["state"] == "running"
