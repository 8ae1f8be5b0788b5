"""Highlighted titles and passages, found by plain string search for the query's terms.

Whoosh's highlighter analysed every stored body again (jieba and all) for each hit, a
quarter of a search's time. Here the text is only folded the way the analyzer folds it
(width, case, traditional -> simplified, character by character so that positions still
point into the original), then Chinese terms are found as substrings and other words by
their stem. What is shown is always the original text, escaped, with <mark> around matches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from search.analysis import fold_with_offsets, stem_word

SNIPPET_CHARS = 160
# Only the start of a very long body is searched for a passage (bodies may reach 1 MB).
SCAN_CHARS = 20_000
CONTEXT_BEFORE = 30
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_CHARS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[^\W_{_HAN_CHARS}]+(?:['’][^\W_{_HAN_CHARS}]+)*")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


@dataclass(frozen=True, slots=True)
class _Match:
    start: int  # in the original text
    end: int
    term: str
    weight: float


def _matches(text: str, terms: Iterable[str]) -> list[_Match]:
    folded, offsets = fold_with_offsets(text)
    offsets.append(len(text))
    han = {t for t in terms if _HAN.search(t)}
    words = {t for t in terms if t and not _HAN.search(t)}

    def original(start: int, end: int) -> tuple[int, int]:
        # A folded character may come from a wider one (NFKC); map both ends back.
        return offsets[start], max(offsets[end], offsets[end - 1] + 1)

    found: list[_Match] = []
    for term in han:
        at = folded.find(term)
        while at != -1:
            found.append(_Match(*original(at, at + len(term)), term, float(len(term))))
            at = folded.find(term, at + 1)
    if words:
        for match in _WORD.finditer(folded):
            word = match.group().replace("’", "'")
            stem = stem_word(word)
            matched = stem if stem in words else word if word in words else None
            if matched is not None:
                found.append(_Match(*original(match.start(), match.end()), matched, 2.0))
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def _marked(text: str, matches: list[_Match], start: int, end: int) -> str:
    """text[start:end], escaped, with overlapping matches merged into one <mark>."""
    out: list[str] = []
    at = start
    for match in matches:
        if match.end <= at or match.start >= end:
            continue
        begin = max(match.start, at)
        stop = min(match.end, end)
        if out and begin == at and out[-1] == "</mark>":
            out.pop()  # touching or overlapping the previous mark: extend it
        else:
            out.append(escape(text[at:begin]))
            out.append("<mark>")
        out.append(escape(text[begin:stop]))
        out.append("</mark>")
        at = stop
    out.append(escape(text[at:end]))
    return "".join(out)


def highlight_all(text: str, terms: Iterable[str]) -> str:
    """The whole text (a title), escaped, with the query's terms marked."""
    return _marked(text, _matches(text, terms), 0, len(text))


def _best_window(matches: list[_Match], width: int) -> tuple[int, int]:
    """(first, last) indexes of the matches in the window of `width` characters that
    holds the most weight of distinct terms (two pointers over the sorted matches)."""
    best, best_score = (0, 0), -1.0
    counts: dict[str, int] = {}
    score = 0.0
    last = -1
    for first, head in enumerate(matches):
        last = max(last, first - 1)
        while last + 1 < len(matches) and matches[last + 1].end <= head.start + width:
            last += 1
            counts[matches[last].term] = counts.get(matches[last].term, 0) + 1
            if counts[matches[last].term] == 1:
                score += matches[last].weight
        if last < first:
            continue  # a match longer than the window: never the best
        if score > best_score:
            best, best_score = (first, last), score
        counts[head.term] -= 1
        if counts[head.term] == 0:
            score -= head.weight
    return best


def passage(text: str, terms: Iterable[str], *, width: int = SNIPPET_CHARS) -> str:
    """The passage of about `width` characters with the most query terms, escaped, with
    them marked and '…' where it was cut; "" when no term occurs."""
    scanned = text[:SCAN_CHARS]
    matches = _matches(scanned, terms)
    if not matches:
        return ""
    first, last = _best_window(matches, width)
    lead, tail = matches[first].start, matches[last].end
    start = max(0, lead - min(CONTEXT_BEFORE, max(0, (width - (tail - lead)) // 2)))
    # Start at the beginning of the sentence when it is near.
    boundaries = list(_SENTENCE_END.finditer(scanned, start, lead))
    if boundaries:
        start = boundaries[-1].end()
    while start < lead and scanned[start].isspace():
        start += 1
    end = min(len(text), max(tail, start + width))
    html = _marked(text, matches, start, end)
    return ("…" if start > 0 else "") + html.strip() + ("…" if end < len(text) else "")
