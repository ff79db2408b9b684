"""The Prefect flow: discover → extract → load → validate → dbt build → publish → summary.

Tasks take paths, hashes and the frozen Settings, never connections or contexts, so any of
them can run on another process or a Dask worker. The flow writes only a new build file and
publishes it by atomic rename; the published warehouse is never opened for writing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import threading
import uuid
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import warehouse as wh
from flows.core.document import Limits, document_id_for
from flows.core.knowledge import load_knowledge
from flows.core.ocr import tesseract_available
from flows.core.schema import raw_columns
from flows.extract import Outcome, cached_outcome, extract_file, extractor_version, result_dir
from flows.logs import active_log, run_log, run_log_path
from flows.quarantine import document_errors, last_quarantine, quarantine, quarantine_rows
from flows.results import page_errors_of, same_text_aliases
from flows.settings import Settings
from flows.transform import dbt_build
from flows.validation import ValidationReport, load_suites, table_frames, validate
from flows.workers import init_worker

HASH_CHUNK = 1 << 20
# One line per document on the terminal (the CLI attaches a handler); Prefect's own logs stay quiet.
PROGRESS = logging.getLogger("paperflow.progress")


@dataclass(frozen=True)
class SourceFile:
    """A file found in raw/, identified by its content."""

    path: Path
    sha256: str
    size_bytes: int


@dataclass
class RunSummary:
    """What a run did, printed by the CLI and written to reports/runs/<run_id>.json."""

    run_id: str
    status: str = "running"
    started_at: str = ""
    finished_at: str = ""
    documents_seen: int = 0
    documents_processed: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    documents_quarantined: int = 0
    published: bool = False
    warehouse: str = ""
    summary_file: str = ""
    log_file: str = ""  # third-party logging and warnings of the run (reports/logs/<run_id>.log)
    data_docs: str = ""
    message: str = ""
    errors: list[dict[str, str]] = field(default_factory=list)
    validation_warnings: list[str] = field(default_factory=list)
    page_errors: list[dict[str, Any]] = field(default_factory=list)  # pages skipped (ops.page_errors)
    quarantine: list[dict[str, Any]] = field(default_factory=list)  # rows of ops.quarantine
    tables: dict[str, int] = field(default_factory=dict)
    other_documents: list[str] = field(default_factory=list)  # kind "other": web captures, viewer stubs


def sha256_of(path: Path) -> str:
    """Hash a file's content in chunks (files can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@task(cache_policy=NO_CACHE)
def discover(raw_dir: Path) -> list[SourceFile]:
    """List the visible files in raw/ with their content hashes, in name order."""
    paths = sorted(p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    return [SourceFile(p, sha256_of(p), p.stat().st_size) for p in paths]


_POOLS: dict[int, Executor] = {}
_POOLS_LOCK = threading.Lock()


def _pool(workers: int) -> Executor:
    """One process pool per worker count, shared by the extract tasks of this process."""
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
                initargs=(active_log(), os.getpid()),
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
    cached = cached_outcome(folder, source.sha256, source.path.name)
    if cached is not None:
        return cached
    limits = Limits(
        max_bytes=int(settings.max_file_mb * 2**20), max_pages=settings.max_pages, ocr=settings.ocr
    )
    knowledge = load_knowledge(settings.seeds_dir)
    if in_process:
        outcome = extract_file(source.path, source.sha256, folder, limits, knowledge)
    else:
        future = _pool(settings.workers).submit(
            extract_file, source.path, source.sha256, folder, limits, knowledge
        )
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


def input_fingerprint(sources: list[SourceFile], version: str, settings: Settings) -> str:
    """Hash everything a build depends on: files and names, extractor, dbt project, suites."""
    digest = hashlib.sha256(version.encode())
    for source in sources:
        digest.update(f"{source.path.name}\0{source.sha256}\n".encode())
    for folder in (settings.dbt_project_dir, settings.expectations_dir):
        for path in sorted(folder.rglob("*")):
            if (
                path.is_file()
                and path.suffix in (".sql", ".yml", ".csv", ".json")
                and "target" not in path.parts
            ):
                digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def last_fingerprint(warehouse: Path) -> str | None:
    """The input fingerprint of the last published run that built the warehouse."""
    if not warehouse.exists():
        return None
    con = wh.connect_read_only(warehouse)
    try:
        row = con.execute(
            "SELECT message FROM ops.pipeline_runs WHERE status IN ('success', 'warning') "
            "AND message LIKE 'fingerprint %' ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
    except Exception:
        return None
    finally:
        con.close()
    return row[0].split()[1] if row else None


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


def _now() -> datetime:
    """The current time in UTC, without tzinfo (DuckDB TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)


# Parameters are validated by Settings itself: a scheduled run receives them as a JSON object.
@flow(name="paperflow", log_prints=True, validate_parameters=False)
def paperflow_flow(settings: Settings | dict[str, Any]) -> RunSummary:
    """Run the whole pipeline once over settings.raw_dir and publish a validated warehouse."""
    if not isinstance(settings, Settings):
        settings = Settings(**settings)
    started = _now()
    summary = RunSummary(run_id=started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6])
    summary.started_at = started.isoformat(timespec="seconds")
    summary.warehouse = str(settings.warehouse)
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
    _write_summary(settings, summary)
    return summary


def _run(settings: Settings, summary: RunSummary, build: Path, started: datetime) -> None:
    """The body of a run, holding the lock; fills in the summary as it goes."""
    logger = get_run_logger()
    sources = discover(settings.raw_dir)
    # Image-only documents read differently once Tesseract can run, so OCR is part of the version.
    version = extractor_version(settings.seeds_dir, ocr=settings.ocr and tesseract_available())
    fingerprint = input_fingerprint(sources, version, settings)
    summary.documents_seen = len({s.sha256 for s in sources})

    unique = list({s.sha256: s for s in sources}.values())

    if fingerprint == last_fingerprint(settings.warehouse):
        # The cache still says which files failed, so the record of this run lists them again.
        folders = [result_dir(settings.cache_dir, version, s.sha256) for s in unique]
        known = [cached_outcome(f, s.sha256, s.path.name) for f, s in zip(folders, unique, strict=True)]
        _tally(
            summary,
            sources,
            [o or Outcome(s.sha256, s.path.name, "cached") for o, s in zip(known, unique, strict=True)],
        )
        failed_shas = {o.sha256 for o in known if o is not None and o.status == "failed"}
        files = _folders(sources, version, settings)
        summary.page_errors = page_errors_of(summary.run_id, files, failed_shas)
        summary.quarantine, still_held = last_quarantine(settings.warehouse, summary.run_id)
        summary.errors += still_held
        summary.documents_quarantined = len({r["document_id"] for r in summary.quarantine})
        summary.status = "warning" if summary.errors else "success"
        summary.message = f"fingerprint {fingerprint} (nothing changed)"
        _publish_run_record(settings, summary, build, started, version, copy_first=True)
        logger.info("nothing changed since the last run: warehouse kept as published")
        return

    in_process = settings.task_runner == "dask"
    PROGRESS.info(
        "extracting %d documents (%s, %d workers)", len(unique), settings.task_runner, settings.workers
    )
    futures = [extract.submit(s, version, settings, in_process) for s in unique]
    outcomes = [f.result() for f in futures]
    _tally(summary, sources, outcomes)

    aliases = load(build, outcomes, sources, version, settings)
    failed_shas = {o.sha256 for o in outcomes if o.status == "failed"}
    files = _folders(sources, version, settings)
    summary.page_errors = page_errors_of(summary.run_id, files, failed_shas, aliases)
    report = validate_build(build, settings, summary.run_id)
    summary.data_docs = str(report.data_docs_index or "")
    summary.validation_warnings = [f"{r.suite_name}: {r.expectation}({r.column})" for r in report.warnings]
    wh.append_ops(
        build, "validation_results", [{"run_id": summary.run_id, **asdict(r)} for r in report.results]
    )

    # Row-level failures keep only their documents out of the marts; the rest still publishes.
    held = quarantine(build, report.quarantining)
    if held:
        summary.errors += document_errors(held)
        summary.documents_quarantined = len({f.document_id for f in held})
        summary.quarantine = quarantine_rows(summary.run_id, held)
        PROGRESS.info("quarantined %d documents (failed validation)", summary.documents_quarantined)

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
        _publish_run_record(settings, summary, build, started, version, copy_first=True)
        return
    has_warnings = summary.validation_warnings or summary.errors
    summary.status = "warning" if has_warnings else "success"
    summary.message = f"fingerprint {fingerprint}"
    _publish_run_record(settings, summary, build, started, version, copy_first=False)
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


def _folders(sources: list[SourceFile], version: str, settings: Settings) -> list[tuple[str, str, Path]]:
    """(source_file, sha256, result folder) of every current file."""
    return [(s.path.name, s.sha256, result_dir(settings.cache_dir, version, s.sha256)) for s in sources]


def _tally(summary: RunSummary, sources: list[SourceFile], outcomes: list[Outcome]) -> None:
    """Count the outcomes into the summary and list an error for every file that failed."""
    by_sha = {o.sha256: o for o in outcomes}
    summary.documents_processed = sum(o.status == "extracted" for o in outcomes)
    summary.documents_skipped = sum(o.status == "cached" for o in outcomes)
    summary.documents_failed = sum(o.status == "failed" for o in outcomes)
    summary.errors = [
        {
            "source_file": s.path.name,
            "sha256": s.sha256,
            "error_kind": by_sha[s.sha256].error_kind,
            "message": by_sha[s.sha256].message,
        }
        for s in sources
        if by_sha[s.sha256].status == "failed"
    ]


def _publish_run_record(
    settings: Settings, summary: RunSummary, build: Path, started: datetime, version: str, copy_first: bool
) -> None:
    """Write this run's ops rows into the file to publish, then publish it by atomic rename.

    With copy_first the build is not published (nothing changed, or its audit failed): the run is
    recorded in a copy of the published warehouse instead, keeping the build's validation rows.
    """
    target = build
    if copy_first:
        kept = _ops_rows(build, summary.run_id) if build.exists() else {}
        target = build.with_name(build.name + ".record")
        if not wh.copy_published(settings.warehouse, target):
            wh.create_build(target, wh.BuildInput(raw_columns(), [], [], None))
        for table, rows in kept.items():
            wh.append_ops(target, table, rows)
    summary.finished_at = _now().isoformat(timespec="seconds")
    wh.append_ops(target, "document_errors", [{"run_id": summary.run_id, **e} for e in summary.errors])
    wh.append_ops(target, "page_errors", summary.page_errors)
    wh.append_ops(target, "quarantine", summary.quarantine)
    wh.append_ops(
        target,
        "pipeline_runs",
        [
            {
                "run_id": summary.run_id,
                "started_at": started,
                "finished_at": _now(),
                "status": summary.status,
                "documents_seen": summary.documents_seen,
                "documents_processed": summary.documents_processed,
                "documents_skipped": summary.documents_skipped,
                "documents_failed": summary.documents_failed,
                "extractor_version": version,
                "message": summary.message,
            }
        ],
    )
    wh.publish(target, settings.warehouse)
    summary.published = summary.status != "failed"


def _ops_rows(build: Path, run_id: str) -> dict[str, list[dict[str, Any]]]:
    """This run's validation and dbt rows from an unpublished build, to keep in the run record."""
    con = duckdb.connect(str(build), read_only=True)
    try:
        return {
            table: con.execute(f"SELECT * FROM ops.{table} WHERE run_id = ?", [run_id])
            .df()
            .to_dict("records")
            for table in ("validation_results", "dbt_results")
        }
    finally:
        con.close()


def _write_summary(settings: Settings, summary: RunSummary) -> None:
    """Write the run summary as JSON under reports/runs/ and as reports/last_run.json."""
    runs = settings.reports_dir / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    path = runs / f"{summary.run_id}.json"
    summary.summary_file = str(path)
    text = json.dumps(asdict(summary), indent=2, ensure_ascii=False)
    path.write_text(text)
    (settings.reports_dir / "last_run.json").write_text(text)


def run_pipeline(settings: Settings) -> RunSummary:
    """Run the flow with the task runner the settings ask for (local processes or Dask)."""
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        runner = (
            DaskTaskRunner(address=settings.dask_address)
            if settings.dask_address
            else DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1})
        )
        return paperflow_flow.with_options(task_runner=runner)(settings)
    return paperflow_flow(settings)
