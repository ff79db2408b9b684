"""A warehouse holding one paper with one table, built as a run builds it (without Prefect).

tests/fixtures/broadband-table.pdf is the paper (written by ``make_tables_paper``; committed, so its
document_id, hence the table_id the README's example names, never changes). The build goes through
extraction, the raw load, the committed GX suites, dbt build and the report.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from flows.core.document import Limits
from flows.core.extractors import raw_tables
from flows.core.knowledge import load_knowledge
from flows.plumbing import warehouse as wh
from flows.plumbing.extraction import extract_file, result_dir
from flows.plumbing.settings import PROJECT_ROOT
from flows.surface.report import build_report
from flows.transform import DbtOutcome, dbt_build
from flows.validate import ValidationReport, load_suites, table_frames, validate

TABLES_PAPER = Path(__file__).resolve().parent / "fixtures" / "broadband-table.pdf"
TITLE = "Broadband in the Regions"
CAPTION = "Table 1: Broadband subscribers by region (million)"
GRID = [["Region", "2020", "2021"], ["Eastern", "12.5", "13.1"], ["Western", "8.0", "9.4"]]
NOTES = "Source: national statistics yearbook."
SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"


def make_tables_paper(path: Path) -> Path:
    """Write the paper: a title, a paragraph, the caption, GRID ruled on every side, its source note."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = (
        "Broadband spread fast across the regions in these two years, and the gap between the eastern "
        "and the western provinces narrowed as fibre reached the villages. "
    )
    grid = Table(GRID, colWidths=[120, 70, 70])
    grid.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("ALIGN", (1, 1), (-1, -1), "RIGHT")])
    )
    story = [
        Paragraph(TITLE, styles["Title"]),
        Paragraph(body * 3, styles["BodyText"]),
        Spacer(1, 12),
        Paragraph(CAPTION, styles["BodyText"]),
        grid,
        Paragraph(NOTES, styles["BodyText"]),
        Spacer(1, 12),
        Paragraph(body * 2, styles["BodyText"]),
    ]
    # invariant: no creation date or random file id, so the same story always gives the same bytes
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=TITLE).build(story)
    return path


@dataclass(frozen=True)
class TableBuild:
    """A build warehouse holding one paper with one table, validated, transformed and reported."""

    root: Path
    build: Path
    document_id: str
    validation: ValidationReport
    dbt: DbtOutcome
    report: Path

    @property
    def table_id(self) -> str:
        """The paper's one table."""
        return f"{self.document_id}-t001"


def build_tables_warehouse(root: Path) -> TableBuild:
    """Extract the paper, build, validate with the committed suites, run dbt build, write the report."""
    raw = root / "raw"
    raw.mkdir(parents=True)
    pdf = Path(shutil.copy(TABLES_PAPER, raw / TABLES_PAPER.name))
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    knowledge = load_knowledge(SEEDS)
    folder = result_dir(root / "cache", "v", sha)
    assert extract_file(pdf, sha, folder, Limits(ocr=False), knowledge).status == "extracted"
    build = root / "build.duckdb"
    file = {
        "sha256": sha,
        "document_id": sha[:16],
        "source_file": pdf.name,
        "size_bytes": 1,
        "status": "loaded",
    }
    wh.create_build(build, wh.BuildInput(raw_tables(), [folder], [file], None))
    suites = load_suites(PROJECT_ROOT / "expectations")
    validation = validate(table_frames(build, list(suites), knowledge.policy_ids), suites, root / "gx")
    dbt = dbt_build(PROJECT_ROOT / "dbt_project", build, root / "dbt")
    report = build_report(build, root / "reports", raw)
    return TableBuild(root, build, sha[:16], validation, dbt, report)
