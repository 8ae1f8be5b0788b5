"""The Whoosh index on disk: generations, the one writer, warm searchers.

Layout under settings.SEARCH_INDEX_DIR:

    gen-20250101T120000-ab12cd/   one complete index (a "generation")
    current -> gen-...            symlink naming the generation searchers use
    rebuild.json                  progress of the last rebuild
    .rebuild.lock                 flock held by the process running a rebuild

A rebuild fills a new generation and then switches `current` with os.replace(), which is
atomic: a searcher sees the old index or the new one, never half of either (Read the Docs
does the same with Elasticsearch aliases)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from whoosh import index as whoosh_index
from whoosh.index import FileIndex, LockError
from whoosh.searching import Searcher

from search.query import weighting
from search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger("concord.search")

POINTER = "current"
# In a generation started empty to replace an unusable index: it holds only what
# was written since, until a reconcile has filled it (search then says results may be missing).
INCOMPLETE_MARK = "concord-incomplete"
VERSION_FILE = "concord-schema-version"
WRITE_LOCK_TIMEOUT_S = 5.0
REBUILD_LOCK = ".rebuild.lock"
RECONCILE_LOCK = ".reconcile.lock"


class IndexUnavailable(Exception):
    """No usable index: missing, built with another schema version, or unreadable."""


class IndexBusy(Exception):
    """Another process holds Whoosh's write lock; try again shortly."""


def index_root() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def current_generation() -> Path | None:
    try:
        return index_root() / os.readlink(index_root() / POINTER)
    except OSError:
        return None


@contextlib.contextmanager
def _root_lock() -> Iterator[None]:
    """Serializes creating and switching generations between processes."""
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_generation() -> Path:
    """An empty index in a fresh directory, not yet searched by anyone."""
    path = index_root() / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
    path.mkdir(parents=True)
    whoosh_index.create_in(str(path), build_schema())
    (path / VERSION_FILE).write_text(str(SCHEMA_VERSION))
    return path


def switch_to(generation: Path) -> None:
    """Point searchers and writers at `generation`, atomically, and drop old generations:
    kept are the new one, the one it replaces (searchers may still be reading it) and any
    written to after it (a rebuild still filling its own). A half-built one left by a killed
    rebuild is older than the new one and goes."""
    with _root_lock():
        root = index_root()
        previous = current_generation()
        temporary = root / f".{POINTER}-{secrets.token_hex(4)}"
        os.symlink(generation.name, temporary)
        os.replace(temporary, root / POINTER)
        started = generation.stat().st_mtime
        keep = {generation.name, previous.name if previous else ""}
        for path in root.glob("gen-*"):
            if path.name not in keep and path.stat().st_mtime <= started:
                shutil.rmtree(path, ignore_errors=True)


def _open(generation: Path) -> FileIndex:
    try:
        version = (generation / VERSION_FILE).read_text().strip()
    except OSError as error:
        raise IndexUnavailable(str(error)) from error
    if version != str(SCHEMA_VERSION):
        raise IndexUnavailable(f"index schema version {version}, expected {SCHEMA_VERSION}")
    try:
        return whoosh_index.open_dir(str(generation))
    except Exception as error:  # Whoosh raises many kinds on a damaged index
        raise IndexUnavailable(f"cannot open {generation}: {error!r}") from error


def _open_readable(generation: Path) -> FileIndex:
    """_open, and its segments read too: a TOC that opens can still name a segment file that
    is cut short or gone, and a writer or reconcile on it would fail on every retry."""
    index = _open(generation)
    try:
        index.reader().close()
    except OSError as error:
        if not isinstance(error, FileNotFoundError):
            raise  # out of file handles or memory: passing, not a reason to start over
        raise IndexUnavailable(f"cannot read {generation}: {error!r}") from error
    except Exception as error:  # EOFError, struct.error, pickle errors... on damaged files
        raise IndexUnavailable(f"cannot read {generation}: {error!r}") from error
    return index


def open_index(*, create: bool = False) -> FileIndex:
    """The current index; with create=True an empty one is made if there is none usable
    (the reconcile then fills it)."""
    generation = current_generation()
    replacing = generation is not None
    if generation is not None:
        try:
            return _open_readable(generation)
        except IndexUnavailable:
            if not create:
                raise
            log.warning("search index at %s is unusable; starting an empty one", generation, exc_info=True)
    elif not create:
        raise IndexUnavailable("no search index yet: run `manage.py rebuild_index`")
    with _root_lock():
        generation = current_generation()
        if generation is not None:
            with contextlib.suppress(IndexUnavailable):
                return _open_readable(generation)
    fresh = new_generation()
    if replacing:
        (fresh / INCOMPLETE_MARK).touch()
    switch_to(fresh)
    return _open(fresh)


def is_incomplete() -> bool:
    generation = current_generation()
    return generation is not None and (generation / INCOMPLETE_MARK).exists()


def mark_complete() -> None:
    generation = current_generation()
    if generation is not None:
        (generation / INCOMPLETE_MARK).unlink(missing_ok=True)


def _clean(doc: dict[str, Any]) -> dict[str, Any]:
    # Whoosh indexes "" as a term; an absent value keeps facets and filters honest.
    return {name: value for name, value in doc.items() if value not in ("", None)}


def write(*, upserts: Iterable[dict[str, Any]] = (), deletes: Iterable[str] = ()) -> None:
    """Upsert and delete documents by id in one commit. Raises IndexBusy if the write lock
    stays taken (the Celery task retries)."""
    index = open_index(create=True)
    try:
        writer = index.writer(timeout=WRITE_LOCK_TIMEOUT_S)
    except LockError as error:
        raise IndexBusy(str(error)) from error
    try:
        for doc in upserts:
            writer.update_document(**_clean(doc))
        for doc_id in deletes:
            writer.delete_by_term("id", doc_id)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def fill_generation(
    generation: Path,
    docs: Iterable[dict[str, Any]],
    *,
    progress: Callable[[int], None] | None = None,
    procs: int = 1,
) -> int:
    """Add documents to a fresh generation in one writer and one commit. With procs > 1,
    analysis runs in that many processes (not inside a Celery prefork child: daemonic
    processes cannot start others)."""
    index = _open(generation)
    options: dict[str, Any] = {"procs": procs, "multisegment": True} if procs > 1 else {}
    writer = index.writer(limitmb=128, **options)
    count = 0
    try:
        for doc in docs:
            writer.add_document(**_clean(doc))
            count += 1
            if progress is not None:
                progress(count)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return count


def stamps() -> dict[str, str]:
    """doc id -> stamp for every document in the current index (from columns: fast)."""
    index = open_index(create=True)
    found: dict[str, str] = {}
    with index.reader() as reader:
        if reader.doc_count() == 0:
            return found
        ids = reader.column_reader("id")
        marks = reader.column_reader("stamp")
        for docnum in reader.all_doc_ids():
            found[ids[docnum]] = marks[docnum]
    return found


def document_count() -> int:
    try:
        return open_index().doc_count()
    except IndexUnavailable:
        return 0


# Searchers are opened once per thread and reused (opening one costs milliseconds; a warm
# one keeps Whoosh's caches). They are refreshed when the index changes.
_local = threading.local()


def searcher() -> Searcher:
    generation = current_generation()
    if generation is None:
        raise IndexUnavailable("no search index yet")
    cached: tuple[Path, Searcher] | None = getattr(_local, "searcher", None)
    if cached is not None and cached[0] == generation:
        try:
            if cached[1].up_to_date():
                return cached[1]
        except Exception:  # the generation was removed or damaged under us
            log.warning("reopening the search index", exc_info=True)
    # A fresh searcher, not Searcher.refresh(): refresh hands the new searcher the old
    # readers of segments it takes for unchanged, with their old deletions (an archived
    # article stayed findable), and closing the old searcher then closed those readers.
    if cached is not None:
        with contextlib.suppress(Exception):
            cached[1].close()
        _local.searcher = None
    opened = _open(generation).searcher(weighting=weighting())
    _local.searcher = (generation, opened)
    return opened


def close_searchers() -> None:
    """Close this thread's searcher (tests and shutdown)."""
    cached = getattr(_local, "searcher", None)
    if cached is not None:
        with contextlib.suppress(Exception):
            cached[1].close()
    _local.searcher = None


def write_rebuild_status(**status: Any) -> None:
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    status["at"] = datetime.now().astimezone().isoformat(timespec="seconds")
    temporary = root / f".rebuild-{secrets.token_hex(4)}.json"
    temporary.write_text(json.dumps(status))
    os.replace(temporary, root / "rebuild.json")


@contextlib.contextmanager
def process_lock(name: str) -> Iterator[None]:
    """Held by the process that runs a rebuild (or a reconcile job) for as long as it runs. The
    kernel drops it when that process dies, which tells a live job from one whose worker was killed."""
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / name, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def rebuild_lock() -> contextlib.AbstractContextManager[None]:
    return process_lock(REBUILD_LOCK)


def process_alive(name: str) -> bool:
    """Some process holds the lock `name` (see process_lock)."""
    try:
        with open(index_root() / name) as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False
    except OSError:
        return False


def read_rebuild_status() -> dict[str, Any]:
    """The last rebuild's state (running, done, failed, or interrupted: its process died
    while running), done, total and at."""
    try:
        status = json.loads((index_root() / "rebuild.json").read_text())
    except (OSError, ValueError):
        return {}
    if status.get("state") == "running" and not process_alive(REBUILD_LOCK):
        status["state"] = "interrupted"
    return status
