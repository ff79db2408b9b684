"""A document whose rows fail a critical row-level expectation is quarantined; the others publish."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pikepdf
import pytest

from flows.settings import PROJECT_ROOT, Settings
from tests.conftest import RAW, make_pdf

DONG = "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf"
PIAO = "piao-2024-ai-promotion-and-new-quality-productivity.pdf"
RESAVED = "dong-resaved-by-qpdf.pdf"
BAD = "odd-paper.pdf"
ODD_TEXT = "This sentence carries the marker QZX-ODD that the test suite forbids."


def suites_forbidding_the_marker(folder: Path) -> Path:
    """The committed suites plus one critical row-level expectation only the odd paper fails."""
    shutil.copytree(PROJECT_ROOT / "expectations", folder)
    suite = json.loads((folder / "paragraphs.json").read_text())
    suite["expectations"].append(
        {
            "type": "expect_column_values_to_not_match_regex",
            "kwargs": {"column": "text", "regex": "QZX-ODD"},
            "severity": "critical",
            "meta": {"scope": "document"},
        }
    )
    (folder / "paragraphs.json").write_text(json.dumps(suite))
    return folder


@pytest.fixture(scope="module")
def quarantined_run(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> tuple[Path, object]:
    """One run over two papers, a qpdf re-saved copy of one, and a paper whose paragraph fails."""
    from flows.pipeline import run_pipeline

    root = tmp_path_factory.mktemp("quarantine")
    raw = root / "raw"
    raw.mkdir()
    shutil.copy(RAW / DONG, raw / DONG)
    shutil.copy(RAW / PIAO, raw / PIAO)
    with pikepdf.open(RAW / DONG) as pdf:
        pdf.save(raw / RESAVED, linearize=True)  # other bytes, same text
    make_pdf(raw / BAD, [[ODD_TEXT]], title="An Odd Paper")
    return root, run_pipeline(settings_of(root, suites_forbidding_the_marker(root / "expectations")))


def settings_of(root: Path, expectations: Path | None = None) -> Settings:
    """Settings for a run under root, with the committed suites unless others are given."""
    return Settings(
        raw_dir=root / "raw",
        warehouse=root / "warehouse" / "paperflow.duckdb",
        reports_dir=root / "reports",
        cache_dir=root / "cache",
        expectations_dir=expectations or PROJECT_ROOT / "expectations",
    )


def query(root: Path, sql: str) -> list[tuple]:
    """Rows of a query on the published warehouse."""
    con = duckdb.connect(str(root / "warehouse" / "paperflow.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_quarantined_document_stays_out_and_the_others_publish(quarantined_run: tuple[Path, object]) -> None:
    root, summary = quarantined_run
    assert (summary.status, summary.published, summary.documents_quarantined) == ("warning", True, 1)
    assert query(root, "select source_file, source_files from marts.documents order by 1") == [
        (DONG, sorted([DONG, RESAVED])),
        (PIAO, [PIAO]),
    ]
    assert query(root, "select source_file, status from raw.files where status <> 'loaded'") == [
        (BAD, "quarantined")
    ]
    assert query(
        root, 'select source_file, suite, expectation, "column", unexpected_values from ops.quarantine'
    ) == [(BAD, "paragraphs", "expect_column_values_to_not_match_regex", "text", json.dumps([ODD_TEXT]))]
    assert query(root, "select source_file, error_kind, message from ops.document_errors") == [
        (
            BAD,
            "failed_validation",
            "quarantined: paragraphs: expect_column_values_to_not_match_regex(text) "
            + json.dumps([ODD_TEXT]),
        )
    ]
    # Its rows are kept in raw (nothing is lost), only the marts leave it out.
    assert query(root, f"select count(*) from raw.paragraphs where text = '{ODD_TEXT}'") == [(1,)]


def test_status_and_report_list_the_quarantined_document(
    quarantined_run: tuple[Path, object], capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.cli import main

    root, _ = quarantined_run
    warehouse = str(root / "warehouse" / "paperflow.duckdb")
    reports = str(root / "reports")
    assert main(["status", "--warehouse", warehouse, "--reports", reports]) == 0
    status = capsys.readouterr().out
    section = status.split("quarantined documents in the last run")[1]
    assert BAD in section and "expect_column_values_to_not_match_regex" in section
    assert main(["report", "--warehouse", warehouse, "--reports", reports]) == 0
    html = (root / "reports" / "report.html").read_text()
    quarantined = html.split("<h3>Quarantined documents</h3>")[1].split("</table>")[0]
    assert BAD in quarantined and "QZX-ODD" in quarantined
    assert "expect_column_values_to_not_match_regex" in quarantined
    assert "failed_validation" not in html  # listed once, in the validation section, not as a file error


def test_unchanged_rerun_lists_the_quarantine_again(quarantined_run: tuple[Path, object]) -> None:
    from flows.pipeline import run_pipeline

    root, _ = quarantined_run
    summary = run_pipeline(settings_of(root, root / "expectations"))
    assert summary.message.endswith("(nothing changed)")
    assert (summary.status, summary.documents_quarantined) == ("warning", 1)
    rows = query(root, f"select source_file, suite from ops.quarantine where run_id = '{summary.run_id}'")
    assert rows == [(BAD, "paragraphs")]


def test_quarantined_document_is_retried_by_the_next_run(quarantined_run: tuple[Path, object]) -> None:
    from flows.pipeline import run_pipeline

    root, _ = quarantined_run
    summary = run_pipeline(settings_of(root))  # the committed suites do not forbid the marker
    assert (summary.status, summary.documents_quarantined, summary.documents_processed) == ("success", 0, 0)
    assert query(root, "select title from marts.documents where source_file = 'odd-paper.pdf'") == [
        ("An Odd Paper",)
    ]
