"""Re-create the benchmark's PDF folder from its manifest, outside the repository, and check every hash.

The PDFs are third-party files and are not committed. Each manifest entry names its public repository,
path and commit; this script takes the file from a local snapshot of that repository (a git directory,
``<mirror>/<owner>+<name>/repo``, as the search tool's ``fetch`` lays them out) or, with ``--url`` on a
machine with a network, from the repository's raw URL, and writes it under ``--into`` only when its
SHA-256 matches the manifest.

    .venv/bin/python tests/benchmarks/realworld/recreate.py [--into ../bench/pdfs] [--mirror /work/.mirror]
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_INTO = HERE.parents[3] / "bench" / "pdfs"
DEFAULT_MIRROR = Path("/work/.mirror")
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"


def git_dir(mirror: Path, repo: str) -> Path | None:
    """The snapshot's git directory for a repository, if the mirror holds one."""
    base = mirror / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "HEAD").exists():
            return candidate
    return None


def from_snapshot(mirror: Path, entry: dict[str, Any]) -> bytes | None:
    """The file's bytes at its commit in a local snapshot, or None."""
    gdir = git_dir(mirror, entry["repo"])
    if gdir is None:
        return None
    spec = f"{entry['commit']}:{entry['path']}"
    done = subprocess.run(["git", "--git-dir", str(gdir), "show", spec], capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def from_url(entry: dict[str, Any], timeout: float = 20.0) -> bytes | None:
    """The file's bytes from the repository's raw URL, or None without a network."""
    url = RAW_URL.format(**entry)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except OSError:
        return None


def recreate(manifest: dict[str, dict[str, Any]], into: Path, mirror: Path, use_url: bool) -> list[str]:
    """Write every manifest file into the folder; return what could not be had or did not match."""
    into.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, entry in sorted(manifest.items()):
        target = into / name
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == entry["sha256"]:
            continue
        data = from_snapshot(mirror, entry) or (from_url(entry) if use_url else None)
        if data is None:
            problems.append(f"{name}: not in a snapshot of {entry['repo']} nor at its URL")
            continue
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"{name}: sha256 of {entry['repo']}:{entry['path']} differs from the manifest")
            continue
        target.write_bytes(data)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Re-create the folder and print what is missing."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--manifest", type=Path, default=HERE / "manifest.yaml")
    parser.add_argument("--into", type=Path, default=DEFAULT_INTO)
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--url", action="store_true", help="also download what no snapshot holds")
    args = parser.parse_args(argv)
    manifest = yaml.safe_load(args.manifest.read_text(encoding="utf-8")) or {}
    problems = recreate(manifest, args.into, args.mirror, use_url=args.url)
    for problem in problems:
        print(problem)
    print(f"{len(manifest) - len(problems)} of {len(manifest)} files in {args.into}, hashes checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
