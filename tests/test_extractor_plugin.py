"""A new extractor is a class and a registration: its table is created, loaded, validated, contracted."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from flows.core.document import Limits, extract_pdf
from flows.core.extractors import registered
from flows.core.extractors.base import Columns, Row, table_columns
from flows.core.knowledge import Knowledge, load_knowledge
from flows.core.model import Document
from flows.core.schema import raw_columns
from flows.plumbing import warehouse as wh
from flows.plumbing.contract import problems, scaffold
from flows.plumbing.extraction import extract_file, result_dir
from flows.plumbing.settings import PROJECT_ROOT
from flows.transform import dbt_build
from flows.validate import load_suites, table_frames, validate
from tests.conftest import make_pdf

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"


@dataclass(frozen=True)
class PageWords:
    """Words and glyphs per page (a row of the test's own table)."""

    page: int
    words: int
    glyphs: int
    width: float


@dataclass(frozen=True)
class WordCounts:
    """An extractor defined here only: it reads the blocks and the pages' characters."""

    name: str = "word_counts"
    geometry: frozenset[str] = frozenset({"chars"})

    @property
    def tables(self) -> Mapping[str, Columns]:
        """One table, columns from the row dataclass."""
        return {"page_words": table_columns(PageWords)}

    def extract(self, document: Document, knowledge: Knowledge) -> Mapping[str, list[Row]]:
        """Count the words of each page's blocks and the glyphs drawn on it."""
        return {
            "page_words": [
                PageWords(
                    page.number,
                    sum(len(b.text.split()) for b in document.blocks if b.page == page.number),
                    len(page.chars),
                    page.width,
                )
                for page in document.pages
            ]
        }


def _project_copy(root: Path) -> Path:
    """The project's suites and dbt project, copied so the scaffold never touches the checkout."""
    shutil.copytree(PROJECT_ROOT / "expectations", root / "expectations")
    skip = shutil.ignore_patterns("target", "logs", "dbt_packages", ".user.yml")
    shutil.copytree(PROJECT_ROOT / "dbt_project", root / "dbt_project", ignore=skip)
    return root


def test_a_registered_extractor_gets_its_table_end_to_end(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "two.pdf", [["One two three four."], ["Five six."]])
    data = pdf.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    with registered(WordCounts()) as extractor:
        # Created: the schema, hence the parquet files and the warehouse DDL, now has the table.
        assert raw_columns()["page_words"] == [
            ("document_id", "VARCHAR"),
            ("page", "BIGINT"),
            ("words", "BIGINT"),
            ("glyphs", "BIGINT"),
            ("width", "DOUBLE"),
        ]
        result = extract_pdf(data, sha, Limits(ocr=False), load_knowledge(SEEDS))
        assert result.tables["page_words"] == [
            {"document_id": sha[:16], "page": 1, "words": 4, "glyphs": 16, "width": 595.2756},
            {"document_id": sha[:16], "page": 2, "words": 2, "glyphs": 8, "width": 595.2756},
        ]
        # Loaded: the worker's result folder and the build warehouse carry it like any other table.
        folder = result_dir(tmp_path / "cache", "v", sha)
        assert extract_file(pdf, sha, folder, Limits(ocr=False), load_knowledge(SEEDS)).status == "extracted"
        build = tmp_path / "build.duckdb"
        files = [
            {
                "sha256": sha,
                "document_id": sha[:16],
                "source_file": "two.pdf",
                "size_bytes": 1,
                "status": "loaded",
            }
        ]
        counts = wh.create_build(build, wh.BuildInput(raw_columns(), [folder], files, None))
        assert counts["page_words"] == 2
        with duckdb.connect(str(build), read_only=True) as con:
            assert con.execute("SELECT page, words FROM raw.page_words ORDER BY page").fetchall() == [
                (1, 4),
                (2, 2),
            ]
        # Checked: the contract names what is missing, the scaffold supplies it, and its suite passes.
        root = _project_copy(tmp_path / "project")
        assert problems(root) == [
            "raw.page_words: no GX suite expectations/page_words.json",
            "raw.page_words: not a table of the dbt source 'extract'",
            "raw.page_words: no staging model stg_extract__page_words.sql",
            "raw.page_words: no mart selects from stg_extract__page_words",
        ]
        written = scaffold(extractor, root)
        assert sorted(p.name for p in written) == [
            "_extract__sources.yml",
            "_marts.yml",
            "page_words.json",
            "page_words.sql",
            "stg_extract__page_words.sql",
        ]
        assert problems(root) == []
        suites = load_suites(root / "expectations")
        frames = table_frames(build, ["page_words"], [])
        report = validate(frames, {"page_words": suites["page_words"]}, tmp_path / "gx")
        assert [(r.expectation, r.success) for r in report.results] == [
            ("expect_table_columns_to_match_set", True),
            ("expect_column_values_to_not_be_null", True),
        ]
        # ... and dbt builds its staging view and mart, with the mart's tests, beside every other model.
        outcome = dbt_build(root / "dbt_project", build, tmp_path / "dbt")
        assert (outcome.success, outcome.error) == (True, "")
        with duckdb.connect(str(build), read_only=True) as con:
            mart = con.execute("SELECT page, words, glyphs FROM marts.page_words ORDER BY page").fetchall()
        assert mart == [(1, 4, 16), (2, 2, 8)]
    # Nothing else was edited: without the registration the table is gone again.
    assert "page_words" not in raw_columns()
    assert problems(root) == ["expectations/page_words.json checks a table no extractor emits"]


def test_registering_a_clashing_extractor_is_refused() -> None:
    with registered(WordCounts()), pytest.raises(ValueError, match="clashes"), registered(WordCounts()):
        pass
    assert "page_words" not in raw_columns()
