"""What a table's grid means: numbers in cells, header rows and paths, kinds, and the statistics it states.

Pure functions over hand-made grids (flows/core/extractors/tables); tests/test_tables.py reads real PDFs.
"""

from __future__ import annotations

import pytest

from flows.core.extractors.statistics.places import Places
from flows.core.extractors.tables.cells import header_row_count, parse_cell_number, read_cells, year_of
from flows.core.extractors.tables.facts import table_kind, table_statistics, table_unit
from flows.core.layout.tables import _is_equations, _is_list
from flows.core.model import Table


def table(grid: list[list[str | None]], caption: str = "", notes: str = "", unit_line: str = "") -> Table:
    """A one-page table of this grid."""
    rows = tuple(tuple(r) for r in grid)
    return Table(1, 1, 1, (0, 0, 100, 100), rows, "lines", caption, notes, unit_line)


@pytest.mark.parametrize(
    ("text", "value", "stars", "bracketed"),
    [
        ("1,234", 1234.0, 0, False),
        ("1,5", 1.5, 0, False),
        ("０.４２", 0.42, 0, False),
        ("−0.031***", -0.031, 3, False),
        ("(0.012)", 0.012, 0, True),
        ("〔150〕", 150.0, 0, True),
        ("≥50", 50.0, 0, False),
        ("12.5%", 12.5, 0, False),
    ],
)
def test_cell_numbers(text: str, value: float, stars: int, bracketed: bool) -> None:
    number = parse_cell_number(text)
    assert number is not None
    assert (number.value, number.stars, number.is_bracketed) == (value, stars, bracketed)


@pytest.mark.parametrize("text", ["Text", "2 wt%TiO2", "(1.2", "1.2.3", ""])
def test_not_cell_numbers(text: str) -> None:
    assert parse_cell_number(text) is None


def test_years_in_headers() -> None:
    assert [year_of(t) for t in ("2020", "2025年", "FY2021", "2030E", "1.2", "20250")] == [
        2020,
        2025,
        2021,
        2030,
        None,
        None,
    ]


PLAN = [
    ["指标", "2020年", "2025年", "属性"],
    ["地区生产总值（亿元）", "10286", "14500", "预期性"],
    ["城镇化率（%）", "〔5〕", "70", "预期性"],
]


def test_header_paths_and_numbers() -> None:
    cells = {(c.row, c.col): c for c in read_cells(table(PLAN, caption="主要指标"))}
    assert header_row_count(table(PLAN)) == 1
    c = cells[(1, 2)]
    assert (c.row_header, c.col_header, c.number, c.is_header) == (
        "地区生产总值（亿元）",
        "2025年",
        14500.0,
        False,
    )
    assert (cells[(0, 1)].number, cells[(0, 1)].is_header) == (None, True)  # a year heading a column
    assert cells[(1, 0)].row_header == ""  # a row label's own text is not its header


def test_plan_table_statistics_take_unit_and_year_from_headers() -> None:
    t = table(PLAN, caption="主要指标", notes="注：〔 〕内为五年累计数，单位为百分点。")
    cells = read_cells(t)
    found = [(s.value, s.unit, s.year, s.measure) for s in table_statistics(t, "d-t001", cells, 2021)]
    assert found == [
        (1028600000000.0, "yuan", 2020, "地区生产总值"),
        (1450000000000.0, "yuan", 2025, "地区生产总值"),
        (5.0, "percentage_points", 2020, "城镇化率"),
        (70.0, "percent", 2025, "城镇化率"),
    ]
    assert [s.is_target for s in table_statistics(t, "d-t001", cells, 2021)] == [False, True, False, True]


def test_regression_table_states_no_statistics() -> None:
    grid = [["", "(1)", "(2)"], ["Digital economy", "0.142***", "0.118**"], ["", "(0.031)", "(0.042)"]]
    t = table(grid, caption="Table 5: Baseline regression")
    cells = read_cells(t)
    assert table_kind(t, cells) == "regression"
    assert table_statistics(t, "d-t005", cells, 2022) == []
    # the standard error row belongs to the coefficient above it
    assert {c.row_header for c in cells if c.row == 2 and c.col > 0} == {"Digital economy"}


def test_accounts_print_negatives_in_brackets() -> None:
    grid = [["Item", "2022"], ["Balance", "(1,234)"], ["Revenue", "5,678"]]
    t = table(grid, caption="Table 1: Budget (EUR million)")
    assert table_unit(t) == "eur"
    found = [(s.value, s.unit, s.year) for s in table_statistics(t, "d-t001", read_cells(t), 2023)]
    assert found == [(-1234000000.0, "eur", 2022), (5678000000.0, "eur", 2022)]


def test_a_place_row_is_the_subject() -> None:
    grid = [["Region", "2020"], ["Hainan", "4.65%"]]
    t = table(grid, caption="TABLE 2 | Results of the entropy method.")
    places = Places.from_aliases([("Hainan", ("Hainan", "海南"))])
    (s,) = table_statistics(t, "d-t002", read_cells(t), 2022, places)
    assert (s.subject, s.measure, s.value, s.unit) == ("Hainan", "Hainan", 4.65, "percent")


def test_boxes_that_are_not_tables() -> None:
    assert _is_list([["Key guidance:", None], ["•", "Develop AI systems"], ["•", "Pay attention"]])
    assert not _is_list([["1.", "Beijing", "5.2"], ["2.", "Shanghai", "4.8"]])  # a ranked table
    assert _is_equations([["d = 1 − e", "(6)"], ["w = d / Σd", "(7)"]])
