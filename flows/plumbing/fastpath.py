"""`paperflow run` when nothing changed: decided and recorded before Prefect, GX or dbt is imported.

The inputs of a build are the raw files (their SHA-256, kept in a stat index so unchanged files are
not read again), the extractor version, the dbt project and the suites. When their fingerprint is
the one of the published build, a run has nothing to extract, validate or build: it records itself
in `ops.pipeline_runs` (documents_processed = 0) the way every run does, in a copy of the published
warehouse published by atomic rename while holding the run lock, so readers are never blocked and
never see half a state. Only runs that do work start Prefect and become flow runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.plumbing import warehouse as wh
from flows.plumbing.runstate import (
    RunSummary,
    SourceFile,
    discover_files,
    input_fingerprint,
    last_fingerprint,
    new_summary,
    record_unchanged,
    write_summary,
)
from flows.plumbing.settings import Settings


@dataclass(frozen=True)
class Inputs:
    """What a build depends on, as found by the check: the files, the extractor version, the fingerprint."""

    sources: list[SourceFile]
    version: str
    fingerprint: str


def current_version(settings: Settings) -> str:
    """The extractor version a run with these settings uses (OCR counts once Tesseract can run)."""
    from flows.core.ocr import tesseract_available
    from flows.plumbing.extraction import extractor_version

    return extractor_version(settings.seeds_dir, ocr=settings.ocr and tesseract_available())


def record_if_unchanged(settings: Settings) -> tuple[RunSummary | None, Inputs]:
    """Record this run and return its summary when nothing changed since the published build.

    Either way, return the inputs found, so a run that has work to do need not look again.
    """
    summary, started = new_summary(settings)
    with wh.run_lock(settings.warehouse, settings.lock_timeout_s):
        sources = discover_files(settings.raw_dir, settings.cache_dir)
        version = current_version(settings)
        inputs = Inputs(sources, version, input_fingerprint(sources, version, settings))
        if inputs.fingerprint != last_fingerprint(settings.warehouse):
            return None, inputs
        wh.remove_stale_builds(settings.warehouse)
        summary.documents_seen = len({s.sha256 for s in sources})
        record_unchanged(settings, summary, sources, version, inputs.fingerprint, started)
    write_summary(settings, summary)
    return summary, inputs
