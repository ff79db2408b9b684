"""Text-fidelity benchmark: our reading-order extraction vs plain pdfplumber and pypdfium2 text.

Run: .venv/bin/python tests/benchmarks/text_fidelity.py [--repeat N] [pdf ...]

For each corpus PDF with a reading-order truth (<name>.txt beside it) prints the normalised
Levenshtein similarity of the extracted text to the truth (lower-cased, whitespace and
punctuation/symbols dropped), the share of truth sentences (>= 20 normalised characters) found
verbatim in the normalised extraction, and the time of our extraction relative to plain
``page.extract_text()`` over the same pages, measured in the same run (best CPU time of N
alternating runs).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pdfplumber
import pypdfium2
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from flows.core.layout import extract_document  # noqa: E402
from flows.core.text import split_sentences  # noqa: E402

TRUTH_DIRS = (ROOT / "raw", ROOT.parent / "shared" / "corpus")


def normalise(text: str) -> str:
    """Lower-case and keep only letters and digits (any script)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def truth_for(pdf: Path) -> Path | None:
    """The reading-order truth file for a PDF, looked up beside it and in the shared corpus."""
    for folder in (pdf.parent, *TRUTH_DIRS):
        candidate = folder / (pdf.stem + ".txt")
        if candidate.exists():
            return candidate
    return None


def ours(path: Path) -> str:
    """Our blocks' text in reading order, one block per line."""
    with pdfplumber.open(path) as pdf:
        return "\n".join(b.text for b in extract_document(pdf).blocks)


def plain(path: Path) -> str:
    """pdfplumber's plain extract_text over every page."""
    with pdfplumber.open(path) as pdf:
        out = []
        for page in pdf.pages:
            out.append(page.extract_text() or "")
            page.close()
        return "\n".join(out)


def pdfium(path: Path) -> str:
    """pypdfium2's content-stream-order text over every page."""
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def scores(text: str, truth: str) -> tuple[float, float]:
    """(normalised Levenshtein similarity, share of truth sentences found verbatim)."""
    got = normalise(text)
    want = normalise(truth)
    similarity = Levenshtein.normalized_similarity(got, want)
    sentences = [
        s for line in truth.splitlines() for s in map(normalise, split_sentences(line)) if len(s) >= 20
    ]
    found = sum(1 for s in sentences if s in got)
    return similarity, found / len(sentences) if sentences else 1.0


def timed_pair(path: Path, repeat: int) -> tuple[str, float, str, float]:
    """Run ours and plain alternately repeat times; return their texts and best CPU times.

    CPU time (not wall time) and alternation keep the ratio fair on a machine shared with other jobs.
    """
    best_ours = best_plain = float("inf")
    text_ours = text_plain = ""
    for _ in range(repeat):
        start = time.process_time()
        text_ours = ours(path)
        best_ours = min(best_ours, time.process_time() - start)
        start = time.process_time()
        text_plain = plain(path)
        best_plain = min(best_plain, time.process_time() - start)
    return text_ours, best_ours, text_plain, best_plain


def main() -> None:
    """Print the fidelity table for the given PDFs (default: raw/*.pdf)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=2, help="timing runs per extractor (best is kept)")
    args = parser.parse_args()
    pdfs = args.pdfs or sorted((ROOT / "raw").glob("*.pdf"))
    header = (
        f"{'document':<58} {'ours sim':>8} {'sent':>6} {'plain sim':>9} {'sent':>6} "
        f"{'pdfium sim':>10} {'sent':>6} {'time ours/plain':>15}"
    )
    print(header)
    print("-" * len(header))
    for path in pdfs:
        truth_path = truth_for(path)
        if truth_path is None:
            print(f"{path.name[:58]:<58} (no truth file)")
            continue
        truth = truth_path.read_text(encoding="utf-8")
        text_ours, t_ours, text_plain, t_plain = timed_pair(path, args.repeat)
        text_pdfium = pdfium(path)
        s_ours, q_ours = scores(text_ours, truth)
        s_plain, q_plain = scores(text_plain, truth)
        s_pdfium, q_pdfium = scores(text_pdfium, truth)
        print(
            f"{path.name[:58]:<58} {s_ours:8.4f} {q_ours:6.3f} {s_plain:9.4f} {q_plain:6.3f} "
            f"{s_pdfium:10.4f} {q_pdfium:6.3f} {t_ours / t_plain:9.2f} ({t_ours:.2f}s/{t_plain:.2f}s)"
        )


if __name__ == "__main__":
    main()
