"""Regression fixtures for tables (issue 22): reportlab PDFs whose expected reading sits beside them.

tests/fixtures/tables/make_tables.py draws each case and writes ``<case>.expected.yaml`` (the grid a reader
of the page sees; conventions at the top of each YAML). These tests run the real extraction on each PDF
and compare raw.tables, raw.table_cells and the table statistics with it; the expectation is never
adjusted to the output. Tests that need the table extractor are skipped while flows.core.model has no
``Table``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import flows.core.model as model
from flows.core.layout.settings import DEFAULT_LAYOUT
from tests.benchmarks.fixture_tables import (
    CASE_NAMES,
    FIXTURES,
    cells_of,
    expected,
    extracted,
    match_tables,
    same_number,
    squash,
    statistic_matches,
    table_statistics,
)
from tests.fixtures.tables import make_tables

needs_tables = pytest.mark.skipif(
    not hasattr(model, "Table"),
    reason="flows.core.model has no Table yet: the table extractor of issue 22 has not landed",
)
TABLE_CASES = [n for n in CASE_NAMES if expected(n)["tables"]]
EMPTY_CASES = [n for n in CASE_NAMES if not expected(n)["tables"]]
SHOWN = 12  # mismatches listed in a failure message


def test_every_case_has_a_fixture() -> None:
    assert sorted(c.name for c in make_tables.CASES) == CASE_NAMES
    assert {"ruled_grid", "booktabs_two_level", "cn_indicators", "page_break", "regression"} <= set(
        TABLE_CASES
    )
    assert EMPTY_CASES == ["two_column_text"]


@pytest.mark.parametrize("case", make_tables.CASES, ids=lambda c: c.name)
def test_fixture_files_are_up_to_date(case: make_tables.Case) -> None:
    """The YAML is what the generator writes now, and the committed PDF prints what the YAML says."""
    assert (FIXTURES / f"{case.name}.expected.yaml").read_text(encoding="utf-8") == make_tables.yaml_text(
        case
    )
    assert make_tables.check(case, (FIXTURES / f"{case.name}.pdf").read_bytes()) == []


@pytest.mark.parametrize("name", CASE_NAMES)
def test_surrounding_paragraphs_are_read(name: str) -> None:
    text = squash("".join(p.get("text") or "" for p in extracted(name)["paragraphs"]))
    missing = [p[:50] for p in expected(name)["paragraphs"] if squash(p) not in text]
    assert missing == []


# --------------------------------------------------------------- the tables themselves


def _found(name: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(expected table, found raw.tables row) pairs; fails when an expected table is not found."""
    want = expected(name)["tables"]
    found = extracted(name).get("tables") or []
    matched = match_tables(want, found)
    lost = [t["caption"] for t, m in zip(want, matched, strict=True) if m is None]
    seen = [(t.get("page"), t.get("caption")) for t in found]
    assert lost == [], f"not found (page, caption): {lost}; found {seen}"
    return list(zip(want, matched, strict=True))  # type: ignore[arg-type]


def _diff(pairs: list[tuple[Any, Any, Any]]) -> str:
    """A readable list of (where, expected, got) mismatches."""
    lines = [f"{where}: expected {want!r}, got {got!r}" for where, want, got in pairs[:SHOWN]]
    more = f"\n... and {len(pairs) - SHOWN} more" if len(pairs) > SHOWN else ""
    return "\n".join(lines) + more


@needs_tables
@pytest.mark.parametrize("name", CASE_NAMES)
def test_the_tables_printed_are_found_and_no_others(name: str) -> None:
    want = expected(name)["tables"]
    found = extracted(name).get("tables") or []
    assert [(t.get("page"), t.get("caption")) for t in found] == [(t["page"], t["caption"]) for t in want]


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_table_shape_caption_and_unit(name: str) -> None:
    keys = ("caption", "page", "page_end", "n_rows", "n_cols", "header_rows", "unit")
    for want, got in _found(name):
        assert {k: got.get(k) for k in keys} == {k: want[k] for k in keys}


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_table_kind_ruling_and_notes(name: str) -> None:
    keys = ("kind", "ruling")
    for want, got in _found(name):
        assert {k: got.get(k) for k in keys} == {k: want[k] for k in keys}
        # A space printed between two CJK glyphs ("〔 〕") is not kept: compare notes without spaces.
        assert "".join((got.get("notes") or "").split()) == "".join(want["notes"].split())


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_every_grid_position_is_a_cell(name: str) -> None:
    rows = extracted(name)
    for want, got in _found(name):
        cells = cells_of(rows, got["table_id"])
        assert sorted(cells) == [(c["row"], c["col"]) for c in want["cells"]]
        ids = {c["cell_id"] for c in cells.values()}
        assert ids == {f"{got['table_id']}-r{r}c{c}" for r, c in cells}


def _compare(name: str, fields: tuple[str, ...], which: str) -> None:
    """Compare some fields of the expected cells (all, data or header) with the found ones."""
    rows = extracted(name)
    bad = []
    for want, got in _found(name):
        cells = cells_of(rows, got["table_id"])
        for cell in want["cells"]:
            if cell["is_header"] != (which == "header") and which != "all":
                continue
            ours = cells.get((cell["row"], cell["col"]))
            for f in fields:
                mine = None if ours is None else ours.get(f)
                ok = same_number(mine, cell[f]) if f == "number" else mine == cell[f]
                if not ok:
                    bad.append((f"r{cell['row']}c{cell['col']} {f} ({cell['text']!r})", cell[f], mine))
    assert not bad, _diff(bad)


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_cell_text_and_page(name: str) -> None:
    _compare(name, ("text", "page"), "all")


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_which_cells_are_headers(name: str) -> None:
    _compare(name, ("is_header",), "all")


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_data_cells_carry_their_row_and_column_headers(name: str) -> None:
    _compare(name, ("row_header", "col_header"), "data")


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_header_cells_carry_the_headers_above_and_left(name: str) -> None:
    _compare(name, ("row_header", "col_header"), "header")


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_data_cell_numbers_stars_and_brackets(name: str) -> None:
    _compare(name, ("number", "stars", "is_bracketed"), "data")


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_header_cells_are_not_numbers(name: str) -> None:
    _compare(name, ("number",), "header")


# --------------------------------------------------------------- text, paragraphs and statistics


def _cell_keys(table: dict[str, Any]) -> set[str]:
    """Cell texts telling enough to look for in paragraphs (3+ characters, 2+ when Chinese)."""
    keys = set()
    for cell in table["cells"]:
        key = squash(cell["text"])
        if len(key) >= 3 or (len(key) >= 2 and re.search(r"[\u4e00-\u9fff]", key)):
            keys.add(key)
    return keys


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_table_text_is_not_in_any_paragraph(name: str) -> None:
    """No paragraph block carries a cell's text (a caption, units line or note block may stay)."""
    leaks = []
    for paragraph in extracted(name)["paragraphs"]:
        text = squash(paragraph.get("text"))
        for table in expected(name)["tables"]:
            for line in (table["caption"], table["units_line"], table["notes"]):
                text = text.replace(squash(line), "") if line else text
            leaks += [
                (paragraph.get("kind"), key, text[:60]) for key in sorted(_cell_keys(table)) if key in text
            ]
    assert leaks == []


@needs_tables
@pytest.mark.parametrize("name", [n for n in TABLE_CASES if expected(n)["tables"][0]["kind"] == "data"])
def test_data_table_cells_are_statistics_with_value_unit_and_year(name: str) -> None:
    stats = table_statistics(extracted(name))
    missing = []
    for want, got in _found(name):
        mine = [s for s in stats if s.get("table_id") == got["table_id"]]
        for item in want["statistics"]:
            at = [s for s in mine if (s.get("cell_row"), s.get("cell_col")) == (item["row"], item["col"])]
            if not any(statistic_matches(s, item) for s in at):
                read = [(s.get("value"), s.get("unit"), s.get("year")) for s in at]
                missing.append(
                    (f"r{item['row']}c{item['col']} {item['text']!r}", item, read or "no statistic")
                )
    assert not missing, _diff(missing)


@needs_tables
@pytest.mark.parametrize("name", TABLE_CASES)
def test_no_table_statistic_from_headers_text_or_regressions(name: str) -> None:
    """Table statistics come only from the expected cells: none from headers, words, or regression tables."""
    stats = table_statistics(extracted(name))
    allowed = set()
    for want, got in _found(name):
        allowed |= {(got["table_id"], s["row"], s["col"]) for s in want["statistics"]}
    extra = [
        (s.get("table_id"), s.get("cell_row"), s.get("cell_col"), s.get("raw_text"))
        for s in stats
        if (s.get("table_id"), s.get("cell_row"), s.get("cell_col")) not in allowed
    ]
    assert extra == []


@needs_tables
def test_the_regression_table_yields_no_statistics_at_all() -> None:
    assert expected("regression")["tables"][0]["kind"] == "regression"
    assert table_statistics(extracted("regression")) == []


@needs_tables
@pytest.mark.parametrize("name", EMPTY_CASES)
def test_running_text_in_two_columns_is_no_table(name: str) -> None:
    rows = extracted(name)
    assert rows.get("tables") == []
    assert rows.get("table_cells") == []
    assert table_statistics(rows) == []


def test_appendix_and_chapter_numbered_captions() -> None:
    from flows.core.layout.tables import _FIGURE, CAPTION

    captions = ["Table C.1", "Table A1 Summary statistics", "Table 2.3: Outcomes", "表 2 实验结果", "Table 3"]
    assert [bool(CAPTION.match(c)) for c in captions] == [True] * 5
    # A sentence citing a table is no caption; a figure's number may carry its appendix too.
    assert (bool(CAPTION.match("Table C.1 shows the results")), bool(_FIGURE.match("Fig. B.2. Access"))) == (
        False,
        True,
    )


def _line(text: str, top: float, size: float, x0: float = 40, x1: float = 540) -> model.Line:
    """A text line at a place on the page (one glyph is enough for the box)."""
    from flows.core.layout.lines import Glyph, Line

    line = Line(1, [Glyph(text, x0, x1, top, top + size, size, False)])
    line.refresh()
    line.text = text
    return line


def test_a_table_over_another_table_and_a_figure_is_no_chart() -> None:
    """Journals stack two small-type tables above a figure: the lower table is not the figure's labels."""
    from flows.core.layout.tables import PageTable, _only_figure_text_between

    upper = PageTable(page=1, bbox=(33, 337, 553, 393), grid=[["Sample", "HV"]], ruling="rules", col_edges=[])
    between = [_line("Table 10", 420, 6.4), _line("Annealed 210 211.5 213 1.42", 445, 6.4)]
    caption = _line("Fig. 16. Results of compression tests.", 740, 6.4)
    body = [_line(f"Running text of the page, line {i}.", 100 + 10 * i, 8.0) for i in range(20)]
    lines = [*body, *between, caption]
    assert _only_figure_text_between(upper, caption, lines, DEFAULT_LAYOUT) is False
    # Without the second table, small text between a grid and the caption under it is a figure's.
    labels = [_line("Strain", 445, 6.4), caption]
    assert _only_figure_text_between(upper, caption, [*body, *labels], DEFAULT_LAYOUT) is True


def test_caption_numbers_must_agree_whole() -> None:
    from flows.core.layout.tables import CAPTION, _same_number

    assert CAPTION.match("Table 2.3 shows the results") is None
    assert _same_number(_line("Table A1 Robustness", 0, 9), _line("Table 1 Results", 10, 9)) is False
    assert _same_number(_line("表 2.1 结果", 0, 9), _line("Table 2.1 Results", 10, 9)) is True
