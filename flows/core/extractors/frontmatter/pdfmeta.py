"""The PDF's own metadata (Info dictionary and XMP): title, authors and creation year, as hints only."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

if TYPE_CHECKING:
    import pdfplumber

_DC = "{http://purl.org/dc/elements/1.1/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_XMP = "{http://ns.adobe.com/xap/1.0/}"


@dataclass(frozen=True)
class PdfMeta:
    """What the file says about itself; only used where the printed page agrees."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    author_text: str = ""  # the Info /Author string as written, e.g. "FCA" or "A and B"
    created_year: int | None = None


def _text(value: Any) -> str:
    """A metadata value as clean text (pdfminer may hand back bytes or PDF literals)."""
    if isinstance(value, bytes):
        codec = "utf-16" if value[:2] in (b"\xfe\xff", b"\xff\xfe") else "utf-8"
        value = value.decode(codec, errors="replace")
    return re.sub(r"\s+", " ", value).strip() if isinstance(value, str) else ""


def _xmp(pdf: pdfplumber.PDF) -> tuple[str, list[str], str]:
    """dc:title, dc:creator and xmp:CreateDate from the XMP packet, or empty values."""
    from pdfminer.pdftypes import resolve1

    try:
        stream = resolve1(pdf.doc.catalog.get("Metadata"))
        data = stream.get_data() if stream is not None else b""
        # Entity declarations are never needed in XMP; refusing them keeps expansion attacks out.
        root = ElementTree.fromstring(data) if data and b"<!ENTITY" not in data else None
    except Exception:  # a broken XMP packet is simply no hint
        return "", [], ""
    if root is None:
        return "", [], ""
    title = next((_text(li.text) for li in root.iter(f"{_DC}title") for li in li.iter(f"{_RDF}li")), "")
    creators = [_text(li.text) for c in root.iter(f"{_DC}creator") for li in c.iter(f"{_RDF}li")]
    created = next((_text(e.text) for e in root.iter(f"{_XMP}CreateDate")), "")
    return title, [c for c in creators if c], created


def read_meta(pdf: pdfplumber.PDF) -> PdfMeta:
    """Collect the Info and XMP title, authors and creation year of an open PDF."""
    try:
        info = pdf.metadata or {}
    except Exception:  # malformed Info dictionaries are common and harmless here
        info = {}
    xmp_title, xmp_creators, xmp_created = _xmp(pdf)
    title = xmp_title or _text(info.get("Title"))
    author_text = _text(info.get("Author"))
    written = xmp_creators or [author_text]
    authors = [a for text in written for a in re.split(r"\s*(?:;|,|\band\b)\s*", text) if a]
    created = re.search(r"(19|20)\d\d", xmp_created or _text(info.get("CreationDate")))
    return PdfMeta(title, authors, author_text, int(created.group(0)) if created else None)


def squash(text: str) -> str:
    """Compare form of a title: NFKC, lower case, no spaces or quotes (spacing in PDFs is unreliable)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s\"'“”‘’«»「」《》]+", "", text)


def agrees(page_text: str, hint: str) -> bool:
    """True when a metadata string and a printed text are the same title (fuzzy ratio at least 0.9)."""
    a, b = squash(page_text), squash(hint)
    if not a or not b:
        return False
    if a == b or (len(a) >= 0.9 * len(b) and a in b) or (len(b) >= 0.9 * len(a) and b in a):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.9
