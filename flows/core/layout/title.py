"""The title on the first pages: the block a learned scorer rates highest, whole across its lines.

The PDF's own metadata title picks the page block it agrees with; otherwise every run of same-type
paragraphs on the first two pages is scored by flows/core/layout/title_scorer.py (type size against the
body and the page, place, case, length, banners and labels). Without the model file the largest-type
eligible block wins, as it did before the scorer.
"""

from __future__ import annotations

import re

from flows.core.extractors.frontmatter.bodies import is_body_name
from flows.core.extractors.frontmatter.pdfmeta import agrees, squash
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.layout.title_scorer import (
    PAGES,
    Candidate,
    best_candidate,
    candidate_features,
    load_model,
)
from flows.core.model import Para
from flows.core.vocabulary import JOURNAL_BANNER, LABELS, NOT_A_TITLE, VOLUME_MARK, ZH_RED_HEADER, join_lines

_LETTER = re.compile(r"[^\W\d_]")


def _same_block(p: Para, q: Para, s: LayoutSettings) -> bool:
    """True when q continues p's large type: same page and size, just below, overlapping columns."""
    if p.page != q.page or abs(p.size - q.size) > s.title_block_size_share * p.size or p.bold != q.bold:
        return False
    last, first = p.lines[-1], q.lines[0]
    overlap = min(last.x1, first.x1) - max(last.x0, first.x0)
    return 0 <= first.top - last.bottom < s.title_block_gap_em * p.size and overlap > 0


def _groups(paras: list[Para], page: int, floor: float, s: LayoutSettings) -> list[list[int]]:
    """Runs of consecutive paragraphs on a page that are set in the same large type."""
    groups: list[list[int]] = []
    for i, p in enumerate(paras):
        if p.page != page or p.size < floor:
            continue
        if groups and groups[-1][-1] == i - 1 and _same_block(paras[i - 1], p, s):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _banner(text: str, banners: list[str]) -> bool:
    """True for a journal or series banner: its name pattern, or a part of a dated header line."""
    if JOURNAL_BANNER.search(text.strip()) and len(text.split()) <= 8:
        return True
    key = squash(text)
    return any(key in squash(b) and key != squash(b) and VOLUME_MARK.search(b) for b in banners)


def _eligible(text: str, banners: list[str], s: LayoutSettings = DEFAULT_LAYOUT) -> bool:
    """A block that may be a title: enough letters, not a label, body name, banner or document number."""
    letters = len(_LETTER.findall(text))
    if len(text.strip()) < s.title_min_chars or letters < s.title_min_letter_share * len(
        re.sub(r"\s", "", text)
    ):
        return False
    if LABELS.match(re.sub(r"\s+", " ", text.strip())) or is_body_name(text):
        return False  # an issuer's name on a cover is who published it, not what it is called
    if NOT_A_TITLE.match(text.strip()):
        return False  # a contents page or a numbered heading opens a section, it does not name the work
    if text.strip().endswith(("。", "；", "：")):
        return False  # a Chinese title never ends in a full stop: this is a sentence
    if ZH_RED_HEADER.match(text.strip()):
        return False  # a Chinese official document's red banner ("X人民政府文件") names its issuer
    return not _banner(text, banners)


def title_candidates(
    paras: list[Para],
    size: float,
    heights: list[float],
    banners: list[str],
    hint: str,
    zh: bool,
    s: LayoutSettings = DEFAULT_LAYOUT,
) -> tuple[list[Candidate], list[list[float]], list[bool]]:
    """Every same-type run of paragraphs on the first pages, its scorer features and whether it may be one."""
    first = paras[0].page
    candidates = [
        Candidate(tuple(g), join_lines([paras[i].text for i in g]))
        for page in range(first, first + PAGES)
        for g in _groups(paras, page, 0, s)
    ]
    hints = _hints(hint)
    agree = [any(agrees(c.text, h) for h in hints) for c in candidates]
    eligible = [_eligible(c.text, banners, s) for c in candidates]
    return candidates, candidate_features(paras, candidates, size, heights, zh, agree, s), eligible


def _hints(hint: str) -> list[str]:
    """The metadata title, and its headline alone: a web capture's is "Headline_Section_Site"."""
    return [h for h in dict.fromkeys([hint, re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", hint)[0]]) if h]


def _top_lines(paras: list[Para], heights: list[float], s: LayoutSettings = DEFAULT_LAYOUT) -> list[str]:
    """Lines at the very top of a page: where journals print their banners and citation lines."""
    top = s.title_banner_top_share
    return [p.text for p in paras if p.lines[0].top < top * heights[p.page - 1] and len(p.text) < 200]


def choose_title(
    paras: list[Para],
    size: float,
    heights: list[float],
    banners: list[str],
    hint: str = "",
    s: LayoutSettings = DEFAULT_LAYOUT,
    zh: bool = False,
) -> int | None:
    """Pick the title block on the first pages, merge its lines into one paragraph, return its index."""
    if not paras:
        return None
    page = paras[0].page
    floor = size * s.title_hint_size_ratio
    texts = {tuple(g): join_lines([paras[i].text for i in g]) for g in _groups(paras, page, floor, s)}
    banners = banners + _top_lines(paras, heights, s)
    chosen: list[int] | None = None
    for h in _hints(hint):
        chosen = next((list(g) for g, t in texts.items() if agrees(t, h) and _eligible(t, [], s)), None)
        if chosen:
            break
    model = load_model()
    if chosen is None and model is not None:
        candidates, features, eligible = title_candidates(paras, size, heights, banners, hint, zh, s)
        probabilities = [model.probability(f) for f in features]
        best = best_candidate(probabilities, eligible, s.title_min_probability_share)
        if best is None:
            return None
        chosen = list(candidates[best].indices)
    elif chosen is None:
        large = [
            g
            for g, t in texts.items()
            if paras[g[0]].size >= size * s.title_size_ratio and _eligible(t, banners, s)
        ]
        if not large:
            return None
        # Largest type wins; among sizes within 5 % the longer text (a label is short, a title is not).
        best_size = max(paras[g[0]].size for g in large)
        tied = [g for g in large if paras[g[0]].size >= s.title_tie_size_share * best_size]
        chosen = list(max(tied, key=lambda g: (len(texts[g]), -g[0])))
    head = paras[chosen[0]]
    if len(chosen) > 1:
        head.lines = [ln for i in chosen for ln in paras[i].lines]
        head.text = join_lines([paras[i].text for i in chosen])
        head.citations = [c for i in chosen for c in paras[i].citations]
        for i in reversed(chosen[1:]):
            del paras[i]
    return chosen[0]


def title_among(texts: list[str]) -> int:
    """Index of the first text that may be a title, for pages read without font sizes (OCR), else 0."""
    return next((i for i, text in enumerate(texts) if _eligible(text, [])), 0)
