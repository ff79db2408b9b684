"""The `paperflow` command: wires settings to the flow and turns errors into one-line messages."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from flows.plumbing.settings import Settings, SettingsError, settings_from_env

if TYPE_CHECKING:
    from flows.plumbing.runstate import RunSummary

QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "TQDM_DISABLE": "1",  # GX's per-expectation progress bars
    # The temporary Prefect server can take over 20 s to start on a busy 2-core machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


class CliError(Exception):
    """An error to print as one line, with exit status 2."""


def _formatter(prog: str) -> argparse.HelpFormatter:
    """Keep the examples in epilogs as written."""
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand, each with an example in its help."""
    parser = argparse.ArgumentParser(
        prog="paperflow",
        description="Turn research and policy PDFs into a validated DuckDB warehouse of facts.",
        epilog='example:\n  paperflow run && paperflow sql "select title, language from marts.documents"',
        formatter_class=_formatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="extract, validate, load and publish the PDFs in raw/",
        description="Run the pipeline once: discover → extract → validate (GX) → load → dbt build → publish.",
        epilog="example:\n  paperflow run --raw raw/ --warehouse warehouse/paperflow.duckdb",
        formatter_class=_formatter,
    )
    _add_paths(run)
    run.add_argument("--workers", type=int, help="extraction processes (default: one per core)")
    run.add_argument(
        "--task-runner", choices=("local", "dask"), help="where extraction runs (default: local)"
    )
    run.add_argument("--dask-address", help="Dask scheduler, e.g. tcp://host:8786 (default: a LocalCluster)")
    run.add_argument(
        "--wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for a concurrent run to finish instead of refusing at once",
    )

    sql = sub.add_parser(
        "sql",
        help="query the published warehouse (read-only)",
        description="Run a read-only SQL query against the published warehouse.",
        epilog='example:\n  paperflow sql "select title, language from marts.documents" --format csv',
        formatter_class=_formatter,
    )
    sql.add_argument("query", nargs="?", help="the SQL to run (or use --file)")
    sql.add_argument("--file", type=Path, help="read the SQL from this file")
    sql.add_argument("--warehouse", type=Path, help="DuckDB file (default: warehouse/paperflow.duckdb)")
    sql.add_argument("--format", choices=("table", "csv", "json", "markdown"), default="table")
    serve = sub.add_parser(
        "serve",
        help="run the pipeline on a cron schedule (starts a local Prefect server if none is set)",
        description=(
            "Serve the pipeline as a Prefect deployment with a cron schedule. Uses the Prefect server at\n"
            "PREFECT_API_URL when set; otherwise starts one on 127.0.0.1 and stops it on Ctrl-C/SIGTERM."
        ),
        epilog="example:\n  paperflow serve --cron '0 2 * * *' --raw raw/",
        formatter_class=_formatter,
    )
    _add_paths(serve)
    serve.add_argument("--cron", default="0 2 * * *", help="schedule, cron syntax (default: '0 2 * * *')")

    status = sub.add_parser(
        "status",
        help="last runs, their outcome, document errors, validation warnings and schedule state",
        description="Show recent runs recorded in the published warehouse and whether a schedule is served.",
        epilog="example:\n  paperflow status --runs 5",
        formatter_class=_formatter,
    )
    status.add_argument("--warehouse", type=Path, help="DuckDB file (default: warehouse/paperflow.duckdb)")
    status.add_argument("--reports", type=Path, dest="reports_dir", help="reports folder (default: reports/)")
    status.add_argument("--runs", type=int, default=5, help="how many recent runs to show (default: 5)")

    report = sub.add_parser(
        "report",
        help="write a self-contained HTML report of the published warehouse (charts, provenance, runs)",
        description=(
            "Write reports/report.html from the published warehouse (read-only): corpus, policy timeline\n"
            "and citations, themes, statistics with links to their PDF pages, validation and recent runs.\n"
            "PDF links point into raw/ (PAPERFLOW_RAW_DIR). The page needs no network to view."
        ),
        epilog="example:\n  paperflow report --open",
        formatter_class=_formatter,
    )
    report.add_argument("--warehouse", type=Path, help="DuckDB file (default: warehouse/paperflow.duckdb)")
    report.add_argument("--reports", type=Path, dest="reports_dir", help="reports folder (default: reports/)")
    report.add_argument("--open", action="store_true", help="open the report in the web browser")

    docs = sub.add_parser(
        "docs",
        help="generate dbt's docs site (models, tests, lineage) for the published warehouse",
        description=(
            "Run `dbt docs generate --static` on a temporary copy of the published warehouse and write\n"
            "reports/dbt_docs/index.html (one self-contained file)."
        ),
        epilog="example:\n  paperflow docs --reports reports/",
        formatter_class=_formatter,
    )
    docs.add_argument("--warehouse", type=Path, help="DuckDB file (default: warehouse/paperflow.duckdb)")
    docs.add_argument("--reports", type=Path, dest="reports_dir", help="reports folder (default: reports/)")
    return parser


def _add_paths(parser: argparse.ArgumentParser) -> None:
    """The folder and file options shared by run and serve."""
    parser.add_argument("--raw", type=Path, dest="raw_dir", help="folder of PDFs (default: raw/)")
    parser.add_argument(
        "--warehouse", type=Path, help="DuckDB file to publish (default: warehouse/paperflow.duckdb)"
    )
    parser.add_argument("--reports", type=Path, dest="reports_dir", help="reports folder (default: reports/)")
    parser.add_argument("--cache", type=Path, dest="cache_dir", help="extraction cache (default: cache/)")


def _settings(args: argparse.Namespace) -> Settings:
    """Build the one Settings object from the environment and the flags."""
    names = ("raw_dir", "warehouse", "reports_dir", "cache_dir", "workers", "task_runner", "dask_address")
    overrides = {name: getattr(args, name, None) for name in names}
    return settings_from_env(os.environ, **overrides)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the pipeline once and print its summary."""
    settings = _settings(args).with_overrides(lock_timeout_s=args.wait)
    if not settings.raw_dir.is_dir():
        raise CliError(f"raw folder not found: {settings.raw_dir}")
    from flows.plumbing.fastpath import record_if_unchanged
    from flows.plumbing.warehouse import RunInProgress

    try:
        # Nothing changed: recorded in well under a second, without Prefect (flows/plumbing/fastpath.py).
        summary, inputs = record_if_unchanged(settings)
        if summary is None:
            from flows.plumbing.headstart import run_with_head_start
            from flows.plumbing.reaper import reaper

            # A killed run leaves no extraction process or temporary Prefect server behind.
            with reaper():
                summary = run_with_head_start(settings, inputs, _run_flow)
    except RunInProgress as exc:
        raise CliError(str(exc)) from None
    print(format_summary(summary))
    return 0 if summary.status != "failed" else 1


def _run_flow(settings: Settings, run_id: str) -> RunSummary:
    """The Prefect flow, imported once the head start has launched what it can (plumbing/headstart.py)."""
    from flows.pipeline import run_pipeline

    return run_pipeline(settings, run_id)


def format_summary(summary: RunSummary) -> str:
    """The short text a user reads at the end of a run."""
    lines = [
        f"run {summary.run_id}: {summary.status}"
        + ("" if summary.published else " (warehouse NOT published; the previous one is unchanged)"),
        f"documents: {summary.documents_seen} seen, {summary.documents_processed} extracted, "
        f"{summary.documents_skipped} unchanged (cached), {summary.documents_failed} failed",
    ]
    lines += [
        f"  {'quarantined' if e['error_kind'] == 'failed_validation' else 'failed'}: "
        f"{e['source_file']}: {e['error_kind']}: {e['message']}"
        for e in summary.errors
    ]
    if summary.rows_held_back:
        held = [r for r in summary.quarantine if r.get("scope") == "row"]
        lines.append(
            f"rows held back: {summary.rows_held_back} in {len({r['document_id'] for r in held})} documents "
            "(kept in raw, out of the marts; ops.quarantine, `paperflow status`)"
        )
    if summary.page_errors:
        documents = len({e["document_id"] for e in summary.page_errors})
        lines.append(f"pages skipped: {len(summary.page_errors)} in {documents} documents (ops.page_errors)")
    if summary.status == "failed":
        lines.append(f"reason: {summary.message}")
    if summary.tables:
        lines.append("tables:")
        lines += [f"  {name:<34} {count:>7} rows" for name, count in summary.tables.items()]
    lines += [f"  little text (kind other): {name}" for name in summary.other_documents]
    if summary.validation_warnings:
        lines.append(f"validation warnings: {len(summary.validation_warnings)}")
        lines += [f"  {w}" for w in summary.validation_warnings]
    lines.append(f"warehouse:   {summary.warehouse}")
    if summary.data_docs:
        lines.append(f"validation:  {summary.data_docs}")
    lines.append(f"run summary: {summary.summary_file}")
    if summary.log_file:
        lines.append(f"log:         {summary.log_file}")
    return "\n".join(lines)


def cmd_sql(args: argparse.Namespace) -> int:
    """Run one read-only query and print the rows."""
    from flows.surface.query import QueryError, run_query

    if (args.query is None) == (args.file is None):
        raise CliError("give either a query or --file query.sql")
    query = args.query if args.file is None else _read(args.file)
    settings = settings_from_env(os.environ, warehouse=args.warehouse)
    try:
        print(run_query(settings.warehouse, query, args.format))
    except QueryError as exc:
        raise CliError(str(exc)) from None
    return 0


def _read(path: Path) -> str:
    """Read a query file, with a clear error when it is missing."""
    try:
        return path.read_text()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the scheduled deployment until interrupted."""
    settings = _settings(args)
    if not settings.raw_dir.is_dir():
        raise CliError(f"raw folder not found: {settings.raw_dir}")
    _check_cron(args.cron)
    from flows.surface.serve import ServeError, serve

    try:
        serve(settings, args.cron)
    except ServeError as exc:
        raise CliError(str(exc)) from None
    return 0


def _check_cron(expression: str) -> None:
    """Refuse a cron expression Prefect would reject, before starting a server."""
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=expression)
    except ValueError:
        raise CliError(f"not a valid cron expression: {expression!r} (example: '0 2 * * *')") from None


def cmd_status(args: argparse.Namespace) -> int:
    """Print recent runs and the schedule state."""
    from flows.surface.query import QueryError
    from flows.surface.status import status_text

    settings = settings_from_env(os.environ, warehouse=args.warehouse, reports_dir=args.reports_dir)
    try:
        print(status_text(settings, args.runs))
    except QueryError as exc:
        raise CliError(str(exc)) from None
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML report and print its path."""
    import webbrowser

    import duckdb

    from flows.plumbing.warehouse import WarehouseMissing
    from flows.surface.report import build_report

    settings = settings_from_env(os.environ, warehouse=args.warehouse, reports_dir=args.reports_dir)
    try:
        path = build_report(settings.warehouse, settings.reports_dir, settings.raw_dir)
    except WarehouseMissing as exc:
        raise CliError(str(exc)) from None
    except duckdb.Error as exc:
        raise CliError(f"cannot read {settings.warehouse}: {str(exc).splitlines()[0]}") from None
    print(path)
    if args.open:
        webbrowser.open(path.as_uri())
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Generate dbt docs for the published warehouse and print the path of their index."""
    from flows.plumbing.warehouse import WarehouseMissing
    from flows.surface.docs import DocsError, build_dbt_docs

    settings = settings_from_env(os.environ, warehouse=args.warehouse, reports_dir=args.reports_dir)
    try:
        print(build_dbt_docs(settings))
    except (WarehouseMissing, DocsError) as exc:
        raise CliError(str(exc)) from None
    return 0


COMMANDS = {
    "run": cmd_run,
    "sql": cmd_sql,
    "serve": cmd_serve,
    "status": cmd_status,
    "report": cmd_report,
    "docs": cmd_docs,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `paperflow` console script."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    progress = logging.getLogger("paperflow.progress")
    if not progress.handlers:
        progress.addHandler(logging.StreamHandler(sys.stderr))
    progress.setLevel(logging.INFO)
    progress.propagate = False
    args = build_parser().parse_args(argv)
    try:
        status = COMMANDS[args.command](args)
    except (CliError, SettingsError) as exc:
        print(f"paperflow {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"paperflow {args.command}: interrupted", file=sys.stderr)
        return 130
    if argv is None and args.command == "run":  # the program itself, not a caller that goes on
        from flows.plumbing.headstart import exit_without_teardown

        exit_without_teardown(status)
    return status


if __name__ == "__main__":
    sys.exit(main())
