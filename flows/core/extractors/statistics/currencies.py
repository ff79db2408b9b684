"""Currencies as data: ISO 4217 codes, symbols and names from the currencies seed, as unit patterns."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).resolve().parents[4] / "dbt_project" / "seeds" / "currencies.csv"
# 元 alone is yuan, but it also starts words that are not money (元素 element, 元年 first year, 元宇宙).
_NOT_AFTER_YUAN = "(?!素|年|宇宙|旦|首|帅|老|月)"


@dataclass(frozen=True)
class Currency:
    """One ISO 4217 currency with the forms it is printed in."""

    code: str
    unit: str  # the controlled-vocabulary unit (lower-case code; "yuan" for CNY)
    symbols: tuple[str, ...]
    words: tuple[str, ...]  # English and Chinese names, matched after the number
    code_alone: bool  # False for codes that are also words or acronyms ("TOP", "ALL", "PEN")

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Forms printed before a number: symbols, and the code when it reads as nothing else."""
        return (*self.symbols, *((self.code,) if self.code_alone else ()))

    @property
    def suffixes(self) -> tuple[str, ...]:
        """Forms printed after a number (and its scale word): names, symbols and the code."""
        return (*self.words, *self.prefixes)


def load_currencies(path: Path = SEED) -> tuple[Currency, ...]:
    """Read the currencies seed (one row per ISO 4217 code) into Currency records."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        Currency(
            code=row["code"],
            unit=row["unit"],
            symbols=_split(row["symbols"]),
            words=(*_split(row["words_en"]), *_split(row["words_zh"])),
            code_alone=row["code_alone"] == "yes",
        )
        for row in rows
    )


def _split(cell: str) -> tuple[str, ...]:
    """Split a '|'-joined seed cell into its non-empty parts."""
    return tuple(part for part in cell.split("|") if part)


CURRENCIES = load_currencies()


def currency_pattern() -> str:
    """A regex alternative for any currency printed after a number; codes match in capitals only."""
    words = sorted({w for c in CURRENCIES for w in (*c.words, *c.symbols)}, key=len, reverse=True)
    parts = []
    for w in words:
        body = r"\s+".join(re.escape(p) for p in w.split())
        if w == "元":
            parts.append(body + _NOT_AFTER_YUAN)
        elif w[-1:].isalnum() and w.isascii():
            parts.append(body + r"\b")
        else:
            parts.append(body)
    codes = sorted({c.code for c in CURRENCIES if c.code_alone})
    return "|".join(parts) + r"|(?-i:(?:" + "|".join(codes) + r")\b)"


def prefix_pattern() -> str:
    """A regex alternative for any currency symbol or code printed just before a number."""
    symbols = sorted({s for c in CURRENCIES for s in c.symbols}, key=len, reverse=True)
    codes = sorted({c.code for c in CURRENCIES if c.code_alone})
    alternatives = [re.escape(s) if not s[-1:].isalpha() else rf"\b{re.escape(s)}" for s in symbols]
    return "|".join(alternatives) + r"|\b(?:" + "|".join(codes) + ")"
