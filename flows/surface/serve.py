"""`paperflow serve`: the pipeline on a cron schedule, on a real Prefect server.

Prefect's temporary in-process server cannot schedule, so unless PREFECT_API_URL points at a
shared server, this starts `prefect server start` on loopback (SQLite under .prefect/), serves
the deployment, and stops the server it started on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from flows.plumbing.headstart import api_healthy, free_port
from flows.plumbing.settings import PROJECT_ROOT, Settings, schedule_file

DEPLOYMENT_NAME = "scheduled"
SERVER_START_TIMEOUT_S = 120.0


class ServeError(RuntimeError):
    """The scheduler could not start."""


@contextmanager
def local_server(home: Path, port: int | None = None) -> Iterator[str]:
    """Run `prefect server start` on 127.0.0.1 for the duration of the block; yield its API URL."""
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'server.db'}",
        "PREFECT_UI_API_URL": api_url,
    }
    env.pop("PREFECT_API_URL", None)
    log = open(home / "server.log", "ab")  # noqa: SIM115 (the server outlives this statement)
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not api_healthy(api_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise ServeError(f"the Prefect server did not start; see {home / 'server.log'}")
            time.sleep(0.5)
        yield api_url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def serve(settings: Settings, cron: str) -> None:
    """Serve the pipeline as a scheduled deployment until interrupted."""
    shared_api = os.environ.get("PREFECT_API_URL")
    if shared_api:
        _serve_on(settings, cron, shared_api)
        return
    with local_server(PROJECT_ROOT / ".prefect" / "server") as api_url:
        ui = api_url.removesuffix("/api")
        print(f"Prefect server (started by paperflow): {ui}  — schedule '{cron}', Ctrl-C to stop", flush=True)
        _serve_on(settings, cron, api_url)


@contextmanager
def _serving_record(settings: Settings, cron: str, api_url: str) -> Iterator[None]:
    """Record in reports/serve.json that this process serves the schedule (read by `paperflow status`)."""
    path = schedule_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    ui = api_url.removesuffix("/api")
    path.write_text(json.dumps({"pid": os.getpid(), "cron": cron, "ui": ui, "api_url": api_url}))
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def _interrupt(signum: int, frame: object) -> None:
    """Treat SIGTERM like Ctrl-C, so the server this command started is stopped too."""
    raise KeyboardInterrupt


def _serve_on(settings: Settings, cron: str, api_url: str) -> None:
    """Register and serve the deployment against the server at api_url."""
    signal.signal(signal.SIGTERM, _interrupt)
    from prefect.deployments.runner import EntrypointType
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.pipeline import paperflow_flow

    parameters = {"settings": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(settings).items()}}
    # Prefect reads its settings once at import: point this process at the server explicitly.
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url}), _serving_record(settings, cron, api_url):
            paperflow_flow.serve(
                name=DEPLOYMENT_NAME,
                cron=cron,
                parameters=parameters,
                pause_on_shutdown=False,
                entrypoint_type=EntrypointType.MODULE_PATH,
                print_starting_message=True,
            )
    except KeyboardInterrupt:
        print("paperflow serve: stopped", flush=True)
