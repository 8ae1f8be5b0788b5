"""Query-time synonym expansion: a query that contains one term of a group also looks for
the others (as weaker alternatives). Groups are re-read when any of them changes."""

from __future__ import annotations

import logging
import threading

from django.db import DatabaseError
from django.db.models import Count, Max

from search.analysis import Piece, analyze, fold
from search.models import Synonym

log = logging.getLogger("concord.search")
_lock = threading.Lock()
_cache: dict[str, object] = {"stamp": None, "groups": []}

# One analyzed synonym term: its folded text and its whole-word terms.
Entry = tuple[str, list[Piece]]


def _groups() -> list[list[Entry]]:
    try:
        stamp = Synonym.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    except DatabaseError:  # synonyms refine a search; their absence must not break it
        log.warning("synonyms unavailable", exc_info=True)
        return []
    with _lock:
        if _cache["stamp"] != stamp:
            groups = []
            for synonym in Synonym.objects.all():
                entries = [(fold(term).strip(), analyze(term)) for term in synonym.term_list()]
                entries = [(text, pieces) for text, pieces in entries if text and pieces]
                if len(entries) > 1:
                    groups.append(entries)
            _cache.update(stamp=stamp, groups=groups)
        return _cache["groups"]  # type: ignore[return-value]


def _whole(pieces: list[Piece]) -> list[str]:
    return [p.text for p in pieces if p.whole]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    width = len(needle)
    return width > 0 and any(haystack[i : i + width] == needle for i in range(len(haystack) - width + 1))


def _matches(entry: Entry, folded_query: str, query_words: list[str]) -> bool:
    text, pieces = entry
    if any(not p.text.isascii() for p in pieces):
        # Chinese: compare characters, so that jieba cutting the query differently does not matter.
        return text in folded_query
    return _contains(query_words, _whole(pieces))


def expand(text: str) -> list[list[Piece]]:
    """The analyzed alternatives to add to a query: the other members of every group one of
    whose members the query contains."""
    folded = fold(text)
    words = _whole(analyze(text))
    alternatives: list[list[Piece]] = []
    for group in _groups():
        if any(_matches(entry, folded, words) for entry in group):
            alternatives.extend(pieces for entry_text, pieces in group if entry_text not in folded)
    return alternatives
