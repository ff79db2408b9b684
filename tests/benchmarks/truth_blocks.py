"""Rough Blocks from reading-order truth text, for benchmarks and tests that skip the layout extractor."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.core.model import Block
from flows.core.text import detect_language

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?(?:\*\*)?\s+\S")
_ZH_TOP = re.compile(r"^[一二三四五六七八九十]+、")
_ZH_PAREN = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
_ALPHA_PAREN = re.compile(r"^[(（][A-Z][)）]")
_NUM_PAREN = re.compile(r"^[(（]\d{1,2}[)）]")
_BACK_MATTER = re.compile(
    r"^(?:references|bibliography|参考文献|acknowledge?ments?|funding statement|author contributions|"
    r"availability of data and materials|conflicts? of interest)\b[:：]?",
    re.I,
)
_REFERENCE_HEAD = re.compile(r"^(?:references|bibliography|参考文献)[:：]?$", re.I)
_FRONT = re.compile(
    r"^(?:doi|欢迎按以下格式引用|citation format|中图分类号|基金项目|作者简介|received:)", re.I
)
_ABSTRACT = re.compile(r"^(?:abstract|摘要)[.:：]?", re.I)
_KEYWORDS = re.compile(r"^(?:keywords?|key words|关键词)[:：]?", re.I)
_TERMINAL = re.compile(r"[.。!?！？;；:：]$")


def blocks_from_lines(lines: Sequence[str], page: int = 1) -> list[Block]:
    """Turn one-block-per-line text into Blocks, guessing headings, their levels and section paths."""
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []
    in_references = False
    title_seen = False
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            continue
        language = detect_language(text)
        level = heading_level(text, language)
        kind = "body"
        if in_references:
            kind = "reference"
        elif _FRONT.match(text):
            kind = "front_matter"
        elif _ABSTRACT.match(text):
            kind = "abstract"
        elif _KEYWORDS.match(text):
            kind = "keywords"
        elif level:
            kind = "heading"
        elif not title_seen and i < 6 and len(text) < 160 and not _TERMINAL.search(text):
            kind = "title"
            title_seen = True
        if kind == "heading":
            in_references = bool(_REFERENCE_HEAD.match(text))
            path = [(lvl, t) for lvl, t in path if lvl < level]
            path.append((level, text))
        section = (
            " > ".join(t for _, t in path if t != text)
            if kind == "heading"
            else " > ".join(t for _, t in path)
        )
        top = float(len(blocks) * 12)
        blocks.append(
            Block(
                page=page,
                kind=kind,
                text=text,
                bbox=(50.0, top, 550.0, top + 10.0),
                section=section,
                level=level if kind == "heading" else 0,
                language=language,
            )
        )
    return blocks


def heading_level(text: str, language: str) -> int:
    """Guess a line's heading level from its numbering and shape (0 when it reads as a paragraph)."""
    if _BACK_MATTER.match(text) and len(text) < 60:
        return 1
    short = len(text) < (60 if language == "zh" else 130)
    if not short:
        return 0
    if language == "zh" and "。" in text.rstrip("。"):
        return 0
    if _ZH_TOP.match(text):
        return 1
    if _ZH_PAREN.match(text):
        return 2
    if _ALPHA_PAREN.match(text):
        return 2
    numbered = _NUMBERED.match(text)
    if numbered:
        depth = numbered.group(1).count(".") + 1
        return 3 if language == "zh" else depth
    if _NUM_PAREN.match(text):
        return 3
    words = re.findall(r"[A-Za-z][\w'’\-]*", text)
    long_words = [w for w in words if len(w) >= 4]
    if (
        language == "en"
        and 1 <= len(words) <= 14
        and not _TERMINAL.search(text)
        and long_words
        and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75
    ):
        return 1
    return 0
