"""A small score of the table extractor on the reportlab fixtures in tests/fixtures/tables/.

Each fixture's ``<case>.expected.yaml`` is what a reader of the page sees (see make_tables.py for the
conventions). This prints, per fixture and overall: tables found (same page, caption), grid right,
cell texts right, data cells with row and column header right, numbers right, table statistics found with
value, unit and year, and false tables / false table statistics. It prints; tests/test_tables.py asserts.

    .venv/bin/python tests/benchmarks/fixture_tables.py
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: measure this checkout (after any PYTHONPATH), as pytest does
    sys.path.insert(1 + len([p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]), str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures" / "tables"
CASE_NAMES = sorted(p.name.removesuffix(".expected.yaml") for p in FIXTURES.glob("*.expected.yaml"))
Row = dict[str, Any]
VALUE_TOLERANCE = 1e-6  # relative


def squash(text: str | None) -> str:
    """Text without whitespace, NFKC-normalised."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def expected(name: str) -> dict[str, Any]:
    """The expected reading of one fixture."""
    return yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8"))


@functools.cache
def extracted(name: str) -> dict[str, list[Row]]:
    """The raw rows the real extraction produces for one fixture PDF (cached per process)."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from flows.core.document import Limits, extract_pdf
    from flows.core.knowledge import load_knowledge

    data = (FIXTURES / f"{name}.pdf").read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    return extract_pdf(data, sha, Limits(ocr=False), load_knowledge(ROOT / "dbt_project" / "seeds")).tables


def same_number(a: float | None, b: float | None) -> bool:
    """Both absent, or equal within the tolerance (NaN counts as absent)."""
    a = None if a is None or (isinstance(a, float) and math.isnan(a)) else a
    b = None if b is None or (isinstance(b, float) and math.isnan(b)) else b
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= VALUE_TOLERANCE * max(abs(float(b)), 1.0)


def caption_matches(gold: str, found: str) -> bool:
    """Whether a found caption is the gold one, whitespace and case aside.

    Equal, or the gold inside ours (ours adds the "TABLE 1" label the gold left out, or the gold was cut
    short), or ours inside the gold and most of it (ours stops at a line the gold runs past). An empty
    gold caption matches any.
    """
    a, b = squash(gold).lower(), squash(found).lower()
    if not a:
        return True
    return bool(b) and (a in b or (b in a and len(b) >= 0.6 * len(a)))


def match_tables(gold: list[dict[str, Any]], found: list[Row]) -> list[Row | None]:
    """For each expected table, the found table on its first page whose caption matches (each used once)."""
    used: set[str] = set()
    matched: list[Row | None] = []
    for table in gold:
        candidates = [
            t
            for t in found
            if t["table_id"] not in used
            and int(t.get("page") or 0) == table["page"]
            and caption_matches(table["caption"], t.get("caption") or "")
        ]
        pick = candidates[0] if candidates else None
        if pick is not None:
            used.add(pick["table_id"])
        matched.append(pick)
    return matched


def cells_of(rows: dict[str, list[Row]], table_id: str) -> dict[tuple[int, int], Row]:
    """The cells of one found table keyed by (row, col)."""
    return {
        (int(c["row"]), int(c["col"])): c for c in rows.get("table_cells") or [] if c["table_id"] == table_id
    }


def table_statistics(rows: dict[str, list[Row]]) -> list[Row]:
    """The statistics read from table cells."""
    return [s for s in rows.get("statistics") or [] if s.get("source") == "table"]


def statistic_matches(stat: Row, want: dict[str, Any]) -> bool:
    """Value (base units), unit and year of a table statistic as expected."""
    return (
        same_number(stat.get("value"), want["value"])
        and (stat.get("unit") or "") == want["unit"]
        and stat.get("year") == want["year"]
    )


def score(name: str) -> Counter:
    """The counts of one fixture."""
    want, rows = expected(name), extracted(name)
    found = rows.get("tables") or []
    counts: Counter = Counter()
    matched = match_tables(want["tables"], found)
    stats = table_statistics(rows)
    counts["tables_found_false"] += len(found) - sum(m is not None for m in matched)
    for table, hit in zip(want["tables"], matched, strict=True):
        counts["tables"] += 1
        data_cells = [c for c in table["cells"] if not c["is_header"]]
        counts["cells"] += len(table["cells"])
        counts["data_cells"] += len(data_cells)
        counts["statistics"] += len(table["statistics"])
        if hit is None:
            continue
        counts["tables_found"] += 1
        counts["grid_right"] += int(
            (int(hit["n_rows"]), int(hit["n_cols"])) == (table["n_rows"], table["n_cols"])
        )
        got = cells_of(rows, hit["table_id"])
        for cell in table["cells"]:
            ours = got.get((cell["row"], cell["col"]))
            if ours is None:
                continue
            counts["text_right"] += int((ours.get("text") or "") == cell["text"])
        for cell in data_cells:
            ours = got.get((cell["row"], cell["col"]))
            if ours is None:
                continue
            heads = (ours.get("row_header") or "", ours.get("col_header") or "")
            counts["headers_right"] += int(heads == (cell["row_header"], cell["col_header"]))
            counts["number_right"] += int(same_number(ours.get("number"), cell["number"]))
        mine = [s for s in stats if s.get("table_id") == hit["table_id"]]
        for want_stat in table["statistics"]:
            at = [
                s
                for s in mine
                if (s.get("cell_row"), s.get("cell_col")) == (want_stat["row"], want_stat["col"])
            ]
            counts["statistics_found"] += int(any(statistic_matches(s, want_stat) for s in at))
        expected_at = {(s["row"], s["col"]) for s in table["statistics"]}
        counts["statistics_false"] += sum(
            (s.get("cell_row"), s.get("cell_col")) not in expected_at for s in mine
        )
    return counts


def _ratio(num: float, den: float) -> str:
    return f"{num / den:.3f} ({num:g}/{den:g})" if den else "n/a"


def summary(c: Counter) -> dict[str, str]:
    """The figures of summed counts."""
    return {
        "tables_found": _ratio(c["tables_found"], c["tables"]),
        "grid_right": _ratio(c["grid_right"], c["tables"]),
        "cell_text": _ratio(c["text_right"], c["cells"]),
        "data_cell_headers": _ratio(c["headers_right"], c["data_cells"]),
        "data_cell_number": _ratio(c["number_right"], c["data_cells"]),
        "statistics": _ratio(c["statistics_found"], c["statistics"]),
        "false_tables": f"{c['tables_found_false']:g}",
        "false_statistics": f"{c['statistics_false']:g}",
    }


def main() -> int:
    """Score every fixture and print the figures."""
    total: Counter = Counter()
    for name in CASE_NAMES:
        try:
            counts = score(name)
        except Exception as exc:  # a benchmark reports a failure and goes on
            print(f"{name:20s} extraction failed: {type(exc).__name__}: {exc}")
            continue
        total.update(counts)
        print(f"{name:20s} " + "  ".join(f"{k} {v}" for k, v in summary(counts).items()))
    print(f"{'overall':20s} " + "  ".join(f"{k} {v}" for k, v in summary(total).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
