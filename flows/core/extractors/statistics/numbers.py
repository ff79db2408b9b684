"""Number, scale and unit vocabulary shared by the statistics extractor (English and Chinese)."""

from __future__ import annotations

import re

from flows.core.extractors.statistics.currencies import CURRENCIES, currency_pattern, prefix_pattern
from flows.core.vocabulary import ZH_DIGITS, ZH_NUMERAL_CHARS

# Full-width digits, percent, point, slash and minus map one-to-one, so offsets survive the translation.
_FULLWIDTH = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {"\uff05": "%", "\uff0e": ".", "\uff0f": "/", "\uff0d": "\u2212"}
)

# Thousands grouped by commas ("1,525"), by spaces before a scale or unit ("6 985 亿美元"), decimal
# commas before a scale word ("EUR 1,5 billion"), and plain numbers.
_SPACE_GROUPED_BEFORE = (
    r"(?=\s*(?:[\u4e00-\u9fff%]|(?:hundred|thousand|million|billion|trillion|bn|mn|percent|per cent)\b))"
)
ARABIC = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    rf"|\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?:\.\d+)?{_SPACE_GROUPED_BEFORE}"
    r"|\d+,\d{1,2}(?=\s*(?:thousand|million|billion|trillion|bn|mn|mln)\b)"
    r"|\d+(?:\.\d+)?"
)
ZH_NUMERAL = re.compile(rf"[{ZH_NUMERAL_CHARS}]+(?:点[〇{ZH_DIGITS}]+)?")

_ZH_DIGIT_VALUE = {c: i for i, c in enumerate(ZH_DIGITS)} | {"〇": 0, "两": 2}
_ZH_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}

# Scale words as printed after a number; longest alternatives first so 万亿 wins over 万.
SCALES: dict[str, float] = {
    "hundred million": 1e8,
    "ten thousand": 1e4,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    # Indian scales, as Indian banks and ministries print amounts ("Rs.1 crore", "Rs 50 lakh").
    "crore": 1e7,
    "crores": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
}
SCALE_RE = re.compile(
    r"\s*(?P<scale>hundred million|ten thousand|thousand|million|billion|trillion|bn|mn|mln|crores?|lakhs?"
    r"|万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千(?![米克瓦兆]))(?![A-Za-z])",
    re.IGNORECASE,
)

# 年 after a small number is a span ("不超过3年", "5年以上"), not a date, a look-back (5年来) or a plan's name
# ("3年行动计划").
ZH_YEARS_SPAN = r"年(?!度|级|代|底|末|初|份|龄|轻|会|报|鉴|终|货|薪|检|审|来|行动|计划|规划|工作|\d)"

# Units printed after the number (and after any scale word), mapped to the controlled vocabulary.
# Order matters: percentage points before percent, 亿美元 style currencies before bare 元.
_SUFFIX_UNITS: list[tuple[str, str]] = [
    ("percentage_points", r"percentage[- ]points?|个百分点|p\.p\.|pp\b|ppts?\b|pct\.? pts?"),
    ("percent", r"%|percent\b|per cent\b|pct\b"),
    # Basis points keep their printed value under "points" ("25 bp" is 25 points, as an index moves in
    # points).
    ("points", r"points\b|index points?\b|basis[- ]points?\b|bps?\b"),
    ("times", r"times\b|倍|-?fold\b"),
    ("currency", currency_pattern()),
    (
        "flop_per_s",
        r"(?:integer or )?floating[- ]point operations per second|(?:integer )?operations per second"
        r"|FLOP/s|FLOPS\b",
    ),
    ("flop", r"(?:integer or )?floating[- ]point operations|FLOPs?\b"),
    ("gbit_per_s", r"Gbit/s|Gbps\b|Gb/s|gigabits? per second|吉比特\s*(?:/|每)\s*秒"),
    ("mbit_per_s", r"Mbit/s|Mbps\b|Mb/s|megabits? per second|兆比特\s*(?:/|每)\s*秒"),
    ("tbit_per_s", r"Tbit/s|Tbps\b|terabits? per second|太比特\s*(?:/|每)\s*秒"),
    ("days", r"days?\b|(?:working|business|calendar)\s+days?\b|个?工作日|天(?![然下])"),
    ("months", r"months?\b|个月"),
    ("years", r"years?\b(?![- ]old)|" + ZH_YEARS_SPAN),
    ("hours", r"hours?\b|小时|(?:GPU\s*)?卡时"),  # 卡时: card-hours, the unit of compute vouchers (算力券)
    ("km", r"kilometres?\b|kilometers?\b|km\b|公里|千米"),
    ("tonnes", r"tonnes?\b|tons?\b|吨"),
    ("kwh", r"kWh\b|kilowatt[- ]hours?\b|千瓦时|度电"),
    ("gw", r"GW\b|gigawatts?\b|吉瓦"),
    ("mw", r"MW\b|megawatts?\b|兆瓦"),
]
SUFFIX_UNIT_RE = re.compile(
    r"\s*(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _SUFFIX_UNITS) + ")",
    re.IGNORECASE,
)
# Currency symbols and ISO codes printed before the number ("SEK 675 million", "HK$3", "£1").
PREFIX_CURRENCY_RE = re.compile(rf"(?P<cur>{prefix_pattern()})\s?$")
PREFIX_CURRENCY_UNIT = {form: c.unit for c in CURRENCIES for form in c.prefixes}
UNITS: tuple[str, ...] = tuple(
    dict.fromkeys(
        ["count", *(name for name, _ in _SUFFIX_UNITS if name != "currency"), *(c.unit for c in CURRENCIES)]
    )
)
"""The controlled unit vocabulary (GX and dbt accept exactly these; tests/test_contract.py checks)."""
CURRENCY_UNITS = frozenset(c.unit for c in CURRENCIES)
ZH_PERCENT_PREFIX_RE = re.compile(r"百分之$")

# Chinese measure words that make a bare number a count ("1525家", "419.1万个", "50场", "3900起"); 位 before a
# key or an integer counts bits, not people ("256位对称密钥").
ZH_COUNT_RE = re.compile(
    r"\s*(?P<mw>家|个(?!百分点|月)|项|件|名|人(?!民|工|才|类)|台|座|所|辆|户|种|套|只|篇|部(?!门)|批"
    r"|位(?!密钥|对称|非对称|二进制|整数|素数|随机|哈希|数|宽|长|精度|的)"
    r"|条(?!例|款|件|约|令|线|形|文)|类(?!型|似|别|人|标准)"
    r"|颗|张|幅|枚|架|艘|处|份|款|栋|国(?!家|际|内|外|务|企|有|产|民|集团|之)|场(?!景|所|地|馆|站|次|合|面|域|类)"
    r"|起(?!来|步|草|点|到|始|源|诉|码))"
)


def normalise_digits(text: str) -> str:
    """Map full-width digits and percent signs to ASCII without changing string length."""
    return text.translate(_FULLWIDTH)


def parse_arabic(raw: str) -> float:
    """Parse an Arabic-numeral token such as "1,525", "6 985", "4.191" or the decimal comma "1,5"."""
    digits = re.sub(r"[ \u00a0\u202f]", "", raw)
    if re.fullmatch(r"\d+,\d{1,2}", digits):
        return float(digits.replace(",", "."))
    return float(digits.replace(",", ""))


def parse_chinese_numeral(raw: str) -> float | None:
    """Parse a Chinese numeral below ten thousand ("五", "两", "二十三", "一百零五", "三点五")."""
    if not raw:
        return None
    whole, _, frac = raw.partition("点")
    total = 0
    current = 0
    for ch in whole:
        if ch in _ZH_DIGIT_VALUE:
            current = _ZH_DIGIT_VALUE[ch]
        elif ch in _ZH_UNIT_VALUE:
            # A bare 十 means ten ("十五" = 15), so an empty multiplicand counts as one.
            total += (current or 1) * _ZH_UNIT_VALUE[ch]
            current = 0
        else:
            return None
    total += current
    if frac:
        digits = "".join(str(_ZH_DIGIT_VALUE[c]) for c in frac if c in _ZH_DIGIT_VALUE)
        return float(f"{total}.{digits}") if digits else float(total)
    return float(total)


def unit_of(match: re.Match[str]) -> str:
    """Return the controlled-vocabulary unit name of a SUFFIX_UNIT_RE match."""
    name = next(name for name, value in match.groupdict().items() if value is not None)
    return currency_unit(match["currency"]) if name == "currency" else name


def currency_unit(printed: str) -> str:
    """Return the unit of a printed currency word, code or symbol ("亿美元" has 美元: usd)."""
    key = " ".join(printed.split())
    return _CURRENCY_BY_FORM.get(key) or _CURRENCY_BY_FORM.get(key.lower(), "")


_CURRENCY_BY_FORM = {form: c.unit for c in CURRENCIES for form in c.suffixes} | {
    form.lower(): c.unit for c in CURRENCIES for form in c.suffixes if not form.isupper()
}
