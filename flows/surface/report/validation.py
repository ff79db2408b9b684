"""The report's validation section: GX results of the last validated run, each failed expectation
linked to its Data Docs page, the documents quarantined and the rows held back in that run."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from flows.plumbing.datadocs import validation_pages
from flows.surface.report.html import Row, badge, link, section, table
from flows.surface.report.queries import (
    DBT_SQL,
    FAILED_EXPECTATIONS_SQL,
    LATEST_VALIDATED_RUN_SQL,
    QUARANTINE_EXISTS_SQL,
    QUARANTINE_SQL,
    VALIDATION_SQL,
)

GX_INDEX = Path("gx/gx/uncommitted/data_docs/local_site/index.html")
DBT_DOCS_INDEX = Path("dbt_docs/index.html")
SEVERITY_BADGE = {"critical": "bad", "warning": "warn"}
# ops.quarantine as the quarantine issue defines it; a column a warehouse lacks is left out.
QUARANTINE_COLUMNS = (
    ("file", "source_file"),
    ("document", "document_id"),
    ("suite", "suite"),
    ("expectation", "expectation"),
    ("column", "column"),
    ("unexpected values", "unexpected_values"),
)

HELD_BACK_COLUMNS = (
    ("file", "source_file"),
    ("document", "document_id"),
    ("table", "table_name"),
    ("row key", "row_key"),
    ("expectation", "expectation"),
    ("column", "column"),
    ("value", "unexpected_values"),
)


class ReportView(Protocol):
    """What this section reads of the report (flows.surface.report.Report): folder and warehouse rows."""

    reports_dir: Path

    def rows(self, sql: str, *params: Any) -> list[Row]:
        """The rows of a query, each a dict."""
        ...


def render(report: ReportView) -> str:
    """The validation section of the report."""
    gx_index = report.reports_dir / GX_INDEX
    links = [
        link(GX_INDEX.as_posix(), "Great Expectations Data Docs")
        + ("" if gx_index.exists() else " <small>(not found beside this report)</small>")
    ]
    if (report.reports_dir / DBT_DOCS_INDEX).exists():
        links.append(link(DBT_DOCS_INDEX.as_posix(), "dbt docs (models, tests, lineage)"))
    body = [f"<p>{' · '.join(links)}</p>"]
    latest = report.rows(LATEST_VALIDATED_RUN_SQL)
    if not latest:
        body.append('<p class="empty">no validation results recorded yet</p>')
        return section("validation", "Validation", body)
    run_id = latest[0]["run_id"]
    pages = {
        suite: _href(page, report.reports_dir)
        for suite, page in validation_pages(gx_index.parent, run_id).items()
    }

    def docs_link(suite_column: str) -> Callable[[Row], str]:
        """A cell linking the row's suite to its Data Docs page of this run."""
        return lambda r: link(pages[r[suite_column]], "Data Docs") if r.get(suite_column) in pages else ""

    failed = report.rows(FAILED_EXPECTATIONS_SQL, run_id)
    body += [
        table(
            report.rows(VALIDATION_SQL, run_id),
            [
                ("suite", "suite_name"),
                ("severity", lambda r: badge(r["severity"], SEVERITY_BADGE.get(r["severity"], "info"))),
                ("passed", "passed"),
                ("failed", lambda r: badge(str(r["failed"]), "bad") if r["failed"] else "0"),
            ],
        ),
        "<h3>Failed expectations</h3>",
        table(
            failed,
            [
                ("suite", "suite_name"),
                ("expectation", "expectation"),
                ("column", "column"),
                ("severity", lambda r: badge(r["severity"], SEVERITY_BADGE.get(r["severity"], "info"))),
                ("unexpected", "unexpected_count"),
                ("examples", "unexpected_values"),
                ("details", docs_link("suite_name")),
            ],
            row_class=lambda r: "failed" if r["severity"] == "critical" else "",
            empty="every expectation passed",
        ),
        *_quarantine(report, run_id, docs_link),
        "<h3>dbt models and tests in the same run</h3>",
        table(
            report.rows(DBT_SQL, run_id),
            [("resource", "resource_type"), ("status", "status"), ("nodes", "nodes")],
        ),
    ]
    return section(
        "validation",
        "Validation",
        body,
        intro=f"Great Expectations results of run {run_id} (ops.validation_results; the run is named so in "
        "Data Docs too): a failed critical expectation stops the publish, a failed warning is reported only.",
    )


def _quarantine(
    report: ReportView, run_id: str, docs_link: Callable[[str], Callable[[Row], str]]
) -> list[str]:
    """The documents quarantined and the rows held back in the run, and why (ops.quarantine)."""
    if not report.rows(QUARANTINE_EXISTS_SQL):
        return []  # a warehouse from before quarantine existed
    every = report.rows(QUARANTINE_SQL, run_id)
    rows = [r for r in every if r.get("scope") != "row"]
    held = [r for r in every if r.get("scope") == "row"]
    present = set(every[0]) if every else {column for _, column in QUARANTINE_COLUMNS}
    columns: list[tuple[str, Callable[[Row], str] | str]] = [
        (heading, column) for heading, column in QUARANTINE_COLUMNS if column in present
    ]
    if "suite" in present:
        columns.append(("details", docs_link("suite")))
    return [
        "<h3>Quarantined documents</h3>",
        table(rows, columns, row_class=lambda r: "failed", empty="no document was quarantined in this run"),
        "<h3>Rows held back</h3>",
        "<p>Rows of side tables that failed a critical row expectation: kept in raw, left out of the marts; "
        "their documents publish with every other row.</p>",
        table(
            held,
            [(heading, column) for heading, column in HELD_BACK_COLUMNS] + [("details", docs_link("suite"))],
            empty="no row was held back in this run",
        ),
    ]


def _href(page: Path, reports_dir: Path) -> str:
    """A link from the report to a Data Docs page, relative so the reports folder can move."""
    return quote(Path(os.path.relpath(page, reports_dir)).as_posix())
