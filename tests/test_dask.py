"""Scale-out: extraction on a Dask cluster produces the same marts as local processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from flows.pipeline import run_pipeline
from flows.plumbing.settings import Settings
from tests.conftest import RAW

MARTS = ["documents", "paragraphs", "statistics", "policy_mentions", "recommendations", "references"]


def snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    """Every row of the entity marts, in a stable order."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select * from marts.{t} order by all").fetchall() for t in MARTS}
    finally:
        con.close()


def test_dask_local_cluster_matches_local_processes(tmp_path: Path, corpus_warehouse: Path) -> None:
    shutil.copytree(RAW, tmp_path / "raw")
    settings = Settings(
        raw_dir=tmp_path / "raw",
        warehouse=tmp_path / "warehouse" / "paperflow.duckdb",
        reports_dir=tmp_path / "reports",
        cache_dir=tmp_path / "cache",
        task_runner="dask",
        workers=2,
    )
    summary = run_pipeline(settings)
    assert (summary.status, summary.documents_processed) == ("success", 4)
    assert snapshot(settings.warehouse) == snapshot(corpus_warehouse)
