"""Page tables to document tables: halves split by a page break joined, title rows and units lines lifted."""

from __future__ import annotations

import re

from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.layout.tables import CAPTION, NOTE, UNIT_LINE, PageTable
from flows.core.model import Table

_LABEL_ONLY = re.compile(r"\s*(?:table|tab\.|exhibit|表|附表)\s*[A-Z]?\d+[A-Z]?\s*[:：.]?\s*", re.IGNORECASE)


def join_tables(pages: list[list[PageTable]], s: LayoutSettings = DEFAULT_LAYOUT) -> list[Table]:
    """Number the tables in reading order, joining a table continued on the next page into one."""
    runs: list[list[PageTable]] = []
    for found in pages:
        for i, table in enumerate(found):
            _lift_title_row(table)
            _lift_note_rows(table)
            last = runs[-1][-1] if runs else None
            if i == 0 and last is not None and _continues(last, table, s):
                runs[-1].append(table)
            else:
                runs.append([table])
    return [_table(n, run) for n, run in enumerate(runs, start=1)]


def _continues(before: PageTable, after: PageTable, s: LayoutSettings) -> bool:
    """True when `after` opens the next page without a caption and has the columns `before` ends with."""
    if after.page != before.page + 1 or after.caption or after.ruling != before.ruling:
        return False
    if len(after.col_edges) != len(before.col_edges):
        return False
    if after.grid and before.grid and len(after.grid[0]) != len(before.grid[0]):
        return False
    if not (before.ends_page and after.opens_page):
        return False
    return all(
        abs(a - b) <= s.table_join_column_tolerance
        for a, b in zip(before.col_edges, after.col_edges, strict=True)
    )


def _lift_title_row(table: PageTable) -> None:
    """Make a first row that is one cell across the table its caption or units line (as ruled plans print)."""
    while table.grid and len(table.grid) > 2:
        first = table.grid[0]
        texts = [c for c in first if c]
        if len(texts) != 1 or len(first) < 2 or first[0] != texts[0]:
            return
        if any(c is not None and c != "" for c in first[1:]):
            return
        text = texts[0]
        if UNIT_LINE.match(text):
            table.unit_line = table.unit_line or text
        elif not table.caption or CAPTION.match(text):
            table.caption = text if not table.caption else table.caption
        elif _LABEL_ONLY.fullmatch(table.caption):
            table.caption = f"{table.caption} {text}"  # "TABLE 1" over its title row
        else:
            return
        table.grid = table.grid[1:]
        table.header_rows = max(0, table.header_rows - 1)


def _lift_note_rows(table: PageTable) -> None:
    """Make last rows that are one cell across the table and read as notes ("注：…", "Source: …") notes."""
    lifted: list[str] = []
    while len(table.grid) > 2:
        last = table.grid[-1]
        texts = [c for c in last if c]
        if len(texts) != 1 or last[0] != texts[0] or not NOTE.match(texts[0]):
            break
        lifted.insert(0, texts[0])
        table.grid = table.grid[:-1]
    if lifted:
        table.notes = " ".join([*lifted, table.notes]).strip()


def _table(number: int, run: list[PageTable]) -> Table:
    """One Table from a page table and its continuations (a repeated header row is dropped)."""
    first = run[0]
    grid = [list(row) for row in first.grid]
    row_pages = [first.page] * len(grid)
    head = [tuple(r) for r in first.grid[: max(first.header_rows, 1)]]
    for more in run[1:]:
        rows = [list(r) for r in more.grid]
        while rows and tuple(rows[0]) in head:
            rows = rows[1:]
        grid += rows
        row_pages += [more.page] * len(rows)
    notes = " ".join(t.notes for t in run if t.notes)
    return Table(
        number=number,
        page=first.page,
        page_end=run[-1].page,
        bbox=first.bbox,
        grid=tuple(tuple(row) for row in grid),
        ruling=first.ruling,
        caption=first.caption,
        notes=notes,
        unit_line=first.unit_line,
        header_rows=first.header_rows,
        row_pages=tuple(row_pages),
    )
