"""Incremental runs: unchanged documents are not re-extracted; removed ones leave the marts, not raw."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import RunSummary, run_pipeline
from flows.plumbing.runstate import discover_files, sha256_of
from flows.plumbing.settings import Settings
from tests.conftest import RAW, make_pdf, run_args

DONG = "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf"
PIAO = "piao-2024-ai-promotion-and-new-quality-productivity.pdf"
WEN = "wen-2024-new-quality-productivity-and-ai-research.pdf"


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


def test_no_change_run_is_recorded_without_importing_prefect(two_papers: Settings) -> None:
    root = two_papers.raw_dir.parent
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "flows.surface.cli", *run_args(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "documents: 2 seen, 0 extracted, 2 unchanged (cached), 0 failed" in run.stdout
    imported = {
        line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time")
    }
    assert not {"prefect", "great_expectations", "dbt"} & {name.split(".")[0] for name in imported}
    runs = query(two_papers, "select documents_processed, message from ops.pipeline_runs order by started_at")
    assert [r[0] for r in runs] == [2, 0]
    assert runs[1][1].endswith("(nothing changed)")


def test_one_new_paper_is_the_only_extraction(two_papers: Settings) -> None:
    from flows.surface.cli import main

    shutil.copy(RAW / WEN, two_papers.raw_dir / WEN)
    assert main(run_args(two_papers.raw_dir.parent)) == 0
    summary = json.loads((two_papers.reports_dir / "last_run.json").read_text())
    assert (summary["documents_processed"], summary["documents_skipped"]) == (1, 2)
    assert len(query(two_papers, "select * from marts.documents")) == 3


def test_stat_index_rehashes_only_changed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flows.plumbing.runstate.RACY_NS", 0)  # trust every stat at once (the test is quick)
    hashed: list[str] = []
    monkeypatch.setattr(
        "flows.plumbing.runstate.sha256_of", lambda path: hashed.append(path.name) or sha256_of(path)
    )
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kept.pdf").write_bytes(b"%PDF-kept")
    paper = raw / "paper.pdf"
    paper.write_bytes(b"%PDF-first")
    old = time.time() - 3600
    os.utime(paper, (old, old))
    discover_files(raw, tmp_path / "cache")
    time.sleep(0.05)
    paper.write_bytes(b"%PDF-other")  # same size, and the modification time is set back...
    os.utime(paper, (old, old))  # ...but the change time still moves
    second = discover_files(raw, tmp_path / "cache")
    assert hashed == ["kept.pdf", "paper.pdf", "paper.pdf"]
    assert [s.sha256 for s in second] == [
        hashlib.sha256(b"%PDF-kept").hexdigest(),
        hashlib.sha256(b"%PDF-other").hexdigest(),
    ]


def test_run_without_a_prefect_server_starts_one_and_leaves_none(tmp_path: Path) -> None:
    import psutil

    (tmp_path / "raw").mkdir()
    make_pdf(tmp_path / "raw" / "note.pdf", [["Labour productivity rose by 3.5% in 2023."]], title="A note")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    run = subprocess.run(
        [sys.executable, "-m", "flows.surface.cli", *run_args(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "documents: 1 seen, 1 extracted, 0 unchanged (cached), 0 failed" in run.stdout
    left = []
    for process in psutil.process_iter(["cwd"]):
        if process.info["cwd"] == str(tmp_path):
            left.append(process.pid)
    assert left == []
