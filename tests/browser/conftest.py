"""Playwright driving Debian's Chromium. Browsers are never downloaded: without
/usr/bin/chromium the browser tests skip on a developer machine and fail in CI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from tests.conftest import IN_CI
from tests.kb.consistency.conftest import publish  # noqa: F401 - publishes texts that contradict each other
from tests.search.conftest import search_index_dir  # noqa: F401 - each test gets its own empty index

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def browser(live_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    # Depends on live_server so that the browser closes before the server and its database do.
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests (apt-get install chromium).")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium to run the browser tests).")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test itself are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            # ORM calls made while Playwright's loop was running opened a connection in
            # that context; close it, or PostgreSQL refuses to drop the test database.
            connections.close_all()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
