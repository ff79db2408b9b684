"""The vocabularies the extractors emit, the GX suites and the dbt tests must agree."""

from __future__ import annotations

import csv
import json

import yaml

from flows.core.extractors.statistics.numbers import UNITS
from flows.core.model import BLOCK_KINDS, DOCUMENT_KINDS, STATISTIC_SOURCES, TABLE_KINDS, TABLE_RULINGS
from flows.plumbing.settings import PROJECT_ROOT
from flows.validate import load_suites

SUITES = load_suites(PROJECT_ROOT / "expectations")
MARTS_YML = yaml.safe_load((PROJECT_ROOT / "dbt_project" / "models" / "marts" / "_marts.yml").read_text())


def gx_value_set(suite: str, column: str) -> list:
    """The value set a suite's expect_column_values_to_be_in_set uses for a column (critical one)."""
    return next(
        e["kwargs"]["value_set"]
        for e in SUITES[suite]["expectations"]
        if e["type"] == "expect_column_values_to_be_in_set" and e["kwargs"].get("column") == column
    )


def dbt_accepted_values(model: str, column: str) -> list:
    """The accepted_values a marts model's column is tested against."""
    node = next(m for m in MARTS_YML["models"] if m["name"] == model)
    col = next(c for c in node["columns"] if c["name"] == column)
    return next(
        t["accepted_values"]["arguments"]["values"] for t in col["data_tests"] if "accepted_values" in t
    )


def test_units_agree() -> None:
    assert gx_value_set("statistics", "unit") == list(UNITS)
    assert dbt_accepted_values("statistics", "unit") == list(UNITS)


def test_block_kinds_agree() -> None:
    assert gx_value_set("paragraphs", "kind") == list(BLOCK_KINDS)
    assert dbt_accepted_values("paragraphs", "kind") == list(BLOCK_KINDS)


def test_document_kinds_agree() -> None:
    assert gx_value_set("documents", "document_kind") == list(DOCUMENT_KINDS)
    assert dbt_accepted_values("documents", "document_kind") == list(DOCUMENT_KINDS)


def test_table_vocabularies_agree() -> None:
    assert gx_value_set("tables", "kind") == dbt_accepted_values("tables", "kind") == list(TABLE_KINDS)
    assert gx_value_set("tables", "ruling") == dbt_accepted_values("tables", "ruling") == list(TABLE_RULINGS)
    assert (
        gx_value_set("statistics", "source")
        == dbt_accepted_values("statistics", "source")
        == list(STATISTIC_SOURCES)
    )


def test_themes_agree() -> None:
    with open(PROJECT_ROOT / "dbt_project" / "seeds" / "themes.csv", encoding="utf-8") as handle:
        themes = [row["theme"] for row in csv.DictReader(handle)]
    assert gx_value_set("recommendations", "theme") == themes


def test_every_raw_table_has_a_suite_a_staging_model_and_a_mart() -> None:
    from flows.core.schema import raw_columns
    from flows.plumbing.contract import problems

    assert problems() == []
    assert set(SUITES) == {*raw_columns(), "files"}
    for suite in SUITES.values():
        severities = {e.get("severity", "critical") for e in suite["expectations"]}
        assert severities <= {"critical", "warning"}
        json.dumps(suite)
