"""Sentence context for statistics: reference years and periods, qualifiers, change, subject and measure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flows.core.extractors.statistics.horizon import plan_end_targets
from flows.core.extractors.statistics.numbers import SUFFIX_UNIT_RE
from flows.core.extractors.statistics.places import Places, default_places
from flows.core.extractors.statistics.targets import is_target
from flows.core.vocabulary import HAN_BASIC_RANGE, MONTH, MONTH_NUMBER, STOP_WORDS, has_han

_MONTHS = MONTH_NUMBER
_YEAR = r"(?:1[89]|20)\d{2}"
_DASH = r"[-\u2013\u2014~\uff5e\u301c]"

_MONTH_RANGE_EN = re.compile(
    rf"(?P<m1>{MONTH})\s*(?:{_DASH}|to|and|through)\s*(?P<m2>{MONTH})\s*,?\s*(?:of\s+)?"
    rf"(?<![\d.,])(?P<y>{_YEAR})(?![\d%])"
)
_MONTH_RANGE_ZH = re.compile(
    rf"(?<![\d.,])(?P<y>{_YEAR})\s*年\s*(?P<m1>\d{{1,2}})\s*(?:月\s*)?(?:{_DASH}|至|到)\s*(?P<m2>\d{{1,2}})\s*月"
)
_YEAR_RANGE = re.compile(
    rf"(?P<pre>between\s+|from\s+)?(?<![\d.,])(?P<y1>{_YEAR})\s*(?:年\s*)?(?:{_DASH}|/|to|and|through|至|到)\s*"
    rf"(?P<y2>{_YEAR}|\d{{2}})(?![\d%]|[.,]\d)\s*(?:年)?"
)
_SINGLE_YEAR = re.compile(rf"(?<![\d.,A-Za-z])(?P<y>{_YEAR})(?![\d%]|\.\d|,\d{{3}}|'?s\b)(?:\s*年度?)?")
# "in the 1970s", "the late 1990s", "20世纪90年代" name a decade: a period, never one reference year.
_DECADE = re.compile(r"(?<![\d.,A-Za-z])(?P<y>(?:1[89]|20)\d0)'?s\b|(?P<c>19|20)世纪(?P<d>[1-9]0)年代")
# "(Thompson, 2023)", "Gallup (1974)", "Silver et al., 2017": the year of a cited work, not of a figure.
_CITED_BEFORE = re.compile(
    r"\(\s*[A-Z][A-Za-z'\u2019-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'\u2019-]+)?,\s*$"
    r"|[A-Z][A-Za-z'\u2019-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][A-Za-z'\u2019-]+)?\s*\(\s*$"
)
_CITED_AFTER = re.compile(r"^[a-z]?\s*[)\];,]")

# A year inside a title or a name: "Index (2012-2022)", "the 2023-2024 Annual Report", "《...2035年》".
_NAME_BEFORE = re.compile(rf"[A-Z{HAN_BASIC_RANGE}]\S*\s*[(\uff08]$")
_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]|\s*[)\uff09]?\s*[\u201d\"\u300b]")
_BASE_MARK = re.compile(
    r"(?:that of|than(?:\s+in|\s+that of)?|compared\s+(?:to|with)(?:\s+in)?|relative to|since|versus|vs\.?"
    r"|over|比|较|相比|相较于?|比上年)\s*(?:the\s+)?(?:end of\s+)?(?:同期\s*)?$",
    re.IGNORECASE,
)
_AFTER_STAT_YEAR = re.compile(
    r"^\s*(?:in|for|during|as of|by|in the year|at the end of|by the end of)\s*$", re.I
)
# "自2014年起", "从2017年开始": the year an activity began, not the year a count refers to.
_START_MARK = re.compile(r"^\s*(?:\d{1,2}\s*月)?(?:\d{1,2}\s*日)?\s*(?:起|开始|以来|首次)")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|of)\s+$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;,\uff0c\uff1b\u3001:\uff1a]")

_QUALIFIER_BEFORE = re.compile(
    r"(?P<q>about|around|approximately|approx\.|roughly|nearly|almost|over|more than|greater than|exceeded"
    r"|exceeding|exceeds|exceed|above|only|just|at least|up to|less than|fewer than|under|below|at most"
    r"|some|close to|as many as|as much as|as high as|as low as|约为|大约|约|将近|接近|近|超过|逾|仅为|仅"
    r"|只有|至少|不到|不足|高达|突破)\s*$",
    re.IGNORECASE,
)
_ZH_QUALIFIER = {
    "约为": "about",
    "大约": "about",
    "约": "about",
    "将近": "nearly",
    "接近": "nearly",
    "近": "nearly",
    "超过": "over",
    "逾": "over",
    "仅为": "only",
    "仅": "only",
    "只有": "only",
    "至少": "at least",
    "不到": "less than",
    "不足": "less than",
    "高达": "as high as",
    "突破": "exceeded",
}
_QUALIFIER_AFTER = re.compile(r"^\s*(?P<q>以上|之上|多|余|左右|以下|以内|or more|or less|plus)")
_QUALIFIER_AFTER_MAP = {
    "以上": "over",
    "之上": "over",
    "多": "over",
    "余": "over",
    "左右": "about",
    "以下": "up to",
    "以内": "up to",
    "or more": "at least",
    "or less": "up to",
    "plus": "over",
}

_CHANGE_WORDS = re.compile(
    r"\b(?:grow|grew|grown|growing|growth|increas\w*|rose|rise[sn]?|rising|fell|fall(?:en|s|ing)?|declin\w*"
    r"|decreas\w*|drop\w*|expand\w*|expansion|surg\w*|jump\w*|climb\w*|gain\w*|shr[iu]nk\w*|contract\w*"
    r"|accelerat\w*|slow\w*|boost\w*|rais\w*|up by|down by|change\w*)\b"
    r"|增长|增加|提高|提升|下降|降低|减少|上升|增速|增幅|同比|环比|上涨|下跌|下滑|回落|新增|净增",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:year[- ]on[- ]year|yoy\b|y/y|annually|a year\b|per year|per annum|increase|decrease|rise|drop"
    r"|growth|同比|环比)",
    re.IGNORECASE,
)
_LEVEL_BEFORE = re.compile(r"(?:\bto|\breached|\bhit|到|至|达到|为)\s*$", re.IGNORECASE)
# "增速为5%", "growth rate was 5%": the level of a growth rate is a change.
_RATE_BEFORE = re.compile(
    r"(?:增速|增长率|增幅|growth rate (?:was|is|of|reached))\s*(?:为|达到|达)?\s*$", re.I
)
_ABSOLUTE_CHANGE_BEFORE = re.compile(
    r"(?:\bby|增长了?|增加了?|减少了?|下降了?|提高了?|新增|净增|多了?|少了?)\s*$", re.IGNORECASE
)

_IN_GEO_AFTER = re.compile(r"^\s*(?:in|for)\s+(?:the\s+)?$")

_VERB = re.compile(
    r"\b(?:has|have|had)?\s*(?:grew|grown|grow|increased|rose|reached|amounted to|amounting to"
    r"|totall?ed|stood at|stands at|was|were|is|are|hit|exceeded|accounted for|accounts for|account for"
    r"|made up|makes up|making up|contributed|spent|employ(?:ed|s)?|built|cultivated|had|has"
    r"|reach(?:es|ing)?|represent(?:s|ed)?|will be|fell|declined|swelled|surged|expanded|jumped|climbed"
    r"|dropped|soared|doubled|growing|rising|falling|increasing|declining)\b",
    re.IGNORECASE,
)
_ZH_VERB_TAIL = re.compile(
    r"(?:同比)?(?:增长了?|增加了?|达到了?|达|为|突破|超过|约|占|实现|累计"
    r"|共计?|共有|拥有|有|是|提高了?|下降了?)+$"
)
_LEADING_NOISE = re.compile(
    r"^(?:(?:in|by|as of|during|from|at)\s+(?:the\s+end\s+of\s+)?[^,]*?\d{4}\s*,?\s*|and\s+|or\s+"
    r"|while\s+|furthermore,?\s+|moreover,?\s+|meanwhile,?\s+|of these,?\s+|the data shows that\s+"
    r"|(?:though|although|considering|given|because|since|whereas|but|so|thus|hence|if|when|whether|with"
    r"|overall)\s+"
    r"|[^,]*?shows that\s+)+",
    re.IGNORECASE,
)
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:now|currently|already|still|also|only|just|recently|further|again|today|overall|stands?))+\s*$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|this|these|those)\s+", re.IGNORECASE)
_OF_NP = re.compile(r"^\s*of\s+(?:the\s+)?(?P<np>[^,;.()\uff0c\uff1b\u3002]{2,80})")
_PREP_TAIL = re.compile(
    r"\s(?:of|at)\s+(?:(?:only|just|about|around|nearly|approximately|over|more than|greater than|less than"
    r"|up to|at least|some)\s+)?$|\s(?:greater than|more than|less than|exceeding|above|below)\s+$",
    re.IGNORECASE,
)
_STOP_WORDS = STOP_WORDS
_ASIDE = re.compile(r"\s*\([^()]*\)")
_ADVERB = re.compile(r"\s+(?:now|currently|still|already)\b", re.IGNORECASE)
_LEVEL_VERB_TAIL = re.compile(r"\b(?:stands?|stood|is|was|are|were)\s+at\s*$", re.IGNORECASE)
_HEAD_NOUNS = frozenset({"rate", "level", "number", "amount", "quantity"})
_NP_STOP = re.compile(
    r"\s(?:in|on|at|for|with|from|to|by|as|which|that|while|and|compared|indicating|since)\s"
)


_DURATIONS = frozenset({"days", "months", "years", "hours"})
_DEADLINE_BEFORE = re.compile(
    r"(?:\bwithin|no later than|not later than|\bin|\bafter)\s*$|(?:在|于)\s*$", re.I
)


@dataclass(frozen=True)
class YearMention:
    """One year, month range or year range found in a sentence."""

    start: int
    end: int
    year: int
    period_start: str | None
    period_end: str | None
    base: bool  # a comparison base ("that of 2012") or a cited work's year, not the reference year
    title: bool  # inside a title or name ("Index (2012-2022)")
    target: bool = False  # a goal's deadline ("到2025年", "by 2030" in a sentence about the future)
    decade: bool = False  # a decade ("the 1970s"): the sentence has a time, but no one year


_ZH_BASE_ONLY = re.compile(r"^(?:比|较|与)(?:上年|去年|上月|上季度|\d{4}\s*年)(?:同期|末|底)?(?:相比)?$")
_OVER_BEFORE = re.compile(r"\bover\s+(?:the\s+)?$", re.IGNORECASE)


def find_years(sentence: str, taken: list[tuple[int, int]]) -> list[YearMention]:
    """Find years and periods in a sentence, skipping spans already taken by statistics."""
    found: list[YearMention] = []
    covered: list[tuple[int, int]] = list(taken)

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in covered)

    def add(a: int, b: int, year: int, ps: str | None, pe: str | None) -> None:
        covered.append((a, b))
        before = sentence[max(0, a - 30) : a]
        after = sentence[b : b + 3]
        in_name = before.rstrip().endswith(("(", "\uff08", "\u300a")) and bool(_NAME_BEFORE.search(before))
        title = in_name or bool(_NAME_AFTER.match(after))
        # A year naming a report ("the 2019 Digital Economy Report") is no reference year at all.
        named = bool(_NAME_AFTER.match(after)) and bool(_DETERMINER_BEFORE.search(before))
        # "over 2019" compares with a base year, but "over 2015-2020" spans the period the value covers.
        over_period = ps is not None and bool(_OVER_BEFORE.search(before))
        base = (bool(_BASE_MARK.search(before)) and not over_period) or bool(
            _START_MARK.match(sentence[b : b + 10])
        )
        base = base or named
        base = base or _cited(sentence, a, b)
        target = is_target(sentence, before, sentence[b : b + 2])
        found.append(YearMention(a, b, year, ps, pe, base, title, target))

    for m in _MONTH_RANGE_EN.finditer(sentence):
        if free(m.start(), m.end()):
            y = int(m["y"])
            m1, m2 = _MONTHS[m["m1"][:3].lower()], _MONTHS[m["m2"][:3].lower()]
            add(m.start(), m.end(), y, f"{y}-{m1:02d}", f"{y}-{m2:02d}")
    for m in _MONTH_RANGE_ZH.finditer(sentence):
        if free(m.start(), m.end()):
            y = int(m["y"])
            add(m.start(), m.end(), y, f"{y}-{int(m['m1']):02d}", f"{y}-{int(m['m2']):02d}")
    for m in _YEAR_RANGE.finditer(sentence):
        y1, raw2 = int(m["y1"]), m["y2"]
        y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
        sep_and = " and " in m.group(0) and m["pre"] is None
        if y1 < y2 <= y1 + 200 and not sep_and and free(m.start("y1"), m.end()):
            add(m.start("y1"), m.end(), y2, str(y1), str(y2))
    for m in _SINGLE_YEAR.finditer(sentence):
        if free(m.start(), m.end()) and not _quantity_follows(sentence[m.end() :]):
            add(m.start(), m.end(), int(m["y"]), None, None)
    for start, end, year in plan_end_targets(sentence):
        if free(start, end):
            covered.append((start, end))
            found.append(YearMention(start, end, year, None, None, False, False, target=True))
    for m in _DECADE.finditer(sentence):
        if free(m.start(), m.end()):
            first = int(m["y"]) if m["y"] else (int(m["c"]) - 1) * 100 + int(m["d"])
            found.append(
                YearMention(m.start(), m.end(), first, str(first), str(first + 9), False, False, decade=True)
            )
    return sorted(found, key=lambda y: y.start)


def _quantity_follows(after: str) -> bool:
    """True when a unit follows a year-like number: "2000 卡时", "2000 hours" (not "2024 款", "2019 家庭")."""
    if after.lstrip().startswith("年"):
        return False
    unit = SUFFIX_UNIT_RE.match(after)
    return unit is not None and unit.lastgroup not in ("years", "count")


def _cited(sentence: str, start: int, end: int) -> bool:
    """True for the year of an author-year citation: "(Thompson, 2023)", "Gallup (1974)", "Lan (2019b)"."""
    return bool(_CITED_BEFORE.search(sentence[max(0, start - 40) : start])) and bool(
        _CITED_AFTER.match(sentence[end : end + 3])
    )


def pick_year(sentence: str, start: int, end: int, years: list[YearMention]) -> YearMention | None:
    """Choose the reference year of the statistic at [start, end) among the sentence's year mentions."""
    best: tuple[float, YearMention] | None = None
    for ym in years:
        if ym.end <= start:
            gap = sentence[ym.end : start]
            score = float(len(gap))
        else:
            gap = sentence[end : ym.start]
            score = float(len(gap)) + 5  # a trailing year is less often the reference than a leading one
            if _AFTER_STAT_YEAR.match(gap):
                score -= 30
        if _CLAUSE_BREAK.search(gap):
            score += 40
        if ym.base:
            score += 1000
        if ym.title:
            score += 300
        if best is None or score < best[0]:
            best = (score, ym)
    if best is None or best[1].base or best[1].decade:
        return None
    return best[1]


def qualifier(before: str, after: str) -> str:
    """Return the normalised qualifier printed just before or after a number, or ""."""
    m = _QUALIFIER_BEFORE.search(before)
    if m:
        q = m["q"]
        return _ZH_QUALIFIER.get(q, q.lower())
    m = _QUALIFIER_AFTER.match(after)
    return _QUALIFIER_AFTER_MAP[m["q"]] if m else ""


def is_change(unit: str, context: str, before: str, after: str) -> bool:
    """Decide whether a statistic is a change (growth rate, increment) rather than a level."""
    if unit == "percentage_points":
        return True
    relative = unit in ("percent", "times")
    if relative:
        if _LEVEL_BEFORE.search(before) and not _RATE_BEFORE.search(before):
            return False
        return bool(_CHANGE_WORDS.search(context) or _CHANGE_AFTER.match(after))
    return bool(_ABSOLUTE_CHANGE_BEFORE.search(before) and _CHANGE_WORDS.search(context + before[-8:]))


def subject(sentence: str, start: int, end: int, places: Places | None = None) -> str:
    """Return the geography a statistic refers to: "in X" right after it, else the nearest one before."""
    mentions = (places or default_places()).find(sentence)
    for s, _e, canon in mentions:
        if s >= end and _IN_GEO_AFTER.match(sentence[end:s]) and s - end < 12:
            return canon
    before = [canon for s, e, canon in mentions if e <= start]
    if before:
        return before[-1]
    return mentions[0][2] if mentions else ""


def measure(sentence: str, start: int, end: int, unit: str, count_np: str, clause_start: int) -> str:
    """Return a short noun phrase naming what the statistic measures."""
    if count_np:
        return _clean_np(count_np)
    if unit in _DURATIONS and _DEADLINE_BEFORE.search(sentence[:start]):
        return "deadline"
    after = sentence[end:]
    if unit != "count":
        m = _OF_NP.match(after)
        if m:
            np = _clean_np(_NP_STOP.split(" " + m["np"] + " ")[0].strip())
            return ("share of " + np) if unit == "percent" else np
    head = sentence[clause_start:start]
    if has_han(head or after[:10]):
        return _zh_measure(sentence, start, clause_start)
    # Asides and adverbs are not part of the subject: "the penetration (in percent of sales) stands now at".
    head = _ADVERB.sub("", _ASIDE.sub("", head))
    head = head[head.rfind(")") + 1 :]  # a clause that starts inside an aside ("… population) and funds …")
    prep = _PREP_TAIL.search(head) if not _LEVEL_VERB_TAIL.search(head) else None
    np = _trailing_np(re.sub(r"\s(?:to|by|at)$", "", head[: prep.start()])) if prep else ""
    # The subject of the comma clause holding the number beats the subject of the whole sentence.
    np = np or _np_before_verb(head[head.rfind(",") + 1 :]) or _np_before_verb(head)
    if not np:
        # "From 20.9 trillion yuan in 2012 to 39.9 trillion yuan in 2023, the industrial added value grew"
        rest = sentence[end:]
        m = re.search(
            r"[,;]\s*(?P<np>[^,;]+?)\s+(?:has|have|had)?\s*(?:grown|grew|increased|risen|rose)\b", rest
        )
        np = _clean_np(m["np"]) if m else ""
    return np


def _trailing_np(text: str) -> str:
    """Take the last few content words before a preposition ("data center networking" of over ...)."""
    words: list[str] = []
    tokens = list(reversed(re.findall(r"[\w'\u2019&-]+", text)))
    while tokens and _VERB.fullmatch(tokens[0]):
        tokens.pop(0)  # "total revenue growing by more than 200 percent": the verb is not the measure
    for i, word in enumerate(tokens):
        # "growth rate of 12%": a generic head noun counts when a content word qualifies it.
        headed = not words and word.lower() in _HEAD_NOUNS and tokens[i + 1 : i + 2] != []
        if headed and tokens[i + 1].lower() not in _STOP_WORDS:
            words.insert(0, word)
            continue
        if word.lower() in _STOP_WORDS or word.isdigit() or len(words) == 4:
            break
        words.insert(0, word)
    return " ".join(words)


def _np_before_verb(head: str) -> str:
    """Take the subject noun phrase from a clause head, up to its last main verb."""
    verbs = list(_VERB.finditer(head))
    if not verbs:
        return ""
    np = head[: verbs[0].start()]
    return _clean_np(re.split(r"[,;:]", np)[-1]) if verbs[0].start() else ""


_ZH_LEADING_PREPOSITION = re.compile(
    r"^(?:对(?![外象话手称应比])|从(?![业事])|在(?![线校岗建读职])|向(?![量导])|与(?![会])|和(?![谐平])"
    r"|为(?![民期])|将(?![来])|把)"
)


def _zh_measure(sentence: str, start: int, clause_start: int) -> str:
    """Take the Chinese noun phrase before the number, minus time words and trailing verbs."""
    head = re.split(r"[，；,;：:]", sentence[clause_start:start])[-1]
    head = re.sub(r"^(?:截至|截止|到)?\s*(?:\d{4}\s*年(?:底|末)?(?:\d{1,2}\s*月(?:底|末)?)?)?", "", head)
    head = _ZH_VERB_TAIL.sub("", head.strip())
    # "比上年增长11%" names its base, not its measure: the measure is the clause's earlier value's.
    head = _ZH_BASE_ONLY.sub("", head)
    # A leading preposition is dropped ("对数字经济投资达…"), not from words it starts (对外贸易, 从业人员).
    return _ZH_LEADING_PREPOSITION.sub("", head[-24:].strip())


def _clean_np(np: str) -> str:
    """Strip leading noise, determiners, quotes and trailing adverbs, and keep at most eight words."""
    np = _LEADING_NOISE.sub("", np.strip())
    np = _DETERMINER.sub("", np.strip())
    np = _TRAILING_ADVERBS.sub("", np)
    np = re.sub(r"[\"\u201c\u201d]|(?<![A-Za-z])[\u2018\u2019']|[\u2018\u2019'](?![A-Za-z])", "", np)
    words = np.split()
    return " ".join(words[:8]).strip(" ,;:")
