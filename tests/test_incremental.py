"""Incremental runs: unchanged documents are not re-extracted; removed ones leave the marts, not raw."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import RunSummary, run_pipeline
from flows.settings import Settings
from tests.conftest import RAW

DONG = "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf"
PIAO = "piao-2024-ai-promotion-and-new-quality-productivity.pdf"


def settings_for(root: Path) -> Settings:
    """Settings whose every path lies under root."""
    return Settings(
        raw_dir=root / "raw",
        warehouse=root / "warehouse" / "paperflow.duckdb",
        reports_dir=root / "reports",
        cache_dir=root / "cache",
    )


def counts(summary: RunSummary) -> tuple[str, int, int, int, int]:
    """The figures of a run a user reads first."""
    return (
        summary.status,
        summary.documents_seen,
        summary.documents_processed,
        summary.documents_skipped,
        summary.documents_failed,
    )


def query(settings: Settings, sql: str) -> list[tuple]:
    """Rows of a query on the published warehouse."""
    con = duckdb.connect(str(settings.warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def two_papers(tmp_path: Path, prefect_harness: None) -> Settings:
    """A published warehouse built from two papers."""
    (tmp_path / "raw").mkdir()
    for name in (DONG, PIAO):
        shutil.copy(RAW / name, tmp_path / "raw" / name)
    settings = settings_for(tmp_path)
    assert counts(run_pipeline(settings)) == ("success", 2, 2, 0, 0)
    return settings


def test_rerun_with_nothing_new_extracts_nothing(two_papers: Settings) -> None:
    before = query(two_papers, "select * from marts.statistics order by all")
    summary = run_pipeline(two_papers)
    assert counts(summary) == ("success", 2, 0, 2, 0)
    assert query(two_papers, "select * from marts.statistics order by all") == before
    runs = query(
        two_papers, "select documents_processed, documents_skipped from ops.pipeline_runs order by started_at"
    )
    assert runs == [(2, 0), (0, 2)]


def test_renamed_file_is_the_same_document(two_papers: Settings) -> None:
    (two_papers.raw_dir / DONG).rename(two_papers.raw_dir / "renamed.pdf")
    summary = run_pipeline(two_papers)
    assert counts(summary) == ("success", 2, 0, 2, 0)
    names = query(two_papers, "select source_file from marts.documents order by 1")
    assert names == [(PIAO,), ("renamed.pdf",)]


def test_removed_file_leaves_marts_but_keeps_raw_history(two_papers: Settings) -> None:
    (two_papers.raw_dir / DONG).unlink()
    assert counts(run_pipeline(two_papers)) == ("success", 1, 0, 1, 0)
    assert query(two_papers, "select source_file from marts.documents") == [(PIAO,)]
    assert query(two_papers, "select count(*) from raw.documents") == [(2,)]
    assert query(two_papers, "select count(distinct document_id) from marts.statistics") == [(1,)]


def test_new_extractor_version_reprocesses_everything_once(
    two_papers: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("flows.pipeline.extractor_version", lambda seeds_dir, ocr: "next-version")
    assert counts(run_pipeline(two_papers)) == ("success", 2, 2, 0, 0)
    assert counts(run_pipeline(two_papers)) == ("success", 2, 0, 2, 0)
