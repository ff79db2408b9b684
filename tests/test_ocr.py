"""Image-only PDFs: OCR'd by Tesseract (chi_sim+eng) when it is installed, else reported as no_text_layer."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from flows.core.document import ExtractionResult, Limits, extract_pdf
from flows.core.errors import DocumentError
from flows.core.knowledge import load_knowledge
from flows.core.ocr import join_words, paragraphs_from_tsv, tesseract_available
from flows.core.vocabulary import join_lines
from flows.plumbing.settings import PROJECT_ROOT, SettingsError, settings_from_env
from tests.conftest import make_pdf, realworld_pdf

KNOWLEDGE = load_knowledge(PROJECT_ROOT / "dbt_project" / "seeds")
ENGLISH = ["Digital economy and productivity", "Scanned page: output grew 5.2 percent in 2023."]
CHINESE = "新质生产力推动高质量发展"
DPI = 200


def install_tesseract() -> str | None:
    """Install Tesseract with chi_sim and eng through apt when we are root; return why not, or None."""
    if tesseract_available():
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "Tesseract (chi_sim+eng) is not installed and apt-get as root is not available"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    packages = ["tesseract-ocr", "tesseract-ocr-chi-sim", "tesseract-ocr-eng"]
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", *packages]):
        try:
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{' '.join(command)} failed: {exc}"
        if done.returncode != 0:
            return f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}"
    return None if tesseract_available() else "Tesseract installed but chi_sim/eng are still missing"


@pytest.fixture(scope="session")
def tesseract() -> None:
    """Make sure Tesseract with chi_sim+eng is there (installing it as root), or skip."""
    reason = install_tesseract()
    if reason:
        pytest.skip(reason)


def font_file(lang: str) -> str | None:
    """A TrueType font covering a language, found through fontconfig, or None."""
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list", f":lang={lang}", "file"], capture_output=True, text=True, check=False)
    files = sorted(line.split(":")[0] for line in listed.stdout.splitlines() if line.strip())
    # Plain regular sans faces OCR best; bold, italic and mono ones come last.
    return min(
        files,
        key=lambda f: (any(w in f for w in ("Bold", "Italic", "Oblique", "Mono", "Light")), "Sans" not in f),
        default=None,
    )


def image_only_pdf(path: Path, chinese_font: str | None) -> Path:
    """A one-page A4 PDF holding only a picture of English (and, given a font, Chinese) text."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = (round(side / 72 * DPI) for side in A4)
    picture = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(picture)
    latin = font_file("en")
    size = round(DPI / 72 * 16)  # 16 pt text
    font = ImageFont.truetype(latin, size) if latin else ImageFont.load_default(size=size)
    y = DPI  # one inch margin
    for line in ENGLISH:
        draw.text((DPI, y), line, fill=0, font=font)
        y += size * 2
    if chinese_font:
        draw.text((DPI, y + size * 2), CHINESE, fill=0, font=ImageFont.truetype(chinese_font, size))
    png = io.BytesIO()
    picture.save(png, format="PNG")
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width=A4[0], height=A4[1])
    pdf.save()
    return path


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The image-only test PDF."""
    return image_only_pdf(tmp_path_factory.mktemp("ocr") / "scanned.pdf", font_file("zh"))


@pytest.fixture(scope="module")
def ocr_result(scanned: Path, tesseract: None) -> ExtractionResult:
    """The scanned test PDF extracted with OCR on."""
    return extract_pdf(scanned.read_bytes(), "1" * 64, Limits(), KNOWLEDGE)


def test_image_only_pdf_is_ocrd(ocr_result: ExtractionResult) -> None:
    (document,) = ocr_result.tables["documents"]
    assert document["text_source"] == "ocr"
    assert document["page_count"] == 1
    paragraphs = ocr_result.tables["paragraphs"]
    text = " ".join(row["text"] for row in paragraphs)
    for word in ("Digital", "economy", "productivity", "Scanned", "output", "grew", "5.2", "percent", "2023"):
        assert word in text
    assert document["title"] == "Digital economy and productivity"
    assert {row["page"] for row in paragraphs} == {1}
    assert {row["kind"] for row in paragraphs} == {"body"}


def test_ocr_boxes_are_in_pdf_points(ocr_result: ExtractionResult) -> None:
    first = ocr_result.tables["paragraphs"][0]
    # The text starts one inch (72 pt) in from the top-left corner of an A4 (595 x 842 pt) page.
    assert first["x0"] == pytest.approx(72, abs=6)
    assert first["top"] == pytest.approx(72, abs=12)
    assert first["x1"] < 595 and first["bottom"] < 200


def test_chinese_line_is_ocrd(ocr_result: ExtractionResult) -> None:
    if font_file("zh") is None:
        pytest.skip("no CJK font on this machine to draw the Chinese line (e.g. fonts-wqy-zenhei)")
    chinese = [row for row in ocr_result.tables["paragraphs"] if row["language"] == "zh"]
    assert len(chinese) == 1
    text = chinese[0]["text"]
    assert " " not in text  # CJK words are joined without spaces
    assert "生产力" in text and "高质量发展" in text


def test_statistics_come_from_ocr_text(ocr_result: ExtractionResult) -> None:
    assert any(row["value"] == 5.2 for row in ocr_result.tables["statistics"])


def test_ocr_off_reports_no_text_layer(scanned: Path) -> None:
    with pytest.raises(DocumentError, match="OCR is turned off") as error:
        extract_pdf(scanned.read_bytes(), "1" * 64, Limits(ocr=False), KNOWLEDGE)
    assert error.value.kind == "no_text_layer"


def test_missing_tesseract_says_what_to_install(scanned: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flows.core.document.tesseract_available", lambda languages: False)
    with pytest.raises(DocumentError, match="install tesseract-ocr tesseract-ocr-chi-sim") as error:
        extract_pdf(scanned.read_bytes(), "1" * 64, Limits(), KNOWLEDGE)
    assert error.value.kind == "no_text_layer"


def test_blank_page_finds_no_text(tmp_path: Path, tesseract: None) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(tmp_path / "blank.pdf"))
    pdf.showPage()
    pdf.save()
    with pytest.raises(DocumentError, match="found no text") as error:
        extract_pdf((tmp_path / "blank.pdf").read_bytes(), "1" * 64, Limits(), KNOWLEDGE)
    assert error.value.kind == "no_text_layer"


def test_text_layer_pdfs_are_not_ocrd(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "text.pdf", [["A paragraph with a real text layer."]])
    result = extract_pdf(path.read_bytes(), "1" * 64, Limits(), KNOWLEDGE)
    assert result.tables["documents"][0]["text_source"] == "pdf"


def test_real_scanned_paper_is_ocrd(tmp_path: Path, tesseract: None) -> None:
    import pikepdf

    source = realworld_pdf("maeason__Cellular telephone, new products, and the CPI.pdf")
    with pikepdf.open(source) as pdf:
        del pdf.pages[2:]  # OCR costs seconds a page; two pages show it works
        pdf.save(tmp_path / "first-two-pages.pdf")
    result = extract_pdf((tmp_path / "first-two-pages.pdf").read_bytes(), "2" * 64, Limits(), KNOWLEDGE)
    (document,) = result.tables["documents"]
    assert (document["text_source"], document["page_count"], document["language"]) == ("ocr", 2, "en")
    text = " ".join(row["text"] for row in result.tables["paragraphs"])
    assert "cellular" in text.lower()
    assert "Jerry Hausman" in text
    assert {row["page"] for row in result.tables["paragraphs"]} == {1, 2}


def test_word_and_line_joining() -> None:
    assert join_words(["新质", "生产力", "and", "AI"]) == "新质生产力and AI"
    assert join_words(["GDP", "grew", "5.2%"]) == "GDP grew 5.2%"
    assert join_lines(["the digital econ-", "omy grew", "fast"]) == "the digital economy grew fast"
    assert join_lines(["新质生产力", "推动发展"]) == "新质生产力推动发展"
    assert join_lines(["Anglo-", "Saxon"]) == "Anglo-Saxon"


def test_tsv_paragraphs() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t100\t200\t50\t96.0\tHello",
        "5\t1\t1\t1\t1\t2\t320\t100\t200\t50\t95.0\tworld",
        "5\t1\t1\t1\t2\t1\t100\t160\t100\t50\t90.0\tagain",
        "5\t1\t2\t1\t1\t1\t100\t400\t20\t50\t30.0\t|",
        "4\t1\t3\t1\t1\t0\t100\t600\t20\t50\t-1\t",
    ]
    (para,) = paragraphs_from_tsv("\n".join([header, *rows]), 3, 300 / 72)
    assert (para.page, para.lines) == (3, ["Hello world", "again"])
    assert para.bbox == pytest.approx((24.0, 24.0, 124.8, 50.4))
    block = para.to_block()
    assert (block.kind, block.text, block.language) == ("body", "Hello world again", "en")


def test_ocr_setting_from_env() -> None:
    assert settings_from_env({}).ocr is True
    assert settings_from_env({"PAPERFLOW_OCR": "0"}).ocr is False
    assert settings_from_env({"PAPERFLOW_OCR": "1"}).ocr is True
    with pytest.raises(SettingsError, match="PAPERFLOW_OCR"):
        settings_from_env({"PAPERFLOW_OCR": "maybe"})
