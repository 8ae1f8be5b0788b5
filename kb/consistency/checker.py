"""The consistency checker's seam: build an index of documents, check one document against it, or
scan a whole collection. Works on plain `Doc` records; storing reports is the caller's business."""

from __future__ import annotations

import multiprocessing
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from kb.consistency.candidates import CandidateIndex, day_count, is_english
from kb.consistency.claims import LEAVES_OUT, Claim, extract_claims
from kb.consistency.compare import (
    ATTRIBUTE_THRESHOLD,
    Finding,
    clash_kind,
    compare_claims,
    cross_language,
    quantities_agree,
    quantity_attribute,
    same_subject,
)
from kb.consistency.lexicon import concept_label
from kb.consistency.numbers import find_quantities, same_value
from kb.consistency.records import Conflict, Doc
from kb.consistency.subjects import (
    CONTRAST_MODIFIERS,
    nouns_in,
    sibling_candidates,
    two_places,
    whole_text,
    whole_word,
)
from kb.consistency.text import fold_text

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Index:
    """Every claim of every indexed document, plus the LSH that finds candidates among them."""

    candidates: CandidateIndex = field(default_factory=CandidateIndex)
    docs: dict[str, Doc] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    claims_by_doc: dict[str, list[int]] = field(default_factory=dict)
    by_product: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    told_apart: dict[tuple[str, str, str], bool] = field(default_factory=dict)  # (product, x, y) -> seen
    # per claim position: the claims that contradict it (with the finding) and those that restate it
    _contradictions: dict[int, list[tuple[int, Finding]]] = field(default_factory=dict)
    _restatements: dict[int, list[int]] = field(default_factory=dict)

    def add(self, doc: Doc) -> None:
        self.add_many([doc])

    def add_many(self, docs: Iterable[Doc], progress: Progress | None = None, total: int = 0) -> None:
        batch: list[tuple[Doc, list[Claim]]] = []
        done = 0
        for doc in docs:
            batch.append((doc, extract_claims(doc)))
            if len(batch) >= 2000:
                done += self._flush(batch)
                if progress:
                    progress(done, total)
        done += self._flush(batch)
        if progress:
            progress(done, total)

    def _flush(self, batch: list[tuple[Doc, list[Claim]]]) -> int:
        claims = [claim for _doc, doc_claims in batch for claim in doc_claims]
        positions = iter(self.candidates.add(claims))
        for doc, doc_claims in batch:
            if doc.id not in self.order:
                self.order[doc.id] = len(self.order)
                self.by_product[doc.product].append(doc.id)
            self.docs[doc.id] = doc
            self.claims_by_doc[doc.id] = [next(positions) for _claim in doc_claims]
        count = len(batch)
        batch.clear()
        self.told_apart.clear()
        self._contradictions.clear()
        self._restatements.clear()
        return count

    def contradictions(self, position: int) -> list[tuple[int, Finding]]:
        """The indexed quantity claims that contradict the claim at `position` (numbers and units), where
        the contradiction stands between the two texts themselves."""
        if position not in self._contradictions:
            middle = self.candidates.claims[position]
            found = []
            for other_position in self.candidates.query(middle, position):
                other = self.candidates.claims[other_position]
                if other.kind != "quantity" or other.external_id == middle.external_id:
                    continue
                base = compare_claims(middle, other)
                if base is not None and base.kind in CHAINED_KINDS and _stands(base, None, self):
                    found.append((other_position, base))
            self._contradictions[position] = found
        return self._contradictions[position]

    def restatements(self, position: int) -> list[int]:
        """The indexed claims of other texts that state the claim at `position` again."""
        if position not in self._restatements:
            middle = self.candidates.claims[position]
            self._restatements[position] = [
                other_position
                for other_position in self.candidates.query(middle, position)
                if self.candidates.claims[other_position].external_id != middle.external_id
                and restates(middle, self.candidates.claims[other_position])
            ]
        return self._restatements[position]

    def names_both(self, product: str, x: str, y: str) -> bool:
        """Some text about this product tells x and y apart: it names both, or it names one of them
        next to another kind of the same thing (快车 beside 专车 makes 快车 a kind, so 拼车 is another)."""
        key = (product, x, y)
        if x[:2] in CONTRAST_MODIFIERS or y[:2] in CONTRAST_MODIFIERS:
            return True  # "普通门诊" says there are other kinds of 门诊 ("专家门诊")
        if key not in self.told_apart:
            texts = [whole_text(self.docs[doc_id]) for doc_id in self.by_product.get(product, ())]
            self.told_apart[key] = any(x in text and y in text for text in texts) or any(
                _names_sibling(text, word) for text in texts for word in (x, y) if word in text
            )
        return self.told_apart[key]


def build_index(docs: Iterable[Doc], progress: Progress | None = None) -> Index:
    """Index documents for `check_document` (extraction + MinHash; a few ms per document)."""
    docs = list(docs)
    index = Index()
    index.add_many(docs, progress, len(docs))
    return index


def check_document(doc: Doc, index: Index) -> list[Conflict]:
    """Conflicts between `doc` and the indexed documents (other versions of the same article excluded),
    best first. `doc` itself need not be in the index."""
    if doc.id in index.claims_by_doc:
        positions: list[int | None] = list(index.claims_by_doc[doc.id])
        claims = [index.candidates.claims[i] for i in index.claims_by_doc[doc.id]]
    else:
        claims = extract_claims(doc)
        positions = [None] * len(claims)
    conflicts = _conflicts_for(doc, claims, positions, index, only_later=False)
    conflicts.sort(key=lambda c: -c.confidence)
    return conflicts


def scan(docs: Iterable[Doc], progress: Progress | None = None, *, processes: int = 1) -> list[Conflict]:
    """All conflicts in a collection; each pair of documents is reported at most once.

    Texts of two different products never conflict, so with `processes` > 1 the products are split
    into parts scanned side by side in forked worker processes (texts without a product go into every
    part). Not inside a daemonic process such as a Celery pool child, which may not fork."""
    docs = list(docs)
    parts = _product_parts(docs, processes * PARTS_PER_PROCESS) if processes > 1 else [docs]
    if len(parts) == 1 or multiprocessing.current_process().daemon:
        return _scan_part(docs, progress)
    found: dict[tuple[str, str], Conflict] = {}
    done = 0
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for part_size, conflicts in pool.imap_unordered(_scan_sized_part, parts):
            for conflict in conflicts:
                found.setdefault((conflict.a, conflict.b), conflict)  # texts without a product: in every part
            done += part_size
            if progress:
                progress(min(done, len(docs)), len(docs))
    return sorted(found.values(), key=lambda c: (c.pair(), -c.confidence))


PARTS_PER_PROCESS = 4  # several parts per process: a steadier progress bar, balanced work


def _product_parts(docs: list[Doc], count: int) -> list[list[Doc]]:
    """Split by product into about `count` parts of similar size, in the documents' own order."""
    sizes: dict[str, int] = defaultdict(int)
    for doc in docs:
        sizes[doc.product] += 1
    shared = sizes.pop("", 0)
    if len(sizes) < 2:
        return [docs]
    loads = [shared] * min(count, len(sizes))
    part_of: dict[str, int] = {}
    for product, size in sorted(sizes.items(), key=lambda item: -item[1]):
        lightest = loads.index(min(loads))
        part_of[product] = lightest
        loads[lightest] += size
    parts: list[list[Doc]] = [[] for _load in loads]
    for doc in docs:
        for number in [part_of[doc.product]] if doc.product else range(len(parts)):
            parts[number].append(doc)
    return parts


def _scan_sized_part(docs: list[Doc]) -> tuple[int, list[Conflict]]:
    return sum(1 for doc in docs if doc.product), _scan_part(docs)


def _scan_part(docs: list[Doc], progress: Progress | None = None) -> list[Conflict]:
    total = len(docs)
    index = build_index(docs, (lambda done, _t: progress(done // 2, total)) if progress else None)
    conflicts: list[Conflict] = []
    for number, doc in enumerate(docs, start=1):
        positions = index.claims_by_doc[doc.id]
        claims = [index.candidates.claims[i] for i in positions]
        conflicts.extend(_conflicts_for(doc, claims, list(positions), index, only_later=True))
        if progress and (number % 500 == 0 or number == total):
            progress(total // 2 + number // 2, total)
    conflicts.sort(key=lambda c: (c.pair(), -c.confidence))
    return conflicts


def _conflicts_for(
    doc: Doc, claims: list[Claim], positions: list[int | None], index: Index, *, only_later: bool
) -> list[Conflict]:
    own_order = index.order.get(doc.id, -1)
    findings: dict[str, list[Finding]] = defaultdict(list)
    agreements: dict[str, set[int]] = defaultdict(set)
    all_claims = index.candidates.claims
    # claims of other texts that state one of ours again, or contradict it: the middle of a chain
    restated: list[tuple[Claim, int]] = []
    contradicted: list[tuple[Finding, int]] = []
    for claim, own_position in zip(claims, positions, strict=True):
        for position in index.candidates.query(claim, own_position):
            other = all_claims[position]
            if other.doc_id == doc.id or other.external_id == doc.external_id:
                continue
            later = not only_later or index.order[other.doc_id] > own_order
            if restates(claim, other):
                if claim.product and other.product == claim.product:  # chains stay within one product
                    restated.append((claim, position))
                if later:
                    agreements[other.doc_id].update((id(claim), id(other)))
                continue  # the same value: nothing to compare
            if claim.kind == "quantity" and other.kind == "quantity" and quantities_agree(claim, other):
                if later and same_subject(claim, other):
                    agreements[other.doc_id].update((id(claim), id(other)))
                continue
            finding = compare_claims(claim, other)
            if finding is not None:
                if finding.kind in CHAINED_KINDS and claim.product and other.product == claim.product:
                    contradicted.append((finding, position))
                if later:
                    findings[other.doc_id].append(finding)
    for chained in _chained(doc, restated, contradicted, index, only_later=only_later):
        findings[chained.b.doc_id].append(chained)
    conflicts = []
    for other_id, found in findings.items():
        agreed = agreements.get(other_id, set())
        # A value the other text also states is not contradicted by it: the differing value it meets
        # belongs to a sub-case we did not recognise as a scope (e.g. a table row). Only the claims that
        # agree are set aside: "80 岁以上 5 元；60-79 岁 3 元" against "80 歲以上 6 元，60 至 79 歲 3 元"
        # still differs on the first amount.
        kept = [f for f in found if f.kind == "polarity" or not {id(f.a), id(f.b)} & agreed]
        other_claims = [all_claims[i] for i in index.claims_by_doc.get(other_id, [])]
        kept = [f for f in kept if f.kind != "polarity" or not _both_ways(f, claims, other_claims)]
        other_doc = index.docs[other_id]
        kept = [
            f
            for f in kept
            if not (_excepts(f.a, f.b, other_doc) or _excepts(f.b, f.a, doc))
            and (
                f.kind == "procedure"
                or not (_about_siblings(f, doc, other_doc, index) or _told_apart(f, doc, other_doc, index))
            )
            and not _titles_size_apart(f, doc, other_doc)
        ]
        if kept:
            # A channel clash usually also reads as "App 不支持" vs "可以"; the procedure is the better name for it.
            procedures = [f for f in kept if f.kind == "procedure"]
            best = max(procedures or kept, key=lambda f: f.confidence)
            conflicts.append(describe(best, doc, index.docs[other_id]))
    return conflicts


CHAINED_KINDS = ("numeric", "unit")
CHAIN_CONFIDENCE = 0.9  # a contradiction found through a third text is a little less sure


def restates(claim: Claim, other: Claim) -> bool:
    """The other text states the same value of the same kind for what reads as the same attribute: in
    one language by the checker's own attribute test, across languages by any translated word or
    concept next to the two numbers ("within 7 days" / "7 天内可退货")."""
    qa, qb = claim.quantity, other.quantity
    if qa is None or qb is None or qa.dim != qb.dim or qa.per != qb.per or claim.role != other.role:
        return False
    if claim.negated or other.negated or not same_value(qa, qb):
        return False
    if is_english(claim) != is_english(other):
        return bool(
            cross_language(claim.window, other.window) > 0
            or claim.window_concepts & other.window_concepts
            or (claim.primary and claim.primary == other.primary)
        ) and same_subject(claim, other)
    return quantities_agree(claim, other) and same_subject(claim, other)


def _chained(
    doc: Doc,
    restated: list[tuple[Claim, int]],
    contradicted: list[tuple[Finding, int]],
    index: Index,
    *,
    only_later: bool,
) -> list[Finding]:
    """Contradictions through a third text: a text that states a value again contradicts what
    contradicts that value ("within 7 days" restates "7 天内可退货", which "15 天内可退货" contradicts). The
    contradiction between the two others was found in one language; the restatement carries it over."""
    own_order = index.order.get(doc.id, -1)
    all_claims = index.candidates.claims
    found: list[Finding] = []

    def reachable(other: Claim, middle: Claim) -> bool:
        return (
            other.doc_id not in (doc.id, middle.doc_id)
            and other.external_id not in (doc.external_id, middle.external_id)
            and (not only_later or index.order[other.doc_id] > own_order)
        )

    for claim, middle_position in restated:  # ours = middle, middle ⟂ other
        middle = all_claims[middle_position]
        for position, base in index.contradictions(middle_position):
            other = all_claims[position]
            if reachable(other, middle) and same_subject(claim, other) and clash_kind(claim, other):
                found.append(_carried(base, claim, other))
    for base, middle_position in contradicted:  # ours ⟂ middle, middle = other
        middle = all_claims[middle_position]
        restating = index.restatements(middle_position)
        if restating and _stands(base, doc, index):
            for position in restating:
                other = all_claims[position]
                if reachable(other, middle) and same_subject(base.a, other) and clash_kind(base.a, other):
                    found.append(_carried(base, base.a, other))
    return found


def _stands(finding: Finding, doc: Doc | None, index: Index) -> bool:
    """The contradiction holds between its own two texts too (no exception, no two kinds of a thing, no
    value the other text also states); a unit mismatch carries over only as the plain "7 天" against
    "7 个工作日", not as two different counts that may be two different periods."""
    if finding.kind == "unit" and day_count(finding.a) != day_count(finding.b):
        return False
    doc_a, doc_b = (doc if doc and d == doc.id else index.docs[d] for d in (finding.a.doc_id, finding.b.doc_id))
    for claim, other_doc in ((finding.a, finding.b.doc_id), (finding.b, finding.a.doc_id)):
        stated = (index.candidates.claims[position] for position in index.claims_by_doc.get(other_doc, ()))
        if any(
            other.kind == "quantity" and (quantities_agree(claim, other) or restates(claim, other)) for other in stated
        ):
            return False  # the other text states this value too: a sub-case, not a contradiction
    return not (
        _excepts(finding.a, finding.b, doc_b)
        or _excepts(finding.b, finding.a, doc_a)
        or _about_siblings(finding, doc_a, doc_b, index)
        or _told_apart(finding, doc_a, doc_b, index)
    )


def _carried(base: Finding, claim: Claim, other: Claim) -> Finding:
    assert claim.quantity is not None and other.quantity is not None
    confidence = round(base.confidence * CHAIN_CONFIDENCE, 3)
    return Finding(base.kind, confidence, claim, other, claim.quantity.display(), other.quantity.display())


# "6 岁以下儿童谢绝入场（亲子剧目除外）": the rule leaves out what the exception names
_EXCEPTION = re.compile(
    r"([^，。；,;（(]{1,24}?)(?:等)?(?:除外|另有规定|另行规定|另行通知)"
    r"|\bexcept(?:ing)?(?: for)? ([a-z][a-z -]{2,40})|\bexcluding ([a-z][a-z -]{2,40})"
)


_LEFT_OUT = re.compile(rf"{LEAVES_OUT}[^，。；,;：:]{{1,12}}[，,]")


def _excepts(claim: Claim, other: Claim, other_doc: Doc) -> bool:
    """The claim's rule excepts what the other statement (or its title) is about (亲子剧目 in "…（亲子剧目
    除外）" against "亲子剧目购票须知: 2 岁及以上儿童须单独购票"): two rules for two cases."""
    sentence = fold_text(claim.sentence)
    other_sentence = fold_text(f"{other_doc.title} {other.sentence}", other_doc.language)
    # "除了新疆西藏这些偏远地区，满 99 元包邮" leaves out the same case: it is not about it
    other_sentence = _LEFT_OUT.sub(" ", _EXCEPTION.sub(" ", other_sentence))
    for match in _EXCEPTION.finditer(sentence):
        named = next(group for group in match.groups() if group)
        rest = sentence[: match.start()] + sentence[match.end() :]
        # the excepted kind, not the thing the rule is about ("全场商品…，定制类商品除外": 定制, not 商品)
        words = {w for w in nouns_in(named) if w not in rest} or ({named.strip()} if named.isascii() else set())
        if any(word in other_sentence for word in words):
            return True
    return False


def _names_sibling(text: str, word: str) -> bool:
    """The text names `word`, a dictionary noun, and another noun with the same head."""
    nouns = nouns_in(text)
    return word in nouns and any(w[-1] == word[-1] and w not in word and word not in w for w in nouns)


def _about_siblings(finding: Finding, doc_a: Doc, doc_b: Doc, index: Index) -> bool:
    """ "快车…收取 5 元" and "专车…收取 10 元": the values belong to two kinds of one thing, which some
    text about the product tells apart ("| 快车 | 5 元 |", "| 专车 | 10 元 |")."""

    def said(claim: Claim, doc: Doc) -> str:
        return f"{fold_text(claim.sentence, doc.language)} {claim.row} {fold_text(doc.title, doc.language)}"

    if doc_a.product != doc_b.product:
        return False
    # the product's own noun ("净烹油烟机": 油烟机) is the whole product, not one kind of it ("新机")
    product = fold_text(doc_a.product)
    pairs = sibling_candidates(said(finding.a, doc_a), doc_a, said(finding.b, doc_b), doc_b)
    return any(
        two_places(x, y) or index.names_both(doc_a.product, x, y)
        for x, y in pairs
        if x not in product and y not in product
    )


def _titles_size_apart(finding: Finding, doc_a: Doc, doc_b: Doc) -> bool:
    """ "25 吨汽车吊" / "50 吨汽车吊", "1TB 版" / "2TB 版": titles that name two sizes of one kind of thing
    (a weight, an area, an amount of data) are about two models, whatever the texts say of each."""
    sizes_a = _title_sizes(doc_a)
    sizes_b = _title_sizes(doc_b)
    values = {(q.dim, q.low) for q in (finding.a.quantity, finding.b.quantity) if q is not None}
    return any(
        dim_a == dim_b and low_a != low_b and (dim_a, low_a) not in values and (dim_b, low_b) not in values
        for dim_a, low_a in sizes_a
        for dim_b, low_b in sizes_b
    )


_SIZES = frozenset({"weight", "area", "data"})  # what names a model; a period or a price in a title is a rule


@lru_cache(maxsize=8192)
def _title_sizes(doc: Doc) -> frozenset[tuple[str, float]]:
    return frozenset((q.dim, q.low) for q in find_quantities(fold_text(doc.title, doc.language)) if q.dim in _SIZES)


def _told_apart(finding: Finding, doc_a: Doc, doc_b: Doc, index: Index) -> bool:
    """Another text of the product gives this attribute two values for two subjects ("中文图书…借期 30
    天" / "音像资料…借期 14 天"), and each of our texts names only one of those subjects: the two texts
    are about different subjects, whatever their values."""
    a, b = finding.a, finding.b
    if a.quantity is None or b.quantity is None or doc_a.product != doc_b.product:
        return False
    named_a, named_b = _named_words(a, doc_a), _named_words(b, doc_b)
    for other_id in _neighbour_docs(a, b, index):
        statements = [
            claim
            for position in index.claims_by_doc.get(other_id, ())
            if (claim := index.candidates.claims[position]).quantity is not None
            and claim.quantity.dim == a.quantity.dim
            and _same_attribute(claim, a, b)
        ]
        for first, second in combinations(statements, 2):
            assert first.quantity is not None and second.quantity is not None
            if first.sentence == second.sentence or same_value(first.quantity, second.quantity):
                continue
            words_1, words_2 = _subject_nouns(first), _subject_nouns(second)
            only_1, only_2 = words_1 - words_2, words_2 - words_1
            if not (only_1 and only_2):
                continue
            for x, y in ((named_a, named_b), (named_b, named_a)):
                if only_1 & x and not only_2 & x and only_2 & y and not only_1 & y:
                    return True
    return False


def _same_attribute(claim: Claim, a: Claim, b: Claim) -> bool:
    similarity = quantity_attribute(claim, a) or quantity_attribute(claim, b) or 0.0
    return similarity >= ATTRIBUTE_THRESHOLD


def _neighbour_docs(a: Claim, b: Claim, index: Index) -> set[str]:
    """The documents with a statement like either claim: where a text telling the subjects apart is."""
    positions = index.candidates.query(a) + index.candidates.query(b)
    return {index.candidates.claims[p].doc_id for p in positions} | {a.doc_id, b.doc_id}


def _subject_nouns(claim: Claim) -> frozenset[str]:
    return nouns_in(f"{fold_text(claim.sentence)} {claim.row}")


_CLAUSE_END = re.compile(r"[,，;；。:：]")


def _named_words(claim: Claim, doc: Doc) -> frozenset[str]:
    """Nouns named by the clause with the number, its table row or the title."""
    sentence = fold_text(claim.sentence, doc.language)
    number = claim.quantity.text if claim.quantity else ""
    # the clause with the number and those before it, which often name the subject ("音像资料：…借期 14 天")
    at = sentence.find(number) if number else len(sentence)
    end = next((m.start() for m in _CLAUSE_END.finditer(sentence) if m.start() >= at), None)
    return nouns_in(f"{sentence[:end]} {claim.row} {fold_text(doc.title, doc.language)}")


def _both_ways(finding: Finding, own: list[Claim], other: list[Claim]) -> bool:
    """Each text says both: "free up to 24 hours before, charged after" against "charged if later, free
    before". A rule split by a condition is stated twice, not contradicted."""
    a, b = finding.a, finding.b
    about = {a.primary, b.primary}

    def states(claims: list[Claim], like: Claim) -> bool:
        return any(
            c.kind == "polarity" and c.axis == like.axis and c.positive == like.positive and c.primary in about
            and same_subject(c, like)  # "柜台转账收费" does not restate "App 转账收费"
            for c in claims
        )  # fmt: skip

    return states(own, b) and states(other, a)


_KIND_NOTE = {
    "numeric": ("数值不一致", "the numbers differ"),
    "unit": ("单位不同（工作日与自然日不是一回事）", "the units differ (working days are not calendar days)"),
    "polarity": ("一个允许/免除，一个禁止/要求", "one allows or exempts, the other forbids or requires"),
    "procedure": ("办理渠道或步骤不一致", "the required channel or step differs"),
}


def _attribute_label(finding: Finding) -> tuple[str, str]:
    """What the two statements are about: the lexicon's name, else the word right before the numbers;
    ("", "") when neither text names it (the evidence sentences then speak for themselves)."""
    named = [p for p in (finding.a.primary, finding.b.primary) if p and not p.startswith("t:")]
    guessed = [p for p in (finding.a.primary, finding.b.primary) if p.startswith("t:")]
    claim = finding.a if finding.a.head else finding.b
    if named or not claim.head:
        return concept_label((named or guessed or [""])[0])
    word = whole_word(claim.head, fold_text(claim.sentence))  # "运商" of "承运商需在 24 小时内"
    return word, word  # the word before the numbers reads better than a guessed term ("有消费")


def describe(finding: Finding, doc_a: Doc, doc_b: Doc) -> Conflict:
    """Turn a finding into a Conflict with evidence and a plain-language explanation in both languages."""
    attribute_zh, attribute_en = _attribute_label(finding)
    note_zh, note_en = _KIND_NOTE[finding.kind]
    zh = f"本文写的是 {finding.value_a}，「{doc_b.title}」写的是 {finding.value_b}（{note_zh}）。"
    en = f'this says {finding.value_a}; "{doc_b.title}" says {finding.value_b} ({note_en}).'
    if attribute_zh:
        zh, en = f"关于「{attribute_zh}」：{zh}", f"On {attribute_en}: {en}"
    else:
        en = en[0].upper() + en[1:]
    return Conflict(
        a=doc_a.id,
        b=doc_b.id,
        a_external_id=doc_a.external_id,
        b_external_id=doc_b.external_id,
        kind=finding.kind,
        confidence=finding.confidence,
        attribute=f"{attribute_zh} / {attribute_en}" if attribute_zh else "",
        evidence_a=finding.a.sentence,
        evidence_b=finding.b.sentence,
        value_a=finding.value_a,
        value_b=finding.value_b,
        explanation_zh=zh,
        explanation_en=en,
    )
