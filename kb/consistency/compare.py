"""Decide whether two claims from two documents contradict each other.

A contradiction needs the same attribute (same main concept, overlapping concepts and wording), a
compatible scope (VIP vs 普通会员, 国内 vs 国际, plan A vs plan B are different subjects and never
conflict) and then incompatible content: different values (numeric), different units of time
(unit: 7 个工作日 vs 7 天), opposite modality (polarity), or different channels for the same
procedure when one text says it is the only way (procedure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kb.consistency import lexicon as lx
from kb.consistency.bilingual import STOP, bridge, translations
from kb.consistency.claims import PAREN, Claim, Scope, bigrams, clauses, cue_hits, find_scope
from kb.consistency.numbers import BDAY, CLOCK, DURATION, find_quantities, parse_number, same_value
from kb.consistency.text import CJK, fold_text

# Scope keys where a value on one side only means "a special case" (not comparable with the general rule).
STRICT_SCOPE_KEYS = (
    "tier", "region", "plan", "goods", "item", "state", "doer", "credential", "cause", "leg", "speed", "offer", "when",
    "vehicle", "referred", "stock", "apart", "series",
)  # fmt: skip
# What a text means when it names no value: a bare "密码" is the login password, a change is the
# customer's own choice.
_UNNAMED_MEANS = {"credential": frozenset({"login"}), "cause": frozenset({"voluntary"})}
ATTRIBUTE_THRESHOLD = 0.55
CROSS_LANGUAGE_KEY = 0.4  # neutral wording score for an English text against a Chinese one
POLARITY_KEY_THRESHOLD = 0.25
CROSS_LANGUAGE_POLARITY = 0.6
PROCEDURE_KEY_THRESHOLD = 0.0
PROCEDURE_BRIDGED = 0.3
MONEY_HEAD_WORDING = 0.1
WEAK_HEAD_WORDING = 0.4


@dataclass(frozen=True)
class Finding:
    """A contradiction between claim `a` and claim `b`, before it is dressed up as a Conflict."""

    kind: str
    confidence: float
    a: Claim
    b: Claim
    value_a: str
    value_b: str


def jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def _script(key: frozenset[str]) -> str:
    ascii_count = sum(1 for gram in key if gram.isascii())
    return "en" if ascii_count * 2 > len(key) else "zh"


def key_similarity(x: frozenset[str], y: frozenset[str]) -> float | None:
    """Wording overlap, mean of Jaccard and containment so a terse text can match a wordy one.
    None when one text is English and the other Chinese: wording cannot be compared, only concepts."""
    if not x or not y:
        return 0.0
    if _script(x) != _script(y):
        return None
    common = len(x & y)
    return 0.5 * (common / len(x | y) + common / min(len(x), len(y)))


def attribute_similarity(a: Claim, b: Claim) -> float:
    """0..1: how sure we are that both claims talk about the same attribute."""
    if a.primary == b.primary:
        head = 1.0
    elif a.primary in b.context and b.primary in a.context:
        head = 0.7
    elif _money_head(a.primary) and (_money_head(b.primary) or b.primary in a.concepts):
        head = 0.7  # "手续费" / "改签费" / "price": one charge named two ways, or "data costs ¥5" vs "流量 3 元"
    elif _money_head(b.primary) and a.primary in b.concepts:
        head = 0.7
    else:
        return 0.0
    return (
        0.45 * head
        + 0.25 * jaccard(a.concepts, b.concepts)
        + 0.1 * jaccard(a.context, b.context)
        + 0.2 * _or(key_similarity(a.key, b.key), CROSS_LANGUAGE_KEY)
    )


def _related(x: frozenset[str], y: frozenset[str]) -> bool:
    """The words next to two numbers name the same thing, or two names of one charge ("price" / "fee")."""
    return bool(x & y) or bool(x & lx.MONEY_HEADS and y & lx.MONEY_HEADS)


def _money_head(concept: str) -> bool:
    return concept in lx.MONEY_HEADS or (concept.startswith("t:") and concept[-1] in "费价")


SAME_CHARGE_WORDING = 0.5
AGE_RATIO = 1.5  # two minimum ages this close are one limit written twice
JUST_ENOUGH = ATTRIBUTE_THRESHOLD + 0.05  # the same attribute by a rule that sees no wording in common
BARE_WORDING = 0.3  # wording overlap two numbers need when the lexicon names neither attribute
HEAD_SIMILARITY = 0.7  # how sure the same word right before two numbers makes us
# Words of a rate that any two charges share ("每月收取")
_RATE_GRAMS = frozenset(
    {"每月", "每天", "每日", "每年", "每次", "每笔", "收取", "月收", "天收", "按月", "按天", "费用", "收费"}
)


def quantity_attribute(a: Claim, b: Claim) -> float | None:
    """How sure we are that two numbers measure the same attribute, or None when they plainly do not:
    a different kind of measure (validity vs processing time vs deadline vs history), a different rate
    (per month vs per pickup), unrelated words next to the numbers, or a generic concept ("有效期")
    without the thing it is about."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None:
        return None
    if qa.per != qb.per and ((qa.per and qb.per) or qa.dim.startswith("count")):
        return None
    if _different_measures(a, b):
        return None  # "48 小时内发出" is not "5-7 天送达"
    names_a, names_b = _english_charge_names(a.sentence), _english_charge_names(b.sentence)
    if names_a and names_b and not names_a & names_b:
        return None  # "a late fee of $15" is not "a cleaning fee of $25"
    things_a, things_b = _english_priced_things(a.sentence), _english_priced_things(b.sentence)
    if things_a and things_b and not things_a & things_b:
        return None  # "a pair of mirror wills costs £150" is not "updates cost £20 each"
    if qa.dim.startswith("money") and qa.dim == qb.dim and _fee_named_in_both_languages(a, b):
        return JUST_ENOUGH  # "a one-time $25 application fee" / "一次性申请费 35 美元"
    if a.window_concepts and b.window_concepts and not _related(a.window_concepts, b.window_concepts):
        return None
    wording = key_similarity(a.key, b.key)
    window = key_similarity(a.window, b.window)
    if a.head and a.head == b.head and a.role == b.role:
        return HEAD_SIMILARITY  # "续借 1 次" / "最多续借两次": the word right before both numbers names them
    if a.primary == b.primary and (
        (_money_head(a.primary) and _shared_subject(a.scope, b.scope))
        or (qa.per and qa.per == qb.per)
        or (a.role == b.role == "lead" and not _guessed(a.primary) and a.primary not in lx.GENERIC_CONCEPTS)
    ):
        # the price of one named plan, tier or goods; "5 元/GB" of data; how long before one action
        # ("取消须提前 48 小时" / "提前 24 小时告知…取消")
        return attribute_similarity(a, b)
    if (
        _guessed(a.primary)
        and _guessed(b.primary)
        and _money_head(a.primary)
        and _money_head(b.primary)
        and qa.per
        and qa.per == qb.per
        and (a.window & b.window) - _RATE_GRAMS
    ):
        return JUST_ENOUGH  # "每月收取 5 元的功能费" / "保号资费为每月 3 元": one monthly charge
    if _row_restated(a, b) or _row_restated(b, a):
        return JUST_ENOUGH
    if (
        qa.dim == qb.dim == "age"
        and a.role == b.role
        and a.role in ("threshold", "")
        and a.primary == b.primary == "age"
        and max(qa.low, qb.low) <= AGE_RATIO * min(qa.low, qb.low)
    ):
        # "年满 4 周岁的儿童" / "children aged 5 and above", "少儿班：6-12 周岁" / "招收 5 至 12 周岁儿童": one
        # minimum age or age range, in any words (a child's 8 and a senior's 60 are two different limits)
        return JUST_ENOUGH
    if window == 0 and a.window and b.window and not _related(a.window_concepts, b.window_concepts):
        return None  # "48 小时内完成质检" and "72 小时内，自动赔付": nothing in common next to the numbers
    same_head = a.primary == b.primary and a.primary not in lx.GENERIC_CONCEPTS
    if (
        a.topic
        and b.topic
        and not a.topic & b.topic
        and not {a.primary, b.primary} & (a.topic | b.topic)
        and not (wording is None and same_head)  # titles in two languages rarely share a lexicon word
    ):
        return None  # under unrelated titles or headings (换货 vs 理赔), a shared word is a coincidence
    similarity = attribute_similarity(a, b) if a.primary and b.primary else 0.0
    if _money_head(a.primary) and _money_head(b.primary) and (wording or 0.0) >= SAME_CHARGE_WORDING:
        # "立式钢琴标准调律一次收费 380 元" / "立式钢琴标准调律价格调整为 450 元": a fee and a price, worded alike
        similarity = max(similarity, JUST_ENOUGH)
    if a.primary and b.primary and not similarity and not (_guessed(a.primary) or _guessed(b.primary)):
        return None
    # a guessed term on one side ("交易限额" read as "易限额", "功能费" vs "资费") is compared by its
    # wording, as with none
    if similarity and (similarity >= ATTRIBUTE_THRESHOLD or not (_guessed(a.primary) or _guessed(b.primary))):
        shared = (a.concepts & b.concepts) - lx.GENERIC_CONCEPTS
        if wording is None and cross_language(a.window, b.window) < BRIDGED_WINDOW:
            # Across languages only concepts can be compared: the same specific concept, or a generic one
            # ("valid for") about the same kind of thing (gift cards, VIP members...), unless the words
            # next to the numbers translate each other. The words next to both numbers must name a
            # common concept.
            common = a.window_concepts & b.window_concepts
            if same_head and qa.dim == CLOCK and qa.low != qa.high and qb.low != qb.high:
                return similarity  # "营业时间 9:00-18:00" / "opening hours 9 am to 6 pm": one timetable
            if _money_head(a.primary) and _money_head(b.primary) and _priced_thing_translated(a, b):
                return similarity  # "收割小麦，每亩 70 元" / "harvesting for wheat costs CNY 80 per mu"
            if not (common or (a.measure and a.measure == b.measure)) or not (
                same_head
                or (shared & (common or a.concepts))
                or (a.concepts == b.concepts and len(a.concepts) > 1)
                or (a.window_concepts == b.window_concepts and _shared_subject(a.scope, b.scope))
            ):
                return None
        elif wording is not None and a.primary in lx.GENERIC_CONCEPTS and not shared and wording < 0.2 and not window:
            return None
        return similarity
    if wording is None or window is None:
        # "park free for 3 hrs" / "免费停车 2 小时": the words next to the numbers translate each other, and
        # the clauses share two translated words at least (one shared word such as "send" / "发货" is a
        # coincidence)
        bridged = cross_language(a.window, b.window)
        if bridged >= BRIDGED_BARE and cross_language(a.key, b.key, at_least=2) >= BRIDGED_KEY:
            return JUST_ENOUGH
        return None
    if (window >= BARE_WORDING and wording >= 0.25) or (window >= 0.15 and wording >= 0.4):
        return min(0.9, 0.35 + 0.3 * window + 0.35 * wording)
    return None


PRICED_THING_BRIDGED = 0.5


def _priced_thing_translated(a: Claim, b: Claim) -> bool:
    """Two prices whose clauses name the same thing in two languages: at least two of the English words
    are translated by the Chinese wording, and most of them."""
    return cross_language(a.key, b.key, at_least=2) >= PRICED_THING_BRIDGED


_ENGLISH_CHARGE = re.compile(r"\b([a-z]{3,}) (?:fee|charge|surcharge|deposit)s?\b")
_NOT_A_NAME = frozenset({"the", "this", "that", "extra", "additional", "one", "flat", "small", "any", "service", "per"})


# "A pair of mirror wills costs £150", "updates cost £20 each": the thing an English price is for
_ENGLISH_PRICED = re.compile(r"((?:[a-z]+ ){1,3})(?:costs?|is priced at|are priced at) (?:[£$€¥]|[a-z]{2}\$)?\d")
_NOT_A_THING = frozenset(
    {
        "a",
        "an",
        "the",
        "each",
        "per",
        "it",
        "this",
        "that",
        "which",
        "one",
        "your",
        "of",
        "and",
        "also",
        "now",
        "only",
        "usually",
        "normally",
    }
)


@lru_cache(maxsize=65536)
def _english_priced_things(sentence: str) -> frozenset[str]:
    return (
        frozenset(word.rstrip("s") for m in _ENGLISH_PRICED.finditer(sentence.lower()) for word in m[1].split())
        - _NOT_A_THING
    )


@lru_cache(maxsize=65536)
def _english_charge_names(sentence: str) -> frozenset[str]:
    """What an English sentence's charges are for: "late" of "a late fee", "cleaning" of "cleaning fee"."""
    return frozenset(m[1] for m in _ENGLISH_CHARGE.finditer(sentence.lower())) - _NOT_A_NAME


def _fee_named_in_both_languages(a: Claim, b: Claim) -> bool:
    """An English fee's name ("application fee") translated by the name of a Chinese one (申请费)."""
    for english, chinese in ((a, b), (b, a)):
        names = _english_charge_names(english.sentence)
        fees = [name[:-1] for name in _charge_names(chinese.sentence) if name.endswith("费") and len(name) >= 3]
        if names and len(fees) == 1 and bridge(names, frozenset(bigrams(fees[0]))) > 0:
            return True
    return False


def _row_restated(row_claim: Claim, other: Claim) -> bool:
    """ "| 中型货车 | 680 元/车 |" and "中型货车…每车 780 元": a sentence that names a table row's subject and
    gives an amount of the same kind and rate states that row's value, whatever the column is called."""
    qa, qb, row = row_claim.quantity, other.quantity, _ROW_DETAILS.sub("", row_claim.row).strip()
    return bool(
        qa and qb and len(CJK.findall(row)) >= 2 and not other.row and qa.dim == qb.dim and qa.per == qb.per
        and row_claim.role == other.role and row in fold_text(other.sentence)
    )  # fmt: skip


BRIDGED_WINDOW = 0.5  # share of the English words next to a number translated by the Chinese side's
BRIDGED_BARE = 0.5
BRIDGED_KEY = 0.3


def cross_language(x: frozenset[str], y: frozenset[str], *, at_least: int = 1) -> float:
    """How much of the English side's words the Chinese side's words translate (0 within one language)."""
    sx, sy = _script(x) if x else "", _script(y) if y else ""
    if {sx, sy} != {"en", "zh"}:
        return 0.0
    english, chinese = (x, y) if sx == "en" else (y, x)
    return bridge(english, chinese, at_least=at_least)


def _shared_subject(a: Scope, b: Scope) -> bool:
    """Both texts name the same specific subject (a kind of goods, a tier, a plan...)."""
    da, db = a.as_dict(), b.as_dict()
    return any(da[key] & db[key] for key in set(da) & set(db) if key not in ("via", "threshold"))


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def scopes_compatible(
    a: Scope,
    b: Scope,
    *,
    universal_covers: bool,
    inherited: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> bool:
    """Same subject? Disjoint values under any key -> different subjects. A value on one side only
    (a VIP rule vs the general rule) is an exception, not a contradiction, unless the other side
    explicitly says it covers everyone or every product ('所有客户', 'every product') and
    `universal_covers`."""
    da, db = a.as_dict(), b.as_dict()
    for key, default in _UNNAMED_MEANS.items():
        if key in da or key in db:
            da.setdefault(key, default)
            db.setdefault(key, default)
    for key in set(da) | set(db):
        if da.get(key) and db.get(key) and not da[key] & db[key] and key in STRICT_SCOPE_KEYS:
            return False  # 国内 vs 港澳台, even though 国内 alone is the default reading
        va, vb = _lenient(key, da.get(key)), _lenient(key, db.get(key))
        if not va and not vb:
            continue
        if va and vb:
            if not va & vb:
                return False
        elif key in STRICT_SCOPE_KEYS:
            if key in inherited[0 if va else 1]:
                continue  # only the title names it ("连续包月与扣费提醒"): the sentence may be the general rule
            if key == "tier" and not ((va or vb or frozenset()) & lx.SPECIAL_TIERS):
                continue  # "会员可…" / "新用户…" alone does not make a special case
            other_universal = b.universal if va else a.universal
            if not (key in ("tier", "goods") and universal_covers and other_universal):
                return False
    return True


def _lenient(key: str, values: frozenset[str] | None) -> frozenset[str] | None:
    """Drop values that are the default reading: a bare "会员" (member), or 国内 in a domestic knowledge base."""
    if values and key == "tier":
        values = values - {"member"}
    elif values and (key, values) in _DEFAULT_READINGS:
        # 国内 in a domestic knowledge base, the whole device, "unused, in the original packaging"
        return None
    return values or None


_DEFAULT_READINGS = {
    ("region", frozenset({"domestic"})),
    ("region", frozenset({"tier1_city"})),  # the standard price is the big cities' price; smaller ones get a discount
    ("item", frozenset({"whole"})),
    ("state", frozenset({"unopened"})),
    ("speed", frozenset({"standard"})),  # "standard service: 5 business days" is the service as such
    ("stock", frozenset({"instock"})),  # what is in stock is what a shop sells as such
}


_ROW_DETAILS = re.compile(r"[(（][^)）]*[)）]")


_NUMERALS = re.compile(r"[零一二两三四五六七八九十百千]+|\d+(?:\.\d+)?")


@lru_cache(maxsize=65536)
def _in_digits(text: str) -> str:
    """ "十二期" -> "12期", "12 期" -> "12期": a row named by a count matches however the count is written."""

    def digits(match: re.Match[str]) -> str:
        value = parse_number(match.group(0))
        return match.group(0) if value is None else f"{value:g}"

    return _NUMERALS.sub(digits, text).replace(" ", "")


def _row_named(row: str, other: Claim) -> bool:
    if not row:
        return False
    sentence = fold_text(other.sentence)
    if row == other.row or row in sentence:
        return True
    if _NUMERALS.search(row) and _in_digits(row) in _in_digits(sentence):
        return True
    # "五金件(铰链、滑轨、拉手)": the row's name without its parenthetical details, unless they name
    # whom the row is for ("无理由退货(云享会员)")
    name = _ROW_DETAILS.sub("", row).strip()
    details = "".join(_ROW_DETAILS.findall(row))
    if len(name) >= 2 and name != row and name in sentence and not find_scope(details)[0]:
        return True
    # the row "年付" names the annual plan, which the other text may call "年卡"
    named, _universal = find_scope(row)
    theirs = other.scope.as_dict()
    return bool(named) and all(values & theirs.get(key, frozenset()) for key, values in named.items())


def same_subject(a: Claim, b: Claim, *, universal_covers: bool = False) -> bool:
    if a.product and b.product and a.product != b.product:
        return False
    # A number in a table row holds for that row's subject: it meets only texts about the same subject.
    if (a.row and not _row_named(a.row, b)) or (b.row and not _row_named(b.row, a)):
        return False
    # "原手机号能收短信的，…" and "手机号已停用的，…": rules for two different cases. Wording in two
    # languages cannot be compared, so there the scope alone decides.
    for x, y in ((a.condition, b.condition), (a.case, b.case)):
        if x and y and _script(x) == _script(y) and jaccard(x, y) < 0.2:
            return False
    implied = _product_scope(a.product) if a.product and a.product == b.product else ()
    if a.category and a.category == b.category:
        implied += _product_scope(a.category)  # "跨境电商": every text of the category is about cross-border goods
    scope_a, scope_b = _beyond_product(a.scope, b.scope, implied), _beyond_product(b.scope, a.scope, implied)
    return scopes_compatible(
        scope_a, scope_b, universal_covers=universal_covers, inherited=(a.inherited_scope, b.inherited_scope)
    )


@lru_cache(maxsize=4096)
def _product_scope(product: str) -> tuple[tuple[str, str], ...]:
    named, _universal = find_scope(product)
    return tuple((key, value) for key, values in named.items() for value in values)


def _beyond_product(scope: Scope, other: Scope, implied: tuple[tuple[str, str], ...]) -> Scope:
    """Drop what the product's own name says ("澜达空调": air conditioners) when the other text names
    nothing else under that key: in the product's articles it is the default reading, not a special
    case. (Against "国内订单", the "海外" of "优选海外购" is still a contrast.)"""
    if not implied:
        return scope
    theirs = other.as_dict()
    values = tuple(
        (key, kept)
        for key, found in scope.values
        if (kept := frozenset(v for v in found if (key, v) not in implied or theirs.get(key, frozenset()) - {v}))
    )
    return Scope(values, scope.universal)


def compare_claims(a: Claim, b: Claim) -> Finding | None:
    """The contradiction between two claims of different documents, or None."""
    if a.kind != b.kind:
        return None
    if a.kind == "quantity":
        return _compare_quantities(a, b)
    if a.kind == "polarity":
        return _compare_polarity(a, b)
    return _compare_procedures(a, b)


def quantities_agree(a: Claim, b: Claim) -> bool:
    """Both claims state the same value for the same attribute (used to spot partial-scope texts)."""
    qa, qb = a.quantity, b.quantity
    if not (qa and qb and qa.dim == qb.dim and same_value(qa, qb)):
        return False
    if "lead" in (a.role, b.role) and (qa.low, qa.high) != (qb.low, qb.high):
        return False  # "24-72 小时取消：扣除 30%" is a band of its own, not a vaguer "48 小时以上取消"
    similarity = quantity_attribute(a, b)
    return similarity is not None and similarity >= ATTRIBUTE_THRESHOLD


def clash_kind(a: Claim, b: Claim) -> str | None:
    """ "numeric" or "unit" when two numbers could contradict each other if they measured the same
    attribute for the same subject: comparable values that differ, in the same role, for the same bounds
    and the same kind of case. None when they could not, whatever they measure."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None or a.role == "tier" or b.role == "tier" or a.negated or b.negated:
        return None
    replaced = _states_replaced(a, b) or _states_replaced(b, a)
    # a notice rarely repeats the wording that makes a number a lead time or a cap ("封顶价格由 20 元调整为 30 元")
    if a.role != b.role and not (replaced and "" in (a.role, b.role)) and not _one_limit(a, b):
        return None
    lowest_b = _lowest_bounds(b.bounds)
    if any(dim in lowest_b and value != lowest_b[dim] for dim, value in _lowest_bounds(a.bounds).items()):
        return None  # amounts for two different bounds ("逾时 30 分钟以上" / "15 minutes or more")
    if (a.measure == "interval") != (b.measure == "interval"):
        return None  # "每两年评估调整一次" is how often, "最近 12 个月" how long
    dims = {qa.dim, qb.dim}
    if qa.dim == CLOCK and qb.dim == CLOCK and (qa.low == qa.high) != (qb.low == qb.high):
        return None  # "延长至 21:00" is the end of the hours "9:00-17:00", not a second statement of them
    if qa.dim == CLOCK and _weekend(a.sentence) != _weekend(b.sentence):
        return None  # weekend hours and every-day hours are two timetables
    if qa.dim.startswith("money") and _surcharge(a) != _surcharge(b) and not _same_charge(a, b):
        return None  # "OCR 识别每页加收 0.1 元" is a charge on top of "扫描每页 0.5 元", not its price
    if qa.dim == qb.dim:
        if same_value(qa, qb):
            return None
        if qa.dim == "age" and qa.low != qa.high and qb.low != qb.high and (qa.high < qb.low or qb.high < qa.low):
            return None  # "80-89 周岁" and "九十至九十九歲": two age bands, each with its own rule
        if max(qa.low, qb.low) > MAX_RATIO * max(min(qa.low, qb.low), 1e-9):
            return None  # "15 天内退货" and "安装用时 40 分钟": one attribute is not off by that much
        kind = "numeric"
    elif dims == {DURATION, BDAY}:
        days = qa if qa.dim == DURATION else qb
        bdays = qb if qa.dim == DURATION else qa
        if days.high < 24 or not (0.3 <= days.low / 24 / max(bdays.low, 0.5) <= 3):
            return None  # 30 分钟 vs 3 个工作日: not two ways of stating one period
        kind = "unit"
    else:
        return None
    if _bound_sides_differ(a, b):
        return None  # "1 万页以上的大批量订单…20 个工作日" / "一般订单（1 万页以内）…10 个工作日": two cases
    if _thing_and_not(fold_text(a.sentence), fold_text(b.sentence), chinese=False):
        # "a resident annual licence is $25" / "a non-resident annual licence for $60" (a Chinese 非X next
        # to a number is mostly an aside: "非交易日无法转账")
        return None
    return kind


def _lowest_bounds(bounds: frozenset[tuple[str, float]]) -> dict[str, float]:
    """Where each kind of bound starts: "90-99 周岁" and "90 周岁以上、不满 100 周岁" are one bracket."""
    lowest: dict[str, float] = {}
    for dim, value in bounds:
        lowest[dim] = min(value, lowest.get(dim, value))
    return lowest


def _compare_quantities(a: Claim, b: Claim) -> Finding | None:
    kind = clash_kind(a, b)
    if kind is None:
        return None
    qa, qb = a.quantity, b.quantity
    assert qa is not None and qb is not None
    similarity = quantity_attribute(a, b)
    if (similarity is None or similarity < ATTRIBUTE_THRESHOLD) and kind == "unit":
        similarity = _same_count_attribute(a, b)
    if (similarity is None or similarity < ATTRIBUTE_THRESHOLD) and (
        _states_replaced(a, b) or _states_replaced(b, a) or _sole_on_one_topic(a, b)
    ):
        similarity = JUST_ENOUGH
    if similarity is None or similarity < ATTRIBUTE_THRESHOLD or not same_subject(*_ages_as_such(a, b)):
        return None
    confidence = min(0.99, 0.45 + 0.5 * similarity)
    if kind == "unit":
        days = qa if qa.dim == DURATION else qb
        bdays = qb if qa.dim == DURATION else qa
        if abs(days.low / 24 - bdays.low) > 0.01:
            confidence -= 0.1  # "5 个工作日" vs "7 天" may be the same week said two ways
    return Finding(kind, round(confidence, 3), a, b, qa.display(), qb.display())


_LIMIT_WORDS = re.compile(
    r"(?:上限|下限|最低|最少|最多|最高|最长|最短|至少|不超过|不得超过|不低于|门槛|\bminimum\b|\bmaximum\b|\blimit\b"
    r"|\bat least\b|\bat most\b|\bno more than\b|\bup to\b|\bstarts? at\b)"
    # "门槛调整为 3000 元", "the minimum booking is 3 hours": a few characters, or a few English words
    r"(?:[^,，。;；]{0,8}|(?:\s+[a-z]+){1,3}\s*)$"
)


def _one_limit(a: Claim, b: Claim) -> bool:
    """ "体重不超过 120 公斤" (read as a threshold) / "体重上限为 110 公斤", "3 小时起订" / "a minimum of 2
    hours": a bound worded as a condition on one side and stated as a limit on the other is one limit."""
    if {a.role, b.role} != {"threshold", ""}:
        return False
    plain = a if a.role == "" else b
    assert plain.quantity is not None
    sentence = fold_text(plain.sentence)
    at = sentence.find(plain.quantity.text)
    return at > 0 and bool(_LIMIT_WORDS.search(sentence, 0, at))


def _ages_as_such(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    """Two age limits: "60 周岁以上老年人" and "visitors aged 65 and over" are one group of people, which the
    age itself defines; the word for them (老年人, 长者, a table row) is not a second subject."""
    if not (a.quantity and b.quantity and a.quantity.dim == b.quantity.dim == "age"):
        return a, b

    def as_such(claim: Claim) -> Claim:
        values = tuple((key, v) for key, v in claim.scope.values if not (key == "tier" and v <= {"senior", "student"}))
        return replace(claim, scope=Scope(values, claim.scope.universal), row="")

    return as_such(a), as_such(b)


# not the last day of "周一至周日" (every day)
_WEEKEND = re.compile(
    r"(?<![至到~\-–—])(?:周六|周日|星期六|星期日|星期天)|周末|双休日|\bweekends?\b|\bon saturdays?\b|\bon sundays?\b",
    re.IGNORECASE,
)


# "周末及法定节假日暂停交易", "closed on weekends": the hours given are the weekdays' own
_CLOSED_AFTER = re.compile(rf"^[^，。；,;]{{0,8}}?(?:{lx.CLOSED_DAYS})")


def _weekend(sentence: str) -> bool:
    folded = fold_text(sentence)
    return any(not _CLOSED_AFTER.match(folded[m.end() :]) for m in _WEEKEND.finditer(folded))


_SURCHARGE = re.compile(r"加收|另收|另加|增值服务|附加费|\badd-ons?\b|\bsurcharges?\b|\bon top of\b|\bextra \$", re.I)


_CLAUSE_MARK = re.compile(r"[，,;；。]")


def _surcharge(claim: Claim) -> bool:
    """The clause with the amount adds it on top: "起步价 18 元，之后按公里加收" charges 18 元 as such."""
    sentence = fold_text(claim.sentence)
    at = sentence.find(claim.quantity.text) if claim.quantity else -1
    if at >= 0 and not sentence.isascii():  # English adds it anywhere: "RMB 15 per ticket, on top of the fine"
        starts = [m.end() for m in _CLAUSE_MARK.finditer(sentence, 0, at)]
        end = _CLAUSE_MARK.search(sentence, at)
        sentence = sentence[starts[-1] if starts else 0 : end.start() if end else len(sentence)]
    return bool(_SURCHARGE.search(sentence))


def _same_charge(a: Claim, b: Claim) -> bool:
    """Both name one charge ("另收 30 元加急费" / "加急费每件 50 元") or the same thing right before the amount."""
    return bool(_charge_names(a.sentence) & _charge_names(b.sentence)) or (bool(a.head) and a.head == b.head)


def _different_measures(a: Claim, b: Claim) -> bool:
    """Two periods of different kinds (a validity and a processing time) or ending in different steps (a
    dispatch and an arrival)."""
    return bool(a.measure and b.measure and a.measure != b.measure) or bool(a.event and b.event and a.event != b.event)


def _sole_on_one_topic(a: Claim, b: Claim) -> bool:
    """Two texts tagged with the same subject ("寄养", "退换货") or titled alike, each stating a single
    value of this kind (one period, one price), state the same fact however each words it, unless the
    words next to the numbers name two different things (a validity and a processing time, a dispatch
    and an arrival)."""
    qa, qb = a.quantity, b.quantity
    if not (a.sole and b.sole and qa and qb and qa.per == qb.per):
        return False
    # Without a shared tag (tags in two languages never meet), the titles' and headings' concepts say
    # what each text is about, and the words next to both numbers must name one thing or one kind of period.
    named_alike = a.window_concepts & b.window_concepts or (a.measure and a.measure == b.measure)
    shared = (a.tags & b.tags) - FORM_TAGS
    # a tag that is part of the product's or category's name ("海钓" of 蓝鳍海钓船队) is on all its texts, so
    # then the values must be worded alike too ("合同期" / "合同期限", "35 元/箱" / "40 元/箱", two opening hours)
    subjects = {tag for tag in shared if tag not in a.product and tag not in a.category}
    worded_alike = bool(a.window & b.window) or bool(qa.per) or (qa.dim == CLOCK and qa.low != qa.high)
    if shared and not subjects and not (named_alike or worded_alike):
        return False  # "出发前两天以上…全退" / "停车场 24 小时开放": the product's own tag, and nothing else alike
    if not (shared or (a.topic & b.topic and named_alike)):
        return False
    if qa.dim == CLOCK and qa.low == qa.high:
        return False  # one time of day may be an order cutoff in one text and a callback deadline in the other
    if _different_measures(a, b):
        return False
    return not (a.window_concepts and b.window_concepts and not a.window_concepts & b.window_concepts)


UNIT_WORDING = 0.3
MAX_RATIO = 12  # two values this far apart are values of two attributes (30 let 8 more false pairs through on dev)


def _states_replaced(notice: Claim, other: Claim) -> bool:
    """The other text still states the value a change notice says was replaced ("由 7 天延长为 14 天"
    against "提前 7 天申请"): whatever words each uses, the notice names the old value of this attribute."""
    old, stated = notice.replaces, other.quantity
    return (
        old is not None
        and stated is not None
        and other.replaces is None
        and stated.dim == old.dim
        and same_value(stated, old)
    )


def _same_count_attribute(a: Claim, b: Claim) -> float | None:
    """Same count, two units ("15 个工作日内制发" / "15 个自然日内制证完成"): the same count of days in
    two units is itself a sign that both texts state one period, so the attribute may be named by two
    different words or by none the lexicon knows; it is enough that the period is of the same kind and
    the wording around it, or the head word, is shared."""
    qa, qb = a.quantity, b.quantity
    if qa is None or qb is None or qa.per != qb.per:
        return None
    days, bdays = (qa, qb) if qa.dim == DURATION else (qb, qa)
    if abs(days.low / 24 - bdays.low) > 0.01 or abs(days.high / 24 - bdays.high) > 0.01:
        return None
    if _different_measures(a, b):
        return None
    # "3 天内退还（按自然日计算，含周末）": a text that stresses which kind of day it counts is stating
    # the period itself; the other text's same count in the other kind of day is that period, however
    # each names it (退还 / 原路退回), unless the titles and headings are about different things.
    if (a.day_kind or b.day_kind) and (a.topic & b.topic or not (a.topic or b.topic)):
        return JUST_ENOUGH
    if a.window_concepts and b.window_concepts and not a.window_concepts & b.window_concepts:
        return None
    if a.primary and a.primary == b.primary and a.primary not in lx.GENERIC_CONCEPTS:
        return attribute_similarity(a, b)
    wording = key_similarity(a.key, b.key)
    window = key_similarity(a.window, b.window)
    if wording is None and any(
        x.primary in y.concepts and x.primary not in lx.GENERIC_CONCEPTS for x, y in ((a, b), (b, a))
    ):
        return JUST_ENOUGH  # "押金在 3 天内退回" / "the deposit is refunded within 3 business days"
    if wording is None or window is None or max(wording, window) < UNIT_WORDING:
        return None
    return min(0.85, 0.45 + 0.3 * max(wording, window) + 0.2 * min(wording, window))


_AXIS_WORDS = {
    "permit": (("可以", "不可以"), ("allowed", "not allowed")),
    "require": (("必须", "无需"), ("required", "not required")),
    "charge": (("收费", "免费/免收"), ("charged", "free/exempt")),
}


def polarity_words(axis: str, positive: bool) -> tuple[str, str]:
    zh, en = _AXIS_WORDS[axis]
    return (zh[0] if positive else zh[1]), (en[0] if positive else en[1])


# Two polarity rules about a thing (积分, 押金) that share no other word allow or forbid different acts
# with it; rules about an act (lx.ACT_CONCEPTS) or a charge need no more wording in common.
POLARITY_MIN_WORDING = 0.1


# "对部分取消行为收取取消费", "fees apply at certain stations": a rule for some cases, which a rule for one
# case (free when the driver is late) does not contradict
_PARTIAL = re.compile(r"(?:对|在|于|向)部分|\b(?:for|at|on|in|to) (?:some|certain)\b")


@lru_cache(maxsize=65536)
def _partial(sentence: str) -> bool:
    return bool(_PARTIAL.search(fold_text(sentence)))


def _compare_polarity(a: Claim, b: Claim) -> Finding | None:
    if a.axis != b.axis or a.positive == b.positive:
        return None
    # "逾期后 3 日内缴清的，可以申请减免违约金" is past a limit; "违约金一律不予减免" covers it too
    if a.beyond != b.beyond and not (a if b.beyond else b).scope.universal:
        return None
    if _two_cases(a.sentence, b.sentence):
        return None
    partial = [c for c in (a, b) if _partial(c.sentence)]
    if len(partial) == 1 and not (b if partial[0] is a else a).scope.universal:
        return None
    if a.item or b.item:
        return _compare_priced_item(a, b)
    if a.axis == "charge" and _same_charge_named(a, b) and same_subject(a, b, universal_covers=True):
        return _polarity_finding(a, b, min(0.9, 0.3 + 0.5 * JUST_ENOUGH))
    if a.axis == "charge" and (bridged := _charged_thing_bridged(a, b)) and same_subject(a, b, universal_covers=True):
        return _polarity_finding(a, b, min(0.9, 0.3 + 0.5 * bridged))
    if a.axis == "charge" and _free_thing_charged(a, b) and same_subject(a, b, universal_covers=True):
        return _polarity_finding(a, b, FREE_THING_CHARGED)
    if a.axis == "require" and _same_required_thing(a, b) and same_subject(a, b, universal_covers=True):
        return _polarity_finding(a, b, REQUIRED_THING)
    if (_guessed(a.primary) or _guessed(b.primary)) and (a.primary != b.primary or not a.primary):
        return _compare_generic_polarity(a, b)
    # "Not eligible: …" under a heading is about the items listed, not about the heading's topic; and a
    # generic concept ("账户", "payment") says too little of what is allowed.
    if not (a.own_concept and b.own_concept):
        return None
    if a.primary in lx.WEAK_CONCEPTS or b.primary in lx.WEAK_CONCEPTS:
        # a generic concept ("身份证", "账户") says too little unless the rest of the wording agrees too
        wording_here = key_similarity(a.key, b.key)
        if a.primary != b.primary or wording_here is None or wording_here < WEAK_HEAD_WORDING:
            return None
    similarity = attribute_similarity(a, b)
    raw_wording = key_similarity(a.key, b.key)
    wording = _or(raw_wording, CROSS_LANGUAGE_KEY)
    # The same lexicon concept at the head of both statements names the thing allowed or charged for;
    # the rest of the wording then varies freely ("3 期免手续费" / "分期付款需支付手续费").
    # a guessed name of three characters or more (t:礼品包) for the thing charged for names it well enough
    same_head = a.primary == b.primary and (
        not a.primary.startswith("t:") or (a.axis == "charge" and len(a.primary) >= 5)
    )
    # "不收取违约金" and "需另付异地还车服务费" both name a fee but not the same one; a bare "不收费" says
    # nothing of which fee, so there the rest of the wording must match.
    if same_head and _money_head(a.primary) and raw_wording is not None:
        names_a, names_b = _charge_names(a.sentence), _charge_names(b.sentence)
        if (names_a != names_b or not names_a) and raw_wording < MONEY_HEAD_WORDING:
            same_head = False
    if a.axis == "permit" and {a.primary, b.primary} == {"return", "refund"} and _bare_return(a, b):
        similarity, same_head = max(similarity, JUST_ENOUGH), True
    if a.axis == "charge" and not same_head and _charged_for_same(a, b):
        similarity, same_head = max(similarity, JUST_ENOUGH), True
    if similarity < ATTRIBUTE_THRESHOLD or (wording < POLARITY_KEY_THRESHOLD and not same_head):
        return None
    names_the_act = a.primary in lx.ACT_CONCEPTS or a.axis == "charge"
    if raw_wording is not None and raw_wording < POLARITY_MIN_WORDING and not names_the_act:
        return None  # "积分满 100 分即可兑换" / "积分不可转让": two acts with one thing
    if raw_wording is None and not (same_head and similarity >= CROSS_LANGUAGE_POLARITY):
        return None  # across languages only the concepts can be compared
    if raw_wording is None and _money_head(a.primary) and not (a.concepts - lx.MONEY_HEADS) & b.concepts:
        return None  # "a one-way fee applies" / "取消不收取违约金": a fee, but for what is not the same
    if not same_subject(a, b, universal_covers=True):
        return None
    return _polarity_finding(a, b, min(0.97, 0.35 + 0.4 * similarity + 0.3 * wording))


# "第一次图文咨询是免费的", "保号期间不收取月费", "保修期内免费更换", "try Pro free": a first-time offer, a
# period of its own or a trial is a case beside the price list
_OWN_CASE = re.compile(
    r"首次|第一次|首单|首[0-9一二两三]次|前[0-9一二两三]次|期间|期内|试用|再次|\bagain\b"
    r"|\bfirst\b|\bduring\b|\bwithin the\b|\btry\b|\btrial\b"
)


_TRIAL = re.compile(r"体验|试听|试用|试课|试学|\btrial\b|\btaster\b")


def _called_free(sentence: str, name: str) -> bool:
    """The clause that calls something free, or the clause right before it, names `name` outside brackets
    ("开销毁证明，不收费"; not "免费重洗一次（标准洗）", nor "教材包含在里面，不另外收钱" of 学费)."""
    text = PAREN.sub(" ", sentence)
    parts = [text[start:end] for start, end in clauses(text)]
    for number, part in enumerate(parts):
        cue = cue_hits(part).get("charge")
        if cue and not cue[0] and any(_names(near, name) for near in parts[max(0, number - 1) : number + 1]):
            return True
    return False


def _names(text: str, name: str) -> bool:
    if name.isascii():
        return all(re.search(rf"\b{re.escape(word)}", text) for word in name.split())
    return any(stem in text for stem in _item_stems(name))


_CHARGED_THING = re.compile(r"(?:服务费|费用|费|课程|课)$")


def _item_stems(name: str) -> tuple[str, ...]:
    """ "鉴定费" is charged for 鉴定, "安装服务费" for 安装, "体验课" is 体验: a free text names the act."""
    stem = _CHARGED_THING.sub("", name)
    return (name, stem) if len(stem) >= 2 else (name,)


def _compare_priced_item(a: Claim, b: Claim) -> Finding | None:
    """ "销毁证明：20 元/份" / "我们免费出具《文件销毁证明》": the free text names the priced item."""
    item, other = (a, b) if a.item else (b, a)
    if other.item or other.positive:
        return None
    named, name = fold_text(other.sentence), fold_text(item.item)
    if not _called_free(named, name) or other.condition:
        return None
    if _OWN_CASE.search(named) and not _TRIAL.search(name):
        return None  # a first visit free beside the price list; but a trial lesson is itself the first visit
    if not same_subject(a, b, universal_covers=True):
        return None
    if any(q.dim.startswith("money") for q in find_quantities(named)):
        return None  # "学费一千八，教材包含在里面": the text prices it itself (compared as numbers)
    return _polarity_finding(a, b, 0.7)


# what a bare 不退 returns when it is not the money paid: goods, or the difference between two prices
_GOODS_RETURN = re.compile(r"退货|退换货|退回商品|退差价|\breturn|\bprice difference")


def _bare_return(a: Claim, b: Claim) -> bool:
    """ "门票一经售出不退不换" / "未使用的门票可申请退款": a bare 不退 of a ticket, card or deposit is its refund
    ("不退差价" is not)."""
    ret = a if a.primary == "return" else b
    return not _GOODS_RETURN.search(fold_text(ret.sentence))


def _same_charge_named(a: Claim, b: Claim) -> bool:
    """ "验光不收费" / "门店验光每次收取 30 元验光费", "新装宽带免收初装费" / "新裝寬頻須繳交初裝費 100 元": one
    text names a charge ("验光费") and the other names what it is for ("验光") or the charge itself."""
    names_a, names_b = _charge_names(a.sentence), _charge_names(b.sentence)
    if len(names_a) > 1 or len(names_b) > 1:
        return False  # several charges in one sentence
    if names_a == names_b:
        # one charge named the same way: the lexicon compares its own names; "清洁费" it does not know
        return (
            any(len(name) >= 3 and name[-1] == "费" for name in names_a) and _guessed(a.primary) and _guessed(b.primary)
        )
    for names, y in ((names_a, b), (names_b, a)):
        other = fold_text(y.sentence)
        if any(len(name) >= 3 and name[:-1] in other for name in names):
            return True
    return False


CHARGE_BRIDGED = 0.5


def _charged_thing_bridged(a: Claim, b: Claim) -> float:
    """ "Marriage registration is free of charge" / "结婚登记按规定收取工本费 9 元": the Chinese wording
    translates most of what the English text calls free or charged for (CC-CEDICT)."""
    if not a.key or not b.key or _script(a.key) == _script(b.key):
        return 0.0
    free = b if a.positive else a
    if _states_quantity(free.sentence) or any(_OWN_CASE.search(fold_text(c.sentence)) for c in (a, b)):
        return 0.0  # free up to 48 hours before, within 15 days, the first time: a case of its own
    wording = cross_language(a.key, b.key)
    if wording >= CHARGE_BRIDGED:
        return wording
    return JUST_ENOUGH if _fee_translated(a, b) else 0.0


@lru_cache(maxsize=16384)
def _states_quantity(sentence: str) -> bool:
    return bool(find_quantities(fold_text(sentence)))


_ENGLISH_WORD = re.compile(r"[a-z]{3,}")


def _fee_translated(a: Claim, b: Claim) -> bool:
    """ "dismantle … free of charge" / "拆机费 80 元/台": an English word of the one sentence translates
    what the Chinese text's only charge is for (拆机)."""
    english, chinese = (a, b) if _script(a.key) == "en" else (b, a)  # the caller has one of each
    names = _charge_names(chinese.sentence)
    stems = {_item_stems(name)[-1] for name in names}
    if len(stems) != 1:
        return False
    [stem] = stems
    if len(stem) < 2 or stem[-1] in "费金" or stem in _NAMES_NO_SERVICE:
        return False  # 服务费, 手续费, 佣金: a charge, not what it is for
    words = set(_ENGLISH_WORD.findall(english.sentence.lower())) - STOP - _CHARGE_WORDS
    return any(stem in t for word in words for t in translations(word))


_NAMES_NO_SERVICE = frozenset({"手续", "服务", "费用"})
_CHARGE_WORDS = frozenset(
    ["fee", "fees", "charge", "charges", "charged", "service", "cost", "costs", "price", "pay", "paid", "free", "extra"]
)


FREE_THING_CHARGED = 0.6
_CHARGE_GRAMS = frozenset({"收费", "免费", "费用", "收取", "不收", "免收", "付费"})
_LATER_TIME = re.compile(r"第[二三四五2-5]|\bsecond\b")


def _free_thing_charged(a: Claim, b: Claim) -> bool:
    """ "复检免费" / "复检按检测标准收费，每个点位 100 元", "面诊不收取任何费用" / "收取面诊费 200 元": the
    charged text repeats what the free text calls free (its wording without the charge words), though the
    lexicon names the two heads differently."""
    free, charged = (b, a) if a.positive else (a, b)
    if not free.key or not charged.key or _script(free.key) != "zh" or _script(charged.key) != "zh":
        return False
    if not _repeats_free_thing(free, charged):
        return False
    if True in _charge_cues(free.sentence) or False in _charge_cues(charged.sentence):
        return False  # "免费保管 3 天，超过 3 天…收取超期保管费": both cases in one text
    if _LATER_TIME.search(free.sentence + charged.sentence):
        return False  # "第二次及以后的复查不再免费": the first time is free, and a text may say only that
    cases = [bool(_OWN_CASE.search(fold_text(c.sentence))) for c in (free, charged)]
    # "保修期内免费上门" / "过保上门收费 200 元": the free text is a case of its own
    return all(cases) or not any(cases) or bool(_TRIAL.search(free.sentence))


def _repeats_free_thing(free: Claim, charged: Claim) -> bool:
    # "也不收服务费": a free text that names the charge itself is compared by that name (_same_charge_named)
    named = _product_grams(free, charged)
    fees = frozenset().union(*(bigrams(name) for name in _charge_names(free.sentence)))
    outside = None
    for wording in (free.key, _called_free_wording(free.sentence)):
        thing = {gram for gram in wording - named - fees - _CHARGE_GRAMS if "费" not in gram and len(gram) > 1}
        if not thing & charged.key:
            continue
        outside = outside or fold_text(PAREN.sub(" ", charged.sentence))
        shared = {gram for gram in thing & charged.key if gram in outside}
        if shared == thing or (len(shared) >= 2 and 2 * len(shared) >= len(thing)):
            return True
    return False


_CJK_RUN_AFTER = re.compile(r"^[\u4e00-\u9fff]+")
_CJK_RUN_BEFORE = re.compile(r"[\u4e00-\u9fff]+$")


@lru_cache(maxsize=65536)
def _cue_contexts(sentence: str, axis: str) -> tuple[tuple[bool, str, str], ...]:
    """Per clause with a cue of `axis`: its polarity, and the Chinese words right after and right before it."""
    text = fold_text(PAREN.sub(" ", sentence))
    found = []
    for start, end in clauses(text):
        part = text[start:end]
        if cue := cue_hits(part).get(axis):
            after, before = _CJK_RUN_AFTER.search(part[cue[2] :]), _CJK_RUN_BEFORE.search(part[: cue[1]])
            found.append((cue[0], after.group(0) if after else "", before.group(0) if before else ""))
    return tuple(found)


def _called_free_wording(sentence: str) -> frozenset[str]:
    """What a clause calls free: the words right after the cue ("免费体验课"), else right before it ("复检免费")."""
    for positive, after, before in _cue_contexts(sentence, "charge"):
        if positive:
            continue
        for run in (after, before):
            if len(run) >= 2:
                return bigrams(run)
    return frozenset()


def _charge_cues(sentence: str) -> frozenset[bool]:
    """Whether the sentence's clauses call something charged (True), free (False), or both."""
    return frozenset(positive for positive, _after, _before in _cue_contexts(sentence, "charge"))


REQUIRED_THING = 0.6
# whose consent, presence or identity is asked for differs between texts; the word alone names no thing
_NO_THING = frozenset({"同意", "确认", "认证", "陪同", "在场", "到场", "本人"})
_OBJECT_END = re.compile(r"[并和及或与、]|才|后|再|的时候|时")


def _same_required_thing(a: Claim, b: Claim) -> bool:
    """ "下水前必须穿好救生衣" / "不强制要求穿救生衣": what one text requires and the other does not is named by
    the same word right after the cue."""
    things_a, things_b = _required_things(a.sentence, a.positive), _required_things(b.sentence, b.positive)
    return bool(things_a & things_b)


@lru_cache(maxsize=65536)
def _required_things(sentence: str, positive: bool) -> frozenset[str]:
    """The head word (last two characters) of what each clause requires, or does not: "穿好救生衣" -> "生衣"."""
    things = set()
    for cue_positive, after, _before in _cue_contexts(sentence, "require"):
        if cue_positive != positive:
            continue
        thing = _OBJECT_END.split(after)[0]
        head = thing[-2:]
        if len(thing) >= 3 and not lx.ACTIONS.search(head) and head not in _NO_THING:
            things.add(head)
    return frozenset(things)


def _polarity_finding(a: Claim, b: Claim, confidence: float) -> Finding:
    value_a = " / ".join(polarity_words(a.axis, a.positive))
    value_b = " / ".join(polarity_words(b.axis, b.positive))
    return Finding("polarity", round(confidence, 3), a, b, value_a, value_b)


CHARGED_FOR_WORDING = 0.2


def _charged_for_same(a: Claim, b: Claim) -> bool:
    """ "结婚登记不收取任何费用" / "结婚登记按规定收取工本费 9 元": one names the thing, the other the charge
    for it; the charge's clause names the same thing."""
    if (key_similarity(a.key, b.key) or 0.0) < CHARGED_FOR_WORDING:
        return False
    return any(
        thing.primary and not _money_head(thing.primary) and _money_head(charge.primary)
        and thing.primary in charge.concepts
        for thing, charge in ((a, b), (b, a))
    )  # fmt: skip


_CHARGE_NAME = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:费|金)(?!用)")
_CHARGE_VERB = re.compile(r"^(?:免|不|收|另|需|付|缴|扣|计|免收|收取|支付|缴纳|另付|加收)+")


@lru_cache(maxsize=65536)
def _charge_names(sentence: str) -> frozenset[str]:
    """The names of the charges a sentence mentions ("违约金", "手续费"), without the verb before them."""
    names = set()
    for match in _CHARGE_NAME.finditer(fold_text(sentence)):
        # "送货安装免费": the 免 (or 不) marks what is free; "装免费" names no charge
        name = re.split("[免不]", _CHARGE_VERB.sub("", match.group(0)))[-1]
        if len(name) >= 2:
            names.add(name)
    return frozenset(names)


GENERIC_POLARITY_WORDING = 0.6
GENERIC_CONTAINED_GRAMS = 3
GENERIC_CONTAINED = 0.6  # share of the shorter predicate's wording the longer one repeats
GENERIC_BRIDGED = 0.5  # share of the English predicate's words the Chinese one translates


def _product_grams(a: Claim, b: Claim) -> frozenset[str]:
    """The wording of the product both texts are about: what every text of it says, not a predicate."""
    return bigrams(a.product) if a.product and a.product == b.product else frozenset()


def _guessed(concept: str) -> bool:
    """No lexicon word names the attribute: none at all, or a term guessed from its head noun."""
    return not concept or concept.startswith("t:")


def _compare_generic_polarity(a: Claim, b: Claim) -> Finding | None:
    """Polarity claims whose attribute the lexicon does not name ("充电宝严禁托运" / "充电宝可以托运"):
    the predicate and its object are the wording of the clause, which must largely coincide; a lexicon
    concept on one side only means the two are about different things."""
    # Mostly Jaccard: one word more on one side may be whom the rule is for ("bicycles"). A short
    # predicate mostly inside a longer one ("不支持异地还车" / "支持同城还车及跨城市异地还车", "可以携带手机入营"
    # / "不可携带手机、平板等电子设备") also counts.
    # the product's own name ("靓号" of 星联靓号) is what every text of it is about, not the predicate
    named = _product_grams(a, b)
    key_a, key_b = (a.key - named) or a.key, (b.key - named) or b.key
    if _script(a.key) != _script(b.key):
        # "Mobile phones are not allowed at camp" / "学员可以携带手机入营": the Chinese wording translates most
        # of the English predicate (CC-CEDICT)
        wording = cross_language(key_a, key_b)
        if wording < GENERIC_BRIDGED:
            return None
    else:
        wording = jaccard(key_a, key_b)
        small, large = sorted((key_a, key_b), key=len)
        contained = len(small & large) / len(small) if small else 0.0
        # an English key is whole words, one of which may be the subject ("Pets" / "Bicycles can ride…"):
        # all of them must recur; Chinese bigrams overlap around a shared word, so most of them is enough
        enough = GENERIC_CONTAINED if _script(small) == "zh" else 1.0
        if wording < GENERIC_POLARITY_WORDING and not (len(small) >= GENERIC_CONTAINED_GRAMS and contained >= enough):
            return None
    if a.topic and b.topic and not a.topic & b.topic:
        return None
    if not same_subject(a, b, universal_covers=True):
        return None
    return _polarity_finding(a, b, min(0.9, 0.3 + 0.5 * wording))


# Tags that say what kind of text an article is, not what it is about
FORM_TAGS = frozenset({"话术", "faq", "公告", "说明", "须知", "指南", "问答", "常见问题", "通知", "规则", "政策"})


def _same_procedure(a: Claim, b: Claim) -> bool:
    """Two articles tagged with the same specific subject ("过户", "补卡", "签注", "移机") describe one
    procedure even when the lexicon names it in neither, or names a side word in one of them ("身份证",
    "新地址")."""
    shared = (a.tags & b.tags) - FORM_TAGS
    side_words = lx.GENERIC_CONCEPTS | lx.WEAK_CONCEPTS
    return bool(shared) and any(_guessed(c.primary) or c.primary in side_words for c in (a, b))


_NOT_THING = re.compile(r"非([\u4e00-\u9fff]{2})|\bnon-([a-z]{3,})")


def _thing_and_not(x: str, y: str, *, chinese: bool = True) -> bool:
    """One text is about a thing and the other about what is not it ("非会员" / "会员", "a non-resident
    licence" / "a resident licence")."""
    for first, second in ((x, y), (y, x)):
        for match in _NOT_THING.finditer(first):
            if match[1] and chinese:
                named = match[1] in second
            elif match[2]:
                named = bool(re.search(rf"(?<![a-z-]){re.escape(match[2])}", second))
            else:
                continue
            if named and match[0] not in second:
                return True
    return False


# "不签合约：收取安装费" / "合约期 24 个月，免安装费": a price list's case of not taking an option, named
# as a label (a bare "未参加考试的考生可申请退费" is an exception the other text may deny)
_NOT_OPTED = re.compile(
    r"(?:不|未|没有?)(?:签订?|办理?|开通|参加|加入|购买|选择?|使用|绑定|订购)([\u4e00-\u9fff]{2})(?=[^，。；：:]{0,6}[：:])"
)
_ALREADY = re.compile(r"已(?:经)?([\u4e00-\u9fff]{2,3}?)(?:的|后|之后)")
_ONCE = re.compile(r"一旦([\u4e00-\u9fff]{2})")  # "配件一旦安装上车就不能退货"
# "接单前", "开航前"; not "提前", "向前台", "目前"
_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})(?<![提向往目当之以此])(?:之|以)?前(?![台往面端夕])")
_IN_PERIOD = re.compile(r"([\u4e00-\u9fff]{1,3}期)(?:之|以)?内")
_PAST = re.compile(r"超过|超出|逾期|过了|\bafter (?:the|that)\b")
_PAST_BEFORE = re.compile(r"(?:超过|超出|满|more than|over|at least)\s*$")
_PAST_AFTER = re.compile(r"^\s*(?:或?以上|或更早|及以上|or more|or earlier)")
# "free up to 12 hours before the start": at least that long ahead, the far side of the limit
_UP_TO = re.compile(r"\bup to\s*$")
_AHEAD = re.compile(r"^\s*(?:before|ahead|prior|in advance)")
_WITHIN_BEFORE = re.compile(r"(?:不足|未满|不到|少于|less than|under|within)\s*$")
_WITHIN_AFTER = re.compile(r"^\s*(?:以?内|之内)")


# "一经售出" holds of every sale, and "已无法取消" says nothing of what was done: neither is a case
_ZH_DONE = re.compile(r"已(?!经?(?:满|超|达|有|含|包|无|不|没|过|是|在))|一旦")
_ZH_NOT_YET = re.compile(
    r"未|没有?(?:使用|用过|拆|激活|开封|安装|开始)|(?:使用|激活|开封|拆封|安装|出发|发货|开始|开课|开场|取车|入住|生效)前"
)
_EN_STATES = r"(?:used|opened|activated|worn|fitted|installed|shipped|started)"
_EN_DONE = re.compile(rf"\bonce\b|\balready\b|\b(?:been|is|are|was|were|has|have) {_EN_STATES}\b")
_EN_NOT_YET = re.compile(
    rf"\bun(?:used|opened|activated|worn|fitted|installed|washed)\b|\bbefore\b"
    rf"|\bnot (?:been |yet |already )?{_EN_STATES}\b"
)


def _done_and_not_yet_across_languages(x: str, y: str) -> bool:
    """ "已激活的通票不予退票" / "Unused and unactivated passes can be refunded": what is done and what is not
    yet done are two cases in two languages too (within one the wording itself is compared below)."""
    english, chinese = (x, y) if not CJK.search(x) else (y, x)
    if CJK.search(english) or not CJK.search(chinese):
        return False
    return bool(
        (_ZH_DONE.search(chinese) and _EN_NOT_YET.search(english))
        or (_EN_DONE.search(english) and _ZH_NOT_YET.search(chinese))
    )


@lru_cache(maxsize=65536)
def _two_cases(x: str, y: str) -> bool:
    """The two statements are about two sides of one condition, each free on one side and charged (or
    allowed, refused) on the other: before and after an event ("已发货的订单不能取消" / "发货前可以取消",
    "接单前取消不收费" / "已出发…再取消的，收取取消费"), inside and outside a period ("保修期内免费维修" /
    "保修期外维修按实际收费"), or past and within one limit ("2 小时或以上免收" / "两小时内…扣除")."""
    x, y = fold_text(x), fold_text(y)
    if _thing_and_not(x, y):  # "非人为质量问题可换新" / "人为损坏不在换新范围内"
        return True
    if _done_and_not_yet_across_languages(x, y):
        return True
    for first, second in ((x, y), (y, x)):
        done = [m[1] for m in _ALREADY.finditer(first)] + [m[1] for m in _ONCE.finditer(first)]
        if any(m[1] in second and m[0] not in second for m in _NOT_OPTED.finditer(first)):
            return True
        # "已切割的瓷砖不在退换范围内" / "未切割…可辦理退換": done and not yet done are two cases too
        if any(form in second for act in done for form in (f"{act}前", f"未{act}", f"没{act}")):
            return True
        # "开演 48 小时前" is a lead time, not a state before an event
        befores = [m.group(1) for m in _BEFORE.finditer(first) if m.group(1)[-1] not in "时钟天日周月年"]
        if any("已" in second and event + "前" not in second for event in befores):
            return True
        # "保修期外", or its short form "保外", or past a limit ("免费安装期内" / "超过 15 天预约的")
        periods = [m.group(1) for m in _IN_PERIOD.finditer(first)]
        if any(f"{p}外" in second or f"{p[0]}外" in second for p in periods) or (periods and _PAST.search(second)):
            return True
    return bool(_opposite_sides(x, y))


def _bound_sides_differ(a: Claim, b: Claim) -> bool:
    """The two amounts hold on two sides of one limit other than themselves."""
    assert a.quantity is not None and b.quantity is not None
    own = {(a.quantity.dim, a.quantity.low), (b.quantity.dim, b.quantity.low)}
    return bool(_opposite_sides(fold_text(a.sentence), fold_text(b.sentence)) - own)


def _opposite_sides(x: str, y: str) -> frozenset[tuple[str, float]]:
    """The limits (dimension, value) one folded text speaks of the far side of and the other of the near side."""
    past_x, within_x = _limit_sides(x)
    past_y, within_y = _limit_sides(y)
    return (past_x & within_y) | (within_x & past_y)


@lru_cache(maxsize=16384)
def _limit_sides(text: str) -> tuple[frozenset[tuple[str, float]], frozenset[tuple[str, float]]]:
    """The limits a text speaks of the far side of ("24 小时以上") and of the near side ("24 小时内")."""
    past: set[tuple[str, float]] = set()
    within: set[tuple[str, float]] = set()
    for quantity in find_quantities(text):
        before, after = text[max(0, quantity.start - 10) : quantity.start], text[quantity.end : quantity.end + 8]
        value = (quantity.dim, quantity.low)
        if _PAST_BEFORE.search(before) or _PAST_AFTER.match(after) or (_UP_TO.search(before) and _AHEAD.match(after)):
            past.add(value)
        elif _WITHIN_BEFORE.search(before) or _WITHIN_AFTER.match(after):
            within.add(value)
    return frozenset(past), frozenset(within)


def _channel_label(names: frozenset[str], negated: frozenset[str]) -> str:
    parts = [lx.CHANNELS[n][0] for n in sorted(names)] + [f"非{lx.CHANNELS[n][0]}" for n in sorted(negated)]
    return "、".join(parts)


def _remote(channels: frozenset[str]) -> frozenset[str]:
    """The channel "线上" covers every remote channel: refusing it refuses the app, the website and WeChat."""
    return channels | lx.REMOTE_CHANNELS if "online" in channels else channels


def _specific(channels: frozenset[str]) -> frozenset[str]:
    """ "线上" next to the app or the website is that channel, not another one."""
    return channels - {"online"} if channels & lx.REMOTE_CHANNELS else channels


# Verbs that say something is done but not what ("申请", "办理", "submit"): every procedure uses them
_ANY_PROCEDURE = frozenset(
    {"申请", "办理", "提交", "受理", "联系", "咨询", "获取", "发起", "上传", "修改", "更改", "取消", "预约", "登记"}
    | {"apply", "submit", "request", "contact", "get", "change", "update"}
)


def _same_action(a: Claim, b: Claim) -> bool:
    """Both sentences name one specific act ("报名", "退卡", "兑换"): one procedure, whatever the lexicon
    makes of the words around it."""
    return bool(_specific_acts(a.sentence) & _specific_acts(b.sentence))


# "签订合同" and "合同签署" are one act
_ONE_ACT = {"签订": "签约", "签署": "签约", "订餐": "预订", "点餐": "预订", "订购": "预订"}


@lru_cache(maxsize=8192)
def _specific_acts(sentence: str) -> frozenset[str]:
    acts = (m.group(0).strip() for m in lx.ACTIONS.finditer(fold_text(sentence)))
    # "get the" is "get"
    return frozenset(_ONE_ACT.get(act, act) for act in acts if act.split()[0] not in _ANY_PROCEDURE)


def _compare_procedures(a: Claim, b: Claim) -> Finding | None:
    refused = bool(_remote(a.negated_channels) & b.channels or _remote(b.negated_channels) & a.channels)
    # one text names the only channel, the other names another one ("App 线上办理" names the app twice)
    named_a, named_b = _specific(a.channels), _specific(b.channels)
    only_elsewhere = bool(named_a and named_b) and (
        (a.exclusive and not named_b <= named_a) or (b.exclusive and not named_a <= named_b)
    )
    if not (refused or only_elsewhere):
        return None
    similarity = attribute_similarity(a, b)
    wording = _or(key_similarity(a.key, b.key), CROSS_LANGUAGE_KEY)
    # The channel clash itself is strong evidence; the wording around it varies a lot between articles,
    # so instead of wording we demand the very same procedure (same main concept).
    if a.primary != b.primary or similarity < ATTRIBUTE_THRESHOLD or wording < PROCEDURE_KEY_THRESHOLD:
        # an English and a Chinese text about one procedure: the Chinese words translate part of the English
        bridged = cross_language(a.key, b.key) >= PROCEDURE_BRIDGED
        if not (_same_procedure(a, b) or bridged or _same_action(a, b)):
            return None
        similarity = ATTRIBUTE_THRESHOLD
    if not same_subject(a, b):
        return None
    confidence = min(0.95, 0.35 + 0.5 * similarity + 0.2 * wording)
    return Finding(
        "procedure",
        round(confidence, 3),
        a,
        b,
        _channel_label(a.channels, a.negated_channels),
        _channel_label(b.channels, b.negated_channels),
    )
