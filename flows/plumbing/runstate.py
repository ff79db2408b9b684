"""What a run knows without Prefect: its inputs, their fingerprint, and how it is recorded.

Kept free of Prefect, GX and dbt so the CLI can decide "nothing changed" and record that run in
well under a second; the flow uses the same functions, so both paths agree on every figure.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from flows.plumbing import warehouse as wh
from flows.plumbing.extraction import Outcome, cached_outcome, result_dir
from flows.plumbing.results import page_errors_of
from flows.plumbing.settings import Settings

HASH_CHUNK = 1 << 20
STAT_INDEX = "sources-{}.json"
"""In the cache folder, one per raw folder: each file's size, times and inode, and the SHA-256 they gave."""
RACY_NS = 2 * 10**9
"""A file changed this close to being hashed may keep its stat while its bytes differ: never trust it."""


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
    rows_held_back: int = 0  # side-table rows kept out of the marts (ops.quarantine, scope row)
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


def now() -> datetime:
    """The current time in UTC, without tzinfo (DuckDB TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_run_id(started: datetime | None = None) -> str:
    """A run's id: its start time plus a random suffix."""
    return (started or now()).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def new_summary(settings: Settings, run_id: str | None = None) -> tuple[RunSummary, datetime]:
    """A new run's summary with its id (new unless given), and its start time."""
    started = now()
    summary = RunSummary(run_id=run_id or new_run_id(started))
    summary.started_at = started.isoformat(timespec="seconds")
    summary.warehouse = str(settings.warehouse)
    return summary, started


def sha256_of(path: Path) -> str:
    """Hash a file's content in chunks (files can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def discover_files(raw_dir: Path, cache_dir: Path) -> list[SourceFile]:
    """List the visible files in raw/ with their content hashes, in name order, re-reading only changed files.

    A file whose size, modification and change times and inode are those it had when it was last
    hashed keeps that hash (the change time cannot be set back by hand, unlike the modification time).
    """
    index_path = cache_dir / STAT_INDEX.format(hashlib.sha256(str(raw_dir).encode()).hexdigest()[:12])
    known = _read_index(index_path)
    clock = time.time_ns()
    index: dict[str, dict[str, Any]] = {}
    sources = []
    with os.scandir(raw_dir) as entries:
        files = sorted(
            (e for e in entries if not e.name.startswith(".") and e.is_file()), key=lambda e: e.name
        )
    for entry in files:
        stat = os.stat(entry.path)
        key = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        seen = known.get(entry.name)
        sha = seen["sha256"] if seen and seen.get("stat") == key else sha256_of(Path(entry.path))
        if clock - max(stat.st_mtime_ns, stat.st_ctime_ns) > RACY_NS:
            index[entry.name] = {"stat": key, "sha256": sha}
        sources.append(SourceFile(Path(entry.path), sha, stat.st_size))
    if index != known:
        _write_index(index_path, index)
    return sources


def _read_index(path: Path) -> dict[str, dict[str, Any]]:
    """The stat index, or an empty one when it is missing or unreadable (everything is hashed again)."""
    try:
        index = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return index if isinstance(index, dict) else {}


def _write_index(path: Path, index: dict[str, dict[str, Any]]) -> None:
    """Replace the stat index atomically, so a killed run leaves the old or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    staging.write_text(json.dumps(index))
    os.replace(staging, path)


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


def known_outcomes(sources: list[SourceFile], version: str, cache_dir: Path) -> dict[str, Outcome | None]:
    """Each distinct document's finished result for this extractor version, or None when it has none."""
    unique = {s.sha256: s for s in sources}
    return {
        sha: cached_outcome(result_dir(cache_dir, version, sha), sha, s.path.name)
        for sha, s in unique.items()
    }


def result_folders(sources: list[SourceFile], version: str, cache_dir: Path) -> list[tuple[str, str, Path]]:
    """(source_file, sha256, result folder) of every current file."""
    return [(s.path.name, s.sha256, result_dir(cache_dir, version, s.sha256)) for s in sources]


def tally(summary: RunSummary, sources: list[SourceFile], outcomes: list[Outcome]) -> None:
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


def record_unchanged(
    settings: Settings,
    summary: RunSummary,
    sources: list[SourceFile],
    version: str,
    fingerprint: str,
    started: datetime,
) -> None:
    """Record a run whose inputs match the published build: no extraction, validation or dbt."""
    # The cache still says which files failed, so the record of this run lists them again.
    known = known_outcomes(sources, version, settings.cache_dir)
    tally(summary, sources, [o or Outcome(sha, "", "cached") for sha, o in known.items()])
    # Skipped pages and quarantined documents are listed again while their files are unchanged.
    failed = {sha for sha, o in known.items() if o is not None and o.status == "failed"}
    summary.page_errors = page_errors_of(
        summary.run_id, result_folders(sources, version, settings.cache_dir), failed
    )
    summary.quarantine, still_held = last_quarantine(settings.warehouse, summary.run_id)
    summary.errors += still_held
    held = [r for r in summary.quarantine if r.get("scope") == "row"]
    summary.documents_quarantined = len({r["document_id"] for r in summary.quarantine if r not in held})
    summary.rows_held_back = len(held)
    summary.status = "warning" if summary.errors or summary.rows_held_back else "success"
    summary.message = f"fingerprint {fingerprint} (nothing changed)"
    build = wh.build_path(settings.warehouse, summary.run_id)
    publish_run_record(settings, summary, build, started, version, copy_first=True)


def publish_run_record(
    settings: Settings, summary: RunSummary, build: Path, started: datetime, version: str, copy_first: bool
) -> None:
    """Write this run's ops rows into the file to publish, then publish it by atomic rename.

    With copy_first the build is not published (nothing changed, or its audit failed): the run is
    recorded in a copy of the published warehouse instead, keeping the build's validation rows.
    """
    from flows.core.schema import raw_columns

    target = build
    if copy_first:
        kept = _ops_rows(build, summary.run_id) if build.exists() else {}
        target = build.with_name(build.name + ".record")
        if not wh.copy_published(settings.warehouse, target):
            wh.create_build(target, wh.BuildInput(raw_columns(), [], [], None))
        for table, rows in kept.items():
            wh.append_ops(target, table, rows)
    summary.finished_at = now().isoformat(timespec="seconds")
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
                "finished_at": now(),
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


def write_summary(settings: Settings, summary: RunSummary) -> None:
    """Write the run summary as JSON under reports/runs/ and as reports/last_run.json."""
    runs = settings.reports_dir / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    path = runs / f"{summary.run_id}.json"
    summary.summary_file = str(path)
    text = json.dumps(asdict(summary), indent=2, ensure_ascii=False)
    path.write_text(text)
    (settings.reports_dir / "last_run.json").write_text(text)


def last_quarantine(warehouse: Path, run_id: str) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The last published run's quarantine, for a run that changed nothing to list again under run_id."""
    last = (
        "(SELECT run_id FROM ops.pipeline_runs WHERE status IN ('success', 'warning') "
        "ORDER BY finished_at DESC LIMIT 1)"
    )
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = _records(con, f"SELECT * EXCLUDE (run_id) FROM ops.quarantine WHERE run_id = {last}")
        errors = _records(
            con,
            "SELECT source_file, sha256, error_kind, message FROM ops.document_errors "
            f"WHERE error_kind = '{wh.QUARANTINE_ERROR_KIND}' AND run_id = {last}",
        )
    except duckdb.CatalogException:  # published before ops.quarantine existed
        return [], []
    finally:
        con.close()
    return [{"run_id": run_id, **r} for r in rows], errors


def _records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    """A query's rows as dicts by column name."""
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
