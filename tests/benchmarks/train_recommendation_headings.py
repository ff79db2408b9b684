"""Train the heading scorer (heading_scorer.json) on the benchmark's dev and shared documents.

Every heading of every document is one example: positive when its text is one of the gold top-level
recommendations (tests/benchmarks/realworld/gold.yaml for dev, ../shared/realworld/gold.yaml), negative
otherwise; the unseen half is never read. A logistic regression over headings.features() is fitted and its
weights written as JSON, so the extractor needs no scikit-learn at run time (training does:
``pip install scikit-learn``).

    .venv/bin/python tests/benchmarks/train_recommendation_headings.py [--cache DIR]

``--cache DIR`` keeps each document's blocks (pickled) between runs, since extraction takes minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from flows.core.extractors.recommendations.headings import MODEL, features, scholarly
from flows.core.extractors.recommendations.labels import strip_label
from flows.core.extractors.recommendations.plans import split_merged_chapters
from flows.core.extractors.recommendations.sections import paragraphs_of
from flows.core.model import Block

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "tests" / "benchmarks" / "realworld"
SHARED = ROOT.parent / "shared" / "realworld"
PDFS = ROOT.parent / "bench" / "pdfs"
C = 1.0  # inverse regularisation strength: a few features, few documents
# A run of headings is taken when their mean probability reaches this: above the single heading's 0.5,
# since guidance whose noun headings head "should" text (requirements, principles) scores near 0.5 …
SERIES_THRESHOLD = 0.7
# … and such a run is taken at the single heading's boundary when nothing else in the document is.
FALLBACK_THRESHOLD = 0.5


def documents() -> list[tuple[Path, dict]]:
    """(PDF, gold entry) for every dev and shared document (never the unseen half)."""
    gold = yaml.safe_load((BENCH / "gold.yaml").read_text(encoding="utf-8"))
    manifest = yaml.safe_load((BENCH / "manifest.yaml").read_text(encoding="utf-8"))
    docs = [(PDFS / name, entry) for name, entry in gold.items() if manifest[name]["split"] == "dev"]
    shared = yaml.safe_load((SHARED / "gold.yaml").read_text(encoding="utf-8"))
    return docs + [(SHARED / name, entry) for name, entry in shared.items()]


def blocks_of(pdf: Path, cache: Path | None) -> list[Block]:
    """The document's blocks, from the cache when it has them."""
    from flows.core.document import Limits, extract_document, geometry_needed, ocr_fallback, open_or_repair

    data = pdf.read_bytes()
    key = cache / f"{hashlib.sha256(data).hexdigest()[:16]}.pkl" if cache else None
    if key and key.exists():
        return pickle.loads(key.read_bytes())
    handle, repaired = open_or_repair(data, Limits())
    try:
        document = extract_document(handle, geometry_needed(), faults=[])
    finally:
        handle.close()
    blocks = list(ocr_fallback(repaired or data, document, Limits()).blocks)
    if key:
        key.write_bytes(pickle.dumps(blocks))
    return blocks


def _norm(text: str) -> str:
    """Text reduced to lower-case letters, digits and CJK, as the benchmark compares items."""
    sys.path.insert(0, str(ROOT))
    from tests.benchmarks.realworld_accuracy import norm_name

    return norm_name(text)


def is_item(title: str, items: list[str]) -> bool:
    """Whether a heading's text is one of the gold items (as the benchmark matches them)."""
    text = _norm(title)
    for item in items:
        key = _norm(item)
        if key and text and (key in text or fuzz.partial_ratio(key, text[: len(key) + 40]) >= 90):
            return True
    return False


def examples(cache: Path | None) -> tuple[list[list[float]], list[int], list[str]]:
    """Feature rows, labels and feature names of every heading of every training document."""
    rows: list[list[float]] = []
    labels: list[int] = []
    names: list[str] = []
    for pdf, entry in documents():
        blocks = blocks_of(pdf, cache)
        paras = split_merged_chapters(paragraphs_of(blocks))
        paper = scholarly(blocks)
        items = (entry.get("recommendations") or {}).get("items") or []
        for i, para in enumerate(paras):
            if para.kind != "heading" or not strip_label(para.text).strip():
                continue
            values = features(paras, i, paper)
            names = list(values)
            rows.append([values[n] for n in names])
            labels.append(int(is_item(strip_label(para.text), items)))
    return rows, labels, names


def main(argv: list[str] | None = None) -> int:
    """Fit the logistic model and write heading_scorer.json."""
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep extracted blocks here between runs")
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    rows, labels, names = examples(args.cache)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(rows, labels)
    accuracy = model.score(rows, labels)
    out = {
        "about": "P(heading states an action): logistic model over headings.features(); "
        "tests/benchmarks/train_recommendation_headings.py",
        "features": names,
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 4),
        "threshold": SERIES_THRESHOLD,
        "fallback_threshold": FALLBACK_THRESHOLD,
        "trained_on": {"headings": len(labels), "positives": sum(labels), "accuracy": round(accuracy, 3)},
    }
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(out["trained_on"]), "->", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
