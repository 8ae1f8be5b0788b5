"""Claim extraction: split an article into sentences and pull out what each sentence asserts.

Three kinds of claims:
- a *quantity* claim: an attribute (concepts such as 退货 + 期限), a normalized value, a scope;
- a *polarity* claim: an attribute plus a modality on one axis (permit: 可以/不得, require: 必须/无需,
  charge: 收取/免收) and its sign;
- a *procedure* claim: an action on an attribute (申请退款, 报案) and the channels it goes through.

The scope (customer tier, region, plan, kind of goods, condition, insurance line...) comes from the
sentence, else its section heading, else the title and tags; the article's product is kept apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from kb.consistency import lexicon as lx
from kb.consistency.numbers import BDAY, CLOCK, DURATION, Quantity, find_quantities, parse_number, same_value
from kb.consistency.records import Doc
from kb.consistency.text import Sentence, fold_text, split_sentences

# (not the comma of "1,500 元")
_CLAUSE_SPLIT = re.compile(
    r"(?<!\d),|,(?!\d{3}(?!\d))|[，;；、]|(?<!\d)[:：](?!\d)|(?<=[a-z])\s+(?:and|but|while|whereas)\s+|但|但是|而|否则"
    # "另外，…" starts a new clause; "不用另外付费", "可同时登录" are adverbs inside one
    r"|(?<![^,，;；。\s])(?:另外|此外|同时)"
)
# Function words that say nothing about the attribute; dropped before bigrams so "请在 App 内提交退款申请"
# and "退款申请只能在 App 提交" share their content words.
_KEY_STOP = re.compile(
    r"(?<![申邀聘])请(?![假求])|您|我们|我司|本公司|的|了|将(?!来)|在|是|通过|进行|如需|如|可以|可|仅|只能|只|需要|需|须|均|都|也|即可|一般|通常|"
    r"目前|暂时|暂|现在|很抱歉|抱歉|(?:自|从)?(?:即日|今日|今天|本月|下月|本学期|下学期|本季度|下季度|明年|今年)起|不再|"
    r"\b(?:the|a|an|to|of|and|or|for|in|on|at|by|with|your|you|we|our|us|is|are|be|been|will|can|may|please|this|that|it|"
    r"within|only|must|need|needs|any|all)\b"
)
GENERIC_MIN_GRAMS = 2  # a generic claim needs at least this much wording to be compared at all
PAREN = re.compile(r"[(（][^)）]*[)）]")
# "加热盘保修三十六个月": an amount in Chinese numerals is a value, not wording (as digits are)
_CJK_AMOUNT = re.compile(
    r"[零一二两三四五六七八九十百千万]+(?:个月|个工作日|个|天|日|小时|年|月|周|次|元|块|张|件|人|岁|分钟|公里|倍)(?!期)"
)  # but "三年期" names a term
_KEY_DROP = re.compile(r"[\d\s.,，。;；:：!?！？、()（）\[\]\"'“”‘’《》<>/*#|%¥$+-]+")


@dataclass(frozen=True)
class Scope:
    """For whom / for what a statement holds. `values` maps a scope key to its values; `universal` marks
    explicit 'all customers' wording (which does cover, and so contradicts, a specific tier)."""

    values: tuple[tuple[str, frozenset[str]], ...] = ()
    universal: bool = False

    def as_dict(self) -> dict[str, frozenset[str]]:
        return dict(self.values)


@dataclass
class Claim:
    """One statement of one document. `kind` is "quantity", "polarity" or "procedure"."""

    doc_id: str
    external_id: str
    product: str
    kind: str
    concepts: frozenset[str]  # concepts of the clause the statement is in
    primary: str  # the concept nearest to the value or cue
    context: frozenset[str]  # concepts of the whole sentence (and heading/title when it has none)
    scope: Scope
    sentence: str  # original text, for evidence
    key: frozenset[str]  # character bigrams / words of the clause without numbers, cues and scope words
    quantity: Quantity | None = None
    role: str = ""  # "threshold" (满 99 元), "cap" (最高 50 元) or "" (the amount itself)
    negated: bool = False
    axis: str = ""
    positive: bool = True
    channels: frozenset[str] = frozenset()
    negated_channels: frozenset[str] = frozenset()
    exclusive: bool = False
    condition: frozenset[str] = frozenset()
    # What a number is about, read next to it: the words of its attribute phrase ("完成质检", "有效期",
    # "查看近…账单") as bigrams, the concepts among them, and the kind of measure (validity, history,
    # turnaround, deadline). Two numbers with unrelated phrases are about different things.
    window: frozenset[str] = frozenset()
    window_concepts: frozenset[str] = frozenset()
    measure: str = ""
    event: str = ""  # for a turnaround, the step it ends with: dispatch, arrival, money credited, review
    own_concept: bool = True  # the concept is named in the sentence itself, not borrowed from a heading
    case: frozenset[str] = frozenset()  # wording of a "…的，" clause that restricts whom the rule is for
    topic: frozenset[str] = frozenset()  # lexicon concepts of the title and section heading
    inherited_scope: frozenset[str] = frozenset()  # scope keys named by the title and tags only
    row: str = ""  # the table row the statement is in
    beyond: bool = False  # said of the case past a limit ("超过期限的…无法", "cancel later, …charged")
    tags: frozenset[str] = frozenset()  # the article's tags, folded: what procedure an article is about
    bounds: frozenset[tuple[str, float]] = frozenset()  # (dimension, value) of the bounds the amount holds past
    head: str = ""  # the two characters right before a number, past function words: "续借" of "最多续借两次"
    day_kind: bool = False  # the sentence stresses calendar or working days ("按自然日计算，含周末")
    replaces: Quantity | None = None  # the old value a change notice says this one replaces ("由 7 天延长为 14 天")
    sole: bool = False  # the only value of its kind the document states (one period, one price...)
    item: str = ""  # a charge claim read off a price list's line: the item it names ("销毁证明", a row)
    category: str = ""  # the article's category ("跨境电商"), folded like the product


def bigrams(text: str) -> frozenset[str]:
    """Chinese character bigrams plus English words: a cheap, language-neutral bag for similarity."""
    grams: set[str] = set()
    for chunk in re.findall(r"[a-z]+|[\u4e00-\u9fff]+", text):
        if chunk.isascii():
            if len(chunk) > 2:
                grams.add(chunk)
        elif len(chunk) == 1:
            grams.add(chunk)
        else:
            grams.update(chunk[i : i + 2] for i in range(len(chunk) - 1))
    return frozenset(grams)


# Policy terms outside the lexicon ("改签费", "免息期", "grace period"): a head noun that names a fee,
# period, limit... with the two characters (or the word) before it. They act as concepts "t:<term>".
_TERM_ZH = re.compile(
    r"([\u4e00-\u9fff]{2})(费用|费|期|金|率|额|价|卡|险|券|包|证|照|时限|时效|期限|次数|上限|门槛|时长)"
)
_TERM_EN = re.compile(
    r"\b([a-z]{3,})[ -](fee|fees|period|limit|charge|rate|price|deadline|window|allowance|cap|card|voucher)\b"
)
_TERM_STOP = set(
    "的了收取为是按每需免将在和及与或该本其此已可会要由不无均内外后前上下中以天月年时起至到从对向被把请您我你他"
)
_TERM_STOP |= set("元块个次件台如若")
_TERM_STOP_LAST = set("内外后前天月年时起至到的每免收付缴交扣无不需须")
_TERM_STOP_EN = {"the", "this", "that", "per", "any", "our", "your", "each", "every", "one", "same", "full", "first"}


def find_concepts(text: str) -> list[tuple[str, int, int]]:
    """(concept, start, end) for every concept mention in folded text, lexicon first, then terms."""
    return list(_find_concepts(text))


# Headings, titles, table headers and boilerplate repeat across a knowledge base; each is read once.
@lru_cache(maxsize=65536)
def _find_concepts(text: str) -> tuple[tuple[str, int, int], ...]:
    found = []
    for name, regex in lx.CONCEPT_RE.items():
        for match in regex.finditer(text):
            found.append((name, match.start(), match.end()))
    # "延长保修" is the extended warranty, not also the warranty; "shipping costs" is not also a price
    found = [
        (n, s, e) for n, s, e in found if not any(s0 <= s and e <= e0 and e0 - s0 > e - s for _n0, s0, e0 in found)
    ]
    # "改签费", "安装费": a fee for the thing named just before it
    found += [("fee", e, e + 1) for n, _s, e in found if text.startswith("费", e) and n not in lx.MONEY_HEADS]
    for match in list(_TERM_ZH.finditer(text)) + list(_TERM_EN.finditer(text)):
        start, end = match.span()
        head = match.group(1)
        # "服务免费", "每期收取", "5 元无门槛": a verb or a unit glued to the head is not a term's name
        if head[0] in _TERM_STOP or head[-1] in _TERM_STOP_LAST or head in _TERM_STOP_EN:
            continue
        if any(s < end and start < e for _n, s, e in found):
            continue  # the lexicon already names it
        found.append(("t:" + match.group(0).replace(" ", "-").removesuffix("s"), start, end))
    return tuple(found)


_ANY_SCOPE = re.compile("|".join(f"(?:{p})" for values in lx.SCOPES.values() for _v, p in values))


_PRICE_NAMED = re.compile(
    r"(\d+(?:\.\d+)?)\s*元\s*(?:套餐|档位|档|月卡|年卡)|(?:¥|rmb|cny|us\$|\$)\s*(\d+(?:\.\d+)?)\s+(?:plan|package|tier)\b"
)
# "三年期定期存款", "6 个月期": a deposit or loan named by its term; its rate belongs to that term. So is a
# contract ("签订 12 个月合约：免安装费", "a 12-month contract"): what it gives is for that contract.
_TERM_NAMED = re.compile(
    r"([\d.]+|[一二两三四五六七八九十半]+)\s*(个月|年|天)(?:期(?![间限内末满])|的?合约(?!期))"
    r"|\b(\d+)[- ](month|year)s? (?:contract|plan)\b"
)
_TERM_DAYS = {"个月": 30, "年": 365, "天": 1, "month": 30, "year": 365}
# "20 课时卡", "10 次卡", "a 10-class pack": a pack named by how many uses it holds
# "C 系列主机保修 6 个月", "the X2 series": one line of the product's models
_SERIES_NAMED = re.compile(r"(?<![a-z0-9])([a-z]\d{0,3})\s*系列|\b(?:the\s+)?([a-z]\d{0,3})[- ]series\b", re.I)
_COUNT_NAMED = re.compile(
    r"(\d+|[一二两三四五六七八九十百]+)\s*(?:课时|次课?|节课?|堂课?|课)的?(?:次卡|卡|包|课包|套餐)"
    r"|\b(\d+)[- ](?:class|session|lesson|visit|ride|hour)s?\s(?:pack|card|pass|package|bundle)s?\b"
)
_EXCLUDED_AFTER = re.compile(r"\s*(?:地区|[类的]?[\u4e00-\u9fff]{0,3})?\s*(?:除外|以外|不变)")  # 定制类商品除外
# "除了新疆西藏这些偏远地区": what 除了 leaves out runs to the end of its clause (not 扣除, 删除, 解除…)
LEAVES_OUT = r"(?<![扣删解免排消清剔去])除了?"
_EXCLUDED_BEFORE = re.compile(
    rf"(?:{LEAVES_OUT}|不含|不包括)[^，。；,;：:]{{0,10}}$"
    r"|(?:\bexcept(?: for)?|\bexcluding|\bother than|\bnot including)\s*$"
)


def scope_mentions(text: str) -> list[tuple[str, str, int, int]]:
    """(key, value, start, end) of every scope word; a specific tier masks the generic word it contains."""
    return list(_scope_mentions(text))


@lru_cache(maxsize=65536)
def _scope_mentions(text: str) -> tuple[tuple[str, str, int, int], ...]:
    # "129 元套餐", "the ¥99 plan": a plan named by its price is a subject, whatever the domain
    found = [("plan", "price-" + (m.group(1) or m.group(2)), *m.span()) for m in _PRICE_NAMED.finditer(text)]
    found += [("plan", _term_name(m), *m.span()) for m in _TERM_NAMED.finditer(text)]
    found += [
        ("pack", f"pack-{parse_number(m.group(1) or m.group(2))}", *m.span()) for m in _COUNT_NAMED.finditer(text)
    ]
    found += [("series", (m.group(1) or m.group(2)).lower(), *m.span()) for m in _SERIES_NAMED.finditer(text)]
    if not _ANY_SCOPE.search(text):
        return tuple(found)
    for key, options in lx.SCOPE_RE.items():
        remaining = text
        for value, regex in options:
            spans = [m.span() for m in regex.finditer(remaining)]
            for start, end in spans:
                before = text[max(0, start - 12) : start]
                # "出国（港澳台除外）" is not about 港澳台; "到期后自动降级为免费版" names where the customer ends
                # up, not whom the rule is for
                left_out = _EXCLUDED_AFTER.match(text, end) or _EXCLUDED_BEFORE.search(before)
                classed = key == "goods" and _CLASSED_AS.search(before)
                if not (left_out or _MOVED_TO.search(before) or classed or _PURPOSE.search(text, 0, start)):
                    found.append((key, value, start, end))
                remaining = remaining[:start] + " " * (end - start) + remaining[end:]  # 'VIP 会员' is not also 会员
    return tuple(found)


# "会员属于虚拟服务，…不支持退款", "茶叶为入口食品": what kind of goods the subject is, the reason for its
# rule, not a narrower case of it (a text about 会员 need not say it is virtual)
_CLASSED_AS = re.compile(r"(?:属于|属|系|归为|作为|(?<![成改转调整])为|(?<![不就])是)[^，。；,;]{0,8}$")
# "为提升老年用户的售后体验，…": whom a change is meant to help, not whom the rule is for
_PURPOSE = re.compile(
    r"(?:^|[，。；,;:：—])\s*(?:为了?|旨在)(?:进一步|更好地)?(?:提升|提高|方便|保障|确保|便于|让|给|改善|优化)[^，。；,;]*$"
)
_MOVED_TO = re.compile(
    r"(?:降级|升级|转|改|切换|变更)(?:为|到|成|至)\s*$"
    r"|\b(?:downgraded?|upgraded?|switch(?:ed)?|moved?) to(?: the| our)?\s*$"
)


def _term_name(match: re.Match[str]) -> str:
    count = parse_number(match.group(1) or match.group(3))
    return f"term-{round((count or 0) * _TERM_DAYS[match.group(2) or match.group(4)])}d"


def scope_between(mentions: list[tuple[str, str, int, int]], start: int, end: int) -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = {}
    for key, value, s, e in mentions:
        if s >= start and e <= end:
            grouped.setdefault(key, set()).add(value)
    if len(grouped.get("tier", ())) > 1:
        grouped["tier"].discard("member")  # the generic word next to a specific tier
    if "noreason" in grouped.get("reason", ()):
        grouped["reason"].discard("quality")  # 非质量问题 is not 质量问题
    return {key: frozenset(values) for key, values in grouped.items() if values}


def find_scope(text: str) -> tuple[dict[str, frozenset[str]], bool]:
    return scope_between(scope_mentions(text), 0, len(text)), bool(lx.UNIVERSAL.search(text))


_MEMBERSHIP_PRODUCT = re.compile(r"会员|(?<![a-z])(?:member(?:ship)?|vip|plus)(?![a-z])")


def _title_scope(text: str, product: str) -> dict[str, frozenset[str]]:
    """Scope named by the title and tags ("all" there says nothing of one sentence). A product that is a
    paid membership ("云享会员") makes the whole article a rule for its members."""
    scope = find_scope(text)[0]
    if _MEMBERSHIP_PRODUCT.search(product) and scope.get("tier", frozenset()) <= {"member"}:
        scope["tier"] = frozenset({"vip"})
    return scope


def merge_scope(*layers: tuple[dict[str, frozenset[str]], bool]) -> Scope:
    """Layers from broad (title) to narrow (sentence): a narrower layer replaces a key it names."""
    merged: dict[str, frozenset[str]] = {}
    universal = False
    for values, is_universal in layers:
        for key, value in values.items():
            if key == "tier" and value == {"member"} and merged.get(key, frozenset()) - {"member"}:
                continue  # a bare "会员" in the clause does not undo "学生" named earlier in the sentence
            merged[key] = value
        if is_universal:
            universal = True
    if "tier" in merged and universal and layers[-1][1] and "tier" not in layers[-1][0]:
        merged.pop("tier")  # "所有客户" in the sentence overrides a tier inherited from the title
    return Scope(tuple(sorted(merged.items())), universal)


def clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CLAUSE_SPLIT.finditer(sentence):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans or [(0, len(sentence))]


def cue_hits(text: str) -> dict[str, tuple[bool, int, int]]:
    """axis -> (positive, start, end) of the deciding cue; a negative cue wins over a positive one."""
    taken: list[tuple[int, int]] = []
    result: dict[str, tuple[bool, int, int]] = {}
    for axis, positive, regex in lx.CUE_RE:
        for match in regex.finditer(text):
            span = match.span()
            if any(not (span[1] <= s or span[0] >= e) for s, e in taken):
                continue
            taken.append(span)
            # "安检员不会收取任何费用", "我们从不要求", "不再免费": a negated auxiliary turns the cue after it
            flipped = bool(_AUX_NEGATION.search(text[max(0, span[0] - 4) : span[0]]))
            if axis == "charge" and positive:
                # "不得以任何名义向受援人收取费用": charging is forbidden, so the service is free
                flipped = flipped or bool(_FORBIDS_BEFORE.search(text, 0, span[0]))
            if axis not in result:
                result[axis] = (positive != flipped, *span)
    return result


_FORBIDS_BEFORE = re.compile(r"(?:不得|禁止|严禁|不准|不允许)[^，。；,;：:]*$")
_AUX_NEGATION = re.compile(r"(?:不会|不再|并不|从不|绝不|决不|并未|从未|不用再|不属于|不在|不享受|不适用)\s*$")


def _clean_key(text: str, drop: list[tuple[int, int]]) -> frozenset[str]:
    chars = list(text)
    for start, end in drop:
        for i in range(max(0, start), min(end, len(chars))):
            chars[i] = " "
    cleaned = _KEY_DROP.sub(" ", _CJK_AMOUNT.sub(" ", "".join(chars)))
    cleaned = _KEY_STOP.sub(" ", lx.UNIVERSAL.sub(" ", lx.EXCLUSIVE.sub(" ", cleaned)))
    return bigrams(cleaned)


# extract_claims' inner base(): (kind, clause index, position, spans to drop, bare=False) -> Claim or None.
ClaimMaker = Callable[..., Claim | None]


@dataclass
class _Context:
    doc: Doc
    title_scope: tuple[dict[str, frozenset[str]], bool]
    title_concepts: list[str]
    product: str
    category: str = ""
    tags: frozenset[str] = frozenset()


def _is_anchor(text: str, start: int, end: int) -> bool:
    return bool(lx.ANCHOR_AFTER.match(text[end:]) or lx.ANCHOR_BEFORE.search(text[:start]))


def _primary(concepts: list[tuple[str, int, int]], clause: str, position: tuple[int, int]) -> str:
    """The concept a value is about: the nearest mention that is not a time anchor (签收后, after delivery)."""
    best, best_distance = "", float(10**9)
    lexicon_named = any(not name.startswith("t:") for name, _s, _e in concepts)
    for name, start, end in concepts:
        anchor = bool(lx.ANCHOR_AFTER.match(clause[end:]) or lx.ANCHOR_BEFORE.search(clause[:start]))
        distance: float = position[0] - end if end <= position[0] else max(0, start - position[1])
        distance += (1000 if anchor else 0) + (500 if name in lx.WEAK_CONCEPTS else 0)
        # A Chinese compound names its head last: "收费发票" is an invoice, "挂失渠道" a loss report's channel.
        if any(s0 == end and n0 != name for n0, s0, _e0 in concepts) and not clause[start:end].isascii():
            distance += 200
        if name.startswith("t:") and lexicon_named:
            distance += 300  # a guessed term ("银行卡", "票面价") yields to a word the lexicon knows
        distance -= (end - start) / 100  # on a tie the longer, more specific mention wins ("ships free")
        if distance < best_distance:
            best, best_distance = name, distance
    return best


def extract_claims(doc: Doc) -> list[Claim]:
    """Every claim in a document, with scope from the sentence, its heading, then title and tags."""
    title = fold_text(doc.title, doc.language)
    tags = fold_text(" ".join(doc.tags), doc.language)
    # one product in one script whatever each text's language: "冠藝獎盃" names it in simplified texts too
    product = fold_text(doc.product, "zh-hant")
    context = _Context(
        doc=doc,
        title_scope=(_title_scope(title + " " + tags, product), False),
        title_concepts=sorted({name for name, _s, _e in find_concepts(title)}),
        product=product.strip(),
        category=fold_text(doc.category, "zh-hant").strip(),
        tags=frozenset(t for t in (fold_text(tag, doc.language).strip() for tag in doc.tags) if t),
    )
    claims: list[Claim] = []
    question: list[str] = []
    asked_sentence: Sentence | None = None
    asked: frozenset[str] = frozenset()
    asked_scope: dict[str, frozenset[str]] = {}
    if _QUESTION.search(title) or title.rstrip().endswith("吗"):
        # "可以带宠物上车吗？" over "可以。宠物须放在笼内。": the title asks what the first sentence answers
        asked_sentence = None if lx.NEGATION.search(title) else Sentence(doc.title, title, "")
        question = sorted({name for name, _s, _e in find_concepts(title)})
        asked = _clean_key(_ASKING.sub(" ", title), [])
        asked_scope = scope_between(scope_mentions(title), 0, len(title))
    for sentence in split_sentences(doc.body, doc.language):
        sentence = _without_reason(_without_courtesy_question(_without_speaker_label(sentence)))
        # A question asserts nothing ("可以网上办理吗？"); it names what the answer after it is about. So
        # does an introduction ("可以这样回答："), unless it states a rule itself ("只接受到门店下单：").
        introduces = _INTRODUCES.search(sentence.folded) and not (
            lx.EXCLUSIVE.search(sentence.folded) or _states_amount_first(sentence.folded)
        )
        answer = _YES_NO.match(sentence.folded)
        if answer and asked_sentence is not None:
            claims.extend(_answered(asked_sentence, sentence, answer["yes"] is not None, context))
        asks = bool(_QUESTION.search(sentence.folded))
        asked_sentence = sentence if asks and not lx.NEGATION.search(sentence.folded) else None
        if asks or introduces:
            question = sorted({name for name, _s, _e in find_concepts(sentence.folded)})
            asked = _clean_key(_ASKING.sub(" ", sentence.folded), [])
            # "Can I get my money back on an annual plan? Yes, within 30 days": the answer holds for
            # whom the question asks about (an introduction may compare two cases instead)
            asked_scope = scope_between(scope_mentions(sentence.folded), 0, len(sentence.folded)) if asks else {}
            continue
        claims.extend(_sentence_claims(sentence, context, question, asked, asked_scope))
        question, asked, asked_scope = [], frozenset(), {}
    _mark_sole_values(claims)
    return claims


# "**Is the service fee ever waived?** No." / "Can I bring my dog? Yes, on a lead." / "问：C1 驾照能租房车吗？
# 答：不能。": the answer says yes or no to the question's own rule
_YES_NO = re.compile(
    r"^\s*(?:(?P<yes>yes\b|(?:可以|能|需要|要|会|是的)(?=[。，,！!；;]))"
    r"|(?:no\b|(?:不能|不可以|不行|不用|不需要|不要|不会|不可|无需|没有|不是必须的?|不必|不强制|不一定)(?=[。，,！!；;])))"
)


def _answered(question: Sentence, answer: Sentence, yes: bool, context: _Context) -> list[Claim]:
    said = Sentence(f"{question.original} {answer.original}", question.folded, question.heading, question.row)
    claims = [c for c in _sentence_claims(said, context, [], frozenset(), {}) if c.kind == "polarity"]
    for claim in claims:
        claim.positive = claim.positive == yes  # "No." turns the question's rule around
    return claims


def dimension_family(dim: str) -> str:
    """Periods in days or working days are one kind of value (7 个工作日 vs 7 天 is a unit conflict)."""
    return "time" if dim in (DURATION, BDAY) else dim


def _value_kind(quantity: Quantity, role: str) -> tuple[str, str, str]:
    return dimension_family(quantity.dim), quantity.per, role


SHORT_TEXT_VALUES = 4


def _mark_sole_values(claims: list[Claim]) -> None:
    """A short text that states one period (or one price...) in several places states one fact: its
    value is what the text says of its topic, whatever words name it."""
    values: dict[tuple[str, str, str], list[Quantity]] = defaultdict(list)
    for claim in claims:
        if claim.quantity is not None and not claim.negated:
            kind = values[_value_kind(claim.quantity, claim.role)]
            if not any(same_value(claim.quantity, known) for known in kind):
                kind.append(claim.quantity)
    if sum(len(kind) for kind in values.values()) > SHORT_TEXT_VALUES:
        return  # a long text's single price may be one detail among many topics
    for claim in claims:
        if claim.quantity is not None and not claim.negated:
            claim.sole = len(values[_value_kind(claim.quantity, claim.role)]) == 1


# An agent's script ends its answer with a polite question ("…免费停车三小时，请问还有什么可以帮您？"):
# the answer before it is still an answer.
_COURTESY_QUESTION = re.compile(
    r"[,，]\s*(?:请问|那)?\s*您?(?:还有|还有什么|有什么|还需要|需要我|是否还|看|可以吗|好吗|行吗|好不好|方便)[^,，。]*[?？][\"”」']?\s*$"
    r"|[,.]\s*(?:is there anything|anything else|can i help|may i help|would you like)[^,.]*\?[\"”']?\s*$"
)


def _without_courtesy_question(sentence: Sentence) -> Sentence:
    match = _COURTESY_QUESTION.search(sentence.folded)
    if not match or match.start() < 4:
        return sentence
    folded = sentence.folded[: match.start()] + "。"
    original = sentence.original[: len(sentence.original) - (len(sentence.folded) - match.start())]
    return Sentence(original.rstrip("，, ") + "。", folded, sentence.heading, sentence.row)


# "坐席话术：…", "参考回复：…", "答：…": who says the text, not what it is about (回复 is no attribute)
_SPEAKER_LABEL = re.compile(
    r"^\s*(?:[-*\d.、]\s*)*\**(?:[\u4e00-\u9fff]{0,8}?(?:话术|回复|回答|答复|口径)(?:参考|要点|如下)?|答|a|坐席|客服)\**"
    r"\s*[:：]\s*\**\s*[\"“「]?"
)


def _without_speaker_label(sentence: Sentence) -> Sentence:
    match = _SPEAKER_LABEL.match(sentence.folded)
    if not match or match.end() == len(sentence.folded):
        return sentence
    return _blanked_start(sentence, match.end())


def _blanked_start(sentence: Sentence, end: int) -> Sentence:
    # blanked, not cut: positions in the folded text stay those of the original
    folded = " " * end + sentence.folded[end:]
    return Sentence(sentence.original, folded, sentence.heading, sentence.row)


# "受场地租金上涨影响，…调整为 4200 元/月", "为提高封装效率，…": why a notice changes a rule is not what
# the rule is about (场地租金 is not the price of the service)
_REASON = re.compile(
    r"^\s*(?:为了|为(?:保证|保障|提高|减少|避免|方便|确保|提升|防止|规范|加强|进一步)|受[^，,。；;:：]{1,20}影响"
    r"|鉴于|考虑到)[^，,。；;:：]{0,30}[，,]"
)


def _without_reason(sentence: Sentence) -> Sentence:
    match = _REASON.match(sentence.folded)
    if not match or match.end() >= len(sentence.folded.rstrip()) - 4:
        return sentence
    return _blanked_start(sentence, match.end())


# The words that make a sentence a question; what remains names what is asked about ("清关要多久？")
_ASKING = re.compile(
    r"^\s*(?:问|q)\s*[:：]|多长时间|多久|多少钱|多少|怎么|如何|什么|能否|是否|吗|呢|要"
    r"|\b(?:how|long|much|many|what|when|can|do|does|i)\b"
)


# A worked example or a calculation restates a rule with made-up figures; its numbers are not policy.
# (A formula with one rate in it, "滞纳金 = 欠费金额 × 0.05% × 逾期天数", is the rule itself.)
_EXAMPLE = re.compile(r"^\s*(?:举例|例如|比如|譬如|示例|例[:：]|e\.g\.|for example|for instance|example[:：])")
_OPERATOR = re.compile(r"[×÷=＝]|\d\s*[x*/]\s*\d")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# Short quoted text names a label or a button ("不支持无理由退货", 「申请售后」): quoted, not asserted.
_SHORT_QUOTE = re.compile(r"[“\"「『‘'][^“”\"「」『』‘’']{1,16}[”\"」』’']")
_BOOK_TITLE = re.compile(r"《[^》]{1,30}》")
# "原手机号能收短信的，…": a clause ending in 的 states the case the rule applies to.
# ("充电宝是不能托运的，…" is the emphatic 是…的 of an assertion, and "有的，…", "不用预约的，…" or "不收费的，…"
# an answer that opens with its yes or no, not a case)
_CASE_CLAUSE = re.compile(
    r"^(?![^是]*是[^是]{1,20}的\s*$)(?!\W*(?:有|是|好|对|可以|能|不用|不需要|无需|不收费|免费)[^，,]{0,12}的\s*$).*的\s*$"
)


# "由提前 7 天放号调整为提前 14 天", "extended from 7 to 14 days": the old value of a change is history.
_CHANGED_FROM = re.compile(
    r"(?:由|从)[^，。；,;由从]{0,12}$|\b(?:changed|increased|extended|reduced|raised|cut|lowered|moved|up|down)\s+from\s+$"
)
_CHANGED_TO = re.compile(
    r"^[^，。；,;]{0,10}?(?:调整|改|变更|更改|提高|提升|延长|缩短|降低|降|上调|下调|增加|减少|放宽|收紧)(?:为|至|到|成)|^\s*(?:[a-z-]+\s+){0,2}to\b"
)


def _superseded(text: str, quantity: Quantity) -> bool:
    return bool(
        _CHANGED_FROM.search(text[max(0, quantity.start - 16) : quantity.start])
        and _CHANGED_TO.match(text[quantity.end : quantity.end + 14])
    )


_FROM_OLD = re.compile(r"(?:由|从)\s*(?:原来的?|原先的?|原)?\s*$")


def _replaced(quantity: Quantity, found: list[Quantity], superseded: list[Quantity]) -> Quantity | None:
    """The old value right before a new one: "由 7 天延长为 14 天" -> 7 天 for 14 天."""
    old = max((q for q in found if q.end <= quantity.start), key=lambda q: q.end, default=None)
    if old is None or old not in superseded or old.dim != quantity.dim or quantity.start - old.end > 20:
        return None
    return old


# What happens once a limit has passed: "超过期限的订单…无法开启", "之后取消将扣除首晚房费", "If you cancel
# later, the first night is charged". Such a rule is the other side of the limit, not its contradiction.
_BEYOND = re.compile(
    r"(?:超过|超出|逾期|逾时|超时|过期|过了)(?![\d\s零一二两三四五六七八九十百半])|否则|(?:^|[,，;；])\s*(?:之后|此后|以后|过后|逾時)"
    r"|\blater\b|\botherwise\b|\bafter that\b|\bbeyond\b|\bexceed|\bpast the\b"
    r"|\bonce (?:the|this) [a-z]+ (?:has )?(?:passed|expired|ended)"
)
# "客户询问能否退货时，可以这样回答：" introduces what follows; it asserts nothing itself.
_INTRODUCES = re.compile(r"[:：]\s*$")
_LAST_CLAUSE = re.compile(r"[,，;；][^,，;；]*$")


def _states_amount_first(sentence: str) -> bool:
    """ "立式钢琴标准调律一次收费 380 元，包含：" states a price before it introduces what the price covers."""
    head = _LAST_CLAUSE.sub("", sentence)
    return head != sentence and bool(find_quantities(head))


@lru_cache(maxsize=4096)
def _heading(heading: str) -> tuple[tuple[dict[str, frozenset[str]], bool], list[str]]:
    """Scope and concepts of a section heading, read once for all the sentences under it."""
    return find_scope(heading), sorted({name for name, _s, _e in find_concepts(heading)})


_QUESTION = re.compile(r"^\s*(?:问|q)\s*[:：]|[?？]\s*$")
# "客人问能不能自带酒水": asking whether, in the clause or by an A-not-A question, says nothing either way
_ASKED_ABOUT = re.compile(
    r"询问|咨询|问起|问到|来电问|\bask(?:s|ed|ing)?\b|能不能|可不可以?|要不要|需不需要|用不用|收不收|是否(?:可以|能|需要|收费)"
)


def _sentence_claims(
    sentence: Sentence,
    context: _Context,
    question: list[str],
    asked: frozenset[str],
    asked_scope: dict[str, frozenset[str]],
) -> list[Claim]:
    text = sentence.folded
    is_example = bool(_EXAMPLE.search(text)) or (bool(_OPERATOR.search(text)) and len(_DIGITS.findall(text)) >= 3)
    heading_scope, heading_concepts = _heading(sentence.heading) if sentence.heading else (({}, False), [])
    spans = clauses(text)
    main_spans = [
        (start, end)
        for start, end in spans
        if len(spans) == 1
        or not (
            lx.CONDITION_START.match(text[start:end])
            or (_CASE_CLAUSE.search(text[start:end]) and (start, end) != spans[-1])
        )
    ]
    # A condition governs the clauses after it ("如有质量问题可申请维修" says nothing of the refusal before
    # it); English puts it anywhere ("free if you ..."), so there it governs the whole sentence.
    english = text.isascii()

    def condition_before(index: int, primary: str, *, case_only: bool = False) -> frozenset[str]:
        return _condition_key(
            "".join(
                text[s0:e0]
                for i, (s0, e0) in enumerate(spans)
                if (s0, e0) not in main_spans
                and (english or i < index)
                and (not case_only or _CASE_CLAUSE.search(text[s0:e0]))
                # "患者因故需取消或调整治疗的，须提前 48 小时…": a clause naming the very thing the rule is
                # about says when it applies, not which of two cases
                and not any(n == primary and s0 <= s and e <= e0 for n, s, e in sentence_concepts)
            )
        )

    topic = frozenset(c for c in [*context.title_concepts, *heading_concepts] if not c.startswith("t:"))
    mentions = scope_mentions(text)
    scope_spans = [(s, e) for _k, _v, s, e in mentions]
    # "好了会短信通知您来拿": how the customer hears back is not the channel the rule is for
    told = _NOTIFIED.sub(" ", text)
    # a home visit is how a service is delivered, not a case of its own the way a store or the app is
    via_sentence = frozenset(name for name, regex in lx.CHANNEL_RE.items() if name != "home" and regex.search(told))
    # a number in a quoted label or a title (「七天无理由退货」, 《7 天退货政策》) names it, it states nothing
    quoted = [m.span() for m in _SHORT_QUOTE.finditer(text)] + [m.span() for m in _BOOK_TITLE.finditer(text)]
    # the price in a plan's name, or the term in a deposit's, states nothing
    named = [m.span() for regex in (_PRICE_NAMED, _TERM_NAMED, _COUNT_NAMED) for m in regex.finditer(text)]
    found = [q for q in find_quantities(text) if not any(s0 <= q.start < e0 for s0, e0 in quoted + named)]
    superseded = [q for q in found if _superseded(text, q)]
    quantities = [q for q in found if q not in superseded]
    # a parenthetical aside ("（小票或电子小票均可）") qualifies, it does not assert
    cue_text = PAREN.sub(lambda m: " " * len(m.group(0)), text)
    cue_text = _SHORT_QUOTE.sub(lambda m: " " * len(m.group(0)), cue_text)
    cues_by_clause = {span: cue_hits(cue_text[span[0] : span[1]]) for span in spans}
    sentence_direction = _threshold_direction(text, [(q, q.start, q.end) for q in quantities])
    sentence_concepts = find_concepts(text)
    # A sentence without a concept of its own borrows its heading's (a table under "## 退货期限"), never
    # the title's: a title names the article's topic, not what each number in it is about.
    fallback = question or heading_concepts
    universal_sentence = bool(lx.UNIVERSAL.search(text))

    def scope_said_before(end: int, named: list[tuple[str, str, int, int]]) -> dict[str, frozenset[str]]:
        """What the sentence names up to the end of a claim's clause. A case named after it is a case
        of its own ("报修后 24 小时内上门，偏远地区 48 小时内": 24 hours is the general rule); English
        puts whom a rule is for anywhere ("free for members"), so there the whole sentence counts."""
        said = scope_between(named, 0, len(text) if english else end)
        # "…有效期为 24 个月，与日常积分分开计算": a text saying its case is set apart says it of the whole sentence
        if "unlike" in scope_between(named, end, len(text)).get("apart", ()):
            said["apart"] = frozenset({"unlike"})
        said.pop("doer", None)  # "客服无法代为提交" limits its own clause, not "只能通过 App 提交"
        # "流感高发期间，探视时间缩短为…" sets the case for what follows; "…，旺季可能延长" adds an aside
        said.pop("when", None)
        return said

    when_mentions = [mention for mention in mentions if mention[0] == "when"]
    valued_asides = [m.span() for m in PAREN.finditer(text) if any(m.start() <= q.start < m.end() for q in quantities)]
    day_kind = bool(_DAY_KIND.search(text))
    claims: list[Claim] = []

    def clause_concepts(index: int) -> list[tuple[str, int, int]]:
        start, end = spans[index]
        own = [(n, s, e) for n, s, e in sentence_concepts if s >= start and e <= end]
        if own and not all(_is_anchor(text, s, e) for _n, s, e in own):
            return own
        # The subject often sits in a neighbouring clause: "VIP 会员，退货期限为 30 天" or
        # "自签收之日起 7 天内，可申请退货"; look back first, then ahead.
        # In a table row the neighbouring clauses are other columns ("押金 200 元"): only the row's own
        # name may lend its concept.
        for other in [0] if sentence.row else [index - 1, index - 2, index - 3, index + 1, index + 2]:
            if 0 <= other < len(spans):
                s0, e0 = spans[other]
                near = [(n, s, e) for n, s, e in sentence_concepts if s >= s0 and e <= e0]
                if near:
                    return near
        if own:
            return []  # only a time anchor ("签收后 7 天内...") and nothing it is about
        return [(n, -1, -1) for n in fallback]

    def base(
        kind: str, index: int, position: tuple[int, int], drop: list[tuple[int, int]], bare: bool = False
    ) -> Claim | None:
        concepts = [] if bare else clause_concepts(index)
        if not concepts and not bare:
            return None
        start, end = spans[index]
        local = [(n, s - start, e - start) for n, s, e in concepts if s >= 0]
        if bare:
            primary = ""
        elif local:
            primary = _primary(local, text[start:end], (position[0] - start, position[1] - start))
        else:
            primary = concepts[0][0]
        names = frozenset(n for n, _s, _e in concepts)
        if len(names) == 1 or not local:
            names = names | frozenset(n for n, _s, _e in sentence_concepts if n in fallback)
        # a generic polarity claim is its own clause's wording only: "充电宝严禁托运，只能随身携带" does
        # not say that 托运 is allowed
        key_start = spans[max(0, index - 1)][0] if not local and not (bare and kind == "polarity") else start
        key = _clean_key(text[key_start:end], [(s - key_start, e - key_start) for s, e in drop + scope_spans])
        if len(key) < GENERIC_MIN_GRAMS:
            key = key | asked  # "答：一般 3-5 天。" says it of what the question asked ("清关要多久？")
        clause = text[start:end]
        extra: dict[str, frozenset[str]] = {}
        direction = _threshold_direction(
            clause, [(q, q.start - start, q.end - start) for q in quantities if start <= q.start < end]
        )
        if not direction and _SHORT_OF_START.match(clause):
            extra["threshold"] = frozenset({"below"})  # "满 1500 元免运费，未满收取 80 元": the other side
        elif direction or sentence_direction:
            extra["threshold"] = direction or sentence_direction
        elif _SHORT_OF.search(text[:end]):
            extra["threshold"] = frozenset({"below"})
        if sentence.row:
            extra["row"] = frozenset([sentence.row])
        if kind != "procedure" and via_sentence:
            extra["via"] = via_sentence
        # "提前两周预约（非会员为一周）": an aside stating its own value is a case of its own
        own_mentions = [
            m for m in mentions if not any(s0 <= m[2] < e0 and not s0 <= position[0] < e0 for s0, e0 in valued_asides)
        ]
        clause_scope, when_scope = scope_between(own_mentions, start, end), scope_between(when_mentions, 0, end)
        said_scope = scope_said_before(end, own_mentions)
        if english and "tier" in clause_scope:
            said_scope.pop("tier", None)  # "As a member you can …, while guests …": the clause names its own
        scope = merge_scope(
            context.title_scope,
            (heading_scope[0], False),
            (asked_scope, False),
            (said_scope, universal_sentence),
            (clause_scope, bool(lx.UNIVERSAL.search(clause))),
            (when_scope, False),
            (extra, False),
        )
        return Claim(
            doc_id=context.doc.id,
            external_id=context.doc.external_id,
            product=context.product,
            category=context.category,
            kind=kind,
            concepts=names,
            primary=primary,
            context=frozenset(n for n, _s, _e in sentence_concepts) or frozenset(fallback) or names,
            scope=scope,
            sentence=sentence.original,
            key=key,
            condition=condition_before(index, primary),
            own_concept=any(s >= 0 for _n, s, _e in concepts) or bool(question),
            case=condition_before(index, primary, case_only=True),
            topic=topic,
            inherited_scope=frozenset(context.title_scope[0])
            - {*heading_scope[0], *said_scope, *clause_scope, *when_scope},
            row=sentence.row,
            tags=context.tags,
        )

    def clause_of(position: int) -> int:
        return next((i for i, (s, e) in enumerate(spans) if s <= position < e), len(spans) - 1)

    for quantity in quantities if not is_example else []:
        index = clause_of(quantity.start)
        start, end = spans[index]
        if _EXAMPLE.match(text[start:end]):
            continue  # "保费是车价的千分之三，比如 20 万的车保费 600 元": the rule, then a worked example
        claim = base("quantity", index, (quantity.start, quantity.end), [(q.start, q.end) for q in quantities])
        if claim is None:
            claim = _bare_claim(base, index, quantity, sentence_concepts, spans)
            if claim is None:
                continue
            if quantity.dim.startswith("money"):
                # "年付会员 168 元/年": an amount with nothing else named is what the subject costs
                claim.primary, claim.concepts = "price", frozenset({"price"})
                claim.context = claim.context | claim.concepts
        if quantity.dim == "age" and claim.primary != "age":
            # "仅限 21 岁及以上客人入场": a number of years of age is an age, whatever else the clause names
            claim.primary, claim.concepts = "age", claim.concepts | {"age"}
        window_text = _attribute_window(text, spans, index, quantity, quantities, in_row=bool(sentence.row))
        claim.window = _clean_key(_ROLE_WORDS.sub(" ", _ANY_SCOPE.sub(" ", window_text)), [])
        claim.window_concepts = frozenset(
            n for n, s, e in find_concepts(window_text) if not n.startswith("t:") and not _is_anchor(window_text, s, e)
        )
        if not claim.window_concepts and question and not sentence_concepts:
            # "Yes, within 30 days of purchase.": a terse answer's number measures what the question asked
            claim.window_concepts = frozenset(n for n in question if not n.startswith("t:"))
        # validity / history / turnaround / deadline are kinds of period; an amount of money is none of them
        claim.measure = _measure(window_text) if quantity.dim in (DURATION, BDAY) else ""
        claim.event = _event(window_text) if quantity.dim in (DURATION, BDAY) else ""
        before, after = text[start : quantity.start], text[quantity.end : end]
        if quantity.dim in (DURATION, BDAY) and (_EVERY.search(before) or _ONCE_AFTER.match(after)):
            claim.measure = "interval"  # "每两年评估一次", "every 3 months": how often, not how long
        claim.replaces = _replaced(quantity, found, superseded)
        # "退租提前告知期由原来的 7 天延长为 14 天": what changed is named before the old value
        claim.head = _head(_FROM_OLD.sub("", text[start : claim.replaces.start]) if claim.replaces else before)
        claim.day_kind = day_kind
        claim.quantity = quantity
        claim.role = _role(quantity, before, after)
        cues = cues_by_clause[spans[index]]
        # "不支持 7 天无理由退货" does not state a 7-day window; "满 99 元包邮" still states 99 元, "体重
        # 不得超过 95 公斤" states a limit of 95, and "6 岁以下儿童谢绝入场" the age the refusal is for
        permit = cues.get("permit")
        claim.negated = bool(
            permit
            and not permit[0]
            and not _BOUND_VERB.match(text, start + permit[2])
            and start + permit[1] < quantity.start
        )
        claims.append(claim)

    # "48 小时以上、不足 8 天的收 5%；不足 24 小时的收 20%": the bounds of a tiered schedule say where each
    # tier starts, and a schedule is not contradicted by another text's single bound.
    bounds = [(c, c.quantity) for c in claims if c.role == "threshold" and c.quantity is not None]
    for claim, bound in bounds:
        if any(other.dim == bound.dim and not same_value(other, bound) for _c, other in bounds):
            claim.role = "tier"
    # "逾时 30 分钟以上，赔付 10 元": the amount holds past that bound ("90 周岁以上、不满 100 周岁…200 元":
    # between those two); another bound is another case
    for claim in claims:
        if claim.quantity is not None and not claim.role:
            claim.bounds = frozenset(
                (b.dim, b.low) for c, b in bounds if c.role in ("threshold", "tier") and b.dim != claim.quantity.dim
            ) | frozenset(  # "80-89 周岁：每人每月 100 元": an age bracket is a bound however it is worded
                (c.quantity.dim, c.quantity.low)
                for c in claims
                if c.quantity is not None and c.quantity.dim == "age" and claim.quantity.dim != "age"
            )

    for index, span in enumerate(spans):
        if span not in main_spans:
            continue
        cues = cues_by_clause[span]
        clause = text[span[0] : span[1]]
        if _ASKED_ABOUT.search(clause):
            continue  # "市民询问上牌收费时": what a caller asks about, not what the text says of it
        # a channel word that is the very service named ("不提供上门取件服务": 上门取件 is pickup) is no channel
        concept_spans = [(s - span[0], e - span[0]) for _n, s, e in sentence_concepts if span[0] <= s and e <= span[1]]
        via_clause = any(
            not any(s <= m.start() and m.end() <= e for s, e in concept_spans)
            for regex in lx.CHANNEL_RE.values()
            for m in regex.finditer(clause)
        )
        for axis, (positive, cue_start, cue_end) in cues.items():
            # "只能在 App 中重置" / "App 端不支持自助申请": the can / cannot is about the channel, which the
            # procedure claim compares; it says nothing of whether the thing itself is allowed.
            if via_clause and axis in ("permit", "require") and (lx.EXCLUSIVE.search(clause) or not positive):
                continue
            drop = [(span[0] + s, span[0] + e) for _a, (_p, s, e) in cues.items()]
            claim = base(
                "polarity",
                index,
                (span[0] + cue_start, span[0] + cue_end),
                drop + [(q.start, q.end) for q in quantities],
            )
            if claim is None:
                # "充电宝严禁托运" in a domain the lexicon does not know: the claim is only its wording,
                # compared with the other text's wording (see compare._compare_generic_polarity)
                position = (span[0] + cue_start, span[0] + cue_end)
                claim = base("polarity", index, position, drop + [(q.start, q.end) for q in quantities], bare=True)
                if claim is None or len(claim.key) < GENERIC_MIN_GRAMS:
                    continue
            claim.axis, claim.positive = axis, positive
            claim.beyond = bool(_BEYOND.search(text[: span[0] + cue_start]))
            claims.append(claim)

    claims.extend(_procedure_claims(text, spans, main_spans, base))
    claims.extend(_priced_items(text, sentence.row, claims))
    return claims


# "销毁证明：20 元/份", "| Camera inspection | $49 |": a line of a price list names what it charges for
_PRICE_LABEL = re.compile(r"^\s*([^:：,，;；。()（）]{2,16}?)\s*[:：]\s*$")


# "安装费 100 元", "鉴定费每件 200 元"
_PER_WHAT = r"(?:每[\u4e00-\u9fff]{1,2}|按[\u4e00-\u9fff]{1,2})?"
_FEE_BEFORE = re.compile(rf"([\u4e00-\u9fff]{{2,4}}(?<!收)费)\s*{_PER_WHAT}\s*(?:为|是)?\s*$")  # 收费 charges
# "体验课 99 元/节", "装备租借每次 30 元": a clause that opens with the item and goes straight to its price
_ITEM_BEFORE = re.compile(rf"(?:^|[，,；;])\s*[\"“「]?\s*([\u4e00-\u9fff]{{2,6}}?)\s*{_PER_WHAT}\s*(?:为|是|收费)?\s*$")
_FEE_AFTER = re.compile(r"^\s*(?:/\s*[\u4e00-\u9fff]{1,2}\s*)?的?([\u4e00-\u9fff]{2,4}费)")


def _priced_items(text: str, row: str, claims: list[Claim]) -> list[Claim]:
    """A price stated for a named item says the item is charged for: the claim a text calling that item
    free contradicts (compare._compare_priced_item)."""
    priced = [c for c in claims if c.quantity is not None and c.quantity.dim.startswith("money") and not c.role]
    amounts = [c.quantity for c in priced if c.quantity is not None]
    # one price, though it may be named again ("试听课每节收费 50 元，…这 50 元可以在学费中抵扣")
    if not amounts or any(not same_value(amount, amounts[0]) for amount in amounts):
        return []
    claim = priced[0]
    assert claim.quantity is not None
    before = text[: claim.quantity.start]
    label = _PRICE_LABEL.match(before)
    # "安装费 100 元/台", "支付 200 元量房费": a charge named right beside its amount
    fee = _FEE_BEFORE.search(before) or _FEE_AFTER.match(text[claim.quantity.end :])
    item = _ITEM_BEFORE.search(before)
    # "学费 6800 元" names a charge, not what it is for
    item_name = item.group(1) if item and item.group(1)[-1] not in "费金价租" else ""
    name = row or (label.group(1) if label else "") or (fee.group(1) if fee else "") or item_name
    if len(name.strip()) < 2:
        return []
    return [replace(claim, kind="polarity", axis="charge", positive=True, item=name, quantity=None)]


# A text that stresses which kind of day it counts (按自然日计算, 含周末, calendar days) states the period itself
_DAY_KIND = re.compile(
    r"自然日|日历日|[含包括]+(?:周末|(?:法定)?节假日)|周末[和及、]?(?:法定)?节假日(?:也|均)|(?:周末|节假日)(?:也|均)?(?:照常|正常|不顺延)"
    r"|不含周末|工作日(?:计|计算)|(?:周末|节假日)[^,，。;；]{0,8}不(?:计|算)|不计算在内"
    r"|calendar days?|including weekends|weekends (?:and|&) (?:public )?holidays (?:included|count)"
    r"|excluding weekends|not counting weekends"
)


_HEAD_FILLER = re.compile(
    r"(?:[\s:：为是约达仅只可最多高少于至需要在均都共计按的]|不超过|不少于|至少|最长|最多|最高|一般|通常"
    r"|(?:调整|延长|缩短|放宽|提高|降低|上调|下调|增加|减少|变更|更改|改)(?:为|至|到|成))+$"
)
_HEAD = re.compile(r"[\u4e00-\u9fff]{2}$")
# Heads that say how a value is paid or counted, not what it is about
_GENERIC_HEAD_WORDS = """
收取 支付 缴纳 扣除 收费 每月 每天 每日 每年 每周 每次 每笔 每单 每件 每人 超过 超出 不足 提前 之后 以后 以内 之内
需要 需在 起算 开始 以上 以下 标准 费用 金额 价格 期限 时间 时长 时效 合计 总计 另外 额外 左右
"""
_GENERIC_HEADS = frozenset(_GENERIC_HEAD_WORDS.split())


def _head(before: str) -> str:
    """ "借期为 30 天" -> 借期. Empty for a time anchor ("起飞前 7 天": before what, not what) or the base of
    a rate ("票价的 5%": of what, not what)."""
    before = re.sub(r"\s*(?:人民币|rmb|cny)\s*$", "", before)
    stripped = _HEAD_FILLER.sub("", before)
    match = _HEAD.search(stripped)
    if not match or match.group(0) in _GENERIC_HEADS or match.group(0)[-1] in "前后内起":
        return ""
    return "" if "的" in before[len(stripped) :] else match.group(0)


def _bare_claim(
    base: ClaimMaker, index: int, quantity: Quantity, concepts: list[tuple[str, int, int]], spans: list[tuple[int, int]]
) -> Claim | None:
    """A number in a clause the lexicon has no word for ("起飞前 45 分钟停止办理值机"): its attribute is
    only its wording, compared with the other text's wording."""
    return base("quantity", index, (quantity.start, quantity.end), [(quantity.start, quantity.end)], bare=True)


_WINDOW_STOP_AFTER = re.compile(r"^\s*(?:内|以内|之内|左右|上下|以上|以下|起|后|之后|的|整|多)*")
_ANCHOR_CUT = re.compile(r".*(?:之日起|起算|起|之后|以后|后|之前|以前|(?<!提)前|\bafter\b|\bfrom\b|\bbefore\b|\bof\b)")
_WINDOW_CHARS = 16  # "定金比例调整为订单总金额的 50%": the attribute may stand a dozen characters away
# "within 15 days of delivery": the event a period starts from, not what it measures
_EN_ANCHOR_AFTER = re.compile(
    r"^\s*(?:of|after|from|following|since|before|prior to)\s+(?:the\s+|your\s+|its\s+|our\s+)?"
    r"(?:(?:date|day|time)\s+(?:of\s+|after\s+)?)?(?:the\s+)?[a-z'-]+"
)


def _attribute_window(
    text: str,
    spans: list[tuple[int, int]],
    index: int,
    quantity: Quantity,
    quantities: list[Quantity],
    *,
    in_row: bool,
) -> str:
    """The words that say what a number measures: a few words before it in its clause (after any
    'from the day of…' anchor) and a few after it; when the clause ends right after the number
    ("48 小时内，自动赔付"), the start of the next clause (in a table row, the next column names another
    value: "每小时租金 60 元，押金 200 元")."""
    start, end = spans[index]
    before = text[start : quantity.start]
    for other in quantities:  # another number's words belong to that number
        if start <= other.end <= quantity.start:
            before = text[other.end : quantity.start]
    uncut = before
    anchor = _ANCHOR_CUT.match(before)
    if anchor and not before.isascii():  # English names the starting event after the number
        before = before[anchor.end() :]
    after = text[quantity.end : end]
    nxt = next((q.start for q in quantities if quantity.end <= q.start < end), end)
    after = text[quantity.end : nxt]
    stop = _WINDOW_STOP_AFTER.match(after)
    after = after[stop.end() :] if stop else after
    lead = bool(_LEAD_BEFORE.search(before))  # "提前一天，这次可以…": what follows is not what it measures
    if not _WORDS.search(after) and index + 1 < len(spans) and not lead and not in_row:
        s1, e1 = spans[index + 1]
        after = text[s1:e1]
    label = text[spans[index - 1][1] : start].strip() in (":", "：") if index > 0 else False
    if label and _WORDS.search(before) and not _WORDS.search(_ANY_SCOPE.sub(" ", before)):
        before = text[spans[index - 1][0] : spans[index - 1][1]]  # "服务时间：周一至周五 7:30–18:00"
    elif not _WORDS.search(before + after):
        if _WORDS.search(uncut):
            before = uncut  # "勘察时效调整为报名后 5 个工作日内": nothing but the anchor names the period
        elif index > 0:
            before = text[spans[index - 1][0] : spans[index - 1][1]]  # "预计送达：发货后 5-7 天": the label
    if before.isascii() and after.isascii():
        after = _EN_ANCHOR_AFTER.sub("", after)
        words_before = re.findall(r"[a-z][a-z'-]*", before)[-6:]
        words_after = re.findall(r"[a-z][a-z'-]*", after)[:6]
        return " ".join(words_before) + " | " + " ".join(words_after)
    return before[-_WINDOW_CHARS:] + " | " + after[: _WINDOW_CHARS + 6]


_WORDS = re.compile(r"[\u4e00-\u9fffa-z]{2}")  # a word or two characters: something a number could be about
_EVERY = re.compile(r"(?:每隔|每|\bevery|\beach)\s*$", re.IGNORECASE)
_ONCE_AFTER = re.compile(r"^\s*(?:左右)?[\u4e00-\u9fff]{0,3}一次")  # "一百八十天左右换一次"
# "超过 90 天的，拆机" and "超过 72 小时的，催件" share only the word that makes them bounds
_ROLE_WORDS = re.compile(
    r"超过|不足|不满|未满|满|达到|以上|以下|以内|之内|最多|最高|至少|more than|less than|at least|up to"
)


# "report it within 48 hours of delivery": the event after "of" is where the period starts, not its end
_STARTING_POINT = re.compile(r"^\s*(?:of|from|after|following)\s+(?:the\s+|your\s+|its\s+)?[a-z]+", re.IGNORECASE)


def _window_sides(window: str) -> tuple[str, str]:
    """The words before and after a number (`_attribute_window` joins them with " | "); a starting
    point right after it ("within 48 hours of delivery") is left out."""
    before, _bar, after = window.partition(" | ")
    return before, _STARTING_POINT.sub("", after)


def _event(window: str) -> str:
    """Which step a period runs until: sending an order out and its arrival are two periods (发货后 5-7
    天送达 vs 48 小时内发出), like a refund's review and the money reaching the account."""
    before, after = _window_sides(window)
    for part in (after, before):
        found = [(m.start(), name) for name, regex in lx.EVENTS for m in regex.finditer(part)]
        if found:
            return min(found)[1] if part is after else max(found)[1]
    return ""


def _measure(window: str) -> str:
    """What kind of measure a period is, from the words around it: how long something stays valid, how
    far back a record goes, how long the company takes to do something, how long the customer has to
    act. The verb nearest the number decides ("七天无理由退货处理" is a window to return)."""
    before, after = _window_sides(window)
    best, best_distance = "", float(10**6)
    for name, regex in lx.MEASURES:
        for match in regex.finditer(after):
            distance: float = match.start() - (100 if name in ("validity", "history") else 0)
            if distance < best_distance:
                best, best_distance = name, distance
        for match in regex.finditer(before):
            distance = len(before) - match.end() + 0.5 - (100 if name in ("validity", "history") else 0)
            if distance < best_distance:
                best, best_distance = name, distance
    return best


# "微信、支付宝和银联卡付款": a way to pay, named like a channel
_PAYMENT_AFTER = re.compile(
    r"(?:[、,，和及或/ ]*(?:支付宝|银联卡?|微信|云闪付|现金|信用卡|alipay|cash|cards?))*"
    r"\s*(?:付款|支付|扫码付|付费|\bpay(?:ment)?s?\b)",
    re.IGNORECASE,
)
# a case that fails a requirement, named before a channel that refuses it
# "电话、窗口均不提供预约服务": a channel followed by another in a list
_LISTED = re.compile(r"\s*[、/／]")
_FAILED_CASE = re.compile(r"(?:不齐|不全|不完整|不符合?|不合格|未通过|逾期|过期)[\u4e00-\u9fff]{0,4}的|\bincomplete\b")
_WHEN_CLAUSE = re.compile(r"[\u4e00-\u9fff]时\s*$")
_SIDE_STEP = re.compile(r"查询|咨询|了解|确认是否|\bcheck (?:whether|if)\b|\bfind out\b")


def _procedure_claims(
    text: str, spans: list[tuple[int, int]], main_spans: list[tuple[int, int]], base: ClaimMaker
) -> list[Claim]:
    """Where a procedure is done: channels named in the clause with the action (or the whole sentence)."""
    # "音箱只能在 App 中解绑", "Reservations are taken by phone only": "only" with a channel says where a
    # thing is done even when the lexicon does not know the verb
    doing = lx.ACTIONS if lx.ACTIONS.search(text) else lx.ONLY
    if not doing.search(text):
        return []
    positive: set[str] = set()
    negative: set[str] = set()
    acted: set[str] = set()  # channels named in a clause that itself says what is done there
    drop: list[tuple[int, int]] = []
    action_index = next((i for i, (s, e) in enumerate(spans) if doing.search(text[s:e])), 0)
    for index, (start, end) in enumerate(spans):
        clause = text[start:end]
        if lx.NOTIFY.search(clause) or (index != action_index and _SIDE_STEP.search(clause)):
            continue  # "办理前请先发送短信查询是否符合条件": a step before the procedure, not its channel
        if _WHEN_CLAUSE.search(clause):
            continue  # "客户来电要求保修时，请引导客户在 App 内提交": how the request reached us, not where it is done
        for name, regex in lx.CHANNEL_RE.items():
            for match in regex.finditer(clause):
                if _PAYMENT_AFTER.match(text, start + match.end()):
                    continue  # "支持微信、支付宝和银联卡付款": how one pays, not where the procedure is done
                drop.append((start + match.start(), start + match.end()))
                if lx.ACTIONS.search(clause) or lx.EXCLUSIVE.search(clause):
                    acted.add(name)
                # English puts the negation where it likes: "we can't take bookings over the phone"; Chinese
                # may name the thing between the channel and its refusal ("App 内的请假按钮已停用")
                near = (
                    clause[: match.end() + 8]
                    if clause.isascii()
                    else clause[max(0, match.start() - 8) : match.end() + 12]
                )
                if _LISTED.match(text, start + match.end()):
                    # "电话、窗口均不提供预约服务": the list's last item carries the refusal for all of them
                    stop = text.find("。", start + match.end())
                    near = text[start + match.start() : stop if stop >= 0 else len(text)]
                if lx.NEGATION.search(near) and _FAILED_CASE.search(clause[: match.start()]):
                    continue  # "材料不齐的窗口不予受理": the case is refused, not the channel
                if lx.NEGATION.search(near):
                    negative.add(name)
                else:
                    positive.add(name)
    if not positive and not negative:
        return []
    action = doing.search(text, spans[action_index][0])
    position = action.span() if action else (spans[action_index][0], spans[action_index][0])
    # "过户须到营业厅现场办理": the thing done may be a word the lexicon does not know; then the article's
    # tags say which procedure it is (compare._same_procedure)
    claim = base("procedure", action_index, position, drop)
    if claim is None:
        # without a named procedure, only channels said with the action count ("期间不能打电话" is no channel)
        positive, negative = positive & acted, negative & acted
        claim = base("procedure", action_index, position, drop, bare=True) if positive or negative else None
    if claim is None:
        return []
    claim.channels = frozenset(positive - negative)
    claim.negated_channels = frozenset(negative)
    claim.exclusive = bool(lx.EXCLUSIVE.search(text))
    return [claim]


# "不少于 22 小时", "no less than 3" are minimums: above the bound, like "至少"
_BELOW = re.compile(r"不满|未满|不足|(?<![不得能可])(?:低于|少于)|以下|(?<!no )(?<!not )less than|under|below")
# "未达到免配送费门槛的订单", "这单没有凑够三十九元": the case below a threshold, named without its amount
_SHORT_OF = re.compile(r"(?:未|没有?|不)(?:达到|满足|凑够|凑满|够)")
# a clause that opens short of the threshold named before it ("满 1500 元免运费，未满收取 80 元")
_SHORT_OF_START = re.compile(r"^\W*(?:否则|则)?\s*(?:未满|不满|未达到?|不足)(?![\d一二三四五六七八九十两])")


_DELTA_BEFORE = re.compile(
    r"(?:延长|增加|多送|(?<!最)多|额外|再|加送|(?<![另追])加|赠送|extra|additional|another|more|extend(?:ed)? by)\s*$"
)
_LEAD_BEFORE = re.compile(r"(?:前|之前|以前|提前|早于)\s*$")
# "距取车时间 24 小时以上", "离您预约的时间还有三天以上": more than that before the event
_UNTIL = re.compile(r"(?:距离?|离)[^，,。；;\d]{1,10}$")
_BOUND_VERB = re.compile(r"\s*(?:超过|超出|高于|低于|少于|多于|大于|小于|晚于|早于|\bexceed|\bmore than|\bless than)")
_PER_SPENT = re.compile(r"(?:每|\bfor every|\bper)\s*(?:消费|购物|实付|支付|充值|spent|spend)?\s*$", re.IGNORECASE)
_MORE = re.compile(r"^\s*(?:以上|或以上|及以上)")
_LEAD_AFTER = re.compile(  # "book 10 days out"
    r"^\s*(?:前|之前|以前|\s*(?:or more |or longer )?"
    r"(?:before|prior to|ahead(?: of)?|in advance|beforehand|out(?! of))\b"
    r"|['’]?s?\s+notice\b)"
)
_DISCOUNT_BEFORE = re.compile(
    r"(?:减免|立减|优惠|返还|返现|返|补贴|减|抵扣|抵|discount of|off|\bsave)\s*(?:人民币|rmb|cny|¥)?\s*$"
)
_DISCOUNT_AFTER = re.compile(r"^\s*(?:off\b(?!-)|折)")  # "$5 off"; not "off-peak", which names a time


_NOTIFIED = re.compile(
    r"(?:以|用|通过|发)?(?:短信|微信|电话|邮件)(?:通知|提醒|告知)|\b(?:text|email|sms)(?:s|ed)? you\b"
)
_ELAPSED_BEFORE = re.compile(r"(?:后|起)满\s*$")
_SHARE_OF_BEFORE = re.compile(r"金额的?\s*$")
_CAPPED_BEFORE = re.compile(r"(?:不超过|不得超过|不高于|不多于)\s*$")


def _role(quantity: Quantity, before: str, after: str) -> str:
    # "扣费前 3 天提醒", "48 hours before check-in": a lead time before an event, not a time limit; "取车前
    # 6 小时以上" and "at least 24 hours before" are lead times too, however the bound is worded
    lead = _LEAD_BEFORE.search(before) or _LEAD_AFTER.match(after) or (_UNTIL.search(before) and _MORE.match(after))
    if lead and quantity.dim != CLOCK:  # "中午 12:00 前退房" is a time of day to be out by, not a lead time
        return "lead"
    money = quantity.dim.startswith("money") or quantity.dim == "percent"  # an amount that a cap can bound
    if money and _CAPPED_BEFORE.search(before):
        return "cap"  # "单日累计转账不超过 2 万元" caps an amount ("超过 2 万元的部分" is a threshold)
    # "确认收货后满 7 天结算": a full period after an event is how long it takes, not a threshold
    elapsed = quantity.dim in (DURATION, BDAY) and _ELAPSED_BEFORE.search(before)
    # "订单金额 30% 的定金", "订单金额的三成": a share of the order amount, not an order of that amount
    share = quantity.dim == "percent" and _SHARE_OF_BEFORE.search(before)
    if (lx.THRESHOLD_BEFORE.search(before) and not elapsed and not share) or lx.THRESHOLD_AFTER.match(after):
        return "threshold"
    if quantity.dim.startswith("money") and _PER_SPENT.search(before):
        return "base"  # "每消费 1 元积 1 分": what a reward is counted per, not a price
    # "保修延长 6 个月", "每月减免 10 元": a change to a value, not the value
    if _DELTA_BEFORE.search(before):
        return "delta"
    if _DISCOUNT_BEFORE.search(before) or _DISCOUNT_AFTER.match(after):
        return "discount"
    if money and (lx.CAP_BEFORE.search(before) or lx.CAP_AFTER.match(after)):
        return "cap"
    return ""


def _threshold_direction(clause: str, quantities: list[tuple[Quantity, int, int]]) -> frozenset[str]:
    """'below' for 不满 99 元的订单 / orders under ¥99, 'above' for 满 99 元 / orders of ¥99 or more; both
    for a band ("48 小时以上、不足 8 天"), which overlaps a rule for either side."""
    directions = set()
    for quantity, start, end in quantities:
        if _role(quantity, clause[:start], clause[end:]) == "threshold":
            below = _BELOW.search(clause[max(0, start - 10) : start]) or _BELOW.search(clause[end : end + 4])
            directions.add("below" if below else "above")
    return frozenset(directions)


_NEGATIONS = re.compile(r"没有|并未|尚未|未曾|无|未|不")


def _condition_key(text: str) -> frozenset[str]:
    # "没有保价的" and "未保价的" are one case: negations are written one way before comparing
    return bigrams(_NEGATIONS.sub("未", _KEY_DROP.sub(" ", text))) if text else frozenset()
