"""Characters to text lines: de-duplication, baseline clustering, superscript citation markers."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from pdfminer.layout import LTChar, LTContainer

from flows.core.layout.fonts import repair_ligatures
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.text import fold_compatibility
from flows.core.vocabulary import BULLETS, SOFT_HYPHENS, TEX_FONT, TEX_LIGATURE_STAND_INS, is_cjk

if TYPE_CHECKING:
    import pdfplumber

# Codes that the PDF spec's WinAnsiEncoding renders as a bullet; pdfminer reports them as (cid:N).
_TEX_FONT = re.compile(TEX_FONT, re.IGNORECASE)
_WORD_INNER_LIGATURES = ("fi", "fl", "ffi", "ffl")
_WINANSI_BULLETS = {"(cid:127)", "(cid:129)", "(cid:141)", "(cid:143)", "(cid:157)"}
# Closing punctuation never takes a space before it, even where a removed superscript left a gap.
_LIST_GOES_ON = (",", "，", "、", "and ", "& ")
_NO_SPACE_BEFORE = set(",.;:!?)]}，。；：！？）、”’」』")
_CITATION = re.compile(
    r"(?:\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\])+"  # [14], [4][5], [1-3]
    r"|[\d*†‡§#]+(?:\s*[,\-–]\s*[\d*†‡§#]+)*"  # 1,*  2-4
    r"|[a-z](?:\s*,\s*[a-z])*"  # affiliation letters a,b
    # Affiliation letters and footnote numbers mixed ("a,1", "b,*"), the list's comma set raised too.
    # A table's raised stars alone ("0.23∗∗") stay with the number: significance, not a citation.
    r"|(?=[^,]*[a-z,])(?:[a-z]|\d{1,2}|[*†‡§#∗⁎])(?:,(?:[a-z]|\d{1,2}|[*†‡§#∗⁎]))*,?"
)
_CITATION_PART = re.compile(r"\d+(?:\s*[-–]\s*\d+)?|[*†‡§#∗⁎]|[a-z]")


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
    # The PDF draws a space glyph right after this one: an explicit word break, whatever the gap.
    space_after: bool = False


@dataclass(slots=True)
class Line:
    """A horizontal run of glyphs on one baseline, without gaps wider than a column gutter."""

    page: int
    glyphs: list[Glyph]
    x0: float = 0  # the box, size, weight and text are placeholders until refresh() sets them
    x1: float = 0
    top: float = 0
    bottom: float = 0
    size: float = 0
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


def _word_gap(glyphs: list[Glyph], s: LayoutSettings) -> float:
    """The gap (in ems) above which two glyphs of a line belong to different words.

    Measured from the line's own letter gaps (tight tracking, justified letter spacing): their
    median is the tracking and their spread widens the margin; a short line assumes no tracking.
    """
    gaps = sorted(
        (g.x0 - p.x1) / max(g.size, p.size, 1e-6)
        for p, g in pairwise(glyphs)
        if not (is_cjk(p.text[-1]) or is_cjk(g.text[0]))
    )
    if not gaps:
        return s.word_gap_margin_em
    base = gaps[len(gaps) // 2]
    spread = sorted(abs(x - base) for x in gaps)[len(gaps) // 2]
    if len(gaps) >= s.letter_spaced_min_gaps and _letter_spaced(glyphs, base, spread, s):
        return base + s.word_gap_margin_em
    if len(gaps) < s.tracking_min_gaps:
        base, spread = 0, 0
    base = min(max(base, s.tracking_min_em), s.tracking_max_em)
    margin = min(max(s.word_gap_margin_em, s.word_gap_spread_ratio * spread), s.word_gap_margin_max_em)
    return min(base + margin, s.word_gap_em)


def _letter_spaced(glyphs: list[Glyph], base: float, spread: float, s: LayoutSettings) -> bool:
    """True for a word set in spaced-out capitals or small letters ("a b s t r a c t"): even, wide gaps."""
    return (
        base >= s.letter_spaced_min_em
        and spread <= s.letter_spaced_spread_em
        and all(len(g.text) == 1 and g.text.isalpha() and not g.space_after for g in glyphs[:-1])
    )


def glyph_text(glyphs: list[Glyph], s: LayoutSettings = DEFAULT_LAYOUT) -> str:
    """Join x-sorted glyphs, inserting a space at drawn spaces and word-sized gaps (never between CJK)."""
    out: list[str] = []
    prev: Glyph | None = None
    word_gap = _word_gap(glyphs, s)
    for g in glyphs:
        if prev is not None:
            gap = g.x0 - prev.x1
            size = max(g.size, prev.size)
            if is_cjk(prev.text[-1]) and is_cjk(g.text[0]):
                # Justified CJK text is stretched with wide letter spacing; only a clear gap is a space.
                if gap > s.cjk_space_em * size:
                    out.append(" ")
            elif is_cjk(prev.text[-1]) or is_cjk(g.text[0]):
                # Next to CJK, Latin and digits sit in stretched cells: only a clear gap is a space.
                if gap > s.word_gap_em * size and g.text[0] not in _NO_SPACE_BEFORE:
                    out.append(" ")
            elif (
                (prev.space_after or gap > word_gap * size)
                and g.text[0] not in _NO_SPACE_BEFORE
                # A ligature glyph decoded to its letters keeps its own (often wrong) advance: a gap after
                # "fi"/"fl"/"ffi" before a lowercase letter, with no space drawn, is inside the word.
                and not (prev.text in _WORD_INNER_LIGATURES and g.text[0].islower() and not prev.space_after)
            ):
                out.append(" ")
        # A soft hyphen inside a line was drawn, so it reads as a hyphen; at the line end it is a break.
        out.append("-" if g.text in SOFT_HYPHENS and g is not glyphs[-1] else g.text)
        prev = g
    return "".join(out)


def is_list_marker(text: str) -> bool:
    """True for a single bullet-like glyph: a bullet, a symbol (check mark, arrow) or a private-use glyph."""
    return len(text) == 1 and (text in BULLETS or unicodedata.category(text) in ("So", "Co"))


def _symbol_bullet(glyphs: list[Glyph], s: LayoutSettings) -> None:
    """Read a Symbol/Wingdings private-use glyph (U+F0xx) that opens a line, set apart, as a bullet."""
    first = glyphs[0]
    if len(first.text) != 1 or not 0xF000 <= ord(first.text) <= 0xF0FF:
        return
    # A bullet hangs a tab before its item; a Symbol-font letter (α) is followed by a mere space.
    if len(glyphs) == 1 or glyphs[1].x0 - first.x1 > s.bullet_gap_em * first.size:
        first.text = "•"


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
    repair_ligatures(page, s)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    height = float(page.height)
    glyphs: list[Glyph] = []
    spaces: list[tuple[float, float, float]] = []
    seen: dict[tuple[str, int], list[float]] = {}
    spacers: list[tuple[float, float, float]] = []
    chars = list(_layout_chars(page.layout))
    drop = _descent_corrections(chars, s)
    for c in chars:
        text = c.get_text()
        if drop and c.matrix[1] == 0 and c.matrix[2] == 0:
            # Boxes of a font with a broken descent are moved up onto its baseline (upright glyphs only).
            fix = drop.get(c.fontname, 0) * c.size
            if fix:
                c.set_bbox((c.x0, c.y0 + fix, c.x1, c.y1 + fix))
        if text and text.isspace() and c.upright:
            spaces.append((c.x0 + mb_x0, height - c.y0 + mb_top, c.size))
        if not text or text.isspace() or not c.upright:
            continue
        if text.startswith("(cid:"):
            text = "•" if text in _WINANSI_BULLETS else "\ufffd"
        if "\u4e00" <= text <= "\u9fff" and c.x1 - c.x0 < s.cjk_spacer_width_em * c.size:
            # An ideograph drawn a quarter em wide is a spacing glyph some Chinese typesetters emit
            # (it decodes as 摇 or the like): it stands for a space, not a character.
            spacers.append((c.x0 + mb_x0, c.x1 + mb_x0, height - c.y0 + mb_top))
            continue
        if text >= "\u2e80":
            text = fold_compatibility(text)
        x0 = c.x0 + mb_x0
        top = height - c.y1 + mb_top
        # Fake bold draws the same glyph again offset by a fraction of a point.
        key = (text, round(top))
        xs = seen.get(key)
        if xs is not None and any(abs(x - x0) < s.fake_bold_offset_pt for x in xs):
            continue
        seen.setdefault(key, []).append(x0)
        font = c.fontname if isinstance(c.fontname, str) else str(c.fontname)
        if text in TEX_LIGATURE_STAND_INS and _TEX_FONT.match(font):
            text = TEX_LIGATURE_STAND_INS[text]
        glyphs.append(
            Glyph(
                text, x0, c.x1 + mb_x0, top, height - c.y0 + mb_top, round(c.size, 2), "bold" in font.lower()
            )
        )
    _mark_spaces(glyphs, spaces, s)
    _absorb_spacers(glyphs, spacers, s)
    return glyphs


def _descent_corrections(chars: list[LTChar], s: LayoutSettings) -> dict[str, float]:
    """Per font whose glyphs hang far below their baseline, the share of an em to raise them by.

    The baseline is the text matrix's origin, the same for every glyph of a line whatever its font;
    pdfminer hangs each box below it by the font's declared descent. A font (not a glyph: superscripts
    and subscripts move by rise, glyph by glyph) whose usual descent exceeds ``broken_descent_em`` would
    put its glyphs on a line of their own ("2026" under "武政规〔 〕号").
    """
    hangs: dict[str, list[float]] = defaultdict(list)
    for c in chars:
        m = c.matrix
        if c.size > 0 and m[1] == 0 and m[2] == 0 and m[3] > 0:
            hangs[c.fontname].append((m[5] - c.y0) / c.size)
    fixes: dict[str, float] = {}
    for font, values in hangs.items():
        usual = sorted(values)[len(values) // 2]
        if usual > s.broken_descent_em:
            fixes[font] = usual - s.glyph_descent_em
    return fixes


def _absorb_spacers(
    glyphs: list[Glyph], spacers: list[tuple[float, float, float]], s: LayoutSettings
) -> None:
    """Let the glyph before a run of spacing glyphs reach over it, leaving one word space before the next.

    A run of spacers can be as wide as a column gutter; left as a gap it would split the line in two.
    """
    if not spacers:
        return
    ends: dict[int, list[Glyph]] = defaultdict(list)
    for g in glyphs:
        ends[round(g.bottom)].append(g)
    reach: dict[int, float] = {}  # a host glyph's end including the spacers it took in
    for x0, x1, bottom in sorted(spacers):
        near = [g for key in (round(bottom) - 1, round(bottom), round(bottom) + 1) for g in ends.get(key, [])]
        before = [g for g in near if abs(reach.get(id(g), g.x1) - x0) <= s.fake_bold_offset_pt]
        if before:
            host = before[0]
            reach[id(host)] = x1
            # A gap a little wider than a word space stays (a CJK space after an ideograph), so the
            # space is read whatever follows, yet a run of spacers never opens a gutter.
            space = s.cjk_space_em if is_cjk(host.text[-1]) else s.word_gap_em
            host.x1 = max(host.x1, x1 - space * host.size * s.cjk_spacer_gap_ratio)
            host.space_after = True


def _mark_spaces(glyphs: list[Glyph], spaces: list[tuple[float, float, float]], s: LayoutSettings) -> None:
    """Flag each glyph that a drawn space glyph follows on its baseline (by position, not stream order)."""
    rows: dict[int, list[Glyph]] = defaultdict(list)
    for g in glyphs:
        rows[round(g.bottom)].append(g)
    ends: dict[int, tuple[list[float], list[Glyph]]] = {}
    for key, row in rows.items():
        row.sort(key=lambda g: g.x1)
        ends[key] = ([g.x1 for g in row], row)
    for x0, bottom, size in spaces:
        best: Glyph | None = None
        best_d = s.space_glyph_reach_em * size
        for key in (round(bottom) - 1, round(bottom), round(bottom) + 1):
            if key not in ends:
                continue
            xs, row = ends[key]
            i = bisect.bisect_left(xs, x0 - best_d)
            while i < len(xs) and xs[i] <= x0 + best_d:
                g = row[i]
                if abs(g.bottom - bottom) < s.baseline_tolerance_em * size and abs(xs[i] - x0) < best_d:
                    best, best_d = g, abs(xs[i] - x0)
                i += 1
        if best is not None:
            best.space_after = True


def build_lines(glyphs: list[Glyph], page: int, s: LayoutSettings = DEFAULT_LAYOUT) -> list[Line]:
    """Cluster glyphs by baseline, split at gutter-sized gaps and attach superscripts to their lines."""
    glyphs.sort(key=lambda g: g.bottom)
    rows: list[list[Glyph]] = []
    anchor = -1e9
    tol = 0
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
        for k, g in enumerate(row[1:], start=1):
            prev = current[-1]
            gap = g.x0 - prev.x1
            em = max(g.size, prev.size)
            # A list marker is set apart from its item by a tab, not by a column gutter.
            marker = len(current) == 1 and is_list_marker(prev.text) and gap < s.list_marker_gap_em * em
            spaced = gap <= s.cjk_name_gap_em * em and _spaced_name(current, g, row[k + 1 : k + 2])
            if gap > s.gutter_em * em and not marker and not spaced:
                lines.append(Line(page, current))
                current = [g]
            else:
                current.append(g)
        lines.append(Line(page, current))
    for line in lines:
        _symbol_bullet(line.glyphs, s)
        line.refresh(s)
    return _attach_superscripts(lines, s)


_NAME_BOUNDARY = frozenset("，,、;；")


def _spaced_name(current: list[Glyph], g: Glyph, after: list[Glyph]) -> bool:
    """True for the two halves of a two-character name spaced to the width of three ("，郜  帅，").

    Each half stands alone between byline separators (or the line's ends); two ideographs of a table's
    neighbouring columns are words, not single characters between commas.
    """
    prev = current[-1]
    if g.size != prev.size or not (is_cjk(prev.text) and is_cjk(g.text)):
        return False
    if prev.text in _NAME_BOUNDARY or g.text in _NAME_BOUNDARY:
        return False
    opens = len(current) == 1 or current[-2].text in _NAME_BOUNDARY
    closes = not after or after[0].text in _NAME_BOUNDARY or not is_cjk(after[0].text)
    return opens and closes


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
        distance = float("inf")
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
            # The nearest line is the host: a raised run in a gap belongs to the text it touches.
            d = max(0, h.x0 - sup.x1, sup.x0 - h.x1)
            if d < distance:
                host, distance = h, d
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
            # A byline's marks ("Iyer^b,∗, Kishen …") sat in the gap that split its baseline in two.
            _rejoin(host, lines, range(lo, hi), absorbed, s, reach=(sup.x0, sup.x1))
        else:
            host.glyphs.extend(sup.glyphs)
            host.refresh(s)
            _rejoin(host, lines, range(lo, hi), absorbed, s)
    return [ln for i, ln in enumerate(lines) if i not in absorbed]


def _rejoin(
    host: Line,
    lines: list[Line],
    near: range,
    absorbed: set[int],
    s: LayoutSettings,
    reach: tuple[float, float] | None = None,
) -> None:
    """Merge into host the rest of its baseline that the raised run's gap had split off ("10²³ | integer").

    ``reach`` is the extent of a raised run taken out as a citation: it bridges the gap on either side.
    """
    for j in near:
        other = lines[j]
        if (
            j in absorbed
            or other is host
            or abs(other.bottom - host.bottom) > s.baseline_tolerance_em * host.size
        ):
            continue
        # The raised run now bridges the gutter-sized gap that had split the baseline in two.
        same_size = abs(other.size - host.size) <= s.size_change_share * host.size
        right = max(host.x1, reach[1]) if reach else host.x1
        left = min(host.x0, reach[0]) if reach else host.x0
        after = other.x0 >= host.x1 and 0 <= other.x0 - right <= s.gutter_em * host.size
        before = reach is not None and other.x1 <= host.x0 and 0 <= left - other.x1 <= s.gutter_em * host.size
        if reach is not None:
            # Across a citation mark only a list goes on (", Kishen Shastry"): a table's next cell does not.
            second = other.text if after else host.text
            after, before = (after or before) and second.lstrip().startswith(_LIST_GOES_ON), False
        if same_size and (after or before):
            host.glyphs.extend(other.glyphs)
            host.citations.extend(other.citations)
            absorbed.add(j)
            host.refresh(s)
