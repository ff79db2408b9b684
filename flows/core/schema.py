"""Column types of the raw tables, derived from the dataclasses the extractors return."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from flows.core.extractors.policies import Policy, PolicyMention
from flows.core.extractors.recommendations import Recommendation
from flows.core.extractors.statistics import Statistic
from flows.core.model import Block, Document, Reference

Columns = list[tuple[str, str]]

_SCALARS = {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}
_BBOX_COLUMNS = [("x0", "DOUBLE"), ("top", "DOUBLE"), ("x1", "DOUBLE"), ("bottom", "DOUBLE")]
_KEY = [("document_id", "VARCHAR")]


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


def raw_columns() -> dict[str, Columns]:
    """Return every raw table's columns, keyed by table name, in the order rows carry them."""
    return {
        "documents": [
            *_KEY,
            ("sha256", "VARCHAR"),
            *dataclass_columns(Document, keep_lists=True, skip=("blocks", "references")),
        ],
        "paragraphs": [
            *_KEY,
            ("paragraph_id", "VARCHAR"),
            ("seq", "BIGINT"),
            *dataclass_columns(Block),
        ],
        "references": [*_KEY, *dataclass_columns(Reference)],
        "statistics": [*_KEY, *dataclass_columns(Statistic)],
        "policy_mentions": [*_KEY, *dataclass_columns(PolicyMention)],
        "provisional_policies": [*_KEY, *dataclass_columns(Policy)],
        "recommendations": [*_KEY, *dataclass_columns(Recommendation)],
    }
