"""Column types of the raw tables, derived from the registered extractors and their row dataclasses."""

from __future__ import annotations

from flows.core.extractors import raw_tables
from flows.core.extractors.base import Columns, dataclass_columns, duckdb_type

__all__ = ["Columns", "dataclass_columns", "duckdb_type", "raw_columns"]


def raw_columns() -> dict[str, Columns]:
    """Return every raw table's columns, keyed by table name, in the order rows carry them."""
    return raw_tables()
