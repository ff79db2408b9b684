"""Tests of the layout-aware extraction core on the corpus, generated layouts and real-world PDFs."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest
from rapidfuzz.distance import Levenshtein
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from flows.core.extractors.frontmatter.references import parse_reference
from flows.core.layout import extract_document
from flows.core.layout.paragraphs import join_lines
from flows.core.model import Document

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
CORPUS = ROOT.parent / "shared" / "corpus"
REALWORLD = ROOT.parent / "shared" / "realworld"

PIAO = "piao-2024-ai-promotion-and-new-quality-productivity"
WEN = "wen-2024-new-quality-productivity-and-ai-research"
DONG = "dong-2025-ai-plus-empowers-new-quality-productive-forces"
LU = "lu-huang-2024-ai-driving-new-quality-productivity-zh"
PAPERS = (PIAO, WEN, DONG, LU)


@cache
def corpus_doc(name: str) -> Document:
    """Extract a committed corpus PDF once per test session."""
    with pdfplumber.open(RAW / f"{name}.pdf") as pdf:
        return extract_document(pdf)


def extract_bytes(data: bytes) -> Document:
    """Extract a PDF held in memory."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return extract_document(pdf)


def normalise(text: str) -> str:
    """Lower-case letters and digits only, as in the fidelity benchmark."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


# --- corpus: front matter -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "authors", "language", "doi"),
    [
        (
            PIAO,
            "The Promotion of Artificial Intelligence and the Formation of New Quality Productivity",
            ["Yi Piao"],
            "en",
            "",
        ),
        (
            WEN,
            "Development of New Quality Productivity and Artificial Intelligence Research",
            ["Chengguo Wen"],
            "en",
            "",
        ),
        (
            DONG,
            '"AI Plus" Empowers the Development of New Quality Productive Forces',
            ["Dong Zhiyong"],
            "en",
            "",
        ),
        (
            LU,
            "人工智能驱动新质生产力形成的生成逻辑、运行机制与实践进路",
            ["卢鹏", "黄媛媛"],
            "zh",
            "10.11835/j.issn.1008-5831.pj.2024.06.002",
        ),
    ],
)
def test_corpus_front_matter(name: str, title: str, authors: list[str], language: str, doi: str) -> None:
    doc = corpus_doc(name)
    assert doc.title == title
    assert doc.authors == authors
    assert doc.language == language
    assert doc.doi == doi


def test_corpus_metadata_details() -> None:
    piao, wen, dong, lu = (corpus_doc(n) for n in PAPERS)
    assert piao.affiliations == ["Huamei International School, Shenzhen, Guangdong, 518000, China"]
    assert piao.keywords == ["Artificial Intelligence", "New Quality Productivity", "Realization Mechanism"]
    assert piao.abstract.startswith("In the era of the digital economy,")
    assert (piao.journal, piao.year) == ("Business, Economics and Management", 2024)
    assert wen.affiliations == ["School of Marxism, Jiangxi Normal University, Nanchang, China"]
    assert (wen.published, wen.journal) == ("2024-10-30", "Journal of New Quality Productivity Studies")
    assert (dong.published, dong.journal) == ("2025-01-13", "People's Daily")
    assert lu.keywords[:2] == ["新质生产力", "人工智能"]
    assert lu.abstract.startswith("新质生产力作为生产力发展的质变形态")
    assert lu.journal == "重庆大学学报(社会科学版)"


def test_chinese_paper_english_abstract_is_english() -> None:
    doc = corpus_doc(LU)
    abstracts = [b for b in doc.blocks if b.kind == "abstract"]
    english = [
        b for b in abstracts if b.text.startswith("Abstract: The emergence of new quality productivity")
    ]
    assert len(english) == 1 and english[0].language == "en"
    assert abstracts[0].language == "zh"
    keywords = [b for b in doc.blocks if b.kind == "keywords"]
    assert [b.language for b in keywords] == ["zh", "en"]


# --- corpus: reading order, running heads, superscripts -------------------------------------------


@pytest.mark.parametrize("name", PAPERS)
def test_corpus_text_matches_reading_order_truth(name: str) -> None:
    truth_path = CORPUS / f"{name}.txt"
    if not truth_path.exists():
        pytest.skip("../shared/corpus truth files are not available")
    got = normalise(" ".join(b.text for b in corpus_doc(name).blocks))
    want = normalise(truth_path.read_text(encoding="utf-8"))
    assert Levenshtein.normalized_similarity(got, want) >= 0.99


RUNNING_HEADS = {
    PIAO: ["Business, Economics and Management", "Volume 30 (2024)"],
    WEN: ["Journal of New Quality Productivity Studies", "Vol. 2, No. 4, 2024", "— 18 —"],
    DONG: ["2025/1/13 09:14", "1/4", "2/4"],
    LU: ["2024年第30卷第4期", "· 144 ·", "· 145 ·"],
}


@pytest.mark.parametrize("name", PAPERS)
def test_no_running_heads_or_page_numbers_in_text(name: str) -> None:
    doc = corpus_doc(name)
    for block in doc.blocks:
        if block.kind in ("body", "heading", "caption", "footnote"):
            for head in RUNNING_HEADS[name]:
                assert head not in block.text, (head, block.text[:80])
        assert not re.fullmatch(r"[\W_]*\d{1,4}[\W_]*", block.text), block.text
    dong_body = [b.text for b in corpus_doc(DONG).blocks if b.kind == "body"]
    assert not any("Marxism Research Network" in t for t in dong_body)


def test_superscript_citations_are_set_aside() -> None:
    lu = corpus_doc(LU)
    body = [b for b in lu.blocks if b.kind in ("body", "heading")]
    # Every bracketed number in this paper's text is a raised citation marker.
    assert not [b.text[:40] for b in body if re.search(r"\[\d+\]", b.text)]
    cited = [c for b in body for c in b.citations]
    assert {"1", "16", "33"} <= set(cited)
    perez = next(b for b in body if "破除旧习惯的飓风在人、组织和技能方面带来了深刻的变化”。" in b.text)
    assert "16" in perez.citations
    wen = corpus_doc(WEN)
    author = next(b for b in wen.blocks if b.kind == "author")
    assert (author.text, author.citations) == ("Chengguo Wen", ("1", "*"))
    affiliation = next(b for b in wen.blocks if b.kind == "affiliation")
    assert affiliation.text == "School of Marxism, Jiangxi Normal University, Nanchang, China"
    # Full-size bracketed translator notes are text, not superscripts.
    dong = corpus_doc(DONG)
    assert '"AI Plus" [1] Empowers' in next(b.text for b in dong.blocks if b.kind == "title")


def test_headings_levels_and_sections() -> None:
    wen = corpus_doc(WEN)
    heads = {b.text: b.level for b in wen.blocks if b.kind == "heading"}
    assert heads["1. Introduction"] == 1
    assert heads["3.1 The Connotation and Characteristics of New Quality Productivity"] == 2
    assert heads["3.1.2.1 Innovation"] == 4
    innovation = next(
        b for b in wen.blocks if b.text.startswith("The reason why new quality productivity is")
    )
    assert innovation.section == (
        "3. The Relationship between New Quality Productivity and Artificial Intelligence > "
        "3.1 The Connotation and Characteristics of New Quality Productivity > "
        "3.1.2** Characteristics of New Qualitative Productivity > 3.1.2.1 Innovation"
    )
    piao = corpus_doc(PIAO)
    levels = [(b.text[:12], b.level) for b in piao.blocks if b.kind == "heading"][:6]
    assert levels == [
        ("1. Introduct", 1),
        ("2. Literatur", 1),
        ("1. Analysis ", 2),
        ("2. Analysis ", 2),
        ("3. The Statu", 1),
        ("1. Developme", 2),
    ]
    lu = corpus_doc(LU)
    lu_heads = [(b.text[:4], b.level) for b in lu.blocks if b.kind == "heading"][:4]
    assert lu_heads == [("一、问题", 1), ("二、人工", 1), ("(一) ", 2), ("1. 智", 3)]
    assert all(b.page >= 1 and len(b.bbox) == 4 for b in lu.blocks)


def test_references_parsed() -> None:
    piao = corpus_doc(PIAO)
    assert [r.number for r in piao.references] == list(range(1, 11))
    first = piao.references[0]
    assert (first.authors, first.title, first.year) == (
        "Hector Levesque",
        "Evolution of artificial intelligence",
        2018,
    )
    lu = corpus_doc(LU)
    assert len(lu.references) == 37
    second = lu.references[1]
    assert (second.authors, second.year, second.venue) == ("蒲清平,黄媛媛", 2023, "西南大学学报(社会科学版)")
    wen = corpus_doc(WEN)
    assert len(wen.references) == 17
    assert (wen.references[2].authors, wen.references[2].title, wen.references[2].venue) == (
        "Han, W",
        "New quality productivity",
        "China Social Sciences Press",
    )


def test_parse_reference_styles() -> None:
    ref = parse_reference("[4] 杜传忠. 新质生产力形成发展的强大动力[J]. 人民论坛, 2023(21): 26-30.", 0)
    assert (ref.number, ref.authors, ref.title, ref.venue, ref.year) == (
        4,
        "杜传忠",
        "新质生产力形成发展的强大动力",
        "人民论坛",
        2023,
    )
    ref = parse_reference("[1] 加快发展新质生产力 扎实推进高质量发展[N]. 人民日报, 2024-02-02(01).", 0)
    assert (ref.authors, ref.title, ref.venue, ref.year) == (
        "",
        "加快发展新质生产力 扎实推进高质量发展",
        "人民日报",
        2024,
    )


def test_join_lines_hyphens_and_cjk() -> None:
    vocab = {"high-tech", "intelligence"}
    assert join_lines(["Artificial Intelli-", "gence is here"], vocab) == "Artificial Intelligence is here"
    assert join_lines(["a high-", "tech firm"], vocab) == "a high-tech firm"
    assert join_lines(["from 2012–", "2022"], vocab) == "from 2012–2022"
    assert join_lines(["新质生产力作为", "生产力发展"], vocab) == "新质生产力作为生产力发展"
    assert join_lines(["以ChatGPT", "为代表"], vocab) == "以ChatGPT为代表"


# --- generated layouts ----------------------------------------------------------------------------

LOREM = (
    "Reading order must follow the geometry of the page rather than the order of the content stream. "
    "Columns are read one after the other, and a paragraph that reaches the foot of a column goes on "
    "at the head of the next one. Extraction keeps high-tech compounds and joins words such as "
    "Intelligence that were split at the end of a line."
)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking; long words are hyphenated, compounds break after their hyphen."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if pdfmetrics.stringWidth(trial, font, size) <= width:
            current = trial
            continue
        if "-" in word and pdfmetrics.stringWidth(f"{current} {word.split('-')[0]}-", font, size) <= width:
            head, tail = word.split("-", 1)
            lines.append(f"{current} {head}-".strip())
            current = tail
            continue
        if len(word) > 9 and pdfmetrics.stringWidth(f"{current} {word[:6]}-", font, size) <= width:
            lines.append(f"{current} {word[:6]}-".strip())
            current = word[6:]
            continue
        lines.append(current)
        current = word
    lines.append(current)
    return [ln for ln in lines if ln]


def _page_with_columns(
    c: canvas.Canvas,
    paras: list[str],
    font: str,
    size: float,
    columns: list[tuple[float, float]],
    top: float,
    bottom: float,
    leading: float,
) -> None:
    """Flow paragraphs through columns (x, width) between top and bottom (PDF y coordinates)."""
    col = 0
    y = top
    for para in paras:
        for line in _wrap(para, font, size, columns[col][1]):
            if y < bottom:
                col += 1
                y = top
            c.setFont(font, size)
            c.drawString(columns[col][0], y, line)
            y -= leading
        y -= leading * 0.8


def test_generated_two_column_page_with_full_width_title() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    width, height = letter
    c.setFont("Helvetica-Bold", 16)
    c.drawCentredString(width / 2, height - 60, "Geometry Before Streams")
    c.setFont("Helvetica", 9)
    abstract = "Abstract: " + LOREM
    y = height - 90
    for line in _wrap(abstract, "Helvetica", 9, width - 144):
        c.drawString(72, y, line)
        y -= 11
    paras = [f"Paragraph {i} opens here. " + LOREM for i in range(1, 11)]
    _page_with_columns(c, paras, "Helvetica", 9, [(54, 243), (315, 243)], y - 20, 60, 11)
    c.showPage()
    c.save()
    doc = extract_bytes(buf.getvalue())
    assert doc.title == "Geometry Before Streams"
    assert doc.abstract == LOREM
    body = [b.text for b in doc.blocks if b.kind == "body"]
    assert body == paras


def test_generated_running_heads_and_superscripts_over_pages() -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    paras = [f"Section text {i}. " + LOREM for i in range(1, 5)]
    for page, para in enumerate(paras, start=1):
        c.setFont("Times-Roman", 8)
        c.drawString(50, height - 30, "Annals of Layout Studies")
        c.drawRightString(width - 50, height - 30, f"Vol. 3 ({2020 + page})")
        c.drawCentredString(width / 2, 30, str(page + 100))
        y = height - 80
        lines = _wrap(para, "Times-Roman", 11, width - 160)
        for i, line in enumerate(lines):
            c.setFont("Times-Roman", 11)
            c.drawString(80, y, line)
            if i == 0:
                c.setFont("Times-Roman", 7)
                c.drawString(80 + pdfmetrics.stringWidth(line, "Times-Roman", 11) + 1, y + 4, f"[{page}]")
            y -= 15
        c.showPage()
    c.save()
    doc = extract_bytes(buf.getvalue())
    texts = [b.text for b in doc.blocks]
    assert texts == [join_lines(_wrap(p, "Times-Roman", 11, width - 160)) for p in paras]
    assert [b.citations for b in doc.blocks] == [("1",), ("2",), ("3",), ("4",)]
    assert doc.journal == "Annals of Layout Studies"


def test_generated_chinese_page_joins_without_spaces() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = "人工智能驱动新质生产力形成的生成逻辑与运行机制。" * 6
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(500, 400))
    c.setFont("STSong-Light", 16)
    c.drawString(60, 350, "新质生产力研究")
    c.setFont("STSong-Light", 10)
    y = 310
    for start in range(0, len(text), 30):
        c.drawString(50, y, text[start : start + 30])
        y -= 14
    c.showPage()
    c.save()
    doc = extract_bytes(buf.getvalue())
    assert doc.language == "zh"
    assert doc.title == "新质生产力研究"
    assert [b.text for b in doc.blocks if b.kind != "title"] == [text]


def _reverse_text_units(pdf_bytes: bytes) -> bytes:
    """Rewrite every page's content stream with its top-level drawing units in reverse order."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            ops = pikepdf.parse_content_stream(page)
            units: list[list] = []
            depth = 0
            for operands, operator in ops:
                name = str(operator)
                if depth == 0 and (not units or name in ("q", "BT") or units[-1] is None):
                    units.append([])
                units[-1].append((operands, operator))
                depth += {"q": 1, "BT": 1, "Q": -1, "ET": -1}.get(name, 0)
            while len(units) == 1 and str(units[0][0][1]) == "q":
                # Descend into a single wrapping q ... Q.
                inner = units[0][1:-1]
                units, depth, current = [], 0, None
                for operands, operator in inner:
                    name = str(operator)
                    if depth == 0 and (current is None or name in ("q", "BT")):
                        current = []
                        units.append(current)
                    current.append((operands, operator))
                    depth += {"q": 1, "BT": 1, "Q": -1, "ET": -1}.get(name, 0)
            page.Contents = pdf.make_stream(
                pikepdf.unparse_content_stream([op for u in units[::-1] for op in u])
            )
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_reversed_content_stream_reads_the_same() -> None:
    fixture = ROOT / "tests" / "fixtures" / "reversed-content-stream.pdf"
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    _, height = A4
    paras = [f"Part {i} of the argument. " + LOREM for i in range(1, 6)]
    y = height - 70
    for para in paras:
        c.saveState()
        c.setFont("Times-Roman", 10)
        for line in _wrap(para, "Times-Roman", 10, 220):
            c.drawString(60 if y > 300 else 320, y if y > 300 else y + 430, line)
            y -= 13
        c.restoreState()
        y -= 8
    c.showPage()
    c.save()
    original = buf.getvalue()
    reversed_pdf = fixture.read_bytes() if fixture.exists() else _reverse_text_units(original)
    stream_order = pypdfium2.PdfDocument(reversed_pdf)[0].get_textpage().get_text_range()
    assert normalise(stream_order).startswith(normalise("Part 5")) or not normalise(stream_order).startswith(
        normalise("Part 1")
    )
    assert [b.text for b in extract_bytes(reversed_pdf).blocks] == [
        b.text for b in extract_bytes(original).blocks
    ]


def test_reversed_corpus_page_reads_the_same() -> None:
    with pikepdf.open(RAW / f"{WEN}.pdf") as pdf:
        del pdf.pages[3:]
        out = io.BytesIO()
        pdf.save(out)
    original = out.getvalue()
    flipped = _reverse_text_units(original)
    assert pypdfium2.PdfDocument(flipped)[1].get_textpage().get_text_range() != (
        pypdfium2.PdfDocument(original)[1].get_textpage().get_text_range()
    )
    assert [b.text for b in extract_bytes(flipped).blocks] == [b.text for b in extract_bytes(original).blocks]


# --- real-world PDFs (never committed; skipped when ../shared/realworld is absent) ----------------

needs_realworld = pytest.mark.skipif(not REALWORLD.exists(), reason="../shared/realworld is not available")


@needs_realworld
def test_realworld_executive_order_reading_order() -> None:
    with pdfplumber.open(
        REALWORLD / "aireg__EO-14110-AI-Safe-Secure-Trustworthy-Oct-2023.pdf", pages=[1, 2]
    ) as pdf:
        doc = extract_document(pdf)
    texts = [b.text for b in doc.blocks]
    purpose = next(i for i, t in enumerate(texts) if t.startswith("Section 1. Purpose."))
    policy = next(i for i, t in enumerate(texts) if t.startswith("Sec. 2. Policy and Principles."))
    assert purpose < policy
    assert not any(t.startswith("75191") or t.endswith("75191") for t in texts)


@needs_realworld
def test_realworld_chinese_policy_is_chinese() -> None:
    with pdfplumber.open(REALWORLD / "lr302__P026_生成式人工智能服务管理暂行办法.pdf") as pdf:
        doc = extract_document(pdf)
    assert doc.language == "zh"
    assert doc.title == "生成式人工智能服务管理暂行办法"
    joined = "".join(b.text for b in doc.blocks)
    assert "《中华人民共和国个人信息保护法》" in joined


@needs_realworld
@pytest.mark.parametrize(
    "name",
    [
        "plumber__password-example.pdf",
        "plumber__issue-297-example.pdf",
        "maeason__Cellular telephone, new products, and the CPI.pdf",
    ],
)
def test_realworld_hostile_files_raise_or_yield_no_text(name: str) -> None:
    try:
        with pdfplumber.open(REALWORLD / name) as pdf:
            doc = extract_document(pdf)
    except Exception:
        return
    assert doc.blocks == []
