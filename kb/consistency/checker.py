"""The consistency checker's seam: build an index of documents, check one document against it, or
scan a whole collection. Works on plain `Doc` records; storing reports is the caller's business."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kb.consistency.candidates import CandidateIndex, family
from kb.consistency.claims import Claim, extract_claims
from kb.consistency.compare import Finding, compare_claims, quantities_agree, same_subject
from kb.consistency.lexicon import concept_label
from kb.consistency.records import Conflict, Doc
from kb.consistency.subjects import sibling_candidates, whole_text
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
        return count

    def names_both(self, product: str, x: str, y: str) -> bool:
        """Some text about this product names both x and y: the base tells the two apart."""
        key = (product, x, y)
        if key not in self.told_apart:
            texts = (whole_text(self.docs[doc_id]) for doc_id in self.by_product.get(product, ()))
            self.told_apart[key] = any(x in text and y in text for text in texts)
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


def scan(docs: Iterable[Doc], progress: Progress | None = None) -> list[Conflict]:
    """All conflicts in a collection; each pair of documents is reported at most once."""
    docs = list(docs)
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
    agreements: dict[str, set[tuple[str, str]]] = defaultdict(set)
    all_claims = index.candidates.claims
    for claim, own_position in zip(claims, positions, strict=True):
        for position in index.candidates.query(claim, own_position):
            other = all_claims[position]
            if other.doc_id == doc.id or other.external_id == doc.external_id:
                continue
            if only_later and index.order[other.doc_id] <= own_order:
                continue
            if claim.kind == "quantity" and other.kind == "quantity" and quantities_agree(claim, other):
                if same_subject(claim, other):
                    agreements[other.doc_id].add((claim.primary, family(claim)))
                continue
            finding = compare_claims(claim, other)
            if finding is not None:
                findings[other.doc_id].append(finding)
    conflicts = []
    for other_id, found in findings.items():
        agreed = agreements.get(other_id, set())
        # Both texts also agree on this attribute: the differing value belongs to a sub-case we did not
        # recognise as a scope (e.g. a table row), so it is not a contradiction.
        kept = [f for f in found if f.kind == "polarity" or (f.a.primary, family(f.a)) not in agreed]
        other_claims = [all_claims[i] for i in index.claims_by_doc.get(other_id, [])]
        kept = [f for f in kept if f.kind != "polarity" or not _both_ways(f, claims, other_claims)]
        other_doc = index.docs[other_id]
        kept = [f for f in kept if f.kind == "procedure" or not _about_siblings(f, doc, other_doc, index)]
        if kept:
            # A channel clash usually also reads as "App 不支持" vs "可以"; the procedure is the better name for it.
            procedures = [f for f in kept if f.kind == "procedure"]
            best = max(procedures or kept, key=lambda f: f.confidence)
            conflicts.append(describe(best, doc, index.docs[other_id]))
    return conflicts


def _about_siblings(finding: Finding, doc_a: Doc, doc_b: Doc, index: Index) -> bool:
    """"快车…收取 5 元" and "专车…收取 10 元": the values belong to two kinds of one thing, which some
    text about the product tells apart ("| 快车 | 5 元 |", "| 专车 | 10 元 |")."""

    def said(claim: Claim, doc: Doc) -> str:
        return f"{fold_text(claim.sentence, doc.language)} {claim.row} {fold_text(doc.title, doc.language)}"

    pairs = sibling_candidates(said(finding.a, doc_a), doc_a, said(finding.b, doc_b), doc_b)
    return doc_a.product == doc_b.product and any(index.names_both(doc_a.product, x, y) for x, y in pairs)


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


def describe(finding: Finding, doc_a: Doc, doc_b: Doc) -> Conflict:
    """Turn a finding into a Conflict with evidence and a plain-language explanation in both languages."""
    attribute_zh, attribute_en = concept_label(finding.a.primary)
    note_zh, note_en = _KIND_NOTE[finding.kind]
    zh = (
        f"关于「{attribute_zh}」：本文写的是 {finding.value_a}，"
        f"「{doc_b.title}」写的是 {finding.value_b}（{note_zh}）。"
    )
    en = f'On {attribute_en}: this says {finding.value_a}; "{doc_b.title}" says {finding.value_b} ({note_en}).'
    return Conflict(
        a=doc_a.id,
        b=doc_b.id,
        a_external_id=doc_a.external_id,
        b_external_id=doc_b.external_id,
        kind=finding.kind,
        confidence=finding.confidence,
        attribute=f"{attribute_zh} / {attribute_en}",
        evidence_a=finding.a.sentence,
        evidence_b=finding.b.sentence,
        value_a=finding.value_a,
        value_b=finding.value_b,
        explanation_zh=zh,
        explanation_en=en,
    )
