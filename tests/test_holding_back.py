"""Which critical failures hold back a row, quarantine a document or block: flows.quarantine.decide."""

from __future__ import annotations

from pathlib import Path

import duckdb

from flows.plumbing.warehouse import HELD_BACK_COLUMNS, _ddl
from flows.quarantine import PARENT_HELD_BACK, HeldRow, decide, hold_back
from flows.validate import ExpectationResult, ValidationReport

SUITES = {
    "statistics": {"meta": {"row_key": "statistic_id", "document_share": 0.5}},
    "references": {"meta": {"row_key": "number"}},
    "recommendations": {"meta": {"row_key": "recommendation_id", "parent_key": "parent_id"}},
}


def failure(table: str, scope: str, rows: list[tuple[str, str | None, str]]) -> ExpectationResult:
    """A critical not-null failure of one table with the given unexpected rows."""
    grouped: dict[str, list[str]] = {}
    for doc, _, value in rows:
        grouped.setdefault(doc, []).append(value)
    return ExpectationResult(
        table, "expect_column_values_to_not_be_null", "value", "critical", False, 10, len(rows), "[]",
        scope, grouped, tuple(rows),
    )  # fmt: skip


def report(*failures: ExpectationResult, rows: dict[str, dict[str, int]] | None = None) -> ValidationReport:
    """A validation report of these failures over tables with these rows per document."""
    return ValidationReport(list(failures), None, rows or {})


def test_a_bad_reference_is_held_back_and_its_document_is_not_quarantined() -> None:
    bad = failure("references", "row", [("d1", "7", "URL"), ("d1", "9", "Pro")])
    documents, held = decide(report(bad, rows={"references": {"d1": 2}}), SUITES)
    assert documents == []  # references name no document_share: all of them may fail alone
    assert held == [
        HeldRow("d1", "references", "7", "references", "expect_column_values_to_not_be_null", "value", "URL"),
        HeldRow("d1", "references", "9", "references", "expect_column_values_to_not_be_null", "value", "Pro"),
    ]
    assert report(bad).blocking == []


def test_half_of_a_documents_statistics_failing_quarantines_that_document_only() -> None:
    bad = failure("statistics", "row", [("d1", "s1", ""), ("d1", "s2", ""), ("d2", "s9", "")])
    documents, held = decide(report(bad, rows={"statistics": {"d1": 4, "d2": 10}}), SUITES)
    assert [(f.scope, f.by_document) for f in documents] == [("document", {"d1": ["", ""]})]
    assert [(h.document_id, h.row_key) for h in held] == [("d2", "s9")]


def test_a_failing_row_without_a_key_quarantines_its_document() -> None:
    bad = failure("references", "row", [("d1", None, "x")])
    documents, held = decide(report(bad, rows={"references": {"d1": 40}}), SUITES)
    assert [f.by_document for f in documents] == [{"d1": ["x"]}] and held == []


def test_a_quarantined_document_holds_back_nothing_and_build_failures_block() -> None:
    own = failure("documents", "document", [("d1", None, "")])
    side = failure("references", "row", [("d1", "3", "")])
    whole = failure("statistics", "build", [("d1", "s1", "")])
    documents, held = decide(report(own, side, whole, rows={"references": {"d1": 9}}), SUITES)
    assert [f.suite_name for f in documents] == ["documents"] and held == []
    assert report(own, side, whole).blocking == [whole]


def test_held_back_recommendations_take_the_items_under_them(tmp_path: Path) -> None:
    build = tmp_path / "build.duckdb"
    con = duckdb.connect(str(build))
    con.execute("CREATE SCHEMA raw")
    con.execute(_ddl("raw", "held_back_rows", HELD_BACK_COLUMNS))
    con.execute(
        "CREATE TABLE raw.recommendations (document_id VARCHAR, recommendation_id VARCHAR, parent_id VARCHAR)"
    )
    con.execute(
        "INSERT INTO raw.recommendations VALUES ('d1','r1',NULL), ('d1','r2','r1'), ('d1','r3','r2'), "
        "('d1','r4',NULL), ('d2','r2','r1')"
    )
    con.close()
    top = HeldRow("d1", "recommendations", "r1", "recommendations", "expect_x", "theme", "??")
    rows = hold_back(build, [top], SUITES)
    assert [(r.document_id, r.row_key, r.expectation) for r in rows] == [
        ("d1", "r1", "expect_x"),
        ("d1", "r2", PARENT_HELD_BACK),
        ("d1", "r3", PARENT_HELD_BACK),
    ]
    con = duckdb.connect(str(build), read_only=True)
    stored = con.execute("SELECT document_id, row_key FROM raw.held_back_rows ORDER BY 2").fetchall()
    con.close()
    assert stored == [("d1", "r1"), ("d1", "r2"), ("d1", "r3")]
