"""Hand-check of statistics read from tables (issue 22): draw a sample, then print its figures.

``sample`` extracts every PDF of the real-document benchmark (``/work/bench/pdfs``, names and split in
``realworld/manifest.yaml``) and of ``../shared/realworld/*.pdf`` (split ``shared``), skipping files that
fail to extract, draws ``--n`` rows uniformly over all statistics with ``source == 'table'`` (fixed
``--seed``) and writes a YAML skeleton: what was extracted, plus empty judgement fields ``real``,
``value_ok``, ``unit_ok``, ``year_ok``, ``measure_ok`` and ``note``, to be filled in by reading the
rendered pages. ``summary`` reads the filled-in file and prints the figures, overall and per split.

    .venv/bin/python tests/benchmarks/table_statistics_handcheck.py sample --n 50 --seed 22
    .venv/bin/python tests/benchmarks/table_statistics_handcheck.py summary

Judging conventions: ``real`` is true when the cell is a quantity of the world (not a coefficient,
standard error, t or p value, N, R², rank, code, footnote number or year); rows with ``real: false``
carry no field verdicts and count as not right. ``kind`` names what a non-real cell is (coefficient,
standard_error, p_value, ...); ``summary`` counts coefficients, standard errors and p-values, which must
be zero. Values are in base units (1,234 亿元 → 123400000000 yuan; "USD billion" 12.3 → 1.23e10 usd);
the year is the one the headers give the value, null only when none is printed for it.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MANIFEST = HERE / "realworld" / "manifest.yaml"
BENCH_PDFS = ROOT.parent / "bench" / "pdfs"
SHARED_PDFS = ROOT.parent / "shared" / "realworld"
DEFAULT_FILE = HERE / "table_statistics_handcheck.yaml"
FIELDS = ("value_ok", "unit_ok", "year_ok", "measure_ok")
SPLITS = ("dev", "unseen", "holdout", "shared")
FORBIDDEN_KINDS = ("coefficient", "standard_error", "p_value")  # must never be table statistics
EXTRACTED = ("value", "unit", "scale", "year", "measure", "subject", "is_target", "is_change")
HEADER = """\
# Hand-check of {n} random table statistics (issue 22): random.Random({seed}).sample over every row with
# source == 'table' that extract_pdf gives on the realworld benchmark PDFs (dev / unseen / holdout, per
# realworld/manifest.yaml) and ../shared/realworld/*.pdf (shared); {total} such rows in all.
# Judged by reading the rendered page. real: a quantity of the world (not a coefficient, standard error,
# t/p value, N, R², rank, code, footnote number or year); kind: what a non-real cell is. value in base
# units, unit in our codes, year from the headers (null only when none is printed), measure in words a
# reader of the table would accept. Print the figures with
#   .venv/bin/python tests/benchmarks/table_statistics_handcheck.py summary
"""


# ---------------------------------------------------------------- sampling


def documents() -> list[tuple[Path, str]]:
    """Every PDF to sample from, with its split."""
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    docs = [(BENCH_PDFS / name, entry["split"]) for name, entry in sorted(manifest.items())]
    docs += [(path, "shared") for path in sorted(SHARED_PDFS.glob("*.pdf"))]
    return [(path, split) for path, split in docs if path.exists()]


def table_rows(path: Path, split: str) -> tuple[list[dict[str, Any]], str]:
    """The table statistics of one PDF, each with its table's caption and its cell, or the error."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from flows.core.document import Limits, extract_pdf
    from flows.core.knowledge import load_knowledge

    data = path.read_bytes()
    try:
        result = extract_pdf(data, hashlib.sha256(data).hexdigest(), Limits(), load_knowledge())
    except Exception as exc:  # a file that fails to extract is skipped
        return [], f"{type(exc).__name__}: {exc}"
    tables = {t["table_id"]: t for t in result.tables.get("tables", [])}
    cells = {(c["table_id"], c["row"], c["col"]): c for c in result.tables.get("table_cells", [])}
    rows = []
    for stat in result.tables.get("statistics", []):
        if stat.get("source") != "table":
            continue
        table = tables.get(stat.get("table_id"), {})
        cell = cells.get((stat.get("table_id"), stat.get("cell_row"), stat.get("cell_col")), {})
        rows.append(
            {
                "file": path.name,
                "split": split,
                "page": stat.get("page"),
                "caption": table.get("caption") or "",
                "table_unit": table.get("unit") or "",
                "table_id": stat.get("table_id"),
                "row": stat.get("cell_row"),
                "col": stat.get("cell_col"),
                "row_header": cell.get("row_header") or "",
                "col_header": cell.get("col_header") or "",
                "raw_text": stat.get("raw_text"),
                **{key: stat.get(key) for key in EXTRACTED},
            }
        )
    return rows, ""


def sample(n: int, seed: int, out: Path, workers: int, force: bool = False) -> int:
    """Extract every document, draw n table statistics and write the YAML skeleton."""
    if (
        not force
        and out.exists()
        and any(r.get("real") is not None for r in yaml.safe_load(out.read_text()) or [])
    ):
        print(f"{out} holds judgements; pass --force (or --out elsewhere) to overwrite it")
        return 1
    docs = documents()
    pool: list[dict[str, Any]] = []
    with ProcessPoolExecutor(max_workers=workers) as ex:
        paths, splits = [p for p, _ in docs], [s for _, s in docs]
        for (path, split), (rows, error) in zip(docs, ex.map(table_rows, paths, splits), strict=True):
            print(f"{split:<8} {len(rows):>5}  {path.name}{'  SKIPPED ' + error[:80] if error else ''}")
            pool.extend(rows)
    print(f"{len(pool)} table statistics in {len(docs)} documents")
    drawn = random.Random(seed).sample(pool, min(n, len(pool)))
    drawn.sort(key=lambda r: (SPLITS.index(r["split"]), r["file"], r["page"] or 0, r["row"], r["col"]))
    judged = {"real": None, "kind": "", **dict.fromkeys(FIELDS), "note": ""}
    items = [{"n": i, **row, **judged} for i, row in enumerate(drawn, 1)]
    text = HEADER.format(n=len(items), seed=seed, total=len(pool))
    text += yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=110)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {len(items)} rows to {out}")
    return 0


# ---------------------------------------------------------------- summary


def all_right(row: dict[str, Any]) -> bool:
    """Whether a row is real and has value, unit, year and measure right."""
    return bool(row.get("real")) and all(row.get(f) is True for f in FIELDS)


def figures(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Share real and with every field right (both over all rows), and each field's share of real rows."""
    real = [r for r in rows if r.get("real")]
    out = {
        "real": len(real) / len(rows) if rows else 0.0,
        "all_fields_right": sum(map(all_right, rows)) / len(rows) if rows else 0.0,
    }
    for f in FIELDS:
        out[f] = sum(r.get(f) is True for r in real) / len(real) if real else 0.0
    return out


def summary(path: Path) -> int:
    """Print the figures of a filled-in hand-check file."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    unjudged = [r["n"] for r in rows if r.get("real") is None]
    if unjudged:
        print(f"warning: {len(unjudged)} rows not judged yet: {unjudged}")
    f = figures(rows)
    print(f"all      n={len(rows):<3} real {f['real']:.2f}  all fields right {f['all_fields_right']:.2f}")
    print("  of real rows: " + "  ".join(f"{k[:-3]} {f[k]:.2f}" for k in FIELDS))
    for split in SPLITS:
        part = [r for r in rows if r["split"] == split]
        if part:
            g = figures(part)
            right = g["all_fields_right"]
            print(f"{split:<8} n={len(part):<3} real {g['real']:.2f}  all fields right {right:.2f}")
    forbidden = sum(1 for r in rows if r.get("kind") in FORBIDDEN_KINDS)
    print(f"coefficients, standard errors or p-values among them: {forbidden} (must be 0)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the sample or summary command."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="extract, draw and write the YAML skeleton")
    s.add_argument("--n", type=int, default=50)
    s.add_argument("--seed", type=int, default=22)
    s.add_argument("--out", type=Path, default=DEFAULT_FILE)
    s.add_argument("--workers", type=int, default=2)
    s.add_argument("--force", action="store_true", help="overwrite a file that holds judgements")
    m = sub.add_parser("summary", help="print the figures of the judged file")
    m.add_argument("--file", type=Path, default=DEFAULT_FILE)
    args = ap.parse_args(argv)
    if args.command == "sample":
        return sample(args.n, args.seed, args.out, args.workers, args.force)
    return summary(args.file)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
