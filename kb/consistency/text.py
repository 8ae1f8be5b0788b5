"""Text folding and sentence splitting shared by the extractor and the candidate index."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import opencc

_T2S = opencc.OpenCC("t2s")


def _traditional_only() -> str:
    """Characters only traditional script uses (灣, 藝, 們…; not 乾 or 著, which simplified text uses too),
    from the converter's own tables."""
    tables = Path(opencc.__file__).parent / "dictionary"
    simplified = {line.split("\t")[0] for line in (tables / "STCharacters.txt").read_text("utf-8").splitlines()}
    found = []
    for line in (tables / "TSCharacters.txt").read_text("utf-8").splitlines():
        traditional, targets = line.split("\t")
        if len(traditional) == 1 and traditional not in targets.split() and traditional not in simplified:
            found.append(traditional)
    return "".join(found)


# One character that only traditional script uses is enough to run the (slow) converter.
_TRADITIONAL_HINT = re.compile(f"[{re.escape(_traditional_only())}]")
CJK = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|`|~~|^\s{0,3}>\s?|^\s*[-*+]\s+|^\s*\d+[.)]\s+)", re.M)
_SENTENCE_END = re.compile(
    r"(?<=[。!?;！？；])|\n+|(?<!\be\.g\.)(?<!\bi\.e\.)(?<=[a-z0-9)\]][.])\s+(?=[A-Z0-9\"(])|(?<=[.])$"
)


def fold_text(text: str, language: str = "") -> str:
    """NFKC (full-width to ASCII, ￥ to ¥), traditional to simplified script, lower case."""
    text = unicodedata.normalize("NFKC", text)
    if language == "zh-hant" or _TRADITIONAL_HINT.search(text):
        text = _T2S.convert(text)
    return text.lower()


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: the original text (for evidence), its folded form and its heading."""

    original: str
    folded: str
    heading: str  # folded text of the nearest Markdown heading above it ("" if none)
    # A table row: its first cell (folded). Numbers in a row hold for that row's subject only. The folded
    # text of a row names each cell's column ("港澳台，日租费用 25 元/天") so a number keeps its attribute.
    row: str = ""


def split_sentences(body: str, language: str = "") -> list[Sentence]:
    """Markdown body -> sentences with their section heading. Table rows become one sentence each."""
    sentences: list[Sentence] = []
    heading = ""
    header: list[str] = []  # the current table's column names; [] outside a table
    in_table = False
    for raw_line in body.splitlines():
        line = _MD_LINK.sub(r"\1", raw_line)
        stripped = line.strip()
        if not stripped.startswith("|"):
            header, in_table = [], False
        if not stripped:
            continue
        if stripped.startswith("#"):
            heading = fold_text(stripped.lstrip("#").strip(), language)
            continue
        if stripped.startswith("|"):
            if set(stripped) <= set("|-: "):
                continue
            cells = [_MD_MARKS.sub("", cell).strip() for cell in stripped.strip("|").split("|")]
            original = ", ".join(cells)
            if not in_table:
                in_table, header = True, cells  # the first row of a table names its columns
            if cells is not header and len(cells) > 1:
                named = [cells[0]] + [
                    f"{header[i] if i < len(header) else ''} {_with_header_unit(cell, header, i)}"
                    for i, cell in enumerate(cells)
                    if i
                ]
                folded = fold_text("，".join(named), language)
                sentences.append(Sentence(original, folded, heading, fold_text(cells[0], language).strip()))
            elif len(original) >= 2:
                sentences.append(Sentence(original, fold_text(original, language), heading))
            continue
        line = _MD_MARKS.sub("", stripped).strip()
        for piece in _SENTENCE_END.split(line):
            piece = piece.strip()
            if len(piece) >= 2:
                sentences.append(Sentence(piece, fold_text(piece, language), heading))
    return sentences


# "| 价格（元/小时） |" above "| 80 |": the header names the unit of the bare numbers under it
_HEADER_UNIT = re.compile(
    r"[(（]\s*((?:元|美元|港元|天|日|小时|分钟|个?工作日|%|次|人|件|张|公斤|kg|公里|km|GB)[^)）]{0,12})[)）]", re.I
)
_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def _with_header_unit(cell: str, header: list[str], column: int) -> str:
    if column >= len(header) or not _BARE_NUMBER.match(cell):
        return cell
    unit = _HEADER_UNIT.search(header[column])
    return f"{cell} {unit.group(1)}" if unit else cell
