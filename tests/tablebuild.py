"""A warehouse holding one paper with one table, built as a run builds it (without Prefect).

tests/fixtures/broadband-table.pdf is the paper (written by ``make_tables_paper``; committed, so its
document_id, hence the table_id the README's example names, never changes). The build goes through
extraction, the raw load, the committed GX suites, dbt build and the report.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flows import warehouse as wh
from flows.core.document import Limits
from flows.core.extractors import raw_tables, registered
from flows.core.extractors.base import Columns, Row
from flows.core.knowledge import Knowledge, load_knowledge
from flows.core.model import Document
from flows.extract import extract_file, result_dir
from flows.report import build_report
from flows.settings import PROJECT_ROOT
from flows.transform import DbtOutcome, dbt_build
from flows.validation import ValidationReport, load_suites, table_frames, validate

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
class StubTables:
    """Stands in for the tables extractor until it is registered: one table, the rows of GRID, on page 1."""

    name: str = "tables"
    geometry: frozenset[str] = frozenset()

    @property
    def tables(self) -> Mapping[str, Columns]:
        """raw.tables and raw.table_cells with the columns of the interface (TABLES_SPEC.md)."""
        return {
            "tables": [
                ("document_id", "VARCHAR"),
                ("table_id", "VARCHAR"),
                ("page", "BIGINT"),
                ("page_end", "BIGINT"),
                ("x0", "DOUBLE"),
                ("top", "DOUBLE"),
                ("x1", "DOUBLE"),
                ("bottom", "DOUBLE"),
                ("caption", "VARCHAR"),
                ("notes", "VARCHAR"),
                ("n_rows", "BIGINT"),
                ("n_cols", "BIGINT"),
                ("header_rows", "BIGINT"),
                ("kind", "VARCHAR"),
                ("unit", "VARCHAR"),
                ("ruling", "VARCHAR"),
            ],
            "table_cells": [
                ("document_id", "VARCHAR"),
                ("table_id", "VARCHAR"),
                ("cell_id", "VARCHAR"),
                ("row", "BIGINT"),
                ("col", "BIGINT"),
                ("text", "VARCHAR"),
                ("row_header", "VARCHAR"),
                ("col_header", "VARCHAR"),
                ("is_header", "BOOLEAN"),
                ("number", "DOUBLE"),
                ("stars", "BIGINT"),
                ("is_bracketed", "BOOLEAN"),
                ("page", "BIGINT"),
            ],
        }

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """The table GRID as the extractor would emit it: header row and row-header column marked."""
        table_id = f"{document.document_id}-t001"
        table = {
            "table_id": table_id,
            "page": 1,
            "page_end": 1,
            "x0": 72.0,
            "top": 200.0,
            "x1": 400.0,
            "bottom": 280.0,
            "caption": CAPTION,
            "notes": NOTES,
            "n_rows": len(GRID),
            "n_cols": len(GRID[0]),
            "header_rows": 1,
            "kind": "data",
            "unit": "",
            "ruling": "lines",
        }
        cells = [
            {
                "table_id": table_id,
                "cell_id": f"{table_id}-r{r}c{c}",
                "row": r,
                "col": c,
                "text": text,
                "row_header": GRID[r][0] if r and c else "",
                "col_header": GRID[0][c] if r and c else "",
                "is_header": r == 0 or c == 0,
                "number": float(text) if r and c else None,
                "stars": 0,
                "is_bracketed": False,
                "page": 1,
            }
            for r, line in enumerate(GRID)
            for c, text in enumerate(line)
        ]
        return {"tables": [table], "table_cells": cells}


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


@contextmanager
def tables_extractor() -> Iterator[None]:
    """The registered tables extractor, or the stub while none is."""
    if "tables" in raw_tables():
        yield
    else:
        with registered(StubTables()):
            yield


def build_tables_warehouse(root: Path) -> TableBuild:
    """Extract the paper, build, validate with the committed suites, run dbt build, write the report."""
    raw = root / "raw"
    raw.mkdir(parents=True)
    pdf = Path(shutil.copy(TABLES_PAPER, raw / TABLES_PAPER.name))
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    knowledge = load_knowledge(SEEDS)
    with tables_extractor():
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
