"""`paperflow serve` fires scheduled runs on a real Prefect server, and analysts can query meanwhile."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import RAW

DONG = "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf"


def paperflow(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a paperflow command the way a user does."""
    return subprocess.run(
        [sys.executable, "-m", "flows.surface.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_serve_fires_two_scheduled_runs_while_sql_answers(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    shutil.copy(RAW / DONG, tmp_path / "raw" / DONG)
    warehouse = tmp_path / "warehouse" / "paperflow.duckdb"
    paths = [
        "--warehouse",
        str(warehouse),
        "--reports",
        str(tmp_path / "reports"),
        "--cache",
        str(tmp_path / "cache"),
    ]
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 (the server writes to it until the end)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.surface.cli",
            "serve",
            "--cron",
            "* * * * *",
            "--raw",
            str(tmp_path / "raw"),
            *paths,
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    runs: list[dict] = []
    answered_while_serving = False
    try:
        deadline = time.monotonic() + 330
        while time.monotonic() < deadline and len(runs) < 2:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            if warehouse.exists():
                result = paperflow(
                    "sql", "select status from ops.pipeline_runs", "--format", "json", *paths[:2]
                )
                assert result.returncode == 0, result.stderr
                runs = json.loads(result.stdout)
                answered_while_serving = True
            time.sleep(3)
        status = paperflow("status", *paths[:4])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert len(runs) >= 2, output[-3000:]
    assert {r["status"] for r in runs} <= {"success", "warning"}
    assert answered_while_serving
    assert "Prefect server (started by paperflow): http://127.0.0.1:" in output
    assert "schedule: served by pid" in status.stdout
    assert not (tmp_path / "reports" / "serve.json").exists()


def test_prefect_yaml_deployment_points_at_the_flow() -> None:
    import yaml
    from prefect.flows import load_flow_from_entrypoint

    from flows.plumbing.settings import PROJECT_ROOT, Settings

    config = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text())
    (deployment,) = config["deployments"]
    flow = load_flow_from_entrypoint(str(PROJECT_ROOT / deployment["entrypoint"]))
    assert flow.name == "paperflow"
    assert Settings(**deployment["parameters"]["settings"]).warehouse.name == "paperflow.duckdb"
    assert deployment["schedules"][0]["cron"] == "0 2 * * *"
