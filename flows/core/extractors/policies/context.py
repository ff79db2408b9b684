"""Read a policy mention's issuer and year from the sentence that names it."""

from __future__ import annotations

import re

from flows.core.vocabulary import EN_ORG_HEADS, HAN_BASIC_CLASS, MONTH_ALTERNATION, ZH_ORG_SUFFIXES, has_han

_MONTHS = MONTH_ALTERNATION
# Dated expressions, strongest first; year ranges ("2018–2020") are periods, never issue dates.
_EN_DATES = (
    re.compile(
        rf"\b(?:{_MONTHS})\.?\s+(?:\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?,?\s+)?((?:19|20)\d{{2}})\b(?!\s*[–-]\s*\d)"
    ),
    re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\.?\s+((?:19|20)\d{{2}})\b"),
    re.compile(r"\b(?:in|since|on)\s+((?:19|20)\d{2})\b(?!\s*[–-]\s*\d)"),
)
_EN_LEADING_YEAR = re.compile(r"^\s*(?:the\s+)?((?:19|20)\d{2})(?!\s*[–-]\s*\d)\b")
_EN_INNER_YEAR = re.compile(
    r"(?<![–-])\b((?:19|20)\d{2})\b(?!\s*[–-]\s*\d)(?=\s+(?:[A-Za-z]+\s+){0,2}(?:work\s+)?report)", re.I
)
_ZH_DATE_REACH = 40
_EN_DATE_REACH = 300
_ZH_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月")
_ZH_BARE_YEAR = re.compile(r"(?<![\d—－-])((?:19|20)\d{2})\s*年(?!\s*[—－-])(?!的)")
_ZH_LEADING_YEAR = re.compile(r"^[《“]?((?:19|20)\d{2})\s*年(?:度)?(?![—－-])")

_W = r"[A-Z][\w'’\-]*"
_ORG_HEAD = f"(?:{'|'.join(EN_ORG_HEADS)})"
_ORG = re.compile(
    rf"(?:{_W}\s+(?:(?:and|of|for)\s+)?)*{_ORG_HEAD}\b"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_W}(?:(?:\s+|\s*,\s*(?:and\s+)?|\s+and\s+|\s+of\s+(?:the\s+)?){_W})*)?"
)
_LEADING_THE = re.compile(r"^(?:The|In|On|At|By|And|Meanwhile|Then|Also)\s+")
_EN_RELEASE_VERB = re.compile(
    r"\b(?:jointly\s+)?(?:released|issued|published|promulgated|introduced|launched|unveiled|formulated|"
    r"enacted|adopted|put\s+forward|proposed|approved|announced)\b",
    re.I,
)
_EN_PASSIVE_BY = re.compile(
    r"^[\s,\"”’)]*(?:(?:which|that)\s+(?:was|were)\s+|(?:was|were)\s+)?(?:jointly\s+)?"
    r"(?:released|issued|published|promulgated|introduced|launched|unveiled|formulated|enacted|adopted|"
    r"approved|drafted|compiled)\s+by\s+",
    re.I,
)
_EN_BY_CLAUSE_END = re.compile(
    rf"\s(?:in|on)\s+(?:(?:{_MONTHS})\b|(?:19|20)\d{{2}})|[;.]|\s(?:played|has|have|is|are|was|were|which|to|and\s+(?:has|have|is))\b"
)
_PLACE_SUBJECT = re.compile(r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:has\s+)?(?:jointly\s+)?$")
_NOT_PLACES = {"The", "This", "These", "It", "They", "We", "He", "She", "China", "Chinese", "Government"}

_ZH_ORG = re.compile(
    r"(中共中央|国务院办公厅|国务院|全国人民代表大会常务委员会|全国人大常委会|全国人民代表大会|"
    rf"{HAN_BASIC_CLASS}{{2,20}}?(?:{'|'.join(ZH_ORG_SUFFIXES)}))"
)
_ZH_RELEASE_VERB = re.compile(r"(?:联合)?(?:发布|印发|出台|颁布|公布|制定|发出|推出)(?:了)?(?:的)?\s*$")
_ZH_CLAUSE_BREAK = re.compile(r"[，。；：,;:]")


def year_from_sentence(sentence: str, start: int, end: int, mention: str) -> int | None:
    """Return the year a mention is dated by: a year inside the name, else the nearest dated phrase."""
    chinese = has_han(mention)
    leading = (_ZH_LEADING_YEAR if chinese else _EN_LEADING_YEAR).search(mention)
    if leading:
        return int(leading.group(1))
    if not chinese:
        inner = _EN_INNER_YEAR.search(mention)
        if inner:
            return int(inner.group(1))
    candidates: list[tuple[int, int]] = []  # (distance, year)
    patterns = (_ZH_FULL_DATE,) if chinese else _EN_DATES
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            if start <= match.start() < end:
                continue
            candidates.append((_distance(match.start(), match.end(), start, end), int(match.group(1))))
    if chinese and not candidates:
        # A bare year after the title is usually a target ("2025年的战略目标"), so only look before it.
        for match in _ZH_BARE_YEAR.finditer(sentence[:start]):
            candidates.append((start - match.end(), int(match.group(1))))
    # A date far from the title dates something else in a long sentence (a signature, another act).
    limit = _ZH_DATE_REACH if chinese else _EN_DATE_REACH
    candidates = [c for c in candidates if c[0] <= limit]
    if not candidates:
        return None
    return min(candidates)[1]


def issuer_from_sentence(sentence: str, start: int, end: int, mention: str) -> str:
    """Return the issuing bodies named around a mention ("released by X", "X released ..."), '|'-joined."""
    if has_han(mention):
        return _zh_issuer(sentence[:start])
    after = sentence[end:]
    passive = _EN_PASSIVE_BY.match(after)
    if passive:
        clause = after[passive.end() :]
        stop = _EN_BY_CLAUSE_END.search(clause)
        clause = clause[: stop.start()] if stop else clause
        orgs = _orgs(clause)
        if orgs:
            return "|".join(orgs)
        place = re.match(r"(?:the\s+)?([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)", clause)
        return place.group(1) if place else ""
    before = sentence[:start]
    verbs = list(_EN_RELEASE_VERB.finditer(before))
    if not verbs:
        return ""
    verb = verbs[-1]
    between = before[verb.end() :]
    # "X released the Plan": only a short gap (articles, "its") may sit between verb and title.
    if len(between.split()) > 3:
        return ""
    orgs = _orgs(before[: verb.start()])
    if orgs:
        return "|".join(orgs)
    place = _PLACE_SUBJECT.search(before[: verb.start()])
    if place and place.group(1).split()[0] not in _NOT_PLACES:
        return place.group(1)
    return ""


def _orgs(text: str) -> list[str]:
    """List the organisation names in a stretch of English text, in order, without duplicates."""
    found: list[str] = []
    for match in _ORG.finditer(text):
        name = _LEADING_THE.sub("", match.group(0).strip(" ,"))
        name = re.sub(r"\s*,\s*$", "", name)
        if name and name not in found:
            found.append(name)
    return found


def _zh_issuer(before: str) -> str:
    """Return the Chinese issuing bodies in the clause that ends with a release verb before the title."""
    verb = _ZH_RELEASE_VERB.search(before)
    if not verb:
        return ""
    clause = _ZH_CLAUSE_BREAK.split(before[: verb.start()])[-1]
    orgs: list[str] = []
    for part in re.split(r"[、和与及同]", clause):
        match = _ZH_ORG.search(part)
        if match and match.group(1) not in orgs:
            orgs.append(match.group(1))
    return "|".join(orgs)


def _distance(a0: int, a1: int, b0: int, b1: int) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    if a1 <= b0:
        return b0 - a1
    if b1 <= a0:
        return a0 - b1
    return 0
