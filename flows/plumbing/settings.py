"""One validated settings object, built once by the CLI and passed to the flow."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The repository: dbt_project/ and expectations/ live here."""

TASK_RUNNERS = ("local", "dask")


class SettingsError(ValueError):
    """A setting has a value the pipeline cannot work with."""


@dataclass(frozen=True)
class Settings:
    """Where the pipeline reads and writes, and the limits it applies to each document."""

    raw_dir: Path = Path("raw")
    warehouse: Path = Path("warehouse/paperflow.duckdb")
    reports_dir: Path = Path("reports")
    cache_dir: Path = Path("cache")
    dbt_project_dir: Path = PROJECT_ROOT / "dbt_project"
    expectations_dir: Path = PROJECT_ROOT / "expectations"
    max_file_mb: float = 200.0
    max_pages: int = 2000
    document_timeout_s: float = 600.0
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    task_runner: str = "local"
    dask_address: str = ""
    lock_timeout_s: float = 0.0  # 0: a second concurrent run refuses at once
    ocr: bool = True  # OCR image-only PDFs when Tesseract is installed

    def __post_init__(self) -> None:
        # Absolute paths: dbt and worker processes run with other working directories.
        for name in (
            "raw_dir",
            "warehouse",
            "reports_dir",
            "cache_dir",
            "dbt_project_dir",
            "expectations_dir",
        ):
            object.__setattr__(self, name, Path(getattr(self, name)).expanduser().resolve())
        if self.max_file_mb <= 0 or self.max_pages <= 0 or self.document_timeout_s <= 0:
            raise SettingsError("max_file_mb, max_pages and document_timeout_s must be positive")
        if self.workers < 1:
            raise SettingsError(f"workers must be at least 1, got {self.workers}")
        if self.task_runner not in TASK_RUNNERS:
            raise SettingsError(
                f"task runner must be one of {', '.join(TASK_RUNNERS)}, got {self.task_runner!r}"
            )
        if self.task_runner == "dask" and self.dask_address and "://" not in self.dask_address:
            raise SettingsError(f"--dask-address must look like tcp://host:8786, got {self.dask_address!r}")

    @property
    def seeds_dir(self) -> Path:
        """The dbt seeds the extractors read too (policy registry, theme taxonomy)."""
        return self.dbt_project_dir / "seeds"

    @property
    def data_docs_dir(self) -> Path:
        """Where GX writes its project and Data Docs."""
        return self.reports_dir / "gx"

    def with_overrides(self, **changes: object) -> Settings:
        """Return a copy with the given fields replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def flag(value: str) -> bool:
    """Read an on/off environment value: 1/0, true/false, yes/no or on/off."""
    word = value.strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"not an on/off value: {value!r}")


def settings_from_env(env: Mapping[str, str], **overrides: object) -> Settings:
    """Build settings from PAPERFLOW_* variables, then explicit overrides (CLI flags) on top."""
    known = {
        "PAPERFLOW_RAW_DIR": ("raw_dir", Path),
        "PAPERFLOW_WAREHOUSE": ("warehouse", Path),
        "PAPERFLOW_REPORTS_DIR": ("reports_dir", Path),
        "PAPERFLOW_CACHE_DIR": ("cache_dir", Path),
        "PAPERFLOW_MAX_FILE_MB": ("max_file_mb", float),
        "PAPERFLOW_MAX_PAGES": ("max_pages", int),
        "PAPERFLOW_DOCUMENT_TIMEOUT_S": ("document_timeout_s", float),
        "PAPERFLOW_WORKERS": ("workers", int),
        "PAPERFLOW_OCR": ("ocr", flag),
    }
    values: dict[str, object] = {}
    for var, (name, kind) in known.items():
        if var in env:
            try:
                values[name] = kind(env[var])
            except ValueError as exc:
                raise SettingsError(f"{var}={env[var]!r} is not a valid {kind.__name__}") from exc
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)  # type: ignore[arg-type]


def schedule_file(settings: Settings) -> Path:
    """Where `paperflow serve` records that it is serving (pid, cron, server address)."""
    return settings.reports_dir / "serve.json"
