"""Regression fixtures for rules that were tuned on the real-world gold files and failed on other documents
of the same genres: government responses, EU communications, method sections, Chinese guiding opinions."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.core.extractors.policies import find_policy_mentions
from flows.core.extractors.recommendations import Recommendation, Themes, extract_recommendations, load_themes
from flows.core.extractors.recommendations.targets import actor_of
from flows.core.model import Block
from tests.test_policy_documents import EMPTY, INTRODUCTION, Line, names, pdf_blocks

REPO = Path(__file__).resolve().parents[1]
BOX = (0.0, 0.0, 1.0, 1.0)
# A cover page, so that the sections below are read as the body rather than as front matter.
COVER: list[Line] = [(18, "Digital Connectivity"), (10, "March 2024"), (0, "")]
ZH_COVER: list[Line] = [(18, "关于加快推进数字乡村建设的指导意见"), (10, "2024年3月"), (0, "")]


@pytest.fixture(scope="module")
def themes() -> Themes:
    """The theme taxonomy seed."""
    return load_themes(REPO / "dbt_project" / "seeds" / "themes.csv")


def items(recs: list[Recommendation]) -> list[tuple[str, str | None, str, str]]:
    """(id, parent_id, label, text) per recommendation."""
    return [(r.recommendation_id, r.parent_id, r.label, r.text) for r in recs]


def test_recommendation_labels_set_as_their_own_headings(themes: Themes) -> None:
    # A government response prints "Recommendation N" as a heading, the recommendation below it.
    blocks = pdf_blocks(
        [
            *COVER,
            *INTRODUCTION,
            (15, "Recommendation 1"),
            (10, "The Government should publish a national data strategy within six months."),
            (10, "Government response"),
            (10, "We accept this recommendation. The Department will publish the strategy by 2026."),
            (15, "Recommendation 2"),
            (10, "The Government should fund regional digital skills hubs."),
            (10, "Government response"),
            (10, "We partially accept this recommendation."),
            (15, "Recommendation 3"),
            (10, "Ofcom should report annually on broadband coverage."),
            (10, "Government response"),
            (10, "We agree."),
        ]
    )
    recs = extract_recommendations(blocks, themes)
    assert items(recs) == [
        (
            "R1",
            None,
            "Recommendation 1",
            "The Government should publish a national data strategy within six months.",
        ),
        ("R2", None, "Recommendation 2", "The Government should fund regional digital skills hubs."),
        ("R3", None, "Recommendation 3", "Ofcom should report annually on broadband coverage."),
    ]
    assert [(r.actor, r.target_year) for r in recs] == [
        ("Government", 2026),
        ("Government", None),
        ("", None),
    ]


def test_lower_case_bullets_after_the_commission_will(themes: Themes) -> None:
    # EU communications list commitments as lower-case bullets after "The Commission will:".
    blocks = pdf_blocks(
        [
            *COVER,
            *INTRODUCTION,
            (15, "2. A Europe fit for the digital age"),
            (
                10,
                "Digital technologies are reshaping the single market and public services across the Union.",
            ),
            (10, "The Commission will:"),
            (10, "\u2022 propose a Digital Services Act by the end of 2020;"),
            (10, "\u2022 present a European Data Strategy in the first quarter of 2020;"),
            (10, "\u2022 launch a Digital Education Action Plan."),
            (15, "3. Conclusion"),
            (10, "The Commission invites the Parliament and the Council to endorse this approach."),
        ]
    )
    recs = extract_recommendations(blocks, themes)
    assert items(recs) == [
        ("R1", None, "", "propose a Digital Services Act by the end of 2020;"),
        ("R2", None, "", "present a European Data Strategy in the first quarter of 2020;"),
        ("R3", None, "", "launch a Digital Education Action Plan."),
    ]
    assert [r.target_year for r in recs] == [2020, None, None]


def test_lower_case_bullets_completing_a_statement_of_objectives_are_not_recommendations(
    themes: Themes,
) -> None:
    # "Our objectives are to:" lists what a regulator is for; its verbs are not an imperative run.
    blocks = pdf_blocks(
        [
            *COVER,
            *INTRODUCTION,
            (15, "2. Our role"),
            (10, "We regulate financial markets in the UK. Our operational objectives are to:"),
            (10, "\u2022 secure an appropriate degree of protection for consumers,"),
            (10, "\u2022 protect and enhance the integrity of the UK financial system, and"),
            (10, "\u2022 promote effective competition in the interests of consumers."),
        ]
    )
    assert extract_recommendations(blocks, themes) == []


def test_identification_strategy_and_measurement_approach_are_not_advice(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            *COVER,
            *INTRODUCTION,
            (15, "3. Identification strategy"),
            (10, "First, we use the staggered rollout of broadband as a natural experiment."),
            (10, "Second, we instrument broadband access with historical telephone density."),
            (10, "Finally, we cluster standard errors at the city level."),
            (15, "4. An approach to measuring digitalisation"),
            (10, "(1) We count digital keywords in annual reports. (2) We weight them by frequency."),
            (15, "5. Results"),
            (10, "Broadband raises productivity by 3 per cent."),
        ]
    )
    assert extract_recommendations(blocks, themes) == []


def test_a_heading_announcing_what_a_body_will_do(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            *COVER,
            *INTRODUCTION,
            (15, "4. What we will do next year"),
            (15, "Supervision"),
            (10, "We will review how firms test their models."),
            (15, "Data"),
            (10, "We will publish a survey of data use."),
        ]
    )
    assert [(r.recommendation_id, r.text) for r in extract_recommendations(blocks, themes)] == [
        ("R1", "Supervision"),
        ("R2", "Data"),
    ]


def test_chinese_guiding_opinion_tasks_and_safeguards_with_their_lead_body(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            *ZH_COVER,
            (10, "为贯彻落实党中央、国务院决策部署，现提出如下意见。"),
            (15, "一、总体要求"),
            (15, "（一）指导思想"),
            (10, "坚持新发展理念，推动高质量发展。"),
            (15, "（二）主要目标"),
            (10, "到2027年，数字乡村建设取得重要进展。"),
            (15, "二、重点任务"),
            (15, "（三）加强农村网络基础设施建设"),
            (10, "推进农村千兆光网建设，由工业和信息化部牵头负责。"),
            (15, "（四）发展农村数字经济"),
            (10, "培育农村电商新业态，加快发展智慧农业。"),
            (15, "三、保障措施"),
            (15, "（五）加强组织领导"),
            (10, "各地区各部门要加强统筹协调。"),
        ],
        chinese=True,
    )
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.label, r.text, r.actor) for r in recs] == [
        ("R1", "（三）", "加强农村网络基础设施建设", "工业和信息化部"),
        ("R2", "（四）", "发展农村数字经济", ""),
        ("R3", "（五）", "加强组织领导", ""),
    ]


def test_an_actor_after_you_is_named_without_it() -> None:
    assert actor_of("推进农村千兆光网建设，由工业和信息化部牵头负责。") == "工业和信息化部"
    assert actor_of("教育部要加强数字技能培训。") == "教育部"


def test_serial_reports_with_an_edition_year_are_not_policies() -> None:
    assert names("According to the World Development Report 2021, data can improve lives.") == []
    assert names("The Global Risks Report 2023 and the Online Safety Act 2023 apply.") == [
        ("Online Safety Act 2023", "law")
    ]
    assert names("The Digital Markets Act and Regulation (EU) 2022/2065 apply to gatekeepers.") == [
        ("Digital Markets Act", "law"),
        ("Regulation (EU) 2022/2065", "regulations"),
    ]
    assert names("数据来源于《中国统计年鉴》和《经济研究》，并参照《数字中国建设整体布局规划》。") == [
        ("《数字中国建设整体布局规划》", "plan")
    ]


def test_chinese_paper_path_analysis_is_not_advice_but_its_countermeasures_are(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            *ZH_COVER,
            (15, "一、引言"),
            (10, "数字经济已成为经济增长的重要引擎。"),
            (15, "三、数字经济影响经济增长的路径分析"),
            (10, "（1）数字经济通过技术创新提升全要素生产率。"),
            (10, "（2）数字经济通过产业结构升级促进增长。"),
            (15, "五、结论与对策建议"),
            (10, "基于上述结论，本文提出如下对策建议："),
            (10, "（1）加快数字基础设施建设，缩小区域数字鸿沟。"),
            (10, "（2）完善数据要素市场，促进数据流通。"),
            (15, "参考文献"),
            (10, "[1] 张三. 数字经济研究[J]. 经济研究, 2020."),
        ],
        chinese=True,
    )
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.label, r.text) for r in recs] == [
        ("R1", "（1）", "加快数字基础设施建设，缩小区域数字鸿沟。"),
        ("R2", "（2）", "完善数据要素市场，促进数据流通。"),
    ]


def test_conclusion_advice_addressed_to_regulators_of_any_country(themes: Themes) -> None:
    # The closing advice of a paper need not name China or "the government" to be advice.
    blocks = [
        Block(1, "heading", "6 Conclusions", BOX, level=1),
        Block(1, "body", "Mobile money raises household savings in every district we studied.", BOX),
        Block(
            2,
            "body",
            "Uptake is uneven. Regulators should lower the cost of agent networks in rural areas.",
            BOX,
        ),
        Block(2, "body", "Future research should examine effects on firms.", BOX),
        Block(2, "heading", "References", BOX, level=1),
        Block(2, "reference", "[1] A reference.", BOX),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.text) for r in recs] == [
        ("R1", "Regulators should lower the cost of agent networks in rural areas."),
    ]


def test_chinese_opinion_that_goes_straight_to_its_tasks(themes: Themes) -> None:
    # No 总体要求 chapter: the chapters are tasks because they open with verbs (加快, 推动, 强化).
    blocks = pdf_blocks(
        [
            *ZH_COVER,
            (10, "为加快发展数字经济，经国务院同意，现提出以下意见。"),
            (15, "一、加快数字基础设施建设"),
            (15, "（一）推进千兆光网建设"),
            (10, "到2025年，千兆光网覆盖所有城市。"),
            (15, "（二）布局算力基础设施"),
            (10, "由国家发展改革委牵头推进。"),
            (15, "二、推动数据要素流通"),
            (15, "（三）建立数据产权制度"),
            (10, "明确数据权属。"),
            (15, "三、强化组织实施"),
            (15, "（四）加强统筹协调"),
            (10, "各地区各部门要抓好落实。"),
        ],
        chinese=True,
    )
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.label, r.text, r.actor, r.target_year) for r in recs] == [
        ("R1", "（一）", "推进千兆光网建设", "", 2025),
        ("R2", "（二）", "布局算力基础设施", "国家发展改革委", None),
        ("R3", "（三）", "建立数据产权制度", "", None),
        ("R4", "（四）", "加强统筹协调", "", None),
    ]


def test_a_shall_list_ends_at_the_next_subsection_or_section_number(themes: Themes) -> None:
    # Executive-order style: "(b) … shall:" lists (A), (B); "(c)" and "4.3." are not its items.
    blocks = [
        Block(1, "heading", "Sec. 4. Ensuring the Safety of AI", BOX, level=1),
        Block(1, "body", "(b) Within 90 days of the date of this order, the Secretary of Energy shall:", BOX),
        Block(1, "body", "(A) consult with experts on the risks of AI models;", BOX),
        Block(1, "body", "(B) submit a report to the President on these risks.", BOX),
        Block(1, "body", "(c) The Director of OSTP shall publish guidance on model testing.", BOX),
        Block(2, "body", "4.3. Managing AI in critical infrastructure. Sector risk is assessed yearly.", BOX),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.label, r.text) for r in recs] == [
        ("R1", "(A)", "consult with experts on the risks of AI models;"),
        ("R2", "(B)", "submit a report to the President on these risks."),
    ]


def test_the_plan_a_notice_issues_is_the_document_itself() -> None:
    # The title block is followed by the document number, which the title lookup joins to it.
    blocks = [
        Block(1, "title", "国务院关于印发“十四五”数字经济发展规划的通知", BOX, language="zh"),
        Block(1, "front_matter", "国发〔2021〕29号", BOX, language="zh"),
        Block(
            1,
            "body",
            "现将《“十四五”数字经济发展规划》印发给你们。本规划依据《网络安全法》制定。",
            BOX,
            language="zh",
        ),
    ]
    mentions, _ = find_policy_mentions(blocks, EMPTY)
    assert [m.mention_text for m in mentions] == ["《网络安全法》"]


def test_a_white_paper_is_policy_when_a_public_body_issues_it() -> None:
    assert names(
        "The European Commission's White Paper on Artificial Intelligence was published in 2020."
    ) == [("White Paper on Artificial Intelligence", "report")]
    assert names("In 2020 the European Commission published a White Paper on Artificial Intelligence.") == [
        ("White Paper on Artificial Intelligence", "report")
    ]
    assert names("CAICT published the White Paper on the Development of China’s Digital Economy.") == []
    assert (
        names(
            "The White Paper on the Development of China’s Digital Economy (2021) released by the China "
            "Academy of Information and Communications Technology shows growth."
        )
        == []
    )


def test_a_numbered_us_memorandum_is_an_instrument() -> None:
    assert names("Agencies follow OMB Memorandum M-24-10 and the Blueprint for an AI Bill of Rights.") == [
        ("OMB Memorandum M-24-10", "notice"),
        ("Blueprint for an AI Bill of Rights", "framework"),
    ]


def test_policy_implications_in_one_paragraph_of_prose(themes: Themes) -> None:
    prose = [
        "First, governments should expand broadband access in rural areas. Second, regulators",
        "should strengthen consumer protection in digital lending. Finally, central banks should",
        "improve data sharing with fintech firms.",
    ]
    expected = [
        ("R1", "First", "governments should expand broadband access in rural areas."),
        ("R2", "Second", "regulators should strengthen consumer protection in digital lending."),
        ("R3", "Finally", "central banks should improve data sharing with fintech firms."),
    ]
    for lead in (
        [],
        ["We find that digital finance raises household consumption. Three implications follow."],
    ):
        blocks = pdf_blocks(
            [
                *COVER,
                *INTRODUCTION,
                (15, "6. Conclusion and policy implications"),
                *((10, line) for line in lead),
                *((10, line) for line in prose),
                (15, "References"),
                (10, "[1] Smith, J. (2020). Digital finance. Journal of Finance."),
            ]
        )
        recs = extract_recommendations(blocks, themes)
        assert [(r.recommendation_id, r.label, r.text) for r in recs] == expected


def test_statements_and_reports_named_head_first_are_routine_documents() -> None:
    text = (
        "Each manager signs a Statement of Responsibilities and the Report of the Board is filed, "
        "while the G7 Leaders’ Statement on the Hiroshima AI Process and the AI Discussion Paper set policy."
    )
    assert [name for name, _ in names(text)] == [
        "G7 Leaders’ Statement on the Hiroshima AI Process",
        "AI Discussion Paper",
    ]


def test_proposed_hypotheses_are_not_recommendations(themes: Themes) -> None:
    blocks = [
        Block(1, "heading", "2. Theory and hypotheses", BOX, level=1),
        Block(1, "body", "Based on the above analysis, the following research hypotheses are proposed:", BOX),
        Block(1, "body", "(1) The digital economy raises total factor productivity.", BOX),
        Block(1, "body", "(2) The effect is stronger in eastern provinces.", BOX),
        Block(1, "heading", "3. Data", BOX, level=1),
        Block(1, "body", "We use a panel of 30 provinces.", BOX),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_policy_names_of_other_jurisdictions_and_non_policies() -> None:
    text = (
        "Executive Order 13859 launched the American AI Initiative; the National AI Strategy (2021) and the "
        "Digital Markets Act followed, while the China Statistical Yearbook and the Global Innovation Index "
        "2021 supplied data."
    )
    assert names(text) == [
        ("Executive Order 13859", "order"),
        ("American AI Initiative", "initiative"),
        ("National AI Strategy", "strategy"),
        ("Digital Markets Act", "law"),
    ]
    assert names("中共中央、国务院印发《关于构建数据基础制度更好发挥数据要素作用的意见》。") == [
        ("《关于构建数据基础制度更好发挥数据要素作用的意见》", "opinions")
    ]
