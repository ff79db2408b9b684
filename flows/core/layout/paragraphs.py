"""Lines in reading order to paragraphs: breaks, continuation across columns and pages, joining."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import pairwise

from flows.core.layout.lines import Line, is_list_marker
from flows.core.layout.order import Region
from flows.core.layout.reflist import read_reference_list
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.model import Para
from flows.core.vocabulary import ZH_LABEL_NUMERAL, is_cjk, join_lines

_TERMINAL = (*".?!:;。！？；：", "”", '"', "’", ")", "）", "」")
_SENTENCE_END = re.compile(r"[.?!。！？；;:：][\"'”’)）」]*$")
_NUMBERED = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s|\(\s*\d+\s*\)|（\d+）|\(\s*[A-Za-z]\s*\)"
    rf"|{ZH_LABEL_NUMERAL}+、|[（(]\s*{ZH_LABEL_NUMERAL}+\s*[）)]|\[\d+\]|\d+\.\s*\S)"
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _pitches(regions: list[Region], s: LayoutSettings) -> dict[float, float]:
    """Median baseline-to-baseline distance per font size on a page, from consecutive lines."""
    found: dict[float, list[float]] = defaultdict(list)
    for r in regions:
        for p, q in pairwise(r.lines):
            if abs(p.size - q.size) < s.pitch_size_tolerance_pt and q.top > p.top:
                found[round(q.size)].append(q.top - p.top)
    return {k: sorted(v)[len(v) // 2] for k, v in found.items()}


def _is_gap(p: Line, q: Line, pitch: float, s: LayoutSettings) -> bool:
    """True when q is set apart from p by a change of size or extra vertical space."""
    em = max(p.size, q.size)
    if abs(p.size - q.size) > s.size_change_share * em:
        return True
    return q.top - p.top > s.gap_pitch_ratio * pitch and q.top - p.bottom > s.gap_min_em * em


def _is_break(p: Line, q: Line, region: Region, pitch: float, s: LayoutSettings) -> bool:
    """Decide whether line q starts a new paragraph after line p inside one region."""
    em = max(p.size, q.size)
    if _is_gap(p, q, pitch, s) or (is_list_marker(q.text[:1]) and q.text[1:2] == " "):
        return True
    width = region.x1 - region.x0
    if width < s.narrow_region_em * em:
        return False
    short = p.x1 < region.x1 - s.short_line_em * em
    terminal = p.text.endswith(_TERMINAL)
    # A bold lead-in sentence running on into roman text is one paragraph; a bold line on its own is not.
    if p.bold != q.bold and (p.x1 < region.x1 - s.bold_break_em * em or terminal):
        return True
    if q.x0 > region.x0 + s.indent_em * em and q.x0 > p.x0 + s.indent_em * em and (short or terminal):
        return True
    return short and bool(terminal or _NUMBERED.match(q.text) or q.x0 < p.x0 - s.outdent_em * em)


def _continues(prev: Para, q: Line, region: Region, prev_region: Region, s: LayoutSettings) -> bool:
    """Decide whether the first line of a region carries on the previous paragraph."""
    p = prev.lines[-1]
    em = max(p.size, q.size)
    if prev.kind != "body" or abs(p.size - q.size) > s.size_change_share * em or p.bold != q.bold:
        return False
    # Only a column or page break carries a paragraph on: the next region starts higher or on a later page.
    if q.page == p.page and q.top >= p.top:
        return False
    if len(prev.lines) < 2 and prev_region.x1 - prev_region.x0 < s.continuation_min_width_em * em:
        return False
    # The last line was full if the next line's first word would not have fitted after it.
    if p.x1 + s.word_space_em * em + _first_word_width(q, s) < prev_region.x1 or _SENTENCE_END.search(p.text):
        return False
    return not (q.x0 > region.x0 + s.continuation_indent_em * em or _NUMBERED.match(q.text))


def _first_word_width(line: Line, s: LayoutSettings) -> float:
    """Width of a line's first word (its first character for CJK)."""
    gs = line.glyphs
    if is_cjk(gs[0].text[0]):
        return gs[0].x1 - gs[0].x0
    end = gs[0].x1
    for prev, g in pairwise(gs):
        if prev.space_after or g.x0 - prev.x1 > s.word_gap_em * g.size:
            break
        end = g.x1
    return end - gs[0].x0


def build_paragraphs(pages: list[list[Region]], s: LayoutSettings = DEFAULT_LAYOUT) -> list[Para]:
    """Turn every page's ordered regions into paragraphs, joining across region and page breaks.

    A reference list is read apart (see reflist): its heading, entries and furniture come back as
    paragraphs, and the lines it consumed are skipped here.
    """
    paras: list[Para] = []
    stream = [(ln, region) for regions in pages for region in regions for ln in region.lines]
    consumed: set[int] = set()
    k = -1
    prev_region: Region | None = None
    for regions in pages:
        pitches = _pitches(regions, s)
        for region in regions:
            for i, q in enumerate(region.lines):
                k += 1
                if k in consumed:
                    continue
                if i == 0:
                    start = not (
                        paras and prev_region is not None and _continues(paras[-1], q, region, prev_region, s)
                    )
                else:
                    p = region.lines[i - 1]
                    pitch = pitches.get(round(q.size), s.default_pitch_ratio * q.size)
                    # The line after a reference list always starts a paragraph.
                    start = k - 1 in consumed or _is_break(p, q, region, pitch, s)
                # A reference heading is looked for on every line: one set tight under a paragraph
                # still opens the list (read_reference_list checks that entries follow).
                found = read_reference_list(stream, k, s)
                if found is None and start:
                    found = read_reference_list(stream, k, s, headless=True)
                if found is not None:
                    if found.heading:
                        paras.append(Para(list(found.heading), kind="heading"))
                    paras.extend(Para(lines, kind=kind) for _, kind, lines in found.order)
                    consumed |= found.consumed
                elif start or not paras:
                    paras.append(Para([q]))
                else:
                    paras[-1].lines.append(q)
            prev_region = region
    vocab = _vocabulary(paras)
    for para in paras:
        para.text = join_lines([ln.text for ln in para.lines], vocab)
        para.citations = [c for ln in para.lines for c in ln.citations]
    return paras


def _vocabulary(paras: list[Para]) -> set[str]:
    """Lower-cased words (and hyphenated compounds) seen inside lines, to judge line-end hyphens."""
    vocab: set[str] = set()
    for para in paras:
        for ln in para.lines:
            words = _WORD.findall(ln.text)
            # The last word of a line may be a hyphenation fragment; it says nothing.
            vocab.update(w.lower() for w in words[:-1])
    return vocab
