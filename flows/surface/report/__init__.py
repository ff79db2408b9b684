"""`paperflow report`: one self-contained HTML page of the published warehouse, charts included."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb

from flows.plumbing.warehouse import connect_read_only
from flows.surface.report import charts
from flows.surface.report import validation as validation_section
from flows.surface.report.html import Row, badge, chart, esc, grid, highlight, link, page, section, table
from flows.surface.report.queries import (
    CITATIONS_SQL,
    DOCUMENTS_SQL,
    ERRORS_SQL,
    MENTIONS_BY_LANGUAGE_SQL,
    POLICIES_SQL,
    RUNS_SQL,
    STATISTICS_SQL,
    TABLE_CELLS_SQL,
    TABLES_SQL,
    THEMES_SQL,
    TIMELINE_SQL,
)

STATUS_BADGE = {"success": "ok", "warning": "warn", "failed": "bad"}


class Report:
    """Reads the warehouse for one report and renders its sections."""

    def __init__(self, con: duckdb.DuckDBPyConnection, reports_dir: Path, raw_dir: Path) -> None:
        """Keep the open read-only connection and where the links point."""
        self.con = con
        self.reports_dir = reports_dir
        self.raw_dir = raw_dir
        self.papers = {r["document_id"]: r for r in self.rows(DOCUMENTS_SQL)}

    def rows(self, sql: str, *params: Any) -> list[Row]:
        """The rows of a query as dicts."""
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def paper_label(self, document_id: str) -> str:
        """A short name for a paper: first author, "et al." when more, and year."""
        paper = self.papers.get(document_id)
        if paper is None:
            return document_id
        authors = [a for a in paper["authors"] or [] if a]
        who = (
            (authors[0] + (" et al." if len(authors) > 1 else "")) if authors else (paper["title"] or "")[:30]
        )
        return f"{who} {paper['published_year'] or ''}".strip()

    def pdf_href(self, source_file: str, page: int | None) -> str:
        """A link to the PDF page, relative to the report so raw/ and reports/ can move together."""
        target = self.raw_dir / source_file
        try:
            href = quote(Path(os.path.relpath(target, self.reports_dir)).as_posix())
        except ValueError:  # another drive on Windows: no relative path exists
            href = target.as_uri()
        return f"{href}#page={page}" if page else href

    def overview(self) -> str:
        """Corpus overview: headline counts, one row per paper, and a chart of what each yielded."""
        papers = list(self.papers.values())
        totals = {
            "papers": len(papers),
            "pages": sum(p["page_count"] or 0 for p in papers),
            "statistics": sum(p["statistic_count"] or 0 for p in papers),
            "policy mentions": sum(p["policy_mention_count"] or 0 for p in papers),
            "recommendations": sum(p["recommendation_count"] or 0 for p in papers),
            "tables": sum(p["table_count"] or 0 for p in papers),
        }
        cards = "".join(f"<div class=card><b>{v:,}</b><span>{esc(k)}</span></div>" for k, v in totals.items())
        columns: list[tuple[str, Callable[[Row], str] | str]] = [
            ("paper", lambda r: esc(self.paper_label(r["document_id"]))),
            ("title", lambda r: link(self.pdf_href(r["source_file"], None), r["title"] or r["source_file"])),
            ("authors", "authors"),
            ("language", "language"),
            ("year", "published_year"),
            ("pages", "page_count"),
            ("paragraphs", "paragraph_count"),
            ("statistics", "statistic_count"),
            ("policies", "policy_count"),
            ("policy mentions", "policy_mention_count"),
            ("recommendations", "recommendation_count"),
            ("references", "reference_count"),
            ("tables", "table_count"),
        ]
        profiles = [{**p, "paper": self.paper_label(p["document_id"])} for p in papers]
        return section(
            "overview",
            "Corpus overview",
            [
                f"<div class=cards>{cards}</div>",
                table(papers, columns, empty="no documents in the warehouse"),
                chart("corpus", charts.corpus_counts(profiles), "Rows extracted from each paper.")
                if papers
                else "",
            ],
            intro="The papers now in raw/, with what was extracted from each (marts.documents, "
            "marts.paper_profiles).",
        )

    def timeline(self) -> str:
        """Policy timeline: a chart of policies by year and type, and the same as a table."""
        policies = self.rows(POLICIES_SQL)
        by_year = self.rows(TIMELINE_SQL)
        columns: list[tuple[str, Callable[[Row], str] | str]] = [
            ("year", "issued_year"),
            ("type", "policy_type"),
            ("policies", lambda r: "<br>".join(esc(n) for n in r["policies"] or [])),
            ("issuers", "issuers"),
        ]
        dated = [p for p in policies if p["issued_year"] is not None]
        return section(
            "timeline",
            "Policy timeline",
            [
                chart(
                    "timeline",
                    charts.policy_timeline(policies),
                    "Each circle is a policy of the registry at the year it was issued; its area grows with "
                    "the mentions in the papers, and faint circles are not cited. Policies without a known "
                    "year appear only in the table.",
                )
                if dated
                else '<p class="empty">no dated policies</p>',
                "<h3>By year and type</h3>",
                table(by_year, columns, empty="no policies cited"),
            ],
            intro="Policies cited by the papers, by year issued and type (marts.policies, "
            "marts.policy_timeline).",
        )

    def citations(self) -> str:
        """Policy citations across papers and languages, cross-language ones highlighted."""
        rows = self.rows(CITATIONS_SQL)
        mentions = self.rows(MENTIONS_BY_LANGUAGE_SQL)
        for m in mentions:
            m["label"] = ("⇄ " if m["cross_language"] else "") + (m["name_en"] or m["policy_id"])
        columns: list[tuple[str, Callable[[Row], str] | str]] = [
            ("policy", lambda r: esc(r["name_en"]) + (f"<br><small>{esc(r['name_zh'])}</small>")),
            ("mentions", "mention_count"),
            ("papers", "paper_count"),
            ("languages", "languages"),
            (
                "cross-language",
                lambda r: badge("en + zh", "info") if r["is_cited_across_languages"] else "",
            ),
            ("cited by", lambda r: "<br>".join(esc(t) for t in r["paper_titles"] or [])),
        ]
        crossing = sum(1 for r in rows if r["is_cited_across_languages"])
        return section(
            "citations",
            "Policy citations across papers and languages",
            [
                chart(
                    "citations",
                    charts.policy_citations(mentions),
                    "Mentions per policy, coloured by the language of the citing paper; ⇄ and an "
                    "outline mark policies cited in both English and Chinese papers.",
                )
                if mentions
                else "",
                table(
                    rows,
                    columns,
                    row_class=lambda r: "cross" if r["is_cited_across_languages"] else "",
                    empty="no policy is cited",
                ),
            ],
            intro=f"{len(rows)} policies cited; {crossing} of them by papers in more than one language "
            "(highlighted). Source: marts.policy_citations.",
        )

    def themes(self) -> str:
        """Theme × paper heatmap of recommendations."""
        cells = self.rows(THEMES_SQL)
        for c in cells:
            c["paper"] = self.paper_label(c["document_id"])
        return section(
            "themes",
            "Recommendations by theme and paper",
            [
                chart(
                    "themes",
                    charts.theme_heatmap(cells),
                    "Number of recommendations per theme in each paper; themes sorted by how many papers "
                    "share them.",
                )
                if cells
                else '<p class="empty">no recommendations</p>'
            ],
            intro="Where the papers agree on what to do (marts.theme_consensus).",
        )

    def statistics(self) -> str:
        """Statistics with their provenance: a link to the PDF page and the sentence they come from."""
        rows = self.rows(STATISTICS_SQL)
        columns: list[tuple[str, Callable[[Row], str] | str]] = [
            ("measure", lambda r: esc(r["measure"]) or '<span class="empty">(none)</span>'),
            ("subject", "subject"),
            ("as written", "raw_text"),
            ("value", lambda r: esc(r["value"])),
            ("unit", lambda r: esc(r["unit"]) + (f" ({esc(r['qualifier'])})" if r["qualifier"] else "")),
            ("year", "year"),
            ("source", self.statistic_source),
            ("sentence", lambda r: f'<div class="sentence">{_statistic_context(r)}</div>'),
        ]
        return section(
            "statistics",
            "Statistics and where they come from",
            [table(rows, columns, empty="no statistics extracted", css="statistics")],
            intro="Each figure in base units (a 'billion yuan' is stored as yuan), with the page of the PDF "
            "and the sentence it was read from, or for a figure read from a table its caption, row and "
            "column headers and a link to the table (marts.statistics).",
        )

    def tables(self) -> str:
        """Each document's tables (caption, page, size, kind), each one openable as its grid of cells."""
        tables = self.rows(TABLES_SQL)
        cells: dict[str, list[Row]] = {}
        for cell in self.rows(TABLE_CELLS_SQL):
            cells.setdefault(cell["table_id"], []).append(cell)
        columns: list[tuple[str, Callable[[Row], str] | str]] = [
            ("table", lambda r: link(f"#grid-{r['table_id']}", r["caption"] or r["table_id"])),
            ("pages", lambda r: link(self.pdf_href(r["source_file"], r["page"]), _pages(r))),
            ("size", lambda r: f"{r['n_rows']} × {r['n_cols']}"),
            ("kind", "kind"),
            ("unit", "unit"),
        ]
        body: list[str] = []
        by_document: dict[str, list[Row]] = {}
        for t in tables:
            by_document.setdefault(t["document_id"], []).append(t)
        for document_id, own in by_document.items():
            title = (self.papers.get(document_id) or {}).get("title") or own[0]["source_file"]
            body.append(f"<h3>{esc(self.paper_label(document_id))}: {esc(title)}</h3>")
            body.append(table(own, columns, css="tables"))
            body.extend(self.table_grid(t, cells.get(t["table_id"], [])) for t in own)
        return section(
            "tables",
            "Tables",
            body or ['<p class="empty">no tables found</p>'],
            intro=f"{len(tables)} tables in {len(by_document)} documents; open one to see its cells as "
            "printed, column headers on top and row headers on the left (marts.tables, marts.table_cells).",
        )

    def table_grid(self, t: Row, cells: list[Row]) -> str:
        """One table as a closed <details>: its summary names it, opening it shows the grid and notes."""
        label = f"{t['caption'] or t['table_id']} · {_pages(t)} · {t['n_rows']} × {t['n_cols']} · {t['kind']}"
        notes = f'<p class="notes">{esc(t["notes"])}</p>' if t["notes"] else ""
        drawn = grid(cells, t["n_rows"], t["n_cols"], t["header_rows"], caption=t["caption"] or "")
        return (
            f'<details class="table-grid" id="grid-{esc(t["table_id"])}">'
            f"<summary>{esc(label)}</summary>{drawn}{notes}</details>"
        )

    def statistic_source(self, r: Row) -> str:
        """The PDF page a statistic is printed on, and for one read from a table a link to its grid."""
        page = link(
            self.pdf_href(r["source_file"], r["page"]),
            f"{self.paper_label(r['document_id'])}, p. {r['page']}",
            title=r["source_file"],
        )
        if r["source"] != "table" or not r["table_id"]:
            return page
        grid_link = link(f"#grid-{r['table_id']}", "in a table", title=r["table_id"])
        return f"{page}<br>{grid_link}"

    def validation(self) -> str:
        """Validation summary of the latest validated run, with links into GX Data Docs and dbt docs."""
        return validation_section.render(self)

    def runs(self) -> str:
        """The last runs and the documents that failed in them."""
        runs = self.rows(RUNS_SQL)
        errors = self.rows(ERRORS_SQL)
        return section(
            "runs",
            "Last runs and document errors",
            [
                table(
                    runs,
                    [
                        ("run", "run_id"),
                        ("status", lambda r: badge(r["status"], STATUS_BADGE.get(r["status"], "info"))),
                        ("started", "started_at"),
                        ("finished", "finished_at"),
                        ("seen", "documents_seen"),
                        ("extracted", "documents_processed"),
                        ("unchanged", "documents_skipped"),
                        ("failed", "documents_failed"),
                        ("extractor", "extractor_version"),
                        ("message", "message"),
                    ],
                    empty="no runs recorded",
                ),
                "<h3>Document errors</h3>",
                table(
                    errors,
                    [
                        ("run", "run_id"),
                        ("file", "source_file"),
                        ("kind", "error_kind"),
                        ("message", "message"),
                    ],
                    empty="no document failed",
                ),
            ],
            intro="ops.pipeline_runs (latest 10) and ops.document_errors (latest 50; quarantined documents "
            "are listed under Validation).",
        )


SECTIONS: Sequence[tuple[str, str, Callable[[Report], str]]] = (
    ("overview", "Corpus", Report.overview),
    ("timeline", "Policy timeline", Report.timeline),
    ("citations", "Policy citations", Report.citations),
    ("themes", "Themes", Report.themes),
    ("statistics", "Statistics", Report.statistics),
    ("tables", "Tables", Report.tables),
    ("validation", "Validation", Report.validation),
    ("runs", "Runs and errors", Report.runs),
)


def build_report(warehouse: Path, reports_dir: Path, raw_dir: Path | None = None) -> Path:
    """Write reports_dir/report.html from the published warehouse (read-only) and return its path.

    PDF links point into raw_dir, by default the raw/ folder beside reports_dir.
    """
    reports_dir = reports_dir.resolve()
    raw_dir = (raw_dir or reports_dir.parent / "raw").resolve()
    con = connect_read_only(warehouse)
    try:
        report = Report(con, reports_dir, raw_dir)
        body = "".join(_render(report, anchor, title, render) for anchor, title, render in SECTIONS)
        last_run = report.rows(RUNS_SQL)[:1]
    finally:
        con.close()
    status = f"last run {last_run[0]['run_id']}: {last_run[0]['status']}" if last_run else "no runs yet"
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    html = page(
        "paperflow report",
        f"{warehouse.resolve()} · {status} · generated {generated}",
        [(anchor, title) for anchor, title, _ in SECTIONS],
        body,
        charts.vega_javascript(reports_dir / ".cache"),
    )
    reports_dir.mkdir(parents=True, exist_ok=True)
    target = reports_dir / "report.html"
    # Written aside then renamed: a browser reloading the report never sees half a page.
    partial = target.with_suffix(".html.tmp")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, target)
    return target


def _statistic_context(r: Row) -> str:
    """The sentence with the figure marked; for a table statistic (caption | row header | column header |
    cell) the mark goes on the cell, not on the same digits in the caption ("Table 1")."""
    if r["source"] == "table" and " | " in (r["sentence"] or ""):
        head, _, cell = r["sentence"].rpartition(" | ")
        return f"{esc(head)} | {highlight(cell, r['raw_text'])}"
    return highlight(r["sentence"], r["raw_text"])


def _pages(t: Row) -> str:
    """The pages of a table: p. 3 on one page, pp. 3–4 when it continues over a page break."""
    return f"p. {t['page']}" if t["page_end"] in (None, t["page"]) else f"pp. {t['page']}–{t['page_end']}"


def _render(report: Report, anchor: str, title: str, render: Callable[[Report], str]) -> str:
    """One section, or a note saying why it is missing (an older warehouse may lack a mart)."""
    try:
        return render(report)
    except duckdb.Error as exc:
        return section(
            anchor, title, [f'<p class="empty">not available: {esc(str(exc).splitlines()[0])}</p>']
        )
