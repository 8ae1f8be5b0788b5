"""Agents' pages search a real Whoosh index: each test gets its own, empty, in tmp_path
(the search core's fixtures, shared)."""

from __future__ import annotations

from tests.search.conftest import index_worker, publish, search_index_dir  # noqa: F401
