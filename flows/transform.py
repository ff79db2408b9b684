"""Stage 5, transform: dbt, run in-process on a build warehouse: seeds, staging views, marts tables, tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.plumbing.settings import Settings

DBT_ENV = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_PARTIAL_PARSE": "true"}


@dataclass(frozen=True)
class DbtNodeResult:
    """One dbt node's outcome (model, seed or test), as stored in ops.dbt_results."""

    unique_id: str
    resource_type: str
    status: str
    failures: int
    message: str
    execution_seconds: float


@dataclass(frozen=True)
class DbtOutcome:
    """Whether a dbt command succeeded, and each node's result."""

    success: bool
    nodes: list[DbtNodeResult]
    error: str = ""

    @property
    def failed(self) -> list[DbtNodeResult]:
        """Nodes that errored or whose tests failed."""
        return [n for n in self.nodes if n.status in ("error", "fail")]


def run_dbt(args: list[str], project_dir: Path, database: Path, target_dir: Path) -> DbtOutcome:
    """Invoke a dbt command in-process against the given DuckDB file."""
    os.environ.update(DBT_ENV)
    os.environ["PAPERFLOW_DBT_DATABASE"] = str(database)
    target_dir.mkdir(parents=True, exist_ok=True)
    try:
        result = _invoke(args, project_dir, target_dir)
    finally:
        _close_duckdb()
    nodes = []
    for node_result in getattr(result.result, "results", None) or []:
        node = node_result.node
        nodes.append(
            DbtNodeResult(
                unique_id=node.unique_id,
                resource_type=str(node.resource_type),
                status=str(node_result.status),
                failures=int(node_result.failures or 0),
                message=str(node_result.message or ""),
                execution_seconds=float(node_result.execution_time or 0.0),
            )
        )
    error = _first_lines(str(result.exception)) if result.exception else ""
    return DbtOutcome(bool(result.success), nodes, error)


def dbt_build(project_dir: Path, database: Path, target_dir: Path) -> DbtOutcome:
    """Seed, build and test every model on the build warehouse."""
    return run_dbt(["build"], project_dir, database, target_dir)


def dbt_docs(project_dir: Path, database: Path, target_dir: Path) -> DbtOutcome:
    """Generate dbt's static docs site (catalog from the given warehouse)."""
    return run_dbt(["docs", "generate", "--static"], project_dir, database, target_dir)


def _first_lines(message: str, limit: int = 400) -> str:
    """dbt's exception text can run to pages: keep its first lines."""
    text = " ".join(line.strip() for line in message.strip().splitlines()[:6] if line.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _invoke(args: list[str], project_dir: Path, target_dir: Path) -> Any:
    """Run one dbt command with absolute project, profiles, target and log paths."""
    from dbt.cli.main import dbtRunner  # heavy import, only for runs that transform

    return dbtRunner().invoke(
        [
            *args,
            "--project-dir",
            str(project_dir),
            "--profiles-dir",
            str(project_dir),
            "--target-path",
            str(target_dir / "target"),
            "--log-path",
            str(target_dir / "logs"),
            "--quiet",
        ]
    )


def _close_duckdb() -> None:
    """Close the DuckDB instance dbt-duckdb keeps open for the whole process.

    Left open, it holds the build file with its last writes still in the WAL, so a rename
    would publish a file without them; there is no public API for this.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
            DuckDBConnectionManager._ENV = None


@task(cache_policy=NO_CACHE)
def transform(build: Path, settings: Settings) -> Any:
    """Build the dbt seeds, staging views and marts tables, running their tests."""
    return dbt_build(settings.dbt_project_dir, build, settings.cache_dir / "dbt")
