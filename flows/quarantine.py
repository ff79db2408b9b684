"""Quarantine: a document whose rows fail a critical row-level expectation stays out of the marts.

Its rows stay in raw (nothing is lost) and its files are marked `quarantined` in raw.files, which
the marts filter on, so every other document publishes. Nothing is cached about it: the next run
validates it again, and a fixed extractor or suite lets it in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:  # not at run time: a run that changed nothing lists the quarantine without pandas
    from flows.validation import ExpectationResult

ERROR_KIND = "failed_validation"


@dataclass(frozen=True)
class QuarantineFile:
    """One file of a quarantined document, with the expectations its rows failed."""

    document_id: str
    source_file: str
    sha256: str
    failures: tuple[ExpectationResult, ...]


def quarantine(build: Path, failures: list[ExpectationResult]) -> list[QuarantineFile]:
    """Mark the files of every document named by a row-level failure as quarantined in the build."""
    documents = sorted({doc for failure in failures for doc in failure.by_document})
    if not documents:
        return []
    con = duckdb.connect(str(build))
    try:
        marks = ", ".join("?" for _ in documents)
        con.execute(f"UPDATE raw.files SET status = 'quarantined' WHERE document_id IN ({marks})", documents)
        files = con.execute(
            f"SELECT document_id, source_file, sha256 FROM raw.files WHERE document_id IN ({marks}) "
            "ORDER BY source_file",
            documents,
        ).fetchall()
    finally:
        con.close()
    return [
        QuarantineFile(doc, name, sha, tuple(f for f in failures if doc in f.by_document))
        for doc, name, sha in files
    ]


def quarantine_rows(run_id: str, files: list[QuarantineFile]) -> list[dict[str, Any]]:
    """Rows for ops.quarantine: one per file and failed expectation."""
    return [
        {
            "run_id": run_id,
            "document_id": f.document_id,
            "source_file": f.source_file,
            "suite": failure.suite_name,
            "expectation": failure.expectation,
            "column": failure.column,
            "unexpected_values": _values(failure, f.document_id),
        }
        for f in files
        for failure in f.failures
    ]


def document_errors(files: list[QuarantineFile]) -> list[dict[str, str]]:
    """Rows for ops.document_errors (and the run summary): one per quarantined file."""
    return [
        {
            "source_file": f.source_file,
            "sha256": f.sha256,
            "error_kind": ERROR_KIND,
            "message": "quarantined: "
            + "; ".join(
                f"{x.suite_name}: {x.expectation}({x.column}) {_values(x, f.document_id)}" for x in f.failures
            ),
        }
        for f in files
    ]


def _values(failure: ExpectationResult, document_id: str) -> str:
    """The first unexpected values of one document, as a JSON list."""
    return json.dumps(failure.by_document.get(document_id, [])[:5], ensure_ascii=False)


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
            f"WHERE error_kind = '{ERROR_KIND}' AND run_id = {last}",
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
