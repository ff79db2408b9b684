"""Stage 3, load: the build warehouse, created from the cached results of the current documents.

The DuckDB side (raw and ops schemas, builds, the run lock, atomic publishing) is
flows/plumbing/warehouse.py; this stage decides which result folders and files go in.
"""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.core.document import document_id_for
from flows.core.schema import raw_columns
from flows.plumbing import warehouse as wh
from flows.plumbing.extraction import Outcome, result_dir
from flows.plumbing.results import same_text_aliases
from flows.plumbing.runstate import SourceFile
from flows.plumbing.settings import Settings


@task(cache_policy=NO_CACHE)
def load(
    build: Path, outcomes: list[Outcome], sources: list[SourceFile], version: str, settings: Settings
) -> dict[str, str]:
    """Create the build warehouse from the cached results of the current documents.

    Returns the same-text aliases: files loaded as the document of another file with the same text.
    """
    loaded = {o.sha256 for o in outcomes if o.status != "failed"}
    aliases = same_text_aliases({sha: result_dir(settings.cache_dir, version, sha) for sha in loaded})
    folders = sorted({result_dir(settings.cache_dir, version, sha) for sha in loaded - aliases.keys()})
    files = [
        {
            "sha256": s.sha256,
            "document_id": document_id_for(aliases.get(s.sha256, s.sha256)),
            "source_file": s.path.name,
            "size_bytes": s.size_bytes,
            "status": "loaded" if s.sha256 in loaded else "failed",
        }
        for s in sources
    ]
    previous = settings.warehouse if settings.warehouse.exists() else None
    wh.create_build(build, wh.BuildInput(raw_columns(), folders, files, previous))
    return aliases
