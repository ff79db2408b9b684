"""Lines in reading order to paragraphs: breaks, continuation across columns and pages, joining."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from flows.core.layout.lines import BREAK_HYPHENS, SOFT_HYPHENS, Line, is_cjk, is_list_marker
from flows.core.layout.order import Region

_TERMINAL = (*".?!:;。！？；：", "”", '"', "’", ")", "）", "」")
_SENTENCE_END = re.compile(r"[.?!。！？；;:：][\"'”’)）」]*$")
_NUMBERED = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s|\(\s*\d+\s*\)|（\d+）|\(\s*[A-Za-z]\s*\)|[一二三四五六七八九十]+、"
    r"|[（(]\s*[一二三四五六七八九十]+\s*[）)]|\[\d+\]|\d+\.\s*\S)"
)
_REF_START = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\.\s)")
_REF_HEADING = re.compile(r"^(?:references?|bibliography|works cited|参考文献)\s*[:：]?$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


@dataclass(slots=True)
class Para:
    """A paragraph (or heading, reference entry, ...) assembled from lines."""

    lines: list[Line]
    kind: str = "body"
    level: int = 0
    text: str = ""
    citations: list[str] = field(default_factory=list)

    @property
    def page(self) -> int:
        """1-based page where the paragraph starts."""
        return self.lines[0].page

    @property
    def size(self) -> float:
        """Median font size of the paragraph's lines."""
        sizes = sorted(ln.size for ln in self.lines)
        return sizes[len(sizes) // 2]

    @property
    def bold(self) -> bool:
        """True when most lines are set in a bold face."""
        return sum(ln.bold for ln in self.lines) * 2 > len(self.lines)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """Union box of the lines on the starting page."""
        first = [ln for ln in self.lines if ln.page == self.page]
        return (
            round(min(ln.x0 for ln in first), 2),
            round(min(ln.top for ln in first), 2),
            round(max(ln.x1 for ln in first), 2),
            round(max(ln.bottom for ln in first), 2),
        )


def _pitches(regions: list[Region]) -> dict[float, float]:
    """Median baseline-to-baseline distance per font size on a page, from consecutive lines."""
    found: dict[float, list[float]] = defaultdict(list)
    for r in regions:
        for p, q in pairwise(r.lines):
            if abs(p.size - q.size) < 0.5 and q.top > p.top:
                found[round(q.size)].append(q.top - p.top)
    return {k: sorted(v)[len(v) // 2] for k, v in found.items()}


def _is_gap(p: Line, q: Line, pitch: float) -> bool:
    """True when q is set apart from p by a change of size or extra vertical space."""
    em = max(p.size, q.size)
    if abs(p.size - q.size) > 0.08 * em:
        return True
    return q.top - p.top > 1.3 * pitch and q.top - p.bottom > 0.5 * em


def _is_break(p: Line, q: Line, region: Region, pitch: float) -> bool:
    """Decide whether line q starts a new paragraph after line p inside one region."""
    em = max(p.size, q.size)
    if _is_gap(p, q, pitch) or (is_list_marker(q.text[:1]) and q.text[1:2] == " "):
        return True
    width = region.x1 - region.x0
    if width < 10 * em:
        return False
    short = p.x1 < region.x1 - 3 * em
    terminal = p.text.endswith(_TERMINAL)
    # A bold lead-in sentence running on into roman text is one paragraph; a bold line on its own is not.
    if p.bold != q.bold and (p.x1 < region.x1 - 1.5 * em or terminal):
        return True
    if q.x0 > region.x0 + 0.8 * em and q.x0 > p.x0 + 0.8 * em and (short or terminal):
        return True
    return short and bool(terminal or _NUMBERED.match(q.text) or q.x0 < p.x0 - 2 * em)


def _continues(prev: Para, q: Line, region: Region, prev_region: Region) -> bool:
    """Decide whether the first line of a region carries on the previous paragraph."""
    p = prev.lines[-1]
    em = max(p.size, q.size)
    if prev.kind != "body" or abs(p.size - q.size) > 0.08 * em or p.bold != q.bold:
        return False
    # Only a column or page break carries a paragraph on: the next region starts higher or on a later page.
    if q.page == p.page and q.top >= p.top:
        return False
    if len(prev.lines) < 2 and prev_region.x1 - prev_region.x0 < 20 * em:
        return False
    # The last line was full if the next line's first word would not have fitted after it.
    if p.x1 + 0.25 * em + _first_word_width(q) < prev_region.x1 or _SENTENCE_END.search(p.text):
        return False
    return not (q.x0 > region.x0 + 0.5 * em or _NUMBERED.match(q.text))


def _first_word_width(line: Line) -> float:
    """Width of a line's first word (its first character for CJK)."""
    gs = line.glyphs
    if is_cjk(gs[0].text[0]):
        return gs[0].x1 - gs[0].x0
    end = gs[0].x1
    for prev, g in pairwise(gs):
        if prev.space_after or g.x0 - prev.x1 > 0.2 * g.size:
            break
        end = g.x1
    return end - gs[0].x0


def build_paragraphs(pages: list[list[Region]]) -> list[Para]:
    """Turn every page's ordered regions into paragraphs, joining across region and page breaks."""
    paras: list[Para] = []
    in_refs = False
    prev_region: Region | None = None
    for regions in pages:
        pitches = _pitches(regions)
        for region in regions:
            for i, q in enumerate(region.lines):
                if i == 0:
                    start = not (
                        paras and prev_region is not None and _continues(paras[-1], q, region, prev_region)
                    )
                else:
                    p = region.lines[i - 1]
                    pitch = pitches.get(round(q.size), 1.2 * q.size)
                    if in_refs:
                        # Inside a reference list only a new number, a gap or a new style starts an entry.
                        start = bool(_REF_START.match(q.text) and q.x0 < region.x0 + 1.0 * q.size) or _is_gap(
                            p, q, pitch
                        )
                    else:
                        start = _is_break(p, q, region, pitch)
                if start or not paras:
                    paras.append(Para([q]))
                else:
                    paras[-1].lines.append(q)
                if start and _REF_HEADING.match(q.text.strip()):
                    in_refs = True
                    paras[-1].kind = "heading"
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


def join_lines(texts: list[str], vocab: set[str] | None = None) -> str:
    """Join line texts into one paragraph: de-hyphenate, no spaces around CJK, else a single space."""
    out = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if not out:
            out = text
            continue
        if out.endswith(BREAK_HYPHENS) and len(out) > 1 and out[-2].isalpha() and text[0].isalpha():
            out = _dehyphenate(out, text, vocab or set())
        elif is_cjk(out[-1]) or is_cjk(text[0]) or out.endswith(("–", "—", "/")):
            out += text
        else:
            out += " " + text
    return out


def _dehyphenate(left: str, right: str, vocab: set[str]) -> str:
    """Join a line ending in a hyphen to the next line, keeping the hyphen of real compounds."""
    if left.endswith(SOFT_HYPHENS):
        return left[:-1] + right
    head = re.search(r"[A-Za-z]+$", left[:-1])
    tail = re.match(r"[A-Za-z]+", right)
    if head and tail:
        joined = (head.group(0) + tail.group(0)).lower()
        compound = (head.group(0) + "-" + tail.group(0)).lower()
        if joined not in vocab and (compound in vocab or right[0].isupper()):
            return left[:-1] + "-" + right
    elif right[0].isupper():
        return left + right
    return left[:-1] + right
