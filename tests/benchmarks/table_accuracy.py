"""Tables on the real-document benchmark: gold tables found, their cells read, their headers right.

The gold is the ``tables:`` list of each document in ``realworld/gold.yaml`` (page, caption, n_rows,
n_cols and a sample of cells with row_header, col_header and value); the split is manifest.yaml's; the
PDFs are re-created in /work/bench/pdfs by ``realworld/recreate.py``. Documents and extraction are those
of realworld_accuracy.py (its loading helpers are reused, not copied). Per split it prints:

- gold tables found: a found table on the gold's page whose caption is the gold's (whitespace and case
  aside; see fixture_tables.caption_matches), any table on that page when the gold caption is empty;
- gold cells found with the right value (in the matched table: the same text, whitespace aside, or the
  same number), and of those with row and column header right too (the gold header, normalised, inside
  our header path);
- false tables: found tables no gold table matched, on documents whose gold has a ``tables:`` key, and
  the documents with ``tables: []`` where any table was found.

Write rules against dev only. Per-document lines are printed for dev (without ``--quiet``), never for
unseen or holdout: those are scored to report, and whoever writes rules must not read their documents'
output. It prints; it asserts nothing.

    .venv/bin/python tests/benchmarks/table_accuracy.py --split dev
    .venv/bin/python tests/benchmarks/table_accuracy.py --split all --quiet
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: measure this checkout (after any PYTHONPATH)
    sys.path.insert(1 + len([p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]), str(ROOT))

from tests.benchmarks.fixture_tables import caption_matches, squash  # noqa: E402
from tests.benchmarks.realworld_accuracy import (  # noqa: E402
    DEFAULT_GOLD,
    DEFAULT_PDFS,
    _extract,
    _seeds_dir,
    load_set,
    nfkc,
    norm_name,
    ratio,
)

SPLITS = ("dev", "unseen", "holdout", "all")
PER_DOCUMENT = frozenset({"dev"})  # the only split whose per-document output may be shown
VALUE_TOLERANCE = 1e-6  # relative, for "the same number"
Row = dict[str, Any]
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def gold_number(value: Any) -> float | None:
    """The number a gold value prints (stars, %, brackets and thousands separators aside), if it is one."""
    text = nfkc(str(value if value is not None else "")).strip().replace("\u2212", "-").replace("\u2013", "-")
    text = text.rstrip("*").strip().strip("()[]〔〕").strip().rstrip("%").strip()
    if not _NUMBER.fullmatch(text):
        return None
    return float(text.replace(",", ""))


def value_right(gold: Any, cell: Row) -> bool:
    """A found cell reads the gold value: the same text (whitespace aside), one item of it, or the number.

    A cell listing items one per line holds several values; gold records one of them.
    """
    text = cell.get("text") or ""
    if squash(str(gold if gold is not None else "")) in {squash(text), *map(squash, text.split("\n"))}:
        return True
    want = gold_number(gold)
    if want is None:
        return False
    for got in (cell.get("number"), gold_number(cell.get("text"))):
        try:
            got = float(got)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if got == got and abs(got - want) <= VALUE_TOLERANCE * max(abs(want), 1.0):
            return True
    return False


def header_right(gold: str | None, ours: str | None) -> bool:
    """The gold header (normalised) lies inside our header path; an empty gold header is always right.

    Inside the path: the gold, normalised, is one level's text or part of it, or runs over consecutive
    pieces of levels taken in order, so a gold that leaves out a level of ours ("Great Inflation Era
    Model" for "Great Inflation Era > 1960.q1 to 1983.q4 > Model") or spans two ("静态指标/CPU" for
    "静态指标 > CPU") is right, while a gold whose words ours misreads is not.
    """
    want = norm_name(gold or "")
    if not want:
        return True
    levels = [norm_name(level) for level in (ours or "").split(" > ")]

    @functools.cache
    def covered(start: int, level: int) -> bool:
        if start == len(want):
            return True
        return any(
            want[start:end] in levels[i] and covered(end, i + 1)
            for i in range(level, len(levels))
            for end in range(len(want), start, -1)
        )

    return covered(0, 0)


def cell_hits(gold_cells: list[dict], cells: list[Row]) -> tuple[int, int, list[str]]:
    """Gold cells found with the right value, of those with both headers right, and notes on misses."""
    by_value = headed = 0
    notes = []
    for gold in gold_cells:
        hits = [c for c in cells if value_right(gold.get("value"), c)]
        ok = [
            c
            for c in hits
            if header_right(gold.get("row_header"), c.get("row_header"))
            and header_right(gold.get("col_header"), c.get("col_header"))
        ]
        by_value += bool(hits)
        headed += bool(ok)
        if not hits:
            heads = f"{gold.get('row_header')!r} | {gold.get('col_header')!r}"
            notes.append(f"cell not read: {gold.get('value')!r} ({heads})")
        elif not ok:
            c = hits[0]
            notes.append(
                f"headers: {gold.get('value')!r} read under {c.get('row_header')!r} | {c.get('col_header')!r}"
                f" (gold {gold.get('row_header')!r} | {gold.get('col_header')!r})"
            )
    return by_value, headed, notes


def score_document(gold: dict, rows: dict[str, list[Row]]) -> tuple[Counter, list[str]]:
    """The table counts of one document, with notes (shown for dev only)."""
    counts: Counter = Counter()
    notes: list[str] = []
    if "tables" not in gold:
        return counts, notes
    found = rows.get("tables") or []
    cells_by_table: dict[str, list[Row]] = {}
    for cell in rows.get("table_cells") or []:
        cells_by_table.setdefault(cell["table_id"], []).append(cell)
    counts["documents"] += 1
    used: set[str] = set()
    for table in gold["tables"] or []:
        gold_cells = table.get("cells") or []
        counts["gold_tables"] += 1
        counts["gold_cells"] += len(gold_cells)
        candidates = [
            t
            for t in found
            if t["table_id"] not in used
            and int(t.get("page") or 0) == int(table["page"])
            and caption_matches(table.get("caption") or "", t.get("caption") or "")
        ]
        if not candidates:
            on_page = [
                repr((t.get("caption") or "")[:50]) for t in found if int(t.get("page") or 0) == table["page"]
            ]
            where = f"; on that page: {', '.join(on_page)}" if on_page else ""
            notes.append(
                f"table not found p{table['page']}: {(table.get('caption') or '(no caption)')[:60]!r}{where}"
            )
            continue
        scored = [(cell_hits(gold_cells, cells_by_table.get(t["table_id"], [])), t) for t in candidates]
        (by_value, headed, cell_notes), pick = max(scored, key=lambda s: (s[0][0], s[0][1]))
        used.add(pick["table_id"])
        counts["tables_found"] += 1
        shape = (int(pick.get("n_rows") or 0), int(pick.get("n_cols") or 0))
        counts["shape_right"] += int(shape == (table.get("n_rows"), table.get("n_cols")))
        counts["cells_value"] += by_value
        counts["cells_headers"] += headed
        if shape != (table.get("n_rows"), table.get("n_cols")):
            notes.append(
                f"shape p{table['page']}: {shape} (gold {(table.get('n_rows'), table.get('n_cols'))})"
            )
        notes += [f"p{table['page']} {n}" for n in cell_notes]
    false = [t for t in found if t["table_id"] not in used]
    counts["found_tables"] += len(found)
    counts["false_tables"] += len(false)
    if not gold["tables"]:
        counts["no_table_documents"] += 1
        counts["no_table_documents_with_tables"] += int(bool(found))
    for t in false:
        caption = (t.get("caption") or "(no caption)")[:60]
        notes.append(f"false table p{t.get('page')}: {caption!r} {t.get('n_rows')}x{t.get('n_cols')}")
    return counts, notes


def summary(c: Counter) -> dict[str, str]:
    """The headline figures of summed counts."""
    return {
        "gold tables found": ratio(c["tables_found"], c["gold_tables"]),
        "gold cells, value right": ratio(c["cells_value"], c["gold_cells"]),
        "gold cells, value and headers right": ratio(c["cells_headers"], c["gold_cells"]),
        "found tables with gold n_rows x n_cols": ratio(c["shape_right"], c["tables_found"]),
        "false tables (of found)": ratio(c["false_tables"], c["found_tables"]),
        "documents with tables: [] given tables": ratio(
            c["no_table_documents_with_tables"], c["no_table_documents"]
        ),
    }


def score_split(split: str, args: argparse.Namespace) -> Counter:
    """Extract and score one split; per-document lines for dev only (and never with --quiet)."""
    gold, folder = load_set(split, args.pdfs, DEFAULT_GOLD)
    names = sorted(n for n in gold if "tables" in gold[n])
    seeds = _seeds_dir()
    with ProcessPoolExecutor(max_workers=max(1, args.workers)) as pool:
        outcomes = dict(
            zip(names, pool.map(_extract, [folder / n for n in names], [seeds] * len(names)), strict=True)
        )
    show = split in PER_DOCUMENT and not args.quiet
    total: Counter = Counter()
    failed = 0
    for name in names:
        rows, error = outcomes[name]
        failed += rows is None
        counts, notes = score_document(gold[name], rows or {})
        total.update(counts)
        if show:
            print(f"\n== {name}" + (f"\n   extraction failed: {error}" if rows is None else ""))
            print("   " + "  ".join(f"{k} {v}" for k, v in summary(counts).items() if v != "n/a"))
            for note in notes:
                print(f"      - {note}")
    print(f"\n== tables, {split} ({len(names)} documents with a tables: gold, {failed} failed to extract)")
    for key, value in summary(total).items():
        print(f"   {key:42s} {value}")
    return total


def main(argv: list[str] | None = None) -> int:
    """Score the chosen split(s) and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=SPLITS, default="dev", help="all: dev, unseen and holdout")
    parser.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS, help="the benchmark's PDFs (recreate.py)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--quiet", action="store_true", help="per-split totals only")
    args = parser.parse_args(argv)
    if not args.pdfs.is_dir():
        print(f"no PDFs at {args.pdfs}: re-create them with tests/benchmarks/realworld/recreate.py")
        return 0
    for split in ("dev", "unseen", "holdout") if args.split == "all" else (args.split,):
        score_split(split, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
