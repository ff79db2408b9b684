"""One real `paperflow run` on the corpus: Prefect, pdfplumber, GX, DuckDB and dbt end to end."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

EXPECTED_DOCUMENTS = {
    "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf": (
        '"AI Plus" Empowers the Development of New Quality Productive Forces',
        ["Dong Zhiyong"],
        "en",
    ),
    "lu-huang-2024-ai-driving-new-quality-productivity-zh.pdf": (
        "人工智能驱动新质生产力形成的生成逻辑、运行机制与实践进路",
        ["卢鹏", "黄媛媛"],
        "zh",
    ),
    "piao-2024-ai-promotion-and-new-quality-productivity.pdf": (
        "The Promotion of Artificial Intelligence and the Formation of New Quality Productivity",
        ["Yi Piao"],
        "en",
    ),
    "wen-2024-new-quality-productivity-and-ai-research.pdf": (
        "Development of New Quality Productivity and Artificial Intelligence Research",
        ["Chengguo Wen"],
        "en",
    ),
}

CONTRACT = {
    "raw": [
        "documents",
        "paragraphs",
        "references",
        "tables",
        "table_cells",
        "statistics",
        "policy_mentions",
        "recommendations",
        "files",
    ],
    "staging": [
        "stg_extract__documents",
        "stg_extract__paragraphs",
        "stg_extract__tables",
        "stg_extract__table_cells",
        "stg_extract__statistics",
    ],
    "marts": [
        "documents",
        "paragraphs",
        "tables",
        "table_cells",
        "statistics",
        "policies",
        "policy_mentions",
        "recommendations",
    ],
    "ops": ["pipeline_runs", "document_errors", "validation_results"],
}


@pytest.fixture(scope="module")
def con(corpus_warehouse: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(corpus_warehouse), read_only=True)
    yield connection
    connection.close()


def test_documents_have_exact_front_matter(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("select source_file, title, authors, language from marts.documents").fetchall()
    assert {r[0]: (r[1], list(r[2]), r[3]) for r in rows} == EXPECTED_DOCUMENTS


def test_every_contract_table_exists(con: duckdb.DuckDBPyConnection) -> None:
    present = set(
        con.execute("select table_schema || '.' || table_name from information_schema.tables").fetchall()
    )
    missing = [f"{s}.{t}" for s, tables in CONTRACT.items() for t in tables if (f"{s}.{t}",) not in present]
    assert missing == []


def test_paragraphs_keep_provenance(con: duckdb.DuckDBPyConnection) -> None:
    bad = con.execute(
        "select count(*) from marts.paragraphs p join marts.documents d using (document_id) "
        "where p.page not between 1 and d.page_count or p.x0 is null or p.text = ''"
    ).fetchone()
    assert bad == (0,)
    assert con.execute("select count(distinct document_id) from marts.paragraphs").fetchone() == (4,)


def test_run_is_recorded(con: duckdb.DuckDBPyConnection, corpus_run: Path) -> None:
    run = con.execute(
        "select status, documents_seen, documents_processed, documents_failed from ops.pipeline_runs"
    ).fetchall()
    assert run == [(run[0][0], 4, 4, 0)]
    assert run[0][0] in ("success", "warning")
    summary = json.loads((corpus_run / "reports" / "last_run.json").read_text())
    assert summary["published"] is True
    assert Path(summary["data_docs"]).is_file()
    suites = {r[0] for r in con.execute("select distinct suite_name from ops.validation_results").fetchall()}
    assert {"documents", "paragraphs", "statistics", "policy_mentions", "recommendations"} <= suites


def test_dbt_tests_ran_and_passed(con: duckdb.DuckDBPyConnection) -> None:
    statuses = dict(
        con.execute("select resource_type, count(*) from ops.dbt_results group by all").fetchall()
    )
    assert statuses["test"] > 5
    failed = con.execute("select unique_id from ops.dbt_results where status in ('error', 'fail')").fetchall()
    assert failed == []
