"""Bylines the layout roles miss, each a class of cover: working papers, briefs, archive sheets, reports."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from flows.core.extractors.frontmatter.bylines import clean, combine_accents, is_person, split_by_pinyin
from tests.test_frontmatter import _body, _extract


def test_person_names_and_what_is_not_one() -> None:
    assert is_person("Kevin J. Lansing") and is_person("R. A. Batchelor") and is_person("刘宁春")
    assert not is_person("Economic Brief")  # a series label
    assert not is_person("Working Paper Series")
    assert not is_person("作者")  # the label of a Chinese byline
    assert not is_person("Inflation Expectations Revisited", title="Inflation Expectations Revisited")


def test_dates_glued_to_a_name_and_latex_accents() -> None:
    assert clean("Julian von Landesberger February 2008") == "Julian von Landesberger"
    assert clean("R. A. BATCHELOR") == "R. A. Batchelor"
    assert combine_accents("David L´opez-Salido") == "David López-Salido"


def _cover(lines: list[tuple[float, str, int]]) -> bytes:
    """A US-letter first page with the given (distance from top, text, size) lines, then body text."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    _, height = letter
    for y, text, size in lines:
        c.setFont("Times-Roman", size)
        c.drawString(72, height - y, text)
    _body(c, height - 420, 4)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_economic_brief_byline_labelled_by() -> None:
    # Central-bank briefs print "By <name>" under the title and the series name after it.
    doc = _extract(
        _cover([(90, "Aggregate Effects of the Adoption of Machines", 22), (130, "By Ann Example", 10),
                (150, "Economic Brief", 10), (170, "June 2024, No. 24-19", 10)])
    )  # fmt: skip
    assert doc.authors == ["Ann Example"]


def test_second_author_after_the_first_ones_affiliation() -> None:
    # Working-paper covers stack name, affiliation, name, affiliation.
    doc = _extract(
        _cover([(90, "Anchored Expectations and the Flatter Curve", 22), (130, "Peter Example", 12),
                (150, "University of California, Berkeley", 12), (180, "Kevin J. Sample", 12),
                (200, "Federal Reserve Bank of San Francisco", 12), (230, "November 2019", 12),
                (270, "Abstract. We study how anchored expectations flatten the curve.", 12),
                (290, "Keywords: inflation, expectations", 12)])
    )  # fmt: skip
    assert doc.authors == ["Peter Example", "Kevin J. Sample"]


def test_a_chinese_byline_without_separators_is_cut_by_its_pinyin_byline() -> None:
    # Chinese journals print the Chinese names run together and the pinyin ones, comma-separated, in English.
    pinyin = ["Chai Ruonan", "Gao Shuai", "Lan Jiangyu", "Liu Ningchun"]
    assert split_by_pinyin("柴若楠郜帅兰江雨刘宁春", pinyin) == ["柴若楠", "郜帅", "兰江雨", "刘宁春"]
    assert split_by_pinyin("柴若楠郜帅", pinyin) == []  # syllables and characters disagree: no guess
