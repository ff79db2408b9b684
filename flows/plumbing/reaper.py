"""No orphans: a small watcher process ends what a run started once the run dies, even by SIGKILL.

The run holds the only write end of the watcher's stdin. While the run lives, the watcher notes the
run's descendants (extraction processes, the forkserver, Prefect's temporary server) every half
second; end of file without the run's goodbye byte means the run died, and the watcher kills the
processes it last saw. Linux only (it reads /proc); elsewhere nothing is started.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

POLL_S = 0.5
GOODBYE = b"q"
PROC = Path("/proc")


def _stat(pid: int) -> tuple[int, str] | None:
    """A process's parent pid and start time (to tell a reused pid apart), or None once it is gone."""
    try:
        fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), fields[19]


def descendants(pid: int) -> dict[int, str]:
    """Every process below pid in the process tree, with its start time."""
    children: dict[int, list[int]] = {}
    starts: dict[int, str] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            children.setdefault(stat[0], []).append(int(entry.name))
            starts[int(entry.name)] = stat[1]
    found: dict[int, str] = {}
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found[child] = starts[child]
        todo.extend(children.get(child, []))
    return found


def watch(run_pid: int) -> int:
    """The watcher's loop: follow the run's process tree until the run says goodbye or dies."""
    family: dict[int, str] = {}
    me = os.getpid()
    while True:
        ready, _, _ = select.select([sys.stdin.fileno()], [], [], POLL_S)
        if ready:
            if os.read(sys.stdin.fileno(), 1) == GOODBYE:
                return 0  # the run ended normally: its processes are its own to stop
            break
        family = {pid: start for pid, start in descendants(run_pid).items() if pid != me}
    for pid, start in family.items():
        stat = _stat(pid)
        if stat is not None and stat[1] == start:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    return 1


@contextlib.contextmanager
def reaper() -> Iterator[None]:
    """Run the body with a watcher that kills the body's child processes if this process dies."""
    if not PROC.is_dir():
        yield
        return
    watcher = subprocess.Popen(
        [sys.executable, "-m", "flows.plumbing.reaper", str(os.getpid())],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            assert watcher.stdin is not None
            watcher.stdin.write(GOODBYE)
            watcher.stdin.close()
        watcher.wait()


if __name__ == "__main__":
    sys.exit(watch(int(sys.argv[1])))
