"""Stage 6, publish: the audited build becomes the warehouse (atomic rename), or only records the run.

A run whose audit failed keeps the last good warehouse and records itself in a copy of it; a run that
passed publishes its build. Either way the run lands in ops.pipeline_runs (flows/plumbing/runstate.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import get_run_logger

from flows.plumbing import warehouse as wh
from flows.plumbing.runstate import RunSummary, publish_run_record
from flows.plumbing.settings import Settings


def publish(
    settings: Settings, summary: RunSummary, build: Path, started: datetime, version: str, fingerprint: str
) -> None:
    """Publish the build (or, when the audit failed, record the run beside the last good warehouse)."""
    logger = get_run_logger()
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
