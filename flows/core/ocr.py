"""OCR fallback for image-only PDFs: page images through the Tesseract CLI into Blocks.

Tesseract is an optional system tool (apt: tesseract-ocr tesseract-ocr-chi-sim), called as a
subprocess so the pipeline needs no extra Python bindings and a hung page can be timed out.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pypdfium2 as pdfium

from flows.core.extractors.frontmatter.fields import split_authors
from flows.core.extractors.frontmatter.kind import document_kind
from flows.core.layout.title import title_among
from flows.core.model import Document, Para
from flows.core.text import detect_language
from flows.core.vocabulary import HAN_RANGE, is_cjk

# A wall poster at 300 dpi would be hundreds of megapixels; larger pages are rendered at a lower dpi.
MAX_SIDE_PX = 10_000
PAGE_TIMEOUT_S = 120.0

_READABLE = re.compile(f"[A-Za-z0-9{HAN_RANGE}]")
_TSV_COLUMNS = 12
_WORD_LEVEL = "5"

# Only positive answers are remembered: Tesseract may be installed while the process runs.
_AVAILABLE: set[str] = set()


class OcrError(Exception):
    """Tesseract could not process a page image (it crashed, or did not finish in time)."""


def tesseract_available(languages: str = "chi_sim+eng") -> bool:
    """True when the tesseract binary is on PATH and every one of the '+'-joined languages is installed."""
    if languages in _AVAILABLE:
        return True
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    # Tesseract 3 printed the list to stderr; the first line is a "List of available languages" header.
    installed = {line.strip() for line in (listed.stdout + "\n" + listed.stderr).splitlines()[1:]}
    if listed.returncode != 0 or not set(languages.split("+")) <= installed:
        return False
    _AVAILABLE.add(languages)
    return True


def install_hint(languages: str) -> str:
    """The Debian/Ubuntu packages that provide Tesseract and the given languages."""
    packages = ["tesseract-ocr"] + [
        f"tesseract-ocr-{lang.lower().replace('_', '-')}" for lang in languages.split("+")
    ]
    return " ".join(packages)


def ocr_document(
    pdf: bytes | pdfium.PdfDocument, languages: str, dpi: int = 300, timeout_s: float = PAGE_TIMEOUT_S
) -> Document | None:
    """OCR every page without a text layer into a Document of body blocks, or None if no text is found."""
    owned = not isinstance(pdf, pdfium.PdfDocument)
    doc = pdfium.PdfDocument(pdf) if owned else pdf
    try:
        page_count = len(doc)
        paras: list[Para] = []
        for index in range(page_count):
            page = doc[index]
            try:
                if _has_text(page):
                    continue
                width, height = page.get_size()
                scale = min(dpi / 72, MAX_SIDE_PX / max(width, height, 1.0))
                image = page.render(scale=scale, grayscale=True).to_pil()
            finally:
                page.close()
            png = io.BytesIO()
            # Fast compression: the PNG only travels through a pipe, and zlib level 9 costs ~1 s a page.
            image.save(png, format="PNG", compress_level=1)
            tsv = run_tesseract(png.getvalue(), languages, round(scale * 72), timeout_s, index + 1)
            paras.extend(paragraphs_from_tsv(tsv, index + 1, scale))
    finally:
        if owned:
            doc.close()
    if not paras:
        return None
    blocks = [para.to_block() for para in paras]
    sample = " ".join(block.text for block in blocks[:200])
    first_page = [block.text for block in blocks if block.page == blocks[0].page]
    at = title_among(first_page)
    scanned = Document(
        page_count=page_count,
        title=first_page[at][:300],
        authors=split_authors(first_page[at + 1]) if at + 1 < len(first_page) else [],
        language=detect_language(sample),
        blocks=blocks,
        text_source="ocr",
    )
    scanned.document_kind = document_kind(scanned, blocks)
    return scanned


def run_tesseract(png: bytes, languages: str, dpi: int, timeout_s: float, page: int) -> str:
    """Run the tesseract CLI on one PNG page image and return its TSV output."""
    env = dict(os.environ)
    # Measured: one OpenMP thread is faster per page here, and parallel workers would oversubscribe.
    env.setdefault("OMP_THREAD_LIMIT", "1")
    command = ["tesseract", "stdin", "stdout", "-l", languages, "--psm", "3", "--dpi", str(dpi), "tsv"]
    try:
        done = subprocess.run(
            command, input=png, capture_output=True, timeout=timeout_s, env=env, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"Tesseract took over {timeout_s:.0f} s on page {page}") from exc
    except OSError as exc:
        raise OcrError(f"Tesseract could not be started ({exc})") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise OcrError(f"Tesseract failed on page {page} (exit {done.returncode}: {detail[0]})")
    return done.stdout.decode("utf-8", "replace")


def paragraphs_from_tsv(tsv: str, page: int, scale: float) -> list[Para]:
    """Group Tesseract TSV words into its paragraphs (block_num, par_num), boxes scaled to PDF points."""
    words: dict[tuple[str, str], dict[int, list[str]]] = {}
    boxes: dict[tuple[str, str], list[int]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != _TSV_COLUMNS or cells[0] != _WORD_LEVEL:
            continue
        word = cells[11].strip()
        if not word or float(cells[10]) < 0:
            continue
        left, top, width, height = (int(cell) for cell in cells[6:10])
        key = (cells[2], cells[3])
        words.setdefault(key, {}).setdefault(int(cells[4]), []).append(word)
        box = boxes.setdefault(key, [left, top, left + width, top + height])
        boxes[key] = [
            min(box[0], left),
            min(box[1], top),
            max(box[2], left + width),
            max(box[3], top + height),
        ]
    paras: list[Para] = []
    for key, lines in words.items():
        texts = [join_words(line) for _, line in sorted(lines.items())]
        if not _READABLE.search("".join(texts)):
            continue  # specks and rules read as "|" or "—"
        x0, top, x1, bottom = (round(v / scale, 2) for v in boxes[key])
        paras.append(Para(texts, origin=(page, (x0, top, x1, bottom))))
    return paras


def join_words(words: list[str]) -> str:
    """Join OCR words: no space where either side is CJK (Tesseract splits Chinese into runs), else one."""
    text = ""
    for word in words:
        if text and not (is_cjk(text[-1]) or is_cjk(word[0])):
            text += " "
        text += word
    return text


def _has_text(page: pdfium.PdfPage) -> bool:
    """True when the page's own text layer holds any visible characters."""
    textpage = page.get_textpage()
    try:
        return bool(textpage.get_text_range().strip())
    finally:
        textpage.close()
