"""The DuckDB warehouse: build a new file, audit it, publish it by atomic rename, query it read-only.

Readers never wait: a run writes only its own build file, and publishing is one `os.replace`,
so a reader keeps the file it opened and the next reader gets the new one. A run that dies
leaves only an unpublished build file behind, which the next run deletes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from flows.core.schema import Columns

QUARANTINE_ERROR_KIND = "failed_validation"
"""The error kind of a quarantined file in ops.document_errors (flows/quarantine.py)."""

RAW_KEY = "document_id"

OPS_COLUMNS: dict[str, Columns] = {
    "pipeline_runs": [
        ("run_id", "VARCHAR"),
        ("started_at", "TIMESTAMP"),
        ("finished_at", "TIMESTAMP"),
        ("status", "VARCHAR"),  # success, warning, failed
        ("documents_seen", "BIGINT"),
        ("documents_processed", "BIGINT"),
        ("documents_skipped", "BIGINT"),
        ("documents_failed", "BIGINT"),
        ("extractor_version", "VARCHAR"),
        ("message", "VARCHAR"),
    ],
    "document_errors": [
        ("run_id", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("sha256", "VARCHAR"),
        ("error_kind", "VARCHAR"),
        ("message", "VARCHAR"),
    ],
    "validation_results": [
        ("run_id", "VARCHAR"),
        ("suite_name", "VARCHAR"),
        ("expectation", "VARCHAR"),
        ("column", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("success", "BOOLEAN"),
        ("element_count", "BIGINT"),
        ("unexpected_count", "BIGINT"),
        ("unexpected_values", "VARCHAR"),
        ("scope", "VARCHAR"),  # document (a failure quarantines the document) or build (blocks the publish)
    ],
    "quarantine": [  # what a critical failure kept out of the marts: a document, or one row of a side table
        ("run_id", "VARCHAR"),
        ("document_id", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("suite", "VARCHAR"),
        ("expectation", "VARCHAR"),
        ("column", "VARCHAR"),
        ("unexpected_values", "VARCHAR"),
        ("scope", "VARCHAR"),  # document (the document is quarantined) or row (only that row is held back)
        ("table_name", "VARCHAR"),  # the raw table of a held-back row
        ("row_key", "VARCHAR"),  # with document_id, names the held-back row (its table's suite meta.row_key)
    ],
    "page_errors": [  # pages skipped because they could not be parsed; the rest of the document loads
        ("run_id", "VARCHAR"),
        ("document_id", "VARCHAR"),
        ("source_file", "VARCHAR"),
        ("page", "BIGINT"),
        ("reason", "VARCHAR"),
    ],
    "dbt_results": [
        ("run_id", "VARCHAR"),
        ("unique_id", "VARCHAR"),
        ("resource_type", "VARCHAR"),
        ("status", "VARCHAR"),
        ("failures", "BIGINT"),
        ("message", "VARCHAR"),
        ("execution_seconds", "DOUBLE"),
    ],
}

FILES_COLUMNS: Columns = [
    ("sha256", "VARCHAR"),
    ("document_id", "VARCHAR"),
    ("source_file", "VARCHAR"),
    ("size_bytes", "BIGINT"),
    ("status", "VARCHAR"),  # loaded, failed or quarantined
]


# Rows of side tables held back from the marts by a critical row-scope expectation in this build
# (they stay in raw; the marts leave them out). Rewritten by every build, so never carried over.
HELD_BACK_COLUMNS: Columns = [
    ("document_id", "VARCHAR"),
    ("table_name", "VARCHAR"),
    ("row_key", "VARCHAR"),
    ("suite", "VARCHAR"),
    ("expectation", "VARCHAR"),
    ("column", "VARCHAR"),
    ("value", "VARCHAR"),
]


class RunInProgress(RuntimeError):
    """Another run holds the warehouse's build lock."""


class WarehouseMissing(FileNotFoundError):
    """No warehouse has been published at the given path yet."""


@contextlib.contextmanager
def run_lock(warehouse: Path, timeout_s: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's build lock; the OS frees it even when the holder is killed."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with open(lock_path, "a+") as handle:
        deadline = timeout_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline <= 0:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise RunInProgress(
                        f"another paperflow run ({holder}) is building {warehouse}; try again when it ends"
                    ) from None
                time.sleep(0.5)
                deadline -= 0.5
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_path(warehouse: Path, run_id: str) -> Path:
    """Where a run builds its new warehouse, beside the published one (same filesystem)."""
    return warehouse.with_name(f".{warehouse.stem}.build-{run_id}{warehouse.suffix}")


def remove_stale_builds(warehouse: Path) -> list[Path]:
    """Delete build files left by runs that died (callers hold the run lock)."""
    stale = list(warehouse.parent.glob(f".{warehouse.stem}.build-*"))
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def _ddl(schema: str, table: str, columns: Columns) -> str:
    """CREATE TABLE statement for a table with the given columns."""
    cols = ", ".join(f'"{name}" {kind}' for name, kind in columns)
    return f'CREATE TABLE IF NOT EXISTS {schema}."{table}" ({cols})'


@dataclass(frozen=True)
class BuildInput:
    """What goes into a new build: current results, the current files, the previous warehouse."""

    raw_columns: Mapping[str, Columns]
    result_folders: Sequence[Path]  # one per current, successfully extracted document
    files: Sequence[Mapping[str, Any]]  # rows for raw.files
    previous: Path | None


def create_build(build: Path, spec: BuildInput) -> dict[str, int]:
    """Create the build warehouse with raw and ops tables; return raw row counts per table."""
    build.unlink(missing_ok=True)
    con = duckdb.connect(str(build))
    try:
        con.execute("CREATE SCHEMA raw; CREATE SCHEMA ops;")
        for table, columns in spec.raw_columns.items():
            con.execute(_ddl("raw", table, columns))
        con.execute(_ddl("raw", "files", FILES_COLUMNS))
        con.execute(_ddl("raw", "held_back_rows", HELD_BACK_COLUMNS))
        for table, columns in OPS_COLUMNS.items():
            con.execute(_ddl("ops", table, columns))
        for table in spec.raw_columns:
            files = [str(folder / f"{table}.parquet") for folder in spec.result_folders]
            if files:
                con.execute(f'INSERT INTO raw."{table}" BY NAME SELECT * FROM read_parquet(?)', [files])
        insert_rows(con, "raw", "files", FILES_COLUMNS, spec.files)
        if spec.previous is not None and spec.previous.exists():
            _carry_over(con, spec.previous, spec.raw_columns)
        counts = {
            table: con.execute(f'SELECT count(*) FROM raw."{table}"').fetchone()[0]  # type: ignore[index]
            for table in spec.raw_columns
        }
    finally:
        con.close()
    return counts


def _carry_over(con: duckdb.DuckDBPyConnection, previous: Path, raw_columns: Mapping[str, Columns]) -> None:
    """Keep raw history of documents no longer in raw/, and every ops row, from the last warehouse."""
    con.execute(f"ATTACH '{previous}' AS previous (READ_ONLY)")
    try:
        old = {
            (schema, table)
            for schema, table in con.execute(
                "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'previous'"
            ).fetchall()
        }
        for table in raw_columns:
            if ("raw", table) in old:
                names = _shared_columns(con, "raw", table)
                con.execute(
                    f'INSERT INTO raw."{table}" ({names}) SELECT {names} FROM previous.raw."{table}" '
                    f'WHERE {RAW_KEY} NOT IN (SELECT {RAW_KEY} FROM raw."{table}")'
                )
        for table in OPS_COLUMNS:
            if ("ops", table) in old:
                names = _shared_columns(con, "ops", table)
                con.execute(f'INSERT INTO ops."{table}" ({names}) SELECT {names} FROM previous.ops."{table}"')
    finally:
        con.execute("DETACH previous")


def _shared_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> str:
    """Columns a table has in both the new build and the previous warehouse (schemas may evolve)."""
    rows = con.execute(
        "SELECT a.column_name FROM duckdb_columns() a JOIN duckdb_columns() b "
        "ON a.column_name = b.column_name AND a.schema_name = b.schema_name AND a.table_name = b.table_name "
        "WHERE a.database_name = current_database() AND b.database_name = 'previous' "
        "AND a.schema_name = ? AND a.table_name = ? ORDER BY a.column_index",
        [schema, table],
    ).fetchall()
    return ", ".join(f'"{name}"' for (name,) in rows)


def insert_rows(
    con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: Columns, rows: Iterable[Mapping]
) -> None:
    """Insert dict rows into a table, taking the declared columns from each row."""
    values = [[row.get(name) for name, _ in columns] for row in rows]
    if values:
        marks = ", ".join("?" for _ in columns)
        names = ", ".join(f'"{name}"' for name, _ in columns)  # by name: older tables may order differently
        con.executemany(f'INSERT INTO {schema}."{table}" ({names}) VALUES ({marks})', values)


def append_ops(warehouse_file: Path, table: str, rows: Iterable[Mapping]) -> None:
    """Append rows to one ops table of a (not yet published) warehouse file."""
    con = duckdb.connect(str(warehouse_file))
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS ops")
        con.execute(_ddl("ops", table, OPS_COLUMNS[table]))
        for name, kind in OPS_COLUMNS[table]:  # a copy of an older warehouse may lack newer columns
            con.execute(f'ALTER TABLE ops."{table}" ADD COLUMN IF NOT EXISTS "{name}" {kind}')
        insert_rows(con, "ops", table, OPS_COLUMNS[table], rows)
    finally:
        con.close()


def copy_published(warehouse: Path, build: Path) -> bool:
    """Start a build as a copy of the published warehouse (to record a failed run); False if none."""
    if not warehouse.exists():
        return False
    shutil.copyfile(warehouse, build)
    return True


def publish(build: Path, warehouse: Path) -> None:
    """Replace the published warehouse with the build in one atomic step, durable on disk."""
    con = duckdb.connect(str(build))
    try:
        con.execute("CHECKPOINT")  # everything in the WAL goes into the file that is renamed
    finally:
        con.close()
    with open(build, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(build, warehouse)
    dir_fd = os.open(warehouse.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def connect_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse for reading only: no writes, no file access beyond it."""
    if not warehouse.exists():
        raise WarehouseMissing(f"no warehouse at {warehouse}: run `paperflow run` first")
    return duckdb.connect(str(warehouse), read_only=True, config={"enable_external_access": False})


def table_counts(
    warehouse: Path, schemas: Sequence[str] = ("raw", "staging", "marts", "ops")
) -> dict[str, int]:
    """Row counts of every table (not view) in the given schemas, as 'schema.table'."""
    con = connect_read_only(warehouse)
    try:
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() ORDER BY schema_name, table_name"
        ).fetchall()
        return {
            f"{s}.{t}": con.execute(f'SELECT count(*) FROM "{s}"."{t}"').fetchone()[0]  # type: ignore[index]
            for s, t in tables
            if s in schemas
        }
    finally:
        con.close()
