"""Second thoughts on a statistic's year: years that belong to another number, event dates, "a year ago"."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from flows.core.extractors.statistics.context import MONTH, YearMention
from flows.core.vocabulary import has_han

# "65.29 in 2019": a year printed right after a number is that number's year, not its neighbours'.
_NUMBER_THEN_GAP = re.compile(
    r"(?<![\d.,])(?P<n>\d[\d,]*(?:\.\d+)?)(?:\s*(?:%|percent|per cent|points?|[a-z]+))?"
    r"\s+(?:in|for|during|as of|by)\s+$",
    re.IGNORECASE,
)
# "Executive Order 13694 of April 1, 2015": a full date names an event, not a reference year.
_DATE_BEFORE = re.compile(
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?)\s*$",
    re.IGNORECASE,
)
_AS_OF_BEFORE = re.compile(r"\b(?:as of|as at|at the end of|by the end of|until|up to)\s*$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;,\uff0c\uff1b:\uff1a()\uff08\uff09]")
# "falling from over 13 percent a year ago": the value is of the year before the sentence's year.
_YEAR_BEFORE_AFTER = re.compile(
    r"^\s*(?:a year (?:ago|earlier|before)|in the previous year|the year before|one year earlier)", re.I
)
# A sentence about the present ("Today, the database contains …") does not inherit an earlier year.
_PRESENT = re.compile(r"\b(?:today|currently|at present|nowadays|now)\b|目前|当前|现阶段|如今", re.IGNORECASE)
# "60% of workers today", "currently 25 basis points below": a present word within the value's clause.
_PRESENT_NEAR_AFTER = re.compile(
    r"^(?:\s+[a-z]+){0,3}?\s+(?:today|currently|at present|nowadays|now|these days)\b", re.IGNORECASE
)
_PRESENT_NEAR_BEFORE = re.compile(
    r"(?:\b(?:today|currently|at present|nowadays|now)\b|目前|当前|现阶段|如今)[^,;，；。]{0,20}$",
    re.IGNORECASE,
)
# A figure quoted from another study ("Ma (2) indicated …", "according to [12]") has its source's year.
_CITED = re.compile(
    r"^[A-Z][A-Za-z-]+(?: et al\.?| and [A-Z][A-Za-z-]+)?\s*[(\[]\d{1,3}[)\]]|\baccording to\b"
    r"|\[\d{1,3}(?:[-,]\d{1,3})*\]"
    r"|(?:^|[，,])\s*(?:根据|据)",
    re.IGNORECASE,
)


# "In 2021, …", "Furthermore, in 2022, …", "During fiscal year 2020 …": a year that opens its sentence (after
# at most a connective) frames it.
_FRAMING_BEFORE = re.compile(
    r"^\W*(?:[A-Za-z]+(?:\s+[A-Za-z]+){0,2},\s*)?"
    r"(?:(?:in|as of|as at|at the end of|by the end of|by end-|by|during|for|since|throughout|until)\s+"
    r"(?:(?:the\s+)?(?:fiscal|calendar|financial|school|academic)\s+years?\s+|fy\s*)?)?$",
    re.IGNORECASE,
)


class _Span(Protocol):
    """The span of a mention in its sentence."""

    start: int
    end: int


def own_years(sentence: str, m: _Span, years: list[YearMention]) -> list[YearMention]:
    """The sentence's years minus those printed right after another number ("43.63 in 2015")."""

    def attached_elsewhere(ym: YearMention) -> bool:
        hit = _NUMBER_THEN_GAP.search(sentence[: ym.start])
        return bool(hit) and not (m.start <= hit.start("n") < m.end)

    return [ym for ym in years if not attached_elsewhere(ym) and not _distant_date(sentence, m, ym)]


def _distant_date(sentence: str, m: _Span, ym: YearMention) -> bool:
    """True for the year of a full date ("April 1, 2015") in another clause than the statistic."""
    date = _DATE_BEFORE.search(sentence[: ym.start])
    if not date or _AS_OF_BEFORE.search(sentence[: date.start()]):
        return False  # "As of 29 August, 2021, the number … has reached …" dates the value itself
    gap = sentence[ym.end : m.start] if ym.end <= m.start else sentence[m.end : ym.start]
    return bool(_CLAUSE_BREAK.search(gap)) or len(gap) > 40


def may_inherit(sentence: str, years: list[YearMention]) -> bool:
    """True when a sentence without a year of its own may take the paragraph's year."""
    return not years and not _PRESENT.search(sentence) and not _CITED.search(sentence)


def of_the_present(sentence: str, m: _Span) -> bool:
    """True when a present-time word stands by the value ("60% of workers today", "目前已建成120个")."""
    before = sentence[max(0, m.start - 30) : m.start]
    after = sentence[m.end : m.end + 30]
    near_after = _PRESENT_NEAR_AFTER.match(after)
    near_before = _PRESENT_NEAR_BEFORE.search(before)
    return bool(near_after or near_before)


def year_ago(after: str) -> bool:
    """True when the text after a value says it is of the year before ("… a year ago")."""
    return bool(_YEAR_BEFORE_AFTER.match(after))


def shift_for_year_ago(after: str, ym: YearMention | None) -> YearMention | None:
    """Move the year back by one for "… 13 percent a year ago"."""
    if ym is not None and _YEAR_BEFORE_AFTER.match(after):
        return replace(ym, year=ym.year - 1, period_start=None, period_end=None)
    return ym


def carry_year(sentence: str, years: list[YearMention], carried: YearMention | None) -> YearMention | None:
    """Return the year the next sentence of the paragraph inherits: the last plain year of this one.

    Chinese statistical prose states the year once and lists figures after it ("2022年，…。其中，…占8.03%");
    English prose restates it, so there a year is carried only when it frames its sentence ("In 2021, …",
    "By 2030, …") or names a goal: a sample period, an event's date or a cited year in mid-sentence says
    nothing of the next sentence's figures.
    """
    plain = [y for y in years if not y.base and not y.title]
    if plain and plain[-1].decade:
        return None  # "… in the 1970s": the paragraph has moved to a period, not a year
    if not has_han(sentence):
        plain = [y for y in plain if y.target or _FRAMING_BEFORE.match(sentence[: y.start])]
    return plain[-1] if plain else carried
