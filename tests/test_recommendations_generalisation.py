"""Recommendations that generalise: plan hierarchies, memoranda directives, lists judged by their items."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from flows.core.extractors.recommendations import Recommendation, Themes, extract_recommendations, load_themes
from flows.core.layout import extract_document
from flows.core.model import Block

REPO = Path(__file__).resolve().parents[1]
Line = tuple[int, str]  # (font size, text): 14 for headings, 10 for body lines, 0 for a page break


@pytest.fixture(scope="module")
def themes() -> Themes:
    """The theme taxonomy seed."""
    return load_themes(REPO / "dbt_project" / "seeds" / "themes.csv")


def pdf_blocks(lines: list[Line], chinese: bool = False) -> list[Block]:
    """Draw lines top-down on A4 pages (bold headings after a gap) and read them back as blocks."""
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


def zh(kind: str, text: str, page: int = 1) -> Block:
    """A Chinese block (headings at level 1)."""
    return Block(page, kind, text, (0, 0, 1, 1), level=1 if kind == "heading" else 0, language="zh")


def en(kind: str, text: str, level: int = 1, page: int = 1) -> Block:
    """An English block (headings at the given level)."""
    return Block(page, kind, text, (0, 0, 1, 1), level=level if kind == "heading" else 0)


def top(recs: list[Recommendation], width: int = 12) -> list[tuple[str, str]]:
    """(label, opening characters) of each top-level recommendation."""
    return [(r.label, r.text[:width]) for r in recs if r.parent_id is None]


# --- Chinese plans -------------------------------------------------------------------------------


def test_measures_whose_chapters_hold_no_sub_items_are_the_chapters_and_the_annex_is_left_out(
    themes: Themes,
) -> None:
    # 若干措施 (municipal measures): each 一、 run-in heading is one measure; the attached guideline
    # (附件) has chapters and (一) conditions of its own, which are not measures.
    blocks = [
        zh("heading", "一、强化算力服务支撑。加大普惠算力供给，建设市级算力公共服务平台。"),
        zh("body", "设立算力服务券，对人工智能企业给予支持。（责任单位：市数据局）"),
        zh("heading", "二、畅通高质量数据要素供给。夯实公共数据底座。"),
        zh("body", "系统归集整合医疗、气象、交通等领域公共数据。"),
        zh("heading", "三、支持模型工具研发应用。鼓励各类创新主体研发开发工具。"),
        zh("body", "本措施自2026年3月18日起施行。"),
        zh("body", "附件：生态社区建设指引"),
        zh("heading", "一、工作目标"),
        zh("body", "到2028年，建成生态社区10个。"),
        zh("heading", "二、基本条件"),
        zh("heading", "（一）专业服务：具备接入普惠算力的能力。"),
        zh("heading", "（二）场地设施：核心办公面积不少于3000平方米。"),
        zh("heading", "三、认定流程"),
        zh("body", "市科创局每年发布认定通知。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 8) == [
        ("一、", "强化算力服务支撑"),
        ("二、", "畅通高质量数据要"),
        ("三、", "支持模型工具研发"),
    ]


def test_a_chapter_the_layout_ran_into_its_text_is_found_by_its_number(themes: Themes) -> None:
    # 三、 is set as body text with its introduction run on; its (一)(二) headings are still measures,
    # and the run-on 一、发展环境 frames the plan.
    blocks = [
        zh("body", "一、发展环境“十三五”时期，各地区各部门扎实推进文物工作，文物事业取得显著进步。"),
        zh("heading", "二、总体要求"),
        zh("heading", "（一）指导思想。"),
        zh("body", "高举中国特色社会主义伟大旗帜。"),
        zh("body", "三、强化文物资源管理和文物安全工作坚持以确保文物资源安全为核心，统筹做好管理工作。"),
        zh("heading", "（一）健全文物资源管理体制。"),
        zh("body", "完善文物登录制度。"),
        zh("heading", "（二）建设国家文物资源大数据库。"),
        zh("body", "系统整合全国不可移动文物资源数据库。"),
        zh("heading", "四、全面加强文物科技创新"),
        zh("heading", "（一）深化基础研究。"),
        zh("body", "部署基础研究重点任务。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 8) == [
        ("（一）", "健全文物资源管理"),
        ("（二）", "建设国家文物资源"),
        ("（一）", "深化基础研究。"),
    ]


def test_a_task_chapter_named_after_the_environment_it_improves_is_not_framing(themes: Themes) -> None:
    blocks = [
        zh("heading", "一、发展环境"),
        zh("body", "我国信息化取得长足进展。"),
        zh("heading", "二、不断优化信息化发展环境"),
        zh("heading", "（一）推进信息化法治建设"),
        zh("heading", "（二）加强网络生态治理"),
        zh("heading", "三、保障措施"),
        zh("heading", "（一）强化组织领导"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [t for _, t in top(recs)] == ["推进信息化法治建设", "加强网络生态治理", "强化组织领导"]


def test_contents_entries_and_project_boxes_are_not_measures(themes: Themes) -> None:
    # A provincial plan: a contents page repeats the measures with leader dots, and each chapter ends
    # with a 专栏 box of numbered projects that restart at 1.
    blocks = [
        zh("body", "一、背景形势..................................... 1"),
        zh("body", "三、构筑文物安全防护体系......................... 6"),
        zh("body", "5.加强安全制度建设............................... 6"),
        zh("body", "专栏 1 构筑文物安全防护体系....................... 9"),
        zh("heading", "一、背景形势", page=3),
        zh("body", "文物是荆楚文化源远流长的实物见证。", page=3),
        zh("heading", "二、总体要求", page=3),
        zh("heading", "3.指导思想", page=3),
        zh("body", "深入贯彻习近平总书记关于文物工作重要论述。", page=3),
        zh("heading", "三、构筑文物安全防护体系", page=4),
        zh("heading", "5.加强安全制度建设", page=4),
        zh("body", "落实文物安全责任制。", page=4),
        zh("heading", "6.提升安全监管水平", page=4),
        zh("body", "落实日常检查巡查。", page=4),
        zh("body", "专栏 1 构筑文物安全防护体系", page=4),
        zh("body", "1.楚天文物平安工程：实施全国重点文物保护单位安全防护工程。", page=4),
        zh("body", "2.文物行政执法能力提升工程：组织开展执法人员培训。", page=4),
        zh("heading", "四、加强考古科研创新", page=5),
        zh("heading", "7.深化考古研究，提升科技含量", page=5),
        zh("body", "提高考古工作规划水平。", page=5),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 8) == [
        ("5.", "加强安全制度建设"),
        ("6.", "提升安全监管水平"),
        ("7.", "深化考古研究，提"),
    ]
    assert all(r.page >= 4 for r in recs)


def test_sub_items_whose_opening_bracket_the_text_layer_lost(themes: Themes) -> None:
    blocks = [
        zh("heading", "一、规划背景"),
        zh("body", "革命文物承载党和人民英勇奋斗的光荣历史。"),
        zh("heading", "二、总体要求"),
        zh("body", "一）指导思想以习近平新时代中国特色社会主义思想为指导。"),
        zh("heading", "三、主要任务"),
        zh("body", "一）推进整体保护持续开展革命文物资源普查。"),
        zh("body", "二）深化系统研究整合文物、党史、军史研究力量。"),
        zh("heading", "四、实施保障"),
        zh("body", "一）加强组织协调各级文物主管部门要细化具体任务。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 6) == [("一）", "推进整体保护"), ("二）", "深化系统研究"), ("一）", "加强组织协调")]


def test_chinese_plan_with_contents_page_read_from_a_pdf(themes: Themes) -> None:
    lines: list[Line] = [
        (14, "目录"),
        (10, "一、发展形势........................ 1"),
        (10, "二、主要任务........................ 2"),
        (10, "1.加强安全制度建设.................. 2"),
        (10, "2.提升安全监管水平.................. 3"),
        (0, ""),
        (14, "一、发展形势"),
        (10, "文物是中华文明的实物见证。"),
        (14, "二、主要任务"),
        (14, "1.加强安全制度建设"),
        (10, "落实文物安全责任制。"),
        (14, "2.提升安全监管水平"),
        (10, "落实日常检查巡查。"),
    ]
    recs = extract_recommendations(pdf_blocks(lines, chinese=True), themes)
    assert top(recs, 8) == [("1.", "加强安全制度建设"), ("2.", "提升安全监管水平")]
