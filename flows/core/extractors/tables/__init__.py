"""Tables as data: cells with header paths and numbers, the kind and unit of each table, its statistics.

Layout (flows/core/layout/tables.py) finds each table and cuts its grid out of the running text; this
package reads what the grid means. ``table_rows`` gives the rows of raw.tables and raw.table_cells;
``statistics_of_tables`` the statistics of the data tables, which join the running text's in
raw.statistics with ``source = 'table'``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.core.extractors.statistics import Statistic
from flows.core.extractors.statistics.places import Places
from flows.core.extractors.tables.cells import TableCell, header_row_count, read_cells
from flows.core.extractors.tables.facts import table_kind, table_statistics, table_unit
from flows.core.model import BBox, Document, Table

__all__ = ["TableCell", "TableRow", "statistics_of_tables", "table_id", "table_rows"]


@dataclass(frozen=True)
class TableRow:
    """One row of raw.tables."""

    table_id: str
    page: int
    page_end: int
    bbox: BBox
    caption: str
    notes: str
    n_rows: int
    n_cols: int
    header_rows: int
    kind: str
    unit: str
    ruling: str


def table_id(document_id: str, table: Table) -> str:
    """The key of a table in raw.tables: the document's id and the table's number."""
    return f"{document_id}-t{table.number:03d}"


def table_rows(document: Document) -> tuple[list[TableRow], list[dict[str, object]]]:
    """The rows of raw.tables and raw.table_cells for a document's tables."""
    tables: list[TableRow] = []
    cell_rows: list[dict[str, object]] = []
    for table in document.tables:
        tid = table_id(document.document_id, table)
        cells = read_cells(table)
        tables.append(
            TableRow(
                table_id=tid,
                page=table.page,
                page_end=table.page_end,
                bbox=table.bbox,
                caption=table.caption,
                notes=table.notes,
                n_rows=table.n_rows,
                n_cols=table.n_cols,
                header_rows=header_row_count(table),
                kind=table_kind(table, cells),
                unit=table_unit(table),
                ruling=table.ruling,
            )
        )
        cell_rows += [{"table_id": tid, "cell_id": f"{tid}-r{c.row}c{c.col}", **c.__dict__} for c in cells]
    return tables, cell_rows


def statistics_of_tables(document: Document, places: Places | None = None) -> list[Statistic]:
    """The statistics stated in a document's data tables, in table order (rows naming places as subject)."""
    out: list[Statistic] = []
    for table in document.tables:
        tid = table_id(document.document_id, table)
        out += table_statistics(table, tid, read_cells(table), document.year, places)
    return out
