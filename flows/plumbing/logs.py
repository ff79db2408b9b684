"""A quiet terminal: third-party logging and warnings of a run go to reports/logs/<run_id>.log.

The terminal keeps the progress lines (logger `paperflow.progress`) and the summary; pdfminer's
font warnings, GX, dbt and Prefect chatter land in the run's log file, also from worker processes.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path

PROGRESS_LOGGER = "paperflow.progress"
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

_active: Path | None = None


def run_log_path(reports_dir: Path, run_id: str) -> Path:
    """Where a run's log file goes."""
    return reports_dir / "logs" / f"{run_id}.log"


def active_log() -> Path | None:
    """The log file of the run in progress in this process (for the worker processes it starts)."""
    return _active


def _file_handler(path: Path) -> logging.Handler:
    """A handler appending to the log file (several processes may append to it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, mode="a", encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


def _is_terminal(handler: logging.Handler) -> bool:
    """A console handler of the standard library or Prefect (not a file, not a test's capture)."""
    return (
        isinstance(handler, logging.StreamHandler)
        and not isinstance(handler, logging.FileHandler)
        and type(handler).__module__.split(".")[0] in ("logging", "prefect")
    )


@contextlib.contextmanager
def run_log(path: Path) -> Iterator[Path]:
    """Send every logger's terminal output (except progress) and warnings to `path` while inside."""
    global _active
    handler = _file_handler(path)
    names = list(logging.root.manager.loggerDict)
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in names)]
    swapped: list[tuple[logging.Logger, logging.Handler]] = []
    for logger in loggers:
        if logger.name == PROGRESS_LOGGER:
            continue
        for existing in list(logger.handlers):
            if _is_terminal(existing):
                logger.removeHandler(existing)
                swapped.append((logger, existing))
                if handler not in logger.handlers:
                    logger.addHandler(handler)
    root = logging.getLogger()
    added_to_root = handler not in root.handlers
    if added_to_root:  # without any handler, Python's last resort prints warnings on stderr
        root.addHandler(handler)
    logging.captureWarnings(True)
    _active = path
    try:
        yield path
    finally:
        _active = None
        logging.captureWarnings(False)
        for logger in {id(lg): lg for lg, _ in swapped}.values():
            logger.removeHandler(handler)
        if added_to_root:
            root.removeHandler(handler)
        for logger, existing in swapped:
            logger.addHandler(existing)
        handler.close()


def log_worker_to(path: Path | None) -> None:
    """In a worker process: send all logging and warnings to the run's log file, none to stderr."""
    root = logging.getLogger()
    if path is not None:
        root.addHandler(_file_handler(path))
    else:
        root.addHandler(logging.NullHandler())
    root.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    warnings.simplefilter("default")
