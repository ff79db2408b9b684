"""Reference lists on generated PDFs: one per entry style, with exact counts and parsed fields."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from flows.core.extractors.frontmatter.references import parse_reference, parse_references
from flows.core.layout import extract_document
from flows.core.model import Document

BODY = (
    "Reading order follows the geometry of the page. Columns are read one after the other, and a "
    "paragraph that reaches the foot of a column goes on at the head of the next one, as every reader "
    "of a journal knows. The list of works cited below closes the paper."
)
SURNAMES = [
    "Adams",
    "Baker",
    "Carter",
    "Dalton",
    "Evans",
    "Fisher",
    "Garcia",
    "Hughes",
    "Irwin",
    "Jensen",
    "Keller",
    "Lopez",
    "Morgan",
    "Nolan",
    "Owens",
    "Parker",
    "Quinn",
    "Reyes",
    "Stone",
    "Turner",
]
TOPICS = (
    "Reading order from geometry",
    "Hanging indents and the shape of reference lists in scholarly typesetting traditions",
    "Column detection for scanned and born-digital pages",
    "Why author-year lists without blank lines defeat simple paragraph splitters",
)


@dataclass
class Layout:
    """How a generated reference list is set: label, indents, gaps, columns and page length."""

    label: str | None = None  # "[{n}]", "{n}." or "［{n}］"
    label_width: float = 0.0  # text starts this far right of the label (a tab)
    hanging: float = 0.0  # continuation lines are indented this much
    gap: float = 0.0  # extra space between entries
    columns: tuple[tuple[float, float], ...] = ((72.0, 451.0),)
    bottom: float = 72.0  # the list flows to the next column or page below this
    font: str = "Helvetica"
    size: float = 9.0
    heading: str = "References"
    float_after: int = 0  # a table (caption and small rows) is set after this entry


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking by words, or by characters for Chinese."""
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    tokens = list(text) if cjk else text.split()
    lines: list[str] = []
    current = ""
    for token in tokens:
        trial = current + token if cjk else f"{current} {token}".strip()
        if pdfmetrics.stringWidth(trial, font, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = token
    lines.append(current)
    return lines


def _reference_pdf(entries: list[str], layout: Layout, after: str | None = None) -> bytes:
    """A page of body text, a reference heading and the entries set in the layout, then optional text."""
    if layout.font == "STSong-Light":
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    _, height = A4
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, height - 72, "Geometry Before Streams")
    y = height - 110
    c.setFont("Helvetica", 10)
    for line in _wrap(BODY, "Helvetica", 10, 451):
        c.drawString(72, y, line)
        y -= 13
    y -= 16
    heading_font = "STSong-Light" if layout.font == "STSong-Light" else "Helvetica-Bold"
    c.setFont(heading_font, 12)
    c.drawString(72, y, layout.heading)
    y -= 22
    col = 0
    top = y  # on the first page the columns start under the heading
    leading = layout.size * 1.25
    for n, entry in enumerate(entries, start=1):
        x, width = layout.columns[col]
        label = layout.label.format(n=n) if layout.label else ""
        text_x = x + layout.label_width if label else x
        lines = _wrap(entry, layout.font, layout.size, width - (text_x - x) - layout.hanging)
        for i, line in enumerate(lines):
            if y < layout.bottom:
                col += 1
                if col == len(layout.columns):
                    c.showPage()
                    col, top = 0, height - 72
                x, _ = layout.columns[col]
                text_x = x + layout.label_width if label else x
                y = top
            c.setFont(layout.font, layout.size)
            if i == 0 and label:
                c.drawString(x, y, label)
                if layout.label_width:
                    c.drawString(text_x, y, line)
                else:
                    c.drawString(x + pdfmetrics.stringWidth(label + " ", layout.font, layout.size), y, line)
            else:
                c.drawString(text_x + (layout.hanging if i else 0), y, line)
            y -= leading
        y -= layout.gap
        if n == layout.float_after:
            c.setFont(layout.font, layout.size)
            c.drawString(x, y - 6, "Table 3: Estimates by period")
            c.setFont(layout.font, layout.size * 0.75)
            for row in range(3):
                c.drawString(x, y - 20 - row * 9, f"{1990 + row}   0.{row}1   0.{row}7   1.0{row}")
            y -= 20 + 3 * 9 + 8
    if after:
        if col or y < 200:
            # Back matter starts on a fresh page when the list ran into a second column.
            c.showPage()
            y = height - 72
        y -= 20
        c.setFont("Helvetica-Bold", 12)
        c.drawString(72, y, after)
        c.setFont("Helvetica", 10)
        y -= 16
        c.drawString(72, y, "The robustness checks repeat the estimates of Table 2 with core prices in 2019.")
    c.showPage()
    c.save()
    return buf.getvalue()


def _extract(data: bytes) -> Document:
    """Extract a generated PDF."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return extract_document(pdf)


def _author_year(count: int) -> list[str]:
    """Author-year entries of one to three lines, alphabetical as a list is."""
    out = []
    for i in range(count):
        name, co = SURNAMES[i % len(SURNAMES)], SURNAMES[(i + 7) % len(SURNAMES)]
        topic = TOPICS[i % len(TOPICS)]
        out.append(
            f"{name}, A. B., and {co}, C. ({1990 + i}). {topic} number {i}. "
            f"Journal of Layout Studies, {i + 3}(2), {10 + i}-{30 + i}."
        )
    return out


def test_numbered_brackets_one_entry_each() -> None:
    entries = _author_year(12)
    doc = _extract(_reference_pdf(entries, Layout(label="[{n}]", label_width=22)))
    assert [r.number for r in doc.references] == list(range(1, 13))
    first = doc.references[0]
    assert (first.authors, first.year, first.title) == (
        "Adams, A. B., and Hughes, C",
        1990,
        "Reading order from geometry number 0",
    )
    assert first.venue == "Journal of Layout Studies"


def test_numbered_with_stop_and_hanging_indent() -> None:
    entries = [
        f"{SURNAMES[i]} J, {SURNAMES[i + 1]} K. {TOPICS[i % 4]}[J]. Layout Letters, {2000 + i}, 5(1): 1-9."
        for i in range(9)
    ]
    doc = _extract(_reference_pdf(entries, Layout(label="{n}.", label_width=18)))
    assert len(doc.references) == 9
    ref = doc.references[3]
    assert (ref.number, ref.authors, ref.year, ref.title, ref.venue) == (
        4,
        "Dalton J, Evans K",
        2003,
        "Why author-year lists without blank lines defeat simple paragraph splitters",
        "Layout Letters",
    )


def test_author_year_hanging_indent_without_gaps() -> None:
    # The list that used to come out as one entry: no blank line between entries, only the outdent.
    entries = _author_year(15)
    doc = _extract(_reference_pdf(entries, Layout(hanging=18)))
    assert len(doc.references) == 15
    assert [(r.authors.split(",")[0], r.year) for r in doc.references[:3]] == [
        ("Adams", 1990),
        ("Baker", 1991),
        ("Carter", 1992),
    ]
    assert doc.references[14].title == "Column detection for scanned and born-digital pages number 14"


def test_author_year_block_style_split_by_extra_space() -> None:
    entries = _author_year(10)
    doc = _extract(_reference_pdf(entries, Layout(gap=4)))
    assert [r.year for r in doc.references] == list(range(1990, 2000))


def test_chinese_gbt_7714_with_type_marks() -> None:
    entries = [
        "杜传忠. 新质生产力形成发展的强大动力[J]. 人民论坛, 2023(21): 26-30.",
        "蒲清平, 黄媛媛. 习近平总书记关于新质生产力重要论述的生成逻辑[J]. "
        "西南大学学报(社会科学版), 2023, 49(6): 1-11.",
        "佩蕾丝. 技术革命与金融资本[M]. 田方萌, 译. 北京: 中国人民大学出版社, 2007.",
        "加快发展新质生产力 扎实推进高质量发展[N]. 人民日报, 2024-02-02(01).",
        "WU J X. Thoughts on the development of novel network technology[J]. "
        "Science China Information Sciences, 2018, 61(10): 1-11.",
    ]
    layout = Layout(label="［{n}］", label_width=26, font="STSong-Light", heading="参考文献")
    doc = _extract(_reference_pdf(entries, layout))
    got = [(r.number, r.authors, r.year, r.title, r.venue) for r in doc.references]
    assert got == [
        (1, "杜传忠", 2023, "新质生产力形成发展的强大动力", "人民论坛"),
        (
            2,
            "蒲清平, 黄媛媛",
            2023,
            "习近平总书记关于新质生产力重要论述的生成逻辑",
            "西南大学学报(社会科学版)",
        ),
        (3, "佩蕾丝", 2007, "技术革命与金融资本", "田方萌, 译. 北京: 中国人民大学出版社"),
        (4, "", 2024, "加快发展新质生产力扎实推进高质量发展", "人民日报"),
        (
            5,
            "WU J X",
            2018,
            "Thoughts on the development of novel network technology",
            "Science China Information Sciences",
        ),
    ]


def test_list_continues_over_a_page_break() -> None:
    entries = _author_year(30)
    doc = _extract(_reference_pdf(entries, Layout(hanging=18, bottom=420)))
    assert len(doc.references) == 30
    pages = {b.page for b in doc.blocks if b.kind == "reference"}
    assert pages == {1, 2, 3}
    # Every entry keeps its volume and pages, wherever the page break fell.
    assert all(r.raw_text.endswith(f"{10 + i}-{30 + i}.") for i, r in enumerate(doc.references))


def test_two_column_list() -> None:
    entries = _author_year(24)
    layout = Layout(hanging=14, columns=((56.0, 230.0), (310.0, 230.0)), bottom=300)
    doc = _extract(_reference_pdf(entries, layout))
    assert [r.year for r in doc.references] == list(range(1990, 2014))
    assert doc.references[23].authors == "Dalton, A. B., and Keller, C"


def test_labels_set_off_by_a_tab_join_their_entries() -> None:
    # A wide tab after the label makes the label a line of its own; it still numbers its entry.
    entries = _author_year(6)
    doc = _extract(_reference_pdf(entries, Layout(label="[{n}]", label_width=40)))
    assert [(r.number, r.year) for r in doc.references] == [(n, 1989 + n) for n in range(1, 7)]


def test_letter_spaced_and_numbered_headings() -> None:
    for heading in ("7 References", "R E F E R E N C E S", "REFERENCES:"):
        doc = _extract(_reference_pdf(_author_year(4), Layout(hanging=18, heading=heading)))
        assert len(doc.references) == 4, heading
    spaced = Layout(label="[{n}]", label_width=22, font="STSong-Light", heading="参    考    文    献")
    doc = _extract(
        _reference_pdf(["杜传忠. 新质生产力形成发展的强大动力[J]. 人民论坛, 2023(21): 26-30."] * 3, spaced)
    )
    assert [r.authors for r in doc.references] == ["杜传忠"] * 3


def test_numbered_list_goes_on_after_a_table() -> None:
    entries = _author_year(8)
    doc = _extract(_reference_pdf(entries, Layout(label="[{n}]", label_width=22, float_after=4)))
    assert [(r.number, r.year) for r in doc.references] == [(n, 1989 + n) for n in range(1, 9)]


def test_caption_ends_an_author_year_list() -> None:
    doc = _extract(_reference_pdf(_author_year(5), Layout(hanging=18), after="Table 1: Estimates"))
    assert len(doc.references) == 5
    assert [b.kind for b in doc.blocks if b.text.startswith("Table 1")] == ["caption"]
    assert "reference" not in [b.kind for b in doc.blocks if b.text.startswith("The robustness checks")]


def test_notes_heading_holds_a_list_only_when_numbered() -> None:
    notes = [
        "杜传忠. 新质生产力形成发展的强大动力[J]. 人民论坛, 2023(21): 26-30.",
        "戴翔. 以发展新质生产力推动高质量发展[J]. 天津社会科学, 2023(6): 103-110.",
        "魏崇辉. 新质生产力的基本意涵、历史演进与实践路径[J]. 理论与改革, 2023(6): 25-38.",
    ]
    layout = Layout(label="{n}.", label_width=20, font="STSong-Light", heading="注释")
    doc = _extract(_reference_pdf(notes, layout))
    assert [(r.number, r.authors, r.year) for r in doc.references] == [
        (1, "杜传忠", 2023),
        (2, "戴翔", 2023),
        (3, "魏崇辉", 2023),
    ]
    prose = ["本文所称数字经济，是指以数据资源为关键要素的经济形态，2023年以来规模持续扩大。"] * 3
    doc = _extract(_reference_pdf(prose, Layout(font="STSong-Light", heading="注释")))
    assert doc.references == []


def test_back_matter_heading_ends_the_list() -> None:
    doc = _extract(_reference_pdf(_author_year(5), Layout(hanging=18), after="Appendix A: Robustness"))
    assert len(doc.references) == 5
    appendix = [b for b in doc.blocks if b.text.startswith("The robustness checks")]
    assert appendix and appendix[0].kind != "reference"


def test_list_without_heading_found_by_its_shape() -> None:
    doc = _extract(_reference_pdf(_author_year(10), Layout(label="[{n}]", label_width=22, heading="")))
    assert [r.number for r in doc.references] == list(range(1, 11))
    doc = _extract(_reference_pdf(_author_year(9), Layout(hanging=18, heading="")))
    assert [r.year for r in doc.references] == list(range(1990, 1999))


def test_numbered_goals_are_no_list() -> None:
    goals = [
        f"By {2020 + n}, the share of digital services in public administration rises to {n}0 percent."
        for n in range(10)
    ]
    doc = _extract(_reference_pdf(goals, Layout(label="{n}.", label_width=18, heading="")))
    assert doc.references == []


def test_no_list_without_entries() -> None:
    # A "References" line followed by ordinary prose is no reference list.
    prose = [BODY, "Each section below returns to the themes of the introduction in turn."]
    doc = _extract(_reference_pdf(prose, Layout()))
    assert doc.references == []


def test_parse_styles() -> None:
    cases = {
        "Iz Beltagy, Kyle Lo, and Arman Cohan. 2019. SciBERT: A pretrained language model for scientific "
        "text. "
        "In Proceedings of EMNLP, pages 3615–3620.": (
            "Beltagy, Iz; Lo, Kyle; Cohan, Arman",
            2019,
            "SciBERT: A pretrained language model for scientific text",
            "Proceedings of EMNLP",
        ),
        "[3] I. Beltagy, K. Lo, and A. Cohan, “SciBERT: A pretrained language model,” in Proc. EMNLP, 2019, "
        "pp. 3615–3620.": (
            "I. Beltagy, K. Lo, and A. Cohan",
            2019,
            "SciBERT: A pretrained language model",
            "Proc. EMNLP",
        ),
        "Floridi, L. (2013), The Ethics of Information, Oxford University Press, Oxford.": (
            "Floridi, L",
            2013,
            "The Ethics of Information",
            "Oxford University Press, Oxford",
        ),
        "Ameriks, J., and S. Zeldes, 2001, “How Do Household Portfolio Shares Vary with Age?” "
        "Working paper.": (
            "Ameriks, J., and S. Zeldes",
            2001,
            "How Do Household Portfolio Shares Vary with Age?",
            "Working paper",
        ),
        "[1] B. Ogel, R. Gurbuz, Microstructural characterization of Al composites, Mater. Sci. Eng. A 301 "
        "(2001) 213–220.": (
            "B. Ogel, R. Gurbuz",
            2001,
            "Microstructural characterization of Al composites",
            "Mater. Sci. Eng. A",
        ),
        "Gust, C., and E. Herbst (2018): “Tempered Particle Filtering,” Journal of Econometrics, "
        "forthcoming.": (
            "Gust, C., and E. Herbst",
            2018,
            "Tempered Particle Filtering",
            "Journal of Econometrics, forthcoming",
        ),
    }
    cases.update(
        {
            # natbib plainnat: given names first, year at the end after volume and pages (not a year).
            "[7] Tom B. Brown, Benjamin Mann, Nick Ryder, et al. Language models are few-shot learners. "
            "NeurIPS, 33:1877–1901, 2020.": (
                "Brown, Tom B.; Mann, Benjamin; Ryder, Nick; et al",
                2020,
                "Language models are few-shot learners",
                "NeurIPS",
            ),
            "[1] Iz Beltagy, Kyle Lo, and Arman Cohan, “SciBERT: A pretrained language model,” in Proc. "
            "EMNLP, 2019.": (
                "Beltagy, Iz; Lo, Kyle; Cohan, Arman",
                2019,
                "SciBERT: A pretrained language model",
                "Proc. EMNLP",
            ),
            "Kyle Lo et al. 2020. S2ORC: The semantic scholar open research corpus. In ACL.": (
                "Lo, Kyle; et al",
                2020,
                "S2ORC: The semantic scholar open research corpus",
                "ACL",
            ),
            "Association for Computational Linguistics. 2020. ACL anthology corpus. Online.": (
                "Association for Computational Linguistics",
                2020,
                "ACL anthology corpus",
                "Online",
            ),
            "1. Smith, J. A. & Jones, K. Title of the paper. Nature 500, 1–5 (2019).": (
                "Smith, J. A. & Jones, K",
                2019,
                "Title of the paper",
                "Nature",
            ),
            # Pinyin names lead with the family name: left as printed.
            "Zhou Wen and Yang Zhengyuan. New productivity[J]. Teaching and Research, 2024(6): 1-9.": (
                "Zhou Wen and Yang Zhengyuan",
                2024,
                "New productivity",
                "Teaching and Research",
            ),
        }
    )
    for raw, expected in cases.items():
        ref = parse_reference(raw, 0)
        assert (ref.authors, ref.year, ref.title, ref.venue) == expected, raw


def test_translated_entry_reads_its_chinese_original() -> None:
    ref = parse_reference(
        "［1］ Qiao Chu. Analysis of computing metric[J]. Communication Technology, 2022, 55（9）: 1165−1170 "
        "（in Chinese） （乔楚. 算力度量与算网资源调度思路分析[J]. 通信技术，2022，55（9）：1165−1170）",
        0,
    )
    assert (ref.number, ref.authors, ref.year, ref.title, ref.venue) == (
        1,
        "乔楚",
        2022,
        "算力度量与算网资源调度思路分析",
        "通信技术",
    )


def test_repeated_authors_are_filled_in() -> None:
    refs = parse_references(
        [
            "Batchelor, R. A. (1986a). Quantitative measures of inflation. Oxford Bulletin, 48, 99-120.",
            "——— (1986b). The psychophysics of inflation. Journal of Economic Psychology 7, 269-90.",
            "and Dua, P. (1987). The accuracy of UK inflation expectations. Applied Economics, 19, 819-28.",
        ]
    )
    assert [(r.authors, r.year) for r in refs] == [
        ("Batchelor, R. A", 1986),
        ("Batchelor, R. A", 1986),
        ("Batchelor, R. A and Dua, P", 1987),
    ]


def test_founder_glyphs_in_chinese_journal_entries() -> None:
    ref = parse_reference(
        "[8]摇 Hamdane B, El Fatmi S G. A credential based access control[ C]椅2015 IFIP. "
        "Ottawa: IEEE, 2015: 1234鄄1237.",
        0,
    )
    assert (ref.number, ref.authors, ref.year, ref.title) == (
        8,
        "Hamdane B, El Fatmi S G",
        2015,
        "A credential based access control",
    )
