"""A learned title scorer: which block of the first pages is the document's title, from measured features.

Hand rules for the title (largest type wins, unless it is a banner, a label, an issuer, a series name...)
kept growing with every new kind of cover. Instead each candidate block (a run of paragraphs in the same
type on the first two pages) is described by features a reader uses — its type size against the body and
against the other sizes on the page, weight, place on the page, case, length, whether it reads like a
sentence, a label or a banner — and a logistic regression trained on the benchmark's dev documents and the
developers' set (tests/benchmarks/train_title_scorer.py, never on unseen) weighs them. The weights ship as
``title_model.json``; scoring is a dot product, so scikit-learn is needed only to train.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.model import Para
from flows.core.vocabulary import HAN_BASIC_CLASS, SENTENCE_OPENERS

MODEL_FILE = Path(__file__).with_name("title_model.json")
PAGES = 2  # the title is on the first page with text, or the next (a cover with a picture, a JSTOR sheet)
_LETTER = re.compile(r"[^\W\d_]")
_CJK = re.compile(HAN_BASIC_CLASS)
# Lines that label the front matter rather than name the work: "Author(s):", "Source:", "Working Paper 30957".
_FRONT_LABEL = re.compile(
    r"\b(?:author\(s\)|source|published by|stable url|working paper(?: series| no\.?)?\s*\d*|"
    r"discussion series|doi)\s*[:：]?",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b(?:19|20)\d\d\b|\d{1,2}月\d{1,2}日|年\d{1,2}月")

FEATURES = (
    "size_ratio",  # candidate size / body size
    "is_largest",  # set in the page's largest type
    "size_rank_inv",  # 1 / (1 + rank of its size among the page's sizes, largest first)
    "bold",
    "top_share",  # first line's top / page height
    "second_page",
    "order_share",  # its place among the page's paragraphs (0 first)
    "upper_share",  # upper-case share of its letters
    "log_chars",
    "lines",
    "ends_with_stop",  # a sentence, not a title (a Chinese one ends in 。 however short)
    "front_label",  # "Author(s):", "Source:", "Working Paper 123"
    "has_date",
    "cjk_share",
    "language_match",  # CJK text in a Chinese document, Latin text in an English one
    "agrees_hint",  # agrees with the file's metadata title
    "sentence_opener",
    "colon_inside",
    "digit_share",
)


@dataclass(frozen=True)
class Candidate:
    """A run of consecutive paragraphs in the same type: the indices and their joined text."""

    indices: tuple[int, ...]
    text: str


@dataclass(frozen=True)
class TitleModel:
    """Logistic-regression weights over standardised features."""

    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def probability(self, features: list[float]) -> float:
        """The model's probability that a candidate with these features is the title."""
        z = self.bias + sum(
            w * (x - m) / s
            for w, x, m, s in zip(self.weights, features, self.means, self.scales, strict=True)
        )
        return 1 / (1 + math.exp(-max(-30, min(30, z))))  # z clamped so that exp cannot overflow


@cache
def load_model(path: Path = MODEL_FILE) -> TitleModel | None:
    """The shipped weights, or None when the file is absent or was trained on other features."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None
    return TitleModel(
        tuple(data["means"]), tuple(data["scales"]), tuple(data["weights"]), float(data["bias"])
    )


def candidate_features(
    paras: list[Para],
    candidates: list[Candidate],
    size: float,
    heights: list[float],
    zh: bool,
    hint_agrees: list[bool],
    s: LayoutSettings = DEFAULT_LAYOUT,
) -> list[list[float]]:
    """The feature vector of each candidate, in FEATURES order."""
    first = paras[0].page
    sizes_by_page: dict[int, list[float]] = {}
    order_by_page: dict[int, list[int]] = {}
    for i, p in enumerate(paras):
        if p.page < first + PAGES:
            sizes_by_page.setdefault(p.page, []).append(round(p.size, 1))
            order_by_page.setdefault(p.page, []).append(i)
    rows = []
    for c, agrees_hint in zip(candidates, hint_agrees, strict=True):
        head = paras[c.indices[0]]
        sizes = sorted(set(sizes_by_page[head.page]), reverse=True)
        rank = sizes.index(round(head.size, 1))
        text = c.text.strip()
        letters = _LETTER.findall(text)
        cjk = len(_CJK.findall(text))
        cjk_share = cjk / max(len(re.sub(r"\s", "", text)), 1)
        order = order_by_page[head.page]
        rows.append(
            [
                head.size / max(size, 1e-6),
                float(rank == 0),
                1 / (1 + rank),
                float(head.bold),
                head.lines[0].top / max(heights[head.page - 1], 1),
                float(head.page > first),
                order.index(c.indices[0]) / max(len(order), 1),
                sum(ch.isupper() for ch in letters) / max(len(letters), 1),
                math.log1p(len(text)),
                float(sum(len(paras[i].lines) for i in c.indices)),
                float(text.endswith(("。", "；")) or (text.endswith(".") and len(text) > 60)),
                float(bool(_FRONT_LABEL.search(text))),
                float(bool(_DATE.search(text))),
                cjk_share,
                float((cjk_share > s.title_cjk_share) == zh),
                float(agrees_hint),
                float(text.split(" ", 1)[0] in SENTENCE_OPENERS),
                float(":" in text[:-1] or "：" in text[:-1]),
                sum(ch.isdigit() for ch in text) / max(len(text), 1),
            ]
        )
    return rows


def best_candidate(probabilities: list[float], eligible: list[bool], floor: float) -> int | None:
    """Index of the most probable eligible candidate, or None when none reaches the floor."""
    allowed = [i for i, ok in enumerate(eligible) if ok]
    if not allowed:
        return None
    best = max(allowed, key=lambda i: (probabilities[i], -i))
    return best if probabilities[best] >= floor else None
