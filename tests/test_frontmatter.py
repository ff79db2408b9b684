"""Front matter and document kinds on small generated PDFs, each named after the failure it reproduces."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from flows.core.layout import extract_document
from flows.core.model import Document, Para

BODY = (
    "Digital platforms change how firms search for workers and how workers search for firms. "
    "This paragraph is ordinary running text set in the body size, long enough to fill several "
    "lines so that the page carries the amount of text a real document does, and it ends here."
)
ZH_BODY = "为加快数字经济发展，推动数字技术与实体经济深度融合，提升公共服务数字化水平，制定本规划。" * 6


def _extract(data: bytes) -> Document:
    """Extract a PDF held in memory."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return extract_document(pdf)


def _body(c: canvas.Canvas, y: float, paragraphs: int, font: str = "Times-Roman") -> None:
    """Draw ordinary body paragraphs from height y down."""
    for _ in range(paragraphs):
        for line in textwrap.wrap(BODY, 95):
            c.setFont(font, 10)
            c.drawString(72, y, line)
            y -= 13
        y -= 10


def test_two_line_title_under_journal_banner() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    c.setFont("Times-Roman", 7)
    c.drawCentredString(297, height - 40, "Journal of Layout Studies 12 (2021) 101-110")
    c.setFont("Times-Roman", 17)
    c.drawCentredString(297, height - 80, "Journal of Layout Studies")
    c.setFont("Times-Bold", 15)
    c.drawString(72, height - 140, "Whole Titles Survive a Line Break When the Type")
    c.drawString(72, height - 158, "Size Stays the Same Down the Page")
    c.setFont("Times-Roman", 11)
    c.drawString(72, height - 185, "Ann Lee, Bo Chen")
    _body(c, height - 230, 4)
    c.showPage()
    c.save()
    doc = _extract(buf.getvalue())
    assert doc.title == ("Whole Titles Survive a Line Break When the Type Size Stays the Same Down the Page")
    assert doc.authors == ["Ann Lee", "Bo Chen"]
    assert [b.kind for b in doc.blocks].count("title") == 1


def test_metadata_title_picks_the_page_block_it_agrees_with() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle("Metadata Agrees With the Printed Title")
    _, height = A4
    c.setFont("Helvetica", 20)
    c.drawString(72, height - 70, "Quarterly Notes Press")
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, height - 120, "Metadata Agrees With the Printed Title")
    _body(c, height - 170, 4)
    c.showPage()
    c.save()
    assert _extract(buf.getvalue()).title == "Metadata Agrees With the Printed Title"


def test_chinese_notice_wrapping_a_plan() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    c.setFont("STSong-Light", 20)
    c.drawCentredString(297, height - 130, "国务院关于印发")
    c.drawCentredString(297, height - 156, "数字服务发展规划的通知")
    c.setFont("STSong-Light", 14)
    c.drawCentredString(297, height - 185, "国发〔2021〕29号")
    c.drawString(80, height - 230, "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
    c.drawString(100, height - 258, "现将《数字服务发展规划》印发给你们，请认真贯彻执行。")
    c.drawString(370, height - 300, "国务院")
    c.drawString(350, height - 325, "2021年12月12日")
    c.setFont("STSong-Light", 20)
    c.drawCentredString(297, height - 400, "数字服务发展规划")
    c.setFont("STSong-Light", 14)
    y = height - 440
    for start in range(0, len(ZH_BODY), 30):
        c.drawString(80, y, ZH_BODY[start : start + 30])
        y -= 22
    c.showPage()
    c.save()
    doc = _extract(buf.getvalue())
    assert doc.title == "数字服务发展规划"
    assert doc.document_kind == "policy"
    assert doc.issuers == ["国务院"]
    assert doc.document_number == "国发〔2021〕29号"
    assert (doc.issued_date, doc.year, doc.jurisdiction) == ("2021-12-12", 2021, "CN")
    assert doc.authors == []


def test_author_line_with_affiliation_digits_and_orcid_mark() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    c.setFont("Helvetica", 8)
    c.drawString(72, height - 60, "RESEARCH ARTICLE")
    c.setFont("Helvetica", 18)
    c.drawString(72, height - 90, "Names Come Without Their Marks")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(72, height - 120, "Wei Zhang1, Siqi ZhaoID*, Xiaoyu Wan1,2 and Yuan Yao2")
    c.setFont("Helvetica", 8)
    c.drawString(72, height - 138, "1 School of Economics, Chongqing University, Chongqing, China")
    c.setFont("Helvetica", 10)
    c.drawString(72, height - 170, "Abstract: A short abstract says what the paper finds about names.")
    c.drawString(72, height - 190, "Keywords: names; marks; bylines")
    _body(c, height - 230, 4, "Helvetica")
    c.showPage()
    c.save()
    doc = _extract(buf.getvalue())
    assert doc.title == "Names Come Without Their Marks"
    assert doc.authors == ["Wei Zhang", "Siqi Zhao", "Xiaoyu Wan", "Yuan Yao"]
    assert doc.affiliations == ["School of Economics, Chongqing University, Chongqing, China"]
    assert (doc.document_kind, doc.issuers) == ("paper", [])


def test_english_policy_names_its_issuer_and_number_not_people_as_authors() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    c.setFont("Times-Bold", 10)
    c.drawString(72, height - 60, "Executive Order 14321 of March 3, 2025")
    c.setFont("Times-Bold", 16)
    c.drawString(72, height - 90, "Safer Public Data Services")
    c.setFont("Times-Roman", 11)
    c.drawString(72, height - 115, "Foreword by Jane Smith and Tom Brown")
    _body(c, height - 150, 5)
    c.showPage()
    c.save()
    doc = _extract(buf.getvalue())
    assert doc.title == "Safer Public Data Services"
    assert (doc.document_kind, doc.document_number) == ("policy", "Executive Order 14321")
    assert (doc.issued_date, doc.year, doc.jurisdiction) == ("2025-03-03", 2025, "US")
    assert doc.authors == []


def test_page_with_little_text_is_kind_other() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(3):
        c.setFont("Helvetica", 10)
        c.drawString(72, 700, "This document can only be viewed in a newer PDF viewer.")
        c.showPage()
    c.save()
    doc = _extract(buf.getvalue())
    assert (doc.document_kind, doc.issuers, doc.document_number) == ("other", [], "")


def test_metadata_authors_only_where_printed_on_page_one() -> None:
    def paper(author_meta: str) -> Document:
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=A4)
        c.setAuthor(author_meta)
        _, height = A4
        c.setFont("Helvetica", 18)
        c.drawString(72, height - 80, "Bylines Set With Slashes")
        c.setFont("Helvetica", 10)
        # A separator the byline parser does not read; spaced middle dots are read from the page itself.
        c.drawString(72, height - 110, "Ann Lee / Bo Chen")
        _body(c, height - 150, 4, "Helvetica")
        c.showPage()
        c.save()
        return _extract(buf.getvalue())

    assert paper("Ann Lee; Bo Chen").authors == ["Ann Lee", "Bo Chen"]
    assert paper("Carl Diaz").authors == []


def test_issuing_bodies_from_runs_titles_and_acronyms() -> None:
    from flows.core.extractors.frontmatter.issuance import chinese_bodies, defined_bodies, english_bodies

    assert chinese_bodies("中共中央办公厅 国务院办公厅") == ["中共中央办公厅", "国务院办公厅"]
    assert chinese_bodies("国家互联网信息办公室中华人民共和国教育部国家广播电视总局") == [
        "国家互联网信息办公室",
        "中华人民共和国教育部",
        "国家广播电视总局",
    ]
    assert english_bodies("SET UP BY THE HIGH-LEVEL EXPERT GROUP ON ARTIFICIAL INTELLIGENCE") == [
        "High-Level Expert Group on Artificial Intelligence"
    ]
    text = "Ministers in the Department for Science, Innovation and Technology (DSIT) said so."
    assert defined_bodies(text) == {"Department for Science, Innovation and Technology": "DSIT"}


def test_cover_whose_largest_line_is_the_issuing_body() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    c.setFont("Helvetica-Bold", 28)
    c.drawString(72, height - 90, "EUROPEAN COMMISSION")
    c.setFont("Helvetica-Bold", 22)
    c.drawString(72, height - 300, "Guidelines on Sharing Public Data")
    c.showPage()
    _body(c, height - 80, 6, "Helvetica")
    c.showPage()
    c.save()
    doc = _extract(buf.getvalue())
    assert doc.title == "Guidelines on Sharing Public Data"
    assert (doc.document_kind, doc.issuers, doc.jurisdiction) == ("policy", ["European Commission"], "EU")


def test_notice_headlines_name_the_issued_document() -> None:
    from flows.core.extractors.frontmatter.issuance import _unwrap_notice

    cases = {
        "中共中央办公厅国务院办公厅印发《国家信息化发展战略纲要》": (
            "国家信息化发展战略纲要",
            ["中共中央办公厅", "国务院办公厅"],
        ),
        "关于印发《数字服务发展规划》的通知": ("数字服务发展规划", []),
        "中共中央 国务院关于加快建设统一大市场的意见": (
            "中共中央 国务院关于加快建设统一大市场的意见",
            ["中共中央", "国务院"],
        ),
        "发布会在京举行": ("发布会在京举行", []),
    }
    for headline, (title, issuers) in cases.items():
        doc = Document(page_count=1, title=headline)
        assert (_unwrap_notice(doc), doc.title) == (issuers, title)


def test_run_summary_names_documents_of_kind_other() -> None:
    from flows.pipeline import RunSummary
    from flows.surface.cli import format_summary

    summary = RunSummary(run_id="r1", status="success", published=True, other_documents=["viewer-stub.pdf"])
    assert "  little text (kind other): viewer-stub.pdf" in format_summary(summary).splitlines()


def test_scanned_cover_title_skips_series_banner() -> None:
    from flows.core.layout.title import title_among

    cover = [
        "NBER WORKING PAPER SERIES",
        "PRICES OF NEW GOODS AND THE INDEX",
        "Jerry Hausman",
        "Working Paper 5982",
    ]
    assert title_among(cover) == 1
    assert title_among(["OPEN ACCESS", "RESEARCH ARTICLE", "A Title"]) == 2


def test_bylines_with_accents_spaced_chinese_names_and_marks() -> None:
    from flows.core.extractors.frontmatter.fields import split_authors

    assert split_authors("José García¹, Zoë Müller-Łęcka²,* and Ana de Souza") == [
        "José García",
        "Zoë Müller-Łęcka",
        "Ana de Souza",
    ]
    assert split_authors("王 娟1，张 一2，李由君1") == ["王娟", "张一", "李由君"]
    assert split_authors("Contents") == []


def test_byline_under_a_subtitle() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    c.setFont("Helvetica-Bold", 20)
    c.drawString(72, height - 80, "Reading Order in Practice")
    c.setFont("Helvetica", 13)
    c.drawString(72, height - 105, "Evidence from Two-Column Layouts")
    c.setFont("Helvetica", 10)
    c.drawString(72, height - 130, "Ann Lee and Bo Chen")
    _body(c, height - 170, 4, "Helvetica")
    c.showPage()
    c.save()
    doc = _extract(buf.getvalue())
    assert (doc.title, doc.authors) == ("Reading Order in Practice", ["Ann Lee", "Bo Chen"])


# --- first pages of kinds the gold set does not hold (review R2) --------------------------------------


def _page(draw: Callable[[canvas.Canvas, float], None]) -> Document:
    """Draw one A4 page with draw(canvas, height) and extract it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    draw(c, A4[1])
    c.showPage()
    c.save()
    return _extract(buf.getvalue())


def test_mdpi_style_page_published_date_in_small_type() -> None:
    def draw(c: canvas.Canvas, h: float) -> None:
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, h - 50, "sustainability")
        c.setFont("Helvetica", 10)
        c.drawString(72, h - 80, "Article")
        c.setFont("Helvetica-Bold", 17)
        c.drawString(72, h - 105, "Digital Finance and Green Innovation: Evidence from")
        c.drawString(72, h - 125, "Chinese Listed Manufacturing Firms")
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, h - 150, "Li Wang \u00b9, Mei Zhang \u00b2,* and Hans Keller \u00b9")
        c.setFont("Helvetica", 8)
        c.drawString(72, h - 168, "\u00b9 School of Economics, Fudan University, Shanghai 200433, China")
        c.drawString(72, h - 195, "Citation: Wang, L.; Zhang, M.; Keller, H. Sustainability 2023, 15, 4321.")
        c.drawString(
            72, h - 205, "Received: 3 January 2023   Accepted: 1 March 2023   Published: 12 March 2023"
        )
        c.setFont("Helvetica-Bold", 9)
        c.drawString(72, h - 225, "Abstract:")
        _body(c, h - 240, 3, "Helvetica")
        c.setFont("Helvetica", 9)
        c.drawString(72, h - 480, "Keywords: digital finance; green innovation; manufacturing")

    doc = _page(draw)
    assert (
        doc.title == "Digital Finance and Green Innovation: Evidence from Chinese Listed Manufacturing Firms"
    )
    assert doc.authors == ["Li Wang", "Mei Zhang", "Hans Keller"]
    assert (doc.document_kind, doc.year) == ("paper", 2023)


def test_springer_style_byline_separated_by_middle_dots() -> None:
    def draw(c: canvas.Canvas, h: float) -> None:
        c.setFont("Times-Roman", 8)
        c.drawString(72, h - 40, "Environmental Economics and Policy Studies (2022) 24:233\u2013255")
        c.setFont("Times-Roman", 9)
        c.drawString(72, h - 75, "RESEARCH ARTICLE")
        c.setFont("Times-Bold", 16)
        c.drawString(72, h - 100, "Carbon Pricing, Firm Exit and the Reallocation")
        c.drawString(72, h - 119, "of Output across European Regions")
        c.setFont("Times-Roman", 11)
        c.drawString(72, h - 145, "Anna Schmidt\u00b9 \u00b7 Pierre Dubois\u00b2")
        c.setFont("Times-Roman", 8)
        c.drawString(
            72,
            h - 165,
            "Received: 14 June 2021 / Accepted: 2 November 2021 / Published online: 20 November 2021",
        )
        c.setFont("Times-Bold", 9)
        c.drawString(72, h - 195, "Abstract")
        _body(c, h - 210, 4)

    doc = _page(draw)
    assert doc.title == "Carbon Pricing, Firm Exit and the Reallocation of Output across European Regions"
    assert doc.authors == ["Anna Schmidt", "Pierre Dubois"]
    assert (doc.document_kind, doc.year) == ("paper", 2021)


def test_chinese_journal_page_with_circled_marks() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def draw(c: canvas.Canvas, h: float) -> None:
        c.setFont("STSong-Light", 18)
        c.drawString(110, h - 90, "数字经济对区域创新效率的影响研究")
        c.setFont("STSong-Light", 11)
        c.drawString(200, h - 120, "王 娟\u2460  李明\u2461")
        c.setFont("STSong-Light", 8)
        c.drawString(
            120, h - 140, "（\u2460北京大学 经济学院，北京 100871；\u2461清华大学 公共管理学院，北京 100084）"
        )
        c.setFont("STSong-Light", 9)
        c.drawString(72, h - 165, "摘要：本文利用省级面板数据研究数字经济对区域创新效率的影响。")
        _body_zh(c, h - 185, 3)
        c.setFont("STSong-Light", 9)
        c.drawString(72, h - 330, "关键词：数字经济；创新效率；空间溢出")
        c.drawString(72, h - 345, "中图分类号：F061.5    文献标志码：A")
        c.drawString(72, h - 360, "收稿日期：2022-10-12；修回日期：2023-01-05")

    doc = _page(draw)
    assert (doc.title, doc.authors, doc.document_kind) == (
        "数字经济对区域创新效率的影响研究",
        ["王娟", "李明"],
        "paper",
    )


def test_guiding_opinion_names_its_issuer_and_its_body_is_body_text() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def draw(c: canvas.Canvas, h: float) -> None:
        c.setFont("STSong-Light", 14)
        c.drawCentredString(297, h - 80, "国办发〔2023〕12号")
        c.setFont("STSong-Light", 20)
        c.drawCentredString(297, h - 130, "国务院办公厅关于加快发展数字贸易的指导意见")
        c.setFont("STSong-Light", 12)
        c.drawString(72, h - 170, "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：")
        _body_zh(c, h - 195, 4)

    doc = _page(draw)
    assert doc.title == "国务院办公厅关于加快发展数字贸易的指导意见"
    assert (doc.issuers, doc.document_number) == (["国务院办公厅"], "国办发〔2023〕12号")
    assert (doc.document_kind, doc.year) == ("policy", 2023)
    assert [b.kind for b in doc.blocks if b.text.startswith("为加快")] == ["body"] * 4


def _body_zh(c: canvas.Canvas, y: float, paragraphs: int) -> None:
    """Draw Chinese body paragraphs (38 characters a line) from height y down."""
    for _ in range(paragraphs):
        for line in textwrap.wrap(ZH_BODY, 38):
            c.setFont("STSong-Light", 10)
            c.drawString(72, y, line)
            y -= 13
        y -= 10


def test_omb_memorandum_is_named_by_its_subject_and_numbered() -> None:
    def draw(c: canvas.Canvas, h: float) -> None:
        c.setFont("Times-Bold", 12)
        c.drawCentredString(297, h - 50, "EXECUTIVE OFFICE OF THE PRESIDENT")
        c.drawCentredString(297, h - 66, "OFFICE OF MANAGEMENT AND BUDGET")
        c.setFont("Times-Roman", 10)
        c.drawCentredString(297, h - 80, "WASHINGTON, D.C. 20503")
        c.setFont("Times-Bold", 11)
        c.drawString(420, h - 110, "March 28, 2024")
        c.drawString(72, h - 140, "M-24-10")
        c.setFont("Times-Roman", 11)
        c.drawString(72, h - 165, "MEMORANDUM FOR THE HEADS OF EXECUTIVE DEPARTMENTS AND AGENCIES")
        c.drawString(72, h - 185, "FROM: Shalanda D. Young, Director")
        c.drawString(
            72, h - 205, "SUBJECT: Advancing Governance, Innovation, and Risk Management for Agency Use"
        )
        c.drawString(72, h - 219, "of Artificial Intelligence")
        _body(c, h - 250, 5)

    doc = _page(draw)
    assert doc.title == (
        "Advancing Governance, Innovation, and Risk Management for Agency Use of Artificial Intelligence"
    )
    assert (doc.document_number, doc.document_kind, doc.year) == ("M-24-10", "policy", 2024)
    assert doc.issuers == ["Executive Office of the President"]
    assert doc.authors == []


def test_eu_communication_cover() -> None:
    def draw(c: canvas.Canvas, h: float) -> None:
        c.setFont("Times-Roman", 14)
        c.drawCentredString(297, h - 60, "EUROPEAN COMMISSION")
        c.setFont("Times-Roman", 10)
        c.drawString(400, h - 90, "Brussels, 19.2.2020")
        c.drawString(400, h - 102, "COM(2020) 66 final")
        c.setFont("Times-Bold", 11)
        c.drawCentredString(297, h - 160, "COMMUNICATION FROM THE COMMISSION TO THE EUROPEAN PARLIAMENT, THE")
        c.drawCentredString(
            297, h - 174, "COUNCIL, THE EUROPEAN ECONOMIC AND SOCIAL COMMITTEE AND THE COMMITTEE OF"
        )
        c.drawCentredString(297, h - 188, "THE REGIONS")
        c.setFont("Times-Bold", 16)
        c.drawCentredString(297, h - 230, "A European strategy for data")
        _body(c, h - 280, 4)

    doc = _page(draw)
    assert (doc.title, doc.document_number) == ("A European strategy for data", "COM(2020) 66 final")
    assert (doc.issuers, doc.document_kind, doc.year) == (["European Commission"], "policy", 2020)


def test_bodies_set_one_under_another_are_two_names() -> None:
    from flows.core.extractors.frontmatter.bodies import english_bodies

    assert english_bodies("EXECUTIVE OFFICE OF THE PRESIDENT OFFICE OF MANAGEMENT AND BUDGET") == [
        "Executive Office of the President",
        "Office of Management and Budget",
    ]
    assert english_bodies("Board of Governors of the Federal Reserve System") == [
        "Board of Governors of the Federal Reserve System"
    ]


def test_working_paper_with_authors_abstract_and_references_is_a_paper() -> None:
    def page(title_page: bool) -> bytes:
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=A4)
        h = A4[1]
        c.setFont("Times-Roman", 12)
        c.drawString(72, h - 60, "WP/21/33")
        c.setFont("Times-Bold", 18)
        c.drawString(72, h - 110, "Digital Payments and Household Saving")
        c.setFont("Times-Roman", 12)
        c.drawString(72, h - 140, "by Ann Lee and Bo Chen")
        if title_page:
            c.setFont("Times-Bold", 10)
            c.drawString(72, h - 180, "Abstract")
            _body(c, h - 195, 2)
            c.setFont("Times-Roman", 10)
            c.drawString(72, h - 330, "JEL Classification Numbers: E21, G21")
            c.drawString(72, h - 345, "Keywords: digital payments; saving")
        _body(c, h - 380, 3)
        c.showPage()
        _body(c, h - 72, 3)
        c.setFont("Times-Bold", 11)
        c.drawString(72, h - 320, "References")
        c.setFont("Times-Roman", 9)
        for i in range(6):
            c.drawString(
                72,
                h - 340 - 14 * i,
                f"Author{i}, A. (201{i}). A study of payments. Journal of Money {i}, 1-20.",
            )
        c.showPage()
        c.save()
        return buf.getvalue()

    doc = _extract(page(True))
    assert (doc.document_number, doc.authors, doc.document_kind) == (
        "WP/21/33",
        ["Ann Lee", "Bo Chen"],
        "paper",
    )
    assert doc.issuers == []


def test_plos_style_orcid_badge_before_marks_and_dates_in_a_side_column() -> None:
    def draw(c: canvas.Canvas, h: float) -> None:
        c.setFont("Helvetica-Bold", 9)
        c.drawString(72, h - 40, "RESEARCH ARTICLE")
        c.setFont("Helvetica-Bold", 18)
        c.drawString(72, h - 70, "Mobile money adoption and household resilience")
        c.drawString(72, h - 92, "to weather shocks in rural Kenya")
        c.setFont("Helvetica", 10)
        c.drawString(72, h - 118, "Ann LeeID1*, Bo Chen2, Carlos Ruiz1,2")
        c.setFont("Helvetica", 7)
        side = [
            "OPEN ACCESS",
            "Citation: Lee A, Chen B, Ruiz C (2023) Mobile money adoption.",
            "Editor: Jane Doe",
        ]
        for i, text in enumerate([*side, "Received: October 3, 2022", "Published: March 12, 2023"]):
            c.drawString(20, h - 200 - 12 * i, text)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(200, h - 180, "Abstract")
        y = h - 195
        for _ in range(3):
            for line in textwrap.wrap(BODY, 70):
                c.setFont("Helvetica", 10)
                c.drawString(200, y, line)
                y -= 13
            y -= 10

    doc = _page(draw)
    assert doc.title == "Mobile money adoption and household resilience to weather shocks in rural Kenya"
    assert doc.authors == ["Ann Lee", "Bo Chen", "Carlos Ruiz"]
    assert (doc.document_kind, doc.year) == ("paper", 2023)


def test_browser_print_of_a_notice_page_is_named_by_the_document_it_issues() -> None:
    """gov.cn pages printed from a browser: the page title "Headline_Section_Site (www…)" heads page 1, and
    the text layer may drop one of the title brackets ("印发 X》的通知")."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def draw(c: canvas.Canvas, height: float) -> None:
        c.setFont("STSong-Light", 8)
        c.drawString(
            40,
            height - 30,
            "国家文物局关于印发革命文物保护利用专项规划的通知_国务院部门文件_中国政府网 (www.gov.cn)",
        )
        c.setFont("STSong-Light", 14)
        c.drawString(80, height - 100, "国家文物局关于印发 革命文物保护利用专项规划》的通知")
        c.drawString(80, height - 130, "各省、自治区、直辖市文物局：")
        y = height - 160
        for start in range(0, len(ZH_BODY), 30):
            c.drawString(80, y, ZH_BODY[start : start + 30])
            y -= 22

    doc = _page(draw)
    assert (doc.title, doc.issuers) == ("革命文物保护利用专项规划", ["国家文物局"])


def test_web_capture_suffix_leaves_the_headline() -> None:
    from flows.core.vocabulary import WEB_CAPTURE_SUFFIX

    assert WEB_CAPTURE_SUFFIX.sub("", "关于X的意见_中央有关文件_中国政府网 (www.gov.cn)") == "关于X的意见"
    assert WEB_CAPTURE_SUFFIX.sub("", "Guidance_Policy_GOV.UK (www.gov.uk)") == "Guidance"
    assert WEB_CAPTURE_SUFFIX.sub("", "Growth_and_jobs") == "Growth_and_jobs"


def test_bylines_in_capitals_and_titles_in_two_halves() -> None:
    from flows.core.extractors.frontmatter.bylines import is_person
    from flows.core.extractors.frontmatter.fields import _names_a_person, split_authors

    # "By MARK DUGGAN AND STEVEN D. LEVITT" is title-cased before it is split.
    assert split_authors("Mark Duggan And Steven D. Levitt") == ["Mark Duggan", "Steven D. Levitt"]
    # A title's first half before its colon is no newspaper-style author.
    assert [_names_a_person(t) for t in ("Winning Isn’t Everything", "GETTING BACK ON TRACK", "Li Wei")] == [
        False,
        False,
        True,
    ]
    # A cover line opening with an article is no name.
    assert (is_person("A Systematic Country Diagnostic"), is_person("A. B. Orr")) == (False, True)


def test_a_bodys_report_that_calls_itself_a_report_is_a_report() -> None:
    from flows.core.extractors.frontmatter.kind import document_kind
    from flows.core.model import Block

    text = (
        "This report was prepared by a team of the staff. The report relied on three building blocks of "
        "analysis, and this report sets out the priorities for growth in the coming decade. "
    ) * 3
    blocks = [Block(1, "body", text, (0, 0, 1, 1)), Block(2, "body", text, (0, 0, 1, 1))]
    doc = Document(page_count=2, title="Getting Back on Track", issuers=["World Bank"])
    assert document_kind(doc, blocks) == "report"
    rules = text.replace("This report", "This directive").replace("this report", "this directive")
    assert document_kind(doc, [Block(1, "body", rules, (0, 0, 1, 1))] * 2) == "policy"


def _para(page: int, kind: str, text: str) -> Para:
    """A paragraph placed on a page, as OCR or re-paragraphing builds them."""
    return Para(lines=[text], kind=kind, text=text, origin=(page, (0.0, 0.0, 1.0, 1.0)))


def test_a_promulgation_decree_is_named_by_the_instrument_it_promulgates() -> None:
    from flows.core.extractors.frontmatter.fields import _promulgated

    paras = [
        _para(2, "title", "Decree of the State Council of the People’s Republic of China No.790"),
        _para(
            2,
            "front_matter",
            "The Regulations on Network Data Security Management, adopted at the 40th Executive Meeting of "
            "the State Council on August 30, 2024, are hereby promulgated and shall come into force.",
        ),
        _para(2, "author", "Premier Li Qiang"),
    ]
    assert _promulgated(paras, paras[0].text) == "Regulations on Network Data Security Management"
    zh = [
        _para(1, "title", "中华人民共和国国务院令 第790号"),
        _para(1, "body", "《网络数据安全管理条例》已经2024年8月30日国务院第40次常务会议通过，现予公布。"),
    ]
    assert _promulgated(zh, zh[0].text) == "网络数据安全管理条例"
    assert _promulgated(paras, "Regulations on Network Data Security Management") == ""


def test_byline_under_the_titles_repeat_on_a_series_cover_sheet() -> None:
    from flows.core.extractors.frontmatter.bylines import byline_names
    from flows.core.extractors.frontmatter.fields import split_authors

    title = "Forward Guidance with Bayesian Learning and Estimation"
    paras = [
        _para(1, "front_matter", "Finance and Economics Discussion Series"),
        _para(1, "front_matter", title),
        _para(1, "front_matter", "Christopher Gust, Edward Herbst, and David López-Salido"),
        _para(1, "front_matter", "Please cite this paper as:"),
        _para(2, "title", title),
        _para(2, "front_matter", "Christopher Gust Edward Herbst David López-Salido"),
    ]
    assert byline_names(paras, 4, title, split_authors) == [
        "Christopher Gust",
        "Edward Herbst",
        "David López-Salido",
    ]


def test_names_set_side_by_side_in_columns_are_one_name_per_line() -> None:
    from flows.core.extractors.frontmatter.bylines import side_by_side
    from flows.core.extractors.frontmatter.fields import split_authors

    # LaTeX's \and puts each author in a column: the layout reads them as one paragraph of three lines.
    byline = Para(
        lines=["Christopher Gust", "Edward Herbst", "David López-Salido∗"],
        kind="front_matter",
        text="Christopher Gust Edward Herbst David López-Salido∗",
        origin=(1, (0.0, 0.0, 1.0, 1.0)),
    )
    assert side_by_side(byline, "", split_authors) == [
        "Christopher Gust",
        "Edward Herbst",
        "David López-Salido",
    ]
    abstract = Para(lines=["We study the effects", "of forward guidance"], kind="front_matter", text="x")
    assert side_by_side(abstract, "", split_authors) == []


def test_titles_and_names_the_review_found_wrongly_cut() -> None:
    from flows.core.extractors.frontmatter.bylines import is_person
    from flows.core.extractors.frontmatter.issuance import _unwrap_notice
    from flows.core.vocabulary import WEB_CAPTURE_SUFFIX

    # A title with a full-width bar or an underscore and a word ending in 网 is no web capture.
    for title in ("数字中国建设｜加快构建全国一体化算力网", "AI_in_China_互联网"):
        assert WEB_CAPTURE_SUFFIX.sub("", title) == title
    # Brackets naming a part of the issued title stay.
    doc = Document(page_count=1, title="国务院关于印发《“十四五”数字经济发展规划》实施方案的通知")
    assert (_unwrap_notice(doc), doc.title) == (["国务院"], "《“十四五”数字经济发展规划》实施方案")
    assert (is_person("An Zhang"), is_person("A Kumar")) == (True, True)


def test_a_notice_headline_names_a_document_the_layout_gave_no_title() -> None:
    from flows.core.extractors.frontmatter.fields import _notice_headline

    paras = [
        _para(
            1,
            "front_matter",
            "国家文物局关于印发《革命文物保护利用专项规划》的通知_国务院部门文件_中国政府网",
        ),
        _para(1, "body", "各省、自治区、直辖市文物局："),
        _para(1, "body", "现将《革命文物保护利用专项规划》印发给你们，请认真贯彻执行。"),
    ]
    assert _notice_headline(paras, "") == "国家文物局关于印发《革命文物保护利用专项规划》的通知"
    assert _notice_headline(paras, "革命文物保护利用专项规划") == ""
    # A sentence citing a notice in the body is no headline.
    cited = [
        _para(
            1,
            "body",
            "根据国务院关于印发《数字服务发展规划》的通知要求，各地区要认真贯彻执行，确保各项任务落到实处。",
        )
    ]
    assert _notice_headline(cited, "") == ""


def _marked_byline(c: canvas.Canvas, y: float, names: list[tuple[str, str]], size: float = 11) -> None:
    """A byline whose names carry raised affiliation marks ("Dannenberg^a,1, Lumkowsky^b")."""
    x = 72.0
    for name, mark in names:
        c.setFont("Times-Roman", size)
        c.drawString(x, y, name)
        x += c.stringWidth(name, "Times-Roman", size)
        c.setFont("Times-Roman", 7)
        c.drawString(x, y + 5, mark)
        x += c.stringWidth(mark, "Times-Roman", 7)


def test_bylines_with_mixed_raised_marks_stacked_affiliations_and_capitals() -> None:
    def marked(c: canvas.Canvas, height: float) -> None:
        c.setFont("Times-Bold", 18)
        c.drawString(72, height - 80, "Naming and shaming as a means of enforcing pledges")
        names = [("Astrid Dannenberg", "a,1"), (", Marcel Lumkowsky", "b,∗"), (", and David G. Victor", "c")]
        _marked_byline(c, height - 110, names)
        c.setFont("Times-Bold", 10)
        c.drawString(72, height - 150, "Abstract")
        _body(c, height - 165, 2)

    def stacked(c: canvas.Canvas, height: float) -> None:
        c.setFont("Helvetica-Bold", 16)
        c.drawCentredString(297, height - 80, "Varieties of clean energy transitions in Europe")
        c.setFont("Helvetica", 11)
        for i, line in enumerate(
            ["Stefan Cetkovic", "University of Munich", "Aron Buzogany", "University of Vienna"]
        ):
            c.drawCentredString(297, height - 110 - 14 * i, line)
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, height - 190, "Abstract")
        _body(c, height - 205, 2)

    def capitals(c: canvas.Canvas, height: float) -> None:
        c.setFont("Times-Bold", 16)
        c.drawCentredString(297, height - 80, "The Economics of Remote Work")
        c.setFont("Times-Roman", 11)
        c.drawCentredString(297, height - 106, "JOHN A. SMITH AND MARY O'NEILL")
        c.setFont("Times-Bold", 10)
        c.drawString(72, height - 140, "Abstract")
        _body(c, height - 155, 2)

    assert _page(marked).authors == ["Astrid Dannenberg", "Marcel Lumkowsky", "David G. Victor"]
    assert _page(stacked).authors == ["Stefan Cetkovic", "Aron Buzogany"]
    assert _page(capitals).authors == ["John A. Smith", "Mary O'Neill"]
