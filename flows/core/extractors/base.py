"""The extractor plug-in interface: a name, the raw tables it emits with their columns, and extract().

An extractor reads one Document (blocks in reading order, references, and per-page geometry) with the
parsed seeds (Knowledge) and returns rows for each of its tables. A row is a dataclass instance (its
fields become columns: a ``bbox`` spreads into x0/top/x1/bottom, tuples are '|'-joined) or a plain dict
already shaped like the table. The core adds the ``document_id`` key to every row.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from flows.core.knowledge import Knowledge
    from flows.core.model import Document

Columns = list[tuple[str, str]]
Row = Any  # a dataclass instance or a dict keyed by column name
GEOMETRY = frozenset({"chars", "lines", "rects"})  # what Page can carry beyond width and height

KEY: Columns = [("document_id", "VARCHAR")]
_SCALARS = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}
_BBOX_COLUMNS = [("x0", "DOUBLE"), ("top", "DOUBLE"), ("x1", "DOUBLE"), ("bottom", "DOUBLE")]


@runtime_checkable
class Extractor(Protocol):
    """What the core needs from an extractor; see flows/core/extractors/builtin.py for examples."""

    name: str  # unique, lower_snake_case
    geometry: frozenset[str]  # which of GEOMETRY its extract() reads from document.pages

    @property
    def tables(self) -> Mapping[str, Columns]:
        """The raw tables this extractor emits, each with its columns (document_id first)."""
        ...

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """Rows for each of its tables (a table with no rows may be left out)."""
        ...


def duckdb_type(annotation: Any, keep_lists: bool) -> str:
    """Map a field annotation to a DuckDB type (tuples are joined with '|' unless keep_lists)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return duckdb_type(args[0], keep_lists)
    if origin in (list, tuple):
        if keep_lists:
            inner = typing.get_args(annotation)[0]
            return f"{duckdb_type(inner, keep_lists)}[]"
        return "VARCHAR"
    return _SCALARS.get(annotation, "VARCHAR")


def dataclass_columns(cls: type, keep_lists: bool = False, skip: tuple[str, ...] = ()) -> Columns:
    """List a dataclass's fields as DuckDB columns, spreading any bbox into four coordinates."""
    hints = typing.get_type_hints(cls)
    columns: Columns = []
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        if f.name == "bbox":
            columns.extend(_BBOX_COLUMNS)
        else:
            columns.append((f.name, duckdb_type(hints[f.name], keep_lists)))
    return columns


def table_columns(cls: type, lead: Columns = ()) -> Columns:
    """A raw table's columns for rows of a dataclass: the document key, any leading columns, the fields."""
    return [*KEY, *lead, *dataclass_columns(cls)]


def flat_row(row: Row) -> dict[str, Any]:
    """A row as plain columns: dataclasses flattened (bbox spread, tuples '|'-joined), dicts as they are."""
    if not dataclasses.is_dataclass(row):
        return dict(row)
    out: dict[str, Any] = {}
    for key, value in dataclasses.asdict(row).items():  # type: ignore[arg-type]
        if key == "bbox" and value is not None:
            out.update(zip(("x0", "top", "x1", "bottom"), (float(v) for v in value), strict=True))
        elif isinstance(value, tuple | list):
            out[key] = "|".join(str(v) for v in value)
        else:
            out[key] = value
    return out
