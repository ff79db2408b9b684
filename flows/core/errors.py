"""Why a file could not be read: one error kind per failure, with a message a user can act on."""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from pathlib import Path

from flows.core.vocabulary import CJK_SYMBOLS_RANGE, FULLWIDTH_RANGE

ERROR_KINDS = (
    "not_a_pdf",
    "empty_file",
    "too_large",
    "too_many_pages",
    "encrypted",
    "damaged",
    "no_text_layer",
    "garbled_text",
    "timeout",
    "extractor_crash",
    "extractor_error",
)

_CID = re.compile(r"\(cid:\d+\)")
# Text decoded through a wrong font encoding lands in Latin-1 symbols, private-use or replacement chars.
_SUSPECT = re.compile(r"[\u0080-\u00bf\u00d7\u00f7\ue000-\uf8ff\ufffd]")
_READABLE = re.compile(f"[A-Za-z0-9\u00c0-\u024f{CJK_SYMBOLS_RANGE}\u3400-\u9fff{FULLWIDTH_RANGE}]")


@dataclass(frozen=True)
class DocumentError(Exception):
    """A file the pipeline cannot load, with its kind (one of ERROR_KINDS) and a message."""

    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def check_bytes(data: bytes, max_bytes: int) -> None:
    """Raise DocumentError for files that are empty, too large or not PDFs at all."""
    if not data.strip():
        raise DocumentError("empty_file", "the file is empty (0 bytes or only whitespace)")
    if len(data) > max_bytes:
        raise DocumentError(
            "too_large", f"{len(data) / 2**20:.1f} MiB is over the limit of {max_bytes / 2**20:.0f} MiB"
        )
    if b"%PDF-" not in data[:1024]:
        head = data[:64].lstrip()
        looks_like = "HTML" if head[:1] == b"<" else "text" if head.isascii() else "binary data"
        raise DocumentError("not_a_pdf", f"no %PDF- header in the first 1024 bytes (looks like {looks_like})")
    if b"%%EOF" not in data[-4096:] and b"%%EOF" not in data:
        # pdfminer would recover the objects that survived and load a silently partial document.
        raise DocumentError("damaged", "the file is truncated: it ends before the PDF's %%EOF marker")


def garbled_share(text: str) -> float:
    """Share of a text's visible characters that come from a broken font encoding."""
    cid_chars = sum(len(m) for m in _CID.findall(text))
    rest = _CID.sub("", text)
    suspect = len(_SUSPECT.findall(rest))
    readable = len(_READABLE.findall(rest))
    total = cid_chars + suspect + readable
    return (cid_chars + suspect) / total if total else 0.0


def is_garbled(text: str, threshold: float = 0.15) -> bool:
    """True when enough of the text is (cid:NN) codes or mojibake that it cannot be trusted."""
    return garbled_share(text) >= threshold


# Where a frame's code lives decides whose fault an exception is: the PDF parsers' or ours.
_PARSER_PACKAGES = ("pdfminer", "pdfplumber", "pypdfium2", "PIL")
_OUR_PACKAGE = Path(__file__).resolve().parents[1]  # flows/


def classify_exception(exc: BaseException) -> DocumentError:
    """Turn an exception raised while reading a PDF into a DocumentError, blaming the right party.

    The innermost frame that is either a PDF parser's or ours decides: a parser failing on the file's
    bytes (PSSyntaxError, PDFSyntaxError, or a ValueError/KeyError/TypeError raised inside pdfminer)
    makes the file ``damaged``; anything raised in paperflow's own code is an ``extractor_error`` whose
    message carries the traceback, so our bugs are never reported as users' bad files.
    """
    if isinstance(exc, DocumentError):
        return exc
    owners = [_owner(frame.filename) for frame in traceback.extract_tb(exc.__traceback__)]
    culprit = next((o for o in reversed(owners) if o), "")
    if culprit == "parser" or (not culprit and type(exc).__module__.split(".")[0] in _PARSER_PACKAGES):
        return DocumentError("damaged", f"a page could not be read ({exc!r})")
    trace = "".join(traceback.format_exception(exc)).rstrip()
    return DocumentError("extractor_error", f"{type(exc).__name__}: {exc} (a bug in paperflow)\n{trace}")


def _owner(filename: str) -> str:
    """'parser' for a PDF library's source file, 'ours' for paperflow's, '' for anything else."""
    path = Path(filename)
    if any(part in _PARSER_PACKAGES for part in path.parts):
        return "parser"
    try:
        path.resolve().relative_to(_OUR_PACKAGE)
    except ValueError:
        return ""
    return "ours"
