"""Numbers that look like quantities but describe a method, a name or a horizon, not the world."""

from __future__ import annotations

import re
from typing import Protocol

# Significance and confidence levels: "at the 1% level", "levels of 1%, 5% and 10%", "95% confidence".
_SIGNIFICANCE_NEAR = re.compile(
    r"significan\w*|confidence|显著|置信|p\s*[<>=\u2264\u2265]|p-values?", re.IGNORECASE
)
# …also as the first members of a list that shares the noun: "the 1 percent and 5 percent levels".
_LEVEL_AFTER = re.compile(
    r"^(?:\s*(?:,|and|or|、|和)\s*\d+(?:\.\d+)?\s*(?:%|percent|per cent))*"
    r"\s*(?:significance\s+|confidence\s+)?(?:levels?|intervals?)\b|^\s*(?:的)?(?:显著性)?水平"
)
# The values significance and confidence are set at; any other share near "significant" is a finding
# ("a significant—but partial—share of their workload (25-50%)").
_CONVENTIONAL_LEVELS = frozenset({0.1, 1.0, 5.0, 10.0, 90.0, 95.0, 99.0, 99.9})
# Model output and method vocabulary: a percent in the same clause is an estimate, not an observed fact.
# Chinese 回归 alone also means "return" (香港回归) and 系数 alone names indices, so both need a model word.
_MODEL_WORDS = re.compile(
    r"\b(?:coefficients?|regressions?|mediating effects?|elasticit(?:y|ies)|t-values?|t-statistics?"
    r"|standard errors?|estimated effects?|marginal effects?|intermediary effects?)\b"
    r"|回归(?:结果|系数|分析|模型|方程|估计)|(?:估计|影响|弹性|交互项)系数|中介效应",
    re.IGNORECASE,
)
# Descriptive indices that are called coefficients are observed facts ("恩格尔系数为30.5%").
_INDEX_COEFFICIENT = re.compile(r"\b(?:Gini|Engel)\s+coefficients?\b|基尼系数|恩格尔系数", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;，；。]\s")
# "δ = 9.6%", "p < 0.05", "R² = 0.83": a number after a relation sign is a parameter or test value.
_RELATION_BEFORE = re.compile(r"[=<>\u2264\u2265\u2248]\s*$")
# A number opening a quoted name ("'100 Days Mission'") is part of the name.
_OPEN_QUOTE_BEFORE = re.compile(r"[\u2018\u201c\"'\u300c\u300e]\s*$")
# Planning horizons and look-backs: "未来10年", "over the next 10 years", "in the past 5 years".
_HORIZON_BEFORE = re.compile(
    r"(?:未来|今后|近|过去|(?:\b(?:the|next|coming|past|last|following|first|recent))\s*)$", re.IGNORECASE
)
# "a set of 9 basic principles": the size of a framework, not a measured quantity.
_COMPOSITION_BEFORE = re.compile(r"\b(?:set|list|series|pair|couple)\s+of\s*$", re.IGNORECASE)
# Rank denominators ("50th out of 131 countries"), rate denominators ("per 10,000 people") and the
# sample a method uses ("panel data from 30 provinces", "this study examines 31 provinces").
_FRAME_BEFORE = re.compile(
    r"\b(?:out of|per|panel data (?:from|of|for|on)|sample of|samples? (?:from|of)"
    r"|samples?\s+(?:consists?\s+of|comprises?|includes?|contains?|covers?)|surveys?\s+of|surveyed)\s*$",
    re.IGNORECASE,
)
# The make-up of the paper's own method: "3 second-level indicators", "从四个维度", "12 variables".
_METHOD_NOUN_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s+){0,2}(?:indicators?|dimensions?|variables?|sub-indices|sub-indexes|hypothes[ie]s|items"
    r"|equations|specifications|proxies|passes|cycles|iterations|runs|replicates|epochs|repetitions)\b|^\s*(?:个)?(?:维度|指标|变量|方面|层面|一级指标|二级指标|三级指标)"
)
# The form of a submission, not a fact: "not to exceed 10 pages", "2 pages", "12 point font".
_FORMAT_AFTER = re.compile(
    r"^\s*(?:pages?|point\s+font|pt\s+font|font\s+size|characters|slides)\b", re.IGNORECASE
)
# "one in five firms" is a ratio, not five firms.
_ONE_IN_BEFORE = re.compile(r"\b(?:one|1|two|2|three|3)\s+(?:in|out\s+of)\s+$", re.IGNORECASE)
# "in any 12 month period", "a 30-day window": the span a figure is counted over.
_WINDOW_AFTER = re.compile(r"^\s*(?:period|window|rolling|moving)\b", re.IGNORECASE)
# "假设当一个用户任务需要…CPU空闲率为30%的节点": a supposed case in a worked example, not a finding.
_ZH_SUPPOSED_BEFORE = re.compile(r"(?:假设|假定|假如|设想)[^。.！？!?；;]*$")
# "@ 6.5% p.a." in a worked illustration: an assumed rate.
_AT_RATE_BEFORE = re.compile(r"@\s*$")
# "The data from 2009 to 2018 in the 15 advanced economies of the EU show …": a sample, before the verb.
_SAMPLE_CLAUSE = re.compile(
    r"\b(?:data|samples?|panel)\s+(?:from|of|on|for|in|covering)\b(?:(?!\b(?:show|shows|showed|indicate|indicates"
    r"|reveal|reveals|suggest|suggests|is|are|was|were|reached)\b)[^;])*$",
    re.IGNORECASE,
)
# "This study selects the number of confirmed cases in 31 provinces as the explanatory variable."
_METHOD_SENTENCE = re.compile(
    r"\b(?:this|the|our)\s+(?:study|paper|article|research|analysis)\s+(?:selects?|uses?|examines?|takes?"
    r"|chooses?|covers?|employs?|adopts?|examines?)\b|\bwe\s+(?:select|selected|examine|examined|choose|chose)\b"
    r"|\b(?:explanatory|dependent|control|independent)\s+variables?\b",
    re.IGNORECASE,
)
# A figure opening a "sentence" of capitalised labels ("19% Rural areas More active role …") is a chart label.
_LABEL_AFTER = re.compile(r"^\s+[A-Z][a-z]+\s+[a-z]+\s+[A-Z]")
_RELATIVE_UNITS = frozenset({"percent", "percentage_points"})
_DURATIONS = frozenset({"months", "days", "hours"})
_WINDOW_UNITS = frozenset({"years", "months", "days", "hours"})
_WINDOW_BEFORE = re.compile(
    r"(?:未来|今后|近|过去|\b(?:next|coming|past|last|following|recent|previous|preceding)\s*)$",
    re.IGNORECASE,
)


class _Span(Protocol):
    """What the exclusions read of a mention: its span and unit."""

    start: int
    end: int
    unit: str
    value: float
    low: float | None
    high: float | None


def not_a_quantity(sentence: str, m: _Span) -> bool:
    """True when a resolved mention is a significance level, a model estimate, a parameter or a horizon."""
    before, after = sentence[: m.start], sentence[m.end :]
    if _RELATION_BEFORE.search(before) or _OPEN_QUOTE_BEFORE.search(before) or _AT_RATE_BEFORE.search(before):
        return True
    if _FORMAT_AFTER.match(after) or _ONE_IN_BEFORE.search(before) or _ZH_SUPPOSED_BEFORE.search(before):
        return True
    if m.unit in _WINDOW_UNITS and _WINDOW_AFTER.match(after):
        return True
    if m.unit in _RELATIVE_UNITS:
        if _LEVEL_AFTER.match(after):
            return True
        near = _SIGNIFICANCE_NEAR.search(before[-60:] + after[:30])
        if near and _conventional(m):
            return True
        if _MODEL_WORDS.search(_INDEX_COEFFICIENT.sub("", _clause(sentence, m))):
            return True
    if m.start == 0 and _LABEL_AFTER.match(after):
        return True
    if m.unit == "count" and (
        _COMPOSITION_BEFORE.search(before)
        or _FRAME_BEFORE.search(before)
        or _METHOD_NOUN_AFTER.match(after)
        or _SAMPLE_CLAUSE.search(before)
        or _METHOD_SENTENCE.search(sentence)
    ):
        return True
    if m.unit == "years":
        return bool(_HORIZON_BEFORE.search(before))
    # "over the past twelve months" is a window; "the 30 working day standard" is a statistic.
    return m.unit in _DURATIONS and bool(_WINDOW_BEFORE.search(before))


def _conventional(m: _Span) -> bool:
    """True when a share, or both ends of a range of shares, is a conventional significance level."""
    values = [m.value] if m.low is None else [m.low, m.high]
    return all(v in _CONVENTIONAL_LEVELS for v in values)


def _clause(sentence: str, m: _Span) -> str:
    """The clause holding a mention: the text between the punctuation breaks around it."""
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(sentence, 0, m.start)]
    after = _CLAUSE_BREAK.search(sentence, m.end)
    return sentence[breaks[-1] if breaks else 0 : after.start() if after else len(sentence)]
