"""The seeds are parsed once per process and handed to every extractor as one Knowledge."""

from __future__ import annotations

import csv
import hashlib
import pickle
from pathlib import Path

import pytest

import flows.core.knowledge as knowledge_module
from flows.core.document import Limits, extract_pdf
from flows.core.knowledge import Knowledge, load_knowledge
from flows.plumbing.settings import PROJECT_ROOT
from tests.conftest import make_pdf

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"


def test_seeds_are_parsed_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[Path] = []
    real = knowledge_module.load_registry

    def counting(path: Path):
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(knowledge_module, "load_registry", counting)
    knowledge_module._load.cache_clear()
    try:
        for n in range(3):
            body = f"Output in Shenzhen grew {n + 5}.2% in 2023, the bureau said in its report."
            paragraphs = [
                "Abstract: regional output.",
                "1 Introduction",
                body,
                "2 Method",
                "We read a yearbook.",
            ]
            pdf = make_pdf(tmp_path / f"p{n}.pdf", [paragraphs], title="Regional output")
            data = pdf.read_bytes()
            # A worker receives the Knowledge pickled: it must arrive as the cached one, not re-parsed.
            knowledge = pickle.loads(pickle.dumps(load_knowledge(SEEDS)))
            result = extract_pdf(data, hashlib.sha256(data).hexdigest(), Limits(ocr=False), knowledge)
            assert [s["subject"] for s in result.tables["statistics"]] == ["Shenzhen"]
        assert load_knowledge(str(SEEDS)) is load_knowledge(SEEDS / ".." / "seeds")
        assert Knowledge(SEEDS).registry is load_knowledge(SEEDS).registry  # the older spelling, same cache
        assert parsed == [SEEDS.resolve() / "policies.csv"]
    finally:
        knowledge_module._load.cache_clear()


def test_knowledge_pickles_as_its_folder() -> None:
    knowledge = load_knowledge(SEEDS)
    assert len(pickle.dumps(knowledge)) < 500
    assert "interim_measures_genai" in knowledge.policy_ids
    assert knowledge.places.find("GDP in 北京 and the U.S.") == [(7, 9, "Beijing"), (18, 22, "United States")]


def test_every_place_has_a_source() -> None:
    with (SEEDS / "places.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 57
    assert [r["place"] for r in rows if not r["source"].strip()] == []
