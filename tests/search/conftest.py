"""Search fixtures: a real Whoosh index in a temporary directory per test, and a real
Celery worker that consumes the `index` queue (reusable by other apps' tests)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

from kb import services
from kb.models import Article
from search import backend

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """Every search test gets its own empty index directory."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    backend.close_searchers()
    yield settings.SEARCH_INDEX_DIR
    backend.close_searchers()


@pytest.fixture
def publish(editor, reviewer, article_input) -> Callable[..., Article]:  # type: ignore[no-untyped-def]
    """Create and publish an article through the services (the index is not touched:
    in a test transaction on_commit never fires)."""

    def publish_one(**fields: object) -> Article:
        external_id = fields.pop("external_id", None)
        fields.setdefault("tags", [])
        article = services.create_article(
            data=article_input(**fields),
            by=editor,
            external_id=external_id,
            create_category=True,  # type: ignore[arg-type]
        ).article
        services.publish_article(article=article, by=reviewer)
        return article

    return publish_one


def database_url(settings) -> str:  # type: ignore[no-untyped-def]
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def index_worker(transactional_db, settings, search_index_dir: Path) -> Iterator[subprocess.Popen[str]]:  # type: ignore[no-untyped-def]
    """A real Celery worker process on the test database, the configured broker (Redis
    with REDIS_URL, else the filesystem broker in CONCORD_DATA_DIR) and this test's index
    directory, consuming the default and the `index` queues one task at a time."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(settings),
        "DB_CONN_MAX_AGE": "0",
        "SEARCH_INDEX_DIR": str(search_index_dir),
    }
    log_path = search_index_dir.parent / "index-worker.log"
    log = open(log_path, "w")  # noqa: SIM115 - a file, not a pipe: a full pipe would stall the worker
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "celery,index", "--concurrency", "1"]
    command += ["--pool", "solo", "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel", "info"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    connection.close()  # the worker must not wait on a transaction of ours
    deadline = time.monotonic() + 60
    while " ready." not in log_path.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the Celery worker did not start:\n" + log_path.read_text())
        time.sleep(0.2)
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()
