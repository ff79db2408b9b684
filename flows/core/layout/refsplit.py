"""Reference-list rows to entries: the list's style (numbered, hanging, indented, block) sets the breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from flows.core.layout.lines import Line
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.vocabulary import HAN_BASIC_CLASS

# The distances (in ems of the row's font size) and shares are LayoutSettings' reflist_* fields (a glyph gap
# that ends a word is word_gap_em, as for paragraphs); these are counts.
_LABEL_STEP_MAX = 5  # a label jumping further ahead is text ("2019. 12 ...") or another list
_MAX_ENTRY_CHARS = 1200  # a longer "entry" is running text
_MAX_MISSES = 3  # this many entries in a row that do not look like references end the list
_SHAPE_MIN_ENTRIES = 8  # a list found without a heading has at least this many entries (reflist_shape_share)
_SHAPE_YEAR_CHARS = 160  # an author-year entry prints its year this early

LABEL = re.compile(
    r"^\s*(?:[\[［【〔]\s*(?P<a>\d{1,3})\s*[\]］】〕]|(?P<b>\d{1,3})\s*[.．](?!\d)|[(（]\s*(?P<c>\d{1,3})\s*[)）]"
    r"|(?P<d>[\u2460-\u2473]))"
)
# A line opening an entry whose authors are the previous entry's: a rule, or a year in parentheses.
REPEAT_START = re.compile(r"^\s*(?:[—–_-]{2,}|\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)|and\s+[A-Z])")
_RULE_START = re.compile(r"^\s*[—–_-]{2,}")
# An author-year entry opens with a family name and a comma or initials: "Smith, J." "SMITH J" "Smith J R".
# A Chinese entry opens with a name of two to four characters and a comma or stop: "李丹, " "杜传忠. ".
AUTHOR_START = re.compile(
    r"^\s*[^\W\d_](?:[^\W\d_]|['’-])+(?:\s[A-Z](?:[^\W\d_]|['’-])+)?(?:,\s+(?:[A-Z]\.|[A-Z]{1,2}\b|and\b)"
    r"|\s+(?:[A-Z]\.|[A-Z]{1,2}\b))"
    rf"|^\s*{HAN_BASIC_CLASS}{{2,4}}\s*[,，、.．]"
)
_OPENING = re.compile(rf"^\s*(?:[A-Z]|{HAN_BASIC_CLASS}|[\[［【(（]?\d)")
_WORDS = re.compile(rf"[^\W\d_]{{2}}|{HAN_BASIC_CLASS}")
# What a reference carries: a year, "n.d.", a forthcoming or in-press note, or a GB/T type mark.
_REFERENCE_MARK = re.compile(
    r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|\bn\.\s?d\.|\bforthcoming\b|\bin press\b|待刊|\[\s*[A-Z/]{1,5}\s*\]"
)
_TERMINAL = (".", "。", ")", "）", "]", "】")


@dataclass(slots=True)
class Row:
    """One visual line of the list, with the stream positions of the pieces it was joined from."""

    line: Line
    index: int
    parts: list[int] = field(default_factory=list)
    column: int = 0  # the row's column on its page, counted in reading order


def label_number(text: str) -> int | None:
    """The number of an entry label at the start of a line ("[3]", "3.", "［3］", "(3)", "③")."""
    m = LABEL.match(text)
    if not m:
        return None
    if m["d"]:
        return ord(m["d"]) - 0x245F
    return int(m["a"] or m["b"] or m["c"])


def _overlaps(a: Line, b: Line, s: LayoutSettings) -> bool:
    """True when two lines overlap horizontally enough to stand in one column."""
    inter = min(a.x1, b.x1) - max(a.x0, b.x0)
    return inter >= s.reflist_column_overlap_share * min(a.x1 - a.x0, b.x1 - b.x0)


def _same_column(a: Row, b: Row) -> bool:
    """True when two rows stand in the same column of the same page."""
    return a.line.page == b.line.page and a.column == b.column


def order_rows(rows: list[Row], s: LayoutSettings = DEFAULT_LAYOUT) -> list[Row]:
    """Rows in reading order: page by page, columns in the order reading met them, each top to bottom.

    Region order alone can put a label's column, or a line that fell into it, before the text beside it.
    """
    out: list[Row] = []
    for page in sorted({r.line.page for r in rows}):
        columns = _columns([r for r in rows if r.line.page == page], s)
        columns.sort(key=lambda col: min(r.index for r in col))
        for number, column in enumerate(columns):
            for row in sorted(column, key=lambda r: r.line.top):
                row.column = number
                out.append(row)
    return out


def _columns(rows: list[Row], s: LayoutSettings) -> list[list[Row]]:
    """Group one page's rows into columns by horizontal overlap; a line spanning two columns joins neither."""
    mates = [
        [j for j, b in enumerate(rows) if j != i and _overlaps(a.line, b.line, s)] for i, a in enumerate(rows)
    ]
    bridge = [_spans(rows[i].line, [rows[j].line for j in m], s) for i, m in enumerate(mates)]
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, m in enumerate(mates):
        for j in m:
            if not bridge[i] and not bridge[j]:
                parent[find(i)] = find(j)
    for i, m in enumerate(mates):
        if bridge[i]:
            # A spanning line joins the column of the nearest line before it in reading order.
            near = [j for j in m if not bridge[j]]
            if near:
                parent[find(i)] = find(min(near, key=lambda j: abs(rows[j].index - rows[i].index)))
    groups: dict[int, list[Row]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(find(i), []).append(row)
    return list(groups.values())


def _spans(line: Line, mates: list[Line], s: LayoutSettings) -> bool:
    """True for a line across two columns: much wider than the lines it overlaps, two of them side by side."""
    if not mates or min(m.x1 for m in mates) >= max(m.x0 for m in mates):
        return False
    widths = sorted(m.x1 - m.x0 for m in mates)
    return line.x1 - line.x0 >= s.reflist_span_ratio * widths[len(widths) // 2]


def _edges(rows: list[Row]) -> list[tuple[float, float]]:
    """Each row's column edges: the leftmost start and rightmost end of the rows in its column."""
    spans: dict[tuple[int, int], tuple[float, float]] = {}
    for r in rows:
        key = (r.line.page, r.column)
        x0, x1 = spans.get(key, (r.line.x0, r.line.x1))
        spans[key] = (min(x0, r.line.x0), max(x1, r.line.x1))
    return [spans[(r.line.page, r.column)] for r in rows]


def _numbered(labels: list[int | None], s: LayoutSettings) -> bool:
    """True when the labels at the margin count up: a numbered list."""
    found = [n for n in labels if n is not None]
    if len(found) < 2:
        return False
    steps = sum(b == a + 1 for a, b in pairwise(found))
    return steps >= s.reflist_sequential_share * (len(found) - 1)


def _style(offsets: list[float], ems: list[float], s: LayoutSettings) -> str:
    """'hanging', 'indent' (first line indented) or 'block', from the rows' offsets from their margin."""
    pairs = list(zip(offsets, ems, strict=True))
    margin = [off < s.reflist_margin_em * em for off, em in pairs]
    indented = [s.reflist_margin_em * em <= off <= s.reflist_indent_max_em * em for off, em in pairs]
    if sum(indented) >= max(1, s.reflist_hanging_share * len(offsets)) and any(margin):
        return "hanging" if margin[0] else "indent"
    return "block"


def _pitch(rows: list[Row], s: LayoutSettings) -> tuple[float, float]:
    """The list's usual line pitch (a low quantile of one column's line distances) and its noise."""
    found = sorted(d for p, q in pairwise(rows) if (d := _distance(p, q, s)) is not None)
    if not found:
        return 0, 0
    base = found[int(len(found) * s.reflist_pitch_quantile_share)]
    lower = sorted(abs(d - base) for d in found[: len(found) // 2 + 1])
    return base, lower[len(lower) // 2]


def _distance(row_p: Row, row_q: Row, s: LayoutSettings) -> float | None:
    """Baseline distance from p to the line under it in the same column, or None across a break."""
    p, q = row_p.line, row_q.line
    if not _same_column(row_p, row_q) or not 0 < q.top - p.top < s.reflist_pitch_max_em * q.size:
        return None
    # Tall glyphs move a line's top, superscripts its bottom: the smaller of the two distances holds.
    return min(q.top - p.top, q.bottom - p.bottom)


def split_entries(rows: list[Row], s: LayoutSettings = DEFAULT_LAYOUT) -> list[list[Row]]:
    """Split the list's rows into entries by its style; an entry carries on across column and page breaks."""
    if not rows:
        return []
    rows = order_rows(rows, s)
    edges = _edges(rows)
    offsets = [r.line.x0 - e[0] for r, e in zip(rows, edges, strict=True)]
    ems = [r.line.size for r in rows]
    labels = [
        label_number(r.line.text) if off < s.reflist_label_margin_em * em else None
        for r, off, em in zip(rows, offsets, ems, strict=True)
    ]
    style = "numbered" if _numbered(labels, s) else _style(offsets, ems, s)
    margin_em, indent_max_em = s.reflist_margin_em, s.reflist_indent_max_em
    deep = sorted(
        off for off, em in zip(offsets, ems, strict=True) if margin_em * em <= off <= indent_max_em * em
    )
    continuation = deep[len(deep) // 2] if deep else 0
    pitch = _pitch(rows, s)
    entries: list[list[Row]] = []
    last_label: int | None = None
    for i, row in enumerate(rows):
        em, off, text = ems[i], offsets[i], row.line.text
        if not entries:
            start = True
        elif style == "numbered":
            n = labels[i]
            start = n is not None and (last_label is None or last_label <= n <= last_label + _LABEL_STEP_MAX)
        elif _RULE_START.match(text):
            start = True
        elif style == "hanging":
            deeper = off > continuation + s.reflist_deeper_em * em and off <= indent_max_em * em
            start = off < margin_em * em or bool(deeper and REPEAT_START.match(text))
        elif style == "indent":
            start = margin_em * em <= off <= indent_max_em * em
        else:
            start = _block_start(rows[i - 1], row, edges[i - 1][1], pitch, s)
        if start:
            entries.append([row])
            if labels[i] is not None:
                last_label = labels[i]
        else:
            entries[-1].append(row)
    return entries


def _block_start(row_p: Row, row_q: Row, right: float, pitch: tuple[float, float], s: LayoutSettings) -> bool:
    """Whether q opens an entry in a list without numbers or indents: extra space, or a new author."""
    p, q = row_p.line, row_q.line
    ended = p.text.rstrip().endswith(_TERMINAL)
    if ended and AUTHOR_START.match(q.text):
        # A finished entry and a new author's name ("Smith, J." "SMITH J" "李丹,"), also across a break.
        return True
    # A line is broken early only where its entry ends: when the next line's first word would have fitted
    # after a finished line, and a capital, a name or a label opens the next line, a new entry starts.
    if ended and _room_for(p, q, right, s) and (_OPENING.match(q.text) or REPEAT_START.match(q.text)):
        return True
    distance = _distance(row_p, row_q, s)
    base, noise = pitch
    if distance is None or not base:
        return False
    # Extra space: beyond the pitch by a share of it, a fraction of an em, and well above the pitch's noise.
    extra = distance - base
    least = max(s.reflist_gap_extra_em * q.size, s.reflist_gap_noise_ratio * noise)
    return distance > s.reflist_gap_ratio * base and extra > least


def _room_for(p: Line, q: Line, right: float, s: LayoutSettings) -> bool:
    """True when q's first word would have fitted at the end of line p (so p was broken on purpose)."""
    gs = q.glyphs
    end = gs[0].x1
    for prev, g in pairwise(gs):
        if prev.space_after or g.x0 - prev.x1 > s.word_gap_em * g.size or prev.text.isspace():
            break
        end = g.x1
    return p.x1 + s.reflist_word_space_em * q.size + (end - gs[0].x0) < right


def looks_like_reference(text: str) -> bool:
    """True for an entry with words, of a reference's length, carrying a year or a type mark."""
    return bool(_WORDS.search(text)) and len(text) <= _MAX_ENTRY_CHARS and bool(_REFERENCE_MARK.search(text))


def trim_entries(entries: list[list[Row]], notes: bool = False) -> list[list[Row]]:
    """Keep the entries up to the last one that looks like a reference, stopping at a run of misses.

    A notes section (注释) counts as a reference list only when it holds numbered references.
    """
    kept = 0
    misses = 0
    for i, entry in enumerate(entries):
        if looks_like_reference(" ".join(r.line.text for r in entry)):
            kept, misses = i + 1, 0
        else:
            misses += 1
            if misses >= _MAX_MISSES:
                break
    entries = entries[:kept]
    if notes:
        numbered = sum(label_number(e[0].line.text) is not None for e in entries)
        if numbered < 2 or numbered < len(entries) // 2:
            return []
    return entries


def opens_list(text: str) -> bool:
    """True for a line that could open a list without a heading: label 1, or a name and a year."""
    if label_number(text) == 1:
        return True
    return bool(AUTHOR_START.match(text) and _REFERENCE_MARK.search(text[:_SHAPE_YEAR_CHARS]))


def _shaped(text: str) -> bool:
    """True for an entry shaped like a reference: a name or a GB/T type mark, and a year early on."""
    m = LABEL.match(text)
    body = text[m.end() :].lstrip(" 摇") if m else text
    year = _REFERENCE_MARK.search(body[:_SHAPE_YEAR_CHARS]) is not None
    return year and bool(
        AUTHOR_START.match(body) or re.search(r"\[\s*[A-Z](?:\s*/\s*[A-Z]{1,2})?\s*\]", body)
    )


def shaped_like_list(entries: list[list[Row]], s: LayoutSettings = DEFAULT_LAYOUT) -> bool:
    """True when entries found without a heading are a reference list: many, numbered in order or not."""
    if len(entries) < _SHAPE_MIN_ENTRIES:
        return False
    texts = [" ".join(r.line.text for r in e) for e in entries]
    labels = [label_number(t) for t in texts]
    if labels[0] is not None and labels != list(range(1, len(labels) + 1)):
        return False
    return sum(_shaped(t) for t in texts) >= s.reflist_shape_share * len(texts)
