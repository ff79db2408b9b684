"""The document model shared by every extractor: pages in, blocks out, rows out.

Nothing here imports Prefect, DuckDB or GX; these are plain frozen dataclasses so
results pickle across processes and Dask workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]
"""x0, top, x1, bottom in PDF points, origin at the page's top-left (pdfplumber's convention)."""

BLOCK_KINDS = (
    "title",
    "author",
    "affiliation",
    "abstract",
    "keywords",
    "front_matter",  # DOI, citation line, dates, journal line, translator notes
    "heading",
    "body",
    "caption",
    "footnote",
    "reference",
)


@dataclass(frozen=True)
class Block:
    """One text block (a paragraph, heading, reference, ...) in reading order."""

    page: int  # 1-based page where the block starts
    kind: str  # one of BLOCK_KINDS
    text: str
    bbox: BBox
    section: str = ""  # heading path, " > "-joined, e.g. "3 Mechanisms > 3.1 Micro level"
    level: int = 0  # heading level (1 = top) for kind == "heading", else 0
    language: str = "en"  # "en" or "zh"
    citations: tuple[str, ...] = ()  # citation markers removed from the text, e.g. ("14", "15")


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list."""

    number: int
    raw_text: str
    authors: str = ""
    title: str = ""
    year: int | None = None
    venue: str = ""


@dataclass
class Document:
    """A whole extracted document: front matter plus blocks in reading order."""

    page_count: int
    title: str = ""
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    language: str = "en"
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    doi: str = ""
    journal: str = ""
    published: str = ""  # ISO date or year as printed, where the paper gives one
    year: int | None = None
    blocks: list[Block] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    text_source: str = "pdf"  # "pdf": the PDF's own text layer; "ocr": Tesseract read the page images
    pages_skipped: int = 0  # pages that could not be parsed (listed in ops.page_errors)
    is_repaired: bool = False  # the file could only be opened after qpdf rewrote it
