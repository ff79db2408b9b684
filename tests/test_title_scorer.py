"""The learned title scorer on covers whose title is not simply the largest type (each a class)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from flows.core.layout.lines import Line
from flows.core.layout.title import choose_title
from flows.core.layout.title_scorer import FEATURES, load_model
from flows.core.model import Para
from tests.test_frontmatter import BODY, ZH_BODY, _body, _extract


def test_the_shipped_model_scores_the_features_the_code_computes() -> None:
    model = load_model()
    assert model is not None and len(model.weights) == len(FEATURES)


def test_working_paper_cover_title_in_capitals_at_body_size() -> None:
    # Working-paper series covers (NBER, FEDS) set banner, title, author and series number in one size.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, height = letter
    c.setFont("Times-Roman", 12)
    for y, line in [
        (70, "NBER WORKING PAPER SERIES"),
        (160, "LABOUR MARKETS AND THE DIFFUSION OF GENERAL PURPOSE TECHNOLOGIES"),
        (200, "Jane Q. Doe"),
        (240, "Working Paper 31234"),
        (256, "http://www.nber.org/papers/w31234"),
        (300, "NATIONAL BUREAU OF ECONOMIC RESEARCH 1050 Massachusetts Avenue"),
        (324, "Cambridge, MA 02138"),
        (340, "March 2024"),
    ]:
        c.drawCentredString(306, height - y, line)
    c.setFont("Times-Roman", 12)
    _body_12(c, height - 520)
    c.showPage()
    c.save()
    assert (
        _extract(buf.getvalue()).title == "LABOUR MARKETS AND THE DIFFUSION OF GENERAL PURPOSE TECHNOLOGIES"
    )


def _body_12(c: canvas.Canvas, y: float) -> None:
    """Two paragraphs of body text in 12 pt (a cover's acknowledgements)."""
    text = c.beginText(72, y)
    text.setFont("Times-Roman", 12)
    for _ in range(2):
        for i in range(0, len(BODY), 90):
            text.textLine(BODY[i : i + 90])
        text.textLine("")
    c.drawText(text)


def test_memorandum_subject_tabbed_beside_its_label() -> None:
    # US federal memoranda set "SUBJECT:" in a label column and the subject beside it on the same baseline.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, height = letter
    c.setFont("Times-Roman", 12)
    c.drawString(72, height - 90, "M-99-01")
    c.drawString(72, height - 130, "MEMORANDUM FOR THE HEADS OF EXECUTIVE DEPARTMENTS AND AGENCIES")
    c.drawString(72, height - 160, "FROM:")
    c.drawString(180, height - 160, "Jane Doe, Director")
    c.drawString(72, height - 190, "SUBJECT:")
    c.drawString(180, height - 190, "Managing Federal Data as a Strategic Asset")
    _body(c, height - 240, 3, font="Times-Roman")
    c.showPage()
    c.save()
    assert _extract(buf.getvalue()).title == "Managing Federal Data as a Strategic Asset"


def test_chinese_red_header_banner_is_not_the_title() -> None:
    # Chinese official documents print "X人民政府文件" in the largest red type above the document number.
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    _, height = A4
    c.setFont("STSong-Light", 40)
    c.drawCentredString(297, height - 150, "某某市人民政府文件")
    c.setFont("STSong-Light", 14)
    c.drawCentredString(297, height - 200, "某政规〔2026〕4号")
    c.setFont("STSong-Light", 20)
    c.drawCentredString(297, height - 260, "某某市支持数字经济创新发展若干措施")
    text = c.beginText(72, height - 320)
    text.setFont("STSong-Light", 14)
    for i in range(0, len(ZH_BODY), 30):
        text.textLine(ZH_BODY[i : i + 30])
    c.drawText(text)
    c.showPage()
    c.save()
    assert _extract(buf.getvalue()).title == "某某市支持数字经济创新发展若干措施"


def _para(top: float, size: float, text: str) -> Para:
    """A one-line paragraph on page 1 at a given height and type size."""
    return Para(
        [Line(page=1, glyphs=[], x0=72, x1=520, top=top, bottom=top + size, size=size, text=text)], text=text
    )


def test_a_title_block_whose_lines_differ_slightly_in_size_is_merged_whole() -> None:
    # Browser captures of government sites set a headline's lines a fraction of a point apart, some below
    # the body size: the block the scorer picks is merged from its own lines (it crashed with a KeyError).
    paras = [
        _para(80, 10.6, "国家某局关于印发《某某保护利用"),
        _para(93, 10.4, "“十四五”专项规划》的通知"),
        *[
            _para(130 + 14 * i, 10.6, "为加快数字经济发展，推动数字技术与实体经济深度融合，制定本规划。" * 2)
            for i in range(6)
        ],
    ]
    index = choose_title(paras, 10.6, [842.0], [], zh=True)
    assert index == 0 and paras[0].text == "国家某局关于印发《某某保护利用“十四五”专项规划》的通知"
    assert len(paras) == 7
