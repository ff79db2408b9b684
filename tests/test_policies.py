"""Policy mention detection, issuer/year reading, cross-lingual resolution and provisional policies."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from flows.core.extractors.policies import (
    Policy,
    PolicyMention,
    Registry,
    find_policy_mentions,
    load_registry,
    policy_row,
    resolve_name,
)
from flows.core.extractors.policies.names import normalise_name
from flows.core.model import Block

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "dbt_project" / "seeds" / "policies.csv"
REALWORLD = REPO.parent / "shared" / "realworld"


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The canonical registry seed."""
    return load_registry(SEED)


def block(text: str, page: int = 1, kind: str = "body", language: str = "en") -> Block:
    """A body block at a fixed place on the page."""
    return Block(page=page, kind=kind, text=text, bbox=(10.0, 20.0, 300.0, 40.0), language=language)


def found(blocks: list[Block], registry: Registry) -> list[tuple[str, str]]:
    """(mention_text, policy_id) pairs, in order."""
    mentions, _ = find_policy_mentions(blocks, registry)
    return [(m.mention_text, m.policy_id) for m in mentions]


def test_english_titles_with_issuer_and_year(registry: Registry) -> None:
    text = (
        "The National Network Information Office, in collaboration with the National Development and Reform "
        "Commission and the Ministry of Education, released the Interim Measures for the Management of "
        "Generative Artificial Intelligence Services in July 2023. This document outlines the principles."
    )
    mentions, provisional = find_policy_mentions([block(text, page=3)], registry)
    assert provisional == []
    assert len(mentions) == 1
    m = mentions[0]
    assert (
        m.mention_text == "Interim Measures for the Management of Generative Artificial Intelligence Services"
    )
    assert m.policy_id == "interim_measures_genai"
    assert m.issuer == (
        "National Network Information Office|National Development and Reform Commission|Ministry of Education"
    )
    assert m.year == 2023
    assert m.page == 3
    assert m.bbox == (10.0, 20.0, 300.0, 40.0)
    assert m.sentence.endswith("in July 2023.")
    assert m.is_provisional is False
    assert m.mention_id == "m001"


def test_active_voice_issuer_and_leading_date(registry: Registry) -> None:
    text = (
        "In January 2024, the Ministry of Industry and Information Technology, in collaboration with six "
        'departments, released "Implementation Opinions on Promoting Future Industrial Innovation and '
        'Development" with the aim of reinforcing forward-looking planning.'
    )
    (m,), _ = find_policy_mentions([block(text)], registry)
    assert (
        m.mention_text == "Implementation Opinions on Promoting Future Industrial Innovation and Development"
    )
    assert m.policy_id == "future_industry_opinions"
    assert m.issuer == "Ministry of Industry and Information Technology"
    assert m.year == 2024


def test_passive_issuer_after_a_quoted_several_measures_title(registry: Registry) -> None:
    text = (
        'The "Several Measures for Promoting the Innovation and Development of General Artificial '
        'Intelligence in Beijing (2023-2025)," jointly released by the Beijing Municipal Science and '
        "Technology Commission, Zhongguancun Management Committee, and Beijing Municipal Development and "
        "Reform Commission in May 2023, played a significant role."
    )
    (m,), _ = find_policy_mentions([block(text)], registry)
    assert m.mention_text == (
        "Several Measures for Promoting the Innovation and Development of General Artificial Intelligence "
        "in Beijing (2023-2025)"
    )
    assert m.policy_id == "beijing_general_ai_measures"
    assert m.issuer == (
        "Beijing Municipal Science and Technology Commission|Zhongguancun Management Committee|"
        "Beijing Municipal Development and Reform Commission"
    )
    assert m.year == 2023


def test_english_named_initiatives_and_reports(registry: Registry) -> None:
    text = (
        "China has strengthened top-level design, from the Next Generation Artificial Intelligence "
        "Development Plan and the Three-Year Action Plan for Promoting the Development of a New Generation "
        'Artificial Intelligence Industry (2018–2020) to the "AI Plus" initiative. Beijing released its '
        '"AI Plus" action plan. The Chinese government\'s 2024 work report put out the following proposal.'
    )
    mentions, _ = find_policy_mentions([block(text)], registry)
    assert [(m.mention_text, m.policy_id, m.year, m.issuer) for m in mentions] == [
        ("Next Generation Artificial Intelligence Development Plan", "next_gen_ai_plan", None, ""),
        (
            "Three-Year Action Plan for Promoting the Development of a New Generation Artificial "
            "Intelligence Industry (2018–2020)",
            "ai_three_year_action_plan",
            None,  # the period in the title is not the issue date
            "",
        ),
        ('"AI Plus" initiative', "ai_plus_initiative", None, ""),
        ('"AI Plus" action plan', "beijing_ai_plus_plan", None, "Beijing"),
        ("government's 2024 work report", "government_work_report_2024", 2024, ""),
    ]


def test_quoted_phrases_that_are_not_policies(registry: Registry) -> None:
    text = (
        'Adhere to the "four orientations," and plan the "new track" strategy\'s implementation. '
        'He said that "high-quality development needs the guidance of new productivity theory." '
        "Marx wrote 《资本论》. The Central Economic Work Conference met in December 2023."
    )
    assert found([block(text)], registry) == []


def test_chinese_titles_issuer_and_year(registry: Registry) -> None:
    text = (
        "国务院发布的《新一代人工智能发展规划》明确指出,2025年的战略目标之一是“人工智能成为我国产业升级和经济转型的主要动力”。"
        "2024年3月5日,李强总理在《政府工作报告》中强调要“深化大数据、人工智能等研发应用,开展‘人工智能+’行动”。"
    )
    mentions, provisional = find_policy_mentions([block(text, language="zh")], registry)
    assert provisional == []
    assert [(m.mention_text, m.policy_id, m.issuer, m.year) for m in mentions] == [
        ("《新一代人工智能发展规划》", "next_gen_ai_plan", "国务院", None),  # 2025 is a target, not a date
        ("《政府工作报告》", "government_work_report_2024", "", 2024),
        ("‘人工智能+’行动", "ai_plus_initiative", "", 2024),
    ]


def test_chinese_named_actions_and_plain_quotes(registry: Registry) -> None:
    text = "加快统筹推进“东数西算”工程。按照“十四五”规划纲要的方向,培育“人工智能+”的高端高效智能经济。"
    assert found([block(text, language="zh")], registry) == [
        ("“东数西算”工程", "east_data_west_computing"),
        ("“十四五”规划纲要", "fourteenth_five_year_plan_outline"),
    ]


def test_chinese_title_split_across_blocks_and_lines(registry: Registry) -> None:
    first = block("根据《中华人民共和国网络安全法》、《中华人民共和国个人信息保护法", language="zh")
    second = block("》、《中华人民共和国科学技术进步法》等法律、行政法规,制定本办法。", page=2, language="zh")
    inline = block("依照《中华人民共和国数据安全\n法》的规定予以处罚。", page=2, language="zh")
    mentions, provisional = find_policy_mentions([first, second, inline], registry)
    assert [(m.mention_text, m.policy_id, m.page) for m in mentions] == [
        ("《中华人民共和国网络安全法》", "cybersecurity_law", 1),
        ("《中华人民共和国个人信息保护法》", "personal_information_protection_law", 1),
        ("《中华人民共和国科学技术进步法》", provisional[0].policy_id, 2),
        ("《中华人民共和国数据安全法》", "data_security_law", 2),
    ]
    assert provisional[0].name_zh == "中华人民共和国科学技术进步法"
    assert provisional[0].policy_type == "law"
    assert provisional[0].jurisdiction == "national"


@pytest.mark.parametrize(
    ("english", "chinese", "policy_id"),
    [
        (
            "Next Generation Artificial Intelligence Development Plan",
            "《新一代人工智能发展规划》",
            "next_gen_ai_plan",
        ),
        ('the "AI Plus" initiative', "开展‘人工智能+’行动", "ai_plus_initiative"),
        (
            "the 2024 Government Work Report",
            "2024年3月5日,李强总理在《政府工作报告》中指出",
            "government_work_report_2024",
        ),
        (
            "Interim Measures for the Management of Generative Artificial Intelligence Services",
            "《生成式人工智能服务管理暂行办法》",
            "interim_measures_genai",
        ),
    ],
)
def test_cross_lingual_pairs_share_one_policy_id(
    registry: Registry, english: str, chinese: str, policy_id: str
) -> None:
    en_mentions, _ = find_policy_mentions([block(f"China released {english} last year.")], registry)
    zh_mentions, _ = find_policy_mentions([block(chinese + "。", language="zh")], registry)
    assert [m.policy_id for m in en_mentions] == [policy_id]
    assert [m.policy_id for m in zh_mentions] == [policy_id]


def test_resolution_normalises_and_fuzzy_matches_conservatively(registry: Registry) -> None:
    assert (
        normalise_name("The Next-Generation AI Development Plan (2017)")
        == "next generation ai development plan"
    )
    assert normalise_name("国务院关于印发新一代人工智能发展规划的通知") == "新一代人工智能发展规划"
    assert resolve_name("Next-Generation Artificial Intelligence Development Plan", registry).policy_id == (
        "next_gen_ai_plan"
    )
    near = resolve_name(
        "Interim Measure for the Management of Generative Artificial Intelligence Services", registry
    )
    assert near is not None and near.policy_id == "interim_measures_genai"
    assert resolve_name("13th Five-Year Plan", registry) is None  # numerals must agree
    assert (
        resolve_name("《中华人民共和国电子商务法》", registry) is None
    )  # shares most characters, not the law
    assert resolve_name('"AI Plus" action plan', registry, context="Shanghai released it") is None


def test_unknown_mentions_become_provisional_policies(registry: Registry) -> None:
    blocks = [
        block("提供者应当按照《互联网信息服务深度合成管理规定》对生成内容进行标识。", language="zh"),
        block("并按照《互联网信息服务深度合成管理规定》履行备案手续。", page=2, language="zh"),
        block("In March 2022, the Ministry of Commerce issued the Digital Trade Promotion Plan for 2022."),
    ]
    mentions, provisional = find_policy_mentions(blocks, registry)
    assert [m.mention_text for m in mentions] == [
        "《互联网信息服务深度合成管理规定》",
        "《互联网信息服务深度合成管理规定》",
        "Digital Trade Promotion Plan",
    ]
    assert all(m.is_provisional for m in mentions)
    assert mentions[0].policy_id == mentions[1].policy_id  # one provisional policy per unknown name
    assert len(provisional) == 2
    rules, plan = provisional
    assert rules.policy_id.startswith("prov_regulations_")
    assert (rules.name_zh, rules.policy_type) == ("互联网信息服务深度合成管理规定", "regulations")
    assert plan.policy_id.startswith("prov_digital_trade_promotion_plan_")
    assert (plan.name_en, plan.policy_type, plan.issued_year) == (
        "Digital Trade Promotion Plan",
        "plan",
        2022,
    )
    assert plan.issuers == ("Ministry of Commerce",)
    assert mentions[2].issuer == "Ministry of Commerce"
    assert all(p.policy_id not in {q.policy_id for q in registry.policies} for p in provisional)


def test_provisional_policies_have_the_registry_columns(registry: Registry) -> None:
    with SEED.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert [f.name for f in dataclasses.fields(Policy)] == header
    assert list(policy_row(registry.policies[0])) == header
    assert [f.name for f in dataclasses.fields(PolicyMention)] == [
        "mention_id",
        "policy_id",
        "mention_text",
        "sentence",
        "page",
        "bbox",
        "issuer",
        "year",
        "is_provisional",
    ]


def test_registry_seed_is_well_formed(registry: Registry) -> None:
    ids = [p.policy_id for p in registry.policies]
    assert len(ids) == len(set(ids))
    for policy in registry.policies:
        assert policy.policy_id.isidentifier() and policy.policy_id.islower()
        assert policy.name_en or policy.name_zh
        assert policy.issued_year is None or 1949 <= policy.issued_year <= 2030
        if policy.issued_date:
            assert policy.issued_date[:4] == str(policy.issued_year)


def test_references_and_front_matter_are_not_scanned(registry: Registry) -> None:
    blocks = [
        block("[27] 国务院关于印发新一代人工智能发展规划的通知[J]. 国务院公报, 2017(22).", kind="reference"),
        block("Keywords: Next Generation Artificial Intelligence Development Plan", kind="keywords"),
    ]
    assert found(blocks, registry) == []


def test_realworld_measures_name_four_laws(registry: Registry) -> None:
    pdf_path = REALWORLD / "lr302__P026_生成式人工智能服务管理暂行办法.pdf"
    if not pdf_path.exists():
        pytest.skip(f"{pdf_path} not present (the real-world PDFs live beside the repo, never in it)")
    blocks = _pdf_blocks(pdf_path)
    mentions, _ = find_policy_mentions(blocks, registry)
    names = {m.mention_text for m in mentions}
    assert {
        "《中华人民共和国网络安全法》",
        "《中华人民共和国数据安全法》",
        "《中华人民共和国个人信息保护法》",
        "《中华人民共和国科学技术进步法》",
    } <= names
    assert "interim_measures_genai" in {m.policy_id for m in mentions}


def _pdf_blocks(path: Path) -> list[Block]:
    """Blocks from the layout extractor, or one block per text line when it is not importable."""
    import pdfplumber

    try:
        from flows.core.layout import extract_document
    except ImportError:
        from tests.benchmarks.truth_blocks import blocks_from_lines

        with pdfplumber.open(path) as pdf:
            return [
                b
                for page in pdf.pages
                for b in blocks_from_lines((page.extract_text() or "").splitlines(), page=page.page_number)
            ]
    with pdfplumber.open(path) as pdf:
        return list(extract_document(pdf).blocks)


def test_us_citations_name_the_instrument_by_the_title_after_its_number(registry: Registry) -> None:
    text = (
        "The Advancing American AI Act, Executive Order (EO) 14110, Safe, Secure, and Trustworthy "
        "Development and Use of Artificial Intelligence, and Office of Management and Budget (OMB) "
        "Memorandum M-24-10, "
        "Advancing Governance, Innovation, and Risk Management for Agency Use of Artificial Intelligence, "
        "direct agencies to inventory their AI use cases. See OMB Memorandum M-15-14, “Management and "
        "Oversight of Information Technology,” and Section 10.1(e) of EO 14110, which agencies follow."
    )
    names = [name for name, _ in found([block(text)], registry)]
    assert names == [
        "Advancing American AI Act",
        "Safe, Secure, and Trustworthy Development and Use of Artificial Intelligence",
        "Advancing Governance, Innovation, and Risk Management for Agency Use of Artificial Intelligence",
        "Management and Oversight of Information Technology",
        "EO 14110",
    ]


def test_what_follows_an_instruments_number_that_is_no_title(registry: Registry) -> None:
    cases = {
        "Agencies act under EO 13859, EO 13960, and the order of the day.": ["EO 13859", "EO 13960"],
        "See EO 14110, Section 4.2 on testing.": ["EO 14110"],
        "Issued as EO 14110, The White House, October 30, 2023.": ["EO 14110"],
        "Under EO 14110, agencies shall report twice a year.": ["EO 14110"],
    }
    assert {text: [name for name, _ in found([block(text)], registry)] for text in cases} == cases
