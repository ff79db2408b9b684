"""Shared fixtures: small PDFs made here, and one real pipeline run on the corpus per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tablebuild import TableBuild, build_tables_warehouse

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
SHARED = REPO.parent / "shared"
REALWORLD = SHARED / "realworld"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


def realworld_pdf(name: str) -> Path:
    """A third-party PDF from ../shared/realworld, or skip the test when it is not there."""
    path = REALWORLD / name
    if not path.exists():
        pytest.skip(f"{path} not present (the real-world PDFs live beside the repo, never in it)")
    return path


def make_pdf(path: Path, pages: list[list[str]], title: str | None = None) -> Path:
    """Write a simple one-column PDF with reportlab: one list of paragraphs per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = []
    if title:
        story.append(Paragraph(title, styles["Title"]))
    for number, paragraphs in enumerate(pages):
        if number:
            story.append(PageBreak())
        story.extend(Paragraph(text, styles["BodyText"]) for text in paragraphs)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the whole session (it takes ~13 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    """Run `paperflow run` once on a temp copy of raw/ and return the folder holding everything."""
    from flows.surface.cli import main

    root = tmp_path_factory.mktemp("corpus_run")
    shutil.copytree(RAW, root / "raw")
    status = main(run_args(root))
    assert status == 0
    return root


def run_args(root: Path) -> list[str]:
    """CLI arguments for a run whose every path lies under root."""
    return [
        "run",
        "--raw",
        str(root / "raw"),
        "--warehouse",
        str(root / "warehouse" / "paperflow.duckdb"),
        "--reports",
        str(root / "reports"),
        "--cache",
        str(root / "cache"),
    ]


@pytest.fixture(scope="session")
def corpus_warehouse(corpus_run: Path) -> Path:
    """The published warehouse of the session's corpus run."""
    return corpus_run / "warehouse" / "paperflow.duckdb"


@pytest.fixture(scope="session")
def table_build(tmp_path_factory: pytest.TempPathFactory) -> TableBuild:
    """A build warehouse holding one paper with one table, validated, transformed and reported."""
    return build_tables_warehouse(tmp_path_factory.mktemp("tables"))
