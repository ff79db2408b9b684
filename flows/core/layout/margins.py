"""Running headers, footers and page numbers: text repeated in the page margins."""

from __future__ import annotations

import re
from collections import Counter

from flows.core.layout.lines import Line
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings

_PAGE_NUMBER = re.compile(
    r"[\W_]*(?:page\s*|p\.\s*|第\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:/|of|页)\s*\d{1,4})?\s*(?:页)?[\W_]*",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def margin_key(text: str) -> str:
    """Normalise a margin line so that the same header on different pages compares equal."""
    return _DIGITS.sub("#", text.strip().lower())


def is_page_number(text: str) -> bool:
    """Return True for a bare page number such as "17", "— 17 —", "· 144 ·", "2/4" or "iv"."""
    return bool(_PAGE_NUMBER.fullmatch(text.strip()))


def _rows(lines: list[Line], s: LayoutSettings) -> list[list[Line]]:
    """Group lines whose vertical extents overlap into rows, top to bottom."""
    rows: list[list[Line]] = []
    bottom = -1e9
    for ln in sorted(lines, key=lambda x: x.top):
        if rows and ln.top < bottom - s.row_overlap_em * ln.size:
            rows[-1].append(ln)
            bottom = max(bottom, ln.bottom)
        else:
            rows.append([ln])
            bottom = ln.bottom
    return rows


def margin_candidates(
    pages: list[list[Line]], heights: list[float], s: LayoutSettings = DEFAULT_LAYOUT
) -> Counter[str]:
    """Count, over pages, the normalised texts of lines lying in the top or bottom margin zone."""
    counts: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        keys = {
            margin_key(ln.text)
            for ln in lines
            if ln.bottom < height * s.margin_share or ln.top > height * (1 - s.margin_share)
        }
        counts.update(keys)
    return counts


def strip_margins(
    lines: list[Line],
    height: float,
    repeated: Counter[str],
    page_count: int,
    s: LayoutSettings = DEFAULT_LAYOUT,
) -> list[Line]:
    """Drop the outermost rows of a page that are page numbers or repeat on other pages; return removed."""
    need = s.margin_min_repeats if page_count > 1 else 10**9

    def running(ln: Line) -> bool:
        return is_page_number(ln.text) or repeated[margin_key(ln.text)] >= need

    removed: list[Line] = []
    rows = _rows(lines, s)
    # Only rows reached from the page edge without crossing body text can be running heads, and a
    # running head stands apart: a repeated first line of body text runs straight on into the next.
    for ordered, inside in (
        (rows, lambda r: r[0].bottom < height * s.margin_share),
        (rows[::-1], lambda r: r[0].top > height * (1 - s.margin_share)),
    ):
        for k, row in enumerate(ordered):
            if not inside(row) or not all(running(ln) for ln in row):
                break
            if k + 1 < len(ordered) and not all(is_page_number(ln.text) for ln in row):
                nxt = ordered[k + 1]
                gap = max(nxt[0].top - row[0].bottom, row[0].top - nxt[0].bottom)
                if gap < s.running_head_gap_em * max(ln.size for ln in row):
                    break
            removed.extend(row)
    return removed
