"""Quantities spelled in English words: "within thirty days", "seven members", "at least three years".

Policy and legal English spell small numbers out; the Arabic scanner never sees them. A spelled number is a
statistic when a unit follows it (a duration, per cent, a money word or a scale) or a plural noun that counts
people or bodies, or that a quantifier governs ("up to six technical experts"); "two channels" and "three
layers" are the parts of an argument. One of a duration counts only after a limit ("within one year"), and
a determiner before the number ("the two countries", "all three studies") makes it refer back.
"""

from __future__ import annotations

import re

from flows.core.extractors.cues import (
    EN_ANAPHORIC_BEFORE,
    EN_COUNT_CUES_BEFORE,
    EN_COUNTED_PEOPLE,
    EN_LIMIT_BEFORE,
    EN_PARTS_NOUNS,
)
from flows.core.extractors.statistics.mention import COUNT_NP, Mention, plural_ok
from flows.core.extractors.statistics.numbers import SUFFIX_UNIT_RE, unit_of
from flows.core.vocabulary import NUMBERS_EN

_UNITS = sorted((w for w, v in NUMBERS_EN.items() if v < 10), key=len, reverse=True)
_TENS = [w for w, v in NUMBERS_EN.items() if v >= 20]
_ALL = sorted(NUMBERS_EN, key=len, reverse=True)
# "twenty-five", "seven", "Four": a spelled number not glued to a hyphen ("one-year", "two-thirds").
_WORD_NUMBER = re.compile(
    rf"(?<![\w-])(?P<w>(?:{'|'.join(_TENS)})[- ](?:{'|'.join(_UNITS)})|{'|'.join(_ALL)})(?![\w-])",
    re.IGNORECASE,
)
# "twice a year", "thrice yearly": how often something happens, counted per period.
_TIMES = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
_FREQUENCY = re.compile(
    r"\b(?P<w>once|twice|thrice)\s+(?:(?:a|an|per|each|every)\s+(?:year|month|week|day|quarter)"
    r"|annually|yearly|monthly|weekly|daily)\b",
    re.IGNORECASE,
)
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE = re.compile(rf"\s+(?P<s>{'|'.join(_SCALES)})\b", re.IGNORECASE)
_PAREN_DIGITS = re.compile(r"\s*\(\d{1,4}\)")  # "thirty (30) days" prints the number twice
_DURATION_QUALIFIER = re.compile(r"\s+(?:working|business|calendar|full)(?=\s)", re.IGNORECASE)
_ANAPHORIC = re.compile(rf"\b(?:{'|'.join(EN_ANAPHORIC_BEFORE)})\s+$", re.IGNORECASE)
_LIMIT = re.compile(rf"\b(?:{'|'.join(EN_LIMIT_BEFORE)})\s+(?:a\s+|an\s+)?$", re.IGNORECASE)
_COUNT_CUE = re.compile(rf"\b(?:{'|'.join(EN_COUNT_CUES_BEFORE)})\s+(?:a\s+|an\s+)?$", re.IGNORECASE)
_PEOPLE = frozenset(EN_COUNTED_PEOPLE)
_PARTS = frozenset(EN_PARTS_NOUNS)
_WORD_UNITS = frozenset({"days", "months", "years", "hours", "percent"})


def word_mentions(sentence: str) -> list[Mention]:
    """Every spelled-out English number of a sentence, with its unit when one follows (else bare)."""
    out: list[Mention] = [
        Mention(start=f.start(), end=f.end(), value=_TIMES[f["w"].lower()], raw_number=f["w"], unit="count")
        for f in _FREQUENCY.finditer(sentence)
    ]
    for match in _WORD_NUMBER.finditer(sentence):
        word = match["w"]
        if _ANAPHORIC.search(sentence[: match.start()]) or _enclosed(sentence, match.start(), match.end()):
            continue
        m = Mention(start=match.start(), end=match.end(), value=float(_value(word)), raw_number=word)
        _read_unit(sentence, m)
        if m.unit in ("", "count") or m.value or m.scale:
            out.append(m)
    return out


def _value(word: str) -> int:
    """The value of a spelled number ("twenty-five" is 25)."""
    parts = re.split(r"[- ]", word.lower())
    return sum(NUMBERS_EN[p] for p in parts)


def _read_unit(sentence: str, m: Mention) -> None:
    """Give a spelled number the unit, scale or counted noun that follows it, or mark it bare."""
    pos = m.end
    paren = _PAREN_DIGITS.match(sentence, pos)
    pos = paren.end() if paren else pos
    scale = _SCALE.match(sentence, pos)
    if scale:
        m.scale = scale["s"].lower()
        m.value *= _SCALES[m.scale]
        pos = scale.end()
    lead = _DURATION_QUALIFIER.match(sentence, pos)
    unit = SUFFIX_UNIT_RE.match(sentence, lead.end() if lead else pos)
    if unit and sentence[pos : pos + 1].isspace():
        name = unit_of(unit)
        one_without_limit = m.value == 1 and not _LIMIT.search(sentence[: m.start])
        if (name in _WORD_UNITS or (m.scale and name != "percent")) and not one_without_limit:
            m.unit, m.end = name, unit.end()
            return
    np = COUNT_NP.match(sentence, pos)
    head = np["head"].lower() if np else ""
    counted = head in _PEOPLE or (head not in _PARTS and bool(_COUNT_CUE.search(sentence[: m.start])))
    if np and counted and plural_ok(np) and (m.value >= 2 or m.scale):
        m.unit, m.count_np, m.end = "count", np["np"], pos
        return
    m.bare = not m.scale
    if m.scale:
        m.unit, m.end = "count", pos  # "two million" alone counts what the sentence is about


def _enclosed(sentence: str, start: int, end: int) -> bool:
    """True for a spelled number in brackets after its figure ("30 (thirty) days")."""
    return sentence[start - 1 : start] == "(" and sentence[end : end + 1] == ")"
