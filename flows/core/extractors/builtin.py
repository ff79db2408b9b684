"""The extractors paperflow ships as plug-ins: front matter, paragraphs, references, statistics, policies,
recommendations and tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.core.extractors.base import KEY, Columns, Row, dataclass_columns, flat_row, table_columns
from flows.core.extractors.policies import Policy, PolicyMention, find_policy_mentions
from flows.core.extractors.recommendations import Recommendation, extract_recommendations
from flows.core.extractors.statistics import Statistic, extract_statistics
from flows.core.extractors.tables import TableCell, TableRow, statistics_of_tables, table_rows
from flows.core.model import Block, Document, Reference

if TYPE_CHECKING:
    from flows.core.knowledge import Knowledge

# Document fields that are not columns of raw.documents: they have tables (or no table) of their own.
_NOT_DOCUMENT_COLUMNS = ("blocks", "references", "pages", "tables", "sha256")


@dataclass(frozen=True)
class FrontMatterExtractor:
    """Front matter: title, authors, document kind, issuance, dates, language (extractors/frontmatter/)."""

    name: str = "frontmatter"
    geometry: frozenset[str] = frozenset()

    @property
    def tables(self) -> Mapping[str, Columns]:
        """raw.documents: one row per document."""
        return {
            "documents": [
                *KEY,
                ("sha256", "VARCHAR"),
                *dataclass_columns(Document, keep_lists=True, skip=_NOT_DOCUMENT_COLUMNS),
            ],
        }

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """The front matter as one row (lists kept as lists)."""
        front = {
            f.name: getattr(document, f.name)
            for f in dataclasses.fields(Document)
            if f.name not in _NOT_DOCUMENT_COLUMNS
        }
        return {"documents": [{"sha256": document.sha256, **front}]}


@dataclass(frozen=True)
class DocumentExtractor:
    """The document model itself: its paragraphs in reading order."""

    name: str = "document"
    geometry: frozenset[str] = frozenset()

    @property
    def tables(self) -> Mapping[str, Columns]:
        """raw.paragraphs: one row per block."""
        return {"paragraphs": table_columns(Block, lead=[("paragraph_id", "VARCHAR"), ("seq", "BIGINT")])}

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """Every block, numbered in reading order."""
        doc_id = document.document_id
        paragraphs = [
            {"paragraph_id": f"{doc_id}-p{seq:04d}", "seq": seq, **flat_row(block)}
            for seq, block in enumerate(document.blocks, start=1)
        ]
        return {"paragraphs": paragraphs}


@dataclass(frozen=True)
class ReferencesExtractor:
    """The reference list, one entry per row (parsed by flows/core/extractors/frontmatter/references.py)."""

    name: str = "references"
    geometry: frozenset[str] = frozenset()

    @property
    def tables(self) -> Mapping[str, Columns]:
        """raw.references: one row per Reference."""
        return {"references": table_columns(Reference)}

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """The document's references, in the order of its list."""
        return {"references": list(document.references)}


@dataclass(frozen=True)
class StatisticsExtractor:
    """Quantities stated in body text, normalised to base units, with year, subject and measure."""

    name: str = "statistics"
    geometry: frozenset[str] = frozenset()

    @property
    def tables(self) -> Mapping[str, Columns]:
        """raw.statistics: one row per Statistic."""
        return {"statistics": table_columns(Statistic)}

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """Statistics of the body and abstract blocks (subjects from the place seeds), then of data tables."""
        found = extract_statistics(document.blocks, knowledge.places)
        return {"statistics": [*found, *statistics_of_tables(document, knowledge.places)]}


@dataclass(frozen=True)
class PoliciesExtractor:
    """Named policy documents, resolved against the registry seed or recorded as provisional policies."""

    name: str = "policies"
    geometry: frozenset[str] = frozenset()

    @property
    def tables(self) -> Mapping[str, Columns]:
        """raw.policy_mentions and raw.provisional_policies."""
        return {
            "policy_mentions": table_columns(PolicyMention),
            "provisional_policies": table_columns(Policy),
        }

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """Every mention of a policy document, and the policies the registry does not know (sourced here)."""
        mentions, provisional = find_policy_mentions(document.blocks, knowledge.registry)
        source = f"extracted:{document.document_id}"
        provisional = [dataclasses.replace(policy, source=source) for policy in provisional]
        return {"policy_mentions": mentions, "provisional_policies": provisional}


@dataclass(frozen=True)
class RecommendationsExtractor:
    """Recommendation items with their hierarchy and theme (from the theme taxonomy seed)."""

    name: str = "recommendations"
    geometry: frozenset[str] = frozenset()

    @property
    def tables(self) -> Mapping[str, Columns]:
        """raw.recommendations: one row per Recommendation."""
        return {"recommendations": table_columns(Recommendation)}

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """The recommendations section's items, themed."""
        return {"recommendations": extract_recommendations(document.blocks, knowledge.themes)}


@dataclass(frozen=True)
class TablesExtractor:
    """Tables cut out of the running text: where each is, its caption and kind, and every cell's meaning."""

    name: str = "tables"
    geometry: frozenset[str] = frozenset()

    @property
    def tables(self) -> Mapping[str, Columns]:
        """raw.tables (one row per table) and raw.table_cells (one per cell of its grid, empty ones too)."""
        return {
            "tables": table_columns(TableRow),
            "table_cells": table_columns(TableCell, lead=[("table_id", "VARCHAR"), ("cell_id", "VARCHAR")]),
        }

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """Every table's row and its cells' rows."""
        tables, cells = table_rows(document)
        return {"tables": tables, "table_cells": cells}
