"""Our bugs surface as extractor_error with a traceback; only PDF parser failures mean a damaged file."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pdfminer.psparser import PSBaseParser

from flows.core.document import Limits, extract_pdf
from flows.core.errors import ERROR_KINDS, DocumentError, classify_exception
from flows.core.knowledge import load_knowledge
from flows.plumbing.settings import PROJECT_ROOT
from tests.conftest import make_pdf

KNOWLEDGE = load_knowledge(PROJECT_ROOT / "dbt_project" / "seeds")


def _extract(path: Path) -> None:
    """Run the whole extraction on one file."""
    data = path.read_bytes()
    extract_pdf(data, hashlib.sha256(data).hexdigest(), Limits(ocr=False), KNOWLEDGE)


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    """A small, healthy paper."""
    body = "Output grew 5.2% in 2023, the bureau said in its report."
    return make_pdf(tmp_path / "paper.pdf", [["Abstract: output.", "1 Introduction", body]], title="Output")


def test_a_bug_in_an_extractor_is_an_extractor_error_with_its_traceback(
    paper: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> list[object]:
        return [][1]  # an IndexError in "our" code

    monkeypatch.setattr("flows.core.extractors.builtin.extract_statistics", broken)
    with pytest.raises(DocumentError) as caught:
        _extract(paper)
    error = caught.value
    assert error.kind == "extractor_error"
    assert error.message.startswith("IndexError: list index out of range (a bug in paperflow)\n")
    assert "Traceback (most recent call last):" in error.message
    assert "flows/core/extractors/builtin.py" in error.message
    assert "extractor_error" in ERROR_KINDS


def test_a_bug_in_layout_is_not_a_damaged_file(paper: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> list[object]:
        return {}["no such key"]

    monkeypatch.setattr("flows.core.layout.build_paragraphs", broken)
    with pytest.raises(DocumentError) as caught:
        _extract(paper)
    assert caught.value.kind == "extractor_error"
    assert "KeyError: 'no such key'" in caught.value.message
    assert "flows/core/layout/__init__.py" in caught.value.message


def test_a_parser_failure_is_a_damaged_file() -> None:
    with pytest.raises(Exception) as caught:
        PSBaseParser(io.BytesIO(b"")).nexttoken()  # raises inside pdfminer
    error = classify_exception(caught.value)
    assert (error.kind, error.message) == ("damaged", "a page could not be read (PSEOF('Unexpected EOF'))")


def test_the_corpus_never_yields_an_extractor_error() -> None:
    papers = sorted((PROJECT_ROOT / "raw").glob("*.pdf"))
    assert len(papers) == 4
    failures = []
    for path in papers:
        try:
            _extract(path)
        except DocumentError as exc:
            failures.append((path.name, exc.kind))
    assert failures == []
