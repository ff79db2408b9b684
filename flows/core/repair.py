"""Opening a PDF's bytes within the document limits, and repair before giving up: a PDF pdfminer cannot
open is rewritten by qpdf (pikepdf) and read again."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from flows.core.errors import DocumentError, check_bytes

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What one document may cost before it is refused."""

    max_bytes: int = 200 * 2**20
    max_pages: int = 2000
    ocr: bool = True  # OCR image-only PDFs when Tesseract and ocr_languages are installed
    ocr_languages: str = "chi_sim+eng"


def open_pdf(data: bytes, limits: Limits) -> pdfplumber.PDF:
    """Open PDF bytes with pdfplumber, turning parser failures into DocumentErrors."""
    check_bytes(data, limits.max_bytes)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        page_count = len(pdf.pages)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise DocumentError("encrypted", "the PDF is encrypted and needs a password") from exc
        raise DocumentError("damaged", f"the PDF structure cannot be parsed ({cause!r})") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise DocumentError("damaged", f"the PDF structure cannot be parsed ({exc!r})") from exc
    if page_count == 0:
        pdf.close()
        raise DocumentError("damaged", "the PDF has no readable pages (broken cross-reference table?)")
    if page_count > limits.max_pages:
        pdf.close()
        raise DocumentError("too_many_pages", f"{page_count} pages is over the limit of {limits.max_pages}")
    return pdf


def repair_pdf(data: bytes) -> bytes | None:
    """Rewrite a PDF with qpdf, which rebuilds broken cross-reference tables; None if it cannot."""
    import pikepdf  # imported here: only damaged files need it

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) == 0:
                return None
            out = io.BytesIO()
            pdf.save(out)
    except Exception as exc:  # qpdf raises PdfError and others on files beyond repair
        LOG.info("qpdf could not repair the file: %r", exc)
        return None
    return out.getvalue()


def open_or_repair(data: bytes, limits: Limits) -> tuple[pdfplumber.PDF, bytes | None]:
    """Open a PDF, or its qpdf rewrite when its structure is damaged; also return the rewrite."""
    check_bytes(data, limits.max_bytes)  # empty, not a PDF, truncated: nothing a rewrite should invent
    try:
        return open_pdf(data, limits), None
    except DocumentError as exc:
        if exc.kind != "damaged":
            raise
        repaired = repair_pdf(data)
        if repaired is None:
            raise
        try:
            return open_pdf(repaired, limits), repaired
        except DocumentError:
            raise exc from None
