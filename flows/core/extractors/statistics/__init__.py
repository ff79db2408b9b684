"""Statistics extractor: numbers with units, scales, years and context from body text (English, Chinese)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from flows.core.extractors.statistics.context import (
    YearMention,
    find_years,
    is_change,
    measure,
    pick_year,
    qualifier,
    subject,
)
from flows.core.extractors.statistics.numbers import normalise_digits
from flows.core.extractors.statistics.places import Places
from flows.core.extractors.statistics.scan import LIST_GAP, Mention, scan
from flows.core.model import BBox, Block
from flows.core.text import split_sentences
from flows.core.vocabulary import HAN_BASIC_CLASS

SCANNED_KINDS = frozenset({"body", "abstract"})
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
_WORD_TOKEN = re.compile(rf"[A-Za-z]{{3,}}|{HAN_BASIC_CLASS}")

_FRONT_MATTER_SENTENCE = re.compile(
    r"doi\s*[:.]|doi\.org|\bissn\b|received:|accepted:|published:|copyright|e-?mail|基金项目|中图分类号"
    r"|文献标志码|文章编号|收稿日期|引用格式|欢迎按以下格式引用|citation format|funded by|grant no",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Statistic:
    """One quantitative statement found in body text, normalised to base units."""

    statistic_id: str
    value: float
    unit: str
    scale: str
    qualifier: str
    is_change: bool
    year: int | None
    period_start: str | None
    period_end: str | None
    measure: str
    subject: str
    raw_text: str
    sentence: str
    page: int
    bbox: BBox
    value_low: float | None = None
    value_high: float | None = None


def extract_statistics(blocks: Sequence[Block], places: Places | None = None) -> list[Statistic]:
    """Extract statistics from the body and abstract blocks of one document, in reading order."""
    results: list[Statistic] = []
    for index, block in enumerate(blocks):
        if block.kind not in SCANNED_KINDS:
            continue
        results.extend(_block_statistics(index, block, places))
    return results


def _block_statistics(index: int, block: Block, places: Places | None = None) -> list[Statistic]:
    """Extract statistics from one block, sentence by sentence, carrying the last year forward."""
    text = normalise_digits(block.text)
    out: list[Statistic] = []
    cursor = 0
    carried_year: int | None = None
    exponents = [c for c in block.citations if c.isdigit() and 2 <= int(c) <= 99]
    for sentence in split_sentences(text):
        offset = text.find(sentence, cursor)
        offset = cursor if offset < 0 else offset
        cursor = offset + len(sentence)
        if _FRONT_MATTER_SENTENCE.search(sentence) or _is_table_text(sentence):
            continue
        mentions = scan(sentence)
        years = find_years(sentence, [(m.start, m.end) for m in mentions])
        _restore_exponents(mentions, exponents)
        for position, m in enumerate(mentions):
            stat = _to_statistic(
                block, index, offset, sentence, m, mentions[:position], years, carried_year, places
            )
            if not stat.measure and position and out and out[-1].sentence == sentence:
                # A follow-on number ("grew 14.9% to 2.88 trillion yuan") measures the same thing.
                stat = replace(stat, measure=out[-1].measure)
            out.append(stat)
        plain = [y for y in years if not y.base and not y.title]
        if plain:
            carried_year = plain[-1].year
    return out


def _is_table_text(sentence: str) -> bool:
    """True for runs of figures with hardly any words (axis ticks, flattened table rows)."""
    numbers = len(_NUMBER_TOKEN.findall(sentence))
    words = len(_WORD_TOKEN.findall(sentence))
    return words == 0 or (numbers >= 4 and words < numbers)


def _restore_exponents(mentions: list[Mention], exponents: list[str]) -> None:
    """Put back superscript exponents that layout lifted out as citation markers ("10" + sup "26" FLOP).

    Nobody states a compute threshold of ten operations, so a bare 10 before an operations unit in a
    block that lost superscripts takes the next lost superscript as its power.
    """
    for m in mentions:
        if exponents and m.raw_number == "10" and m.value == 10.0 and m.unit in ("flop", "flop_per_s"):
            m.value = float(10 ** int(exponents.pop(0)))


def _to_statistic(
    block: Block,
    index: int,
    offset: int,
    sentence: str,
    m: Mention,
    previous: list[Mention],
    years: list[YearMention],
    carried_year: int | None,
    places: Places | None = None,
) -> Statistic:
    """Attach year, qualifier, change flag, subject and measure to a resolved mention."""
    prev_end = previous[-1].end if previous else 0
    clause_start = max(prev_end, *(i + 1 for i, ch in enumerate(sentence[: m.start]) if ch in ";\uff1b"), 0)
    before = sentence[max(0, m.start - 40) : m.start]
    after = sentence[m.end : m.end + 30]
    context = sentence[max(clause_start, _clause_start(sentence[: m.start])) : m.start]
    change = is_change(m.unit, context, before, after)
    if previous and LIST_GAP.match(sentence[prev_end : m.start]) and previous[-1].unit == m.unit:
        # Members of a list ("5.2% and 7.5% respectively") share the first member's reading.
        first = sentence[: previous[-1].start]
        change = is_change(
            m.unit, sentence[max(0, _clause_start(first)) : previous[-1].start], first[-40:], ""
        )
    ym = pick_year(sentence, m.start, m.end, years)
    year = ym.year if ym else carried_year
    raw = sentence[m.start : m.end]
    key = f"{block.page}|{index}|{offset + m.start}|{raw}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return Statistic(
        statistic_id=f"p{block.page}-b{index}-o{offset + m.start}-{digest}",
        value=m.value,
        unit=m.unit,
        scale=m.scale,
        qualifier=qualifier(before, after) or m.qualifier_after,
        is_change=change,
        year=year,
        period_start=ym.period_start if ym else None,
        period_end=ym.period_end if ym else None,
        measure=measure(sentence, m.start, m.end, m.unit, m.count_np, clause_start),
        subject=subject(sentence, m.start, m.end, places),
        raw_text=raw,
        sentence=sentence,
        page=block.page,
        bbox=block.bbox,
        value_low=m.low,
        value_high=m.high,
    )


def _clause_start(text: str) -> int:
    """Return the index just after the last clause break in text (0 when there is none)."""
    breaks = [i + 1 for i, ch in enumerate(text) if ch in ",;\uff0c\uff1b"]
    return breaks[-1] if breaks else 0
