"""Number scanning for the statistics extractor: find quantities in a sentence and drop non-statistics."""

from __future__ import annotations

import re

from flows.core.extractors.cues import EN_FRAMEWORK_NOUNS
from flows.core.extractors.statistics.currencies import CURRENCIES
from flows.core.extractors.statistics.exclusions import not_a_quantity
from flows.core.extractors.statistics.mention import CAPITALISED_COUNT_NP, Mention, plural_ok
from flows.core.extractors.statistics.mention import COUNT_NP as _COUNT_NP
from flows.core.extractors.statistics.numbers import (
    ARABIC,
    CURRENCY_UNITS,
    PREFIX_CURRENCY_RE,
    PREFIX_CURRENCY_UNIT,
    SCALE_RE,
    SCALES,
    SUFFIX_UNIT_RE,
    ZH_COUNT_RE,
    ZH_NUMERAL,
    ZH_PERCENT_PREFIX_RE,
    ZH_YEARS_SPAN,
    parse_arabic,
    parse_chinese_numeral,
    unit_of,
)
from flows.core.extractors.statistics.words import word_mentions
from flows.core.vocabulary import MONTH, has_han

# A number is not glued to letters, a stop or a comma, except a currency symbol that ends in a stop ("Rs.1").
_DOTTED_SYMBOLS = sorted({s for c in CURRENCIES for s in c.symbols if s.endswith(".")}, key=len)
_AFTER_DOTTED_SYMBOL = "".join(rf"(?<={re.escape(s)})|" for s in _DOTTED_SYMBOLS)
_NUM_RE = re.compile(rf"(?:{_AFTER_DOTTED_SYMBOL}(?<![A-Za-z0-9_.,@/#\\^*]))(?P<num>{ARABIC})")
# A number glued to letters, ids or addresses is an id, not a quantity ("5G", "22CGJ030", "a@139.com").
_BAD_AFTER = re.compile(r"^(?:[A-Za-z_@#]|[/:.]\d|-[A-Za-z]|\.[A-Za-z])")
_RANGE_GAP = re.compile(r"^\s*(?:[-\u2013\u2014~\uff5e\u301c]|to|至|到)\s*$")
LIST_GAP = re.compile(r"^\s*(?:,|\u3001|\uff0c|and|or|, and|, or|和|与|及|以及)\s*$")
_HYPHEN = "-\u2013\u2014"
_FROM_BEFORE = re.compile(r"(?<!rang)(?<!ranging)(?:\bfrom|从|由)\s*$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s*$|介于\s*$", re.IGNORECASE)
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:section|sec|article|art|chapter|part|figure|fig|table|no|nos|number|order|title|paragraph|para"
    r"|item|step|phase|level|stage|grade|class|version|ver|v|p|pp|page|pages|vol|volume|issue|box|annex"
    r"|appendix|clause|rule|law|act|subsection|e\.o|fr|u\.s\.c|cfr|form|decree|no\.|model|round|grant|code"
    r"|room|tel|fax|phone|zip|postcode|top|rank|ranked|tier|pillar|principle|action|hypothesis|equation|eq"
    r"|column|row|scenario|wave|batch|question|age|aged|ages)\.?|第|图|表|附件|附表|卷|编号|令|号|专栏"
    r"|(?<![目当此之以提先])前)\s*$",  # 前10 is a rank; 目前/当前/此前 120 are not
    re.IGNORECASE,
)
_ZH_NOT_QUANTITY_AFTER = re.compile(
    r"^\s*(?:年|月|日|号|期|卷|条(?=例|款)|款|章|节|届|版|页|世纪|周年|楼|层|路|届|点|时|分|秒|级|代)"
)
# "不超过 3 年", "5年以上", "10年内": a span of years after a one- or two-digit number (a year has four).
# "第 5、6 条", "第十二条、13 条": a 第 earlier in the list numbers the articles (or classes) that follow.
_ORDINAL_BEFORE = re.compile(r"第[^。，；,;]{0,12}$")
_ZH_SPAN_OF_YEARS = re.compile(rf"^\s*{ZH_YEARS_SPAN}")
_MONTH_NEAR = re.compile(rf"(?:\b{MONTH}\s*$)|(?:^\s*{MONTH}\b)")
_COMMA_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_COUNT_VERB_BEFORE = re.compile(
    r"(?:exceeded|exceeding|exceeds|reached|reaching|totall?ed|totall?ing|numbered|a total of|more than|over"
    r"|nearly|about|around|approximately|some|almost|up to|at least|to)\s*$",
    re.IGNORECASE,
)
_SENTENCE_LIST_MARKER = re.compile(r"^\s*[(\uff08]?\d{1,2}\s*(?:[.)\u3001\uff09]\s|[)\uff09])")


def scan(sentence: str) -> list[Mention]:
    """Find quantity mentions in a sentence, resolve ranges and shared units, and drop non-statistics."""
    mentions = [m for m in (_arabic_mention(sentence, n) for n in _NUM_RE.finditer(sentence)) if m]
    mentions += [m for m in (_chinese_mention(sentence, n) for n in ZH_NUMERAL.finditer(sentence)) if m]
    mentions += word_mentions(sentence)
    mentions.sort(key=lambda m: m.start)
    mentions = _merge_ranges_and_lists(sentence, mentions)
    return [m for m in mentions if m.unit and not m.hyphen_linked and not not_a_quantity(sentence, m)]


_SUPERSCRIPTS = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")
_POWER = re.compile(r"(?:\^|\*\*)(?P<caret>\d{1,3})|(?P<sup>[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3})")


def _arabic_mention(sentence: str, match: re.Match[str]) -> Mention | None:
    """Read one Arabic-numeral number with its scale and unit, or None when it is not a quantity."""
    start, pos = match.start(), match.end()
    raw = match["num"]
    power = _POWER.match(sentence, pos) if raw == "10" else None
    if power:
        # "10^26", "10**26" and "10²⁶" are powers of ten; read the unit after the exponent.
        exponent = int((power["caret"] or power["sup"]).translate(_SUPERSCRIPTS))
        m = Mention(start=start, end=power.end(), value=float(10**exponent), raw_number=raw)
        _read_scale_and_unit(sentence, m, raw)
        return m if m.unit else None
    after = sentence[pos:]
    before = sentence[:start]
    unit_match = SUFFIX_UNIT_RE.match(sentence, pos)
    glued = _GLUED_COUNT_SCALE.match(after) if not PREFIX_CURRENCY_RE.search(before) else None
    measured = SUFFIX_UNIT_RE.match(sentence, pos + glued.end()) if glued else None
    if measured and unit_of(measured) in _MEASURED_UNITS and not _LABEL_BEFORE.search(before):
        # "1.4M hours", "3K km": a scale letter glued to an amount of a measured unit.
        m = Mention(start=start, end=measured.end(), value=parse_arabic(raw), raw_number=raw)
        m.scale, m.unit = glued["s"], unit_of(measured)
        m.value *= _GLUED_SCALES[m.scale.lower()]
        return m
    counted = _COUNT_NP.match(sentence, pos + glued.end()) if glued else None
    if glued and counted and plural_ok(counted) and not _LABEL_BEFORE.search(before):
        # "10K documents", "1.2M tokens", "7B parameters": a scale letter glued to a count.
        m = Mention(start=start, end=pos + glued.end(), value=parse_arabic(raw), raw_number=raw)
        m.scale = glued["s"]
        m.value *= _GLUED_SCALES[m.scale.lower()]
        _read_count(sentence, m, raw)
        return m
    if (
        _BAD_AFTER.match(after)
        and not (unit_match and unit_match.start() == pos)
        and not SCALE_RE.match(after)
        and not (_SHORT_SCALE.match(after) and PREFIX_CURRENCY_RE.search(before))
    ):
        return None
    zh_span = len(raw) <= 2 and raw.isdigit() and bool(_ZH_SPAN_OF_YEARS.match(after))
    if _LABEL_BEFORE.search(before) or (_ZH_NOT_QUANTITY_AFTER.match(after) and not zh_span):
        return None
    if _enclosed(sentence, start, pos) or (start == 0 and _SENTENCE_LIST_MARKER.match(sentence)):
        return None
    hyphen_linked = (start > 0 and sentence[start - 1] in _HYPHEN) or (
        after[:1] in tuple(_HYPHEN) and after[1:2].isdigit()
    )
    if start >= 2 and sentence[start - 1] in _HYPHEN and sentence[start - 2].isalpha():
        return None
    m = Mention(start=start, end=pos, value=parse_arabic(raw), raw_number=raw, hyphen_linked=hyphen_linked)
    if _MONTH_NEAR.search(before[-12:]) or _MONTH_NEAR.match(after[:12]):
        m.notes.append("date")
    _read_scale_and_unit(sentence, m, raw)
    if not m.unit:
        _read_count(sentence, m, raw)
    if start and sentence[start - 1] == "\u2212" and m.start == start:
        # A true minus sign (full-width "－" arrives as "−"); an ASCII hyphen stays a range or a dash.
        m.value, m.start = -m.value, start - 1
    per_capita = _PER_CAPITA.match(sentence, m.end) if m.unit else None
    if per_capita:
        m.end = per_capita.end()
        m.notes.append("per capita")
    if "date" in m.notes and m.unit in ("", "count"):
        return None
    if _year_like(raw) and not m.scale and m.unit in ("", "count", "years") and "level" not in m.notes:
        return None
    return m


def _read_scale_and_unit(sentence: str, m: Mention, raw: str) -> None:
    """Extend a mention over its scale word, unit and any prefix currency, normalising the value."""
    pos = m.end
    hedge = _ZH_APPROX_INFIX.match(sentence, pos)
    scale = SCALE_RE.match(sentence, hedge.end() if hedge else pos)
    if hedge and scale and has_han(scale["scale"]):
        # "100 多万件": the hedge 多 sits between the number and its Chinese scale.
        m.qualifier_after = "over"
        pos = hedge.end()
    elif hedge:
        scale = None
    if scale and not (scale.start("scale") > pos and sentence[pos].isalpha()):
        m.scale = scale["scale"]
        m.value *= SCALES[m.scale.lower()]
        pos = scale.end()
    unit = SUFFIX_UNIT_RE.match(sentence, pos)
    acronym = _ACRONYM.match(sentence, pos) if not unit else None
    if acronym:
        # "1,400,000 GPU hours": an acronym naming what the unit counts sits between number and unit.
        unit = SUFFIX_UNIT_RE.match(sentence, acronym.end())
        unit = unit if unit and unit_of(unit) in _MEASURED_UNITS else None
        if unit:
            m.count_np = sentence[acronym.start() : unit.end()].strip()
    if unit:
        m.unit = unit_of(unit)
        pos = unit.end()
        if m.unit == "times" and _OCCURRENCES.match(raw) and not _COMPARATIVE_AFTER.match(sentence, pos):
            m.unit = "count"  # "downloaded over 20,000 times" counts occurrences; "2.5 times" is a ratio
        if m.unit in ("flop", "flop_per_s") and re.fullmatch(r"10\d{2}", raw):
            # Superscript powers flattened in the text layer: "10^26" arrives as "1026".
            m.value = float(10 ** int(raw[2:]))
    elif ZH_PERCENT_PREFIX_RE.search(sentence[: m.start]):
        m.unit = "percent"
        m.start -= 3
    prefix = PREFIX_CURRENCY_RE.search(sentence[: m.start])
    if prefix and (m.unit == "" or m.unit in CURRENCY_UNITS):
        cur = prefix["cur"].replace("U.S.", "US").replace(" ", "")
        m.unit = m.unit or PREFIX_CURRENCY_UNIT.get(cur, "usd")
        m.start = prefix.start()
        short = _SHORT_SCALE.match(sentence, pos) if not m.scale else None
        if short:
            # "£137m", "$1bn", "€10k": a glued letter after an amount of money is its scale.
            m.scale = short["s"]
            m.value *= _SHORT_SCALES[m.scale.lower()]
            pos = short.end()
    m.end = pos
    after = _QUALIFIER_SUFFIX.match(sentence, pos)
    if after and m.unit:
        m.qualifier_after = {"以上": "over", "左右": "about", "以下": "up to"}.get(after.group(1), "")
        m.end = after.end()


_FRAMEWORK_NOUNS = frozenset(EN_FRAMEWORK_NOUNS)
_OCCURRENCES = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|[1-9]\d{2,})$")  # a whole number of a hundred or more
_COMPARATIVE_AFTER = re.compile(
    r"\s+(?:more|less|larger|smaller|higher|lower|faster|greater|as|the|that)\b", re.I
)
_ACRONYM = re.compile(r"\s+[A-Z]{2,5}(?=\s)")
_MEASURED_UNITS = frozenset({"hours", "days", "tonnes", "kwh", "km"})
_IN_YEAR_AFTER = re.compile(r"\s+in\s+(?:1[89]|20)\d{2}\b(?!\s*[-\u2013])")
_SERIES = re.compile(
    r"(?<![\d.,])\d[\d,]*\s+in\s+(?:1[89]|20)\d{2}\s+(?:to|and)\s+\d[\d,]*\s+in\s+(?:1[89]|20)\d{2}\b"
)
_PER_CAPITA = re.compile(r"\s*(?:per capita|per person|per head|per inhabitant)\b", re.IGNORECASE)
_SHORT_SCALE = re.compile(r"(?P<s>[mMkK]|bn|tn)(?![A-Za-z])")
_SHORT_SCALES = {"m": 1e6, "k": 1e3, "bn": 1e9, "tn": 1e12}
_GLUED_COUNT_SCALE = re.compile(r"(?P<s>[kKmMBT]|tn)(?=\s)")  # "2b" is a figure panel, "2B" two billion
_GLUED_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12, "tn": 1e12}
_QUALIFIER_SUFFIX = re.compile(r"\s*(以上|左右|以下)")
_ZH_APPROX_INFIX = re.compile(r"\s*(多|余)")
# 成 after a numeral is tenths, unless it starts a word (成本 cost, 成员 member, 成为 become, 成果 result …).
_ZH_TENTHS = re.compile(r"成(?!本|员|为|果|立|熟|功|长|交|都|效|就|品|型|绩|分|了|像|年|套|批|片|份|规|色)")


def _read_count(sentence: str, m: Mention, raw: str) -> None:
    """Make a unitless number a count when a measure word, a plural noun or a scale word says so."""
    pos = m.end
    infix = _ZH_APPROX_INFIX.match(sentence, pos)
    if infix:
        pos = infix.end()
    mw = ZH_COUNT_RE.match(sentence, pos)
    numbered = (
        mw is not None
        and mw.group("mw") in ("条", "类")
        and bool(_ORDINAL_BEFORE.search(sentence[: m.start]))
    )
    if mw and not numbered and not (mw.group("mw") == "人" and not m.scale and not raw.isdigit()):
        m.unit, m.end = "count", mw.end()
        if infix:
            m.qualifier_after = "over"
        return
    integral = "." not in raw or bool(m.scale)
    np = _COUNT_NP.match(sentence, m.end)
    if np and plural_ok(np) and m.scale:
        m.count_np = np["np"]
    if np and integral and plural_ok(np):
        big_unseparated = not m.scale and "," not in raw and len(raw) >= 5
        if not big_unseparated and not _capitalised_label(sentence[: m.start]):
            m.unit, m.count_np = "count", np["np"]
            return
    members = CAPITALISED_COUNT_NP.match(sentence, m.end) if integral and m.start else None
    after_figure = bool(re.search(r"\d\s+$", sentence[: m.start]))  # "92 96 Point Estimates": a chart's ticks
    framework = bool(members) and members["head"].lower() in _FRAMEWORK_NOUNS
    if (
        members
        and plural_ok(members)
        and not (after_figure or framework or _capitalised_label(sentence[: m.start]))
    ):
        # "adopted by 193 Member States": a capitalised plural in running text names a body's members.
        m.unit, m.count_np = "count", members["np"]
        return
    if m.scale:
        m.unit = "count"
        return
    if _COMMA_GROUPED.match(raw) and _COUNT_VERB_BEFORE.search(sentence[: m.start]):
        m.unit = "count"
        return
    if raw.replace(",", "").isdigit() and _SERIES.search(sentence) and _IN_YEAR_AFTER.match(sentence, m.end):
        # "(1,410 in 2021 to 1882 in 2022)": whole numbers dated pairwise are levels of a counted series.
        m.unit = "count"
        m.notes.append("level")
        return
    m.bare = True


def _capitalised_label(before: str) -> bool:
    """True when the number follows a capitalised name ("Order 14110"), as ids do."""
    m = re.search(r"([A-Z][A-Za-z.]*)\s+$", before)
    return bool(m) and m.group(1) not in ("About", "Over", "Nearly", "Some", "Only", "Almost", "Around")


def _chinese_mention(sentence: str, match: re.Match[str]) -> Mention | None:
    """Read a Chinese-numeral quantity ("五次", "两倍", "百分之五", "三个百分点", "三万亿元")."""
    raw = match.group(0)
    value = parse_chinese_numeral(raw)
    start, pos = match.start(), match.end()
    prev = sentence[max(0, start - 1) : start]
    if value is None or prev in ("第", "每", "这", "那", "首", "再", "某", "几", ".") or prev.isdigit():
        return None
    m = Mention(start=start, end=pos, value=value, raw_number=raw)
    if ZH_PERCENT_PREFIX_RE.search(sentence[:start]):
        m.unit, m.start = "percent", start - 3
        return m
    scale = SCALE_RE.match(sentence, pos)
    if scale and scale.start() == pos:
        m.scale = scale["scale"]
        m.value *= SCALES[m.scale]
        pos = scale.end()
    tail = sentence[pos:]
    unit = SUFFIX_UNIT_RE.match(sentence, pos)
    if tail.startswith("倍"):
        m.unit, m.end = "times", pos + 1
    elif _ZH_TENTHS.match(tail) and not m.scale and value <= 10:
        # "近三成企业", "七成以上": 成 counts tenths, so three 成 are 30 percent.
        m.unit, m.end, m.value = "percent", pos + 1, value * 10
    elif tail.startswith("个百分点"):
        m.unit, m.end = "percentage_points", pos + 4
    elif tail.startswith("次") and raw not in ("一", "二") and value >= 2:
        m.unit, m.end = "count", pos + 1
    elif m.scale and unit and unit.start() == pos and unit_of(unit) in CURRENCY_UNITS:
        m.unit, m.end = unit_of(unit), unit.end()
    elif m.scale and ZH_COUNT_RE.match(sentence, pos):
        m.unit, m.end = "count", ZH_COUNT_RE.match(sentence, pos).end()
    else:
        return None
    return m


def _enclosed(sentence: str, start: int, end: int) -> bool:
    """True for citation markers and list labels: a number alone in brackets or parentheses."""
    left, right = sentence[start - 1 : start] if start else "", sentence[end : end + 1]
    return (left, right) in {
        ("[", "]"),
        ("(", ")"),
        ("\uff08", "\uff09"),
        ("\u3010", "\u3011"),
        ("\uff3b", "\uff3d"),
    }


def _year_like(raw: str) -> bool:
    """True for a bare four-digit number that reads as a calendar year."""
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100


def _merge_ranges_and_lists(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Join "1.2 to 3.4 billion" into one range and give list members ("5 and 7 percent") the shared unit."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b is not None and b.unit and (not a.unit or a.unit == b.unit):
            gap = sentence[a.end : b.start]
            before = sentence[: a.start]
            # "from 5% to 60%" prints two values; "from 15-35%" one range, whatever comes before it.
            dashed = gap.strip() in ("-", "\u2013", "\u2014", "~", "\uff5e", "\u301c")
            is_range = bool(_RANGE_GAP.match(gap)) and (dashed or not _FROM_BEFORE.search(before))
            # "between 4.5% and 15.5%" prints two quantities; "between 5 and 7 percent" one range.
            between = gap.strip() in ("and", "与") and bool(_BETWEEN_BEFORE.search(before))
            is_range = is_range or (between and not a.unit)
            if is_range and not _year_like(a.raw_number):
                low = a.value if a.scale or not b.scale else a.value * SCALES[b.scale.lower()]
                high = b.value
                if low < high:
                    merged = Mention(
                        start=a.start,
                        end=b.end,
                        value=(low + high) / 2,
                        raw_number=a.raw_number,
                        scale=b.scale,
                        unit=b.unit,
                        low=low,
                        high=high,
                        qualifier_after=b.qualifier_after,
                    )
                    out.append(merged)
                    i += 2
                    continue
        out.append(a)
        i += 1
    # Walk backwards so "1.2, 3.4 and 5.6 billion yuan" hands the unit down the whole list.
    for j in range(len(out) - 2, -1, -1):
        a, b = out[j], out[j + 1]
        gap = sentence[a.end : b.start]
        shared = LIST_GAP.match(gap) or (_RANGE_GAP.match(gap) and gap.strip() == "to")
        # "3 or 4 officers": an alternative count shares the noun that follows it.
        alternative = gap.strip() == "or" and b.unit == "count" and a.raw_number.isdigit()
        if (
            a.bare
            and b.unit
            and shared
            and (b.unit in ("percent", "percentage_points", "times") or b.scale or alternative)
        ):
            a.unit = b.unit
            if b.scale and not a.scale:
                a.scale = b.scale
                a.value *= SCALES[b.scale.lower()]
            a.hyphen_linked = False
            a.bare = False
    return out
