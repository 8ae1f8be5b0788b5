"""Candidate generation: MinHash LSH over claim shingles, so a check never compares all pairs.

A claim's shingles are its attribute (main concept and concepts, repeated so they outweigh the wording),
its kind/dimension, and the character bigrams of its clause. Claims about the same attribute land in a
shared LSH bucket even when worded differently; claims about different attributes rarely do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from kb.consistency.claims import Claim, dimension_family
from kb.consistency.compare import FORM_TAGS
from kb.consistency.numbers import BDAY, DURATION, Quantity
from kb.consistency.text import CJK

NUM_PERM = 64
THRESHOLD = 0.2
_PRIMARY_WEIGHT = 6
_CONCEPT_WEIGHT = 3
_CONTEXT_WEIGHT = 2
_KIND_WEIGHT = 4


def family(claim: Claim) -> str:
    """What kind of value a claim carries; durations and working days share a family (unit conflicts)."""
    if claim.kind == "quantity" and claim.quantity is not None:
        return dimension_family(claim.quantity.dim)
    if claim.kind == "polarity":
        return "axis:" + claim.axis
    return claim.kind


def claim_shingles(claim: Claim) -> list[bytes]:
    tokens = [f"f:{family(claim)}:{i}" for i in range(_KIND_WEIGHT)]
    if claim.kind == "polarity" and (not claim.primary or claim.primary.startswith("t:")):
        # a rule about something no word list names is compared by its wording alone
        # (compare._compare_generic_polarity), so its wording alone must bring it together with its twin
        return [token.encode("utf-8") for token in tokens + [f"k:{gram}:{i}" for gram in claim.key for i in (0, 1)]]
    if claim.kind == "procedure" and claim.tags:
        # a procedure the lexicon does not name is known by the article's tags (compare._same_procedure)
        tokens += [f"g:{tag}:{i}" for tag in claim.tags for i in range(_PRIMARY_WEIGHT)]
    if claim.kind != "procedure" or (claim.primary and not claim.primary.startswith("t:")):
        tokens += [f"p:{claim.primary}:{i}" for i in range(_PRIMARY_WEIGHT)]
    for concept in claim.concepts:
        tokens += [f"c:{concept}:{i}" for i in range(_CONCEPT_WEIGHT)]
    for concept in claim.context:
        tokens += [f"x:{concept}:{i}" for i in range(_CONTEXT_WEIGHT)]
    tokens += list(claim.key)
    tokens += [f"w:{gram}" for gram in claim.window]  # the words next to a number name its attribute
    return [token.encode("utf-8") for token in tokens]


class CandidateIndex:
    """Claims in MinHash LSH tables, one table per product (claims of two different products never
    conflict, so they never need to meet) plus one for texts without a product. `query` returns the
    positions of claims that may be about the same thing."""

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.num_perm = num_perm
        self.threshold = threshold
        self.tables: dict[str, MinHashLSH] = {}
        self.claims: list[Claim] = []
        self.hashes: list[MinHash] = []  # kept so a full scan does not hash every claim twice
        # Wording never matches across languages, so an English claim meets the Chinese claims of its
        # product with the same kind of value directly (and the other way round); compare decides.
        self.by_language: dict[tuple[str, str, bool], list[int]] = defaultdict(list)
        # "3 个工作日" and "3 天" are worded apart but are the likeliest unit conflict: the same count of
        # days of the other kind
        self.by_day_count: dict[tuple[str, tuple[float, float], str], list[int]] = defaultdict(list)
        # A change notice ("由 7 天延长为 14 天") meets the texts still stating the old value, however worded
        self.by_value: dict[tuple[str, str, float, float], list[int]] = defaultdict(list)
        self.by_replaced: dict[tuple[str, str, float, float], list[int]] = defaultdict(list)
        # "不可携带手机、平板等电子设备" / "可以携带手机入营": opposite rules share too few words for the LSH
        self.by_stance: dict[tuple[str, str, bool], list[int]] = defaultdict(list)
        # "仅支持在 App 内预约" / "只能通过热线电话预约": a product's few procedures meet each other directly,
        # since two channels share no wording
        self.procedures: dict[str, list[int]] = defaultdict(list)
        # Texts tagged with one subject that each state a single value of one kind (compare._sole_on_one_topic)
        self.by_topic: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        # A table row ("| 中型货车 | 680 元/车 |") has almost no wording of its own: it meets the amounts of
        # the same kind and rate directly, and they meet it (compare._row_restated decides)
        self.by_rate: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self.rows_by_rate: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        # Computing LSH band parameters and hash permutations is costly: do it once, share it.
        first = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._params = (first.b, first.r)
        prototype = MinHash(num_perm=num_perm)
        self._permutations = prototype.permutations
        self._scheme = prototype.scheme

    def __len__(self) -> int:
        return len(self.claims)

    def _table(self, product: str) -> MinHashLSH:
        table = self.tables.get(product)
        if table is None:
            table = self.tables[product] = MinHashLSH(num_perm=self.num_perm, params=self._params)
        return table

    def add(self, claims: Iterable[Claim]) -> list[int]:
        """Insert claims; returns their positions."""
        batch = list(claims)
        if not batch:
            return []
        hashes = MinHash.bulk(
            [claim_shingles(claim) for claim in batch],
            num_perm=self.num_perm,
            permutations=self._permutations,
            scheme=self._scheme,
        )
        first = len(self.claims)
        self.claims.extend(batch)
        self.hashes.extend(hashes)
        for offset, (claim, minhash) in enumerate(zip(batch, hashes, strict=True)):
            self._table(claim.product).insert(first + offset, minhash, check_duplication=False)
            if claim.product:
                self.by_language[(claim.product, family(claim), is_english(claim))].append(first + offset)
                if (count := day_count(claim)) is not None and claim.quantity is not None:
                    self.by_day_count[(claim.product, count, claim.quantity.dim)].append(first + offset)
                if claim.quantity is not None:
                    self.by_value[value_key(claim.product, claim.quantity)].append(first + offset)
                    self.by_rate[rate_key(claim.product, claim.quantity)].append(first + offset)
                    if claim.row:
                        self.rows_by_rate[rate_key(claim.product, claim.quantity)].append(first + offset)
                if claim.replaces is not None:
                    self.by_replaced[value_key(claim.product, claim.replaces)].append(first + offset)
                if claim.kind == "polarity":
                    self.by_stance[(claim.product, claim.axis, claim.positive)].append(first + offset)
                if claim.kind == "procedure":
                    self.procedures[claim.product].append(first + offset)
                for key in topic_keys(claim):
                    self.by_topic[key].append(first + offset)
        return list(range(first, first + len(batch)))

    def minhash(self, claim: Claim) -> MinHash:
        minhash = MinHash(num_perm=self.num_perm, permutations=self._permutations, scheme=self._scheme)
        minhash.update_batch(claim_shingles(claim))
        return minhash

    def query(self, claim: Claim, position: int | None = None) -> list[int]:
        """Candidates from the claim's own product and from texts without a product; a claim without a
        product is checked against every product. `position` reuses the hash of an indexed claim."""
        minhash = self.hashes[position] if position is not None else self.minhash(claim)
        names = [claim.product, ""] if claim.product else list(self.tables)
        found: list[int] = []
        for name in names:
            table = self.tables.get(name)
            if table is not None:
                found.extend(table.query(minhash))
        if claim.product:
            other_language = self.by_language.get((claim.product, family(claim), not is_english(claim)), [])
            if len(other_language) <= MAX_OTHER_LANGUAGE:
                found.extend(other_language)
            count = day_count(claim)
            if count is not None and claim.quantity is not None:
                other_kind = BDAY if claim.quantity.dim == DURATION else DURATION
                same_count = self.by_day_count.get((claim.product, count, other_kind), [])
                if len(same_count) <= MAX_SAME_COUNT:
                    found.extend(same_count)
            if claim.replaces is not None:
                stating_old = self.by_value.get(value_key(claim.product, claim.replaces), [])
                found.extend(stating_old if len(stating_old) <= MAX_SAME_VALUE else [])
            if claim.kind == "polarity":
                opposite = self.by_stance.get((claim.product, claim.axis, not claim.positive), [])
                found.extend(opposite if len(opposite) <= MAX_OPPOSITE_STANCE else [])
            if claim.kind == "procedure":
                procedures = self.procedures.get(claim.product, [])
                found.extend(procedures if len(procedures) <= MAX_PROCEDURES else [])
            for key in topic_keys(claim):
                on_topic = self.by_topic.get(key, [])
                found.extend(on_topic if len(on_topic) <= MAX_ON_TOPIC else [])
            if claim.quantity is not None:
                replacing = self.by_replaced.get(value_key(claim.product, claim.quantity), [])
                found.extend(replacing if len(replacing) <= MAX_SAME_VALUE else [])
                peers = (self.by_rate if claim.row else self.rows_by_rate).get(
                    rate_key(claim.product, claim.quantity), []
                )
                found.extend(peers if len(peers) <= MAX_ROW_PEERS else [])
        return found


def topic_keys(claim: Claim) -> list[tuple[str, str, str]]:
    if not (claim.sole and claim.product):
        return []
    return [(claim.product, tag, family(claim)) for tag in claim.tags - FORM_TAGS]


def value_key(product: str, quantity: Quantity) -> tuple[str, str, float, float]:
    return product, quantity.dim, quantity.low, quantity.high


def rate_key(product: str, quantity: Quantity) -> tuple[str, str, str]:
    return product, quantity.dim, quantity.per


def day_count(claim: Claim) -> tuple[float, float] | None:
    """The number of days a period counts (low, high), whichever kind of day, or None for anything else."""
    quantity = claim.quantity
    if quantity is None or quantity.dim not in (DURATION, BDAY):
        return None
    scale = 24 if quantity.dim == DURATION else 1
    low, high = quantity.low / scale, quantity.high / scale
    return (low, high) if low >= 1 and low == int(low) and high == int(high) else None


# Beyond these sizes a product relies on the LSH alone (the direct routes would compare too many pairs)
MAX_OTHER_LANGUAGE = 2000
MAX_SAME_COUNT = 40
MAX_SAME_VALUE = 200
MAX_OPPOSITE_STANCE = 300
MAX_PROCEDURES = 300
MAX_ROW_PEERS = 200
MAX_ON_TOPIC = 100  # a tag on more texts than this names a whole area, not one subject


def is_english(claim: Claim) -> bool:
    return not CJK.search(claim.sentence)
