"""Page-level fault isolation: a page that cannot be parsed is skipped and recorded, not fatal."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from flows.core.errors import DocumentError, classify_exception

REASON_CHARS = 300  # a parser's message can quote a whole broken stream


@dataclass(frozen=True)
class PageFault:
    """One page that could not be read, with the parser's reason."""

    page: int  # 1-based physical page
    reason: str


def page_fault(page: int, exc: Exception) -> PageFault | None:
    """Describe a page's parse failure, or None when paperflow's own code raised (a bug to surface).

    The frames decide (errors.classify_exception): only a PDF parser failing on the page's bytes makes
    the page skippable; a bug of ours on one page is the same bug on the next document.
    """
    if classify_exception(exc).kind != "damaged":
        return None
    cause = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
    return PageFault(page, repr(cause)[:REASON_CHARS])


def check_some_page_readable(faults: list[PageFault], page_count: int) -> None:
    """Raise `damaged` when no page of the document could be read at all."""
    if page_count and len(faults) >= page_count:
        first = faults[0]
        raise DocumentError(
            "damaged", f"none of the {page_count} pages can be parsed (page {first.page}: {first.reason})"
        )


def page_errors(faults: list[PageFault]) -> list[dict[str, object]]:
    """Page faults as JSON-ready rows (page, reason) for a result folder."""
    return [{"page": f.page, "reason": f.reason} for f in faults]


def text_sha256(tables: dict[str, list[dict[str, Any]]]) -> str:
    """Hash a document's extracted text, so re-saved copies of one document are recognised."""
    text = "\n".join(str(row.get("text", "")) for row in tables.get("paragraphs", []))
    return hashlib.sha256(text.encode()).hexdigest()
