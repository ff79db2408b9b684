"""Documentation that must stay true: every command's help has an example, README SQL runs, dbt docs build."""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

import pytest

from flows.surface.cli import build_parser, main
from flows.surface.query import run_query
from tests.tablebuild import TableBuild

README = Path(__file__).resolve().parents[1] / "README.md"


def _subcommands() -> list[str]:
    """Every subcommand the parser knows, so a new one cannot skip its example."""
    actions = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(name for action in actions for name in action.choices)


def _readme_sql() -> list[str]:
    """The fenced ```sql blocks of the README."""
    return re.findall(r"^```sql\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.S | re.M)


def _readme_commands() -> list[str]:
    """The queries of the README's `paperflow sql "..."` commands, in its ```sh blocks."""
    blocks = re.findall(r"^ *```sh\n(.*?)^ *```", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    return [query for block in blocks for query in re.findall(r'paperflow sql "([^"]+)"', block)]


def test_the_documented_commands_exist() -> None:
    assert {"run", "sql", "serve", "status", "report", "docs"} <= set(_subcommands())


@pytest.mark.parametrize("command", _subcommands())
def test_every_command_help_has_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out
    assert f"paperflow {command}" in out.split("example:", 1)[1]


def test_readme_has_the_analyst_examples() -> None:
    assert "## For analysts: five questions answered in SQL" in README.read_text(encoding="utf-8")
    assert len(_readme_sql()) >= 5


@pytest.mark.parametrize("query", _readme_sql(), ids=lambda q: " ".join(q.split())[:50])
def test_readme_sql_returns_rows(query: str, corpus_warehouse: Path) -> None:
    rows = json.loads(run_query(corpus_warehouse, query, "json"))
    assert len(rows) > 0


@pytest.mark.parametrize("query", _readme_commands(), ids=lambda q: " ".join(q.split())[:50])
def test_readme_sql_commands_run(query: str, corpus_warehouse: Path) -> None:
    json.loads(run_query(corpus_warehouse, query, "json"))  # raises QueryError on a bad query


def test_readme_table_examples_return_the_papers_table(table_build: TableBuild) -> None:
    queries = [q for q in _readme_commands() if "marts.table" in q]
    assert len(queries) >= 2
    for query in queries:
        assert len(json.loads(run_query(table_build.build, query, "json"))) > 0, query
    cells = [q for q in queries if "marts.table_cells" in q and f"'{table_build.table_id}'" in q]
    assert cells, f"no README example names the fixture's table {table_build.table_id}"


def test_docs_command_writes_dbt_docs_without_touching_the_warehouse(
    corpus_warehouse: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PAPERFLOW_CACHE_DIR", str(tmp_path / "cache"))
    before = hashlib.sha256(corpus_warehouse.read_bytes()).hexdigest()
    assert main(["docs", "--warehouse", str(corpus_warehouse), "--reports", str(tmp_path / "reports")]) == 0
    index = tmp_path / "reports" / "dbt_docs" / "index.html"
    assert capsys.readouterr().out.strip() == str(index)
    html = index.read_text(encoding="utf-8")
    assert "model.paperflow.policy_citations" in html  # the manifest and catalog are inlined
    assert hashlib.sha256(corpus_warehouse.read_bytes()).hexdigest() == before
    assert not list(corpus_warehouse.parent.glob("*.wal"))


def test_docs_without_warehouse_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["docs", "--warehouse", str(tmp_path / "none.duckdb"), "--reports", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1
    assert "run `paperflow run` first" in err
