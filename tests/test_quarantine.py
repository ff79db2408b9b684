"""A document whose own row fails a critical expectation is quarantined; a bad side-table row is held back
alone, its document publishing with every other row; the other documents publish."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pikepdf
import pytest

from flows.plumbing.settings import PROJECT_ROOT, Settings
from tests.conftest import RAW, make_pdf

DONG = "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf"
PIAO = "piao-2024-ai-promotion-and-new-quality-productivity.pdf"
RESAVED = "dong-resaved-by-qpdf.pdf"
BAD = "odd-paper.pdf"
ODD_TEXT = "This sentence is the whole of a paper whose title the test suite forbids."
ODD_TITLE = "An Odd Paper"
REFS = "paper-with-references.pdf"
JUNK = "[2] Wang, L. (2020). QZX-JUNK table cell read as a reference. Data Journal, 4, 5-9."
REFERENCES = [
    "[1] Smith, J. (2019). Digital economy and growth. Journal of Economics, 12(3), 1-20.",
    JUNK,
    "[3] Brown, K. (2021). Artificial intelligence policy. Policy Review, 8, 33-41.",
]


def forbid(folder: Path, table: str, column: str, regex: str, scope: str) -> None:
    """Add one critical expectation to a copied suite: the column must not match the regex."""
    suite = json.loads((folder / f"{table}.json").read_text())
    suite["expectations"].append(
        {
            "type": "expect_column_values_to_not_match_regex",
            "kwargs": {"column": column, "regex": regex},
            "severity": "critical",
            "meta": {"scope": scope},
        }
    )
    (folder / f"{table}.json").write_text(json.dumps(suite))


def suites_forbidding_the_markers(folder: Path) -> Path:
    """The committed suites plus a documents-row expectation only the odd paper fails (scope document)
    and a references-row expectation only one reference fails (scope row)."""
    shutil.copytree(PROJECT_ROOT / "expectations", folder)
    forbid(folder, "documents", "title", f"^{ODD_TITLE}$", "document")
    forbid(folder, "references", "raw_text", "QZX-JUNK", "row")
    return folder


def make_paper_with_references(path: Path) -> Path:
    """A one-page paper with a bold References heading and three numbered entries."""
    body = "Digital platforms matter for growth and productivity in many economies around the world. "
    return make_pdf(
        path,
        [
            [
                "Abstract: We study how digital platforms.",
                "<b>1 Introduction</b>",
                body * 3,
                "<b>References</b>",
                *REFERENCES,
            ]
        ],
        title="A Paper With References",
    )


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
    make_pdf(raw / BAD, [[ODD_TEXT]], title=ODD_TITLE)
    make_paper_with_references(raw / REFS)
    return root, run_pipeline(settings_of(root, suites_forbidding_the_markers(root / "expectations")))


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
    assert query(
        root, "select source_file, source_files, rows_held_back from marts.documents order by 1"
    ) == [
        (DONG, sorted([DONG, RESAVED]), 0),
        (REFS, [REFS], 1),
        (PIAO, [PIAO], 0),
    ]
    assert query(root, "select source_file, status from raw.files where status <> 'loaded'") == [
        (BAD, "quarantined")
    ]
    assert query(
        root,
        'select source_file, suite, expectation, "column", unexpected_values from ops.quarantine '
        "where scope = 'document'",
    ) == [(BAD, "documents", "expect_column_values_to_not_match_regex", "title", json.dumps([ODD_TITLE]))]
    assert query(root, "select source_file, error_kind, message from ops.document_errors") == [
        (
            BAD,
            "failed_validation",
            "quarantined: documents: expect_column_values_to_not_match_regex(title) "
            + json.dumps([ODD_TITLE]),
        )
    ]
    # Its rows are kept in raw (nothing is lost), only the marts leave it out.
    assert query(root, f"select count(*) from raw.paragraphs where text = '{ODD_TEXT}'") == [(1,)]


def test_bad_reference_row_is_held_back_and_its_document_publishes(
    quarantined_run: tuple[Path, object],
) -> None:
    root, summary = quarantined_run
    assert summary.rows_held_back == 1
    refs_id = query(root, f"select document_id from marts.documents where source_file = '{REFS}'")[0][0]
    assert query(
        root,
        'select document_id, source_file, suite, expectation, "column", table_name, row_key, '
        "unexpected_values from ops.quarantine where scope = 'row'",
    ) == [
        (
            refs_id,
            REFS,
            "references",
            "expect_column_values_to_not_match_regex",
            "raw_text",
            "references",
            "2",
            json.dumps([JUNK]),
        )
    ]
    # The bad row stays in raw; the marts have every other row of the document.
    raw_refs = f"select number from raw.references where document_id = '{refs_id}' order by 1"
    assert query(root, raw_refs) == [(1,), (2,), (3,)]
    mart_refs = f"select reference_number from marts.references where document_id = '{refs_id}' order by 1"
    assert query(root, mart_refs) == [(1,), (3,)]
    assert query(root, f"select count(*) > 0 from marts.paragraphs where document_id = '{refs_id}'") == [
        (True,)
    ]
    assert query(root, "select table_name, row_key from raw.held_back_rows") == [("references", "2")]


def test_status_and_report_list_the_quarantined_document(
    quarantined_run: tuple[Path, object], capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.surface.cli import main

    root, _ = quarantined_run
    warehouse = str(root / "warehouse" / "paperflow.duckdb")
    reports = str(root / "reports")
    assert main(["status", "--warehouse", warehouse, "--reports", reports]) == 0
    status = capsys.readouterr().out
    section = status.split("quarantined documents in the last run")[1]
    assert BAD in section and "expect_column_values_to_not_match_regex" in section
    held = status.split("rows held back in the last run")[1].split("failed expectations")[0]
    assert REFS in held and "references" in held and "QZX-JUNK" in held and BAD not in held
    assert main(["report", "--warehouse", warehouse, "--reports", reports]) == 0
    html = (root / "reports" / "report.html").read_text()
    quarantined = html.split("<h3>Quarantined documents</h3>")[1].split("</table>")[0]
    assert BAD in quarantined and ODD_TITLE in quarantined and REFS not in quarantined
    assert "expect_column_values_to_not_match_regex" in quarantined
    held_html = html.split("<h3>Rows held back</h3>")[1].split("</table>")[0]
    assert REFS in held_html and "QZX-JUNK" in held_html and BAD not in held_html
    assert "failed_validation" not in html  # listed once, in the validation section, not as a file error


def test_unchanged_rerun_lists_the_quarantine_again(quarantined_run: tuple[Path, object]) -> None:
    from flows.pipeline import run_pipeline

    root, _ = quarantined_run
    summary = run_pipeline(settings_of(root, root / "expectations"))
    assert summary.message.endswith("(nothing changed)")
    assert (summary.status, summary.documents_quarantined, summary.rows_held_back) == ("warning", 1, 1)
    rows = query(
        root,
        f"select source_file, suite, scope from ops.quarantine where run_id = '{summary.run_id}' order by 1",
    )
    assert rows == [(BAD, "documents", "document"), (REFS, "references", "row")]


def test_quarantined_document_is_retried_by_the_next_run(quarantined_run: tuple[Path, object]) -> None:
    from flows.pipeline import run_pipeline

    root, _ = quarantined_run
    summary = run_pipeline(settings_of(root))  # the committed suites do not forbid the marker
    assert (summary.status, summary.documents_quarantined, summary.documents_processed) == ("success", 0, 0)
    assert summary.rows_held_back == 0
    assert query(root, "select title from marts.documents where source_file = 'odd-paper.pdf'") == [
        (ODD_TITLE,)
    ]
    assert query(
        root,
        f"select count(*) from marts.references join marts.documents d using (document_id) "
        f"where d.source_file = '{REFS}'",
    ) == [(3,)]
