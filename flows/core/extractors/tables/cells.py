"""A table's grid to cells with meaning: header rows, row-header columns, header paths and parsed numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from flows.core.extractors.statistics.numbers import normalise_digits
from flows.core.model import Table

# A cell's number: sign, currency sign, digits with thousands separators or a decimal comma, a percent sign,
# in brackets (a standard error, a t-value, a negative in accounts, a cumulative value in Chinese plans),
# with significance stars or daggers after it. ≥ and ≤ are kept as the cell's text and read as the value.
_CELL_NUMBER = re.compile(
    r"^(?P<open>[(\[〔（])?\s*(?P<cmp>[≥≤<>~≈]|约)?\s*(?P<sign>[-−–+])?\s*(?P<cur>[$€£¥])?\s*"
    r"(?P<num>\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)\s*(?P<pct>%|pp|个百分点)?\s*"
    r"(?P<close>[)\]〕）])?\s*(?P<stars>\*{1,4}|†{1,3}|‡)?$"
)
_YEAR = re.compile(
    r"^(?:FY\s?)?(?P<year>(?:19|20)\d{2})(?:\s*年(?:底|末|度)?|[EFPe]|\s*\((?:est|proj)\.?\))?$"
)
_COLUMN_NUMBER = re.compile(r"^\(\d{1,2}\)$|^[(（][一二三四五六七八九十]+[)）]$")
PATH_SEPARATOR = " > "


@dataclass(frozen=True)
class CellNumber:
    """What a cell's number reads as."""

    value: float
    stars: int
    is_bracketed: bool
    is_percent: bool


@dataclass(frozen=True)
class TableCell:
    """One cell of a table with its header paths and its number."""

    row: int
    col: int
    text: str
    row_header: str
    col_header: str
    is_header: bool
    number: float | None
    stars: int
    is_bracketed: bool
    page: int


def parse_cell_number(text: str) -> CellNumber | None:
    """Read a table cell as one number (thousands, decimal commas, full-width digits, brackets, stars)."""
    raw = normalise_digits(text.strip()).replace("\u2009", " ").replace("\xa0", " ")
    m = _CELL_NUMBER.match(raw)
    if m is None or bool(m.group("open")) != bool(m.group("close")):
        return None
    num = m.group("num")
    if re.fullmatch(r"\d+,\d{1,2}", num):  # a decimal comma ("1,5"); three digits after it are thousands
        num = num.replace(",", ".")
    value = float(num.replace(",", "").replace(" ", ""))
    if m.group("sign") in ("-", "−", "–"):
        value = -value
    stars = len(m.group("stars") or "")
    return CellNumber(value, stars, bool(m.group("open")), bool(m.group("pct")))


def year_of(text: str) -> int | None:
    """The year a header cell names ("2020", "2025年", "FY2021", "2030E"), or None."""
    m = _YEAR.match(normalise_digits(text.strip()))
    return int(m.group("year")) if m else None


def _is_label_number(text: str) -> bool:
    """True for a header-like number: a year or a column number such as "(1)"."""
    return year_of(text) is not None or bool(_COLUMN_NUMBER.match(text.strip()))


def _is_value(text: str | None) -> bool:
    """True for a cell holding a number that is data, not a year or a column label."""
    return bool(text) and parse_cell_number(text or "") is not None and not _is_label_number(text or "")


def header_row_count(table: Table) -> int:
    """How many top rows are column headers: the ruled count, else the rows above the first data row."""
    grid = table.grid
    if table.header_rows and table.header_rows < len(grid):
        return table.header_rows
    for i, row in enumerate(grid):
        # A label across the table under the header ("总体发展水平", "Panel A") opens the body.
        if (
            i > 0
            and row[0]
            and all(not c for c in row[1:])
            and any(_is_value(c) for r in grid[i:] for c in r[1:])
        ):
            return i
        if any(_is_value(c) for c in row[1:]):
            return max(i, 1 if i == 0 and _all_labels(row) else i)
    return 1 if len(grid) > 1 else 0


def _all_labels(row: tuple[str | None, ...]) -> bool:
    """True when every filled cell of a row is words (a header row above data)."""
    return all(not _is_value(c) for c in row if c)


def row_header_columns(table: Table, header_rows: int) -> int:
    """How many leading columns name the rows: text columns before the first column holding data."""
    body = table.grid[header_rows:]
    if table.n_cols > 1 and _counts_rows([row[0] for row in body]):
        return 1  # a column numbering the rows 1, 2, 3 … names them
    for j in range(table.n_cols):
        cells = [row[j] for row in body if row[j]]
        if cells and sum(_is_value(c) for c in cells) * 2 >= len(cells):
            return min(j, 2)
    return 1 if table.n_cols > 1 else 0


def _counts_rows(cells: list[str | None]) -> bool:
    """True for a column of row numbers: whole numbers counting up from 1 in steps of one."""
    numbers = [c.strip().rstrip(".") for c in cells if c]
    if len(numbers) < 3 or not all(n.isdigit() for n in numbers):
        return False
    values = [int(n) for n in numbers]
    return values[0] == 1 and all(b - a == 1 for a, b in pairwise(values))


def read_cells(table: Table) -> list[TableCell]:
    """Every cell of the grid (empty ones too) with its header paths, header flag and parsed number."""
    printed = [["" if c is None else c for c in row] for row in table.grid]
    grid = [list(row) for row in table.grid]
    heads = header_row_count(table)
    label_cols = row_header_columns(table, heads)
    _fill_spans(grid, heads, label_cols)
    # Accounts print negatives in ( ); a table with significance stars prints standard errors so.
    negative_brackets = not any(
        parse_cell_number(c or "") and "*" in (c or "") for row in printed for c in row
    )
    _under_coefficients(grid, heads, label_cols)
    col_paths = [[_path(grid[k][j] for k in range(i)) for j in range(table.n_cols)] for i in range(heads + 1)]
    pages = table.row_pages or (table.page,) * table.n_rows
    cells: list[TableCell] = []
    section = ""
    for i, row in enumerate(grid):
        is_head_row = i < heads
        # A body row with words in its first cell and nothing else heads the rows under it ("Panel A").
        if not is_head_row and row[0] and not any(row[1:]) and label_cols:
            section = row[0] or ""
        labels = [row[j] or "" for j in range(label_cols)]
        lead = [section] if section and section not in labels and any(row[1:]) else []
        for j, _filled in enumerate(row):
            value = printed[i][j]  # a place a merged cell covers reads as empty
            # Header rows name columns: a year or "(1)" there is a label, not a number.
            number = parse_cell_number(value) if value and not is_head_row else None
            is_header = is_head_row or j < label_cols
            # A cell's headers are those above it and those left of it, never its own text.
            row_path = _path([*lead, *labels[: min(j, label_cols)]])
            cells.append(
                TableCell(
                    row=i,
                    col=j,
                    text=value,
                    row_header="" if is_head_row else row_path,
                    col_header=col_paths[min(i, heads)][j],
                    is_header=is_header,
                    number=None if number is None else _signed(number, value, negative_brackets),
                    stars=0 if number is None else number.stars,
                    is_bracketed=False if number is None else number.is_bracketed,
                    page=pages[i] if i < len(pages) else table.page,
                )
            )
    return cells


def _signed(number: CellNumber, text: str, negative_brackets: bool) -> float:
    """The cell's value, negative when printed in round brackets in a table of accounts."""
    if negative_brackets and number.is_bracketed and text.strip().startswith(("(", "（")):
        return -abs(number.value)
    return number.value


def _under_coefficients(grid: list[list[str | None]], heads: int, label_cols: int) -> None:
    """Give a row of bracketed numbers with no label (standard errors) the label of the row above."""
    for i in range(heads + 1, len(grid)):
        row = grid[i]
        filled = [c for c in row[label_cols:] if c]
        if (
            label_cols
            and not any(row[:label_cols])
            and filled
            and all((n := parse_cell_number(c)) is not None and n.is_bracketed for c in filled)
        ):
            row[:label_cols] = grid[i - 1][:label_cols]


def _fill_spans(grid: list[list[str | None]], heads: int, label_cols: int) -> None:
    """Spread merged cells: a header across the columns it spans, a row label down the rows it spans."""
    for i in range(heads):
        for j in range(1, len(grid[i])):
            if grid[i][j] is None:
                grid[i][j] = grid[i][j - 1]
    for j in range(label_cols):
        for i in range(heads + 1, len(grid)):
            if grid[i][j] is None:
                grid[i][j] = grid[i - 1][j]
    for row in grid:
        for j, c in enumerate(row):
            if c is None:
                row[j] = ""


def _path(parts: object) -> str:
    """Header texts joined top to bottom (or left to right), empty and repeated parts dropped."""
    out: list[str] = []
    for part in parts:  # type: ignore[attr-defined]
        text = " ".join(str(part or "").split())
        if text and (not out or out[-1] != text):
            out.append(text)
    return PATH_SEPARATOR.join(out)
