"""The Prefect flow: discover → extract → load → validate → dbt build → publish → summary.

Tasks take paths, hashes and the frozen Settings, never connections or contexts, so any of
them can run on another process or a Dask worker. The flow writes only a new build file and
publishes it by atomic rename; the published warehouse is never opened for writing.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import warehouse as wh
from flows.core.document import Limits, document_id_for
from flows.core.knowledge import Knowledge, load_knowledge
from flows.core.ocr import tesseract_available
from flows.core.schema import raw_columns
from flows.extract import Outcome, cached_outcome, extract_file, extractor_version, result_dir
from flows.logs import active_log, run_log, run_log_path
from flows.quarantine import (
    decide,
    document_errors,
    held_back_records,
    hold_back,
    quarantine,
    quarantine_rows,
)
from flows.results import page_errors_of, same_text_aliases
from flows.runstate import (
    RunSummary,
    SourceFile,
    discover_files,
    input_fingerprint,
    known_outcomes,
    last_fingerprint,
    new_summary,
    publish_run_record,
    record_unchanged,
    result_folders,
    tally,
    write_summary,
)
from flows.settings import Settings
from flows.transform import dbt_build
from flows.validation import ValidationReport, load_suites, table_frames, validate
from flows.workers import init_worker

# One line per document on the terminal (the CLI attaches a handler); Prefect's own logs stay quiet.
PROGRESS = logging.getLogger("paperflow.progress")


@task(cache_policy=NO_CACHE)
def discover(raw_dir: Path, cache_dir: Path) -> list[SourceFile]:
    """List the visible files in raw/ with their content hashes, in name order."""
    return discover_files(raw_dir, cache_dir)


_POOLS: dict[int, Executor] = {}
_POOLS_LOCK = threading.Lock()


def _pool(workers: int, log: Path | None = None) -> Executor:
    """One process pool per worker count, shared by the extract tasks of this process.

    Its workers log into `log`, else into the log of the run in progress (flows/logs.py).
    """
    # Extract tasks run in concurrent threads: without the lock each could build its own pool.
    with _POOLS_LOCK:
        if workers not in _POOLS:
            # forkserver: workers start from a clean process that has already imported the extractor.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["flows.extract", "flows.workers"])
            _POOLS[workers] = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=init_worker,  # quiet logs, and no orphans if the run is killed
                initargs=(log or active_log(), os.getpid()),
            )
        return _POOLS[workers]


def shutdown_pools() -> None:
    """Stop the extraction processes, killing any stuck on a document past its time limit."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        processes = list(getattr(pool, "_processes", {}).values())  # no public API to kill a stuck worker
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.kill()


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def extract(source: SourceFile, version: str, settings: Settings, in_process: bool) -> Outcome:
    """Extract one document into the cache unless a result for this content and version exists."""
    folder = result_dir(settings.cache_dir, version, source.sha256)
    # The CLI may have started this document before the flow run began (flows/headstart.py).
    future = take_ahead(folder)
    cached = None if future else cached_outcome(folder, source.sha256, source.path.name)
    if cached is not None:
        return cached
    if in_process and future is None:
        outcome = extract_file(source.path, source.sha256, folder, *_extract_inputs(settings))
    else:
        future = future or submit_extraction(source, folder, settings)
        try:
            outcome = future.result(timeout=settings.document_timeout_s)
        except FutureTimeout:
            outcome = Outcome(
                source.sha256,
                source.path.name,
                "failed",
                "timeout",
                f"extraction took over {settings.document_timeout_s:.0f} s (document_timeout_s)",
            )
    line = f"{source.path.name}: {outcome.status}" + (
        f" ({outcome.error_kind}: {outcome.message})" if outcome.error_kind else ""
    )
    get_run_logger().info("%s in %.1f s", line, outcome.seconds)
    PROGRESS.info("  %s in %.1f s", line, outcome.seconds)
    return outcome


def _extract_inputs(settings: Settings) -> tuple[Limits, Knowledge]:
    """The limits and the knowledge (seeds) every extraction of a run uses."""
    limits = Limits(
        max_bytes=int(settings.max_file_mb * 2**20), max_pages=settings.max_pages, ocr=settings.ocr
    )
    return limits, load_knowledge(settings.seeds_dir)


def submit_extraction(
    source: SourceFile, folder: Path, settings: Settings, log: Path | None = None
) -> Future[Outcome]:
    """Start extracting one document into its result folder in this process's pool (workers log to log)."""
    return _pool(settings.workers, log).submit(
        extract_file, source.path, source.sha256, folder, *_extract_inputs(settings)
    )


# Extractions the CLI started before the flow run (flows/headstart.py), by result folder: the flow's extract
# tasks wait on these rather than start them again.
_AHEAD: dict[Path, Future[Outcome]] = {}
_AHEAD_LOCK = threading.Lock()


def submit_ahead(
    source: SourceFile, folder: Path, settings: Settings, log: Path | None = None
) -> Future[Outcome]:
    """Start extracting one document before the flow run; its extract task then takes the future."""
    future = submit_extraction(source, folder, settings, log)
    with _AHEAD_LOCK:
        _AHEAD[folder] = future
    return future


def take_ahead(folder: Path) -> Future[Outcome] | None:
    """The extraction into this result folder started before the flow run, if any (each is taken once)."""
    with _AHEAD_LOCK:
        return _AHEAD.pop(folder, None)


def started_ahead(cache_dir: Path, version: str) -> set[str]:
    """The SHA-256 of the documents whose extraction for this version started before the flow run."""
    with _AHEAD_LOCK:
        return {f.name for f in _AHEAD if f.parent == result_dir(cache_dir, version, "")}


def forget_ahead() -> None:
    """Drop the extractions started before the flow run (the run is over)."""
    with _AHEAD_LOCK:
        _AHEAD.clear()


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


@task(cache_policy=NO_CACHE)
def validate_build(build: Path, settings: Settings, run_id: str | None = None) -> ValidationReport:
    """Run the committed GX suites on the build's raw tables and refresh the Data Docs (GX run = run_id)."""
    suites = load_suites(settings.expectations_dir)
    frames = table_frames(build, list(suites), _seed_policy_ids(settings))
    return validate(frames, suites, settings.data_docs_dir, run_id)


def _seed_policy_ids(settings: Settings) -> list[str]:
    """Policy ids a mention may resolve to in the registry seed (provisional ones come from raw)."""
    return load_knowledge(settings.seeds_dir).policy_ids


@task(cache_policy=NO_CACHE)
def transform(build: Path, settings: Settings) -> Any:
    """Build the dbt seeds, staging views and marts tables, running their tests."""
    return dbt_build(settings.dbt_project_dir, build, settings.cache_dir / "dbt")


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
    if summary.status == "failed":
        # The audit failed: keep the last good warehouse, and record this run in a copy of it.
        logger.error(summary.message)
        publish_run_record(settings, summary, build, started, version, copy_first=True)
        return
    has_warnings = summary.validation_warnings or summary.errors or summary.rows_held_back
    summary.status = "warning" if has_warnings else "success"
    summary.message = f"fingerprint {fingerprint}"
    publish_run_record(settings, summary, build, started, version, copy_first=False)
    summary.tables = wh.table_counts(settings.warehouse)
    summary.other_documents = _other_documents(settings.warehouse)


def _other_documents(warehouse: Path) -> list[str]:
    """Files published as document_kind 'other' (little text), so the summary can name them."""
    con = wh.connect_read_only(warehouse)
    try:
        query = "SELECT source_file FROM marts.documents WHERE document_kind = 'other' ORDER BY 1"
        return [row[0] for row in con.execute(query).fetchall()]
    finally:
        con.close()


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
