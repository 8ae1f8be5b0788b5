"""Search fixtures: a real Whoosh index in a temporary directory per test, and a real
Celery worker that consumes the `index` queue (reusable by other apps' tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from celery import current_app

from kb import services
from kb.models import Article
from search import backend

ROOT = Path(__file__).resolve().parents[2]


def use_broker(url: str) -> None:
    """Publish from this process to `url`. Celery keeps its producer pool for the app's
    life, and app.close() would deregister the app, so the two cached pools are dropped
    by hand (as Celery itself does after a fork)."""
    current_app.conf.broker_url = url
    current_app._pool = None
    current_app.amqp._producer_pool = None


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path: Path) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """Every search test gets its own empty index directory."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    backend.close_searchers()
    yield settings.SEARCH_INDEX_DIR
    backend.close_searchers()


@pytest.fixture
def eager_celery():  # type: ignore[no-untyped-def]
    """Run tasks in-process, so on_commit callbacks index synchronously."""
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    yield
    current_app.conf.task_always_eager = previous


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


@pytest.fixture
def index_worker(worker_process, search_index_dir: Path):  # type: ignore[no-untyped-def]
    """The shared real worker (tests/conftest.py), started after this test's index directory is set."""
    return worker_process
