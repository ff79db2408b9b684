"""Numbered headings that are recommendations themselves ("1. Establish Integral Digital Governance").

A memorandum or guideline may number its requirements as headings with no recommendations heading above
them. Whether a heading states an action is scored from measured features (its first word, its length,
the obligations in the text under it, the genre of the document) by a logistic model trained on the
benchmark's dev and shared documents (tests/benchmarks/train_recommendation_headings.py, weights in
heading_scorer.json); a run of
numbered sibling headings 1, 2, 3, … is taken when its headings' mean probability reaches the threshold.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from flows.core.extractors.cues import (
    EN_ACTION_VERBS,
    EN_OBLIGATION,
    ZH_TASK_VERBS,
)
from flows.core.extractors.recommendations.labels import EN_VERBS, label_number, parse_label
from flows.core.extractors.recommendations.sections import heading_rank
from flows.core.model import Block, Para
from flows.core.vocabulary import BACK_MATTER_START, CONCLUSION_HEADING, has_han

MODEL = Path(__file__).with_name("heading_scorer.json")
# Block kinds that only a scholarly paper has (its front matter and reference list).
_SCHOLARLY_KINDS = ("abstract", "keywords", "reference", "affiliation", "author")
_VERBS = frozenset(EN_VERBS) | frozenset(EN_ACTION_VERBS)
_OBLIGATION = re.compile(rf"{EN_OBLIGATION}|应当|必须|要|应", re.I)
_STYLES = ("num_dot", "zh_top", "num_dot_zh", "zh_paren")
MIN_SERIES = 3  # two numbered headings are a pair, not a list


def scholarly(blocks: Sequence[Block]) -> float:
    """Share of a paper's own block kinds (abstract, keywords, references, …) the document has."""
    kinds = {b.kind for b in blocks}
    return sum(k in kinds for k in _SCHOLARLY_KINDS) / len(_SCHOLARLY_KINDS)


def section_end(paras: Sequence[Para], i: int) -> int:
    """Index after the last paragraph of heading i's section (up to the next heading of its rank or above)."""
    rank = heading_rank(paras[i])
    j = i + 1
    while j < len(paras) and not (paras[j].kind == "heading" and heading_rank(paras[j]) <= rank):
        j += 1
    return j


def features(paras: Sequence[Para], i: int, paper: float) -> dict[str, float]:
    """The measured features of heading i: its wording and label, the text under it, the document."""
    para = paras[i]
    label = parse_label(para.text)
    title = (label[2] if label else para.text).strip()
    words = title.split()
    first = words[0].lower().strip(",:") if words else ""
    body = [p.text for p in paras[i + 1 : section_end(paras, i)] if p.kind != "heading"]
    zh = has_han(title)
    return {
        "imperative": float(title.startswith(ZH_TASK_VERBS) if zh else first in _VERBS),
        "gerund": float(not zh and first.endswith("ing") and len(first) > 5),
        "length": min(len(title) / 40 if zh else len(words) / 12, 2.0),
        "full_stop": float(title.endswith((".", "。"))),
        "obligations": sum(bool(_OBLIGATION.search(t)) for t in body) / max(len(body), 1),
        "closing": float(bool(CONCLUSION_HEADING.search(title) or BACK_MATTER_START.match(title))),
        "paper": paper,
    }


@cache
def _model() -> tuple[tuple[str, ...], tuple[float, ...], float, float, float]:
    """The trained model: feature names, weights, intercept, and the thresholds for a run of headings."""
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return (
        tuple(data["features"]),
        tuple(data["weights"]),
        float(data["intercept"]),
        float(data["threshold"]),
        float(data["fallback_threshold"]),
    )


def action_probability(values: dict[str, float]) -> float:
    """The model's probability that a heading with these features states an action."""
    names, weights, intercept = _model()[:3]
    z = intercept + sum(w * values[n] for n, w in zip(names, weights, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def heading_series(paras: Sequence[Para], free: Sequence[bool]) -> list[list[int]]:
    """Runs of numbered sibling headings (1., 2., 3., …) outside any section already read."""
    runs: dict[tuple[str, int], list[list[int]]] = {}
    for i, para in enumerate(paras):
        label = parse_label(para.text) if para.kind == "heading" and free[i] else None
        if label is None or label[0] not in _STYLES or not label[2].strip():
            continue
        depth = label[1].rstrip(".").count(".")
        number = label_number(label[1].rstrip(".").rsplit(".", 1)[-1])
        if number is None:
            continue
        lists = runs.setdefault((label[0], depth), [])
        if number == 1:
            lists.append([i])
        elif lists and label_number(_last_number(paras[lists[-1][-1]])) == number - 1:
            lists[-1].append(i)
    return [run for group in runs.values() for run in group if len(run) >= MIN_SERIES]


def _last_number(para: Para) -> str:
    """The last component of a heading's number ("2.3" → "3")."""
    label = parse_label(para.text)
    return label[1].rstrip(".").rsplit(".", 1)[-1] if label else ""


def action_series(
    paras: Sequence[Para], free: Sequence[bool], paper: float, fallback: bool = False
) -> list[list[int]]:
    """The numbered heading runs whose headings the model scores as actions on average.

    A run well above the boundary is taken first; one just above it (noun headings over "should" text,
    as in principles and guidelines) only when the document yields no other recommendations (fallback).
    """
    threshold = _model()[4 if fallback else 3]
    accepted = []
    for run in heading_series(paras, free):
        scores = [action_probability(features(paras, i, paper)) for i in run]
        if sum(scores) / len(scores) >= threshold:
            accepted.append(run)
    return accepted
