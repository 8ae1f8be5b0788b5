"""Plain text in, a Whoosh query out. No query language: nothing a user types can make
this raise ('C++', '"', 'AND', '*', a pasted page, nothing at all).

Ranking is BM25F over an OR of the analyzed terms, with
- field weights (a word in the title says more than one in the body),
- lower weights for single Chinese characters and for jieba's sub-words, which mostly
  repeat what the whole word says,
- Chinese character pairs as a second, weaker view of the text: they match words jieba
  cut differently in the question and in the answer, and reward words that stand together
  (a cheap stand-in for phrase queries, which are slow in Whoosh),
- one-edit typo tolerance on longer English words, and synonyms as weaker alternatives."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.scoring import BM25F

from search.analysis import Piece, analyze, bigrams

MAX_QUERY_CHARS = 500
MAX_TERMS = 40

# Measured on real customer questions (eval_search): a title word adds a little to the same
# word in the body. Heavier title weights ranked short answers that merely restate the
# question above the answers that explain; see the README's relevance section.
FIELD_WEIGHTS = {"title": 0.5, "summary": 1.0, "body": 1.0, "keywords": 1.0}
SINGLE_CHAR_WEIGHT = 0.6
SUB_WORD_WEIGHT = 0.3
SYNONYM_WEIGHT = 0.7
GRAM_WEIGHT = 0.6
GRAM_FIELD_WEIGHTS = {"grams": 1.0}
FUZZY_WEIGHT = 0.4
FUZZY_MIN_CHARS = 5


# Answers are short (median 155 characters); a gentle length normalisation on the body
# keeps long replies that mention a word once from being buried or from dominating.
BM25_B = 0.4
BM25_K1 = 1.2
BM25_FIELD_B = {"title": 0.5, "keywords": 0.3}


def weighting() -> BM25F:
    """Whoosh's view of the ranking (search.ranking computes the same scores faster)."""
    return BM25F(B=BM25_B, K1=BM25_K1, **{f"{name}_B": b for name, b in BM25_FIELD_B.items()})


def _is_han(text: str) -> bool:
    return bool(re.match(r"[\u3400-\u9fff\uf900-\ufaff]", text))


def term_weight(piece: Piece) -> float:
    weight = 1.0
    if len(piece.text) == 1 and (_is_han(piece.text) or not piece.text.isdigit()):
        weight *= SINGLE_CHAR_WEIGHT
    if not piece.whole:
        weight *= SUB_WORD_WEIGHT
    return weight


@dataclass
class QueryPlan:
    """What a query text became: the Whoosh query plus the terms for highlights and hints."""

    query: wq.Query | None
    terms: list[str] = field(default_factory=list)
    english_terms: list[str] = field(default_factory=list)


def _field_terms(text: str, weight: float, fields: Iterable[str]) -> list[wq.Query]:
    return [wq.Term(name, text, boost=weight * FIELD_WEIGHTS[name]) for name in fields if FIELD_WEIGHTS[name]]


def _gram_clauses(text: str) -> list[wq.Query]:
    grams = list(dict.fromkeys(p.text for p in bigrams(text)))[:MAX_TERMS]
    return [
        wq.Term(name, gram, boost=GRAM_WEIGHT * weight)
        for gram in grams
        for name, weight in GRAM_FIELD_WEIGHTS.items()
        if weight
    ]


def build_query(text: str, *, synonyms: Sequence[Sequence[Piece]] = ()) -> QueryPlan:
    """The query for a text typed by a person; `synonyms` are the analyzed alternatives
    found for it (see search.synonyms)."""
    text = (text or "")[:MAX_QUERY_CHARS]
    pieces = analyze(text)
    if not pieces:
        # A query of nothing but stop words ("how do I") still deserves an answer.
        pieces = analyze(text, keep_stop_words=True)
    weights: dict[str, float] = {}
    for piece in pieces:
        weights[piece.text] = max(weights.get(piece.text, 0.0), term_weight(piece))
    terms = sorted(weights, key=lambda t: -weights[t])[:MAX_TERMS]
    clauses: list[wq.Query] = []
    for term in terms:
        clauses.extend(_field_terms(term, weights[term], FIELD_WEIGHTS))
    english = [t for t in terms if t.isascii() and t.isalpha()]
    for term in english:
        if len(term) >= FUZZY_MIN_CHARS:
            for name in ("title", "body"):
                clauses.append(wq.FuzzyTerm(name, term, boost=FUZZY_WEIGHT, maxdist=1, prefixlength=1))
    for alternative in synonyms:
        alt_terms = [p.text for p in alternative if p.whole] or [p.text for p in alternative]
        for name in ("title", "body", "keywords"):
            boost = SYNONYM_WEIGHT * FIELD_WEIGHTS[name]
            if len(alt_terms) == 1:
                clauses.append(wq.Term(name, alt_terms[0], boost=boost))
            else:
                # All of its words (the index keeps no positions for phrases).
                clauses.append(wq.And([wq.Term(name, t) for t in alt_terms], boost=boost))
        terms.extend(alt_terms)
    if GRAM_WEIGHT:
        clauses.extend(_gram_clauses(text))
    if not clauses:
        return QueryPlan(query=None)
    return QueryPlan(query=wq.Or(clauses), terms=terms, english_terms=english)
