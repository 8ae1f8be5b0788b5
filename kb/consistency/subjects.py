"""Sibling subjects: two texts that give one attribute different values may each be about a different
kind of one thing: 快车 / 专车 (取消费), 整机 / 压缩机 (保修), 矿物油 / 机油 (保养间隔). The lexicon
cannot know every domain's kinds, but Chinese names a kind by a modifier before a shared head
character, and a text about one kind rarely names the other. So: a noun in one statement and a noun
with the same head in the other, each absent from the other text altogether, make two subjects.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from itertools import accumulate, pairwise

import jieba
import jieba.posseg

from kb.consistency.records import Doc
from kb.consistency.text import fold_text

jieba.setLogLevel(logging.WARNING)

_NOUN_TAGS = frozenset({"n", "nz", "nt", "ns", "b"})
# "普通门诊", "特殊场次": a modifier that only makes sense beside other kinds of the same thing
CONTRAST_MODIFIERS = frozenset(["普通", "常规", "标准", "一般", "基础", "特殊", "特需", "高级", "豪华", "专属", "特价"])
# Heads that end too many unrelated words to say "a kind of the same thing" (时间 / 空间, 用户 / 账户).
# Nor do the heads of what is measured (违约金 / 滞纳金 are one charge named twice) or of documents.
_WEAK_HEADS = set("间户人员者时期日天月年数量额度性式法点次件个号码类项方面上下内外前后中的了费金价税款货证单服")
# "本院", "我司", "该店" point at the thing the other text names (医院): the same subject, not a sibling;
# "之日起" is a place name to the dictionary, and no noun at all.
_DEICTIC = re.compile("[本我该此贵其之]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _noun_tags() -> dict[str, str]:
    jieba.initialize()
    return jieba.posseg.dt.word_tag_tab


@lru_cache(maxsize=65536)
def nouns_in(text: str, *, guess: bool = False) -> frozenset[str]:
    """Dictionary nouns (2-4 characters) anywhere in the text; with `guess`, also two characters the
    segmenter leaves as single ones next to each other ("拼车订单" -> 拼 / 车 / 订单), a compound the
    dictionary may lack (or two unrelated characters: only a shared head makes it count), and a noun
    with one more character after it ("新能源车": 新能源 / 车) or a contrasting modifier before it
    ("普通门诊")."""
    tags = _noun_tags()
    found: set[str] = set()
    for run in _CJK_RUN.findall(text):
        tokens = jieba.lcut(run, HMM=False)
        bounds = {0, *accumulate(len(token) for token in tokens)}
        for size in (2, 3, 4):
            for start in range(len(run) - size + 1):
                word = run[start : start + size]
                if word[-1] not in _WEAK_HEADS and tags.get(word) in _NOUN_TAGS and not _DEICTIC.match(word):
                    if _not_a_word(start, start + size, bounds):
                        continue
                    found.add(word)
        if not guess:
            continue
        for first, second in pairwise(tokens):
            noun_first = len(first) == 1 or (len(first) <= 3 and tags.get(first) in _NOUN_TAGS)
            # "驰能新电池" is not a "能新": an adjective or a verb heads no noun
            headed = len(second) == 1 and second not in _WEAK_HEADS and tags.get(second) not in ("a", "v", "d")
            if headed and noun_first:
                found.add(first + second)
            elif first in CONTRAST_MODIFIERS and tags.get(second) in _NOUN_TAGS and second[-1] not in _WEAK_HEADS:
                found.add(first + second)  # 普通门诊: one kind of 门诊 among others
    return frozenset(found)


def two_places(x: str, y: str) -> bool:
    """ "日本卡" / "欧洲卡": one thing for two named places (dictionary place names) are two things, whether
    or not a text names both."""
    tags = _noun_tags()
    return x[:-1] != y[:-1] and tags.get(x[:-1]) == tags.get(y[:-1]) == "ns"


def _not_a_word(start: int, end: int, bounds: set[int]) -> bool:
    """The word is not one of the segmenter's words: it is read across two ("整车" of "调整/车票") or it
    only begins a longer one ("汽车" of "汽车票")."""
    crossed = any(start < bound < end for bound in bounds)
    if not crossed:
        return end not in bounds  # "汽车" of "汽车票": the modifier of a longer word, not a thing of its own
    return not (start in bounds and end in bounds)


@lru_cache(maxsize=8192)
def whole_text(doc: Doc) -> str:
    """Title and body, folded (cached: a product's texts are read again for every finding)."""
    return fold_text(f"{doc.title}\n{doc.body}", doc.language)


_COMPARED_WITH = re.compile(
    r"(?:低于|高于|优于|不同于|有别于|相比于?|比|较|介于|与|同)[\u4e00-\u9fff]{2,5}?"
    r"(?=(?:的?(?:标准|价格|规则))?(?:一致|相同|相当|之间|划算|便宜|更|贵|低|高|相比|[，。；、,;]|$))"
)


def sibling_candidates(text_a: str, doc_a: Doc, text_b: str, doc_b: Doc) -> list[tuple[str, str]]:
    """Pairs of nouns with one head, one named by each statement (`text_a`, `text_b`: folded sentence
    with its title) and never by the other document. Synonyms look the same (酒店 / 饭店), so the
    caller still wants evidence that the two are told apart somewhere (a text naming both)."""
    # a kind named only to compare with ("价格低于海运", "其他辅材标准与挂机一致") is not what a text is about
    whole_a, whole_b = (_COMPARED_WITH.sub(" ", whole_text(doc)) for doc in (doc_a, doc_b))
    only_a = [w for w in nouns_in(_COMPARED_WITH.sub(" ", text_a), guess=True) if w not in whole_b]
    only_b = [w for w in nouns_in(_COMPARED_WITH.sub(" ", text_b), guess=True) if w not in whole_a]
    return sorted(
        (x, y)
        for x in only_a
        for y in only_b
        if x[-1] == y[-1]
        and x not in y
        and y not in x
        and not (_DEICTIC.match(x) or _DEICTIC.match(y))
        and not (_action_on(x) and _action_on(y))
        and not (_using(x) or _using(y))
    )


# Single characters that make a verb, adverb, preposition or position of the character after them
_NOT_A_KIND_TAGS = frozenset({"v", "d", "p", "f"})


def _action_on(word: str) -> bool:
    """ "购票", "还车", "出场": an action on the thing (or a position), not a kind of it ("快车", "旧车"). Two
    of them are two things done with one thing (购票 / 售票), not two things; "拼车" against "快车" still is."""
    return len(word) == 2 and _noun_tags().get(word[0]) in _NOT_A_KIND_TAGS


# "用餐", "订餐", "取票": using, ordering or collecting a thing, never a kind of it ("盐餐" of 低盐餐 is one)
_USING = frozenset("用就订点取购")


def _using(word: str) -> bool:
    return len(word) == 2 and word[0] in _USING


def whole_word(tail: str, text: str) -> str:
    """The longest dictionary word in `text` that ends with `tail` ("承运商" for "运商"), else `tail`."""
    jieba.initialize()  # the dictionary loads lazily; FREQ is empty before
    frequencies = jieba.dt.FREQ
    for size in (4, 3):
        for start in range(len(text) - size + 1):
            word = text[start : start + size]
            if word.endswith(tail) and frequencies.get(word):
                return word
    at = text.find(tail)
    if not frequencies.get(tail) and at > 0 and frequencies.get(text[at - 1 : at + 1]):
        return text[at - 1 : at + len(tail)]  # "承运商": the two characters cut a word ("承运") in half
    return tail
