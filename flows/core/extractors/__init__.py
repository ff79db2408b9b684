"""Entity extractors as plug-ins: each reads a Document and emits the rows of its raw tables.

``EXTRACTORS`` is the one list the core, the schema, the warehouse load and the contract test derive
from. To add an extractor, write a class following ``base.Extractor``, append an instance here, and
scaffold its GX suite, staging model and mart with ``python -m flows.plumbing.contract scaffold <name>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flows.core.extractors.base import Columns, Extractor
from flows.core.extractors.builtin import (
    DocumentExtractor,
    FrontMatterExtractor,
    PoliciesExtractor,
    RecommendationsExtractor,
    ReferencesExtractor,
    StatisticsExtractor,
    TablesExtractor,
)

EXTRACTORS: list[Extractor] = [
    FrontMatterExtractor(),
    DocumentExtractor(),
    ReferencesExtractor(),
    StatisticsExtractor(),
    PoliciesExtractor(),
    RecommendationsExtractor(),
    TablesExtractor(),
]


def register(extractor: Extractor) -> None:
    """Add an extractor to the registry, refusing a second one with the same name or table."""
    if not isinstance(extractor, Extractor):
        raise TypeError(f"{extractor!r} lacks name, geometry, tables or extract()")
    taken = {t for e in EXTRACTORS for t in e.tables} & set(extractor.tables)
    if any(e.name == extractor.name for e in EXTRACTORS) or taken:
        raise ValueError(f"extractor {extractor.name!r} clashes with a registered one ({sorted(taken)})")
    EXTRACTORS.append(extractor)


def unregister(name: str) -> None:
    """Remove the extractor of this name from the registry."""
    EXTRACTORS[:] = [e for e in EXTRACTORS if e.name != name]


@contextmanager
def registered(extractor: Extractor) -> Iterator[Extractor]:
    """Register an extractor for the duration of a with-block (tests, experiments)."""
    register(extractor)
    try:
        yield extractor
    finally:
        unregister(extractor.name)


def raw_tables() -> dict[str, Columns]:
    """Every raw table of every registered extractor, with its columns, in registry order."""
    return {table: columns for e in EXTRACTORS for table, columns in e.tables.items()}


def geometry_needed() -> frozenset[str]:
    """The page geometry (chars, lines, rects) some registered extractor reads."""
    return frozenset().union(*(e.geometry for e in EXTRACTORS))


__all__ = ["EXTRACTORS", "Extractor", "geometry_needed", "raw_tables", "register", "registered", "unregister"]
