"""Check benchmark gold against its PDFs: hashes, required fields, and every gold span in the page's text.

A span (a statistic's or non-statistic's ``text``, a policy ``name``, a table caption or cell value) must
occur in the text layer of the page the gold names or the page before or after; the title within the first
three pages; a recommendation item anywhere. Text is compared NFKC-normalised without whitespace, so line
breaks and spacing do not matter. It prints every problem and exits 1 when there is one.

    .venv/bin/python tests/benchmarks/realworld/check_gold.py            # the repository's gold
    .venv/bin/python tests/benchmarks/realworld/check_gold.py --gold G.yaml --manifest M.yaml --pdfs DIR
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_PDFS = HERE.parents[3] / "bench" / "pdfs"
KINDS = {"paper", "policy", "report"}
CATEGORIES = {"zh", "en_policy", "paper_report"}
SPLITS = {"dev", "unseen", "holdout"}
REQUIRED = ("source", "kind", "language", "pages", "title", "authors", "year", "recommendations")
PAGE_SLACK = 1
_QUOTES = "《》〈〉“”\"'‘’「」"


def squash(text: str) -> str:
    """Text NFKC-normalised, line-end hyphens joined, without whitespace, for span comparison."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"[\ufffe\x02\u00ad]", "", text)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", "", text)


@cache
def page_texts(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each page's squashed text as pypdfium2 and pdfplumber read it (two readers, as they differ)."""
    import pdfplumber
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    pdfium = []
    for page in pdf:
        textpage = page.get_textpage()
        pdfium.append(squash(textpage.get_text_range()))
    pdf.close()
    with pdfplumber.open(path) as doc:
        plumber = tuple(squash(page.extract_text() or "") for page in doc.pages)
    return tuple(pdfium), plumber


def found_on(path: Path, span: str, pages: range | None) -> bool:
    """Whether a span occurs on one of the pages (1-based; None for any page)."""
    needle = squash(span)
    if not needle:
        return False
    variants = {needle, needle.strip(_QUOTES)}
    for reader in page_texts(path):
        chosen = reader if pages is None else [reader[p - 1] for p in pages if 1 <= p <= len(reader)]
        if any(v and v in text for v in variants for text in chosen):
            return True
    return False


def near(page: Any) -> range:
    """The pages a span may sit on: the named one and its neighbours."""
    page = int(page)
    return range(page - PAGE_SLACK, page + PAGE_SLACK + 1)


def sha256(path: Path) -> str:
    """The file's SHA-256 in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_manifest(manifest: dict[str, Any], pdfs: Path) -> list[str]:
    """Problems of the manifest: missing files, wrong hashes, unknown categories or splits."""
    problems = []
    for name, entry in manifest.items():
        for key in ("repo", "path", "commit", "sha256", "category"):
            if not entry.get(key):
                problems.append(f"{name}: manifest lacks {key}")
        if entry.get("category") not in CATEGORIES:
            problems.append(f"{name}: category {entry.get('category')!r} not in {sorted(CATEGORIES)}")
        if "split" in entry and entry["split"] not in SPLITS:
            problems.append(f"{name}: split {entry['split']!r} not in {sorted(SPLITS)}")
        path = pdfs / name
        if not path.exists():
            problems.append(f"{name}: no file in {pdfs}")
        elif entry.get("sha256") and sha256(path) != entry["sha256"]:
            problems.append(f"{name}: sha256 differs from the manifest")
    return problems


def check_document(name: str, gold: dict[str, Any], path: Path) -> list[str]:
    """Problems of one document's gold: fields missing or spans not in the text layer."""
    problems = [f"{name}: lacks {key}" for key in REQUIRED if key not in gold]
    if gold.get("kind") not in KINDS:
        problems.append(f"{name}: kind {gold.get('kind')!r}")
    if not path.exists():
        return [*problems, f"{name}: no PDF to check spans against"]
    if gold.get("title") and not found_on(path, gold["title"], range(1, 4)):
        problems.append(f"{name}: title {gold['title']!r} not on pages 1-3")
    for field in ("statistics", "not_statistics"):
        for item in gold.get(field) or []:
            if not isinstance(item.get("text"), str):
                # YAML reads an unquoted 2021-03-19 as a date: the scorer compares strings.
                problems.append(f"{name}: {field} text {item.get('text')!r} is no string (quote it)")
            elif not found_on(path, item["text"], near(item.get("page", 0))):
                problems.append(f"{name}: {field} {item.get('text')!r} not near page {item.get('page')}")
    for item in gold.get("statistics") or []:
        if "value_base" not in item or "unit" not in item:
            problems.append(f"{name}: statistic {item.get('text')!r} lacks value_base or unit")
    for field in ("policies", "policies_optional", "not_policies"):
        for item in gold.get(field) or []:
            if not found_on(path, str(item.get("name", "")), near(item.get("page", 0))):
                problems.append(f"{name}: {field} {item.get('name')!r} not near page {item.get('page')}")
    recs = gold.get("recommendations") or {}
    for item in recs.get("items") or []:
        if not found_on(path, str(item), None):
            problems.append(f"{name}: recommendation {item!r} not in the text")
    if recs.get("items") and recs.get("count") != len(recs["items"]):
        problems.append(f"{name}: recommendations count {recs.get('count')} but {len(recs['items'])} items")
    refs = gold.get("references")
    if refs is not None and len(refs) != gold.get("references_count"):
        problems.append(f"{name}: references_count {gold.get('references_count')} but {len(refs)} listed")
    for table in gold.get("tables") or []:
        pages = near(table.get("page", 0))
        if table.get("caption") and not found_on(path, table["caption"], pages):
            problems.append(f"{name}: table caption {table['caption']!r} not near page {table.get('page')}")
        for cell in table.get("cells") or []:
            if not found_on(path, str(cell.get("value", "")), pages):
                problems.append(f"{name}: table cell {cell.get('value')!r} not near page {table.get('page')}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Check the gold and the manifest; print each problem."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=HERE / "gold.yaml")
    parser.add_argument("--manifest", type=Path, default=HERE / "manifest.yaml")
    parser.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS)
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings say nothing of the gold
    gold = yaml.safe_load(args.gold.read_text(encoding="utf-8")) or {}
    manifest = yaml.safe_load(args.manifest.read_text(encoding="utf-8")) or {}
    problems = check_manifest(manifest, args.pdfs)
    problems += [f"{name}: gold but not in the manifest" for name in gold if name not in manifest]
    for name, entry in gold.items():
        problems += check_document(name, entry, args.pdfs / name)
    for problem in problems:
        print(problem)
    print(f"{len(gold)} documents, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
