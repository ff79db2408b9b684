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

DOCUMENT_KINDS = ("paper", "policy", "report", "other")


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
    document_kind: str = "other"  # one of DOCUMENT_KINDS
    issuers: list[str] = field(default_factory=list)  # issuing bodies printed on a policy document
    document_number: str = ""  # e.g. "国发〔2016〕73号", "Executive Order 14110", "WP/19/16"
    issued_date: str = ""  # ISO date of issue where printed
    effective_date: str = ""  # ISO date it takes effect where printed
    jurisdiction: str = ""  # "CN", "EU", "GB", "US" where the issuer says so
    blocks: list[Block] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    text_source: str = "pdf"  # "pdf": the PDF's own text layer; "ocr": Tesseract read the page images
