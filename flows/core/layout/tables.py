"""Tables on a page: ruled ones by pdfplumber's finder, booktabs ones by their rules and column alignment.

A table is cut out of the page before reading order and paragraphs, so its cells never reach the running
text. Each found table is a grid of cell texts (built from the page's own glyphs, with ligatures and fake
bold already repaired) plus the caption, units line and notes printed around it; what the cells mean is
read later by the tables extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol, TypeVar

from pdfminer.layout import LTCurve, LTLine, LTRect

from flows.core.layout.geometry import drawn_objects
from flows.core.layout.lines import Glyph, Line, glyph_text, is_list_marker
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.model import BBox
from flows.core.vocabulary import join_lines

if TYPE_CHECKING:
    import pdfplumber

_TABLE_LABEL = r"[A-Z]?\.?\d+(?:\.\d+)?[A-Z]?"  # a table's number: "3", "C.1", "A1", "2.3"
CAPTION = re.compile(
    # "Table 3 shows …" opens a sentence citing the table, not its caption: no lowercase word may follow.
    # Appendix tables carry their appendix's letter: "Table C.1", "Table A1"; chapters theirs: "Table 2.3".
    # (atomic, so "Table 2.3 shows" cannot back off to "Table 2" and pass the lower-case guard).
    r"^\s*(?:(?:table|tab\.|exhibit|annex table|appendix table)\s*(?>" + _TABLE_LABEL + r")\b"
    r"(?-i:(?!\s+[a-z]))"
    r"|表\s*[A-Z]?\d+(?:\.\d+)?|附表\s*\d*)",
    re.IGNORECASE,
)
NOTE = re.compile(
    r"^\s*(?:notes?|sources?|data sources?|\*+\s*p\s*<|注|资料来源|数据来源|说明)\s*[:：.]?", re.IGNORECASE
)
UNIT_LINE = re.compile(r"^\s*(?:单位|计量单位|units?)\s*[:：]\s*\S", re.IGNORECASE)
_FIGURE = re.compile(r"^\s*(?:fig(?:ure)?\.?|chart|图)\s*[A-Z]?\.?\d+", re.IGNORECASE)


Pieces = dict[int, list["_Piece"]]  # each line's cell pieces, by id(line), cut once per page


@dataclass
class PageTable:
    """A table found on one page, before tables split over page breaks are joined."""

    page: int
    bbox: BBox
    grid: list[list[str | None]]
    ruling: str
    col_edges: list[float]  # x of the column boundaries, left edge first, right edge last
    header_rows: int = 0
    caption: str = ""
    notes: str = ""
    unit_line: str = ""
    page_height: float = 0
    ends_page: bool = False  # no text line below it but in the bottom margin: it may go on overleaf
    opens_page: bool = False  # no text line above it but in the top margin: it may go on from before
    lines_inside: list[Line] = field(default_factory=list)


def find_page_tables(
    page: pdfplumber.page.Page,
    lines: list[Line],
    s: LayoutSettings = DEFAULT_LAYOUT,
    decorations: set[tuple[int, int, int, int]] | None = None,
) -> list[PageTable]:
    """Find a page's tables, with caption, units line and notes taken from the lines around each.

    ``decorations`` carries the curves drawn on the document's earlier pages: one drawn again at the
    same place is a watermark or a logo (CNKI's online-first stamp, a DRAFT mark), not a chart's curve.
    """
    segments, marks, boxes = _segments(page)
    if decorations is not None:
        keys = [tuple(round(v) for v in m) for m in marks]
        repeated = {k for k in keys if k in decorations}
        decorations.update(keys)
        marks = [m for m, k in zip(marks, keys, strict=True) if k not in repeated]
    if len(segments) < s.table_min_edges // 2 and not any(CAPTION.match(ln.text) for ln in lines):
        return []
    width, height = float(page.width), float(page.height)
    glyphs = [g for ln in lines for g in ln.glyphs]
    pieces: Pieces = {id(ln): _pieces(ln, s) for ln in lines if ln.glyphs}
    found: list[PageTable] = []
    if len(segments) >= s.table_min_edges:
        found = [t for t in _ruled_tables(page, glyphs, segments, s) if t is not None]
    taken = [t.bbox for t in found]
    for group in _rule_groups(segments, width, taken, s):
        found += _tables_between_rules(page.page_number, group, lines, s, pieces)
    found += _captioned_tables(page.page_number, lines, [t.bbox for t in found], width, s, pieces)
    found = _distinct([t for t in found if not _is_chart(t, marks, lines, s)], s)
    # Bars hold no text; a table's cell rectangles do, so only empty boxes count as bars.
    empty = [b for b in boxes if not any(_box_holds(b, g) for g in glyphs)]
    found = [t for t in found if not _has_bars([b for b in empty if _inside(b, t.bbox)])]
    # Rows found by alignment alone must not sit on a drawing: aligned labels of a chart are no table.
    drawings = [*marks, *(seg for seg in segments if seg[3] - seg[1] > s.table_double_rule_pt)]
    found = [t for t in found if t.ruling != "text" or not any(_overlaps(m, t.bbox) for m in drawings)]
    for table in found:
        table.page_height = height
        inside = [ln for ln in lines if _centre_in(ln, table.bbox)]
        table.lines_inside = inside
        outside = [ln for ln in lines if not _centre_in(ln, table.bbox)]
        _surroundings(table, outside, s)
        body = [ln for ln in outside if s.margin_share * height < ln.top < (1 - s.margin_share) * height]
        notes_end = table.bbox[3] + (s.table_caption_gap_em * s.default_body_size if table.notes else 0)
        table.ends_page = not any(ln.top > notes_end for ln in body if not NOTE.match(ln.text))
        table.opens_page = not any(ln.bottom < table.bbox[1] for ln in body)
    return sorted(found, key=lambda t: (t.bbox[1], t.bbox[0]))


def _segments(page: pdfplumber.page.Page) -> tuple[list[BBox], list[BBox], list[BBox]]:
    """The page's straight horizontal and vertical strokes (lines, rectangles' sides), and its plot marks.

    Plot marks are the curves and slanted lines a chart draws; a table draws none, which is how a chart's
    axes and gridlines are told from a table's rules. Boxes (filled or framed rectangles) are returned too:
    bars of a bar chart between a table's kind of rules.
    """
    mb_x0, mb_top, height = float(page.mediabox[0]), float(page.mediabox[1]), float(page.height)
    out: list[BBox] = []
    marks: list[BBox] = []
    boxes: list[BBox] = []
    for obj in drawn_objects(page.layout):
        x0, x1 = obj.x0 + mb_x0, obj.x1 + mb_x0
        top, bottom = height - obj.y1 + mb_top, height - obj.y0 + mb_top
        thin = min(x1 - x0, bottom - top) <= 2
        if isinstance(obj, LTRect) and not thin:
            out += [
                (x0, top, x1, top),
                (x0, bottom, x1, bottom),
                (x0, top, x0, bottom),
                (x1, top, x1, bottom),
            ]
        elif isinstance(obj, LTLine | LTRect) and thin:
            out.append((x0, top, x1, bottom))
        elif isinstance(obj, LTCurve):
            # A path of straight axis-aligned strokes (a grid drawn in one go) rules a table; a path with
            # a slanted or curved stroke is a chart's.
            strokes = _axis_strokes(obj.pts, mb_x0, mb_top, height)
            if strokes is None:
                marks.append((x0, top, x1, bottom))
            else:
                out += strokes
        if isinstance(obj, LTRect) and not thin and obj.fill and not _white(obj.non_stroking_color):
            boxes.append((x0, top, x1, bottom))  # a filled, coloured rectangle: maybe a bar
    return out, marks, boxes


def _box_holds(box: BBox, g: Glyph) -> bool:
    """True when a glyph's centre lies in a box."""
    return box[0] <= (g.x0 + g.x1) / 2 <= box[2] and box[1] <= (g.top + g.bottom) / 2 <= box[3]


def _distinct(found: list[PageTable], s: LayoutSettings) -> list[PageTable]:
    """One table per place on the page: of two finds that mostly overlap, the larger (a grid of ruling
    lines inside a table bounded by rules is a part of it, found twice)."""

    def area(b: BBox) -> float:
        return max(0, b[2] - b[0]) * max(0, b[3] - b[1])

    kept: list[PageTable] = []
    for table in sorted(found, key=lambda t: -area(t.bbox)):
        box = table.bbox
        for other in kept:
            o = other.bbox
            inter = (min(box[2], o[2]) - max(box[0], o[0]), min(box[3], o[3]) - max(box[1], o[1]))
            if inter[0] > 0 and inter[1] > 0 and inter[0] * inter[1] >= s.table_overlap_share * area(box):
                break
        else:
            kept.append(table)
    return kept


def _has_bars(boxes: list[BBox]) -> bool:
    """True when rectangles stand on one baseline (or start at one axis) with different lengths: bars.

    A table's shaded header cells share their top and their height; a bar chart's bars share the axis
    they rise from and differ in length.
    """
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            vertical = abs(a[3] - b[3]) <= 1 and abs((a[3] - a[1]) - (b[3] - b[1])) > 1
            horizontal = abs(a[0] - b[0]) <= 1 and abs((a[2] - a[0]) - (b[2] - b[0])) > 1
            if vertical or horizontal:
                return True
    return False


def _is_chart(table: PageTable, marks: list[BBox], lines: list[Line], s: LayoutSettings) -> bool:
    """True for a chart's frame: plot curves inside it, or a 'Figure N' caption right by it."""
    if any(_inside(m, table.bbox) for m in marks):
        return True
    x0, top, x1, bottom = table.bbox
    for ln in lines:
        if not _FIGURE.match(ln.text):
            continue
        # A figure's caption is centred on the whole figure: it need not overlap one box of a diagram.
        if ln.top > bottom and _only_figure_text_between(table, ln, lines, s):
            return True
        if ln.x1 < x0 or ln.x0 > x1:
            continue
        if -ln.size < top - ln.bottom < s.table_caption_gap_em * ln.size or -ln.size < ln.top - bottom < (
            s.table_caption_gap_em * ln.size
        ):
            return True
    first = next((row[0] for row in table.grid if row and row[0]), "") or ""
    return bool(_ALGORITHM.match(first))


# A LaTeX algorithm float draws a table's three rules around its pseudo-code.
_ALGORITHM = re.compile(r"^\s*(?:algorithm|procedure|listing|算法|过程)\s*\d", re.IGNORECASE)


def _text_size(lines: list[Line], s: LayoutSettings) -> float:
    """The page's running-text size: the size most of its characters are set in."""
    weight: dict[float, int] = {}
    for ln in lines:
        weight[ln.size] = weight.get(ln.size, 0) + len(ln.text)
    return max(weight, key=lambda k: weight[k]) if weight else s.default_body_size


def _only_figure_text_between(table: PageTable, caption: Line, lines: list[Line], s: LayoutSettings) -> bool:
    """True when nothing but a figure's small labels lies between a grid and the 'Figure N' caption under it.

    A diagram drawn with boxes makes a ruled grid; its caption comes under the whole figure, often further
    than a table's caption would be, with only the figure's labels (set smaller than the text) between.
    """
    if table.caption and CAPTION.match(table.caption):
        return False
    x0, x1 = min(table.bbox[0], caption.x0), max(table.bbox[2], caption.x1)
    bottom = table.bbox[3]
    body = _text_size(lines, s)
    between = [ln for ln in lines if ln.x1 > x0 and ln.x0 < x1 and bottom < ln.top < caption.top]
    if any(CAPTION.match(ln.text) for ln in between):
        return False  # another table lies between (its small type is a table's, not a figure's labels)
    return bool(between) and all(ln.size < s.table_figure_label_ratio * body for ln in between)


def _axis_strokes(
    pts: list[tuple[float, float]], mb_x0: float, mb_top: float, height: float
) -> list[BBox] | None:
    """The horizontal and vertical strokes between a path's points, or None when any stroke slants."""
    strokes: list[BBox] = []
    for (ax, ay), (bx, by) in pairwise(pts):
        if abs(ax - bx) > 1 and abs(ay - by) > 1:
            return None
        top, bottom = height - max(ay, by) + mb_top, height - min(ay, by) + mb_top
        strokes.append((min(ax, bx) + mb_x0, top, max(ax, bx) + mb_x0, bottom))
    return strokes


def _white(colour: object) -> bool:
    """True for a white (or unset) fill colour in gray, RGB or CMYK."""
    if not isinstance(colour, tuple | list) or not colour:
        return colour is None or colour == 1
    values = [float(v) for v in colour if isinstance(v, int | float)]
    if len(values) == 4:
        return all(v == 0 for v in values)
    return all(v >= 1 for v in values)


def _edge(seg: BBox) -> dict[str, object]:
    """A stroke as the line object pdfplumber's explicit table settings take (flat or upright exactly)."""
    x0, top, x1, bottom = seg
    if bottom - top <= x1 - x0:
        top = bottom = (top + bottom) / 2
    else:
        x0 = x1 = (x0 + x1) / 2
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _ruled_tables(
    page: pdfplumber.page.Page, glyphs: list[Glyph], segments: list[BBox], s: LayoutSettings
) -> list[PageTable | None]:
    """Tables drawn as a grid of ruling lines, by pdfplumber's own finder, with text from our glyphs."""
    # Our own strokes are handed to pdfplumber as explicit lines: its page.edges would convert every
    # object of the page (each character included) once more, a third of a page's reading time.
    flat = [_edge(seg) for seg in segments if seg[3] - seg[1] <= 2 and seg[2] - seg[0] > 2]
    upright = [_edge(seg) for seg in segments if seg[2] - seg[0] <= 2 and seg[3] - seg[1] > 2]
    if len(flat) < 2 or len(upright) < 2:
        return []
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": upright,
        "explicit_horizontal_lines": flat,
        "snap_tolerance": s.table_snap_tolerance,
        "join_tolerance": s.table_join_tolerance,
        "intersection_tolerance": s.table_intersection_tolerance,
        "text_x_tolerance": s.table_text_x_tolerance,
    }
    out: list[PageTable | None] = []
    for found in page.find_tables(table_settings=settings):
        rows = [list(row.cells) for row in found.rows]
        if len(rows) <= s.table_min_rows:
            rows = _rows_by_space(rows, glyphs, s)
        rows = [_split_on_columns(row, rows[-1], glyphs, s) for row in rows]
        grid = [[None if box is None else _text_in(glyphs, box, s) for box in row] for row in rows]
        grid = _trim(grid)
        if not _is_table(grid, s):
            continue
        xs = sorted({round(c[0], 1) for c in found.cells} | {round(c[2], 1) for c in found.cells})
        bbox = tuple(round(float(v), 2) for v in found.bbox)
        out.append(PageTable(page.page_number, bbox, grid, "lines", xs))  # type: ignore[arg-type]
    return out


def _split_on_columns(
    row: list[BBox | None], body: list[BBox | None], glyphs: list[Glyph], s: LayoutSettings
) -> list[BBox | None]:
    """Cut a row read as one cell across columns at the body's column lines, where its text parts there.

    A header row drawn on a shaded band without column lines reads as one merged cell; a heading centred
    over several columns, which no column line cuts between words, stays merged.
    """
    if None not in row or None in body or len(row) != len(body):
        return row
    box = next(b for b in row if b is not None)
    inside = [g for g in glyphs if _box_holds(box, g)]
    if not inside:
        return row
    columns = [b for b in body if b is not None]
    for a, b in pairwise(columns):
        edge = (a[2] + b[0]) / 2
        left = [g for g in inside if g.x1 <= edge]
        right = [g for g in inside if g.x0 >= edge]
        if any(g.x0 < edge < g.x1 for g in inside):
            return row
        if (
            left
            and right
            and min(g.x0 for g in right) - max(g.x1 for g in left) < s.table_cell_gap_em * inside[0].size
        ):
            return row
    parts: list[BBox | None] = [(c[0], box[1], c[2], box[3]) for c in columns]
    if sum(1 for p in parts if p is not None and any(_box_holds(p, g) for g in inside)) < 2:
        return row
    return parts


def _rows_by_space(
    rows: list[list[BBox | None]], glyphs: list[Glyph], s: LayoutSettings
) -> list[list[BBox | None]]:
    """Cut a grid ruled only between its columns into rows at the blank bands across all of them.

    Some tables draw column lines and a header but no line between rows; pdfplumber then sees one tall
    body row. Its rows are where the text of every column leaves a gap wider than a line's spacing.
    """
    body = rows[-1]
    boxes = [b for b in body if b is not None]
    if not boxes:
        return rows
    top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
    inside = [g for g in glyphs if top <= (g.top + g.bottom) / 2 <= bottom and boxes[0][0] <= g.x0]
    lines = _baseline_rows(inside, s.baseline_tolerance_em)
    if len(lines) < s.table_min_rows * 2:
        return rows
    bands: list[list[float]] = []
    for line in lines:
        lo, hi = min(g.top for g in line), max(g.bottom for g in line)
        size = max(g.size for g in line)
        if bands and lo - bands[-1][1] <= s.table_row_gap_em * size:
            bands[-1][1] = max(bands[-1][1], hi)
        else:
            bands.append([lo, hi])
    if len(bands) < s.table_min_rows:
        return rows
    cuts = [top, *((a[1] + b[0]) / 2 for a, b in pairwise(bands)), bottom]
    split = [[None if b is None else (b[0], y0, b[2], y1) for b in body] for y0, y1 in pairwise(cuts)]
    return [*rows[:-1], *split]


_ITEM_LABEL = re.compile(
    r"^\s*(?:[•·●▪■◆►–-]\s|\d{1,2}\s*[:：.)）]\s*\S|\(\d{1,2}\)|[（(][一二三四五六七八九十]+[)）])"
)


def _text_in(glyphs: list[Glyph], box: BBox, s: LayoutSettings) -> str:
    """The text of the glyphs whose centres fall in a box, line by line."""
    x0, top, x1, bottom = box
    inside = [g for g in glyphs if x0 <= (g.x0 + g.x1) / 2 <= x1 and top <= (g.top + g.bottom) / 2 <= bottom]
    rows = _baseline_rows(inside, s.baseline_tolerance_em)
    if not rows:
        return ""
    # A cell may list several items, one per line ("2: Follow a blueprint" / "4: Review a budget"): a line
    # that opens with an item label, or follows a line ending well short of the widest, starts a new item.
    widest = max(r[-1].x1 for r in rows) - min(r[0].x0 for r in rows)
    items: list[list[str]] = [[glyph_text(rows[0], s)]]
    for prev, row in pairwise(rows):
        text = glyph_text(row, s)
        short = prev[-1].x1 - prev[0].x0 < s.table_item_line_share * widest
        if _ITEM_LABEL.match(text) or (short and len(rows) > 2):
            items.append([text])
        else:
            items[-1].append(text)
    return "\n".join(join_lines(item) for item in items)


class _Placed(Protocol):
    """Anything set on a baseline: a glyph, a line, a cell piece."""

    x0: float
    bottom: float
    size: float


_P = TypeVar("_P", bound=_Placed)


def _baseline_rows(items: list[_P], tolerance_em: float) -> list[list[_P]]:
    """Items grouped by baseline (bottoms within ``tolerance_em`` of the row's first), top to bottom,
    each row left to right."""
    rows: list[list[_P]] = []
    for item in sorted(items, key=lambda it: it.bottom):
        if rows and item.bottom - rows[-1][0].bottom <= tolerance_em * item.size:
            rows[-1].append(item)
        else:
            rows.append([item])
    for row in rows:
        row.sort(key=lambda it: it.x0)
    return rows


def _trim(grid: list[list[str | None]]) -> list[list[str | None]]:
    """Drop rows and columns with no text at all."""
    grid = [row for row in grid if any(c for c in row)]
    if not grid:
        return grid
    keep = [j for j in range(len(grid[0])) if any(row[j] for row in grid)]
    return [[row[j] for j in keep] for row in grid]


def _is_table(grid: list[list[str | None]], s: LayoutSettings) -> bool:
    """True for a grid with enough rows and columns of text to be a table rather than a framed box."""
    if len(grid) < s.table_min_rows or not grid or len(grid[0]) < s.table_min_cols:
        return False
    filled_rows = sum(1 for row in grid if sum(1 for c in row if c) >= 2)
    places = [c for row in grid for c in row if c is not None]
    # A chart's frame and gridlines make a grid too, but one whose cells are mostly blank.
    dense = sum(1 for c in places if c) >= s.table_min_fill_share * len(places)
    return filled_rows >= s.table_min_rows and dense and not _is_list(grid) and not _is_equations(grid)


_LIST_LABEL = re.compile(r"^(?:[•·●○▪■□◆◇►▶✓✔–—\-*]|\(?[0-9]{1,2}[.):：]|\(?[a-zA-Z][.)]|\([ivx]+\))$")


_EQUATION_NUMBER = re.compile(r"^[(（]\s*\d{1,3}[a-z]?\s*[)）]$")


def _is_equations(grid: list[list[str | None]]) -> bool:
    """True for display equations between rules: the last column holds only equation numbers ("(6)")."""
    last = [row[-1] for row in grid if row[-1]]
    return bool(last) and all(_EQUATION_NUMBER.match(c.strip()) for c in last)


def _is_list(grid: list[list[str | None]]) -> bool:
    """True for a bulleted or numbered list set in a box: a marker column and one column of text.

    A table whose rows are numbered has more columns than that, and stays a table.
    """
    if len(grid[0]) != 2:
        return False
    labels = [row[0] for row in grid if row[0] and any(row[1:])]  # a title row across the box aside
    # U+FFFD is a glyph the PDF gave no text for (a Greek symbol, say): a row label, not a bullet.
    markers = [c.strip() for c in labels if "\ufffd" not in c]
    return (
        bool(markers)
        and len(markers) == len(labels)
        and all(_LIST_LABEL.match(c) or is_list_marker(c) for c in markers)
    )


def _rule_groups(
    segments: list[BBox], width: float, taken: list[BBox], s: LayoutSettings
) -> list[list[BBox]]:
    """Stacks of three or more aligned rules (top, under the header, bottom) outside ruled tables."""
    flat = [seg for seg in segments if seg[3] - seg[1] < 2 and seg[2] > seg[0]]
    rules = sorted(
        (seg for seg in _join_collinear(flat, s) if seg[2] - seg[0] >= s.table_rule_min_share * width),
        key=lambda r: r[1],
    )
    rules = [r for r in rules if not any(_inside((r[0], r[1], r[2], r[3]), t) for t in taken)]
    merged: list[BBox] = []
    for r in rules:
        if merged and r[1] - merged[-1][1] <= s.table_double_rule_pt and _aligned(r, merged[-1], s):
            continue
        merged.append(r)
    groups: list[list[BBox]] = []
    for r in merged:
        for group in groups:
            last = group[-1]
            if _aligned(r, last, s) and r[1] - last[1] <= s.table_max_rule_gap_em * s.default_body_size:
                group.append(r)
                break
        else:
            groups.append([r])
    return [group for group in groups if len(group) >= 3]


def _captioned_tables(
    page: int, lines: list[Line], taken: list[BBox], width: float, s: LayoutSettings, pieces: Pieces
) -> list[PageTable]:
    """Tables with neither grid nor rules: the aligned rows under a 'Table N' caption, down to the prose.

    The caption's column bounds the table (a caption in one half of a two-column page heads a table in
    that column); the rows run down while they are set close together and none is a line of prose.
    """
    out: list[PageTable] = []
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    for cap in ordered:
        boxes = [*taken, *(t.bbox for t in out)]
        if not CAPTION.match(cap.text) or any(_centre_in(cap, b) or _captions(cap, b, s) for b in boxes):
            continue
        lo, hi = _caption_column(cap, width, s)
        below = [
            ln for ln in ordered if ln.top >= cap.bottom - 1 and ln.x0 >= lo and ln.x1 <= hi and ln is not cap
        ]
        rows = _baseline_rows(below, s.same_row_em)
        # Prose fills the column's text width (the page's margins aside), measured on the column's lines.
        inner = [ln for ln in ordered if ln.x0 >= lo and ln.x1 <= hi]
        lo_text, hi_text = min(ln.x0 for ln in inner), max(ln.x1 for ln in inner)
        kept: list[list[Line]] = []
        edge = cap.bottom
        for row in rows:
            top = min(ln.top for ln in row)
            size = max(ln.size for ln in row)
            text = " ".join(ln.text for ln in row)
            if top - edge > s.table_caption_gap_em * size or NOTE.match(text) or _FIGURE.match(text):
                break
            if CAPTION.match(text) and kept:
                break
            if any(_prose_line(ln, lo_text, hi_text, s, pieces) for ln in row):
                break
            # A table's body is set in one size: text in another size after it is the page's again.
            body_size = _median([max(ln.size for ln in r) for r in kept[1:]]) if len(kept) > 1 else 0
            if body_size and abs(size - body_size) > s.table_size_change_share * body_size:
                break
            kept.append(row)
            edge = max(ln.bottom for ln in row)
        if sum(1 for row in kept if sum(len(pieces[id(ln)]) for ln in row) >= 2) < s.table_min_rows + 1:
            continue
        inside = [ln for row in kept for ln in row]
        bbox = (
            min(ln.x0 for ln in inside),
            min(ln.top for ln in inside),
            max(ln.x1 for ln in inside),
            max(ln.bottom for ln in inside),
        )
        table = _aligned_table(page, bbox, [], inside, s, pieces)
        if table is not None and not any(_overlaps(table.bbox, b) for b in boxes):
            table.ruling = "text"
            out.append(table)
    return out


def _captions(cap: Line, box: BBox, s: LayoutSettings) -> bool:
    """True when a caption line sits right above or right under a table already found."""
    overlaps = cap.x1 > box[0] and cap.x0 < box[2]
    gap = s.table_caption_gap_em * cap.size
    return overlaps and (0 <= box[1] - cap.bottom <= gap or 0 <= cap.top - box[3] <= gap)


def _median(values: list[float]) -> float:
    """The middle value (the upper one of an even count)."""
    return sorted(values)[len(values) // 2]


def _caption_column(cap: Line, width: float, s: LayoutSettings) -> tuple[float, float]:
    """The x range of the column a caption heads: a half of the page, or the whole width."""
    middle = width / 2
    slack = s.table_column_slack_share * width
    if abs((cap.x0 + cap.x1) / 2 - middle) <= slack:
        return 0, width  # centred on the page: it heads a table across the page
    if cap.x1 <= middle + slack:
        return 0, middle + slack
    if cap.x0 >= middle - slack:
        return middle - slack, width
    return 0, width


def _prose_line(ln: Line, lo: float, hi: float, s: LayoutSettings, pieces: Pieces) -> bool:
    """True for a line of running text: it fills most of its column and reads as words.

    A labelled line (a list item, a numbered reference: "[5]  Author, Title …") is prose too: one of its
    pieces alone runs over most of the column with a sentence's length.
    """
    fills = ln.x1 - ln.x0 >= s.table_prose_width_share * (hi - lo)
    own = pieces[id(ln)]
    if fills and len(own) == 1 and len(ln.text) > s.table_prose_cell_chars:
        return True
    return any(
        p.x1 - p.x0 >= s.table_sentence_piece_share * (hi - lo) and len(p.text) > s.table_prose_cell_chars
        for p in own
    )


def _join_collinear(flat: list[BBox], s: LayoutSettings) -> list[BBox]:
    """Horizontal segments on one height that touch or nearly touch, joined into one rule."""
    out: list[list[float]] = []
    for seg in sorted(flat, key=lambda r: (round(r[1]), r[0])):
        last = out[-1] if out else None
        if last and abs(seg[1] - last[1]) <= 1 and seg[0] - last[2] <= s.table_join_tolerance:
            last[2] = max(last[2], seg[2])
        else:
            out.append(list(seg))
    return [(a, b, c, d) for a, b, c, d in out]


def _tables_between_rules(
    page: int, rules: list[BBox], lines: list[Line], s: LayoutSettings, pieces: Pieces
) -> list[PageTable]:
    """The tables a stack of rules bounds: each from a top rule, over a short header, to a lower rule.

    A page may also draw rules under its running head or above its footnotes, in line with a table's:
    a span is a table only when its header (top rule to the next) is a few rows and its cells are no prose,
    so the widest such span from each top rule is taken, and the search goes on below it.
    """
    out: list[PageTable] = []
    i = 0
    while i <= len(rules) - 3:
        for j in range(len(rules) - 1, i + 1, -1):
            span = rules[i : j + 1]
            x0, x1 = min(r[0] for r in span), max(r[2] for r in span)
            inner = [r[1] for r in span[1:-1]]
            table = _aligned_table(page, (x0, span[0][1], x1, span[-1][1]), inner, lines, s, pieces)
            if table is not None and table.header_rows <= s.table_max_header_rows:
                out.append(table)
                i = j
                break
        i += 1
    return out


def _aligned(a: BBox, b: BBox, s: LayoutSettings) -> bool:
    """True when two rules start and end at the same x."""
    return abs(a[0] - b[0]) <= s.table_rule_align_pt and abs(a[2] - b[2]) <= s.table_rule_align_pt


def _inside(box: BBox, outer: BBox, slack: float = 2) -> bool:
    """True when a box lies within another."""
    return (
        box[0] >= outer[0] - slack
        and box[1] >= outer[1] - slack
        and box[2] <= outer[2] + slack
        and box[3] <= outer[3] + slack
    )


def _overlaps(box: BBox, outer: BBox) -> bool:
    """True when a drawn object crosses into a box (touching its edge aside)."""
    return box[0] < outer[2] - 1 and box[2] > outer[0] + 1 and box[1] < outer[3] - 1 and box[3] > outer[1] + 1


def _centre_in(ln: Line, box: BBox) -> bool:
    """True when a line's centre lies in a box."""
    cx, cy = (ln.x0 + ln.x1) / 2, (ln.top + ln.bottom) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1


@dataclass
class _Piece:
    """A run of a line's glyphs without a cell-sized gap: the text of one cell on one baseline."""

    glyphs: list[Glyph]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str


def _pieces(line: Line, s: LayoutSettings) -> list[_Piece]:
    """Split a line at glyph gaps wide enough to separate two cells."""
    runs: list[list[Glyph]] = [[line.glyphs[0]]]
    for g in line.glyphs[1:]:
        prev = runs[-1][-1]
        if g.x0 - prev.x1 > s.table_cell_gap_em * max(g.size, prev.size):
            runs.append([g])
        else:
            runs[-1].append(g)
    return [
        _Piece(
            run,
            min(g.x0 for g in run),
            max(g.x1 for g in run),
            min(g.top for g in run),
            max(g.bottom for g in run),
            line.size,
            glyph_text(run, s),
        )
        for run in runs
    ]


def _aligned_table(
    page: int, bbox: BBox, inner_rules: list[float], lines: list[Line], s: LayoutSettings, pieces: Pieces
) -> PageTable | None:
    """A table between horizontal rules: rows by baseline, columns by the gaps no body row prints in."""
    inside = [ln for ln in lines if _centre_in(ln, bbox) and ln.glyphs]
    if not inside:
        return None
    size = _median([ln.size for ln in inside])
    # A header is a few rows: a first rule far above the next one is a page's head rule, not a table's.
    if inner_rules and inner_rules[0] - bbox[1] > s.table_max_header_rows * s.default_pitch_ratio * 2 * size:
        return None
    cut = [p for ln in inside for p in pieces[id(ln)]]
    rows = _baseline_rows(cut, s.same_row_em)
    header_end = inner_rules[0] if inner_rules else bbox[1]
    body = [r for r in rows if r[0].top >= header_end - 1]
    if not body:
        return None
    # A line of prose in the span (not a note) means the lower rule is the page's, not the table's: a
    # table's cell wraps long before a sentence-length line.
    width = bbox[2] - bbox[0]
    for r in body:
        text = " ".join(p.text for p in r)
        if NOTE.match(text) or CAPTION.match(text):
            continue
        long_line = any(len(p.text) > s.table_prose_line_chars for p in r)
        sentence = any(
            p.x1 - p.x0 >= s.table_sentence_piece_share * width and len(p.text) > s.table_prose_cell_chars
            for p in r
        )
        if long_line or sentence:
            return None
    size = _median([p.size for p in cut])
    # Rows of one piece (a section label across the table, a note) say nothing of where columns part.
    gridded = [r for r in body if len(r) >= 2] or body
    columns = _columns(gridded, s.table_column_gap_em * size, s)
    if len(columns) < s.table_min_cols:
        return None
    grid: list[list[str | None]] = []
    header_rows = sum(1 for r in rows if r[0].top < header_end - 1)
    for i, row in enumerate(rows):
        cells: list[str | None] = [""] * len(columns)
        upper_header = i < header_rows - 1
        for p in row:
            span = [j for j, (a, b) in enumerate(columns) if p.x0 < b and p.x1 > a] or [_nearest(columns, p)]
            centre = (p.x0 + p.x1) / 2
            # A header centred over the gap between two columns spans both ("2021" over Value | Share).
            for j in range(len(columns) - 1 if upper_header else 0):
                if columns[j][1] <= centre <= columns[j + 1][0]:
                    span = sorted({*span, j, j + 1})
            first = span[0]
            cells[first] = f"{cells[first]} {p.text}".strip() if cells[first] else p.text
            for j in span[1:]:
                if not cells[j]:
                    cells[j] = None
        grid.append(cells)
    grid, header_rows = _merge_wrapped(grid, header_rows)
    grid, columns = _join_interval_columns(grid, header_rows, columns)
    if not _is_table(grid, s) or _is_prose(grid, s):
        return None
    edges = [
        columns[0][0],
        *[(a[1] + b[0]) / 2 for a, b in pairwise(columns)],
        columns[-1][1],
    ]
    return PageTable(page, bbox, grid, "rules", edges, header_rows)


_INTERVAL = re.compile(r"^[\[(]\s*[-−]?\d[\d.,]*\s*[,;]\s*[-−]?\d[\d.,]*\s*[\])]$")


def _join_interval_columns(
    grid: list[list[str | None]], header_rows: int, columns: list[tuple[float, float]]
) -> tuple[list[list[str | None]], list[tuple[float, float]]]:
    """Join a column of intervals ("[0.81, 0.97]") to the estimates left of it: one cell each."""
    j = 1
    while j < len(columns):
        body = [row[j] for row in grid[header_rows:] if row[j]]
        heads = [row[j] for row in grid[:header_rows] if row[j]]
        # The interval column is headless or headed by its own bracket ("[05, 95]" beside "Mean").
        bracketed = all(re.match(r"^[\[(].*[\])]$", h.strip()) for h in heads)
        if body and bracketed and all(_INTERVAL.match(c) for c in body):
            for row in grid:
                if row[j]:
                    row[j - 1] = f"{row[j - 1] or ''} {row[j]}".strip()
                del row[j]
            columns = [*columns[: j - 1], (columns[j - 1][0], columns[j][1]), *columns[j + 1 :]]
        else:
            j += 1
    return grid, columns


def _columns(rows: list[list[_Piece]], min_gap: float, s: LayoutSettings) -> list[tuple[float, float]]:
    """The x ranges the body rows print in, split where at least min_gap is blank in nearly every row.

    A gap counts as blank when no more than ``table_gap_noise_share`` of the rows print across it, so one
    long cell that runs over a gutter does not join two columns.
    """
    lo = int(min(p.x0 for r in rows for p in r))
    hi = int(max(p.x1 for r in rows for p in r)) + 1
    counts = [0] * (hi - lo + 1)
    for row in rows:
        marked = set()
        for p in row:
            marked.update(range(int(p.x0) - lo, int(p.x1) - lo + 1))
        for x in marked:
            counts[x] += 1
    noise = s.table_gap_noise_share * len(rows)
    columns: list[list[float]] = []
    blank = 0
    for x, n in enumerate(counts):
        if n > noise:
            if columns and blank < min_gap:
                columns[-1][1] = x + lo
            else:
                columns.append([x + lo, x + lo])
            blank = 0
        else:
            blank += 1
    return [(a, b + 1) for a, b in columns]


def _nearest(columns: list[tuple[float, float]], p: _Piece) -> int:
    """The column whose range is nearest a piece printed in a gap."""
    centre = (p.x0 + p.x1) / 2
    return min(
        range(len(columns)), key=lambda j: min(abs(centre - columns[j][0]), abs(centre - columns[j][1]))
    )


def _merge_wrapped(grid: list[list[str | None]], header_rows: int) -> tuple[list[list[str | None]], int]:
    """Join body rows that only continue the row above (a wrapped label or text cell) into it."""
    out: list[list[str | None]] = grid[:header_rows]
    for i, row in enumerate(grid[header_rows:], start=header_rows):
        filled = [j for j, c in enumerate(row) if c]
        prev = out[-1] if len(out) > header_rows else None
        wraps = (
            prev is not None
            and filled
            and all(not _numeric(row[j]) and prev[j] for j in filled)
            and (filled != [0] or _continues(prev[0] or "", row[0] or ""))
            and (filled == [0] or not row[0])
        )
        if wraps and prev is not None:
            for j in filled:
                prev[j] = join_lines([prev[j] or "", row[j] or ""])
        else:
            out.append(list(row))
        del i
    return out, header_rows


_CONNECTOR_END = re.compile(r"(?:[,;\-–/&(]|\b(?:and|or|of|the|in|for|to|with|by|on|a|an))$", re.IGNORECASE)


def _continues(above: str, below: str) -> bool:
    """True when a first-column line reads as the wrapped end of the label above it."""
    return bool(below) and (below[0].islower() or bool(_CONNECTOR_END.search(above.strip())))


_NUMBER = re.compile(r"^[\s(\[〔]*[-−–+]?[$€£¥]?\d[\d,.\s]*%?[)\]〕]*\**$")


def _numeric(text: str | None) -> bool:
    """True for a cell that is a number (with sign, brackets, stars or a percent sign)."""
    return bool(text) and bool(_NUMBER.match(text or ""))


_SENTENCE_PUNCTUATION = re.compile(r"[，。；：、]|[a-z]{2}[.;,] [a-z]")


def _is_prose(grid: list[list[str | None]], s: LayoutSettings) -> bool:
    """True for running text that happens to sit between rules: long or punctuated cells, few numbers."""
    cells = [c for row in grid for c in row if c]
    numbers = sum(1 for c in cells if _numeric(c))
    wordy = sum(1 for c in cells if len(c) > s.table_prose_cell_chars or _SENTENCE_PUNCTUATION.search(c))
    return numbers * 5 < len(cells) and wordy * 2 > len(cells)


def _chain_above(lines: list[Line], top: float, s: LayoutSettings) -> list[Line]:
    """The lines stacked closely above a table, nearest first (at most four)."""
    chain: list[Line] = []
    edge = top
    for ln in sorted((ln for ln in lines if ln.bottom <= top + 1), key=lambda ln: -ln.bottom)[:4]:
        if edge - ln.bottom > s.table_caption_gap_em * ln.size:
            break
        chain.append(ln)
        edge = ln.top
    return chain


def _surroundings(table: PageTable, outside: list[Line], s: LayoutSettings) -> None:
    """Attach the caption above (or below), a units line and the notes printed under the table."""
    x0, top, x1, bottom = table.bbox
    over = [ln for ln in outside if ln.x1 > x0 and ln.x0 < x1]
    chain = _chain_above(over, top, s)
    caption_at = next((i for i, ln in enumerate(chain) if CAPTION.match(ln.text)), None)
    if caption_at is None:
        # A caption may start left of a narrow centred table, outside its columns (a table beside
        # another has its own caption over it, found above).
        chain = _chain_above(
            [*over, *(ln for ln in outside if CAPTION.match(ln.text) and ln not in over)], top, s
        )
        caption_at = next((i for i, ln in enumerate(chain) if CAPTION.match(ln.text)), None)
    below = sorted((ln for ln in over if ln.top >= bottom - 1), key=lambda ln: ln.top)
    units = [
        ln for ln in chain[: (caption_at if caption_at is not None else 1) + 1] if UNIT_LINE.match(ln.text)
    ]
    if units:
        table.unit_line = units[0].text
    if caption_at is not None:
        caption_at = _bilingual_caption(chain, caption_at)
        rows = [ln for ln in chain[: caption_at + 1] if ln not in units]
        # One line per baseline: _with_row gathers the pieces a wide gap split off it.
        lines_of = [ln for ln in rows if not any(_same_baseline(ln, o, s) and o.x0 < ln.x0 for o in rows)]
        table.caption = join_lines([_with_row(ln, outside, table.bbox, s) for ln in reversed(lines_of)])
    elif chain and chain[0] not in units and _title_like(chain[0], table, s):
        table.caption = chain[0].text
    if not table.caption:
        _caption_below(table, below, s)
    notes: list[str] = []
    edge = bottom
    for ln in below[:12]:
        gap = ln.top - edge
        # The first note may sit a caption's distance below; its next lines follow at the line pitch.
        if gap > (s.gap_min_em if notes else s.table_caption_gap_em) * ln.size:
            break
        if not notes and not table.caption and CAPTION.match(ln.text):
            table.caption = ln.text  # a caption printed under its table
            edge = ln.bottom
            continue
        if not notes and not NOTE.match(ln.text):
            break
        if notes and _FIGURE.match(ln.text):
            break
        notes.append(ln.text)
        edge = ln.bottom
    table.notes = table.notes or join_lines(notes)


def _same_baseline(a: Line, b: Line, s: LayoutSettings) -> bool:
    """True for two lines on one baseline (pieces of a row a wide gap split)."""
    return abs(a.bottom - b.bottom) <= s.baseline_tolerance_em * a.size


def _bilingual_caption(chain: list[Line], caption_at: int) -> int:
    """The farthest caption line above that names the same table: "表1 …" over "Table 1 …" is one caption.

    Chinese journals print each caption twice, in Chinese and in English; the lines between them are the
    first caption's wrapped end or the pieces of a row a wide gap split (after "表 1").
    """
    same = [k for k in range(caption_at + 1, len(chain)) if _same_number(chain[k], chain[caption_at])]
    return same[-1] if same else caption_at


def _same_number(upper: Line, lower: Line) -> bool:
    """True when two caption lines name the same table number (one caption printed in two languages)."""
    labels = [
        _TABLE_NUMBER.search(m.group(0)) for m in (CAPTION.match(upper.text), CAPTION.match(lower.text)) if m
    ]
    numbers = [m.group(0).replace(".", "").upper() for m in labels if m]
    return len(numbers) == 2 and numbers[0] == numbers[1]  # "Table A1" and "Table 1" are two tables


_TABLE_NUMBER = re.compile(_TABLE_LABEL + "$", re.IGNORECASE)


def _caption_below(table: PageTable, below: list[Line], s: LayoutSettings) -> None:
    """Take a 'Table N' caption printed under the table, after a legend set close to it, as its caption."""
    edge = table.bbox[3]
    legend: list[str] = []
    for ln in below[: s.table_legend_max_lines + 1]:
        if ln.top - edge > s.table_caption_gap_em * ln.size:
            return
        if CAPTION.match(ln.text):
            table.caption = ln.text
            table.notes = join_lines(legend)
            return
        legend.append(ln.text)
        edge = ln.bottom


def _with_row(ln: Line, lines: list[Line], box: BBox, s: LayoutSettings) -> str:
    """A caption line's text with the pieces of its baseline a wide gap split off ("表 2   Title")."""
    row = [
        o
        for o in lines
        if abs(o.bottom - ln.bottom) <= s.baseline_tolerance_em * ln.size and o.x0 >= ln.x0 and o.x0 < box[2]
    ]
    pieces: list[str] = []
    for o in sorted(row, key=lambda o: o.x0):
        if pieces and CAPTION.match(o.text):
            break  # the caption of the table beside this one
        pieces.append(o.text)
    return " ".join(pieces)


def _title_like(ln: Line, table: PageTable, s: LayoutSettings) -> bool:
    """True for a short bold or centred line right above a table: a caption without 'Table N'."""
    width = table.bbox[2] - table.bbox[0]
    centre = (table.bbox[0] + table.bbox[2]) / 2
    centred = (
        abs((ln.x0 + ln.x1) / 2 - centre) < s.table_caption_centre_share * width
        and ln.x1 - ln.x0 < s.table_caption_width_share * width
    )
    ends_sentence = ln.text.rstrip().endswith((".", "。", ":", "：", ";", "；"))
    return (ln.bold or centred) and not ends_sentence and len(ln.text) < 200
