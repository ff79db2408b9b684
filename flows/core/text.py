"""Language detection, sentence splitting and printed dates for English and Chinese text."""

from __future__ import annotations

import re
import unicodedata

from flows.core.vocabulary import (
    COMPATIBILITY_CHAR,
    HAN,
    MONTH_ABBREVIATIONS,
    MONTH_ALTERNATION,
    MONTH_NUMBER,
)

_CJK = HAN
_LATIN = re.compile(r"[A-Za-z]")

# English abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = (
    "e.g",
    "i.e",
    "etc",
    "et al",
    "vs",
    "No",
    "no",
    "Fig",
    "fig",
    "Vol",
    "vol",
    "pp",
    "p",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Prof",
    "U.S",
    "U.K",
    *MONTH_ABBREVIATIONS,
    "St",
    "Inc",
    "Ltd",
    "Co",
)
_ABBREV_END = re.compile(r"(?:\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")|\b[A-Z])\.$")
_EN_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ZH_BOUNDARY = re.compile(r"(?<=[。！？；!?])[”’」』）)]*")


def detect_language(text: str) -> str:
    """Return "zh" when CJK characters make up a fair share of the letters, else "en"."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    # One CJK character carries about as much as a short English word (~4 letters).
    return "zh" if cjk * 4 >= latin and cjk > 0 else "en"


def fold_compatibility(text: str) -> str:
    """Replace radicals, compatibility ideographs and ligatures by the characters they stand for."""
    return COMPATIBILITY_CHAR.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, handling English abbreviations and Chinese stops."""
    sentences: list[str] = []
    for chunk in _split_zh(text):
        sentences.extend(_split_en(chunk))
    return [s.strip() for s in sentences if s.strip()]


def _split_zh(text: str) -> list[str]:
    """Split at Chinese sentence-ending punctuation, keeping closing quotes with the sentence."""
    parts: list[str] = []
    start = 0
    for match in _ZH_BOUNDARY.finditer(text):
        end = match.end()
        if end > start and _CJK.search(text[max(0, end - 3) : end + 1] or ""):
            parts.append(text[start:end])
            start = end
    parts.append(text[start:])
    return parts


def _split_en(text: str) -> list[str]:
    """Split at English sentence ends unless the stop follows a known abbreviation or initial."""
    parts: list[str] = []
    start = 0
    for match in _EN_BOUNDARY.finditer(text):
        candidate = text[start : match.start()].rstrip("\"'”’)]")
        if _ABBREV_END.search(candidate):
            continue
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return parts


# A calendar date as printed: each pattern with the numbers of its year, month and day groups.
_DATES = (
    (re.compile(rf"\b(\d{{1,2}})\s+({MONTH_ALTERNATION})\.?,?\s+(\d{{4}})", re.I), (3, 2, 1)),
    (re.compile(rf"\b({MONTH_ALTERNATION})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})", re.I), (3, 1, 2)),
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), (1, 2, 3)),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), (1, 2, 3)),
)


def parse_date(text: str) -> str:
    """First printed calendar date in text as ISO yyyy-mm-dd, or ""."""
    for pattern, (yi, mi, di) in _DATES:
        m = pattern.search(text)
        if m:
            month = m.group(mi)
            month_no = MONTH_NUMBER[month.lower()] if not month.isdigit() else int(month)
            return f"{int(m.group(yi)):04d}-{month_no:02d}-{int(m.group(di)):02d}"
    return ""
