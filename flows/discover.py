"""Stage 1, discover: the files in raw/ a run reads, with their content hashes."""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.plumbing.runstate import SourceFile, discover_files


@task(cache_policy=NO_CACHE)
def discover(raw_dir: Path, cache_dir: Path) -> list[SourceFile]:
    """List the visible files in raw/ with their content hashes, in name order."""
    return discover_files(raw_dir, cache_dir)
