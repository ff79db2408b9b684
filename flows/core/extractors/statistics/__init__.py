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
from flows.core.extractors.statistics.horizon import looks_ahead, plan_horizon
from flows.core.extractors.statistics.measures import (
    per_capita,
    repair_measure,
    strip_foreign_owner,
    tidy_measure,
)
from flows.core.extractors.statistics.numbers import CURRENCY_UNITS, normalise_digits
from flows.core.extractors.statistics.places import Places
from flows.core.extractors.statistics.runs import Run, paragraph_runs
from flows.core.extractors.statistics.scan import LIST_GAP, Mention, scan
from flows.core.extractors.statistics.years import (
    carry_year,
    may_inherit,
    of_the_present,
    own_years,
    shift_for_year_ago,
    year_ago,
)
from flows.core.model import BBox, Block
from flows.core.text import split_sentences
from flows.core.vocabulary import HAN_BASIC_CLASS, has_han

SCANNED_KINDS = frozenset({"body", "abstract"})
_ZH_GROWTH_ONLY = frozenset({"年均增长", "同比增长", "平均增长", "累计增长", "环比增长"})
_DEADLINE_UNITS = frozenset({"days", "months", "years", "hours"})
_CARRIED_UNITS = frozenset({"percent", "percentage_points", "count", "times", "points", *CURRENCY_UNITS})
_FROM_BEFORE = re.compile(r"(?:\bfrom|从|由)\s*$", re.IGNORECASE)
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
    is_target: bool = False  # a goal for the year ("到2025年…达到", "by 2030 … will"), not an observed value
    source: str = "text"  # "text": a sentence of the running text; "table": a cell of a data table
    table_id: str | None = None  # the table of a table statistic (raw.tables), with the cell's row and col
    cell_row: int | None = None
    cell_col: int | None = None


def extract_statistics(blocks: Sequence[Block], places: Places | None = None) -> list[Statistic]:
    """Extract statistics from the body and abstract blocks of one document, in reading order."""
    results: list[Statistic] = []
    target: YearMention | None = None
    section: str | None = None
    horizon = plan_horizon(blocks)
    for run in paragraph_runs(blocks, SCANNED_KINDS):
        first = run.parts[0][1]
        # A goal year that opens a section ("（三）发展目标。到2020年，…") governs the section's paragraphs.
        inherited = target if first.section == section else None
        found, last = _run_statistics(run, inherited, places)
        if horizon is not None:
            found = [_at_horizon(s, normalise_digits(run.text), first.section, horizon) for s in found]
        results.extend(found)
        target, section = (last if last is not None and last.target else None), first.section
    return results


def _at_horizon(stat: Statistic, paragraph: str, section: str, horizon: int) -> Statistic:
    """Give a Chinese plan's yearless goal the plan's horizon ("十四五" plan: 实施10—15个项目 is for 2025)."""
    if stat.year is not None or stat.unit in _DEADLINE_UNITS or not has_han(stat.sentence):
        return stat
    before = paragraph[: max(0, paragraph.find(stat.sentence))]
    at = max(0, stat.sentence.find(stat.raw_text))
    if not looks_ahead(stat.sentence, at, before, section, horizon):
        return stat
    return replace(stat, year=horizon, is_target=True)


def _run_statistics(
    run: Run, inherited: YearMention | None, places: Places | None = None
) -> tuple[list[Statistic], YearMention | None]:
    """Extract statistics from one paragraph run, sentence by sentence, carrying the last year forward."""
    text = normalise_digits(run.text)
    out: list[Statistic] = []
    cursor = 0
    carried = inherited
    exponents = [c for _, b in run.parts for c in b.citations if c.isdigit() and 2 <= int(c) <= 99]
    for sentence in split_sentences(text):
        offset = text.find(sentence, cursor)
        offset = cursor if offset < 0 else offset
        cursor = offset + len(sentence)
        if _FRONT_MATTER_SENTENCE.search(sentence) or _is_table_text(sentence):
            continue
        mentions = scan(sentence)
        years = find_years(sentence, [(m.start, m.end) for m in mentions])
        _restore_exponents(mentions, exponents)
        for m in mentions:
            stat = _to_statistic(run, offset, sentence, m, mentions, years, carried, places)
            stat = _settle_measure(stat, out, places)
            out.append(stat)
        carried = carry_year(sentence, years, carried)
    return out, carried


def _settle_measure(stat: Statistic, earlier: list[Statistic], places: Places | None = None) -> Statistic:
    """Borrow an empty measure from the sentence's earlier value and drop another place's possessive."""
    same = [
        o
        for o in earlier
        if o.sentence == stat.sentence and (o.unit == stat.unit or stat.is_change or stat.unit == "times")
    ]
    text = stat.measure
    if (not text or text in _ZH_GROWTH_ONLY) and same:
        # A follow-on number of the same unit ("from 14.2% to 38.6%") measures the same thing;
        # "…规模达到14万亿元，年均增长12%" is the growth of that same thing.
        text = same[-1].measure + text
    owner = subject(text, len(text), len(text), places)
    return replace(stat, measure=per_capita(strip_foreign_owner(text, owner, stat.subject), stat.raw_text))


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
    run: Run,
    offset: int,
    sentence: str,
    m: Mention,
    mentions: list[Mention],
    years: list[YearMention],
    carried: YearMention | None,
    places: Places | None = None,
) -> Statistic:
    """Attach year, qualifier, change flag, subject and measure to a resolved mention."""
    previous = mentions[: mentions.index(m)]
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
    ym = _year_of(sentence, m, mentions, years, carried)
    raw = sentence[m.start : m.end]
    index, block, local = run.locate(offset + m.start)
    key = f"{block.page}|{index}|{local}|{raw}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return Statistic(
        statistic_id=f"p{block.page}-b{index}-o{local}-{digest}",
        value=m.value,
        unit=m.unit,
        scale=m.scale,
        qualifier=qualifier(before, after) or m.qualifier_after,
        is_change=change,
        year=ym.year if ym else None,
        period_start=ym.period_start if ym else None,
        period_end=ym.period_end if ym else None,
        measure=tidy_measure(
            repair_measure(
                sentence,
                m.start,
                m.end,
                m.unit,
                m.unit in CURRENCY_UNITS,
                measure(sentence, m.start, m.end, m.unit, m.count_np, clause_start),
            )
        ),
        subject=subject(sentence, m.start, m.end, places),
        raw_text=raw,
        sentence=sentence,
        page=block.page,
        bbox=block.bbox,
        value_low=m.low,
        value_high=m.high,
        is_target=bool(ym and ym.target),
    )


def _year_of(
    sentence: str, m: Mention, mentions: list[Mention], years: list[YearMention], carried: YearMention | None
) -> YearMention | None:
    """The year a statistic refers to: its own in the sentence, else the paragraph's when it may inherit."""
    if m.unit in _DEADLINE_UNITS:
        # A deadline ("within 90 days") has no reference year, unless a goal year closes its clause
        # ("trial-ready drugs within 100 days by 2030").
        return next((y for y in years if y.target and _same_clause(sentence, m.end, y.start)), None)
    if year_ago(sentence[m.end :]):
        return shift_for_year_ago(sentence[m.end :], pick_year(sentence, m.start, m.end, years))
    ym = pick_year(sentence, m.start, m.end, own_years(sentence, m, years))
    if ym is not None and not ym.target and of_the_present(sentence, m) and not _attached(sentence, m, ym):
        # "60% of workers today are in jobs that did not exist in 1940": the value is of now.
        return None
    goal = carried is not None and carried.target
    plain = [y for y in years if not y.base and not y.title]
    if ym is None and (m.unit in _CARRIED_UNITS or goal) and (goal or may_inherit(sentence, plain)):
        # Only economic levels inherit the paragraph's year; a technical threshold (FLOP, Gbit/s) is not
        # about the year an earlier sentence named, unless it is a goal of the section.
        ym = carried
    elif (
        ym is not None and ym.period_start and ym.end <= m.start and _FROM_BEFORE.search(sentence[: m.start])
    ):
        # "from 2005 to 2020, from 14.2% to 38.6%": the starting value belongs to the starting year.
        ym = replace(ym, year=int(ym.period_start[:4]), period_start=None, period_end=None)
    return shift_for_year_ago(sentence[m.end :], ym)


def _attached(sentence: str, m: Mention, ym: YearMention) -> bool:
    """True when the year is printed right by the value ("3% in 2023", "2023年为3%")."""
    gap = sentence[m.end : ym.start] if ym.start >= m.end else sentence[ym.end : m.start]
    return len(gap.strip()) <= 6


def _same_clause(sentence: str, a: int, b: int) -> bool:
    """True when no clause break lies between positions a and b of a sentence."""
    return a <= b and not re.search(r"[,;:\uff0c\uff1b\uff1a]", sentence[a:b])


def _clause_start(text: str) -> int:
    """Return the index just after the last clause break in text (0 when there is none)."""
    breaks = [i + 1 for i, ch in enumerate(text) if ch in ",;\uff0c\uff1b"]
    return breaks[-1] if breaks else 0
