"""Characters to text lines: de-duplication, baseline clustering, superscript citation markers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pdfminer.layout import LTChar, LTContainer

from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.vocabulary import is_cjk

if TYPE_CHECKING:
    import pdfplumber

# Codes that the PDF spec's WinAnsiEncoding renders as a bullet; pdfminer reports them as (cid:N).
_WINANSI_BULLETS = {"(cid:127)", "(cid:129)", "(cid:141)", "(cid:143)", "(cid:157)"}
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ft", "ﬆ": "st"}
# Closing punctuation never takes a space before it, even where a removed superscript left a gap.
_NO_SPACE_BEFORE = set(",.;:!?)]}，。；：！？）、”’」』")
_CITATION = re.compile(
    r"(?:\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\])+"  # [14], [4][5], [1-3]
    r"|[\d*†‡§#]+(?:\s*[,\-–]\s*[\d*†‡§#]+)*"  # 1,*  2-4
    r"|[a-z](?:\s*,\s*[a-z])*"  # affiliation letters a,b
)
_CITATION_PART = re.compile(r"\d+(?:\s*[-–]\s*\d+)?|[*†‡§#]|[a-z]")


@dataclass(slots=True)
class Glyph:
    """One drawn character reduced to what layout needs."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class Line:
    """A horizontal run of glyphs on one baseline, without gaps wider than a column gutter."""

    page: int
    glyphs: list[Glyph]
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False
    citations: list[str] = field(default_factory=list)
    text: str = ""

    def refresh(self, s: LayoutSettings = DEFAULT_LAYOUT) -> None:
        """Recompute the box, dominant size, weight and text from the glyphs."""
        gs = self.glyphs
        gs.sort(key=lambda g: g.x0)
        self.x0 = min(g.x0 for g in gs)
        self.x1 = max(g.x1 for g in gs)
        self.top = min(g.top for g in gs)
        self.bottom = max(g.bottom for g in gs)
        sizes = sorted(g.size for g in gs)
        self.size = sizes[len(sizes) // 2]
        # Only a line set (almost) wholly in bold counts: a bold run-in head does not make a heading.
        self.bold = sum(g.bold for g in gs) >= s.bold_line_share * len(gs)
        self.text = glyph_text(gs, s)


def glyph_text(glyphs: list[Glyph], s: LayoutSettings = DEFAULT_LAYOUT) -> str:
    """Join x-sorted glyphs, inserting a space where the gap is word-sized (never between CJK)."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None:
            gap = g.x0 - prev.x1
            size = max(g.size, prev.size)
            if is_cjk(prev.text[-1]) and is_cjk(g.text[0]):
                # Justified CJK text is stretched with wide letter spacing; only a clear gap is a space.
                if gap > s.cjk_space_em * size:
                    out.append(" ")
            elif gap > s.word_gap_em * size and g.text[0] not in _NO_SPACE_BEFORE:
                out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out)


def _layout_chars(objs: Iterable[object]) -> Iterator[LTChar]:
    """Yield the LTChar objects of a pdfminer layout tree, descending into figures and text boxes."""
    for obj in objs:
        if isinstance(obj, LTChar):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from _layout_chars(obj)


def page_glyphs(page: pdfplumber.page.Page, s: LayoutSettings = DEFAULT_LAYOUT) -> list[Glyph]:
    """Read a page's glyphs straight from its pdfminer layout, dropping blanks and fake-bold duplicates.

    This reads ``page.layout`` rather than ``page.chars``: pdfplumber's per-char dict conversion
    (colours, matrices, ...) costs about a third of the parse and layout needs none of it.
    Coordinates follow pdfplumber's convention (top-left origin, MediaBox offset applied).
    """
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    height = float(page.height)
    glyphs: list[Glyph] = []
    seen: dict[tuple[str, int], list[float]] = {}
    for c in _layout_chars(page.layout):
        text = c.get_text()
        if not text or text.isspace() or not c.upright:
            continue
        if text.startswith("(cid:"):
            text = "•" if text in _WINANSI_BULLETS else "\ufffd"
        text = _LIGATURES.get(text, text)
        x0 = c.x0 + mb_x0
        top = height - c.y1 + mb_top
        # Fake bold draws the same glyph again offset by a fraction of a point.
        key = (text, round(top))
        xs = seen.get(key)
        if xs is not None and any(abs(x - x0) < s.fake_bold_offset_pt for x in xs):
            continue
        seen.setdefault(key, []).append(x0)
        font = c.fontname if isinstance(c.fontname, str) else str(c.fontname)
        glyphs.append(
            Glyph(
                text, x0, c.x1 + mb_x0, top, height - c.y0 + mb_top, round(c.size, 2), "bold" in font.lower()
            )
        )
    return glyphs


def build_lines(glyphs: list[Glyph], page: int, s: LayoutSettings = DEFAULT_LAYOUT) -> list[Line]:
    """Cluster glyphs by baseline, split at gutter-sized gaps and attach superscripts to their lines."""
    glyphs.sort(key=lambda g: g.bottom)
    rows: list[list[Glyph]] = []
    anchor = -1e9
    tol = 0.0
    for g in glyphs:
        if g.bottom - anchor > tol:
            rows.append([g])
            anchor = g.bottom
            tol = s.baseline_tolerance_em * g.size
        else:
            rows[-1].append(g)
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        current = [row[0]]
        for g in row[1:]:
            prev = current[-1]
            if g.x0 - prev.x1 > s.gutter_em * max(g.size, prev.size):
                lines.append(Line(page, current))
                current = [g]
            else:
                current.append(g)
        lines.append(Line(page, current))
    for line in lines:
        line.refresh(s)
    return _attach_superscripts(lines, s)


def _attach_superscripts(lines: list[Line], s: LayoutSettings) -> list[Line]:
    """Move small raised runs into the line they decorate: citations aside, other text inline."""
    lines.sort(key=lambda ln: ln.top)
    tops = [ln.top for ln in lines]
    absorbed: set[int] = set()
    for i, sup in enumerate(lines):
        if len(sup.text) > s.superscript_max_chars:
            continue
        lo = bisect.bisect_left(tops, sup.top - s.superscript_reach_em * sup.size)
        hi = bisect.bisect_right(tops, sup.bottom + sup.size)
        host = None
        for j in range(lo, hi):
            h = lines[j]
            if j == i or j in absorbed or h.size < sup.size * s.superscript_host_ratio:
                continue
            if sup.top >= h.bottom or sup.bottom <= h.top:
                continue
            if sup.bottom > h.bottom - s.superscript_raise_em * h.size:
                continue
            side = s.superscript_side_em * h.size
            if sup.x0 > h.x1 + side or sup.x1 < h.x0 - side:
                continue
            host = h
            break
        if host is None:
            continue
        absorbed.add(i)
        compact = sup.text.replace(" ", "").replace("\\", "")
        before = [g for g in host.glyphs if g.x1 <= sup.x0 + s.superscript_before_pt]
        exponent = (
            before and before[-1].text.isdigit() and sup.x0 - before[-1].x1 < s.exponent_gap_em * host.size
        )
        if _CITATION.fullmatch(compact) and not (exponent and compact.isdigit()):
            host.citations.extend(_CITATION_PART.findall(compact))
        else:
            host.glyphs.extend(sup.glyphs)
            host.refresh(s)
    return [ln for i, ln in enumerate(lines) if i not in absorbed]
