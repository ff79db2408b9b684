"""Regression fixtures for words that must stay words: spacing, ligatures, odd code points, hyphens."""

from __future__ import annotations

import io

import pdfplumber
import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from flows.core.layout import extract_document
from flows.core.layout.fonts import ligature_repairs
from flows.core.layout.lines import build_lines, page_glyphs
from flows.core.text import fold_compatibility

SENTENCE = "Words set one by one stay apart without any space glyph"


def _line_texts(data: bytes) -> list[str]:
    """The text lines of the first page, top to bottom."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [ln.text for ln in build_lines(page_glyphs(pdf.pages[0]), 1)]


def _words_placed(words: list[str], gap: float, char_space: float = 0.0, size: float = 10) -> bytes:
    """One line of Helvetica whose words are each placed at their own origin: no space glyph is drawn."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    x = 60.0
    for word in words:
        t = c.beginText(x, 700)
        t.setFont("Helvetica", size)
        t.setCharSpace(char_space)
        t.textOut(word)
        c.drawText(t)
        # The last glyph's tracking is not part of the word's box, so the visible gap is `gap`.
        x += pdfmetrics.stringWidth(word, "Helvetica", size) + char_space * (len(word) - 1) + gap
    c.showPage()
    c.save()
    return buf.getvalue()


def _remap_fonts(data: bytes, to_unicode: dict[int, str], widths: dict[int, float] | None = None) -> bytes:
    """Give every font a ToUnicode map (identity for ASCII, then the overrides; "" drops a code)."""
    table = {code: chr(code) for code in range(0x20, 0x7F)}
    table.update(to_unicode)
    entries = "".join(
        f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>\n" for code, text in table.items() if text
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Test-UCS def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len([t for t in table.values() if t])} beginbfchar\n{entries}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                font.ToUnicode = pdf.make_stream(cmap.encode())
                if widths is not None:
                    # A subset font's own widths count (a standard-14 name would bring built-in metrics).
                    font.BaseFont = pikepdf.Name("/ABCDEF+SubsetSans")
                    helvetica = pdfmetrics.getFont("Helvetica").widths
                    font.FirstChar, font.LastChar = 0, 255
                    font.Widths = pikepdf.Array([widths.get(code, helvetica[code]) for code in range(256)])
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _drawn(lines: list[str], size: float = 11, font: str = "Helvetica", title: str = "") -> bytes:
    """A page with the given lines drawn with drawString, one below the other, under a title."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    if title:
        c.setFont(font, 2 * size)
        c.drawString(72, 790, title)
    c.setFont(font, size)
    for i, line in enumerate(lines):
        c.drawString(72, 750 - i * 1.3 * size, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_font_without_space_glyphs_keeps_word_gaps() -> None:
    # Words 0.16 em apart, each at its own origin, with no space character in the text layer.
    assert _line_texts(_words_placed(SENTENCE.split(), gap=1.6)) == [SENTENCE]


def test_tight_tracking_keeps_word_gaps() -> None:
    # Letters tracked together by -0.025 em; words 0.18 em apart (a condensed sidebar face).
    assert _line_texts(_words_placed(SENTENCE.split(), gap=1.8, char_space=-0.25)) == [SENTENCE]


def test_tight_tracking_does_not_split_words() -> None:
    # Loose letter spacing (+0.08 em) inside words, 0.3 em between them.
    assert _line_texts(_words_placed(SENTENCE.split(), gap=3.8, char_space=0.8)) == [SENTENCE]


def test_tightly_justified_line_with_narrow_space_glyphs() -> None:
    # A justified line squeezed by negative word spacing: each drawn space shows only 0.15 em.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    t = c.beginText(60, 700)
    t.setFont("Helvetica", 10)
    t.setWordSpace(-1.3)
    t.setCharSpace(-0.1)
    t.textLine("The FCA has an important role to play in the continued success of the market")
    c.drawText(t)
    c.showPage()
    c.save()
    assert _line_texts(buf.getvalue()) == [
        "The FCA has an important role to play in the continued success of the market"
    ]


def test_letter_spaced_label_reads_as_one_word() -> None:
    # Elsevier-style "a b s t r a c t": letters evenly 0.44 em apart, no space glyph.
    assert _line_texts(_words_placed(list("abstract"), gap=4.4)) == ["abstract"]


def test_spaced_out_numbers_stay_apart() -> None:
    # Single-digit cells 0.3 em apart: the line's own gaps are all word gaps, not tracking.
    assert _line_texts(_words_placed(list("1234567"), gap=3.0)) == ["1 2 3 4 5 6 7"]


def test_unmapped_ff_ligature_glyph_reads_ff() -> None:
    # The ToUnicode map lacks the code of the ff ligature glyph (drawn here with byte "U"), which the
    # font's encoding would read as "U"; its width is that of two f's. Another code stands for "U".
    f = pdfmetrics.getFont("Helvetica").widths[ord("f")]
    data = _remap_fonts(
        _drawn(["Our staU made eUorts for suUicient oUice space."]),
        {ord("U"): "", 0x80: "U"},
        widths={ord("U"): 2 * f},
    )
    assert _line_texts(data) == ["Our staff made efforts for sufficient office space."]


def test_ligature_repair_needs_an_exact_width() -> None:
    mapping = {1: "f", 2: "i", 3: "l", 4: "U", 5: "a"}
    widths = {1: 301.0, 2: 239.0, 3: 260.0, 4: 681.0, 5: 540.0, 6: 603.0, 7: 540.0, 8: 450.0}
    # 6 = f+f, 7 = f+i; 8 fits nothing; a mapped code (5) is never touched.
    assert ligature_repairs(widths, mapping, {6: "U", 7: "\uf001", 8: "U"}) == {6: "ff", 7: "fi"}
    # A code whose encoding gives a letter no other code stands for is read as that letter.
    assert ligature_repairs(widths, mapping, {6: "Q", 7: "R"}) == {}


def test_kangxi_radicals_read_as_unified_ideographs() -> None:
    # A Chinese text layer whose ToUnicode gives Kangxi radicals (U+2F00 ⼀, U+2F08 ⼈) and a CJK
    # compatibility ideograph (U+F900 豈) instead of the unified ideographs.
    data = _remap_fonts(
        _drawn(["ABCD"]), {ord("A"): "\u2f00", ord("B"): "\u2f08", ord("C"): "\uf900", ord("D"): "。"}
    )
    assert _line_texts(data) == ["一人豈。"]
    assert fold_compatibility("⼀⼆ｆｉﬁ²") == "一二ｆｉfi²"


def test_ufffe_line_end_hyphen_is_dehyphenated() -> None:
    lines = [
        "The digital economy has grown into an important force in promoting the steady",
        "development of the economy of many countries, and the pace of its develop~",
        "ment is measured here by three dimensions of infrastructure, industry and",
        "integration across thirty cities in China~in a panel.",
    ]
    data = _remap_fonts(_drawn(lines, title="Digital economy"), {ord("~"): "\ufffe"})
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        blocks = [b.text for b in extract_document(pdf).blocks]
    assert blocks == [
        "Digital economy",
        "The digital economy has grown into an important force in promoting the steady development of "
        "the economy of many countries, and the pace of its development is measured here by three "
        "dimensions of infrastructure, industry and integration across thirty cities in China-in a panel.",
    ]


def test_private_use_bullets_read_as_bullets() -> None:
    # Symbol-font bullets mapped to U+F0B7, set a tab away from their items.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for i, item in enumerate(["Develop and deploy", "Pay attention"]):
        c.drawString(72, 700 - 14 * i, "~")
        c.drawString(90, 700 - 14 * i, item)
    c.drawString(72, 600, "^ = 0.05")
    c.showPage()
    c.save()
    data = _remap_fonts(buf.getvalue(), {ord("~"): "\uf0b7", ord("^"): "\uf061"})
    # A Symbol-font letter (U+F061, alpha) followed by a plain space is not a bullet.
    assert _line_texts(data) == ["• Develop and deploy", "• Pay attention", "\uf061 = 0.05"]


def test_exponent_in_a_gap_stays_with_its_digits() -> None:
    # "10²³" in a Federal Register line: without the raised "23" the baseline has a gap wider than an
    # em, which splits it in two; the exponent must join "10" (not be read as a citation of the rest).
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    head = "power greater than 10"
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, head)
    x = 72 + pdfmetrics.stringWidth(head, "Helvetica", 10)
    c.setFont("Helvetica", 6.5)
    c.drawString(x, 703.5, "23")
    x += pdfmetrics.stringWidth("23", "Helvetica", 6.5) + 2.8
    c.setFont("Helvetica", 10)
    c.drawString(x, 700, "integer or floating-point operations")
    c.showPage()
    c.save()
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as pdf:
        lines = build_lines(page_glyphs(pdf.pages[0]), 1)
    assert [(ln.text, ln.citations) for ln in lines] == [
        ("power greater than 1023 integer or floating-point operations", [])
    ]


def test_bullet_items_stay_separate_paragraphs() -> None:
    # Bullets a tab before their items; the first item's last line runs to the margin, so only the
    # bullet says that a new item starts.
    items = [
        [
            "Develop, deploy and use systems in a way that adheres to the principles of",
            "respect for autonomy, prevention of harm, fairness and explicability today.",
        ],
        [
            "Pay particular attention to situations involving more vulnerable groups such",
            "as children, persons with disabilities and others that have been excluded.",
        ],
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 16)
    c.drawString(72, 780, "Key guidance")
    c.setFont("Helvetica", 10)
    y = 740.0
    for item in items:
        c.drawString(72, y, "•")
        for line in item:
            c.drawString(90, y, line)
            y -= 13
    c.showPage()
    c.save()
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as pdf:
        blocks = [b.text for b in extract_document(pdf).blocks]
    assert blocks == ["Key guidance", *("• " + " ".join(item) for item in items)]


def _renamed_font(data: bytes, base_font: str, standard: str = "Helvetica", descent: int = -207) -> bytes:
    """The PDF with its standard font renamed (and no ToUnicode), as a converter leaves a TeX font.

    ``descent`` is what the new font's descriptor declares (some Founder fonts in WPS exports say a
    whole em, -1000, and pdfminer hangs their glyph boxes that far below the baseline).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                if str(font.BaseFont) != f"/{standard}":
                    continue
                font.BaseFont = pikepdf.Name(f"/{base_font}")
                # A non-standard name brings no built-in metrics: give the font the standard one's.
                widths = pdfmetrics.getFont(standard).widths
                font.FirstChar, font.LastChar = 0, 255
                font.Widths = pikepdf.Array([widths[code] for code in range(256)])
                font.FontDescriptor = pdf.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name("/FontDescriptor"),
                        FontName=pikepdf.Name(f"/{base_font}"),
                        Flags=32,
                        FontBBox=[-166, -225, 1000, 931],
                        ItalicAngle=0,
                        Ascent=718,
                        Descent=descent,
                        CapHeight=718,
                        StemV=88,
                    )
                )
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_tex_dc_font_ligature_slots_read_as_ligatures() -> None:
    # Scientific WorkPlace's DC fonts, decoded through WinAnsi, print fl as ‡ and fi as … (0x87, 0x85).
    data = _renamed_font(_drawn(["in\u2021ation, \u2026nd the coe\u00a2cient"]), "XXQDPB+Dcr10")
    assert _line_texts(data) == ["inflation, find the coefficient"]


def test_ligature_stand_ins_stay_symbols_in_other_fonts() -> None:
    assert _line_texts(_drawn(["A \u2021 note and an ellipsis\u2026"])) == [
        "A \u2021 note and an ellipsis\u2026"
    ]


def _cjk_with_spacers(spacers: int) -> bytes:
    """'表 1' then a run of ideographs squeezed to a quarter em (a typesetter's spacers), then a title."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    t = c.beginText(72, 700)
    t.setFont("STSong-Light", 12)
    t.textOut("表 1")
    t.setHorizScale(25)
    t.textOut("摇" * spacers)
    t.setHorizScale(100)
    t.textOut("符号描述")
    c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("spacers", [1, 4])
def test_quarter_em_ideographs_are_spaces_and_keep_the_line_whole(spacers: int) -> None:
    # Some Chinese journals' typesetting draws spaces as a narrow 摇: it is a space, and a run of them
    # (a gutter's width) does not split the caption into two lines.
    assert _line_texts(_cjk_with_spacers(spacers)) == ["表 1 符号描述"]


def test_digits_in_a_font_with_a_broken_descent_stay_on_their_line() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    x = 72.0
    for text, font in (("Decree No. ", "Helvetica"), ("2026", "Courier"), (" of the Council", "Helvetica")):
        c.setFont(font, 12)
        c.drawString(x, 700, text)
        x += pdfmetrics.stringWidth(text, font, 12)
    c.setFont("Helvetica", 12)
    c.drawString(72, 680, "The next line")
    c.showPage()
    c.save()
    data = _renamed_font(buf.getvalue(), "ABCDEF+E-BZ", standard="Courier", descent=-1000)
    assert _line_texts(data) == ["Decree No. 2026 of the Council", "The next line"]


def test_a_two_character_name_spaced_to_three_keeps_its_byline_whole() -> None:
    """Chinese journals set "郜帅" as wide as a three-character name: an em apart, no column gutter."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 700, "刘宁春，郜")
    c.drawString(72 + 5 * 14 + 1.05 * 14, 700, "帅，侯心迪")
    c.showPage()
    c.save()
    assert _line_texts(buf.getvalue()) == ["刘宁春，郜 帅，侯心迪"]


def test_two_cjk_words_a_wide_gap_apart_are_two_cells_not_a_spaced_name() -> None:
    """Only single ideographs between byline separators are halves of a spaced name."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 700, "国内生产总值")
    c.drawString(72 + 6 * 14 + 1.1 * 14, 700, "增长率")
    c.showPage()
    c.save()
    assert _line_texts(buf.getvalue()) == ["国内生产总值", "增长率"]


def test_raised_marks_that_are_citations_and_stars_that_are_significance() -> None:
    from flows.core.layout.lines import _CITATION

    marks = ["a,1", "b,∗", "1", "a", "b,", "∗", "∗∗∗"]
    assert [bool(_CITATION.fullmatch(m)) for m in marks] == [True, True, True, True, True, False, False]
