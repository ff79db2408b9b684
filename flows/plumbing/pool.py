"""The extraction process pool, and the extractions a run starts before its flow run begins.

Worker processes start from a forkserver that has already imported the extractor
(flows/plumbing/extraction.py) and never outlive the run (flows/plumbing/workers.py). The CLI's head
start (flows/plumbing/headstart.py) submits new documents here before Prefect is up; the flow's extract
tasks (flows/extract.py) then take those futures rather than start the extractions again.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path

from flows.core.document import Limits
from flows.core.knowledge import Knowledge, load_knowledge
from flows.plumbing.extraction import Outcome, extract_file, result_dir
from flows.plumbing.logs import active_log
from flows.plumbing.runstate import SourceFile
from flows.plumbing.settings import Settings
from flows.plumbing.workers import init_worker

_POOLS: dict[int, Executor] = {}
_POOLS_LOCK = threading.Lock()


def _pool(workers: int, log: Path | None = None) -> Executor:
    """One process pool per worker count, shared by the extract tasks of this process.

    Its workers log into `log`, else into the log of the run in progress (flows/plumbing/logs.py).
    """
    # Extract tasks run in concurrent threads: without the lock each could build its own pool.
    with _POOLS_LOCK:
        if workers not in _POOLS:
            # forkserver: workers start from a clean process that has already imported the extractor.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["flows.plumbing.extraction", "flows.plumbing.workers"])
            _POOLS[workers] = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=context,
                initializer=init_worker,  # quiet logs, and no orphans if the run is killed
                initargs=(log or active_log(), os.getpid()),
            )
        return _POOLS[workers]


def shutdown_pools() -> None:
    """Stop the extraction processes, killing any stuck on a document past its time limit."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        processes = list(getattr(pool, "_processes", {}).values())  # no public API to kill a stuck worker
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.kill()


def extract_inputs(settings: Settings) -> tuple[Limits, Knowledge]:
    """The limits and the knowledge (seeds) every extraction of a run uses."""
    limits = Limits(
        max_bytes=int(settings.max_file_mb * 2**20), max_pages=settings.max_pages, ocr=settings.ocr
    )
    return limits, load_knowledge(settings.seeds_dir)


def submit_extraction(
    source: SourceFile, folder: Path, settings: Settings, log: Path | None = None
) -> Future[Outcome]:
    """Start extracting one document into its result folder in this process's pool (workers log to log)."""
    return _pool(settings.workers, log).submit(
        extract_file, source.path, source.sha256, folder, *extract_inputs(settings)
    )


# Extractions the CLI started before the flow run (flows/plumbing/headstart.py), by result folder: the
# flow's extract tasks wait on these rather than start them again.
_AHEAD: dict[Path, Future[Outcome]] = {}
_AHEAD_LOCK = threading.Lock()


def submit_ahead(
    source: SourceFile, folder: Path, settings: Settings, log: Path | None = None
) -> Future[Outcome]:
    """Start extracting one document before the flow run; its extract task then takes the future."""
    future = submit_extraction(source, folder, settings, log)
    with _AHEAD_LOCK:
        _AHEAD[folder] = future
    return future


def take_ahead(folder: Path) -> Future[Outcome] | None:
    """The extraction into this result folder started before the flow run, if any (each is taken once)."""
    with _AHEAD_LOCK:
        return _AHEAD.pop(folder, None)


def started_ahead(cache_dir: Path, version: str) -> set[str]:
    """The SHA-256 of the documents whose extraction for this version started before the flow run."""
    with _AHEAD_LOCK:
        return {f.name for f in _AHEAD if f.parent == result_dir(cache_dir, version, "")}


def forget_ahead() -> None:
    """Drop the extractions started before the flow run (the run is over)."""
    with _AHEAD_LOCK:
        _AHEAD.clear()
