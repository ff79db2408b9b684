"""The contract between extractors and the project: each raw table has a GX suite, a staging model, a mart.

``problems`` lists what is missing for the registered extractors (tests/test_contract.py asserts there is
nothing); ``scaffold`` writes the default pieces for a new extractor's tables, which its author then refines:
a suite checking the key and the columns, a staging view selecting the columns, a mart keeping the rows of
current documents. Run ``python -m flows.plumbing.contract scaffold <extractor name>`` after registering it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from flows.core.extractors import EXTRACTORS, raw_tables
from flows.core.extractors.base import Columns, Extractor
from flows.plumbing.settings import PROJECT_ROOT

FIXED_TABLES = ("files",)  # raw tables the pipeline itself writes, not an extractor


def _paths(root: Path) -> dict[str, Path]:
    """Where the contract's pieces live under a project root."""
    models = root / "dbt_project" / "models"
    return {
        "expectations": root / "expectations",
        "staging": models / "staging",
        "sources": models / "staging" / "_extract__sources.yml",
        "marts": models / "marts",
        "marts_yml": models / "marts" / "_marts.yml",
    }


def problems(root: Path = PROJECT_ROOT, tables: Mapping[str, Columns] | None = None) -> list[str]:
    """What the project lacks for the registered extractors' raw tables (empty when the contract holds)."""
    tables = raw_tables() if tables is None else tables
    paths = _paths(root)
    suites = {p.stem: json.loads(p.read_text()) for p in sorted(paths["expectations"].glob("*.json"))}
    sources = yaml.safe_load(paths["sources"].read_text())["sources"][0]["tables"]
    source_names = {t["name"] for t in sources}
    marts = {p.stem: p.read_text() for p in sorted(paths["marts"].glob("*.sql"))}
    found: list[str] = []
    for table in tables:
        suite = suites.get(table)
        if suite is None:
            found.append(f"raw.{table}: no GX suite expectations/{table}.json")
        elif suite.get("meta", {}).get("table") != f"raw.{table}":
            found.append(f"raw.{table}: the suite's meta.table is not raw.{table}")
        elif table != "documents" and suite["meta"].get("row_key") not in {c for c, _ in tables[table]}:
            # a failing row is held back by (document_id, row_key): without one it could only block
            found.append(f"raw.{table}: the suite's meta.row_key is not a column of raw.{table}")
        if table not in source_names:
            found.append(f"raw.{table}: not a table of the dbt source 'extract'")
        staging = f"stg_extract__{table}"
        if not (paths["staging"] / f"{staging}.sql").exists():
            found.append(f"raw.{table}: no staging model {staging}.sql")
        if not any(f"ref('{staging}')" in sql for sql in marts.values()):
            found.append(f"raw.{table}: no mart selects from {staging}")
    for name in sorted(set(suites) - set(tables) - set(FIXED_TABLES)):
        found.append(f"expectations/{name}.json checks a table no extractor emits")
    return found


def scaffold(extractor: Extractor, root: Path = PROJECT_ROOT) -> list[Path]:
    """Write the default suite, staging model, source entry and mart of each of an extractor's tables."""
    paths = _paths(root)
    written: list[Path] = []
    for table, columns in extractor.tables.items():
        for path, text in _pieces(paths, table, columns, extractor.name):
            if not path.exists():
                path.write_text(text, encoding="utf-8")
                written.append(path)
        written += _append_entry(paths["sources"], table, _source_entry(table, extractor.name))
        written += _append_entry(paths["marts_yml"], table, _mart_entry(table, extractor.name))
    return written


def _pieces(paths: dict[str, Path], table: str, columns: Columns, name: str) -> Iterable[tuple[Path, str]]:
    """The files a table needs: its GX suite, staging view and mart, with default content."""
    suite = {
        "name": table,
        "expectations": [
            {
                "type": "expect_table_columns_to_match_set",
                "kwargs": {"column_set": [c for c, _ in columns], "exact_match": True},
                "severity": "critical",
            },
            {
                "type": "expect_column_values_to_not_be_null",
                "kwargs": {"column": "document_id"},
                "severity": "critical",
            },
        ],
        "meta": {
            "table": f"raw.{table}",
            "row_key": next((c for c, _ in columns if c != "document_id"), "document_id"),
            "scaffolded_for": name,
        },
    }
    listed = ",\n    ".join(f'"{c}"' for c, _ in columns)
    staging = f"select\n    {listed}\nfrom {{{{ source('extract', '{table}') }}}}\n"
    mart = (
        f"select t.*\nfrom {{{{ ref('stg_extract__{table}') }}}} as t\n"
        "where t.document_id in (select document_id from {{ ref('documents') }})\n"
    )
    yield paths["expectations"] / f"{table}.json", json.dumps(suite, indent=2) + "\n"
    yield paths["staging"] / f"stg_extract__{table}.sql", staging
    yield paths["marts"] / f"{table}.sql", mart


def _source_entry(table: str, name: str) -> str:
    """A table entry of the 'extract' source (appended to the sources yml)."""
    return f'      - name: {table}\n        description: "Rows of the {name} extractor."\n'


def _mart_entry(table: str, name: str) -> str:
    """A model entry of _marts.yml: the mart's rows belong to a current document."""
    return (
        f"  - name: {table}\n"
        f'    description: "Rows of the {name} extractor for the documents currently in raw/."\n'
        "    columns:\n"
        "      - name: document_id\n"
        "        data_tests:\n"
        "          - not_null\n"
        "          - relationships:\n"
        "              arguments:\n"
        "                to: ref('documents')\n"
        "                field: document_id\n"
    )


def _append_entry(path: Path, table: str, entry: str) -> list[Path]:
    """Append a yml list entry for a table unless one is there (text append keeps the file's layout)."""
    text = path.read_text(encoding="utf-8")
    if f"- name: {table}\n" in text:
        return []
    path.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
    return [path]


def main(argv: list[str]) -> int:
    """`check`: print the contract's problems; `scaffold NAME`: write the pieces for an extractor."""
    if argv[:1] == ["scaffold"] and len(argv) == 2:
        extractor = next((e for e in EXTRACTORS if e.name == argv[1]), None)
        if extractor is None:
            print(f"no registered extractor named {argv[1]!r}", file=sys.stderr)
            return 2
        for path in scaffold(extractor):
            print(f"wrote {path.relative_to(PROJECT_ROOT)}")
        return 0
    if argv[:1] == ["check"]:
        found = problems()
        print("\n".join(found) or "the contract holds")
        return 1 if found else 0
    print("usage: python -m flows.plumbing.contract check | scaffold <extractor name>", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
