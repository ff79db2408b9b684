"""Tables downstream of the extractor: the GX suites, the dbt marts and their tests, the report's grids.

One paper with one data table goes through extraction, the build, GX, dbt and the report, without
Prefect (as tests/test_extractor_plugin.py does), so the rows in the marts and the grid drawn by
Chromium can be checked cell by cell.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

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
from tests.conftest import make_pdf
from tests.devtools import PageLoad, open_page
from tests.test_report import CHROMIUM_FLAGS, chromium  # noqa: F401  (the session's browser fixture)

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"
FLAGS = tuple(f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time-budget"))
CAPTION = "Table 1: Broadband subscribers by region (million)"
GRID = [["Region", "2020", "2021"], ["Eastern", "12.5", "13.1"], ["Western", "8.0", "9.4"]]
NOTES = "Source: national statistics yearbook."
PAPER = "tables-paper.pdf"


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


@pytest.fixture(scope="module")
def extractor() -> Iterator[None]:
    """The registered tables extractor, or the stub while none is."""
    if "tables" in raw_tables():
        yield
    else:
        with registered(StubTables()):
            yield


@pytest.fixture(scope="module")
def table_build(tmp_path_factory: pytest.TempPathFactory, extractor: None) -> TableBuild:
    """Extract the paper, build, validate with the committed suites, run dbt build, write the report."""
    root = tmp_path_factory.mktemp("tables")
    raw = root / "raw"
    raw.mkdir()
    pdf = make_pdf(raw / PAPER, [["Broadband spread fast across the regions in these two years."]])
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    knowledge = load_knowledge(SEEDS)
    folder = result_dir(root / "cache", "v", sha)
    assert extract_file(pdf, sha, folder, Limits(ocr=False), knowledge).status == "extracted"
    build = root / "build.duckdb"
    file = {"sha256": sha, "document_id": sha[:16], "source_file": PAPER, "size_bytes": 1, "status": "loaded"}
    files = [file]
    wh.create_build(build, wh.BuildInput(raw_tables(), [folder], files, None))
    suites = load_suites(PROJECT_ROOT / "expectations")
    validation = validate(table_frames(build, list(suites), knowledge.policy_ids), suites, root / "gx")
    dbt = dbt_build(PROJECT_ROOT / "dbt_project", build, root / "dbt")
    report = build_report(build, root / "reports", raw)
    return TableBuild(root, build, sha[:16], validation, dbt, report)


def query(build: Path, sql: str) -> list[tuple]:
    """Rows of a query on a warehouse file."""
    with duckdb.connect(str(build), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_table_suites_pass_on_a_whole_grid(table_build: TableBuild) -> None:
    outcomes = {
        (r.suite_name, r.expectation, r.column): r.success
        for r in table_build.validation.results
        if r.suite_name in ("tables", "table_cells")
    }
    assert len(outcomes) >= 20
    assert [k for k, ok in outcomes.items() if not ok] == []


def test_dbt_builds_the_table_marts_and_their_tests_pass(table_build: TableBuild) -> None:
    assert (table_build.dbt.success, table_build.dbt.error) == (True, ""), table_build.dbt.failed
    ran = {n.unique_id for n in table_build.dbt.nodes}
    assert {"model.paperflow.tables", "model.paperflow.table_cells"} <= ran
    units = [u for u in ran if u.startswith("unit_test.paperflow.table")]
    assert len(units) >= 2
    tests = [u for u in ran if u.startswith("test.paperflow.") and "table_cells_table_id" in u]
    assert any("relationships" in t for t in tests)


def test_the_marts_hold_the_table_and_every_cell(table_build: TableBuild) -> None:
    assert query(
        table_build.build,
        "select table_id, caption, page, page_end, n_rows, n_cols, header_rows, kind from marts.tables",
    ) == [(table_build.table_id, CAPTION, 1, 1, 3, 3, 1, "data")]
    cells = query(
        table_build.build,
        'select "row", col, text, row_header, col_header, is_header, number from marts.table_cells '
        'order by "row", col',
    )
    assert len(cells) == 9
    assert cells[0][:3] == (0, 0, "Region")
    assert (2, 2, "9.4", "Western", "2021", False, 9.4) in cells


def test_a_grid_missing_a_cell_is_held_back_with_its_cells(table_build: TableBuild, tmp_path: Path) -> None:
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(table_build.build, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute('delete from raw.table_cells where "row" = 1 and col = 1')
        con.execute("update raw.table_cells set cell_id = cell_id || 'x' where \"row\" = 2 and col = 2")
    suites = {t: s for t, s in load_suites(PROJECT_ROOT / "expectations").items() if t.startswith("table")}
    report = validate(table_frames(broken, list(suites), []), suites, tmp_path / "gx")
    held = sorted((r.suite_name, r.column, doc, key) for r in report.holding_back for doc, key, _ in r.rows)
    assert held == [
        ("table_cells", "is_cell_id_consistent", table_build.document_id, f"{table_build.table_id}-r2c2x"),
        ("tables", "is_grid_complete", table_build.document_id, table_build.table_id),
    ]
    assert report.blocking == []


@pytest.fixture(scope="module")
def report_page(
    table_build: TableBuild,
    chromium: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> PageLoad:
    """The report in headless Chromium, the table's grid opened by clicking its summary."""
    grid = f"grid-{table_build.table_id}"
    opened = f"""(() => {{
      const details = document.getElementById({json.dumps(grid)});
      const table = details.querySelector('table.grid');
      const closed = [details.open, table.checkVisibility()];
      details.querySelector('summary').click();
      const text = (el) => el ? el.textContent : null;
      return {{
        closed: closed,
        open: [details.open, table.checkVisibility()],
        caption: text(table.querySelector('caption')),
        header: [...table.querySelectorAll('thead th[scope=col]')].map(text),
        rows: [...table.querySelectorAll('tbody th[scope=row]')].map(text),
        cell: text(table.querySelector('tbody tr:nth-child(2) td:nth-of-type(2)')),
      }};
    }})()"""
    listed = """[...document.querySelectorAll('#tables table.tables tbody tr')].map(
      (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))"""
    profile = tmp_path_factory.mktemp("chromium-tables")
    return open_page(chromium, FLAGS, profile, table_build.report, evaluate=[listed, opened])


def test_report_lists_the_documents_tables(report_page: PageLoad) -> None:
    listed, _ = report_page.values
    assert listed == [[CAPTION, "p. 1", "3 × 3", "data", ""]]
    assert report_page.errors == []


def test_report_opens_a_table_as_its_grid(report_page: PageLoad) -> None:
    _, grid = report_page.values
    assert grid["closed"] == [False, False]  # listed closed: the grid shows once the analyst opens it
    assert grid["open"] == [True, True]
    assert grid["caption"] == CAPTION
    assert grid["header"] == ["Region", "2020", "2021"]
    assert grid["rows"] == ["Eastern", "Western"]
    assert grid["cell"] == "9.4"  # Western, 2021
