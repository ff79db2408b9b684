"""Measure a process tree for the benchmarks: wall time, summed peak RSS by role, and the machine's CPU.

The roles: the root process ("main", where the flow, GX and dbt run), Prefect API servers (uvicorn,
"server") and everything else ("pool": the extraction processes). The CPU the rest of the machine
used meanwhile ("others") shows when a figure was disturbed by another job.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psutil

MIB = 2**20
ROLES = ("main", "server", "pool")


@dataclass
class Usage:
    """What one measurement cost: wall time, peak tree memory and the machine's CPU time."""

    seconds: float = 0.0
    peak_rss_mib: float = 0.0
    own_cpu_s: float = 0.0
    machine_cpu_s: float = 0.0
    steal_s: float = 0.0
    peak_rss_by_role_mib: dict[str, float] = field(default_factory=dict)

    @property
    def others_cpu_s(self) -> float:
        """CPU seconds used meanwhile by processes outside the measured tree."""
        return max(0.0, self.machine_cpu_s - self.own_cpu_s)

    def describe(self) -> str:
        """A one-line note on the CPU used by the measured tree and by everything else."""
        cores = self.others_cpu_s / self.seconds if self.seconds else 0.0
        note = f"own CPU {self.own_cpu_s:6.1f} s, others {self.others_cpu_s:6.1f} s (~{cores:.2f} cores)"
        return note + (f", host steal {self.steal_s:.1f} s" if self.steal_s >= 0.5 else "")


def busy_cpu_seconds() -> tuple[float, float]:
    """The machine's busy CPU seconds since boot (all cores together), and the part stolen by the host."""
    times = psutil.cpu_times()
    steal = getattr(times, "steal", 0.0)
    return sum(times) - times.idle - getattr(times, "iowait", 0.0) - steal, steal


def _role(process: psutil.Process, root: int) -> str:
    """Which role a process of the tree plays."""
    if process.pid == root:
        return "main"
    try:
        return "server" if "uvicorn" in " ".join(process.cmdline()) else "pool"
    except psutil.Error:
        return "pool"


class TreeMonitor:
    """Sample a process tree every interval seconds: summed RSS peak and CPU time per process."""

    def __init__(self, root_pid: int, interval: float = 0.1) -> None:
        """Watch the tree rooted at root_pid."""
        self.root = psutil.Process(root_pid)
        self.interval = interval
        self.usage = Usage()
        self._cpu_first: dict[int, float] = {}
        self._cpu_last: dict[int, float] = {}
        self._roles: dict[int, str] = {}
        self._started = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        """Add one sample of the tree's memory and CPU time."""
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        by_role = dict.fromkeys(ROLES, 0)
        for process in processes:
            try:
                with process.oneshot():
                    rss = process.memory_info().rss
                    cpu = process.cpu_times()
            except psutil.Error:
                continue
            if process.pid not in self._roles:
                self._roles[process.pid] = _role(process, self.root.pid)
                self._cpu_first[process.pid] = cpu.user + cpu.system if not self._started else 0.0
            self._cpu_last[process.pid] = cpu.user + cpu.system
            total += rss
            by_role[self._roles[process.pid]] += rss
        self.usage.peak_rss_mib = max(self.usage.peak_rss_mib, total / MIB)
        for role, rss in by_role.items():
            peaks = self.usage.peak_rss_by_role_mib
            peaks[role] = max(peaks.get(role, 0.0), rss / MIB)

    def _loop(self) -> None:
        """Sample until stopped."""
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeMonitor:
        """Take the baseline sample and start the sampling thread and the clock."""
        self._sample()  # processes alive now count only for the CPU they use from here on
        self._started = True
        self._machine_start = busy_cpu_seconds()
        self._clock = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop the clock and the thread, and total the CPU time of the tree and the machine."""
        self.usage.seconds = time.perf_counter() - self._clock
        self._stop.set()
        self._thread.join()
        self._sample()
        busy, steal = busy_cpu_seconds()
        self.usage.machine_cpu_s = busy - self._machine_start[0]
        self.usage.steal_s = steal - self._machine_start[1]
        self.usage.own_cpu_s = sum(self._cpu_last[p] - self._cpu_first[p] for p in self._cpu_last)


@contextmanager
def measured(pid: int | None = None) -> Iterator[Usage]:
    """Measure the block: wall time, peak RSS and CPU of the tree rooted at pid (default: this process)."""
    monitor = TreeMonitor(pid or os.getpid())
    with monitor:
        yield monitor.usage


@contextmanager
def measured_process(process: subprocess.Popen) -> Iterator[Usage]:
    """Measure a child process until the block ends, counting the CPU of all its reaped descendants too."""
    before = os.times()
    monitor = TreeMonitor(process.pid)
    with monitor:
        yield monitor.usage
    after = os.times()
    reaped = after.children_user + after.children_system - before.children_user - before.children_system
    # Processes that ended between samples are missed by the sampler; the kernel's count is exact.
    monitor.usage.own_cpu_s = max(monitor.usage.own_cpu_s, reaped)
