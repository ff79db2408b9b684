"""A number found in a sentence while it is resolved, and the noun phrases that make it a count."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A count's noun phrase: up to four modifiers (lower-case or quoted words, 5G-style tokens, acronyms), then
# a plural: a word, an acronym's ("512 GPUs", "40 LLMs") or a quoted one ("13 key “plays”").
COUNT_NP = re.compile(
    r"\s+(?P<np>(?:(?:[\"\u201c\u2018'][^\"\u201d\u2019']{1,30}[\"\u201d\u2019']|[a-z0-9][a-z0-9&'\u2019-]*"
    r"|[0-9][A-Za-z0-9-]*|R&D|[A-Z]{2,6}|SMEs?)\s+){0,4}?[\"\u201c\u2018]?(?P<head>[a-z][a-z-]*[a-z]s|people|staff"
    r"|personnel|women|men|children|[A-Z]{2,6}s)[\"\u201d\u2019]?)(?![A-Za-z])"
)
# "193 Member States", "12 Parties": a capitalised plural that names members of a body.
CAPITALISED_COUNT_NP = re.compile(
    r"\s+(?P<np>(?:(?:[A-Z][a-z]+|[A-Z]{2,6})\s+){0,3}(?P<head>[A-Z][a-z]*[a-z]s))\b(?!\s+[A-Z])"
)
_FUNCTION_WORDS_TEXT = (
    "of in to for by with and or the a an is are was were has had have be been on at as from that "
    "this which who will would can could may might than its their "
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
_NOT_PLURAL_TEXT = (
    "is was has this thus its as us yes less across process business access address class gas basis "
    "analysis always sometimes perhaps whereas series means news various previous famous serious bus "
    "plus "
    "years days months hours weeks minutes seconds decades times "
    "bytes kilobytes megabytes gigabytes terabytes metres meters kilometres kilometers miles grams kilograms "
    "litres liters watts thousands millions billions hundreds dozens "
)
_NOT_PLURAL = frozenset(_NOT_PLURAL_TEXT.split())


@dataclass
class Mention:
    """A number found in a sentence while its unit, range and context are being resolved."""

    start: int
    end: int
    value: float
    raw_number: str
    scale: str = ""
    unit: str = ""
    count_np: str = ""
    bare: bool = False
    hyphen_linked: bool = False
    low: float | None = None
    high: float | None = None
    qualifier_after: str = ""
    notes: list[str] = field(default_factory=list)


def plural_ok(np: re.Match[str]) -> bool:
    """Check that a count's noun phrase ends in a real plural and has no function words inside."""
    words = np["np"].split()
    if np["head"].lower() in _NOT_PLURAL or np["head"].endswith("ss") or any(w.isdigit() for w in words):
        return False  # a run of bare numbers before a noun is a flattened chart, not a count
    return not any(w.lower() in _FUNCTION_WORDS for w in words)
