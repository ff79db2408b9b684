"""`paperflow docs`: dbt's static docs site (models, tests, lineage, catalog) of the published warehouse."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from flows.plumbing.settings import Settings
from flows.plumbing.warehouse import WarehouseMissing
from flows.transform import dbt_docs


class DocsError(RuntimeError):
    """dbt could not generate the docs; the message is dbt's first lines."""


def build_dbt_docs(settings: Settings) -> Path:
    """Generate dbt docs against a copy of the published warehouse; return reports_dir/dbt_docs/index.html."""
    if not settings.warehouse.exists():
        raise WarehouseMissing(f"no warehouse at {settings.warehouse}: run `paperflow run` first")
    with tempfile.TemporaryDirectory(prefix="paperflow-docs-") as scratch:
        # dbt-duckdb opens its database for writing; on a copy, readers of the published file and a
        # concurrent publish (a rename, which leaves this copy's source intact) are never affected.
        copy = Path(scratch) / "warehouse.duckdb"
        shutil.copyfile(settings.warehouse, copy)
        # Not cache_dir/dbt: a run in progress parses the project there at the same time.
        target_dir = settings.cache_dir / "dbt_docs"
        outcome = dbt_docs(settings.dbt_project_dir, copy, target_dir)
    site = target_dir / "target" / "static_index.html"
    if not outcome.success or not site.exists():
        raise DocsError(f"dbt docs generate failed: {outcome.error or 'no static_index.html written'}")
    destination = settings.reports_dir / "dbt_docs" / "index.html"
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".html.tmp")
    shutil.copyfile(site, partial)
    os.replace(partial, destination)
    return destination
