"""One bad page, one broken file or one killed run never costs the other pages, files or the machine."""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pdfplumber
import pikepdf
import pytest

from flows.core.document import Knowledge, Limits, extract_pdf
from flows.core.errors import DocumentError
from flows.core.extractors.frontmatter.references import parse_references
from flows.core.pages import PageFault
from flows.plumbing.settings import PROJECT_ROOT
from tests.conftest import RAW, make_pdf, run_args

KNOWLEDGE = Knowledge(PROJECT_ROOT / "dbt_project" / "seeds")
PAGES = [
    ["Page one says the economy grew by 5 percent in 2023."],
    ["Page two text here."],
    ["Page three closes the paper."],
]
MUTATED_COPIES = 30


def three_pages(path: Path) -> Path:
    """A three-page PDF with a title on page 1."""
    return make_pdf(path, PAGES, title="Fault Isolation Fixture")


def break_pages(source: Path, target: Path, pages: list[int]) -> Path:
    """Replace the content stream of the given 0-based pages with one that fails to decode (ASCII85)."""
    with pikepdf.open(source) as pdf:
        for index in pages:
            stream = pdf.make_stream(b"")
            stream.write(b"BT (x) Tj ET", filter=pikepdf.Name.ASCII85Decode)
            pdf.pages[index].obj.Contents = stream
        pdf.save(target)
    return target


def texts(rows: list[dict]) -> list[tuple[int, str]]:
    """(page, text) of the paragraph rows."""
    return [(row["page"], row["text"]) for row in rows]


def test_page_that_cannot_be_parsed_is_skipped_and_recorded(tmp_path: Path) -> None:
    broken = break_pages(three_pages(tmp_path / "ok.pdf"), tmp_path / "broken-page-2.pdf", [1])
    result = extract_pdf(broken.read_bytes(), "0" * 64, Limits(ocr=False), KNOWLEDGE)
    assert result.page_faults == [PageFault(2, "ValueError('Non-Ascii85 digit found: x')")]
    assert texts(result.tables["paragraphs"]) == [
        (1, "Fault Isolation Fixture"),
        (1, PAGES[0][0]),
        (3, PAGES[2][0]),
    ]
    document = result.tables["documents"][0]
    assert (document["page_count"], document["pages_skipped"], document["is_repaired"]) == (3, 1, False)


def test_bug_of_ours_on_a_page_is_an_extractor_error_not_a_skipped_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> list[object]:
        return [][1]  # an IndexError raised by paperflow's own code, on every page

    monkeypatch.setattr("flows.core.layout.build_lines", broken)
    with pytest.raises(DocumentError) as error:
        extract_pdf(three_pages(tmp_path / "ok.pdf").read_bytes(), "0" * 64, Limits(ocr=False), KNOWLEDGE)
    assert error.value.kind == "extractor_error"
    assert error.value.message.startswith("IndexError: list index out of range (a bug in paperflow)\n")
    assert "flows/core/layout/__init__.py" in error.value.message


def test_document_is_damaged_only_when_no_page_can_be_read(tmp_path: Path) -> None:
    broken = break_pages(three_pages(tmp_path / "ok.pdf"), tmp_path / "all-pages-broken.pdf", [0, 1, 2])
    with pytest.raises(DocumentError) as error:
        extract_pdf(broken.read_bytes(), "0" * 64, Limits(ocr=False), KNOWLEDGE)
    assert error.value.kind == "damaged"
    assert error.value.message == (
        "none of the 3 pages can be parsed (page 1: ValueError('Non-Ascii85 digit found: x'))"
    )


def test_file_pdfminer_cannot_open_is_repaired_with_qpdf(tmp_path: Path) -> None:
    data = three_pages(tmp_path / "ok.pdf").read_bytes().replace(b"xref\n", b"xreq\n")  # broken xref table
    with pytest.raises(Exception, match="No /Root object"), pdfplumber.open(io.BytesIO(data)) as pdf:
        _ = pdf.pages
    result = extract_pdf(data, "0" * 64, Limits(ocr=False), KNOWLEDGE)
    assert result.repaired is not None and result.repaired.startswith(b"%PDF-")
    assert result.tables["documents"][0]["is_repaired"] is True
    assert texts(result.tables["paragraphs"]) == [
        (1, "Fault Isolation Fixture"),
        (1, PAGES[0][0]),
        (2, PAGES[1][0]),
        (3, PAGES[2][0]),
    ]


def test_reference_needs_text_besides_its_number() -> None:
    refs = parse_references(["[1]", "0.29", "4 5", "[2] Smith J. Productive forces[J]. Economy, 2020."])
    # The author ("Smith J", GB/T 7714's family name and initials) is no longer read into the title.
    parsed = [(r.number, r.authors, r.title, r.year) for r in refs]
    assert parsed == [(2, "Smith J", "Productive forces", 2020)]


def harness_env() -> dict[str, str]:
    """The environment for a `paperflow` subprocess that uses the session's Prefect server."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}


def mutate(data: bytes, rng: random.Random, flips: int) -> bytes:
    """Overwrite a few random bytes past the header, as a bad disk or transfer would."""
    out = bytearray(data)
    for _ in range(flips):
        out[rng.randrange(1024, len(out) - 64)] = rng.randrange(256)
    return bytes(out)


@pytest.mark.slow
def test_corpus_with_mutated_copies_publishes_every_readable_document(
    tmp_path: Path, prefect_harness: None
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    corpus = sorted(RAW.glob("*.pdf"))
    rng = random.Random(16)
    for number in range(MUTATED_COPIES):
        source = corpus[number % len(corpus)]
        (raw / f"mutated-{number:02d}-{source.name}").write_bytes(mutate(source.read_bytes(), rng, 4))
    # As a user runs it, in a terminal of its own: stderr (workers included) shows progress lines only.
    run = subprocess.run(
        [sys.executable, "-m", "flows.surface.cli", *run_args(tmp_path)],
        env=harness_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    terminal = run.stderr.splitlines()
    assert terminal and all(line.startswith(("extracting ", "  ")) for line in terminal), terminal[:5]
    summary = [line for line in run.stdout.splitlines() if line.startswith("pages skipped")]
    (log,) = (tmp_path / "reports" / "logs").glob("*.log")
    assert "WARNING pdfminer." in log.read_text()

    con = duckdb.connect(str(tmp_path / "warehouse" / "paperflow.duckdb"), read_only=True)
    run_id, status = con.execute("select run_id, status from ops.pipeline_runs").fetchone()  # type: ignore[misc]
    listed = {
        name
        for (files,) in con.execute("select source_files from marts.documents").fetchall()
        for name in files
    }
    errors = dict(
        con.execute(
            "select source_file, error_kind from ops.document_errors where run_id = ?", [run_id]
        ).fetchall()
    )
    skipped = con.execute(
        "select d.document_id, d.pages_skipped, count(e.page) from marts.documents d "
        "left join ops.page_errors e on e.document_id = d.document_id and e.run_id = ? "
        "group by all having d.pages_skipped > 0 or count(e.page) > 0",
        [run_id],
    ).fetchall()
    originals = con.execute(
        "select source_file, pages_skipped, is_repaired from marts.documents "
        "where not starts_with(source_file, 'mutated-') order by 1"
    ).fetchall()
    repaired = con.execute("select count(*) from marts.documents where is_repaired").fetchone()
    con.close()
    assert status == "warning"
    assert repaired == (1,)
    # Every file is either published (alone or as a same-text copy) or has its reason recorded.
    assert listed | errors.keys() == {path.name for path in raw.iterdir()}
    assert not listed & errors.keys()
    # With this seed every copy keeps a readable page (one only after qpdf's repair): none is refused.
    assert errors == {}
    # 19 copies lose pages (36 in all); three of them lose the same page of the same paper, so their
    # remaining text is identical and they are one document (same-text copies load once).
    assert (len(skipped), sum(pages for _, pages, _ in skipped)) == (17, 34), summary
    assert summary == ["pages skipped: 34 in 17 documents (ops.page_errors)"]
    assert all(pages == recorded for _, pages, recorded in skipped)
    assert originals == [(path.name, 0, False) for path in corpus]


@pytest.mark.slow
def test_kill_9_leaves_no_process_of_the_run(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    raw = tmp_path / "raw"
    raw.mkdir()
    for number in range(40):  # distinct bytes: every copy is extracted
        source = sorted(RAW.glob("*.pdf"))[number % 4]
        (raw / f"copy-{number:02d}.pdf").write_bytes(source.read_bytes() + f"\n% copy {number}\n".encode())
    # No PREFECT_API_URL: the run starts Prefect's temporary server, which must not outlive it either.
    env = {name: value for name, value in os.environ.items() if name != "PREFECT_API_URL"}
    run = subprocess.Popen(
        [sys.executable, "-m", "flows.surface.cli", *run_args(tmp_path), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(run.pid)
    deadline = time.monotonic() + 120
    extract = tmp_path / "cache" / "extract"
    while not (extract.is_dir() and any(extract.rglob("result.json"))):
        assert run.poll() is None, "the run ended before extracting"
        assert time.monotonic() < deadline, "no document extracted within 120 s"
        time.sleep(0.05)
    family = parent.children(recursive=True)
    names = [" ".join(p.cmdline()) for p in family]
    assert sum("forkserver" in name for name in names) >= 2, "a forkserver and its workers are running"
    assert any("uvicorn" in name for name in names), "Prefect's temporary server is running"
    run.send_signal(signal.SIGKILL)
    run.wait()
    time.sleep(5)
    left = [p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert left == []
