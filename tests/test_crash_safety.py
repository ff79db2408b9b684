"""Write–audit–publish: failed audits, killed runs and concurrent runs never harm the published warehouse."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.plumbing import warehouse as wh
from flows.plumbing.settings import PROJECT_ROOT
from flows.surface.cli import main
from tests.conftest import RAW, run_args

DONG = "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf"
PIAO = "piao-2024-ai-promotion-and-new-quality-productivity.pdf"


def titles(warehouse: Path) -> list[str]:
    """The titles of the published warehouse's documents, read as an analyst would."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return [r[0] for r in con.execute("select title from marts.documents order by title").fetchall()]
    finally:
        con.close()


@pytest.fixture
def published(tmp_path: Path, prefect_harness: None) -> Path:
    """A folder whose warehouse was published from one paper; raw/ then gets a second one."""
    (tmp_path / "raw").mkdir()
    shutil.copy(RAW / DONG, tmp_path / "raw" / DONG)
    assert main(run_args(tmp_path)) == 0
    shutil.copy(RAW / PIAO, tmp_path / "raw" / PIAO)
    return tmp_path


def test_critical_validation_failure_keeps_the_published_warehouse(published: Path) -> None:
    from flows.pipeline import run_pipeline
    from flows.plumbing.settings import Settings

    warehouse = published / "warehouse" / "paperflow.duckdb"
    before = titles(warehouse)
    strict = published / "expectations"
    shutil.copytree(PROJECT_ROOT / "expectations", strict)
    suite = json.loads((strict / "documents.json").read_text())
    # Injected defect: no build may have more than one document.
    suite["expectations"].append(
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"max_value": 1}, "severity": "critical"}
    )
    (strict / "documents.json").write_text(json.dumps(suite))
    settings = Settings(
        raw_dir=published / "raw",
        warehouse=warehouse,
        reports_dir=published / "reports",
        cache_dir=published / "cache",
        expectations_dir=strict,
    )
    summary = run_pipeline(settings)
    assert (summary.status, summary.published) == ("failed", False)
    assert "expect_table_row_count_to_be_between" in summary.message
    assert titles(warehouse) == before
    con = duckdb.connect(str(warehouse), read_only=True)
    runs = con.execute("select status, message from ops.pipeline_runs order by started_at").fetchall()
    failed = con.execute(
        "select count(*) from ops.validation_results "
        "where not success and severity = 'critical' and run_id = ?",
        [summary.run_id],
    ).fetchone()
    con.close()
    assert [r[0] for r in runs][-1] == "failed"
    assert failed == (1,)


def test_second_concurrent_run_refuses_with_a_clear_message(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = published / "warehouse" / "paperflow.duckdb"
    with wh.run_lock(warehouse):
        status = main(run_args(published))
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("paperflow run: error: another paperflow run (pid ")
    assert err.count("\n") == 1


def test_sql_during_a_run_then_kill_9_then_recover(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from prefect.settings import PREFECT_API_URL

    warehouse = published / "warehouse" / "paperflow.duckdb"
    before = titles(warehouse)
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    run = subprocess.Popen(
        [sys.executable, "-m", "flows.surface.cli", *run_args(published)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(warehouse.parent.glob(".paperflow.build-*")):
            assert run.poll() is None, "the run ended before it started building"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        # A run holds the build lock and is writing its build file: analysts can still query.
        query = "select title from marts.documents order by title"
        assert main(["sql", query, "--warehouse", str(warehouse), "--format", "json"]) == 0
        assert [row["title"] for row in json.loads(capsys.readouterr().out)] == before
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait()
    assert titles(warehouse) == before
    assert main(run_args(published)) == 0
    assert len(titles(warehouse)) == 2
    assert list(warehouse.parent.glob(".paperflow.build-*")) == []
