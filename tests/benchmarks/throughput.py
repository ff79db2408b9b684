"""Throughput benchmark (issue 7): the pipeline's cost against plain pdfplumber, measured in one run.

Run: .venv/bin/python tests/benchmarks/throughput.py [--papers 40] [--workdir DIR] [--keep] [--repeat N]

Builds a corpus of N papers by cycling through the PDFs in raw/, each copy with its own docinfo
/Title so every SHA-256 differs while the pages stay identical, then measures:

- plain: one process running pdfplumber's ``page.extract_text()`` over every page of every file;
- cold: ``run_pipeline`` (2 workers, empty cache, fresh warehouse) against an already-running Prefect
  server (``prefect_test_harness``, started before timing, as for a served deployment), and a whole
  ``paperflow run`` subprocess, which also starts Prefect's temporary server and imports everything;
- no-change rerun: ``run_pipeline`` again on the same inputs (documents_processed must be 0);
- extraction speed-up: ``extract_file`` over all N files in a forkserver pool of 1 and of 2 processes;
- peak RSS: the summed resident memory of the process tree, sampled every 0.1 s.

Every measurement also reports the CPU time the rest of the machine used meanwhile ("others"), so a
figure disturbed by a concurrent job can be spotted and the benchmark re-run. A per-stage timeline of
the cold run comes from wrapping the pipeline's helpers in this process (no pipeline code changes),
with the CPU each role used per stage (main: this process, where the flow, GX and dbt run; server: the
Prefect API; pool: the extraction processes) and the number of process pools the run created.
With --repeat N, plain and the 1/2-process extraction run N times and the best time counts.
The script always exits 0: it is a benchmark, not a test.
"""

from __future__ import annotations

import os

os.environ.update(
    {
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "TQDM_DISABLE": "1",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
    }
)

import argparse
import functools
import multiprocessing
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# Only light modules at the top: every forkserver pool worker re-runs this script as __mp_main__, and
# pdfplumber and flows.extract are already loaded there (preloaded). The flow's modules (Prefect,
# DuckDB, dbt, GX) and pikepdf are imported inside the functions that use them.
from flows.core.document import Limits  # noqa: E402
from flows.core.knowledge import load_knowledge  # noqa: E402
from flows.extract import extract_file, extractor_version, result_dir  # noqa: E402
from flows.settings import Settings  # noqa: E402

RAW = ROOT / "raw"
SEEDS = ROOT / "dbt_project" / "seeds"
PAPERFLOW = ROOT / ".venv" / "bin" / "paperflow"
MIB = 2**20
RSS_LIMIT_MIB = 1.5 * 1024
WORKERS = 2
ROLES = ("main", "server", "pool")
"""The measured tree: the root process, Prefect API servers (uvicorn), everything else (extraction)."""


@dataclass
class Usage:
    """What one measurement cost: wall time, peak tree memory and the machine's CPU time."""

    seconds: float = 0.0
    peak_rss_mib: float = 0.0
    peak_rss_no_server_mib: float = 0.0
    own_cpu_s: float = 0.0
    machine_cpu_s: float = 0.0
    steal_s: float = 0.0
    peak_rss_by_role_mib: dict[str, float] = field(default_factory=dict)
    peak_processes_by_role: dict[str, int] = field(default_factory=dict)
    samples: list[tuple[float, dict[str, float]]] = field(default_factory=list)
    """(perf_counter time, CPU seconds used so far by each role, and the machine's busy CPU seconds)."""

    @property
    def others_cpu_s(self) -> float:
        """CPU seconds used meanwhile by processes outside the measured tree."""
        return max(0.0, self.machine_cpu_s - self.own_cpu_s)

    def cpu_between(self, start: float, end: float) -> dict[str, float]:
        """CPU seconds each role used between two perf_counter times (nearest samples)."""
        if not self.samples:
            return dict.fromkeys((*ROLES, "others"), 0.0)
        first = self.samples[0][1]
        before = next((cpu for t, cpu in reversed(self.samples) if t <= start), first)
        after = next((cpu for t, cpu in reversed(self.samples) if t <= end), first)
        used = {role: after.get(role, 0.0) - before.get(role, 0.0) for role in (*ROLES, "machine")}
        used["others"] = max(0.0, used.pop("machine") - sum(used[role] for role in ROLES))
        return used

    def describe(self) -> str:
        """A one-line note on the CPU used by the measured tree and by everything else."""
        cores = self.others_cpu_s / self.seconds if self.seconds else 0.0
        note = f"own CPU {self.own_cpu_s:6.1f} s, others {self.others_cpu_s:6.1f} s (~{cores:.2f} cores)"
        return note + (f", host steal {self.steal_s:.1f} s" if self.steal_s >= 0.5 else "")


def _busy_cpu_seconds() -> tuple[float, float]:
    """The machine's busy CPU seconds since boot (all cores together), and the part stolen by the host."""
    times = psutil.cpu_times()
    steal = getattr(times, "steal", 0.0)
    return sum(times) - times.idle - getattr(times, "iowait", 0.0) - steal, steal


def _is_server(process: psutil.Process) -> bool:
    """Whether a process is a Prefect API server (uvicorn), not part of the pipeline proper."""
    try:
        return "uvicorn" in " ".join(process.cmdline())
    except psutil.Error:
        return False


class TreeMonitor:
    """Sample a process tree every interval seconds: summed RSS peak and CPU time per process."""

    def __init__(self, root_pid: int, interval: float = 0.1) -> None:
        """Watch the tree rooted at root_pid (this process by default)."""
        self.root = psutil.Process(root_pid)
        self.interval = interval
        self.usage = Usage()
        self._cpu_first: dict[int, float] = {}
        self._cpu_last: dict[int, float] = {}
        self._role: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        """Add one sample of the tree's memory and CPU time."""
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = without_server = 0
        rss_by_role = dict.fromkeys(ROLES, 0)
        for process in processes:
            try:
                with process.oneshot():
                    rss = process.memory_info().rss
                    cpu = process.cpu_times()
            except psutil.Error:
                continue
            if process.pid not in self._role:
                role = "main" if process.pid == self.root.pid else "server" if _is_server(process) else "pool"
                self._role[process.pid] = role
                self._cpu_first[process.pid] = 0.0 if self._started else cpu.user + cpu.system
            self._cpu_last[process.pid] = cpu.user + cpu.system
            total += rss
            rss_by_role[self._role[process.pid]] += rss
            if self._role[process.pid] != "server":
                without_server += rss
        by_role = dict.fromkeys(ROLES, 0.0)
        for pid, last in self._cpu_last.items():
            by_role[self._role[pid]] += last - self._cpu_first[pid]
        by_role["machine"] = _busy_cpu_seconds()[0]
        self.usage.samples.append((time.perf_counter(), by_role))
        self.usage.peak_rss_mib = max(self.usage.peak_rss_mib, total / MIB)
        for role, rss in rss_by_role.items():
            peak = self.usage.peak_rss_by_role_mib
            peak[role] = max(peak.get(role, 0.0), rss / MIB)
        for role in ROLES:
            alive = sum(1 for process in processes if self._role.get(process.pid) == role)
            most = self.usage.peak_processes_by_role
            most[role] = max(most.get(role, 0), alive)
        self.usage.peak_rss_no_server_mib = max(self.usage.peak_rss_no_server_mib, without_server / MIB)

    def _loop(self) -> None:
        """Sample until stopped."""
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeMonitor:
        """Take the baseline sample and start the sampling thread and the clock."""
        self._started = False
        self._sample()  # processes alive now count only for the CPU they use from here on
        self._started = True
        self._machine_start = _busy_cpu_seconds()
        self._clock = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop the clock and the thread, and total the CPU time of the tree and the machine."""
        self.usage.seconds = time.perf_counter() - self._clock
        self._stop.set()
        self._thread.join()
        self._sample()
        busy, steal = _busy_cpu_seconds()
        self.usage.machine_cpu_s = busy - self._machine_start[0]
        self.usage.steal_s = steal - self._machine_start[1]
        self.usage.own_cpu_s = sum(self._cpu_last[p] - self._cpu_first[p] for p in self._cpu_last)


@dataclass
class Timeline:
    """Start and end of each wrapped pipeline helper call, relative to the start of a run."""

    origin: float = 0.0
    calls: list[tuple[str, float, float]] = field(default_factory=list)

    def wrap(self, owner: Any, name: str, label: str) -> None:
        """Replace owner.name with a version that records its calls (this process only)."""
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.calls.append((label, start - self.origin, time.perf_counter() - self.origin))

        setattr(owner, name, timed)

    def stage(self, label: str) -> tuple[float, float] | None:
        """The (start, end) of the first call with this label, or None."""
        return next(((s, e) for name, s, e in self.calls if name == label), None)

    def total(self, label: str) -> float:
        """The summed duration of every call with this label."""
        return sum(e - s for name, s, e in self.calls if name == label)


def instrument_pipeline() -> Timeline:
    """Wrap the helpers the flow calls, so the cold run can be broken into stages."""
    from flows import pipeline
    from flows import warehouse as wh

    timeline = Timeline()
    for name in (
        "extractor_version",
        "input_fingerprint",
        "last_fingerprint",
        "load_suites",
        "table_frames",
        "validate",
        "dbt_build",
        "_publish_run_record",
        "_write_summary",
        "shutdown_pools",
    ):
        timeline.wrap(pipeline, name, name)
    for name in ("remove_stale_builds", "create_build", "append_ops", "publish", "table_counts"):
        timeline.wrap(wh, name, f"wh.{name}")
    timeline.wrap(pipeline, "ProcessPoolExecutor", "ProcessPoolExecutor")  # counts the pools a run makes
    return timeline


def build_corpus(folder: Path, papers: int) -> list[Path]:
    """Write N copies of the raw/ PDFs (cycled), each with a distinct docinfo /Title."""
    import pikepdf

    sources = sorted(RAW.glob("*.pdf"))
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(papers):
        source = sources[number % len(sources)]
        target = folder / f"{number:03d}-{source.name}"
        with pikepdf.open(source) as pdf:
            pdf.docinfo["/Title"] = f"paperflow throughput copy {number:03d}"
            pdf.save(target)
        files.append(target)
    return files


def page_count(files: list[Path]) -> int:
    """The total number of pages in the files."""
    import pikepdf

    total = 0
    for path in files:
        with pikepdf.open(path) as pdf:
            total += len(pdf.pages)
    return total


def plain_extract(files: list[Path]) -> int:
    """Run pdfplumber's plain extract_text over every page of every file; return the characters."""
    characters = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                characters += len(page.extract_text() or "")
                page.close()
    return characters


def extract_all(files: list[Path], hashes: list[str], workers: int, cache_dir: Path) -> int:
    """Extract every file into a fresh cache with a forkserver pool; return how many were extracted."""
    version = extractor_version(SEEDS)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["flows.extract"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [
            pool.submit(
                extract_file, path, sha, result_dir(cache_dir, version, sha), Limits(), load_knowledge(SEEDS)
            )
            for path, sha in zip(files, hashes, strict=True)
        ]
        outcomes = [future.result() for future in futures]
    return sum(outcome.status == "extracted" for outcome in outcomes)


def settings_for(work: Path, name: str, raw: Path) -> Settings:
    """Pipeline settings whose warehouse, reports and cache lie under work/name."""
    return Settings(
        raw_dir=raw,
        warehouse=work / name / "warehouse" / "paperflow.duckdb",
        reports_dir=work / name / "reports",
        cache_dir=work / name / "cache",
        workers=WORKERS,
    )


@contextmanager
def measured(pid: int | None = None) -> Iterator[Usage]:
    """Measure the block: wall time, peak RSS and CPU of the tree rooted at pid (default: this process)."""
    monitor = TreeMonitor(pid or os.getpid())
    with monitor:
        yield monitor.usage


def run_cli(work: Path, raw: Path) -> tuple[Usage, int]:
    """Time a whole `paperflow run` subprocess on fresh paths, with its own temporary Prefect server."""
    settings = settings_for(work, "cli", raw)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    command = [
        str(PAPERFLOW),
        "run",
        "--raw",
        str(raw),
        "--warehouse",
        str(settings.warehouse),
        "--reports",
        str(settings.reports_dir),
        "--cache",
        str(settings.cache_dir),
        "--workers",
        str(WORKERS),
    ]
    log = work / "cli.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(log, "w") as out:
        start_busy, start_steal = _busy_cpu_seconds()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=work)
        monitor = TreeMonitor(process.pid)
        with monitor:
            code = process.wait()
    busy, steal = _busy_cpu_seconds()
    monitor.usage.machine_cpu_s, monitor.usage.steal_s = busy - start_busy, steal - start_steal
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    monitor.usage.own_cpu_s = max(monitor.usage.own_cpu_s, reaped)
    if code != 0:
        print(f"  paperflow run exited {code}; last lines of {log}:")
        print("    " + "\n    ".join(log.read_text().splitlines()[-15:]))
    return monitor.usage, code


def report(label: str, usage: Usage, note: str) -> None:
    """Print one measurement: wall time, a note, and the CPU used by it and by the rest of the machine."""
    print(f"{label:<30} {usage.seconds:7.1f} s  {note:<26} {usage.describe()}", flush=True)


def peaks(usage: Usage) -> str:
    """Each role's own peak RSS and process count (they need not peak at the same moment)."""
    return "peaks by role: " + ", ".join(
        f"{role} {usage.peak_rss_by_role_mib.get(role, 0.0):.0f} MiB"
        f" ({usage.peak_processes_by_role.get(role, 0)} processes)"
        for role in ROLES
    )


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


def print_timeline(timeline: Timeline, usage: Usage, papers: int) -> None:
    """Print the cold run's stages from the wrapped helper calls, with the CPU each role used in each."""
    run_seconds = usage.seconds
    fingerprint = timeline.stage("last_fingerprint")
    create = timeline.stage("wh.create_build")
    suites = timeline.stage("load_suites")
    dbt = timeline.stage("dbt_build")
    publish = timeline.stage("_publish_run_record")
    checks = timeline.stage("validate")
    summary = timeline.stage("_write_summary")
    if not (fingerprint and create and suites and checks and dbt and publish and summary):
        print("  (stage timeline incomplete: the run took an unexpected path)")
        return
    first = timeline.calls[0][1] if timeline.calls else 0.0
    rows = [
        ("flow start (create flow run, enter flow, lock)", 0.0, first),
        ("discover + hash + fingerprint", first, fingerprint[1]),
        (f"extract ({papers} Prefect tasks → {WORKERS}-process pool)", fingerprint[1], create[0]),
        ("load: wh.create_build (Parquet → DuckDB)", create[0], create[1]),
        ("load task end → validate start", create[1], suites[0]),
        ("validate: GX suites + Data Docs", suites[0], checks[1]),
        ("ops rows + transform task start", checks[1], dbt[0]),
        ("transform: dbt build", dbt[0], dbt[1]),
        ("dbt ops rows", dbt[1], publish[0]),
        ("publish run record (ops + atomic rename)", publish[0], publish[1]),
        ("table counts, pools, lock, summary JSON", publish[1], summary[1]),
        ("flow end → run_pipeline returns", summary[1], run_seconds),
    ]
    columns = " ".join(f"{role:>6}" for role in (*ROLES, "others"))
    title = "stage (then CPU seconds of each role)"
    print(f"  {title:<50} {'from → to':>17}  {'wall':>9}  {'share':>7} {columns}")
    for label, start, end in rows:
        share = (end - start) / run_seconds * 100 if run_seconds else 0.0
        cpu = usage.cpu_between(timeline.origin + start, timeline.origin + end)
        roles = " ".join(f"{cpu[role]:6.1f}" for role in (*ROLES, "others"))
        print(f"  {label:<50} {start:7.1f} → {end:7.1f}  {end - start:7.1f} s  {share:5.1f} % {roles}")
    for label in ("table_frames", "validate", "wh.append_ops", "wh.table_counts"):
        print(f"    {label:<48} total {timeline.total(label):7.2f} s")
    pools = sum(1 for name, _, _ in timeline.calls if name == "ProcessPoolExecutor")
    print(
        f"    process pools created by the run: {pools} (expected 1), up to "
        f"{usage.peak_processes_by_role.get('pool', 0)} pool processes alive at once "
        f"(expected {WORKERS + 1}: forkserver + {WORKERS} workers; + multiprocessing's resource tracker)"
    )


def main() -> int:
    """Build the corpus, take every measurement in one run, and print the figures against the goals."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=40, help="papers in the synthetic corpus (default: 40)")
    parser.add_argument("--workdir", type=Path, help="where to build everything (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="take the best of N runs of plain and of the 1/2-process extraction (default: 1)",
    )
    args = parser.parse_args()

    work = (args.workdir or Path(tempfile.mkdtemp(prefix="paperflow-throughput-"))).resolve()
    if work.exists() and any(work.iterdir()):
        work = Path(tempfile.mkdtemp(prefix="throughput-", dir=work))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run_benchmark(work, args.papers, max(1, args.repeat))
    except Exception:  # a benchmark reports and exits 0, even when the checkout is mid-edit
        traceback.print_exc()
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def run_benchmark(work: Path, papers: int, repeat: int) -> None:
    """Every measurement, in an order that keeps each one's start-up costs inside it."""
    from flows import pipeline

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; work folder {work}")
    raw = work / "raw"
    files = build_corpus(raw, papers)
    hashes = [pipeline.sha256_of(path) for path in files]
    pages = page_count(files)
    distinct = len(set(hashes))
    print(f"corpus: {papers} papers ({distinct} distinct SHA-256), {pages} pages, from {RAW}")

    plains = []
    for _ in range(repeat):
        with measured() as plain:
            characters = plain_extract(files)
        report("plain pdfplumber extract_text", plain, f"{characters} characters")
        plains.append(plain)
    plain = min(plains, key=lambda usage: usage.seconds)

    from prefect.testing.utilities import prefect_test_harness

    timeline = instrument_pipeline()
    server_start = time.perf_counter()
    with prefect_test_harness(server_startup_timeout=120):
        print(f"Prefect test server started in {time.perf_counter() - server_start:.1f} s (not timed)")
        cold_settings = settings_for(work, "inprocess", raw)
        timeline.origin = time.perf_counter()
        cold, _ = timed_run("cold run_pipeline", lambda: pipeline.run_pipeline(cold_settings))
        if cold is not None:
            print_timeline(timeline, cold, papers)
        self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rerun, rerun_processed = timed_run("no-change rerun", lambda: pipeline.run_pipeline(cold_settings))

    runs: dict[int, list[Usage]] = {1: [], 2: []}
    for attempt in range(repeat):
        for workers in (1, 2):
            cache = work / f"speedup-{workers}-{attempt}" / "cache"
            with measured() as usage:
                extracted = extract_all(files, hashes, workers, cache)
            report(f"extract_file, {workers} process{'es' * (workers > 1)}", usage, f"{extracted} extracted")
            runs[workers].append(usage)
            shutil.rmtree(cache.parent, ignore_errors=True)
    one, two = (min(runs[workers], key=lambda usage: usage.seconds) for workers in (1, 2))

    cli, code = run_cli(work, raw)
    report("paperflow run (subprocess)", cli, f"exit {code}")

    print_results(plain, cold, cli if code == 0 else None, rerun, rerun_processed, one, two)
    if cold is not None:
        print(
            f"\npeak RSS, cold run_pipeline tree: {cold.peak_rss_mib:.0f} MiB with the Prefect test server, "
            f"{cold.peak_rss_no_server_mib:.0f} MiB without it; {peaks(cold)}"
        )
    print(
        f"peak RSS, paperflow run subprocess tree: {cli.peak_rss_mib:.0f} MiB with its temporary server, "
        f"{cli.peak_rss_no_server_mib:.0f} MiB without it; {peaks(cli)}"
    )
    print(
        f"getrusage ru_maxrss after the cold run: self {self_peak:.0f} MiB (flow, GX, dbt in-process), "
        f"children {children_peak:.0f} MiB (only reaped children count: pool workers are grandchildren "
        "under the still-running forkserver)"
    )
    final_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"getrusage ru_maxrss children at the end (largest reaped process): {final_children:.0f} MiB")


def timed_run(label: str, run: Callable[[], Any]) -> tuple[Usage | None, int]:
    """Measure one pipeline run and report it; (None, -1) when it raised (the checkout may be mid-edit)."""
    try:
        with measured() as usage:
            summary = run()
    except Exception as exc:
        print(f"{label:<30} FAILED: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        return None, -1
    report(label, usage, f"{summary.status}, {summary.documents_processed} processed")
    if summary.status not in ("success", "warning") or label == "no-change rerun":
        print(f"  message: {summary.message}")
    return usage, summary.documents_processed


def ratio_row(label: str, top: Usage | None, bottom: Usage | None, goal: float) -> tuple[str, str, str, str]:
    """A result row for top/bottom <= goal, or n/a when either measurement failed."""
    if top is None or bottom is None:
        return label, "n/a (a run failed)", f"<= {goal:.2f}x", "FAIL"
    ratio = top.seconds / bottom.seconds
    figure = f"{top.seconds:.1f} / {bottom.seconds:.1f} s = {ratio:.2f}x"
    return label, figure, f"<= {goal:.2f}x", verdict(ratio <= goal)


def rss_row(label: str, usage: Usage | None) -> tuple[str, str, str, str]:
    """A result row for a peak RSS against the 1.5 GiB goal, or n/a when the run failed."""
    goal = f"<= {RSS_LIMIT_MIB:.0f} MiB"
    if usage is None:
        return label, "n/a (the run failed)", goal, "FAIL"
    return label, f"{usage.peak_rss_mib:.0f} MiB", goal, verdict(usage.peak_rss_mib <= RSS_LIMIT_MIB)


def print_results(
    plain: Usage,
    cold: Usage | None,
    cli: Usage | None,
    rerun: Usage | None,
    rerun_processed: int,
    one: Usage,
    two: Usage,
) -> None:
    """Print the figures beside the issue-7 goals with PASS/FAIL per line."""
    rerun_row = ratio_row("no-change rerun / cold", rerun, cold, 0.25)
    rerun_row = (
        rerun_row[0],
        f"{rerun_row[1]}, processed {rerun_processed}",
        f"{rerun_row[2]}, 0",
        verdict(rerun_row[3] == "PASS" and rerun_processed == 0),
    )
    speedup = one.seconds / two.seconds
    rows = [
        ratio_row("cold run_pipeline / plain", cold, plain, 1.0),
        ratio_row("cold paperflow run / plain", cli, plain, 1.0),
        rerun_row,
        (
            "extraction speed-up 1→2",
            f"{one.seconds:.1f} / {two.seconds:.1f} s = {speedup:.2f}x",
            ">= 1.70x",
            verdict(speedup >= 1.7),
        ),
        rss_row("peak RSS (cold run tree)", cold),
        rss_row("peak RSS (paperflow run tree)", cli),
    ]
    print(f"\n{'measure':<30} {'figure':<46} {'goal':<13} result")
    for label, figure, goal, result in rows:
        print(f"{label:<30} {figure:<46} {goal:<13} {result}")


if __name__ == "__main__":
    raise SystemExit(main())
