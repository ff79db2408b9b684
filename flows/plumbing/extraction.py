"""Extract one file into the content-addressed cache: what a local process or a Dask worker runs.

A result is a folder `<cache>/extract/<extractor_version>/<sha256>/` holding one Parquet file per
raw table plus `result.json`; a failure is the same folder with `error.json`. Folders appear by
atomic rename, so a killed run never leaves half a result, and workers never touch DuckDB.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from flows.core.document import Knowledge, Limits, extract_pdf
from flows.core.errors import DocumentError
from flows.core.pages import page_errors, text_sha256
from flows.core.schema import Columns, raw_columns

_ARROW = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_()}


@dataclass(frozen=True)
class Outcome:
    """What became of one document: loaded rows, or a recorded error."""

    sha256: str
    source_file: str
    status: str  # "extracted", "cached" or "failed"
    error_kind: str = ""
    message: str = ""
    seconds: float = 0.0


def extractor_version(seeds_dir: Path, ocr: bool = False) -> str:
    """Hash the core's source and model files, the seeds and whether OCR can run (any change re-runs)."""
    digest = hashlib.sha256(b"ocr" if ocr else b"")
    core = Path(__file__).parents[1] / "core"
    # The learned scorers' weights (*.json beside their code) change extraction as much as the code does.
    for path in sorted([*core.rglob("*.py"), *core.rglob("*.json"), *seeds_dir.glob("*.csv")]):
        digest.update(str(path.relative_to(path.parents[1] if path.suffix == ".csv" else core)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def result_dir(cache_dir: Path, version: str, sha256: str) -> Path:
    """The folder holding one document's result for one extractor version."""
    return cache_dir / "extract" / version / sha256


def cached_outcome(folder: Path, sha256: str, source_file: str) -> Outcome | None:
    """Read a finished result folder back as an Outcome, or None when there is none."""
    if (folder / "result.json").exists():
        return Outcome(sha256, source_file, "cached")
    error_file = folder / "error.json"
    if error_file.exists():
        error = json.loads(error_file.read_text())
        return Outcome(sha256, source_file, "failed", error["kind"], error["message"])
    return None


def extract_file(path: Path, sha256: str, folder: Path, limits: Limits, knowledge: Knowledge) -> Outcome:
    """Extract one file into its result folder and report the outcome; never raises for bad input."""
    started = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=_ensure(folder.parent)))
    try:
        try:
            result = extract_pdf(path.read_bytes(), sha256, limits, knowledge)
        except DocumentError as exc:
            (staging / "error.json").write_text(json.dumps({"kind": exc.kind, "message": exc.message}))
            outcome = Outcome(sha256, path.name, "failed", exc.kind, exc.message)
        else:
            columns = raw_columns()
            for table, rows in result.tables.items():
                pq.write_table(_arrow_table(rows, columns[table]), staging / f"{table}.parquet")
            counts = {table: len(rows) for table, rows in result.tables.items()}
            extra = {
                "text_sha256": text_sha256(result.tables),
                "page_errors": page_errors(result.page_faults),
            }
            if result.repaired is not None:  # kept beside the result: what was actually read
                (staging / "repaired.pdf").write_bytes(result.repaired)
            (staging / "result.json").write_text(
                json.dumps({"document_id": result.document_id, **counts, **extra})
            )
            outcome = Outcome(sha256, path.name, "extracted")
        _publish_folder(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return replace(outcome, seconds=time.perf_counter() - started)


def _arrow_table(rows: list[dict], columns: Columns) -> pa.Table:
    """Build an Arrow table with the declared column types, even for zero rows."""
    fields = []
    for name, kind in columns:
        if kind.endswith("[]"):
            fields.append(pa.field(name, pa.list_(_ARROW[kind[:-2]])))
        else:
            fields.append(pa.field(name, _ARROW[kind]))
    schema = pa.schema(fields)
    return pa.Table.from_pylist([{name: row.get(name) for name, _ in columns} for row in rows], schema=schema)


def _publish_folder(staging: Path, folder: Path) -> None:
    """Move a finished staging folder into place; a concurrent identical result wins harmlessly."""
    try:
        os.replace(staging, folder)
    except OSError:
        if not folder.exists():
            raise


def _ensure(folder: Path) -> Path:
    """Create a folder (and parents) if missing and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder
