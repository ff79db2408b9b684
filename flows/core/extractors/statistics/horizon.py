"""The horizon of a Chinese plan: the year its figures aim at when a sentence names none.

"实施10—15个标准化试点示范项目" in the "十四五" plan is a goal for 2025, though the sentence prints no year:
the plan's name says it ("十四五" = 2021-2025, "十二五" = 2011-2015), or its title prints the period
("可信数据空间发展行动计划（2024—2028 年）"). Only the plan's forward-looking sentences take the horizon; its
review chapters (背景, 现状, 成就) and sentences about the past or present (已, 截至, 累计, 目前) do not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.core.extractors.cues import ZH_NOT_AHEAD, ZH_PAST_CHAPTER, ZH_PLAN_TITLE_WORDS, ZH_RECURRING
from flows.core.model import Block

_FIVE_YEAR_PLAN = re.compile(r"十([一二三四五六七八九])五")
_PERIOD = re.compile(r"(?<!\d)(20\d\d)\s*年?\s*[-－—–~～至到]\s*(20\d\d)\s*年")
_PLAN_WORD = re.compile("|".join(ZH_PLAN_TITLE_WORDS))
_PAST_CHAPTER = re.compile("|".join(ZH_PAST_CHAPTER))
_NOT_AHEAD = re.compile("|".join(ZH_NOT_AHEAD))
_RECURRING = re.compile("|".join(ZH_RECURRING))
_ZH_ORDINAL = "一二三四五六七八九"
_CLAUSE_BREAK = re.compile(r"[，；。,;]")
_TO_PLAN_END = re.compile(
    r"(?:到|至)\s*[“\"]?(?P<plan>十[一二三四五六七八九]五)[”\"]?\s*(?:时期)?(?:期末|末)"
)
_TITLE_KINDS = frozenset({"title", "heading", "front_matter"})
_TITLE_PAGES = 3  # a plan's title sits on its cover or on the page after a cover image
_TITLE_MAX_CHARS = 60  # longer blocks are sentences, which may cite an older plan's period
_RUN_IN_HEADING = 12  # characters of a paragraph that may be its chapter's heading run in ("一、发展环境")


def plan_horizon(blocks: Sequence[Block]) -> int | None:
    """The end year of the plan a document's title names, or None for documents that are not plans."""
    for block in blocks:
        if block.page > _TITLE_PAGES:
            break
        text = block.text.strip()
        if block.kind not in _TITLE_KINDS or len(text) > _TITLE_MAX_CHARS or not _PLAN_WORD.search(text):
            continue
        year = _horizon_of(text)
        if year is not None:
            return year
    return None


def _horizon_of(title: str) -> int | None:
    """The end year a plan title names: its period's last year, or its five-year plan's."""
    period = _PERIOD.search(title)
    if period and int(period[1]) < int(period[2]):
        return int(period[2])
    plan = _FIVE_YEAR_PLAN.search(title)
    if plan:
        # The 11th plan ran 2006-2010: the k-th ends in 1955 + 5k.
        return 1955 + 5 * (10 + _ZH_ORDINAL.index(plan[1]) + 1)
    return None


def plan_end_targets(sentence: str) -> list[tuple[int, int, int]]:
    """Goal years named by a plan period's end: "到“十二五”末" is 2015, as (start, end, year) spans."""
    return [
        (m.start(), m.end(), year)
        for m in _TO_PLAN_END.finditer(sentence)
        if (year := _horizon_of(m["plan"])) is not None
    ]


def looks_ahead(sentence: str, at: int, paragraph: str, section: str, horizon: int) -> bool:
    """True when the figure at position at of a plan's sentence is a goal for the horizon, not a review.

    paragraph is the text of the sentence's paragraph up to the sentence: a review chapter's heading run in
    ("一、发展环境“十三五”时期，…") or an earlier plan named there makes the whole paragraph a review.
    """
    clause = _clause(sentence, at)
    if _PAST_CHAPTER.search(section) or _NOT_AHEAD.search(clause):
        return False
    if _RECURRING.search(sentence[:at]) or _RECURRING.search(clause):
        return False
    if _PAST_CHAPTER.search(paragraph[:_RUN_IN_HEADING]):
        return False
    # A paragraph naming an earlier plan ("“十三五”时期，…") reviews that plan's period.
    return all((_horizon_of(m[0]) or 0) >= horizon for m in _FIVE_YEAR_PLAN.finditer(paragraph + sentence))


def _clause(sentence: str, at: int) -> str:
    """The clause of a sentence around position at ("已建成100个，力争新增50个" has two)."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, at)), default=0)
    end = _CLAUSE_BREAK.search(sentence, at)
    return sentence[start : end.start() if end else len(sentence)]
