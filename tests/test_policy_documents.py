"""Regression fixtures: the enumeration styles of policy documents and papers, read from generated PDFs."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from flows.core.document import tables_for
from flows.core.extractors.policies import Registry, find_policy_mentions
from flows.core.extractors.recommendations import Recommendation, Themes, extract_recommendations, load_themes
from flows.core.extractors.recommendations.targets import actor_of
from flows.core.knowledge import load_knowledge
from flows.core.layout import extract_document
from flows.core.model import Block, Document

REPO = Path(__file__).resolve().parents[1]
EMPTY = Registry.from_policies([])
BOX = (0.0, 0.0, 1.0, 1.0)
Line = tuple[int, str]  # (font size, text): 15 for headings, 10 for body lines, 0 for a page break


@pytest.fixture(scope="module")
def themes() -> Themes:
    """The theme taxonomy seed."""
    return load_themes(REPO / "dbt_project" / "seeds" / "themes.csv")


def pdf_blocks(lines: list[Line], chinese: bool = False) -> list[Block]:
    """Draw lines top-down on A4 pages (a gap before each heading) and read them back as blocks."""
    font = "Helvetica"
    if chinese:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = 780.0
    for size, text in lines:
        if size > 10:
            y -= 14
        if y < 80 or size == 0:
            c.showPage()
            y = 780.0
        if size == 0:
            continue  # a page break
        c.setFont(font if chinese or size == 10 else "Helvetica-Bold", size)
        c.drawString(60, y, text)
        y -= size + 12 if size == 10 else size + 10
    c.showPage()
    c.save()
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as pdf:
        return list(extract_document(pdf).blocks)


def tree(recs: list[Recommendation]) -> list[tuple[str, str | None, str, str]]:
    """(id, parent_id, label, first 12 characters of text) per recommendation."""
    return [(r.recommendation_id, r.parent_id, r.label, r.text[:12]) for r in recs]


def zh(kind: str, text: str) -> Block:
    """A Chinese block (headings at level 1)."""
    return Block(1, kind, text, (0, 0, 1, 1), level=1 if kind == "heading" else 0, language="zh")


# An opening section, so that the lists below sit in the body rather than on a cover page.
INTRODUCTION: list[Line] = [
    (15, "1. Introduction"),
    (10, "This document sets out how the work will be organised over the next five years."),
    (10, "It draws on evidence gathered from researchers, universities and industry."),
    (10, "The sections below state what will be done and by whom."),
]


def test_chinese_plan_tasks_under_chapters_with_numbered_measures(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            (18, "数据产业发展行动计划"),
            (15, "一、总体要求"),
            (10, "（一）指导思想。坚持稳中求进工作总基调。"),
            (10, "（二）发展目标。到2027年，数据产业规模明显扩大。"),
            (15, "二、重点任务"),
            (10, "（一）加强数据基础设施建设。统筹布局算力网络。"),
            (10, "1．建设国家数据中心集群。国家数据局会同有关部门负责。"),
            (10, "2．完善网络传输体系。到2026年底前完成骨干网改造。"),
            (10, "（二）培育数据要素市场。建立数据交易规则。"),
            (15, "三、保障措施"),
            (10, "（三）加强组织领导。各地区各部门要抓好落实。"),
        ],
        chinese=True,
    )
    recs = extract_recommendations(blocks, themes)
    assert tree(recs) == [
        ("R1", None, "（一）", "加强数据基础设施建设。统"),
        ("R1.1", "R1", "1．", "建设国家数据中心集群。国"),
        ("R1.2", "R1", "2．", "完善网络传输体系。到20"),
        ("R2", None, "（二）", "培育数据要素市场。建立数"),
        ("R3", None, "（三）", "加强组织领导。各地区各部"),
    ]
    assert [r.actor for r in recs] == ["", "国家数据局", "", "", "各地区各部门"]
    assert [r.target_year for r in recs] == [None, None, 2026, None, None]


def test_chapter_heading_run_together_with_its_first_item(themes: Themes) -> None:
    blocks = [
        zh("heading", "一、总体思路"),
        zh("heading", "二、实施能力建设行动（一）构建可信管控能力"),
        zh("body", "（二）提高资源交互能力引导运营者提供服务。"),
        zh("heading", "三、保障措施"),
        zh("body", "（三）加强统筹联动国家数据主管部门会同相关部门推进。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert tree(recs) == [
        ("R1", None, "（一）", "构建可信管控能力"),
        ("R2", None, "（二）", "提高资源交互能力引导运营"),
        ("R3", None, "（三）", "加强统筹联动国家数据主管"),
    ]
    assert recs[2].actor == "国家数据主管部门"


def test_numbered_actions_once_each_with_the_body_that_delivers_them(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            (18, "A Strategy for Science"),
            *INTRODUCTION,
            (15, "2. Summary of actions"),
            (10, "Action 1: Build a national data service for researchers."),
            (10, "Action 2: Fund new doctoral training in data science."),
            (10, "Action 3: Launch a pilot on shared laboratory data."),
            (15, "3. Pillar 1: Data"),
            (10, "Action 1: Build a national data service for researchers."),
            (10, "Delivery: the Research Council will publish a plan by 2026."),
            (10, "Action 2: Fund new doctoral training in data science."),
            (10, "Action 3: Launch a pilot on shared laboratory data."),
        ]
    )
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.parent_id, r.label, r.text) for r in recs] == [
        ("R1", None, "Action 1", "Build a national data service for researchers."),
        ("R2", None, "Action 2", "Fund new doctoral training in data science."),
        ("R3", None, "Action 3", "Launch a pilot on shared laboratory data."),
    ]


def test_numbered_recommendations_of_a_report(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            (18, "Teaching Digital Skills in Schools"),
            *INTRODUCTION,
            (15, "2. Conclusions and recommendations"),
            (10, "Recommendation 1. The Department for Education should fund teacher training."),
            (10, "Recommendation 2. Ofqual must review the computing qualification by 2027."),
            (10, "Recommendation 3. The Government should publish a skills strategy."),
        ]
    )
    recs = extract_recommendations(blocks, themes)
    assert [(r.label, r.actor, r.target_year) for r in recs] == [
        ("Recommendation 1", "Department for Education", None),
        ("Recommendation 2", "", 2027),
        ("Recommendation 3", "Government", None),
    ]


def test_bulleted_list_after_we_recommend(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            (18, "Guidelines for Trustworthy Systems"),
            *INTRODUCTION,
            (15, "2. Key guidance"),
            (10, "Based on our review, we recommend the following actions:"),
            (10, "\u2022 Adopt an assessment list when deploying a system."),
            (10, "\u2022 Keep records of the data used for training."),
            (10, "\u2022 Involve stakeholders throughout the life cycle."),
            (10, "These actions are not exhaustive and will be revised."),
        ]
    )
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.parent_id, r.text) for r in recs] == [
        ("R1", None, "Adopt an assessment list when deploying a system."),
        ("R2", None, "Keep records of the data used for training."),
        ("R3", None, "Involve stakeholders throughout the life cycle."),
    ]


def test_bullet_glyph_blocks_before_their_items(themes: Themes) -> None:
    blocks = [
        Block(1, "heading", "Executive summary", (0, 0, 1, 1), level=1),
        Block(1, "body", "Key guidance derived from Chapter I:", (0, 0, 1, 1)),
        Block(1, "body", "\uf0fc", (0, 0, 1, 1)),
        Block(1, "body", "\uf0fc", (0, 0, 1, 1)),
        Block(1, "body", "Develop systems that respect human autonomy.", (0, 0, 1, 1)),
        Block(1, "body", "Pay attention to vulnerable groups.", (0, 0, 1, 1)),
        Block(1, "body", "The guidelines are structured in three chapters:", (0, 0, 1, 1)),
        Block(1, "body", "\uf0fc", (0, 0, 1, 1)),
        Block(1, "body", "Chapter I – Foundations: sets out the principles.", (0, 0, 1, 1)),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [r.text for r in recs] == [
        "Develop systems that respect human autonomy.",
        "Pay attention to vulnerable groups.",
    ]


def test_chinese_paper_suggestions_in_di_yi_di_er_prose(themes: Themes) -> None:
    blocks = pdf_blocks(
        [
            (18, "数字经济与高质量发展研究"),
            (15, "一、引言"),
            (10, "数字经济已经成为经济增长的重要引擎。"),
            (15, "五、对策建议"),
            (10, "第一，加快数字基础设施建设，推进算力网络布局。"),
            (10, "第二，培育数据要素市场，完善数据交易制度。"),
            (10, "第三，加强数字人才培养，提升劳动者数字技能。"),
        ],
        chinese=True,
    )
    recs = extract_recommendations(blocks, themes)
    assert tree(recs) == [
        ("R1", None, "第一", "加快数字基础设施建设，推"),
        ("R2", None, "第二", "培育数据要素市场，完善数"),
        ("R3", None, "第三", "加强数字人才培养，提升劳"),
    ]


def names(text: str, kind: str = "body", title: str = "") -> list[tuple[str, str]]:
    """(mention_text, policy_type) of the policies found in one block, with an empty registry."""
    blocks = [Block(1, "title", title, (0, 0, 1, 1))] if title else []
    blocks.append(Block(1, kind, text, (0, 0, 1, 1)))
    mentions, provisional = find_policy_mentions(blocks, EMPTY)
    types = {p.policy_id: p.policy_type for p in provisional}
    return [(m.mention_text, types[m.policy_id]) for m in mentions]


def test_english_named_instruments_without_the_registry() -> None:
    text = (
        "Firms must comply with the Financial Services and Markets Act 2000, the UK General Data "
        "Protection Regulation and the Data Protection Act 2018, as set out in the Government's White "
        "Paper AI Regulation: A Pro-innovation Approach and in Regulation (EU) 2024/1689."
    )
    assert names(text) == [
        ("Financial Services and Markets Act 2000", "law"),
        ("UK General Data Protection Regulation", "regulations"),
        ("Data Protection Act 2018", "law"),
        ("White Paper AI Regulation: A Pro-innovation Approach", "report"),
        ("Regulation (EU) 2024/1689", "regulations"),
    ]


def test_quoted_title_with_a_document_number_and_merged_spellings() -> None:
    text = (
        "We published a Consultation Paper - \u201cOperational resilience: Critical third parties to the UK "
        "financial sector\u201d (CP26/23). The Treaty on European Union and the Treaty of the European Union "
        "are one treaty."
    )
    mentions, provisional = find_policy_mentions([Block(1, "body", text, (0, 0, 1, 1))], EMPTY)
    assert [m.mention_text for m in mentions] == [
        "Operational resilience: Critical third parties to the UK financial sector",
        "Treaty on European Union",
        "Treaty of the European Union",
    ]
    assert len(provisional) == 2 and mentions[1].policy_id == mentions[2].policy_id


def test_chinese_titles_reports_are_not_policies_and_wrapped_titles_join() -> None:
    blocks = [
        zh("title", "国务院关于印发"),
        zh("front_matter", "“十三五”国家信息化规划的通知"),
        zh("body", "为贯彻落实《“十三五”国家信息化规划》和《国家信息化发展"),
        Block(
            1,
            "body",
            "战略纲要》，加快实施《中国制造2025》。据《中国数字经济发展白皮书（2017）》和《管理世界》统计。",
            (0, 0, 1, 1),
            language="zh",
        ),
    ]
    mentions, provisional = find_policy_mentions(blocks, EMPTY)
    assert [m.mention_text for m in mentions] == ["《国家信息化发展战略纲要》", "《中国制造2025》"]
    assert {p.source for p in provisional} == {""}  # the document id is added when the rows are written


def test_closing_suggestions_of_a_conclusion_with_first_second(themes: Themes) -> None:
    blocks = [
        Block(1, "heading", "6 Conclusions", (0, 0, 1, 1), level=1),
        Block(1, "body", "The digital economy raises productivity in every region we studied.", (0, 0, 1, 1)),
        Block(
            2,
            "body",
            "Growth is uneven across provinces. Therefore, it is necessary to narrow the digital gap. "
            "First, the state should extend broadband to rural areas. Second, local governments should "
            "train workers in digital skills.",
            (0, 0, 1, 1),
        ),
        Block(2, "heading", "References", (0, 0, 1, 1), level=1),
        Block(2, "reference", "[1] A reference.", (0, 0, 1, 1)),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.parent_id, r.label, r.text) for r in recs] == [
        (
            "R1",
            None,
            "",
            "Therefore, it is necessary to narrow the digital gap. First, the state should extend broadband "
            "to rural areas. Second, local governments should train workers in digital skills.",
        ),
        ("R1.1", "R1", "First", "the state should extend broadband to rural areas."),
        ("R1.2", "R1", "Second", "local governments should train workers in digital skills."),
    ]


def test_chapter_label_printed_on_its_own_line(themes: Themes) -> None:
    blocks = [
        zh("heading", "一、"),
        zh("heading", "总体要求"),
        zh("body", "（一）指导思想。坚持稳中求进。"),
        zh("heading", "二、"),
        zh("heading", "重点任务"),
        zh("body", "（一）建设算力网络。到2025年建成国家枢纽。"),
        zh("body", "（二）完善数据制度。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.label, r.text, r.target_year) for r in recs] == [
        ("R1", "（一）", "建设算力网络。到2025年建成国家枢纽。", 2025),
        ("R2", "（二）", "完善数据制度。", None),
    ]


def test_paragraphs_that_recommend_or_commit_outside_any_heading(themes: Themes) -> None:
    blocks = [
        Block(1, "heading", "3 Findings", BOX, level=1),
        Block(1, "body", "Evidence shows that local authorities lack digital staff.", BOX),
        Block(1, "body", "We recommend that the Department funds a digital academy for councils.", BOX),
        Block(1, "body", "The Government will publish a data strategy for local services by 2026.", BOX),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [(r.recommendation_id, r.actor, r.target_year) for r in recs] == [
        ("R1", "", None),
        ("R2", "Government", 2026),
    ]
    assert recs[0].text.startswith("We recommend that the Department funds")


def test_provisional_policy_rows_name_the_document_they_were_extracted_from() -> None:
    blocks = [zh("body", "国务院印发《数字乡村发展行动计划》，提出到2025年的目标。")]
    document = Document(page_count=1, blocks=blocks)
    knowledge = dataclasses.replace(load_knowledge(), registry=EMPTY)
    rows = tables_for(document, "0123456789abcdef", "0123456789abcdef" + "0" * 48, knowledge)
    assert [(r["name_zh"], r["source"]) for r in rows["provisional_policies"]] == [
        ("数字乡村发展行动计划", "extracted:0123456789abcdef"),
    ]


def test_an_actor_is_named_without_its_determiner() -> None:
    assert actor_of("My Administration will publish guidance for agencies.") == "Administration"
    assert actor_of("The Department for Education will fund tutors.") == "Department for Education"
    assert actor_of("国家发展改革委会同有关部门制定方案。") == "国家发展改革委"
