"""Repair before giving up: a PDF pdfminer cannot open is rewritten by qpdf (pikepdf) and read again."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from flows.core.errors import DocumentError, check_bytes

if TYPE_CHECKING:
    import pdfplumber

    from flows.core.document import Limits

LOG = logging.getLogger(__name__)


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
    from flows.core.document import open_pdf

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
