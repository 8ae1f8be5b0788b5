"""'Did you mean': offered when a query finds nothing, for English words the index has
never seen, from the words it has (one or two edits away)."""

from __future__ import annotations

import re

from whoosh.searching import Searcher

from search.analysis import fold

WORD = re.compile(r"[a-z]{3,}")


def suggest_query(searcher: Searcher, text: str) -> str | None:
    folded = fold(text)
    corrector = searcher.corrector("spell")
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group()
        if searcher.doc_frequency("spell", word):
            return word
        found = corrector.suggest(word, limit=1, maxdist=2)
        if not found:
            return word
        changed = True
        return found[0]

    suggestion = WORD.sub(replace, folded)
    return suggestion if changed else None
