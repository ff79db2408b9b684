"""Train the title scorer (flows/core/layout/title_scorer.py) and write its weights, title_model.json.

Training documents: the benchmark's ``dev`` split, the developers' ten (../shared/realworld) and the four
corpus papers — never ``unseen``. Every candidate block of a document's first pages is a row; it is a
positive when its text is the gold title. A logistic regression (scikit-learn, class-balanced) over the
standardised features is fitted; leave-one-document-out top-1 accuracy is printed first, so a change of
features can be judged before it ships.

    .venv/bin/python tests/benchmarks/train_title_scorer.py [--pdfs ../bench/pdfs] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import unicodedata
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from flows.core.extractors.frontmatter.fields import _memo_subject  # noqa: E402
from flows.core.extractors.frontmatter.pdfmeta import read_meta  # noqa: E402
from flows.core.layout import order_pages, read_lines  # noqa: E402
from flows.core.layout.paragraphs import build_paragraphs  # noqa: E402
from flows.core.layout.structure import body_size  # noqa: E402
from flows.core.layout.title import _top_lines, title_candidates  # noqa: E402
from flows.core.layout.title_scorer import FEATURES, MODEL_FILE  # noqa: E402
from flows.core.text import detect_language  # noqa: E402
from tests.benchmarks.realworld_accuracy import BENCH, DEFAULT_GOLD, DEFAULT_PDFS  # noqa: E402
from tests.test_pipeline import EXPECTED_DOCUMENTS  # noqa: E402

CORPUS = ROOT / "raw"
C = 1.0  # inverse regularisation strength of the logistic regression


def squash(text: str) -> str:
    """Text NFKC-normalised, lower-cased, letters, digits and CJK only, without citation marks ("[1]")."""
    text = re.sub(r"\[\d{1,3}\]", "", unicodedata.normalize("NFKC", text or ""))
    return re.sub(r"[\W_]+", "", text.lower())


def is_title(text: str, gold: str) -> bool:
    """Whether a candidate block is the gold title (whole, or the title with a byline or note glued on)."""
    a, b = squash(text), squash(gold)
    if not a or not b:
        return False
    if a == b or fuzz.ratio(a, b) >= 90:
        return True
    return (b in a and len(b) / len(a) >= 0.5) or (a in b and len(a) / len(b) >= 0.7)


def training_documents(pdfs: Path) -> list[tuple[Path, str]]:
    """(PDF, gold title) of every training document found on this machine."""
    docs: list[tuple[Path, str]] = []
    if DEFAULT_GOLD.exists():
        shared = yaml.safe_load(DEFAULT_GOLD.read_text(encoding="utf-8"))
        docs += [(DEFAULT_GOLD.parent / name, g["title"]) for name, g in shared.items() if g.get("title")]
    manifest = yaml.safe_load((BENCH / "manifest.yaml").read_text(encoding="utf-8"))
    gold = yaml.safe_load((BENCH / "gold.yaml").read_text(encoding="utf-8"))
    docs += [
        (pdfs / name, g["title"])
        for name, g in gold.items()
        if manifest[name]["split"] == "dev" and g.get("title") and (pdfs / name).exists()
    ]
    docs += [(CORPUS / name, title) for name, (title, _, _) in EXPECTED_DOCUMENTS.items()]
    return docs


def candidate_rows(path: Path) -> tuple[list[str], list[list[float]]]:
    """The candidate texts of a PDF's first pages and their features, as choose_title sees them.

    A memorandum is left out (no rows): its subject line names it, whatever block the scorer prefers.
    """
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages, heights, _, _ = read_lines(pdf)
        ordered, heads = order_pages(pages, heights)
        paras = [p for p in build_paragraphs(ordered) if p.text]
        meta = read_meta(pdf)
    if not paras:
        return [""], [[0.0] * len(FEATURES)]  # no text layer to choose from
    if _memo_subject(paras):
        return [], []
    zh = detect_language(" ".join(p.text for p in paras[:200])) == "zh"
    banners = heads + _top_lines(paras, heights)
    candidates, features, eligible = title_candidates(
        paras, body_size(paras), heights, banners, meta.title, zh
    )
    # Blocks the rules rule out (banners, labels, issuers' names) are never chosen: they train nothing.
    kept = [i for i, ok in enumerate(eligible) if ok]
    return [candidates[i].text for i in kept], [features[i] for i in kept]


def main(argv: list[str] | None = None) -> int:
    """Build the rows, report leave-one-document-out accuracy, fit on everything and write the model."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS)
    parser.add_argument("--dry-run", action="store_true", help="report only, do not write the model")
    args = parser.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    rows: list[list[float]] = []
    labels: list[int] = []
    groups: list[int] = []
    names: list[str] = []
    for path, gold in training_documents(args.pdfs):
        texts, features = candidate_rows(path)
        marks = [int(is_title(t, gold)) for t in texts]
        if not texts:
            print(f"  a memorandum (named by its subject line), left out: {path.name}")
            continue
        if not any(marks):
            print(f"  no candidate is the title, left out: {path.name} (gold {gold[:60]!r})")
            continue
        group = len(names)
        names.append(path.name)
        rows += features
        labels += marks
        groups += [group] * len(marks)
    x, y, g = np.array(rows), np.array(labels), np.array(groups)
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    z = (x - means) / scales

    def fit(mask: np.ndarray) -> LogisticRegression:
        return LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(z[mask], y[mask])

    right = 0
    for group, name in enumerate(names):
        model = fit(g != group)
        probs = model.predict_proba(z[g == group])[:, 1]
        ok = bool(y[g == group][int(np.argmax(probs))])
        right += ok
        if not ok:
            print(f"  held out, wrong: {name}")
    print(f"leave-one-document-out top-1: {right}/{len(names)} = {right / len(names):.3f} ({len(rows)} rows)")
    model = fit(np.ones(len(y), dtype=bool))
    for name, weight in sorted(zip(FEATURES, model.coef_[0], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:16s} {weight:+.3f}")
    if not args.dry_run:
        MODEL_FILE.write_text(
            json.dumps(
                {
                    "features": list(FEATURES),
                    "means": [round(float(v), 6) for v in means],
                    "scales": [round(float(v), 6) for v in scales],
                    "weights": [round(float(v), 6) for v in model.coef_[0]],
                    "bias": round(float(model.intercept_[0]), 6),
                    "trained_on": sorted(names),
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {MODEL_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
