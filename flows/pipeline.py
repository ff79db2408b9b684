"""The Prefect flow: discover → extract → load → validate → dbt build → publish → summary.

Each stage is a module of its own, in run order: flows/discover.py, extract.py, load.py, validate.py
(with quarantine.py), transform.py and publish.py; this module strings them together. Tasks take paths,
hashes and the frozen Settings, never connections or contexts, so any of them can run on another
process or a Dask worker. The flow writes only a new build file and
publishes it by atomic rename; the published warehouse is never opened for writing.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger

from flows.core.ocr import tesseract_available
from flows.discover import discover
from flows.extract import extract
from flows.load import load
from flows.plumbing import warehouse as wh
from flows.plumbing.extraction import extractor_version
from flows.plumbing.logs import run_log, run_log_path
from flows.plumbing.pool import shutdown_pools, started_ahead
from flows.plumbing.results import page_errors_of
from flows.plumbing.runstate import (
    RunSummary,
    input_fingerprint,
    known_outcomes,
    last_fingerprint,
    new_summary,
    record_unchanged,
    result_folders,
    tally,
    write_summary,
)
from flows.plumbing.settings import Settings
from flows.publish import publish
from flows.quarantine import (
    decide,
    document_errors,
    held_back_records,
    hold_back,
    quarantine,
    quarantine_rows,
)
from flows.transform import transform
from flows.validate import load_suites, validate_build

# One line per document on the terminal (the CLI attaches a handler); Prefect's own logs stay quiet.
PROGRESS = logging.getLogger("paperflow.progress")


# Parameters are validated by Settings itself: a scheduled run receives them as a JSON object.
@flow(name="paperflow", log_prints=True, validate_parameters=False)
def paperflow_flow(settings: Settings | dict[str, Any], run_id: str | None = None) -> RunSummary:
    """Run the whole pipeline once over settings.raw_dir and publish a validated warehouse."""
    if not isinstance(settings, Settings):
        settings = Settings(**settings)
    summary, started = new_summary(settings, run_id)
    summary.log_file = str(run_log_path(settings.reports_dir, summary.run_id))
    log = run_log(Path(summary.log_file))
    with log, wh.run_lock(settings.warehouse, settings.lock_timeout_s):
        wh.remove_stale_builds(settings.warehouse)
        build = wh.build_path(settings.warehouse, summary.run_id)
        try:
            _run(settings, summary, build, started)
        finally:
            shutdown_pools()
            build.unlink(missing_ok=True)
    write_summary(settings, summary)
    return summary


def _run(settings: Settings, summary: RunSummary, build: Path, started: datetime) -> None:
    """The body of a run, holding the lock; fills in the summary as it goes."""
    logger = get_run_logger()
    sources = discover(settings.raw_dir, settings.cache_dir)
    # Image-only documents read differently once Tesseract can run, so OCR is part of the version.
    version = extractor_version(settings.seeds_dir, ocr=settings.ocr and tesseract_available())
    fingerprint = input_fingerprint(sources, version, settings)
    summary.documents_seen = len({s.sha256 for s in sources})

    if fingerprint == last_fingerprint(settings.warehouse):
        record_unchanged(settings, summary, sources, version, fingerprint, started)
        logger.info("nothing changed since the last run: warehouse kept as published")
        return

    # Only documents without a result for this extractor become tasks: a run's cost follows what is new.
    known = known_outcomes(sources, version, settings.cache_dir)
    fresh = started_ahead(settings.cache_dir, version)  # begun by the CLI before this flow run
    todo = [s for s in {s.sha256: s for s in sources}.values() if not known[s.sha256] or s.sha256 in fresh]
    in_process = settings.task_runner == "dask"
    PROGRESS.info(
        "extracting %d of %d documents (%s, %d workers)",
        len(todo),
        len(known),
        settings.task_runner,
        settings.workers,
    )
    futures = [extract.submit(s, version, settings, in_process) for s in todo]
    extracted = {o.sha256: o for o in (f.result() for f in futures)}
    shutdown_pools()  # the extraction processes are idle now: free their memory before GX and dbt
    outcomes = [extracted.get(sha) or known[sha] for sha in known]
    tally(summary, sources, outcomes)

    aliases = load(build, outcomes, sources, version, settings)
    failed_shas = {o.sha256 for o in outcomes if o.status == "failed"}
    files = result_folders(sources, version, settings.cache_dir)
    summary.page_errors = page_errors_of(summary.run_id, files, failed_shas, aliases)
    report = validate_build(build, settings, summary.run_id)
    summary.data_docs = str(report.data_docs_index or "")
    summary.validation_warnings = [f"{r.suite_name}: {r.expectation}({r.column})" for r in report.warnings]
    wh.append_ops(
        build, "validation_results", [{"run_id": summary.run_id, **asdict(r)} for r in report.results]
    )

    # A bad side-table row is held back alone; a document whose own row fails is quarantined alone.
    suites = load_suites(settings.expectations_dir)
    documents_out, rows_out = decide(report, suites)
    quarantined = quarantine(build, documents_out)
    held_rows = hold_back(build, rows_out, suites)
    summary.quarantine = quarantine_rows(summary.run_id, quarantined)
    summary.quarantine += held_back_records(build, summary.run_id, held_rows)
    summary.rows_held_back = len(held_rows)
    if quarantined:
        summary.errors += document_errors(quarantined)
        summary.documents_quarantined = len({f.document_id for f in quarantined})
        PROGRESS.info("quarantined %d documents (failed validation)", summary.documents_quarantined)
    if held_rows:
        documents = len({row.document_id for row in held_rows})
        PROGRESS.info("held back %d rows of %d documents (failed validation)", len(held_rows), documents)

    if report.blocking:
        failed = [
            f"{r.suite_name}: {r.expectation}({r.column}) {r.unexpected_values}" for r in report.blocking
        ]
        summary.status, summary.message = "failed", "critical validation failures: " + "; ".join(failed)
    else:
        outcome = transform(build, settings)
        wh.append_ops(build, "dbt_results", [{"run_id": summary.run_id, **asdict(n)} for n in outcome.nodes])
        if not outcome.success:
            reasons = [f"{n.unique_id}: {n.message}" for n in outcome.failed] or [outcome.error]
            summary.status, summary.message = "failed", "dbt build failed: " + "; ".join(reasons)
    publish(settings, summary, build, started, version, fingerprint)


def run_pipeline(settings: Settings, run_id: str | None = None) -> RunSummary:
    """Run the flow with the task runner the settings ask for (local processes or Dask)."""
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        runner = (
            DaskTaskRunner(address=settings.dask_address)
            if settings.dask_address
            else DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1})
        )
        return paperflow_flow.with_options(task_runner=runner)(settings, run_id)
    return paperflow_flow(settings, run_id)
