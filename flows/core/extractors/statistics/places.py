"""Place names a statistic can refer to (countries, regions, provinces, cities), read from places.csv."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

SEED = Path(__file__).resolve().parents[4] / "dbt_project" / "seeds" / "places.csv"


@dataclass(frozen=True)
class Places:
    """Every spelling of every known place, mapped to its canonical name, with one pattern finding them."""

    canonical: dict[str, str]  # alias as printed -> canonical place name
    pattern: re.Pattern[str]

    @classmethod
    def from_aliases(cls, places: list[tuple[str, tuple[str, ...]]]) -> Places:
        """Build the lookup from (canonical name, aliases) pairs; longer aliases win over their prefixes."""
        canonical = {alias: canon for canon, aliases in places for alias in aliases}
        # An ASCII alias stands alone ("US" not in "USB", "China" not in "Chinas"); CJK has no word breaks.
        pattern = re.compile(
            "|".join(
                rf"(?<![A-Za-z]){re.escape(a)}(?![A-Za-z$])" if a.isascii() else re.escape(a)
                for a in sorted(canonical, key=len, reverse=True)
            )
        )
        return cls(canonical, pattern)

    def find(self, sentence: str) -> list[tuple[int, int, str]]:
        """Every place named in a sentence as (start, end, canonical name), left to right."""
        return [(m.start(), m.end(), self.canonical[m.group(0)]) for m in self.pattern.finditer(sentence)]


def load_places(path: Path) -> Places:
    """Read the place-name seed (places.csv: place, '|'-joined aliases, kind, source)."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        rows = [
            (row["place"].strip(), tuple(a.strip() for a in row["aliases"].split("|") if a.strip()))
            for row in csv.DictReader(handle)
        ]
    return Places.from_aliases(rows)


@functools.cache
def default_places() -> Places:
    """The places of the project's own seeds, for callers that pass none (tests, one-off scripts)."""
    return load_places(SEED)
