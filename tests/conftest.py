"""Personas and shared fixtures. Every test talks to the real database (PostgreSQL in CI)."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from kb import roles
from kb.models import Category
from kb.services import ArticleInput

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, role: str | None) -> User:
    user = User.objects.create_user(username, f"{username}@example.com", "correct-horse-battery")
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def agent(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("alice_agent", roles.AGENT)


@pytest.fixture
def editor(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("erin_editor", roles.EDITOR)


@pytest.fixture
def editor2(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("evan_editor", roles.EDITOR)


@pytest.fixture
def reviewer(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("rita_reviewer", roles.REVIEWER)


@pytest.fixture
def admin_user(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("adam_admin", roles.ADMIN)


@pytest.fixture
def portal(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("pat_portal", roles.PORTAL)


@pytest.fixture
def outsider(db) -> User:  # type: ignore[no-untyped-def]
    """Logged in, but holds no role: must see nothing (healthchecks' Charlie)."""
    return make_user("charlie", None)


def client_for(user: User | None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def category(db) -> Category:  # type: ignore[no-untyped-def]
    return Category.objects.create(name="Refunds", slug="refunds")


@pytest.fixture
def article_input(category):  # type: ignore[no-untyped-def]
    def build(**overrides) -> ArticleInput:  # type: ignore[no-untyped-def]
        fields = {
            "title": "退货政策",
            "body": "# 退货\n\n收到商品后 7 天内可以无理由退货。",
            "category": category.slug,
            "tags": ["退货"],
        }
        fields.update(overrides)
        return ArticleInput(**fields)

    return build


def database_url(settings) -> str:  # type: ignore[no-untyped-def]
    """The URL of the database this test runs on, for processes we start."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_process(transactional_db, settings, tmp_path):  # type: ignore[no-untyped-def]
    """A real Celery worker process with beat (every second) on the test database, the
    configured broker (Redis with REDIS_URL, else the filesystem broker in
    CONCORD_DATA_DIR) and this test's search index directory, consuming the default and
    the `index` queues one task at a time. Use with data committed (transactional_db)."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    from django.db import connection

    env = {
        **os.environ,
        "DATABASE_URL": database_url(settings),
        "DB_CONN_MAX_AGE": "0",
        "SEARCH_INDEX_DIR": str(settings.SEARCH_INDEX_DIR),
        "SCHEDULE_SECONDS": "1",
    }
    log_path = tmp_path / "worker.log"
    log = open(log_path, "w")  # noqa: SIM115 - a file, not a pipe: a full pipe would stall the worker
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--beat", "-Q", "celery,index"]
    command += ["--concurrency", "1", "--pool", "solo", "--without-heartbeat", "--without-gossip", "--without-mingle"]
    command += ["--loglevel", "info", "--schedule", str(tmp_path / "celerybeat-schedule")]
    process = subprocess.Popen(
        command, cwd=Path(__file__).resolve().parent.parent, env=env, stdout=log, stderr=subprocess.STDOUT, text=True
    )
    connection.close()  # the worker's writes must not wait on a transaction of ours
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


def wait_for(condition, *, timeout: float = 20.0, interval: float = 0.2):  # type: ignore[no-untyped-def]
    """Poll until condition() is truthy; return its value, or fail after timeout seconds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"still not true after {timeout} s: {condition.__doc__ or condition}")
