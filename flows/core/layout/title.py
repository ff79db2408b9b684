"""The title on the first page: the largest-font block near the top, whole across its lines.

Journal banners, article-type labels and document numbers set in large type are passed over, and
the PDF's own metadata title is used only to pick the page block it agrees with.
"""

from __future__ import annotations

import re

from flows.core.bodies import is_body_name
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.model import Para
from flows.core.pdfmeta import agrees, squash
from flows.core.vocabulary import JOURNAL_BANNER, LABELS, VOLUME_MARK, join_lines

_LETTER = re.compile(r"[^\W\d_]")


def _same_block(p: Para, q: Para) -> bool:
    """True when q continues p's large type: same page and size, just below, overlapping columns."""
    if p.page != q.page or abs(p.size - q.size) > 0.05 * p.size or p.bold != q.bold:
        return False
    last, first = p.lines[-1], q.lines[0]
    overlap = min(last.x1, first.x1) - max(last.x0, first.x0)
    return 0 <= first.top - last.bottom < 1.2 * p.size and overlap > 0


def _groups(paras: list[Para], page: int, floor: float) -> list[list[int]]:
    """Runs of consecutive paragraphs on a page that are set in the same large type."""
    groups: list[list[int]] = []
    for i, p in enumerate(paras):
        if p.page != page or p.size < floor:
            continue
        if groups and groups[-1][-1] == i - 1 and _same_block(paras[i - 1], p):
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
    if len(text.strip()) < s.title_min_chars or letters < 0.5 * len(re.sub(r"\s", "", text)):
        return False
    if LABELS.match(re.sub(r"\s+", " ", text.strip())) or is_body_name(text):
        return False  # an issuer's name on a cover is who published it, not what it is called
    return not _banner(text, banners)


def choose_title(
    paras: list[Para],
    size: float,
    heights: list[float],
    banners: list[str],
    hint: str = "",
    s: LayoutSettings = DEFAULT_LAYOUT,
) -> int | None:
    """Pick the title block on the first page, merge its lines into one paragraph, return its index."""
    if not paras:
        return None
    page = paras[0].page
    texts = {tuple(g): join_lines([paras[i].text for i in g]) for g in _groups(paras, page, size * 1.0)}
    # Lines at the very top of a page are where journals print their banners and citation lines.
    top_lines = [p.text for p in paras if p.lines[0].top < 0.1 * heights[p.page - 1] and len(p.text) < 200]
    banners = banners + top_lines
    chosen: list[int] | None = None
    # A web capture's metadata title is "Headline_Section_Site" or "Headline | Site": try the headline too.
    hints = [h for h in dict.fromkeys([hint, re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", hint)[0]]) if h]
    for h in hints:
        chosen = next((list(g) for g, t in texts.items() if agrees(t, h) and _eligible(t, [], s)), None)
        if chosen:
            break
    if chosen is None:
        large = [
            g
            for g, t in texts.items()
            if paras[g[0]].size >= size * s.title_size_ratio and _eligible(t, banners, s)
        ]
        if not large:
            return None
        # Largest type wins; among sizes within 5 % the longer text (a label is short, a title is not).
        best = max(paras[g[0]].size for g in large)
        tied = [g for g in large if paras[g[0]].size >= 0.95 * best]
        chosen = list(max(tied, key=lambda g: (len(texts[g]), -g[0])))
    head = paras[chosen[0]]
    if len(chosen) > 1:
        head.lines = [ln for i in chosen for ln in paras[i].lines]
        head.text = texts[tuple(chosen)]
        head.citations = [c for i in chosen for c in paras[i].citations]
        for i in reversed(chosen[1:]):
            del paras[i]
    return chosen[0]


def title_among(texts: list[str]) -> int:
    """Index of the first text that may be a title, for pages read without font sizes (OCR), else 0."""
    return next((i for i, text in enumerate(texts) if _eligible(text, [])), 0)
