"""CPU cost of extraction: this checkout's ``extract_pdf`` against another checkout's, over the same PDFs.

Each checkout runs in its own subprocess (its ``flows`` package first on the path) and times
``extract_pdf`` per file with process CPU time; the ratio of the totals is printed. A file that fails
to extract still counts the time it took. Default files: the benchmark folder and ../shared/realworld.

    git worktree add /tmp/base <commit>
    .venv/bin/python tests/benchmarks/extract_cpu.py /tmp/base [--pdfs DIR ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD = r"""
import hashlib, json, logging, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
logging.disable(logging.WARNING)
from flows.core.document import Limits, extract_pdf
from flows.core.knowledge import load_knowledge
knowledge = load_knowledge(Path(sys.argv[2]))
spent = {}
for name in sys.argv[3:]:
    data = Path(name).read_bytes()
    start = time.process_time()
    try:
        extract_pdf(data, hashlib.sha256(data).hexdigest(), Limits(), knowledge)
    except Exception:
        pass
    spent[name] = time.process_time() - start
print(json.dumps(spent))
"""


def cpu_seconds(checkout: Path, files: list[str]) -> float:
    """Total CPU seconds the checkout's extract_pdf spends on the files, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    seeds = str(ROOT / "dbt_project" / "seeds")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(checkout), seeds, *files], capture_output=True, text=True, env=env
    )
    return sum(json.loads(out.stdout.strip().splitlines()[-1]).values())


def main(argv: list[str] | None = None) -> int:
    """Print both checkouts' CPU totals and their ratio."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("other", type=Path, help="the checkout to compare against")
    parser.add_argument(
        "--pdfs",
        type=Path,
        nargs="*",
        default=[ROOT.parent / "bench" / "pdfs", ROOT.parent / "shared" / "realworld"],
    )
    args = parser.parse_args(argv)
    files = sorted(str(p) for folder in args.pdfs if folder.is_dir() for p in folder.glob("*.pdf"))
    if not files:
        print("no PDFs found")
        return 0
    # Alternate the order (theirs, mine, mine, theirs) so a machine that warms up or slows down is fair.
    theirs = cpu_seconds(args.other, files)
    mine = cpu_seconds(ROOT, files) + cpu_seconds(ROOT, files)
    theirs += cpu_seconds(args.other, files)
    ratio = mine / theirs
    print(f"{len(files)} PDFs, each extracted twice per checkout (CPU seconds, both passes):")
    print(f"  this checkout {mine:.1f}, {args.other} {theirs:.1f}, ratio {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
