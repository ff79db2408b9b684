"""`paperflow status`: recent runs, document errors, validation warnings and the schedule state."""

from __future__ import annotations

import json
import os

from flows.plumbing.settings import Settings, schedule_file
from flows.surface.query import QueryError, run_query

RUNS_SQL = """
SELECT run_id, status, started_at, finished_at, documents_seen AS seen, documents_processed AS extracted,
       documents_skipped AS unchanged, documents_failed AS failed
FROM ops.pipeline_runs ORDER BY started_at DESC LIMIT {limit}
"""
LAST_RUN_ERRORS_SQL = """
SELECT source_file, error_kind, message FROM ops.document_errors
WHERE run_id = (SELECT run_id FROM ops.pipeline_runs ORDER BY started_at DESC LIMIT 1)
ORDER BY source_file
"""
LAST_RUN = "(SELECT run_id FROM ops.pipeline_runs ORDER BY started_at DESC LIMIT 1)"
LAST_RUN_QUARANTINE_SQL = f"""
SELECT source_file, suite, expectation, "column", unexpected_values FROM ops.quarantine
WHERE run_id = {LAST_RUN} AND scope IS DISTINCT FROM 'row'
ORDER BY source_file, suite
"""
LAST_RUN_HELD_BACK_SQL = f"""
SELECT source_file, table_name, expectation, "column", count(*) AS rows,
       list(row_key ORDER BY row_key)[:5] AS row_keys, list(unexpected_values ORDER BY row_key)[:3] AS values
FROM ops.quarantine WHERE run_id = {LAST_RUN} AND scope = 'row'
GROUP BY ALL ORDER BY source_file, table_name, expectation
"""
LAST_RUN_WARNINGS_SQL = """
SELECT suite_name, expectation, "column", severity, unexpected_count FROM ops.validation_results
WHERE NOT success AND run_id = (
    SELECT run_id FROM ops.validation_results ORDER BY run_id DESC LIMIT 1)
ORDER BY severity, suite_name
"""


def schedule_state(settings: Settings) -> str:
    """One line: whether a schedule is being served by a live process, and where."""
    path = schedule_file(settings)
    if not path.exists():
        return "schedule: not served (start one with `paperflow serve --cron '0 2 * * *'`)"
    state = json.loads(path.read_text())
    try:
        os.kill(int(state["pid"]), 0)
    except (OSError, ValueError, KeyError):
        return f"schedule: not served (last served with cron '{state.get('cron')}', process gone)"
    return f"schedule: served by pid {state['pid']}, cron '{state['cron']}', Prefect UI {state['ui']}"


def status_text(settings: Settings, runs: int) -> str:
    """The text `paperflow status` prints."""
    parts = ["recent runs:", run_query(settings.warehouse, RUNS_SQL.format(limit=int(runs)))]
    errors = run_query(settings.warehouse, LAST_RUN_ERRORS_SQL)
    parts += ["", "document errors in the last run:", errors]
    try:
        quarantined = run_query(settings.warehouse, LAST_RUN_QUARANTINE_SQL)
        held_back = run_query(settings.warehouse, LAST_RUN_HELD_BACK_SQL)
    except QueryError:  # a warehouse published before ops.quarantine (or its scope column) existed
        quarantined = held_back = "(none recorded)"
    parts += ["", "quarantined documents in the last run (out of the marts until they pass):", quarantined]
    parts += ["", "rows held back in the last run (kept in raw, out of the marts; by document and reason):"]
    parts += [held_back]
    parts += [
        "",
        "failed expectations in the last validated run:",
        run_query(settings.warehouse, LAST_RUN_WARNINGS_SQL),
    ]
    parts += ["", schedule_state(settings)]
    return "\n".join(parts)
