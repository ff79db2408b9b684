"""Recommendation sections, enumerated items with hierarchy and labels, and theme classification."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from flows.core.extractors.recommendations import Recommendation, Themes, extract_recommendations, load_themes
from flows.core.model import Block

REPO = Path(__file__).resolve().parents[1]
THEMES = REPO / "dbt_project" / "seeds" / "themes.csv"
REALWORLD = REPO.parent / "shared" / "realworld"
THEME_KEYS = {
    "talent",
    "data",
    "infrastructure",
    "technology",
    "application",
    "industry",
    "ecosystem",
    "governance",
    "cooperation",
    "finance",
}


@pytest.fixture(scope="module")
def themes() -> Themes:
    """The theme taxonomy seed."""
    return load_themes(THEMES)


def heading(text: str, level: int, section: str = "", language: str = "en") -> Block:
    """A heading block."""
    return Block(1, "heading", text, (0.0, 0.0, 1.0, 1.0), section=section, level=level, language=language)


def body(text: str, page: int = 1, section: str = "", language: str = "en") -> Block:
    """A body block."""
    return Block(page, "body", text, (5.0, 6.0, 7.0, 8.0), section=section, language=language)


def rows(recs: list[Recommendation]) -> list[tuple[str, str | None, str, int]]:
    """(id, parent_id, label, level) per recommendation."""
    return [(r.recommendation_id, r.parent_id, r.label, r.level) for r in recs]


def test_english_items_at_two_levels_under_lettered_groups(themes: Themes) -> None:
    blocks = [
        heading("3. Problems", 1),
        body("First, there is a dearth of elite talent in artificial intelligence."),
        body("Second, domestic data sets lag behind."),
        heading("4. Countermeasures and Suggestions", 1),
        heading("(A) Suggestions on the promotion of artificial intelligence", 2),
        body("The first is to clarify the independent technical route and cultivate key root technologies."),
        body("The second is to intensively build computing centers and open data sets.", page=2),
        heading("(B) Countermeasures on new quality productive forces", 2),
        body(
            "Second, fully release the potential of data elements. Only flowing data helps. "
            "The first is to promote the construction of a data standardization system. "
            "The second is to promote the confirmation, flow, and sharing of data. "
            "The third is to innovate the data development and utilization mechanism."
        ),
        body(
            "Thirdly, build a mechanism that deeply integrates science and technology, industry, and finance."
        ),
        heading("References", 1),
        body("[1] Some reference."),
    ]
    recs = extract_recommendations(blocks, themes)
    assert rows(recs) == [
        ("R1", None, "(A)", 1),
        ("R1.1", "R1", "The first is", 2),
        ("R1.2", "R1", "The second is", 2),
        ("R2", None, "(B)", 1),
        ("R2.1", "R2", "Second", 2),
        ("R2.1.1", "R2.1", "The first is", 3),
        ("R2.1.2", "R2.1", "The second is", 3),
        ("R2.1.3", "R2.1", "The third is", 3),
        ("R2.2", "R2", "Thirdly", 2),
    ]
    by_id = {r.recommendation_id: r for r in recs}
    assert by_id["R1.1"].text.startswith("to clarify the independent technical route")
    assert by_id["R1.2"].page == 2
    assert by_id["R1.2"].bbox == (5.0, 6.0, 7.0, 8.0)
    assert by_id["R2.1.1"].text == "to promote the construction of a data standardization system."
    assert [by_id[i].theme for i in ("R1.1", "R1.2", "R2.1", "R2.2")] == [
        "technology",
        "infrastructure",
        "data",
        "finance",
    ]


def test_chinese_recommendations_at_both_levels_and_inline_items(themes: Themes) -> None:
    section = "四、人工智能驱动新质生产力形成的实践进路"
    blocks = [
        heading("三、运行机制", 1, language="zh"),
        body("比如:(1)数据驱动的算法。(2)规则驱动的算法。", language="zh"),
        heading(section, 1, language="zh"),
        body("习近平总书记指出,发展新质生产力是推动高质量发展的内在要求。", section=section, language="zh"),
        heading("(一) 坚持科技自主创新,以人工智能优化生产要素", 2, section=section, language="zh"),
        heading("1. 健全人工智能人才培养机制,培育高技能水平的新型劳动者", 3, language="zh"),
        body(
            "人才是生产力要素中最重要的一环。建议:(1)以需求为导向构建动态人才培养体系。"
            "(2)深化职业教育体制改革。",
            language="zh",
        ),
        heading("2. 加强算力基础设施建设", 3, language="zh"),
        heading("(二) 建立健全人工智能治理体系", 2, language="zh"),
        heading("1. 以数字政府建设驱动国家治理的智能化转型", 3, language="zh"),
        heading("参考文献:", 1, language="zh"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert rows(recs) == [
        ("R1", None, "(一)", 1),
        ("R1.1", "R1", "1.", 2),
        ("R1.1.1", "R1.1", "(1)", 3),
        ("R1.1.2", "R1.1", "(2)", 3),
        ("R1.2", "R1", "2.", 2),
        ("R2", None, "(二)", 1),
        ("R2.1", "R2", "1.", 2),
    ]
    texts = [r.text for r in recs]
    assert texts[0] == "坚持科技自主创新,以人工智能优化生产要素"
    assert texts[2] == "以需求为导向构建动态人才培养体系。"
    assert [r.theme for r in recs] == [
        "technology",
        "talent",
        "talent",
        "talent",
        "infrastructure",
        "governance",
        "governance",
    ]
    assert recs[0].section == section  # as the extractor gave it
    # Without a section path on the block, the heading path is rebuilt from the headings read so far.
    assert (
        recs[1].section
        == f"{section} > (一) 坚持科技自主创新,以人工智能优化生产要素 > {recs[1].label} {recs[1].text}"
    )


def test_chinese_yi_shi_items_and_cued_inline_list_without_headings(themes: Themes) -> None:
    blocks = [
        body("为此,建议:(1)加强算力基础设施建设。(2)完善数据要素市场。(3)加大金融支持力度。", language="zh"),
        body("具体而言,一是培育龙头企业,二是深化国际合作。", language="zh"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert rows(recs) == [("R1", None, "(1)", 1), ("R2", None, "(2)", 1), ("R3", None, "(3)", 1)]
    assert [r.theme for r in recs] == ["infrastructure", "data", "finance"]
    section = [heading("五、对策建议", 1, language="zh"), *blocks[1:]]
    recs = extract_recommendations(section, themes)
    assert [(r.label, r.text, r.theme) for r in recs] == [
        ("一是", "培育龙头企业,", "industry"),
        ("二是", "深化国际合作。", "cooperation"),
    ]


def test_unnumbered_imperative_paragraphs_without_a_heading_cue(themes: Themes) -> None:
    blocks = [
        heading("Firmly Grasping the Major Historical Opportunity of AI Development", 1),
        body("Currently, China's AI development has entered a new stage."),
        body(
            "Build a healthy and complete industrial ecosystem. Innovation is the driver of AI development."
        ),
        body("Construct an effective market for data elements. Data is the core element."),
        body("Build a multi-level talent cultivation system. Talent is the key."),
        body("Optimize AI regulatory policies. We should improve the legal framework."),
        body("(The author is a member of the Standing Committee.)"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert rows(recs) == [("R1", None, "", 1), ("R2", None, "", 1), ("R3", None, "", 1), ("R4", None, "", 1)]
    assert [r.theme for r in recs] == ["ecosystem", "data", "talent", "governance"]


def test_topic_paragraphs_in_a_strategy_section(themes: Themes) -> None:
    blocks = [
        heading("4. The Strategy to Promote Coordinated Development", 1),
        body("In today's era of rapid technological development, AI has become an important force."),
        body("Strengthening basic research and technological innovation is a crucial first step. More R&D."),
        body("Promoting international cooperation and exchanges is an important means. Share resources."),
        heading("5. The Future Prospect", 1),
        body("Build a better future. Everything will be fine."),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.theme) for r in recs] == [("R1", "technology"), ("R2", "cooperation")]
    assert recs[0].section == "4. The Strategy to Promote Coordinated Development"


def test_problem_lists_are_not_recommendations(themes: Themes) -> None:
    blocks = [
        heading("3. Analysis of the existing problems", 1),
        body("First, there is a dearth of elite talent. Talent is lacking."),
        body("Second, domestic progress in data sets lags behind overseas."),
        body("The first is the realization of precision agriculture. The second is smart healthcare."),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_theme_classification_weights_the_lead(themes: Themes) -> None:
    assert themes.classify("Optimize AI regulatory policies.")[0] == "governance"
    # Tied in the lead: the theme named first is the subject.
    assert themes.classify("Build computing centers and open data sets.")[0] == "infrastructure"
    # The body decides only when the lead names no theme.
    assert themes.classify("Act now.", "More talent and skills training for the workforce.")[0] == "talent"
    primary, all_themes = themes.classify(
        "Thirdly, build a mechanism integrating science and technology, industry, and finance.",
        "Digital finance and green finance. The industrial chain and the innovation chain.",
    )
    assert primary == "finance"
    assert all_themes[0] == "finance" and set(all_themes) <= THEME_KEYS
    assert themes.classify("人才是关键。") == ("talent", ("talent",))
    assert set(themes.names) == THEME_KEYS


def test_every_recommendation_has_a_theme_from_the_taxonomy(themes: Themes) -> None:
    blocks = [heading("Policy Recommendations", 1), body("First, act now."), body("Second, act again.")]
    recs = extract_recommendations(blocks, themes)
    assert [r.label for r in recs] == ["First", "Second"]
    assert all(r.theme in THEME_KEYS and r.themes[0] == r.theme for r in recs)
    assert [f.name for f in dataclasses.fields(Recommendation)] == [
        "recommendation_id",
        "parent_id",
        "label",
        "level",
        "text",
        "theme",
        "themes",
        "page",
        "bbox",
        "section",
        "actor",
        "target_year",
    ]


def test_realworld_policy_document_numbered_principles(themes: Themes) -> None:
    path = REALWORLD / "aireg__EO-14110-AI-Safe-Secure-Trustworthy-Oct-2023.pdf"
    if not path.exists():
        pytest.skip(f"{path} not present (the real-world PDFs live beside the repo, never in it)")
    import pdfplumber

    try:
        from flows.core.layout import extract_document
    except ImportError:
        pytest.skip("flows.core.layout is not importable yet")
    with pdfplumber.open(path, pages=[1, 2, 3]) as pdf:
        blocks = list(extract_document(pdf).blocks)
    recs = extract_recommendations(blocks, themes)
    labels = [r.label for r in recs if r.level == 1]
    assert labels[:8] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)"]
    assert recs[0].text.startswith("Artificial Intelligence must be safe and secure.")
    assert all(r.theme in THEME_KEYS for r in recs)
