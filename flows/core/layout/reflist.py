"""Reference lists from layout lines: the heading, the lines of the list, and its entries split by style.

A list starts at its heading (References, Bibliography, 参考文献 ..., also numbered, spaced or letter-spaced)
and runs until back matter, a caption, another heading or text of another size ends it; page furniture
inside it (a download footer, a filler rule) is set aside. Label-only lines ("[2]" set off by a tab) and
justified lines that the gutter test cut into words are joined back onto their rows first. Entries are
then split by the list's own style (numbers, hanging indent, first-line indent, or extra space between
entries) and carry on across column and page breaks. What follows the last entry-like entry (tables, an
appendix) goes back to ordinary paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from flows.core.layout.lines import Line
from flows.core.layout.order import Region
from flows.core.layout.refsplit import (
    AUTHOR_START,
    LABEL,
    Row,
    label_number,
    opens_list,
    shaped_like_list,
    split_entries,
    trim_entries,
)
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.vocabulary import (
    HAN_BASIC_CLASS,
    REFERENCE_LIST_ENDS,
    REFERENCE_LIST_HEADINGS,
    REFERENCE_NOTE_HEADINGS,
)

# The distances and shares are LayoutSettings' reflist_* fields; these are counts.
_MAX_FURNITURE_LINES = 3  # a longer run of foreign text ends the list
_FLOAT_MAX_LINES = 150  # a numbered list resumes within this many lines after a float, or has ended
_HEADING_MAX_CHARS = 40  # a longer line is text, not a reference heading
_END_MAX_CHARS = 80  # a back-matter heading that ends the list is no longer than this

_LABEL_ONLY = re.compile(LABEL.pattern + r"[\s.．摇]*$")
_HEADING_NUMBER = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivxlc]{1,6}\.|[a-h][.:]|[一二三四五六七八九十]{1,3}[、.．]|"
    r"第[一二三四五六七八九十\d]{1,3}[章节部分])"
)
_CAPTION = re.compile(r"^\s*(?:fig(?:ure)?\.?|table|chart|exhibit|图|表)\s*[A-Z]?\d+", re.IGNORECASE)
_LETTER = re.compile(rf"[^\W\d_]|{HAN_BASIC_CLASS}")
_WORD = re.compile(rf"[^\W\d_]{{2}}|{HAN_BASIC_CLASS}")


@dataclass(slots=True)
class ReferenceList:
    """A reference list read from the line stream: its heading, its paragraphs in order, what it consumed."""

    heading: list[Line]
    order: list[tuple[int, str, list[Line]]]  # (stream position, "reference" | "footnote", lines)
    consumed: set[int]


Stream = list[tuple[Line, Region]]


def compact(text: str) -> str:
    """Heading text for comparison: lower case, no spaces, brackets, numbering or trailing colon."""
    text = re.sub(r"\s+", "", text).lower().strip("[]【】〔〕()（）")
    text = _HEADING_NUMBER.sub("", text)
    return text.strip("[]【】〔〕()（）:：.。")


def heading_kind(text: str) -> str | None:
    """'list' for a reference-list heading, 'notes' for a 注释 heading that may hold one, else None."""
    if len(text) > _HEADING_MAX_CHARS:
        return None
    key = compact(text)
    if key in REFERENCE_LIST_HEADINGS:
        return "list"
    return "notes" if key in REFERENCE_NOTE_HEADINGS else None


def is_reference_heading(text: str) -> bool:
    """True for a reference-list heading as printed ("7 References", "参 考 文 献", "REFERENCES:")."""
    return heading_kind(text) is not None


def _heading_span(stream: Stream, k: int, s: LayoutSettings) -> tuple[int, str | None]:
    """How many stream lines from k form a reference heading (letter-spaced pieces on a row), and its kind."""
    first = stream[k][0]
    if len(first.text) > _HEADING_MAX_CHARS:
        return 0, None
    parts = [first]
    for line, _ in stream[k + 1 : k + 12]:
        last = parts[-1]
        same_row = (
            line.page == first.page and abs(line.top - first.top) < s.reflist_heading_row_em * first.size
        )
        if not same_row or not 0 <= line.x0 - last.x1 + 1 <= s.reflist_heading_reach_em * first.size:
            break
        parts.append(line)
    for n in range(len(parts), 0, -1):
        kind = heading_kind("".join(p.text for p in parts[:n]))
        if kind:
            return n, kind
    return 0, None


def _foreign(line: Line, size: float, s: LayoutSettings) -> bool:
    """True for text set in another size than the list's."""
    return bool(_LETTER.search(line.text)) and abs(line.size - size) > s.reflist_size_share * size


def _filler(line: Line) -> bool:
    """True for a line without words: a rule, dots, or one glyph repeated (a mis-mapped filler)."""
    text = re.sub(r"\s", "", line.text)
    return not re.search(rf"[^\W_]|{HAN_BASIC_CLASS}", text) or (len(text) >= 3 and len(set(text)) == 1)


def _list_size(stream: Stream, begin: int) -> float:
    """The list's font size: the median size of its first lines with words."""
    sizes = sorted(ln.size for ln, _ in stream[begin : begin + 12] if _LETTER.search(ln.text))
    return sizes[len(sizes) // 2] if sizes else stream[begin][0].size


def _stop(stream: Stream, begin: int, size: float, s: LayoutSettings) -> tuple[int, set[int]]:
    """Where the list's lines end (back matter, caption, heading, foreign text), and its furniture lines.

    In a numbered list a float (a caption, a table in another size) that the next number follows on the
    same or a later page is set aside as furniture: the list goes on after it.
    """
    furniture: set[int] = set()
    first = [ln for ln, _ in stream[begin : begin + 12] if _WORD.search(ln.text)]
    bold_list = sum(ln.bold for ln in first) > s.reflist_bold_share * len(first)
    last_label = 0
    j = begin
    while j < len(stream):
        line, region = stream[j]
        text = line.text.strip()
        if _ends_list(stream, j, bold_list, s):
            return j, furniture
        run = j
        if stream[j - 1][1] is not region and _CAPTION.match(text):
            run = j + 1
        elif _foreign(line, size, s):
            while (
                run < len(stream) and stream[run][0].page == line.page and _foreign(stream[run][0], size, s)
            ):
                run += 1
            at_page_end = run < len(stream) and stream[run][0].page != line.page
            # A footer in another size at the foot of a page, or one line a little off (the noise of an
            # OCR text layer), leaves the list going; two lines or a larger short line (a heading) may not.
            heading = line.size > s.reflist_heading_ratio * size and len(text) <= _END_MAX_CHARS
            if at_page_end and run - j <= _MAX_FURNITURE_LINES:
                furniture.update(range(j, run))
                j = run
                continue
            if run - j < 2 and not heading:
                run = j
        if run > j:
            resume = _resumes(stream, run, last_label, bold_list, s) if last_label else None
            if resume is None:
                return j, furniture
            furniture.update(range(j, resume))
            j = resume
            continue
        if _filler(line):
            furniture.add(j)
        n = label_number(text)
        if n is not None and last_label < n <= last_label + 5:
            last_label = n
        j += 1
    return j, furniture


def _ends_list(stream: Stream, j: int, bold_list: bool, s: LayoutSettings) -> bool:
    """True at another reference heading, a back-matter heading, or a bold heading in a roman list."""
    line = stream[j][0]
    text = line.text.strip()
    if _heading_span(stream, j, s)[0]:
        return True
    short = len(text) <= _END_MAX_CHARS and not text.endswith((",", ";"))
    if short and REFERENCE_LIST_ENDS.match(compact(text)):
        return True
    # A bold line in a list set in roman is a heading ("A  Proofs"), unless it is a bold label.
    return bool(short and line.bold and not bold_list and _WORD.search(text) and label_number(text) is None)


def _resumes(stream: Stream, j: int, last_label: int, bold_list: bool, s: LayoutSettings) -> int | None:
    """Where a numbered list goes on after a float: the line with the next number, if it comes soon."""
    for m in range(j, min(len(stream), j + _FLOAT_MAX_LINES)):
        if _ends_list(stream, m, bold_list, s):
            return None
        if label_number(stream[m][0].text) == last_label + 1:
            return m
    return None


def _joined(lines: list[Line]) -> Line:
    """One line made of the glyphs of several pieces of a row."""
    merged = Line(page=lines[0].page, glyphs=[g for ln in lines for g in ln.glyphs])
    merged.citations = [c for ln in lines for c in ln.citations]
    merged.refresh()
    return merged


def _overlap(a: Line, b: Line, s: LayoutSettings) -> bool:
    """True when two lines share a row (vertical overlap of at least a share of the lower one)."""
    inter = min(a.bottom, b.bottom) - max(a.top, b.top)
    return inter >= s.reflist_row_overlap_share * min(a.bottom - a.top, b.bottom - b.top)


def rows(stream: Stream, positions: list[int], s: LayoutSettings = DEFAULT_LAYOUT) -> list[Row]:
    """Visual rows of the list: labels joined to the text on their row, justified pieces joined up."""
    out = [Row(stream[i][0], i, [i]) for i in positions]
    by_page: dict[int, list[Row]] = {}
    for row in out:
        by_page.setdefault(row.line.page, []).append(row)
    gone: set[int] = set()
    for page_rows in by_page.values():
        _join_labels(page_rows, gone, s)
        _join_fragments(page_rows, stream, gone, s)
    return sorted((r for r in out if id(r) not in gone), key=lambda r: r.index)


def _join_labels(page_rows: list[Row], gone: set[int], s: LayoutSettings) -> None:
    """Join a label printed as a line of its own ("[2]" before a tab) to the text on its row."""
    for lab in page_rows:
        if id(lab) in gone or not _LABEL_ONLY.match(lab.line.text):
            continue
        reach = s.reflist_label_reach_em * lab.line.size
        mates = [
            r
            for r in page_rows
            if r is not lab
            and id(r) not in gone
            and not _LABEL_ONLY.match(r.line.text)
            and _overlap(r.line, lab.line, s)
            and 0 <= r.line.x0 - lab.line.x1 <= reach
        ]
        if mates:
            mate = min(mates, key=lambda r: r.line.x0 - lab.line.x1)
            mate.line = _joined([lab.line, mate.line])
            mate.parts.extend(lab.parts)
            gone.add(id(lab))


def _join_fragments(page_rows: list[Row], stream: Stream, gone: set[int], s: LayoutSettings) -> None:
    """Join the pieces of a justified row that the gutter test cut apart, inside one column."""
    columns = [
        (r.x0, r.x1)
        for r in {id(stream[row.index][1]): stream[row.index][1] for row in page_rows}.values()
        if len(r.lines) >= 2
    ]
    single = [r for r in page_rows if id(r) not in gone and len(stream[r.index][1].lines) == 1]
    single.sort(key=lambda r: (round(r.line.top), r.line.x0))
    for row in single:
        if id(row) in gone:
            continue
        group = [row]
        for other in single:
            last = group[-1].line
            if (
                other is row
                or id(other) in gone
                or other.line.x0 <= last.x0
                or not _overlap(other.line, last, s)
            ):
                continue
            gap = other.line.x0 - last.x1
            if gap > s.reflist_fragment_gap_em * last.size or label_number(other.line.text):
                continue
            if AUTHOR_START.match(other.line.text):
                continue
            group.append(other)
        if len(group) < 2:
            continue
        x0, x1 = group[0].line.x0, max(g.line.x1 for g in group)
        em = row.line.size
        if not any(c0 - em <= x0 and x1 <= c1 + em for c0, c1 in columns):
            continue
        row.line = _joined([g.line for g in group])
        for g in group[1:]:
            row.parts.extend(g.parts)
            gone.add(id(g))


def _repeated_rows(entries: list[list[Row]]) -> tuple[list[list[Row]], list[Row]]:
    """Set aside one-line "entries" printed on several pages (running heads the margins kept)."""

    def key(entry: list[Row]) -> str:
        return re.sub(r"\d+", "#", entry[0].line.text.strip().lower())

    def head(entry: list[Row]) -> bool:
        return len(entry) == 1 and label_number(entry[0].line.text) is None and seen[key(entry)] >= 2

    seen = Counter(key(e) for e in entries if len(e) == 1)
    kept = [e for e in entries if not head(e)]
    if len(kept) < len(entries) / 2:
        return entries, []
    return kept, [e[0] for e in entries if head(e)]


def read_reference_list(
    stream: Stream, k: int, s: LayoutSettings = DEFAULT_LAYOUT, *, headless: bool = False
) -> ReferenceList | None:
    """Read the reference list whose heading starts at stream position k, or None if none starts there.

    ``headless`` looks for a list without a heading that opens at k: one that only the shape of its
    entries shows (numbered from 1, or author-year, in the second half of the document).
    """
    if headless:
        line = stream[k][0]
        if line.page <= s.reflist_headless_from_share * stream[-1][0].page or not opens_list(line.text):
            return None
        n, kind = 0, "shape"
    else:
        n, kind = _heading_span(stream, k, s)
        if not n:
            return None
    begin = k + n
    if begin >= len(stream):
        return None
    size = _list_size(stream, begin)
    stop, furniture = _stop(stream, begin, size, s)
    listed = rows(stream, [i for i in range(begin, stop) if i not in furniture], s)
    entries = split_entries(listed, s)
    entries = trim_entries(entries, notes=kind == "notes")
    if not entries or (kind == "shape" and not shaped_like_list(entries, s)):
        return None
    entries, repeated = _repeated_rows(entries)
    last = max(i for entry in entries for row in entry for i in row.parts)
    kept_furniture = sorted(i for i in furniture if i < last)
    consumed = set(range(k, begin)) | {i for entry in entries for row in entry for i in row.parts}
    consumed.update(kept_furniture)
    consumed.update(i for row in repeated for i in row.parts)
    order = [(e[0].index, "reference", [r.line for r in e]) for e in entries]
    order += [(i, "footnote", [stream[i][0]]) for i in kept_furniture]
    order += [(row.index, "footnote", [row.line]) for row in repeated]
    order.sort(key=lambda t: t[0])
    return ReferenceList([ln for ln, _ in stream[k:begin]], order, consumed)
