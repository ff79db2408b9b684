"""The canonical policy registry (policies.csv): Policy rows, the name index, reading and writing rows."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flows.core.extractors.policies.names import (
    ZH_TYPE_SUFFIXES,
    is_chinese,
    normalise_name,
    policy_type_for,
)

# A Chinese name ending in a policy-type word (规划, 意见, 条例 …), perhaps with a bracketed edition after it.
ZH_SUFFIX = re.compile(
    "(?:" + "|".join(re.escape(s) for s, _ in ZH_TYPE_SUFFIXES) + r")(?:[（(][^（）()]{1,20}[)）])?$"
)


@dataclass(frozen=True)
class Policy:
    """One canonical (or provisional) policy document, with the registry's columns."""

    policy_id: str
    name_en: str = ""
    name_zh: str = ""
    aliases: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    issued_date: str = ""
    issued_year: int | None = None
    effective_date: str = ""
    jurisdiction: str = ""
    policy_type: str = ""
    source: str = ""  # where the row comes from: a paper or public list, or 'extracted:<document_id>'

    def names(self) -> tuple[str, ...]:
        """Every name the policy goes by, in both languages."""
        return tuple(n for n in (self.name_en, self.name_zh, *self.aliases) if n)


@dataclass(frozen=True)
class Registry:
    """The canonical policies, indexed by normalised name for resolution."""

    policies: tuple[Policy, ...]
    index: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    alias_pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    by_id: dict[str, Policy] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_policies(cls, policies: Iterable[Policy]) -> Registry:
        """Build a registry and its name index from policies."""
        items = tuple(policies)
        index: dict[str, list[str]] = {}
        scan: list[str] = []
        for policy in items:
            for name in policy.names():
                key = normalise_name(name)
                if key and policy.policy_id not in index.setdefault(key, []):
                    index[key].append(policy.policy_id)
                if is_scannable_alias(name):
                    scan.append(name)
        pattern = None
        if scan:
            alternatives = sorted({re.escape(n) for n in scan}, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.I)
        by_id = {p.policy_id: p for p in items}
        return cls(items, {k: tuple(v) for k, v in index.items()}, pattern, by_id)

    def get(self, policy_id: str) -> Policy | None:
        """Return the policy with this id, or None."""
        return self.by_id.get(policy_id)


def load_registry(path: Path) -> Registry:
    """Read the policy registry seed (policies.csv) into a Registry."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        return Registry.from_policies(_policy_from_row(row) for row in csv.DictReader(handle))


def policy_row(policy: Policy) -> dict[str, str]:
    """Render a policy as a registry CSV row ('|'-joined lists, blank for unknown)."""
    return {
        "policy_id": policy.policy_id,
        "name_en": policy.name_en,
        "name_zh": policy.name_zh,
        "aliases": "|".join(policy.aliases),
        "issuers": "|".join(policy.issuers),
        "issued_date": policy.issued_date,
        "issued_year": "" if policy.issued_year is None else str(policy.issued_year),
        "effective_date": policy.effective_date,
        "jurisdiction": policy.jurisdiction,
        "policy_type": policy.policy_type,
        "source": policy.source,
    }


def is_scannable_alias(name: str) -> bool:
    """Aliases distinctive enough to look for verbatim in running text."""
    if is_chinese(name):
        return len(name) >= 6 and bool(ZH_SUFFIX.search(name))
    return len(name.split()) >= 3 and not any(q in name for q in '"“”')


def _policy_from_row(row: dict[str, str]) -> Policy:
    """Parse one registry CSV row."""

    def split(value: str | None) -> tuple[str, ...]:
        return tuple(v.strip() for v in (value or "").split("|") if v.strip())

    year = (row.get("issued_year") or "").strip()
    date = (row.get("issued_date") or "").strip()
    if not year and date[:4].isdigit():
        year = date[:4]
    return Policy(
        policy_id=row["policy_id"].strip(),
        name_en=(row.get("name_en") or "").strip(),
        name_zh=(row.get("name_zh") or "").strip(),
        aliases=split(row.get("aliases")),
        issuers=split(row.get("issuers")),
        issued_date=date,
        issued_year=int(year) if year.isdigit() else None,
        effective_date=(row.get("effective_date") or "").strip(),
        jurisdiction=(row.get("jurisdiction") or "").strip(),
        policy_type=(row.get("policy_type") or "").strip() or policy_type_for(row.get("name_en") or ""),
        source=(row.get("source") or "").strip(),
    )
