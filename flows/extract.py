"""Stage 2, extract: one task per new document, run in the extraction pool (or in process on Dask).

What a worker process does with a document, and the result folder it writes, is Prefect-free
(flows/plumbing/extraction.py), so the worker processes and the fast path never import Prefect.
"""

from __future__ import annotations

import logging
from concurrent.futures import TimeoutError as FutureTimeout

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.plumbing.extraction import Outcome, cached_outcome, extract_file, result_dir
from flows.plumbing.pool import extract_inputs, submit_extraction, take_ahead
from flows.plumbing.runstate import SourceFile
from flows.plumbing.settings import Settings

# One line per document on the terminal (the CLI attaches a handler); Prefect's own logs stay quiet.
PROGRESS = logging.getLogger("paperflow.progress")


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 5])
def extract(source: SourceFile, version: str, settings: Settings, in_process: bool) -> Outcome:
    """Extract one document into the cache unless a result for this content and version exists."""
    folder = result_dir(settings.cache_dir, version, source.sha256)
    # The CLI may have started this document before the flow run began (flows/plumbing/headstart.py).
    future = take_ahead(folder)
    cached = None if future else cached_outcome(folder, source.sha256, source.path.name)
    if cached is not None:
        return cached
    if in_process and future is None:
        outcome = extract_file(source.path, source.sha256, folder, *extract_inputs(settings))
    else:
        future = future or submit_extraction(source, folder, settings)
        try:
            outcome = future.result(timeout=settings.document_timeout_s)
        except FutureTimeout:
            outcome = Outcome(
                source.sha256,
                source.path.name,
                "failed",
                "timeout",
                f"extraction took over {settings.document_timeout_s:.0f} s (document_timeout_s)",
            )
    line = f"{source.path.name}: {outcome.status}" + (
        f" ({outcome.error_kind}: {outcome.message})" if outcome.error_kind else ""
    )
    get_run_logger().info("%s in %.1f s", line, outcome.seconds)
    PROGRESS.info("  %s in %.1f s", line, outcome.seconds)
    return outcome
