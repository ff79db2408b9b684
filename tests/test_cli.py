"""The command line: help with examples, one-line errors, and read-only SQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.surface.cli import build_parser, main


def test_top_level_help_lists_commands() -> None:
    help_text = build_parser().format_help()
    for command in ("run", "sql", "serve", "status", "report", "docs"):
        assert command in help_text


def test_missing_raw_dir_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["run", "--raw", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")])
    err = capsys.readouterr().err
    assert status == 2
    assert err == f"paperflow run: error: raw folder not found: {tmp_path / 'nope'}\n"


def test_sql_without_warehouse_says_to_run_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["sql", "select 1", "--warehouse", str(tmp_path / "none.duckdb")])
    assert status == 2
    assert "run `paperflow run` first" in capsys.readouterr().err


def test_sql_lists_the_corpus_titles(corpus_warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "select title, language from marts.documents order by title"
    assert main(["sql", query, "--warehouse", str(corpus_warehouse), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["language"] for r in rows].count("zh") == 1
    assert len(rows) == 4


def test_sql_is_read_only(corpus_warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["sql", "drop table marts.documents", "--warehouse", str(corpus_warehouse)])
    err = capsys.readouterr().err
    assert status == 2
    assert "read-only" in err
    assert "Traceback" not in err


def test_bad_sql_gives_duckdb_message_and_position(
    corpus_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["sql", "select titel from marts.documents", "--warehouse", str(corpus_warehouse)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("paperflow sql: error: Binder Error")
    assert "titel" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("csv", "n,s\n1,a"),
        ("json", '[\n  {\n    "n": 1,\n    "s": "a"\n  }\n]'),
        ("markdown", "| n | s |\n|---|---|\n| 1 | a |"),
        ("table", "n  s\n-  -\n1  a\n(1 row)"),
    ],
)
def test_sql_formats(
    corpus_warehouse: Path, capsys: pytest.CaptureFixture[str], fmt: str, expected: str
) -> None:
    assert (
        main(["sql", "select 1 as n, 'a' as s", "--warehouse", str(corpus_warehouse), "--format", fmt]) == 0
    )
    assert capsys.readouterr().out == expected + "\n"
