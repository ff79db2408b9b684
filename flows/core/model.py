"""The document model shared by every extractor: pages in, blocks out, rows out.

Nothing here imports Prefect, DuckDB or GX; these are plain frozen dataclasses so
results pickle across processes and Dask workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flows.core.text import detect_language
from flows.core.vocabulary import join_lines

if TYPE_CHECKING:
    from flows.core.layout.lines import Line

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

TABLE_KINDS = ("data", "regression", "descriptive", "text")
"""data: quantities of the world; regression: a model's estimates; descriptive: a sample; text: words."""
TABLE_RULINGS = ("lines", "rules", "text")
"""lines: a ruled grid; rules: horizontal rules only (booktabs); text: aligned rows under a caption."""
STATISTIC_SOURCES = ("text", "table")


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


@dataclass(slots=True)
class Para:
    """A paragraph on its way to (or back from) Blocks: from layout lines, OCR lines or extracted blocks.

    Layout builds it from ``Line`` objects (page, box, size and weight come from them); OCR from plain
    text lines with an ``origin`` (page and box); extractors that re-paragraph blocks keep the ``source``
    block they started from (page and box come from it).
    """

    lines: list[Line] | list[str] = field(default_factory=list)
    kind: str = "body"
    level: int = 0
    text: str = ""
    citations: list[str] = field(default_factory=list)
    section: str = ""
    source: Block | None = None
    origin: tuple[int, BBox] | None = None
    bullet: bool = False  # a bullet glyph was printed before it: a list item even without a label

    @property
    def page(self) -> int:
        """1-based page where the paragraph starts."""
        if self.origin is not None:
            return self.origin[0]
        if self.source is not None:
            return self.source.page
        return self._layout_lines[0].page

    @property
    def size(self) -> float:
        """Median font size of the paragraph's lines."""
        sizes = sorted(ln.size for ln in self._layout_lines)
        return sizes[len(sizes) // 2]

    @property
    def bold(self) -> bool:
        """True when most lines are set in a bold face."""
        lines = self._layout_lines
        return sum(ln.bold for ln in lines) * 2 > len(lines)

    @property
    def bbox(self) -> BBox:
        """Union box of the lines on the starting page (or the box it was read with)."""
        if self.origin is not None:
            return self.origin[1]
        if self.source is not None:
            return self.source.bbox
        first = [ln for ln in self._layout_lines if ln.page == self.page]
        return (
            round(min(ln.x0 for ln in first), 2),
            round(min(ln.top for ln in first), 2),
            round(max(ln.x1 for ln in first), 2),
            round(max(ln.bottom for ln in first), 2),
        )

    @property
    def _layout_lines(self) -> list[Any]:
        """The layout Lines (only text-layer paragraphs carry them)."""
        return self.lines

    def to_block(self) -> Block:
        """The paragraph as a Block; its text is the lines joined when it has none yet."""
        text = self.text or join_lines([str(ln) for ln in self.lines])
        return Block(
            page=self.page,
            kind=self.kind,
            text=text,
            bbox=self.bbox,
            section=self.section,
            level=self.level,
            language=detect_language(text),
            citations=tuple(self.citations),
        )


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list."""

    number: int
    raw_text: str
    authors: str = ""
    title: str = ""
    year: int | None = None
    venue: str = ""


Grid = tuple[tuple[str | None, ...], ...]
"""A table's cell texts row by row; None marks a place a merged cell of the row above or the left covers."""


@dataclass(frozen=True)
class Table:
    """One table as printed: its grid of cell texts, where it is, its caption and notes.

    What the cells mean (header paths, numbers, the kind of table) is read from the grid by the tables
    extractor (flows/core/extractors/tables), so layout only finds and cuts the table.
    """

    number: int  # 1-based, in reading order; the table_id is f"{document_id}-t{number:03d}"
    page: int  # first page
    page_end: int  # last page: a table continued over page breaks is one table
    bbox: BBox  # on the first page
    grid: Grid
    ruling: str  # "lines" (ruled grid), "rules" (horizontal rules only, as booktabs), "text" (alignment only)
    caption: str = ""
    notes: str = ""  # the "Note:", "Source:", "注：" lines printed under it
    unit_line: str = ""  # a units line printed with it ("单位：亿元", "Unit: USD million")
    header_rows: int = 0  # rows above the rule under the header, when the table draws one (0: not known)
    row_pages: tuple[int, ...] = ()  # the page each grid row is printed on

    @property
    def n_rows(self) -> int:
        """Rows of the grid."""
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        """Columns of the grid."""
        return len(self.grid[0]) if self.grid else 0


@dataclass(frozen=True, slots=True)
class Char:
    """One drawn character of a page, reduced to its text, box, size and weight."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Page:
    """One page's geometry, for extractors that read layout rather than text (tables, figures).

    ``chars``, ``lines`` (ruling segments) and ``rects`` are filled only when a registered extractor
    asks for them (its ``geometry``), so documents nobody inspects that way cost no extra memory.
    """

    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...] = ()
    lines: tuple[BBox, ...] = ()
    rects: tuple[BBox, ...] = ()


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
    pages_skipped: int = 0  # pages that could not be parsed (listed in ops.page_errors)
    is_repaired: bool = False  # the file could only be opened after qpdf rewrote it
    pages: list[Page] = field(default_factory=list)  # geometry per page (not a column of raw.documents)
    tables: list[Table] = field(default_factory=list)  # tables cut out of the running text (raw.tables)
    sha256: str = ""  # of the file's content, set when the document is read from one

    @property
    def document_id(self) -> str:
        """The document's key in every raw table (see document_id_for)."""
        return document_id_for(self.sha256)


def document_id_for(sha256: str) -> str:
    """Derive the document id from the content hash, so a renamed file is the same document."""
    return sha256[:16]
