"""One PDF's bytes in, the rows of every raw table out (or a DocumentError saying why not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flows.core.errors import DocumentError, classify_exception, is_garbled
from flows.core.extractors import EXTRACTORS, geometry_needed
from flows.core.extractors.base import flat_row
from flows.core.knowledge import Knowledge
from flows.core.layout import extract_document
from flows.core.model import Document, document_id_for
from flows.core.ocr import OcrError, install_hint, ocr_document, tesseract_available
from flows.core.pages import PageFault
from flows.core.repair import Limits, open_or_repair

Row = dict[str, Any]
Tables = dict[str, list[Row]]


@dataclass
class ExtractionResult:
    """The rows of each raw table for one document."""

    document_id: str
    tables: Tables = field(default_factory=dict)
    page_faults: list[PageFault] = field(default_factory=list)  # pages skipped, for ops.page_errors
    repaired: bytes | None = None  # the qpdf rewrite that was read, when the file needed one


def check_text_layer(document: Document) -> None:
    """Refuse documents whose text layer is missing or garbled, rather than load junk."""
    text = "".join(block.text for block in document.blocks)
    if not text.strip():
        raise DocumentError("no_text_layer", _no_text_layer(document.page_count))
    if is_garbled(text):
        raise DocumentError(
            "garbled_text", "the text layer decodes to (cid:NN) codes or mojibake (fonts without ToUnicode)"
        )


def ocr_fallback(data: bytes, document: Document, limits: Limits) -> Document:
    """Read an image-only PDF with Tesseract when allowed and installed, else say why it has no text."""
    if any(block.text.strip() for block in document.blocks):
        return document
    missing = _no_text_layer(document.page_count)
    if not limits.ocr:
        raise DocumentError("no_text_layer", f"{missing}; OCR is turned off (PAPERFLOW_OCR=0)")
    if not tesseract_available(limits.ocr_languages):
        raise DocumentError(
            "no_text_layer",
            f"{missing}; Tesseract with {limits.ocr_languages} is not installed: "
            f"install {install_hint(limits.ocr_languages)} to OCR it",
        )
    try:
        scanned = ocr_document(data, limits.ocr_languages)
    except OcrError as exc:
        raise DocumentError("no_text_layer", f"{missing}; OCR failed: {exc}") from exc
    except Exception as exc:  # pdfium raises its own errors on pages pdfminer could read
        raise DocumentError("damaged", f"a page could not be rendered for OCR ({exc!r})") from exc
    if scanned is None:
        raise DocumentError(
            "no_text_layer", f"{missing}; Tesseract ({limits.ocr_languages}) found no text in the page images"
        )
    return scanned


def _no_text_layer(page_count: int) -> str:
    """The message for a document none of whose pages carries text."""
    return f"none of the {page_count} pages has a text layer (scanned or image-only PDF?)"


def extract_pdf(data: bytes, sha256: str, limits: Limits, knowledge: Knowledge) -> ExtractionResult:
    """Run the whole extraction on one PDF's bytes and return the rows for every raw table."""
    pdf, repaired = open_or_repair(data, limits)
    faults: list[PageFault] = []
    try:
        document = extract_document(pdf, geometry_needed(), faults=faults)
    except DocumentError:
        raise
    except Exception as exc:
        raise classify_exception(exc) from exc
    finally:
        pdf.close()
    document = ocr_fallback(repaired or data, document, limits)
    check_text_layer(document)
    document.pages_skipped, document.is_repaired = len(faults), repaired is not None
    try:
        tables = tables_for(document, document_id_for(sha256), sha256, knowledge)
    except Exception as exc:  # the extractors read no PDF: whatever they raise is ours to fix
        raise classify_exception(exc) from exc
    return ExtractionResult(document_id_for(sha256), tables, faults, repaired)


def tables_for(document: Document, document_id: str, sha256: str, knowledge: Knowledge) -> Tables:
    """Run every registered extractor over a Document and key its rows by document_id."""
    document.sha256 = sha256
    keyed = {"document_id": document_id}
    tables: Tables = {}
    for extractor in EXTRACTORS:
        emitted = extractor.extract(document, knowledge)
        unknown = set(emitted) - set(extractor.tables)
        if unknown:
            raise ValueError(f"extractor {extractor.name!r} emitted undeclared tables {sorted(unknown)}")
        for table in extractor.tables:
            tables[table] = [{**keyed, **flat_row(row)} for row in emitted.get(table, ())]
    return tables
