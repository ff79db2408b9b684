"""Goal years: "到2025年…达到…", "by 2030 … will reach" name a target, not an observation."""

from __future__ import annotations

import re

_ZH_TARGET_BEFORE = re.compile(r"(?<![截直])(?:到|至)\s*$")
_ZH_FUTURE = re.compile(r"将|力争|争取|预计|目标|确保|计划")
_EN_TARGET_BEFORE = re.compile(r"\b(?:by|until)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
_EN_FUTURE = re.compile(
    r"\b(?:will|shall|aims?|aiming|target(?:s|ed)?|goals?|expected|projected|forecast|plans? to|likely to"
    r"|should|would|is set to|are set to|commit(?:s|ted)? to|ambition)\b",
    re.IGNORECASE,
)


def is_target(sentence: str, before: str, after: str) -> bool:
    """True when a year is a goal's deadline: 到2025年 (not 截至, not 年底 unless the sentence is a plan)."""
    if _ZH_TARGET_BEFORE.search(before):
        return not after.lstrip().startswith(("底", "末")) or bool(_ZH_FUTURE.search(sentence))
    return bool(_EN_TARGET_BEFORE.search(before)) and bool(_EN_FUTURE.search(sentence))
