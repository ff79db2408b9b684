"""Assign the benchmark's fixed dev/unseen split, by source, at random, and write it into the manifest.

A source (repository) lies wholly on one side, so no rule written against a dev document has seen a
document of the same producer in unseen. Within each category (zh, en_policy, paper_report) the sources
are shuffled with a fixed seed and taken into unseen until a third of that category's documents are
there. Documents already assigned keep their side; run it only when documents are added.

    .venv/bin/python tests/benchmarks/realworld/split.py [--seed 20261203]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
UNSEEN_SHARE = 1 / 3


def assign(manifest: dict[str, dict[str, Any]], seed: int) -> dict[str, str]:
    """The side of every document without one, chosen by source within its category."""
    sides = {name: entry["split"] for name, entry in manifest.items() if entry.get("split")}
    # A holdout document (split set by hand when it is added) keeps its side; the rest is dev or unseen.
    manifest = {name: entry for name, entry in manifest.items() if entry.get("split") != "holdout"}
    by_category: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, entry in sorted(manifest.items()):
        by_category[entry["category"]][entry["repo"]].append(name)
    rng = random.Random(seed)
    for category in sorted(by_category):
        sources = by_category[category]
        fixed = {repo: sides[names[0]] for repo, names in sources.items() if names[0] in sides}
        total = sum(len(names) for names in sources.values())
        unseen = sum(len(sources[repo]) for repo, side in fixed.items() if side == "unseen")
        free = sorted(repo for repo in sources if repo not in fixed)
        rng.shuffle(free)
        for repo in free:
            side = "unseen" if unseen < UNSEEN_SHARE * total else "dev"
            unseen += len(sources[repo]) if side == "unseen" else 0
            sides.update({name: side for name in sources[repo]})
    return sides


def main(argv: list[str] | None = None) -> int:
    """Write the split into the manifest and print the counts per side and category."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--manifest", type=Path, default=HERE / "manifest.yaml")
    parser.add_argument("--seed", type=int, default=20261203)
    args = parser.parse_args(argv)
    text = args.manifest.read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    manifest = yaml.safe_load(text)
    for name, side in assign(manifest, args.seed).items():
        manifest[name]["split"] = side
    body = yaml.safe_dump(manifest, allow_unicode=True, sort_keys=True)
    args.manifest.write_text(header + body, encoding="utf-8")
    counts: dict[tuple[str, str], int] = defaultdict(int)
    sources: dict[str, set[str]] = defaultdict(set)
    for entry in manifest.values():
        counts[(entry["split"], entry["category"])] += 1
        sources[entry["split"]].add(entry["repo"])
    for (side, category), n in sorted(counts.items()):
        print(f"{side:7s} {category:13s} {n}")
    print(" ".join(f"{side}: {len(repos)} sources" for side, repos in sorted(sources.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
