"""Print the precision figures of the hand-checked statistics sample (statistics_handcheck.yaml).

Usage:
    .venv/bin/python tests/benchmarks/statistics_handcheck.py [--file PATH] [--exclude EO-14110]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
FIELDS = ("value_ok", "unit_ok", "year_ok", "measure_ok")


def figures(rows: list[dict]) -> dict[str, float]:
    """Share of real statistics, of rows with every field right, and of real rows right per field."""
    real = [r for r in rows if r["real"]]
    out = {
        "real": len(real) / len(rows),
        "all_fields_right": sum(all(r[f] for f in FIELDS) for r in real) / len(rows),
    }
    for f in FIELDS:
        out[f] = sum(r[f] for r in real) / len(real) if real else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    """Print one line per section of the hand-check file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=HERE / "statistics_handcheck.yaml")
    ap.add_argument(
        "--exclude", default="", help="leave out rows whose file name contains this (e.g. EO-14110)"
    )
    args = ap.parse_args(argv)
    data = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    for section, all_rows in data.items():
        rows = [r for r in all_rows if not args.exclude or args.exclude not in r["file"]]
        f = figures(rows)
        per_field = "  ".join(f"{k[:-3]} {f[k]:.2f}" for k in FIELDS)
        print(
            f"{section:<7} n={len(rows)}  real {f['real']:.2f}  all fields right {f['all_fields_right']:.2f}"
            f"  (of real rows: {per_field})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
