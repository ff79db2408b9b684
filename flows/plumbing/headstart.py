"""A head start for runs that do work: Prefect's API, the new documents and the heavy imports at once.

A flow run needs Prefect's API before it exists, and Prefect's temporary server takes 5-15 s to
start on a busy machine. Instead of importing Prefect, then waiting for the server, then extracting,
the CLI launches the server first, submits the new documents to the flow's extraction pool and
imports GX and dbt meanwhile; the flow's extract tasks then wait on those extractions rather than
start them, so the flow run, its tasks and their outcomes are what they would be without the head
start. When `paperflow serve` runs a local server for the same reports, the run uses it (no start-up
at all) and its flow run shows in that server's UI.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import functools
import importlib.util
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from flows.plumbing import pool
from flows.plumbing.extraction import result_dir
from flows.plumbing.logs import run_log_path
from flows.plumbing.runstate import known_outcomes, new_run_id
from flows.plumbing.settings import Settings, schedule_file

if TYPE_CHECKING:
    from flows.plumbing.fastpath import Inputs
    from flows.plumbing.runstate import RunSummary

TEMPORARY_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}
"""What Prefect sets for its own temporary server (prefect.server.api.server.SubprocessASGIServer)."""
STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
PR_SET_PDEATHSIG = 1  # prctl option: the signal a child gets when its parent dies (Linux)
LOG = logging.getLogger("paperflow.headstart")


def api_healthy(api_url: str, timeout_s: float = 2.0) -> bool:
    """True when the Prefect API answers its health check."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout_s) as response:
            return response.status == 200
    except OSError:
        return False


def served_api(settings: Settings) -> str | None:
    """The API of the Prefect server `paperflow serve` started for these reports, when it answers."""
    try:
        state = json.loads(schedule_file(settings).read_text())
    except (OSError, ValueError):
        return None
    api = state.get("api_url") if isinstance(state, dict) else None
    return api if isinstance(api, str) and api_healthy(api, timeout_s=0.5) else None


def run_with_head_start(
    settings: Settings, inputs: Inputs | None, run_flow: Callable[[Settings, str], RunSummary]
) -> RunSummary:
    """Run the flow once, the server, the new documents' extraction and the heavy imports started together.

    ``run_flow(settings, run_id)`` runs the flow (flows.pipeline.run_pipeline, imported by the caller when
    it is called): plumbing never imports the stages above it.
    """
    configured = _api_configured()
    api = None if configured else served_api(settings)
    server = None if configured or api else TemporaryServer.launch(settings.reports_dir)
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED, temporary_settings

    if PREFECT_API_URL.value():  # set by the environment or a Prefect profile: that server it is
        api = None
    if server is not None and (PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value()):
        server.stop()  # a Prefect profile names a server, or forbids a temporary one: respect it
        server = None
    # The run's id is chosen now, so the extraction processes started ahead log into the run's log file.
    run_id = new_run_id()
    log = run_log_path(settings.reports_dir, run_id)
    try:
        started = 0
        if inputs is not None and settings.task_runner == "local":
            submit = functools.partial(pool.submit_ahead, log=log)
            started = _start_extractions(submit, settings, inputs)
        if started < settings.workers:
            # A core is free while the few new documents extract; with more, importing now would only
            # hold GX and dbt in memory beside the busy extraction processes.
            _import_heavy_modules()
        if server is not None:
            api = server.wait_until_ready()  # None if it failed: Prefect then starts its own as usual
        scope = temporary_settings(updates={PREFECT_API_URL: api}) if api else contextlib.nullcontext()
        with scope:
            return run_flow(settings, run_id)
    finally:
        pool.forget_ahead()
        pool.shutdown_pools()


def _api_configured() -> bool:
    """Whether this process already has a Prefect API (environment, or settings of a loaded Prefect)."""
    if os.environ.get("PREFECT_API_URL"):
        return True
    if "prefect.settings" not in sys.modules:
        return False  # a Prefect profile may still name one: checked once Prefect is imported
    from prefect.settings import PREFECT_API_URL

    return bool(PREFECT_API_URL.value())


class TemporaryServer:
    """Prefect's temporary API server, launched before Prefect is even imported and stopped at exit.

    It runs the app Prefect's own temporary server runs (same command and environment); launching
    it here lets it start while the run imports its modules and extracts, instead of after.
    """

    def __init__(self, process: subprocess.Popen[bytes], api_url: str) -> None:
        """Wrap a launched server process and the API address it will answer on."""
        self.process = process
        self.api_url = api_url

    @classmethod
    def launch(cls, reports_dir: Path) -> TemporaryServer | None:
        """Start the server process on a free loopback port; None when Prefect cannot be found."""
        spec = importlib.util.find_spec("prefect")
        if spec is None or not spec.submodule_search_locations:
            return None
        port = free_port()
        reports_dir.mkdir(parents=True, exist_ok=True)
        with open(reports_dir / "prefect-server.log", "wb") as log:
            process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app"),
                    *("--app-dir", str(Path(next(iter(spec.submodule_search_locations))).parent)),
                    *("--host", "127.0.0.1", "--port", str(port), "--log-level", "error", "--lifespan", "on"),
                ],
                env={**os.environ, **TEMPORARY_SERVER_ENV},
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,  # no server left behind when the run is killed
            )
        server = cls(process, f"http://127.0.0.1:{port}/api")
        # Registered before Prefect is imported, so it runs after Prefect has flushed its logs at exit.
        atexit.register(server.stop)
        return server

    def wait_until_ready(self) -> str | None:
        """The API address once the server answers, or None when it exits or does not answer in time."""
        deadline = time.monotonic() + float(os.environ.get(STARTUP_TIMEOUT_ENV, "120"))
        while time.monotonic() < deadline and self.process.poll() is None:
            if api_healthy(self.api_url, timeout_s=1.0):
                return self.api_url
            time.sleep(0.1)
        LOG.warning("the temporary Prefect server did not start; Prefect will start its own")
        self.stop()
        return None

    def stop(self) -> None:
        """Stop the server (politely, then not)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the run's process dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _start_extractions(submit: Any, settings: Settings, inputs: Inputs) -> int:
    """Submit every document without a result for this extractor version to the flow's pool; count them."""
    known = known_outcomes(inputs.sources, inputs.version, settings.cache_dir)
    todo = {s.sha256: s for s in inputs.sources if known[s.sha256] is None}
    for sha, source in todo.items():
        submit(source, result_dir(settings.cache_dir, inputs.version, sha), settings)
    return len(todo)


def _import_heavy_modules() -> None:
    """Import GX and dbt now, while extraction and the server start, not later on the critical path."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import dbt.cli.main  # noqa: F401
            import great_expectations  # noqa: F401
        except ImportError as exc:  # the task that needs it reports the error inside the flow run
            LOG.debug("could not import ahead of the flow: %s", exc)


def exit_without_teardown(code: int) -> NoReturn:
    """End the program now that its run is over: exit handlers run and output is flushed.

    What is skipped is the interpreter's teardown of every module and object, which after Prefect,
    GX and dbt have been imported costs 1-2 s of CPU and changes nothing on disk.
    """
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
