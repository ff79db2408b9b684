"""Tables downstream of the extractor: the GX suites, the dbt marts and their tests, the report's grids.

One paper with one data table (tests/tablebuild.py) goes through extraction, the build, GX, dbt and the
report, so the rows in the marts and the grid drawn by Chromium can be checked cell by cell.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from flows.plumbing.settings import PROJECT_ROOT
from flows.validate import load_suites, table_frames, validate
from tests.devtools import PageLoad, open_page
from tests.tablebuild import CAPTION, NOTES, TableBuild
from tests.test_report import CHROMIUM_FLAGS, chromium  # noqa: F401  (the session's browser fixture)

FLAGS = tuple(f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time-budget"))


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
        "select table_id, caption, notes, page, page_end, n_rows, n_cols, header_rows, kind, ruling "
        "from marts.tables",
    ) == [(table_build.table_id, CAPTION, NOTES, 1, 1, 3, 3, 1, "data", "lines")]
    cells = query(
        table_build.build,
        'select "row", col, text, row_header, col_header, is_header, number from marts.table_cells '
        'order by "row", col',
    )
    assert len(cells) == 9
    assert cells[0][:3] == (0, 0, "Region")
    assert (2, 2, "9.4", "Western", "2021", False, 9.4) in cells


def test_the_tables_statistics_name_their_cells(table_build: TableBuild) -> None:
    stats = query(
        table_build.build,
        "select s.source, s.raw_text, c.text, s.year, c.col_header, s.page "
        "from marts.statistics s join marts.table_cells c "
        'on c.table_id = s.table_id and c."row" = s.cell_row and c.col = s.cell_col '
        "order by s.cell_row, s.cell_col",
    )
    assert stats == [
        ("table", "12.5", "12.5", 2020, "2020", 1),
        ("table", "13.1", "13.1", 2021, "2021", 1),
        ("table", "8.0", "8.0", 2020, "2020", 1),
        ("table", "9.4", "9.4", 2021, "2021", 1),
    ]
    groups = query(
        table_build.build,
        "select sources, table_statistic_count, table_ids from marts.statistics_by_measure "
        "where table_statistic_count > 0",
    )
    assert groups and all(g == (["table"], g[1], [table_build.table_id]) for g in groups)
    assert sum(g[1] for g in groups) == 4


def test_a_broken_grid_is_held_back_with_what_was_read_from_it(
    table_build: TableBuild, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(table_build.build, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute('delete from raw.table_cells where "row" = 1 and col = 1')
        con.execute("update raw.table_cells set cell_id = cell_id || 'x' where \"row\" = 2 and col = 2")
        (lost,) = con.execute(
            "select statistic_id from raw.statistics where cell_row = 1 and cell_col = 1"
        ).fetchone()
    wanted = ("tables", "table_cells", "statistics")
    suites = {t: s for t, s in load_suites(PROJECT_ROOT / "expectations").items() if t in wanted}
    report = validate(table_frames(broken, list(suites), []), suites, tmp_path / "gx")
    held = sorted((r.suite_name, r.column, doc, key) for r in report.holding_back for doc, key, _ in r.rows)
    assert held == [
        ("statistics", "is_raw_text_in_cell", table_build.document_id, lost),
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


def test_report_lists_the_documents_tables(report_page: PageLoad, table_build: TableBuild) -> None:
    listed, _ = report_page.values
    # the unit is the extractor's reading of the caption: the report shows what the mart holds
    ((unit,),) = query(table_build.build, "select coalesce(unit, '') from marts.tables")
    assert listed == [[CAPTION, "p. 1", "3 × 3", "data", unit]]
    assert report_page.errors == []


def test_report_opens_a_table_as_its_grid(report_page: PageLoad) -> None:
    _, grid = report_page.values
    assert grid["closed"] == [False, False]  # listed closed: the grid shows once the analyst opens it
    assert grid["open"] == [True, True]
    assert grid["caption"] == CAPTION
    assert grid["header"] == ["Region", "2020", "2021"]
    assert grid["rows"] == ["Eastern", "Western"]
    assert grid["cell"] == "9.4"  # Western, 2021


def test_report_links_table_statistics_to_their_grid(table_build: TableBuild) -> None:
    html = table_build.report.read_text(encoding="utf-8")
    stats = html[html.index('<table class="statistics">') :]
    stats = stats[: stats.index("</table>")]
    assert stats.count(f'<a href="#grid-{table_build.table_id}"') == 4
    assert f'id="grid-{table_build.table_id}"' in html
    # the mark is on the cell, after the caption and headers, never on digits of the caption
    assert f"{CAPTION} | Western | 2021 | <mark>9.4</mark>" in stats
