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


@pytest.fixture
def worker_process(transactional_db, settings):  # type: ignore[no-untyped-def]
    """A real Celery worker (and beat, every second) in its own process, on the test
    database and the configured broker. Use with data committed (transactional_db)."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        database_url = f"sqlite:///{db['NAME']}"
    else:
        database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": database_url, "SCHEDULE_SECONDS": "1", "DB_CONN_MAX_AGE": "0"}
    data_dir = Path(settings.DATA_DIR)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--beat", "--pool", "solo",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel", "warning",
         "--schedule", str(data_dir / "test-celerybeat-schedule")],  # fmt: skip
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    connection.close()  # the worker's writes must not wait on a transaction of ours
    time.sleep(0.5)
    if process.poll() is not None:
        pytest.fail(f"the Celery worker did not start:\n{process.stdout.read() if process.stdout else ''}")
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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
