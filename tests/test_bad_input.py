"""Bad files get a clear error kind; the good documents beside them still load."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.core.document import Limits, extract_pdf
from flows.core.errors import DocumentError, garbled_share
from flows.core.knowledge import load_knowledge
from flows.plumbing.settings import PROJECT_ROOT
from tests.conftest import RAW, realworld_pdf

KNOWLEDGE = load_knowledge(PROJECT_ROOT / "dbt_project" / "seeds")
GOOD = RAW / "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf"


def encrypted_pdf(path: Path) -> Path:
    """A one-page PDF that needs the password 'secret' to open."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt=StandardEncryption("secret", canPrint=0))
    pdf.drawString(72, 720, "This text is behind a password.")
    pdf.save()
    return path


def image_only_pdf(path: Path) -> Path:
    """A scanned-looking PDF: one page holding only a picture of text, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.pdfgen import canvas

    picture = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(picture).text((20, 80), "Scanned page: GDP grew 5.2% in 2023.", fill="black")
    image_path = path.with_suffix(".png")
    picture.save(image_path)
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(str(image_path), 72, 500, width=450, height=150)
    pdf.save()
    image_path.unlink()
    return path


def blank_pdf(path: Path) -> Path:
    """A PDF whose only page is empty."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Each kind of bad input, with the error kind it must be reported as."""
    folder = tmp_path_factory.mktemp("bad")
    good = GOOD.read_bytes()
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 2])
    (folder / "zero-byte.pdf").write_bytes(b"")
    (folder / "renamed-html.pdf").write_text("<!doctype html><html><body><p>Not a PDF</p></body></html>")
    return {
        "corrupt": (folder / "corrupt.pdf", "damaged"),
        "truncated": (folder / "truncated.pdf", "damaged"),
        "zero-byte": (folder / "zero-byte.pdf", "empty_file"),
        "renamed-html": (folder / "renamed-html.pdf", "not_a_pdf"),
        "encrypted": (encrypted_pdf(folder / "encrypted.pdf"), "encrypted"),
        "image-only": (image_only_pdf(folder / "image-only.pdf"), "no_text_layer"),
        "blank": (blank_pdf(folder / "blank.pdf"), "no_text_layer"),
    }


@pytest.mark.parametrize(
    "name", ["corrupt", "truncated", "zero-byte", "renamed-html", "encrypted", "image-only", "blank"]
)
def test_bad_file_gets_its_error_kind(bad_files: dict[str, tuple[Path, str]], name: str) -> None:
    path, kind = bad_files[name]
    # OCR off: whether Tesseract is installed must not change the outcome (tests/test_ocr.py covers OCR).
    with pytest.raises(DocumentError) as error:
        extract_pdf(path.read_bytes(), "0" * 64, Limits(ocr=False), KNOWLEDGE)
    assert error.value.kind == kind
    assert error.value.message


def test_too_large_and_too_many_pages_are_settings(tmp_path: Path) -> None:
    data = GOOD.read_bytes()
    with pytest.raises(DocumentError, match="over the limit") as error:
        extract_pdf(data, "0" * 64, Limits(max_bytes=1000), KNOWLEDGE)
    assert error.value.kind == "too_large"
    with pytest.raises(DocumentError) as error:
        extract_pdf(data, "0" * 64, Limits(max_pages=2), KNOWLEDGE)
    assert error.value.kind == "too_many_pages"


def test_garbled_text_layer_is_detected() -> None:
    path = realworld_pdf("mineru__ordinary_textbook_1d9a847603a5e37e379738316820850d.pdf")
    with pytest.raises(DocumentError) as error:
        extract_pdf(path.read_bytes(), "0" * 64, Limits(), KNOWLEDGE)
    assert error.value.kind == "garbled_text"


@pytest.mark.parametrize(
    ("name", "kind"),
    # issue-297's broken xref is rebuilt by qpdf (flows/core/repair.py): one blank page, no text layer.
    [("plumber__password-example.pdf", "encrypted"), ("plumber__issue-297-example.pdf", "no_text_layer")],
)
def test_real_hostile_files(name: str, kind: str) -> None:
    path = realworld_pdf(name)
    with pytest.raises(DocumentError) as error:
        extract_pdf(path.read_bytes(), "0" * 64, Limits(), KNOWLEDGE)
    assert error.value.kind == kind


def test_scanned_real_paper_has_no_text_layer() -> None:
    path = realworld_pdf("maeason__Cellular telephone, new products, and the CPI.pdf")
    with pytest.raises(DocumentError) as error:
        extract_pdf(path.read_bytes(), "0" * 64, Limits(ocr=False), KNOWLEDGE)
    assert error.value.kind == "no_text_layer"


def test_garbled_share_of_clean_text_is_zero() -> None:
    assert garbled_share("新质生产力 and new quality productive forces, 2.88万亿元") == 0.0
    assert garbled_share("(cid:14)(cid:15)êÆ#(¯K") > 0.5


def test_run_with_bad_files_loads_the_good_ones(
    bad_files: dict[str, tuple[Path, str]],
    tmp_path: Path,
    prefect_harness: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flows.surface.cli import main
    from tests.conftest import run_args

    monkeypatch.setenv("PAPERFLOW_OCR", "0")  # the image-only file must stay a no_text_layer error
    raw = tmp_path / "raw"
    raw.mkdir()
    for path, _ in bad_files.values():
        shutil.copy(path, raw / path.name)
    shutil.copy(GOOD, raw / GOOD.name)
    shutil.copy(GOOD, raw / "same-paper-renamed.pdf")
    assert main(run_args(tmp_path)) == 0
    con = duckdb.connect(str(tmp_path / "warehouse" / "paperflow.duckdb"), read_only=True)
    errors = dict(con.execute("select source_file, error_kind from ops.document_errors").fetchall())
    assert errors == {path.name: kind for path, kind in bad_files.values()}
    documents = con.execute("select source_file, source_files from marts.documents").fetchall()
    assert documents == [(GOOD.name, sorted([GOOD.name, "same-paper-renamed.pdf"]))]
    run = con.execute("select status, documents_seen, documents_failed from ops.pipeline_runs").fetchall()
    assert run == [("warning", 8, 7)]
    con.close()

    # A rerun with nothing new keeps reporting the same bad files.
    assert main(run_args(tmp_path)) == 0
    con = duckdb.connect(str(tmp_path / "warehouse" / "paperflow.duckdb"), read_only=True)
    runs = con.execute(
        "select status, documents_processed, documents_failed from ops.pipeline_runs order by started_at"
    ).fetchall()
    again = con.execute(
        "select count(*) from ops.document_errors where run_id = "
        "(select run_id from ops.pipeline_runs order by started_at desc limit 1)"
    ).fetchone()
    con.close()
    assert runs == [("warning", 1, 7), ("warning", 0, 7)]
    assert again == (7,)
