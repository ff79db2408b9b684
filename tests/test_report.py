"""The HTML report: built from the corpus warehouse, then drawn by a real headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import duckdb
import pytest

from flows.surface.cli import main
from flows.surface.report import build_report

CHART_NAMES = ("corpus", "timeline", "citations", "themes")
# No downloaded browser and no network: a proxy and resolver that fail make any request a console error.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--enable-logging=stderr",
    "--v=0",
    "--hide-scrollbars",
    "--virtual-time-budget=10000",
)


def _apt_install(*packages: str) -> str:
    """Install Debian packages; return "" on success or the last line apt printed on failure."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", *packages]):
        try:
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{' '.join(command)}: {exc}"
        if done.returncode:
            lines = (done.stderr or done.stdout).strip().splitlines() or ["no output"]
            return f"{' '.join(command)}: {lines[-1]}"
    return ""


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed with apt when missing and we are root; else the tests skip."""
    found = shutil.which("chromium")
    if found is None:
        if not hasattr(os, "geteuid") or os.geteuid() != 0:
            pytest.skip("chromium is not installed (apt-get install chromium) and we are not root")
        failure = _apt_install("chromium")
        found = shutil.which("chromium")
        if found is None:
            pytest.skip(f"could not install chromium with apt-get: {failure or 'not on PATH after install'}")
    _ensure_cjk_font()
    return found


def _ensure_cjk_font() -> None:
    """Without a CJK font the screenshot shows boxes for Chinese; install a small one if we can."""
    try:
        listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return
    if not listed.strip() and hasattr(os, "geteuid") and os.geteuid() == 0:
        _apt_install("fonts-wqy-zenhei")  # best effort: only the screenshot suffers without it


@dataclass(frozen=True)
class Rendered:
    """The report as Chromium drew it: its DOM after scripts ran, Chromium's log, and a screenshot."""

    html: str
    dom: str
    log: str
    screenshot: Path


def _headless(chromium: str, profile: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once on a local page."""
    command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def report_file(corpus_run: Path) -> Path:
    """The report of the session's corpus warehouse, written to its reports folder."""
    return build_report(
        corpus_run / "warehouse" / "paperflow.duckdb", corpus_run / "reports", corpus_run / "raw"
    )


@pytest.fixture(scope="module")
def rendered(report_file: Path, chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """Dump the DOM once the charts drew, and save a screenshot beside the report."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    dumped = _headless(chromium, profile, report_file, "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    screenshot = report_file.parent / "report.png"
    shot = _headless(chromium, profile, report_file, f"--screenshot={screenshot}", "--window-size=1280,4000")
    assert shot.returncode == 0, shot.stderr[-2000:]
    return Rendered(
        report_file.read_text(encoding="utf-8"), dumped.stdout, dumped.stderr + shot.stderr, screenshot
    )


def _chart_markup(dom: str, name: str) -> str:
    """What vega-embed put inside one chart container (up to the figure's caption)."""
    start = dom.find(f'id="chart-{name}"')
    assert start >= 0, f"no container for chart {name}"
    end = dom.find("<figcaption", start)
    return dom[start:end]


def _marks(markup: str) -> dict[str, int]:
    """How many items each kind of data mark drew (legends and axes are not role-mark groups)."""
    counts: dict[str, int] = {}
    for kind, inner in re.findall(r'<g class="mark-(\w+) role-mark[^"]*"[^>]*>(.*?)</g>', markup, flags=re.S):
        counts[kind] = counts.get(kind, 0) + len(re.findall(r"<(?:path|text|line)\b", inner))
    return counts


def test_every_chart_draws_marks(rendered: Rendered) -> None:
    drawn = re.search(r'data-charts-rendered="(\d+)"', rendered.dom)
    assert drawn is not None, "the charts never finished drawing"
    assert drawn[1] == str(len(CHART_NAMES))
    for name in CHART_NAMES:
        markup = _chart_markup(rendered.dom, name)
        assert "<svg" in markup, f"chart {name} has no svg"
        assert sum(_marks(markup).values()) > 0, f"chart {name} drew no marks"


def test_charts_draw_one_mark_per_row(rendered: Rendered, corpus_warehouse: Path) -> None:
    con = duckdb.connect(str(corpus_warehouse), read_only=True)
    try:
        dated = con.execute("SELECT count(*) FROM marts.policies WHERE issued_year IS NOT NULL").fetchone()
        cells = con.execute("SELECT count(*) FROM marts.theme_consensus").fetchone()
    finally:
        con.close()
    assert _marks(_chart_markup(rendered.dom, "timeline")) == {"symbol": dated[0]}  # type: ignore[index]
    # The heatmap layers a rect and a text mark per cell.
    assert _marks(_chart_markup(rendered.dom, "themes")) == {"rect": cells[0], "text": cells[0]}  # type: ignore[index]


def test_no_console_errors(rendered: Rendered) -> None:
    box = re.search(r'<div id="report-errors"[^>]*>(.*?)</div>', rendered.dom, flags=re.S)
    assert box is not None
    assert "<li>" not in box[1], box[1]
    console = [line for line in rendered.log.splitlines() if ":CONSOLE" in line]
    assert console == []


def test_screenshot_is_saved_under_reports(rendered: Rendered) -> None:
    data = rendered.screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 50_000  # a blank page of that size compresses to a few kB


def test_report_is_self_contained_utf8(rendered: Rendered) -> None:
    html = rendered.html
    assert '<meta charset="utf-8">' in html
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "vegaEmbed" in html
    assert "人工智能驱动新质生产力形成的生成逻辑" in html  # the Chinese paper's title, as text


def test_statistics_link_to_their_pdf_page_and_show_the_sentence(
    rendered: Rendered, report_file: Path, corpus_warehouse: Path
) -> None:
    con = duckdb.connect(str(corpus_warehouse), read_only=True)
    try:
        stats = con.execute(
            "SELECT d.source_file, s.page, s.raw_text FROM marts.statistics s JOIN marts.documents d "
            "USING (document_id)"
        ).fetchall()
    finally:
        con.close()
    table = rendered.html[rendered.html.index('<table class="statistics">') :]
    table = table[: table.index("</table>")]
    links = re.findall(r'<a href="([^"]+)#page=(\d+)"', table)
    assert len(links) == len(stats) > 0
    assert sorted((unquote(Path(h).name), int(p)) for h, p in links) == sorted((f, p) for f, p, _ in stats)
    for href, _ in links:
        assert (report_file.parent / unquote(href)).resolve().exists(), href
    assert table.count("<mark>") == len(stats)  # the figure is marked in its sentence


def test_cross_language_citations_are_highlighted(rendered: Rendered, corpus_warehouse: Path) -> None:
    con = duckdb.connect(str(corpus_warehouse), read_only=True)
    try:
        crossing = con.execute(
            "SELECT count(*) FROM marts.policy_citations WHERE is_cited_across_languages"
        ).fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    assert crossing > 0
    assert rendered.html.count('<tr class="cross">') == crossing


def test_validation_links_to_data_docs(rendered: Rendered, report_file: Path) -> None:
    href = "gx/gx/uncommitted/data_docs/local_site/index.html"
    assert f'href="{href}"' in rendered.html
    assert (report_file.parent / href).exists()
    section = rendered.html[rendered.html.index('<section id="validation">') :]
    for suite in ("documents", "paragraphs", "statistics"):
        assert f"<td>{suite}</td>" in section


def test_report_builds_fast(corpus_run: Path, tmp_path: Path) -> None:
    warehouse = corpus_run / "warehouse" / "paperflow.duckdb"
    build_report(warehouse, tmp_path / "reports")  # the first build may bundle the JavaScript
    started = time.perf_counter()
    build_report(warehouse, tmp_path / "reports")
    assert time.perf_counter() - started < 5


def test_text_from_the_papers_is_escaped(corpus_warehouse: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.duckdb"
    shutil.copyfile(corpus_warehouse, hostile)
    con = duckdb.connect(str(hostile))
    try:
        con.execute("UPDATE marts.documents SET title = '<script>alert(1)</script>' WHERE language = 'en'")
        con.execute("UPDATE marts.statistics SET sentence = sentence || ' <img src=x onerror=alert(2)>'")
        con.execute("UPDATE marts.theme_consensus SET label_en = '</script><b>x</b>'")
    finally:
        con.close()
    html = build_report(hostile, tmp_path / "reports").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "</script><b>x</b>" not in html


def test_cli_report_prints_the_path(
    corpus_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = corpus_run / "warehouse" / "paperflow.duckdb"
    assert main(["report", "--warehouse", str(warehouse), "--reports", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "report.html")
    assert (tmp_path / "report.html").stat().st_size > 100_000


def test_cli_report_without_warehouse_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["report", "--warehouse", str(tmp_path / "none.duckdb"), "--reports", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2
    assert (
        err
        == f"paperflow report: error: no warehouse at {tmp_path / 'none.duckdb'}: run `paperflow run` first\n"
    )
