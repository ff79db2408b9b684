"""Run `paperflow` with the times of its phases, for the throughput benchmark (a script, not a test).

Usage: python tests/benchmarks/timed_cli.py TIMES.json run --raw DIR --warehouse FILE ...

Runs the CLI in this process exactly as `paperflow` does, with the pipeline's helpers wrapped (in
this process only, no pipeline code changes), and writes to TIMES.json the seconds since start at
which the run decided whether anything changed and started and ended the load, validate and dbt
tasks; the last mark is taken at exit, after Prefect and its server have stopped.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import atexit  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

MARKS: dict[str, float] = {}
TASKS = {"load": "load", "validate_build": "validate", "transform": "dbt"}


def mark(name: str) -> None:
    """Record the seconds since this process started (the first time only)."""
    MARKS.setdefault(name, round(time.perf_counter() - T0, 3))


def timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
    """The function, recording when its first call starts and ends."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        mark(f"{label}_start")
        try:
            return function(*args, **kwargs)
        finally:
            mark(f"{label}_end")

    return wrapper


def instrument() -> None:
    """Wrap the fast path's decision and, once the pipeline is imported, its load/validate/dbt tasks."""
    from flows.plumbing import fastpath, headstart

    fastpath.record_if_unchanged = timed(fastpath.record_if_unchanged, "decide")
    start_extractions = headstart._start_extractions

    def wrap_tasks_then_start(*args: Any) -> int:
        from flows import pipeline  # already imported by the head start at this point

        for name, label in TASKS.items():
            task = getattr(pipeline, name)
            task.fn = timed(task.fn, label)
        return start_extractions(*args)

    headstart._start_extractions = wrap_tasks_then_start


def main() -> int:
    """Run the CLI with the given arguments and write the phase marks at exit."""
    out = Path(sys.argv[1])
    atexit.register(lambda: (mark("exit"), out.write_text(json.dumps(MARKS))))  # runs last
    instrument()
    from flows.surface.cli import main as cli_main

    sys.argv = ["paperflow", *sys.argv[2:]]
    return cli_main()  # as the program runs it (without argv): it may end the process itself


if __name__ == "__main__":
    sys.exit(main())
