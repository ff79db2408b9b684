"""Stage 4, validate: GX on the raw tables: committed suites, run on DataFrames, Data Docs on disk.

GX 1.x has no working DuckDB route, so each table is read out of the build warehouse into a
pandas DataFrame, with a few derived columns for checks that span columns or tables.
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.core.knowledge import load_knowledge
from flows.plumbing.datadocs import make_offline
from flows.plumbing.settings import Settings

SUITE_SUFFIX = ".json"
TRACED_SCOPES = ("row", "document")  # critical scopes whose failures GX traces to documents and rows
KEEP_RESULTS = 30  # stored GX results per suite shown in Data Docs (ops.validation_results keeps all)

# Checks that need more than one column or table become boolean columns GX can test.
DERIVED_QUERIES: dict[str, str] = {
    "documents": "SELECT * FROM raw.documents WHERE document_id IN (SELECT document_id FROM raw.files)",
    "paragraphs": """
        SELECT p.*, p.page BETWEEN 1 AND d.page_count AS is_page_within_document
        FROM raw.paragraphs p JOIN raw.documents d USING (document_id)
        WHERE p.document_id IN (SELECT document_id FROM raw.files)""",
    # A statistic read from a table names its cell (table_id, cell_row, cell_col): that cell must exist,
    # print the raw text, and belong to a data table (regression and descriptive cells are never facts).
    "statistics": """
        SELECT s.*, contains(s.sentence, s.raw_text) AS is_raw_text_in_sentence,
               coalesce(contains(c.text, s.raw_text), false) AS is_raw_text_in_cell,
               t.kind AS table_kind
        FROM raw.statistics s
        LEFT JOIN raw.table_cells c
            ON c.document_id = s.document_id AND c.table_id = s.table_id
           AND c.row = s.cell_row AND c.col = s.cell_col
        LEFT JOIN raw.tables t ON t.document_id = s.document_id AND t.table_id = s.table_id
        WHERE s.document_id IN (SELECT document_id FROM raw.files)""",
    "policy_mentions": """
        SELECT m.*, m.policy_id IN (
            SELECT policy_id FROM seed_policy_ids UNION SELECT policy_id FROM raw.provisional_policies
        ) AS is_resolved
        FROM raw.policy_mentions m WHERE m.document_id IN (SELECT document_id FROM raw.files)""",
    "recommendations": """
        SELECT r.*, r.parent_id IS NULL OR r.parent_id IN (
            SELECT recommendation_id FROM raw.recommendations p WHERE p.document_id = r.document_id
        ) AS is_parent_present
        FROM raw.recommendations r WHERE r.document_id IN (SELECT document_id FROM raw.files)""",
    # A table whose grid lacks cells (the extractor emits every cell, empty ones too) would show holes
    # and shift the row and column headers of what is left: it is held back rather than published.
    "tables": """
        SELECT t.*,
               coalesce(t.page >= 1 AND t.page_end >= t.page AND t.page_end <= d.page_count, false)
                   AS is_page_within_document,
               coalesce(t.header_rows BETWEEN 0 AND t.n_rows, false) AS is_header_within_grid,
               coalesce((
                   SELECT count(DISTINCT (c.row, c.col)) FROM raw.table_cells c
                   WHERE c.document_id = t.document_id AND c.table_id = t.table_id
                     AND c.row BETWEEN 0 AND t.n_rows - 1 AND c.col BETWEEN 0 AND t.n_cols - 1
               ) = t.n_rows * t.n_cols, false) AS is_grid_complete
        FROM raw.tables t JOIN raw.documents d USING (document_id)
        WHERE t.document_id IN (SELECT document_id FROM raw.files)""",
    # coalesce: a null row, col or table would make these null, which GX's in-set checks let pass.
    "table_cells": """
        SELECT c.*,
               coalesce(c.cell_id = c.table_id || '-r' || c.row || 'c' || c.col, false)
                   AS is_cell_id_consistent,
               coalesce(EXISTS (
                   SELECT 1 FROM raw.tables t
                   WHERE t.document_id = c.document_id AND t.table_id = c.table_id
                     AND c.row < t.n_rows AND c.col < t.n_cols
               ), false) AS is_in_table
        FROM raw.table_cells c WHERE c.document_id IN (SELECT document_id FROM raw.files)""",
}


@dataclass(frozen=True)
class ExpectationResult:
    """One expectation's outcome on one run, as stored in ops.validation_results."""

    suite_name: str
    expectation: str
    column: str
    severity: str
    success: bool
    element_count: int
    unexpected_count: int
    unexpected_values: str
    # "row": the failing rows are held back; "document": their documents are quarantined; "build": blocks
    scope: str = "build"
    # document_id -> its unexpected values, traced by GX (unexpected_index_list); not stored as a column
    by_document: dict[str, list[str]] = field(default_factory=dict, compare=False)
    # (document_id, row key or None, value) of every unexpected row, for row-scope holding back
    rows: tuple[tuple[str, str | None, str], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class ValidationReport:
    """All expectation outcomes of a run and where the Data Docs are."""

    results: list[ExpectationResult]
    data_docs_index: Path | None
    # table -> document_id -> rows it has there, to weigh a document's failing rows against its own
    rows_per_document: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def critical_failures(self) -> list[ExpectationResult]:
        """Failed expectations whose severity is critical (blocking or quarantining)."""
        return [r for r in self.results if not r.success and r.severity == "critical"]

    @property
    def blocking(self) -> list[ExpectationResult]:
        """Critical failures about the whole build, or row failures GX could not trace to a document."""
        return [r for r in self.critical_failures if r.scope not in TRACED_SCOPES or not r.by_document]

    @property
    def quarantining(self) -> list[ExpectationResult]:
        """Critical failures of a document's own properties, each traced to the documents that failed."""
        return [r for r in self.critical_failures if r.scope == "document" and r.by_document]

    @property
    def holding_back(self) -> list[ExpectationResult]:
        """Critical failures of side-table rows, each traced to its rows (flows/quarantine.py decides)."""
        return [r for r in self.critical_failures if r.scope == "row" and r.by_document]

    @property
    def warnings(self) -> list[ExpectationResult]:
        """Failed expectations that are published but flagged."""
        return [r for r in self.results if not r.success and r.severity != "critical"]


def load_suites(expectations_dir: Path) -> dict[str, dict[str, Any]]:
    """Read the committed suites, keyed by the raw table each one checks (its file name)."""
    return {
        path.stem: json.loads(path.read_text()) for path in sorted(expectations_dir.glob(f"*{SUITE_SUFFIX}"))
    }


def table_frames(build: Path, tables: list[str], policy_ids: list[str]) -> dict[str, pd.DataFrame]:
    """Read each suite's table (with derived check columns) out of the build warehouse."""
    con = duckdb.connect(str(build), read_only=True)
    try:
        con.execute("CREATE TEMP TABLE seed_policy_ids (policy_id VARCHAR)")
        if policy_ids:
            con.executemany("INSERT INTO seed_policy_ids VALUES (?)", [[p] for p in policy_ids])
        return {
            table: con.execute(DERIVED_QUERIES.get(table, f'SELECT * FROM raw."{table}"')).df()
            for table in tables
        }
    finally:
        con.close()


def validate(
    frames: dict[str, pd.DataFrame],
    suites: dict[str, dict[str, Any]],
    gx_dir: Path,
    run_name: str | None = None,
) -> ValidationReport:
    """Run each suite on its DataFrame in a file-backed GX project and build the Data Docs.

    run_name (paperflow's run_id) names the GX run, so Data Docs and ops.validation_results agree.
    """
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import great_expectations as gx  # 2-4 s to import: only runs that validate pay for it
        from great_expectations.core.run_identifier import RunIdentifier
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context = gx.get_context(mode="file", project_root_dir=str(gx_dir))
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        source = context.data_sources.add_or_update_pandas("warehouse")
        results: list[ExpectationResult] = []
        run_id = RunIdentifier(run_name=run_name, run_time=datetime.now(UTC))
        for table, suite_json in suites.items():
            if table not in frames:
                continue
            suite = context.suites.add_or_update(gx.ExpectationSuite(**suite_json))
            asset = next((a for a in source.assets if a.name == table), None) or source.add_dataframe_asset(
                table
            )
            batch = next(iter(asset.batch_definitions), None) or asset.add_batch_definition_whole_dataframe(
                "whole_table"
            )
            definition = context.validation_definitions.add_or_update(
                gx.ValidationDefinition(name=table, data=batch, suite=suite)
            )
            checkpoint = context.checkpoints.add_or_update(
                gx.Checkpoint(
                    name=table,
                    validation_definitions=[definition],
                    # COMPLETE with document_id: GX names the document of every unexpected row itself,
                    # whatever the frame's index or row_condition (no re-evaluation per document).
                    result_format={
                        "result_format": "COMPLETE",
                        "partial_unexpected_count": 5,
                        "unexpected_index_column_names": index_columns(suite_json),
                    },
                )
            )
            run = checkpoint.run(batch_parameters={"dataframe": frames[table]}, run_id=run_id)
            for key, validation in run.run_results.items():
                _name_data_asset(context, key, validation, table)
                results.extend(_results(suite.name, validation.results, row_key(suite_json)))
        # Once per run, not per suite: a Data Docs build re-renders every stored result.
        prune_results(gx_dir / "gx" / "uncommitted" / "validations", KEEP_RESULTS)
        context.build_data_docs()
        site = gx_dir / "gx" / "uncommitted" / "data_docs" / "local_site"
        make_offline(site)
        docs = site / "index.html"
    return ValidationReport(results, docs if docs.exists() else None, rows_per_document(frames))


def row_key(suite: dict[str, Any]) -> str | None:
    """The column that, with document_id, names one row of the suite's table (meta.row_key)."""
    return (suite.get("meta") or {}).get("row_key")


def index_columns(suite: dict[str, Any]) -> list[str]:
    """The columns GX reports for each unexpected row: the document and, where the table has one, its key."""
    key = row_key(suite)
    return ["document_id", key] if key else ["document_id"]


def rows_per_document(frames: dict[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """How many rows each document has in each validated table."""
    return {
        table: {str(k): int(v) for k, v in frame.groupby("document_id").size().items()}
        for table, frame in frames.items()
        if "document_id" in frame.columns and len(frame)
    }


def _name_data_asset(context: Any, key: Any, validation: Any, table: str) -> None:
    """Store a result again with its raw table as data asset: a DataFrame batch records none for Data Docs."""
    validation.meta["batch_spec"] = {**(validation.meta.get("batch_spec") or {}), "data_asset_name": table}
    context.validation_results_store.set(key, validation)


def prune_results(validations_dir: Path, keep: int) -> None:
    """Keep only each suite's newest `keep` stored results, so Data Docs builds stay fast."""
    if not validations_dir.is_dir():
        return
    for suite_dir in validations_dir.iterdir():
        files = sorted(suite_dir.rglob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in files[keep:]:
            stale.unlink()


def _results(suite_name: str, outcomes: list[Any], key: str | None) -> list[ExpectationResult]:
    """Flatten GX's per-expectation results into rows."""
    rows = []
    for outcome in outcomes:
        config = outcome.expectation_config
        detail = outcome.result or {}
        unexpected = detail.get("partial_unexpected_list") or []
        severity = getattr(config, "severity", None) or config.meta.get("severity", "critical")
        column = str(config.kwargs.get("column", ""))
        traced = _unexpected_rows(detail, column, key)
        rows.append(
            ExpectationResult(
                suite_name=suite_name,
                expectation=config.type,
                column=str(config.kwargs.get("column", "")),
                severity=str(getattr(severity, "value", severity)),
                success=bool(outcome.success),
                element_count=_count(detail.get("element_count", detail.get("observed_value"))),
                unexpected_count=int(detail.get("unexpected_count") or 0),
                unexpected_values=json.dumps([str(v)[:120] for v in unexpected[:5]], ensure_ascii=False),
                scope=str(config.meta.get("scope", "build")),
                by_document=_by_document(traced),
                rows=traced,
            )
        )
    return rows


def _unexpected_rows(
    detail: dict[str, Any], column: str, key: str | None
) -> tuple[tuple[str, str | None, str], ...]:
    """Each unexpected row as (document_id, its row key or None, its value), from unexpected_index_list."""
    found = []
    for row in detail.get("unexpected_index_list") or []:
        if isinstance(row, dict) and row.get("document_id") is not None:
            value = row.get(key) if key else None
            found.append((str(row["document_id"]), _key_text(value), str(row.get(column, ""))[:120]))
    return tuple(found)


def _key_text(value: Any) -> str | None:
    """A row key as the text the marts compare it with (a float column's 3.0 is the key 3), or None."""
    if value is None or (isinstance(value, float) and value != value):  # NaN: pandas' null
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _by_document(rows: tuple[tuple[str, str | None, str], ...]) -> dict[str, list[str]]:
    """Group unexpected rows' values by document_id."""
    grouped: dict[str, list[str]] = {}
    for document_id, _, value in rows:
        grouped.setdefault(document_id, []).append(value)
    return grouped


def _count(value: Any) -> int:
    """An element count from a GX result, which may be missing or not a number."""
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


@task(cache_policy=NO_CACHE)
def validate_build(build: Path, settings: Settings, run_id: str | None = None) -> ValidationReport:
    """Run the committed GX suites on the build's raw tables and refresh the Data Docs (GX run = run_id)."""
    suites = load_suites(settings.expectations_dir)
    frames = table_frames(build, list(suites), _seed_policy_ids(settings))
    return validate(frames, suites, settings.data_docs_dir, run_id)


def _seed_policy_ids(settings: Settings) -> list[str]:
    """Policy ids a mention may resolve to in the registry seed (provisional ones come from raw)."""
    return load_knowledge(settings.seeds_dir).policy_ids
