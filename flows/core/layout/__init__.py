"""Layout-aware text extraction: an open pdfplumber PDF to a Document of blocks in reading order.

The pipeline per page works from ``page.chars`` once: glyphs -> baseline lines (superscript
citation markers set aside) -> running heads removed -> column regions -> reading order.
Across pages: paragraphs (continued over column and page breaks) -> roles and sections ->
front matter and references.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flows.core.extractors.frontmatter.fields import fill_front_matter
from flows.core.extractors.frontmatter.pdfmeta import read_meta
from flows.core.extractors.frontmatter.references import parse_references
from flows.core.layout.geometry import page_geometry
from flows.core.layout.lines import Line, build_lines, page_glyphs
from flows.core.layout.margins import is_page_number, margin_candidates, strip_margins
from flows.core.layout.order import Region, make_regions, reading_order
from flows.core.layout.paragraphs import Para, build_paragraphs
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.layout.structure import classify
from flows.core.layout.tablejoin import join_tables
from flows.core.layout.tables import PageTable, find_page_tables
from flows.core.model import Block, Document, Page
from flows.core.pages import PageFault, check_some_page_readable, page_fault
from flows.core.text import detect_language

if TYPE_CHECKING:
    import pdfplumber


def read_lines(
    pdf: pdfplumber.PDF,
    keep: frozenset[str] = frozenset(),
    s: LayoutSettings = DEFAULT_LAYOUT,
    *,
    faults: list[PageFault] | None = None,
) -> tuple[list[list[Line]], list[float], list[Page], list[list[PageTable]]]:
    """Read every page's characters once into lines, geometry and tables, releasing its caches straight after.

    A table's lines are taken out of the page's lines, so its cells never reach the running text.

    A page the PDF parsers cannot read is kept as an empty page and recorded in `faults` (when given),
    so one broken content stream never costs the document its other pages; an exception raised in
    paperflow's own code still propagates (see page_fault).
    """
    pages: list[list[Line]] = []
    heights: list[float] = []
    geometry: list[Page] = []
    tables: list[list[PageTable]] = []
    decorations: set[tuple[int, int, int, int]] = set()  # curves seen on earlier pages (watermarks)
    for page in pdf.pages:
        try:
            glyphs = page_glyphs(page, s)
            shape = page_geometry(page, glyphs, keep)
            lines = build_lines(glyphs, page.page_number, s)
            found = find_page_tables(page, lines, s, decorations)
        except Exception as exc:
            fault = page_fault(page.page_number, exc) if faults is not None else None
            if fault is None:
                raise
            faults.append(fault)
            shape, lines, found = Page(page.page_number, float(page.width), float(page.height)), [], []
        if found:
            cut = {id(ln) for t in found for ln in t.lines_inside}
            lines = [ln for ln in lines if id(ln) not in cut]
            for t in found:
                t.lines_inside = []
        geometry.append(shape)
        pages.append(lines)
        tables.append(found)
        heights.append(float(page.height))
        page.close()
    pdf.flush_cache()
    if faults is not None:
        check_some_page_readable(faults, len(heights))
    return pages, heights, geometry, tables


def order_pages(
    pages: list[list[Line]], heights: list[float], s: LayoutSettings = DEFAULT_LAYOUT
) -> tuple[list[list[Region]], list[str]]:
    """Remove running heads and page numbers, then order each page's regions; also return the heads."""
    repeated = margin_candidates(pages, heights, s)
    heads: list[str] = []
    ordered: list[list[Region]] = []
    for lines, height in zip(pages, heights, strict=True):
        removed = strip_margins(lines, height, repeated, len(pages), s)
        gone = {id(ln) for ln in removed}
        heads.extend(ln.text for ln in removed if not is_page_number(ln.text) and ln.text not in heads)
        ordered.append(reading_order(make_regions([ln for ln in lines if id(ln) not in gone], s), s))
    return ordered, heads


def _blocks(paras: list[Para]) -> list[Block]:
    """Blocks with section paths from the heading sequence."""
    path: list[str] = []
    blocks: list[Block] = []
    for para in paras:
        if para.kind == "heading":
            path = [*path[: para.level - 1], para.text]
        section = " > ".join(path) if para.kind not in ("title", "author", "affiliation") else ""
        blocks.append(
            Block(
                page=para.page,
                kind=para.kind,
                text=para.text,
                bbox=para.bbox,
                section=section,
                level=para.level if para.kind == "heading" else 0,
                language=detect_language(para.text),
                citations=tuple(para.citations),
            )
        )
    return blocks


def extract_document(
    pdf: pdfplumber.PDF,
    keep: frozenset[str] = frozenset(),
    settings: LayoutSettings = DEFAULT_LAYOUT,
    *,
    faults: list[PageFault] | None = None,
) -> Document:
    """Extract an open PDF into a Document: front matter, blocks in reading order, references, geometry.

    ``keep`` names the page geometry (chars, lines, rects) to carry beyond each page's size; ``settings``
    holds every layout tolerance; pages the parsers cannot read are skipped into ``faults`` when given.
    """
    pages, heights, geometry, found = read_lines(pdf, keep, settings, faults=faults)
    ordered, heads = order_pages(pages, heights, settings)
    paras = [p for p in build_paragraphs(ordered, settings) if p.text]
    sample = " ".join(p.text for p in paras[:200])
    language = detect_language(sample) if sample else "en"
    meta = read_meta(pdf)
    classify(paras, language == "zh", heights, settings, heads, meta.title)
    doc = Document(
        page_count=len(heights), language=language, pages=geometry, tables=join_tables(found, settings)
    )
    doc.pages_skipped = len(faults or ())
    doc.blocks = _blocks(paras)
    fill_front_matter(doc, paras, heads, meta)
    doc.references = parse_references([p.text for p in paras if p.kind == "reference"])
    return doc
