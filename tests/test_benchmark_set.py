"""The real-document benchmark's set: enough documents and sources, thirds by category, a split by source,
and gold whose every span the checker finds in the PDFs (when they have been re-created on this machine)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.benchmarks.realworld import check_gold

BENCH = Path(__file__).parent / "benchmarks" / "realworld"
MANIFEST = yaml.safe_load((BENCH / "manifest.yaml").read_text(encoding="utf-8"))
GOLD = yaml.safe_load((BENCH / "gold.yaml").read_text(encoding="utf-8"))


def test_forty_documents_from_ten_sources_in_thirds() -> None:
    assert len(MANIFEST) >= 40
    assert len({entry["repo"] for entry in MANIFEST.values()}) >= 10
    thirds = Counter(entry["category"] for entry in MANIFEST.values())
    assert set(thirds) == {"zh", "en_policy", "paper_report"}
    assert min(thirds.values()) >= len(MANIFEST) // 4  # each about a third


def test_every_document_has_gold_and_one_side_per_source() -> None:
    assert set(GOLD) == set(MANIFEST)
    sides: dict[str, set[str]] = {}
    for entry in MANIFEST.values():
        sides.setdefault(entry["repo"], set()).add(entry["split"])
    assert all(len(side) == 1 for side in sides.values()), sides
    scored = [entry for entry in MANIFEST.values() if entry["split"] in ("dev", "unseen")]
    unseen = sum(1 for entry in scored if entry["split"] == "unseen")
    assert 0.25 <= unseen / len(scored) <= 0.45
    holdout = {e["repo"] for e in MANIFEST.values() if e["split"] == "holdout"}
    assert not holdout & {e["repo"] for e in scored}  # the holdout's sources are new to both


def test_kept_sources_are_not_in_the_benchmark() -> None:
    kept = {
        "lr302/digital-economy-policy",
        "EdwardAThomson/AI-regulations",
        "MaEasonH/EXPLORING-THE-IMPACT-OF-THE-DIGITAL-ECONOMY-CHINA-S-ECONOMIC-STATUS-DURING-THE-EPIDEMIC",
        "opendatalab/MinerU",
        "huangjingpku/starter-hugo-academic-pzhang",
        "enoch-sit/proj01_chatbot_edu",
        "jon-chun/Comparative-Global-AI-Regulation",
        "soumuka/research",
        "davidmanheim/AI-Economics",
        "886ss/digital-economy-innovation-analysis",
    }
    assert not kept & {entry["repo"] for entry in MANIFEST.values()}


def test_gold_spans_are_in_the_pdfs() -> None:
    pdfs = check_gold.DEFAULT_PDFS
    if not pdfs.is_dir():
        pytest.skip(f"benchmark PDFs not re-created at {pdfs} (tests/benchmarks/realworld/recreate.py)")
    problems = check_gold.check_manifest(MANIFEST, pdfs)
    for name, entry in GOLD.items():
        problems += check_gold.check_document(name, entry, pdfs / name)
    assert problems == []
