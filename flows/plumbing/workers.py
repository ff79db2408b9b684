"""Extraction worker processes that never outlive the run that started them (SIGKILL included)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from pathlib import Path

from flows.plumbing.logs import log_worker_to

PR_SET_PDEATHSIG = 1  # linux/prctl.h
POLL_S = 0.5


def init_worker(log_path: Path | None, run_pid: int) -> None:
    """Pool initializer: quiet logging into the run's log, and exit as soon as the run's process dies."""
    log_worker_to(log_path)
    _die_with_parent()
    threading.Thread(target=_watch, args=(run_pid,), name="paperflow-lifeline", daemon=True).start()


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this process when its parent (the forkserver) exits."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _watch(run_pid: int) -> None:
    """Poll the run's process; a worker's parent is the forkserver, so PDEATHSIG alone is not enough."""
    while is_alive(run_pid):
        time.sleep(POLL_S)
    os._exit(1)  # no cleanup: the run that wanted the result is gone


def is_alive(pid: int) -> bool:
    """True while a process exists and is not a zombie (a killed run waiting to be reaped is gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): existence is all we can tell
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
