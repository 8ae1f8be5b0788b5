"""One analyzer for mixed Chinese and English text, used at index and at query time.

Folding first (NFKC for full-width forms, lower case, traditional -> simplified Chinese via
OpenCC), character by character so that every token still points at its characters in the
original text (highlights need that). Then Chinese runs are segmented by jieba in search
mode (退货运费 -> 退, 货运, 运费, 货运费) and Latin runs are split into words, stemmed
(Porter) and stripped of stop words."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jieba
from opencc import OpenCC
from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem

# Chinese function words and question words: they carry no topic, and every customer
# question has several (我的…怎么…吗). Topic words are never listed here.
CHINESE_STOP_WORDS = frozenset(
    """
    的 了 吗 呢 吧 啊 呀 哦 嘛 么 着 过 地 得 之 所 其 把 被 让 给 向 从 对 于 在 与 和 及 或 而
    就 都 也 还 又 再 才 只 很 太 更 最 已 已经 我 你 您 他 她 它 我们 你们 他们 她们 自己 大家
    这 那 这个 那个 这些 那些 这样 那样 这种 那种 此 该 各 每 某 啥 嗯 是 不是 有 没 没有 会 能
    想 要 应该 可能 一个 一下 一些 一点 请问 请 问 谢谢 你好 您好 是否 还是 以及 如果 因为 所以
    但是 可是 然后 怎么 怎么样 怎样 怎么办 如何 为什么 为何 什么 哪 哪个 哪些 哪里 哪儿 多少 几
    可以 需要 现在 目前 知道 一般 比较 非常
    """.split()  # noqa: SIM905 - a word list reads better as text
)
ENGLISH_STOP_WORDS = frozenset(STOP_WORDS) | {"how", "what", "why", "do", "does", "i", "my", "me", "please"}
STOP_WORDS_ALL = CHINESE_STOP_WORDS | ENGLISH_STOP_WORDS

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A token run is either Chinese characters or letters/digits; everything else separates.
_RUN = re.compile(rf"(?P<han>[{_HAN}]+)|(?P<word>[^\W_{_HAN}]+(?:['’][^\W_{_HAN}]+)*)")

_jieba_lock = threading.Lock()
_jieba_ready = False
_opencc = OpenCC("t2s")


def _ensure_jieba() -> None:
    """Load jieba's dictionary once per process (about 0.7 s), quietly."""
    global _jieba_ready
    if _jieba_ready:
        return
    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _jieba_ready = True


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).lower()
    if len(folded) == 1 and re.match(rf"[{_HAN}]", folded):
        simplified = _opencc.convert(folded)
        # Character-level conversion keeps offsets exact; OpenCC maps a character to one character.
        if len(simplified) == 1:
            return simplified
    return folded


class _OneToOne(dict[int, str]):
    """str.translate table: a character's folded form when that is one character, else
    NUL (that text then takes the slow path). Filled on demand."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = value = folded if len(folded) == 1 and folded != "\0" else "\0"
        return value


_one_to_one = _OneToOne()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the index of the original character."""
    # Nearly every character folds to exactly one (translate runs in C): offsets are then
    # the identity. Half of indexing and of snippet time went to the loop below before.
    folded = text.translate(_one_to_one)
    if "\0" not in folded:
        return folded, list(range(len(text)))
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = char if char.isascii() and not char.isupper() else _fold_char(char)
        out.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(out), offsets


def fold(text: str) -> str:
    """Folded text (case, width, traditional -> simplified), for comparisons like synonyms."""
    return fold_with_offsets(text)[0]


@lru_cache(maxsize=65536)
def stem_word(word: str) -> str:
    return porter_stem(word) if word.isalpha() and word.isascii() else word


@dataclass(frozen=True, slots=True)
class Piece:
    """One term: its text, its word position (sub-words share their word's) and where it
    sits in the original text."""

    text: str
    pos: int
    start: int
    end: int
    whole: bool  # the whole word, not a search-mode sub-word


def _han_pieces(run: str) -> Iterator[tuple[str, int, int, bool]]:
    """jieba search mode, keeping track of which pieces are sub-words of a longer word.
    Without jieba's HMM guesses at unknown words: on short questions they cut the same
    text differently than in the answers (商业险能 -> 险能); character pairs cover
    unknown words instead."""
    start = 0
    freq = jieba.dt.FREQ
    for word in jieba.cut(run, HMM=False):
        width = len(word)
        if width > 2:
            for i in range(width - 1):
                if freq.get(word[i : i + 2]):
                    yield word[i : i + 2], start + i, start + i + 2, False
        if width > 3:
            for i in range(width - 2):
                if freq.get(word[i : i + 3]):
                    yield word[i : i + 3], start + i, start + i + 3, False
        yield word, start, start + width, True
        start += width


def analyze(text: str, *, keep_stop_words: bool = False) -> list[Piece]:
    """The terms of a text, in order. Index and query time use the same function."""
    _ensure_jieba()
    folded, offsets = fold_with_offsets(text)
    offsets.append(len(text))
    pieces: list[Piece] = []
    pos = 0
    for match in _RUN.finditer(folded):
        base = match.start()
        if match.group("han"):
            for word, start, end, whole in _han_pieces(match.group()):
                if not keep_stop_words and word in CHINESE_STOP_WORDS:
                    if whole:
                        pos += 1
                    continue
                pieces.append(Piece(word, pos, offsets[base + start], offsets[base + end], whole))
                if whole:
                    pos += 1
        else:
            word = match.group().replace("’", "'")
            if not keep_stop_words and word in ENGLISH_STOP_WORDS:
                pos += 1
                continue
            pieces.append(Piece(stem_word(word), pos, offsets[base], offsets[match.end()], True))
            pos += 1
    return pieces


class MixedTokenizer(Tokenizer):
    """Whoosh's view of analyze(): one tokenizer that does the whole analysis."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            token.pos, token.startchar, token.endchar = start_pos, start_char, start_char + len(value)
            yield token
            return
        for piece in analyze(value, keep_stop_words=not removestops):
            token.text = piece.text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[piece.start : piece.end]
            if positions:
                token.pos = start_pos + piece.pos
            if chars:
                token.startchar = start_char + piece.start
                token.endchar = start_char + piece.end
            yield token


def mixed_analyzer() -> MixedTokenizer:
    return MixedTokenizer()


def bigrams(text: str) -> list[Piece]:
    """Overlapping pairs of Chinese characters (退货运费 -> 退货, 货运, 运费). They find words
    jieba cut differently (or not at all) in the question and in the answer, and reward
    words that stand next to each other."""
    folded, offsets = fold_with_offsets(text)
    offsets.append(len(text))
    pieces: list[Piece] = []
    pos = 0
    for match in _RUN.finditer(folded):
        run = match.group("han")
        if not run:
            continue
        base = match.start()
        for i in range(len(run) - 1):
            pieces.append(Piece(run[i : i + 2], pos, offsets[base + i], offsets[base + i + 2], True))
            pos += 1
        pos += 1
    return pieces


class BigramTokenizer(MixedTokenizer):
    """Whoosh's view of bigrams()."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for piece in bigrams(value):
            token.text = piece.text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + piece.pos
            if chars:
                token.startchar = start_char + piece.start
                token.endchar = start_char + piece.end
            yield token
