"""Read-only SQL on the published warehouse, formatted as a table, CSV, JSON or Markdown."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from flows.plumbing.warehouse import WarehouseMissing, connect_read_only

MAX_CELL = 80


class QueryError(Exception):
    """A query that cannot run, with DuckDB's message (and position) but no traceback."""


def run_query(warehouse: Path, query: str, fmt: str = "table") -> str:
    """Run one query on a read-only connection and format its rows."""
    try:
        con = connect_read_only(warehouse)
    except WarehouseMissing as exc:
        raise QueryError(str(exc)) from None
    except duckdb.Error as exc:
        raise QueryError(f"cannot open {warehouse}: {exc}") from None
    try:
        cursor = con.execute(query)
        if cursor.description is None:
            return ""
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise QueryError(_explain(exc)) from None
    finally:
        con.close()
    return FORMATS[fmt](columns, rows)


def _explain(exc: duckdb.Error) -> str:
    """DuckDB's own message, with a hint for the errors read-only mode causes."""
    message = str(exc).strip()
    if "read-only" in message or "read only" in message:
        return f"{message}\n(paperflow sql is read-only: the warehouse is changed only by `paperflow run`)"
    return message


def _plain(value: Any) -> Any:
    """A JSON- and CSV-friendly form of a DuckDB value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _cell(value: Any) -> str:
    """A value shortened to one line for the terminal table."""
    text = "" if value is None else str(_plain(value))
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """A boxed text table, like sqlite-utils' default output."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([_width(c), *(_width(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)), line]
    out += ["  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)) for row in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    """Pad to a display width."""
    return text + " " * (width - _width(text))


def format_csv(columns: list[str], rows: list[tuple]) -> str:
    """RFC 4180 CSV with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_plain(v) for v in row] for row in rows])
    return buffer.getvalue().rstrip("\n")


def format_json(columns: list[str], rows: list[tuple]) -> str:
    """A JSON array of objects, one per row."""
    records = [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2, default=str)


def format_markdown(columns: list[str], rows: list[tuple]) -> str:
    """A GitHub-flavoured Markdown table."""

    def esc(value: Any) -> str:
        return _cell(value).replace("|", "\\|")

    out = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    out += ["| " + " | ".join(esc(v) for v in row) + " |" for row in rows]
    return "\n".join(out)


FORMATS = {"table": format_table, "csv": format_csv, "json": format_json, "markdown": format_markdown}
