"""What the run reads back from finished result folders: same-text copies and skipped pages."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from flows.core.document import document_id_for


def result_meta(folder: Path) -> dict[str, Any]:
    """A result folder's result.json (empty for results written before it held more than counts)."""
    path = folder / "result.json"
    return json.loads(path.read_text()) if path.exists() else {}


def same_text_aliases(folders: Mapping[str, Path]) -> dict[str, str]:
    """Map each loaded sha256 whose extracted text repeats another's to the sha256 loaded instead.

    A re-saved or re-linearised copy has other bytes but the same text: it is one document, loaded
    once under the smallest sha256 of its group (stable whatever the files are called).
    """
    first: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for sha in sorted(folders):
        text = result_meta(folders[sha]).get("text_sha256")
        if not text:
            continue
        if text in first:
            aliases[sha] = first[text]
        else:
            first[text] = sha
    return aliases


def page_error_rows(
    run_id: str, files: Iterable[tuple[str, str, Path]], aliases: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Rows for ops.page_errors from (source_file, sha256, result folder) of the loaded files."""
    rows = []
    for source_file, sha, folder in files:
        if sha in aliases:  # the copy loaded instead records its own pages
            continue
        for error in result_meta(folder).get("page_errors", []):
            rows.append(
                {
                    "run_id": run_id,
                    "document_id": document_id_for(sha),
                    "source_file": source_file,
                    "page": error["page"],
                    "reason": error["reason"],
                }
            )
    return rows


def page_errors_of(
    run_id: str,
    files: list[tuple[str, str, Path]],
    failed: set[str],
    aliases: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Rows for ops.page_errors of the files that load (not failed), from their result folders."""
    loaded = [f for f in files if f[1] not in failed]
    if aliases is None:
        aliases = same_text_aliases({sha: folder for _, sha, folder in loaded})
    return page_error_rows(run_id, loaded, aliases)
