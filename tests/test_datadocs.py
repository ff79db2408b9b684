"""Data Docs and the HTML report as an analyst opens them on a machine without internet.

One pipeline run on one paper, with an injected warning-severity expectation that fails, so the
published warehouse, its Data Docs and its report show a failed expectation of a named run.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from flows.plumbing.settings import PROJECT_ROOT
from flows.surface.report import build_report
from tests.conftest import RAW
from tests.devtools import PageLoad, open_page
from tests.test_report import CHROMIUM_FLAGS, chromium  # noqa: F401  (the session's browser fixture)

DONG = "dong-2025-ai-plus-empowers-new-quality-productive-forces.pdf"
SITE = Path("gx/gx/uncommitted/data_docs/local_site")
# The page is opened over DevTools rather than dumped, so no virtual time budget.
FLAGS = tuple(f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time-budget"))
# The failed mark is drawn by Font Awesome: its ::before glyph in a font that loaded.
FAILED_MARK = """(() => {
  const mark = document.querySelector('i.fa-times.text-danger');
  const loaded = [...document.fonts].some(f => f.family.includes('Font Awesome') && f.status === 'loaded');
  return mark ? [getComputedStyle(mark, '::before').content, loaded, mark.getBoundingClientRect().width > 0]
              : null;
})()"""
# What a browser would fetch: script/img/iframe sources, stylesheets and icons, and CSS url()s.
OUTSIDE = (
    re.compile(r"""\bsrc\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE),
    re.compile(r"""<link\b[^>]*\brel=["']?[^"'>]*(?:stylesheet|icon)[^>]*\bhref=["']?(?:https?:)?//""", re.I),
    re.compile(r"""<link\b[^>]*\bhref=["']?(?:https?:)?//[^>]*\brel=["']?[^"'>]*(?:stylesheet|icon)""", re.I),
    re.compile(r"""url\(\s*["']?(?:https?:)?//""", re.IGNORECASE),
)


@dataclass(frozen=True)
class WarnedRun:
    """A published run with one failed warning expectation: its folder, run_id and report."""

    root: Path
    run_id: str
    report: Path

    @property
    def site(self) -> Path:
        """The Data Docs site of the run."""
        return self.root / "reports" / SITE

    @property
    def warehouse(self) -> Path:
        """The published warehouse."""
        return self.root / "warehouse" / "paperflow.duckdb"


@pytest.fixture(scope="module")
def warned_run(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> WarnedRun:
    """Run the pipeline on one paper with a warning expectation that must fail, then build the report."""
    from flows.pipeline import run_pipeline
    from flows.plumbing.settings import Settings

    root = tmp_path_factory.mktemp("warned_run")
    (root / "raw").mkdir()
    shutil.copy(RAW / DONG, root / "raw" / DONG)
    suites = root / "expectations"
    shutil.copytree(PROJECT_ROOT / "expectations", suites)
    suite = json.loads((suites / "documents.json").read_text())
    # Injected defect, reported but published: no build may hold a document.
    suite["expectations"].append(
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"max_value": 0}, "severity": "warning"}
    )
    (suites / "documents.json").write_text(json.dumps(suite))
    settings = Settings(
        raw_dir=root / "raw",
        warehouse=root / "warehouse" / "paperflow.duckdb",
        reports_dir=root / "reports",
        cache_dir=root / "cache",
        expectations_dir=suites,
    )
    summary = run_pipeline(settings)
    assert (summary.status, summary.published) == ("warning", True), summary.message
    report = build_report(settings.warehouse, settings.reports_dir, settings.raw_dir)
    return WarnedRun(root, summary.run_id, report)


def _suites(warehouse: Path, run_id: str, failed_only: bool = False) -> list[str]:
    """The suites ops.validation_results holds for a run (only those with a failure if asked)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute(
            "SELECT DISTINCT suite_name FROM ops.validation_results WHERE run_id = ? "
            + ("AND NOT success " if failed_only else "")
            + "ORDER BY 1",
            [run_id],
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def _stays_local(load: PageLoad) -> None:
    """The page fetched only files on this machine, none failed, and no script error was logged."""
    assert load.requests, "the browser recorded no request"
    assert [u for u in load.requests if not u.startswith(("file://", "data:"))] == []
    assert load.failed == []
    assert load.errors == []


@pytest.fixture(scope="module")
def index_page(warned_run: WarnedRun, chromium: str, tmp_path_factory: pytest.TempPathFactory) -> PageLoad:  # noqa: F811
    """The Data Docs index as headless Chromium drew it with the network disabled."""
    profile = tmp_path_factory.mktemp("chromium-datadocs")
    return open_page(chromium, FLAGS, profile, warned_run.site / "index.html")


@pytest.fixture(scope="module")
def failed_page(warned_run: WarnedRun, chromium: str, tmp_path_factory: pytest.TempPathFactory) -> PageLoad:  # noqa: F811
    """The documents suite's validation page of the run, drawn with the network disabled."""
    (page,) = (warned_run.site / "validations" / "documents" / warned_run.run_id).glob("*/*.html")
    profile = tmp_path_factory.mktemp("chromium-datadocs")
    return open_page(chromium, FLAGS, profile, page, evaluate=[FAILED_MARK])


def test_index_lists_the_runs_validations_offline(index_page: PageLoad, warned_run: WarnedRun) -> None:
    _stays_local(index_page)
    # Rows exist only once bootstrap-table drew them from the page's data.
    rows = re.findall(r'<tr class="clickable-row" data-href="validations/([^/"]+)/([^/"]+)/', index_page.dom)
    assert sorted(suite for suite, run in rows if run == warned_run.run_id) == _suites(
        warned_run.warehouse, warned_run.run_id
    )
    failed = re.findall(
        rf'data-href="validations/(\w+)/{warned_run.run_id}/[^"]*"[^>]*>\s*<td[^>]*>\s*<span[^>]*>\s*'
        r'<i class="fas fa-times text-danger',
        index_page.dom,
    )
    assert (
        sorted(failed) == _suites(warned_run.warehouse, warned_run.run_id, failed_only=True) == ["documents"]
    )


def test_failed_expectation_shows_a_drawn_failed_mark(failed_page: PageLoad) -> None:
    _stays_local(failed_page)
    assert any(u.endswith("/fa-solid-900.woff2") for u in failed_page.requests)
    assert failed_page.values == [['"\uf00d"', True, True]]  # fa-times (xmark), in the loaded font
    row = re.search(
        r'<i class="fas fa-times text-danger"></i>(?:(?!</tr>).)*?less than or equal to',
        failed_page.dom,
        re.S,
    )
    assert row is not None, "the failed expectation's row has no failed mark"


def test_validation_page_names_the_run_and_the_table(warned_run: WarnedRun) -> None:
    for suite in _suites(warned_run.warehouse, warned_run.run_id):
        (page,) = (warned_run.site / "validations" / suite / warned_run.run_id).glob("*/*.html")
        html = page.read_text(encoding="utf-8")
        assert f"Data asset: {suite}<br>" in html
        assert f'<div class="show-scrollbars">{warned_run.run_id}</div>' in html  # the Run Name row
        assert f"/ {warned_run.run_id} /" in html  # the breadcrumb


def test_nothing_in_the_reports_folder_loads_from_outside(warned_run: WarnedRun) -> None:
    files = sorted(
        p for p in (warned_run.root / "reports").rglob("*") if p.suffix in (".html", ".css", ".js")
    )
    assert warned_run.report in files
    assert len([p for p in files if p.suffix == ".html"]) > 10
    texts = {str(p.relative_to(warned_run.root)): p.read_text(encoding="utf-8") for p in files}
    outside = {
        name: m[0] for name, text in texts.items() for pattern in OUTSIDE if (m := pattern.search(text))
    }
    assert outside == {}
    assert [name for name, text in texts.items() if "dataContextId" in text] == []


def test_report_opens_offline(
    warned_run: WarnedRun,
    chromium: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    load = open_page(chromium, FLAGS, tmp_path / "profile", warned_run.report)
    _stays_local(load)
    assert 'data-charts-rendered="' in load.dom


def test_report_links_each_failed_expectation_to_its_data_docs_page(warned_run: WarnedRun) -> None:
    html = warned_run.report.read_text(encoding="utf-8")
    section = html[html.index('<section id="validation">') :]
    failed = section[section.index("<h3>Failed expectations</h3>") :]
    failed = failed[: failed.index("</table>")]
    links = re.findall(r'<a href="([^"]+)">Data Docs</a>', failed)
    assert len(links) == failed.count("<tr>") - 1 == 1  # one failed expectation, one link
    assert links[0].startswith(
        f"gx/gx/uncommitted/data_docs/local_site/validations/documents/{warned_run.run_id}/"
    )
    assert warned_run.run_id in (warned_run.report.parent / links[0]).read_text(encoding="utf-8")
    assert f"results of run {warned_run.run_id}" in section


def test_report_lists_quarantined_documents_with_their_reasons(warned_run: WarnedRun, tmp_path: Path) -> None:
    warehouse = tmp_path / "paperflow.duckdb"
    shutil.copyfile(warned_run.warehouse, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("DROP TABLE IF EXISTS ops.quarantine")
        con.execute(
            "CREATE TABLE ops.quarantine (run_id VARCHAR, document_id VARCHAR, source_file VARCHAR, "
            'suite VARCHAR, expectation VARCHAR, "column" VARCHAR, unexpected_values VARCHAR)'
        )
        con.execute(
            "INSERT INTO ops.quarantine VALUES (?, 'abcdef0123456789', 'broken.pdf', 'statistics', "
            "'expect_column_values_to_be_between', 'page', '[\"0\"]'), "
            "(?, 'x', 'older.pdf', 's', 'e', 'c', '[]')",
            [warned_run.run_id, "an-older-run"],
        )
    finally:
        con.close()
    html = build_report(warehouse, tmp_path / "reports").read_text(encoding="utf-8")
    listed = html[html.index("<h3>Quarantined documents</h3>") :]
    listed = listed[: listed.index("</table>")]
    assert re.findall(r"<td>([^<]*)</td>", listed)[:6] == [
        "broken.pdf",
        "abcdef0123456789",
        "statistics",
        "expect_column_values_to_be_between",
        "page",
        "[&quot;0&quot;]",
    ]
    assert "older.pdf" not in listed  # only the run the section is about


def test_report_of_a_warehouse_without_quarantine_table(warned_run: WarnedRun, tmp_path: Path) -> None:
    warehouse = tmp_path / "paperflow.duckdb"
    shutil.copyfile(warned_run.warehouse, warehouse)
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("DROP TABLE IF EXISTS ops.quarantine")
    finally:
        con.close()
    html = build_report(warehouse, tmp_path / "reports").read_text(encoding="utf-8")
    section = html[html.index('<section id="validation">') :]
    section = section[: section.index("</section>")]
    assert "Quarantined documents" not in section
    assert "not available" not in section
    assert "expect_table_row_count_to_be_between" in section


def test_cdn_tags_become_local_or_are_dropped() -> None:
    from flows.plumbing.datadocs import localize

    html = (
        '<script src="https://cdn.example.org/lib/unknown.js"></script>\n'
        '<script src="https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js" '
        'integrity="sha384-x" crossorigin="anonymous"></script>\n'
        '<img class="NO-CACHE" src="https://example-bucket.s3.amazonaws.com/logo-long.png?dataContextId=1"/>\n'
        '<a href="https://greatexpectations.io">GX</a>'
    )
    assert localize(html, "../", {"bootstrap.bundle.min.js": "bootstrap.bundle.min.js"}) == (
        "\n"
        '<script src="../static/vendor/bootstrap.bundle.min.js"></script>\n'
        '<img class="NO-CACHE" src="../static/images/logo-long.png"/>\n'
        '<a href="https://greatexpectations.io">GX</a>'
    )
