"""Quarantine and holding back: what a critical failure keeps out of the marts, and no more than that.

A failure of a document's own properties (scope ``document``) quarantines the document: its files are
marked `quarantined` in raw.files, which the marts filter on. A failure of one row of a side table
(scope ``row``: a reference, a statistic, a paragraph) holds back that row only: it is listed in
raw.held_back_rows, which the marts leave out, and the document publishes with its other rows. When the
failing rows are a large share of the document's rows in that table (the suite's ``meta.document_share``),
or a failing row has no key to hold it back by, the document itself is not to be trusted and is
quarantined. Everything stays in raw (nothing is lost), and nothing is cached about either: the next run
validates again, so a fixed extractor or suite lets them in.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:  # not at run time: a run that changed nothing lists the quarantine without pandas
    from flows.validate import ExpectationResult, ValidationReport

from flows.plumbing.warehouse import QUARANTINE_ERROR_KIND as ERROR_KIND

PARENT_HELD_BACK = "parent_held_back"  # the expectation named for a row held back with its parent


@dataclass(frozen=True)
class HeldRow:
    """One side-table row held back from the marts, with the expectation it failed and its value."""

    document_id: str
    table_name: str
    row_key: str
    suite: str
    expectation: str
    column: str
    value: str


def decide(
    report: ValidationReport, suites: dict[str, dict[str, Any]]
) -> tuple[list[ExpectationResult], list[HeldRow]]:
    """Split the critical failures into documents to quarantine and side-table rows to hold back."""
    quarantining = list(report.quarantining)
    held: list[HeldRow] = []
    by_table: dict[str, list[ExpectationResult]] = defaultdict(list)
    for failure in report.holding_back:
        by_table[failure.suite_name].append(failure)
    for table, failures in by_table.items():
        share = (suites.get(table, {}).get("meta") or {}).get("document_share")
        failing: dict[str, set[str | None]] = defaultdict(set)
        for failure in failures:
            for document_id, key, _ in failure.rows:
                failing[document_id].add(key)
        counts = report.rows_per_document.get(table, {})
        untrusted = {
            doc
            for doc, keys in failing.items()
            if None in keys or (share is not None and len(keys) >= share * max(counts.get(doc, 0), 1))
        }
        for failure in failures:
            whole = {doc: values for doc, values in failure.by_document.items() if doc in untrusted}
            if whole:
                quarantining.append(replace(failure, scope="document", by_document=whole))
            held += [
                HeldRow(doc, table, key, failure.suite_name, failure.expectation, failure.column, value)
                for doc, key, value in failure.rows
                if doc not in untrusted and key is not None
            ]
    out = {doc for failure in quarantining for doc in failure.by_document}
    return quarantining, [row for row in held if row.document_id not in out]


def hold_back(build: Path, rows: list[HeldRow], suites: dict[str, dict[str, Any]]) -> list[HeldRow]:
    """Write the held-back rows, and the rows that hang from them (meta.parent_key), into the build."""
    from flows.plumbing.warehouse import HELD_BACK_COLUMNS, insert_rows

    con = duckdb.connect(str(build))
    try:
        rows = rows + _descendants(con, rows, suites)
        records = [vars(row) for row in rows]
        insert_rows(con, "raw", "held_back_rows", HELD_BACK_COLUMNS, records)
    finally:
        con.close()
    return rows


def _descendants(
    con: duckdb.DuckDBPyConnection, rows: list[HeldRow], suites: dict[str, dict[str, Any]]
) -> list[HeldRow]:
    """Rows whose parent (or an ancestor) is held back: a child without its parent would dangle."""
    found: list[HeldRow] = []
    for table in sorted({row.table_name for row in rows}):
        meta = suites.get(table, {}).get("meta") or {}
        parent, key = meta.get("parent_key"), meta.get("row_key")
        if not parent or not key:
            continue
        documents = sorted({row.document_id for row in rows if row.table_name == table})
        marks = ", ".join("?" for _ in documents)
        pairs = con.execute(
            f'SELECT document_id, CAST("{key}" AS VARCHAR), CAST("{parent}" AS VARCHAR) FROM raw."{table}" '
            f"WHERE document_id IN ({marks})",
            documents,
        ).fetchall()
        children: dict[tuple[str, str], list[str]] = defaultdict(list)
        for document_id, child, of in pairs:
            if of is not None and child is not None:
                children[(document_id, of)].append(child)
        seen = {(row.document_id, row.row_key) for row in rows if row.table_name == table}
        todo = list(seen)
        while todo:
            document_id, of = todo.pop()
            for child in children.get((document_id, of), []):
                if (document_id, child) not in seen:
                    seen.add((document_id, child))
                    todo.append((document_id, child))
                    found.append(HeldRow(document_id, table, child, table, PARENT_HELD_BACK, parent, of))
    return found


def held_back_records(build: Path, run_id: str, rows: list[HeldRow]) -> list[dict[str, Any]]:
    """Rows for ops.quarantine (scope row): one per held-back row, named by its document's file."""
    if not rows:
        return []
    con = duckdb.connect(str(build), read_only=True)
    try:
        names = dict(
            con.execute(
                "SELECT document_id, min(source_file) FROM raw.files WHERE status = 'loaded' GROUP BY 1"
            ).fetchall()
        )
    finally:
        con.close()
    return [
        {
            "run_id": run_id,
            "document_id": row.document_id,
            "source_file": names.get(row.document_id, ""),
            "suite": row.suite,
            "expectation": row.expectation,
            "column": row.column,
            "unexpected_values": json.dumps([row.value], ensure_ascii=False),
            "scope": "row",
            "table_name": row.table_name,
            "row_key": row.row_key,
        }
        for row in rows
    ]


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
            "scope": "document",
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
