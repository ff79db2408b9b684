"""The bilingual theme taxonomy (themes.csv) and the keyword matcher that themes each item."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from flows.core.vocabulary import HAN_BASIC


@dataclass(frozen=True)
class Theme:
    """One entry of the bilingual theme taxonomy."""

    theme: str
    label_en: str
    label_zh: str
    keywords_en: tuple[str, ...]
    keywords_zh: tuple[str, ...]


@dataclass(frozen=True)
class Themes:
    """The theme taxonomy with one compiled keyword matcher (longest keyword wins at each position)."""

    themes: tuple[Theme, ...]
    pattern: re.Pattern[str] = field(compare=False, repr=False)
    keyword_theme: tuple[tuple[str, str], ...] = field(compare=False, repr=False)

    @classmethod
    def from_themes(cls, themes: Sequence[Theme]) -> Themes:
        """Compile the keyword matcher for a list of themes."""
        pairs: list[tuple[str, str]] = []
        for theme in themes:
            pairs.extend((k.lower(), theme.theme) for k in (*theme.keywords_en, *theme.keywords_zh) if k)
        pairs.sort(key=lambda p: len(p[0]), reverse=True)
        alternatives = []
        for keyword, _ in pairs:
            escaped = re.escape(keyword)
            if HAN_BASIC.search(keyword):
                alternatives.append(escaped)
            else:
                # English keywords are stems: "regulat" matches "regulatory"; they must start a word.
                alternatives.append(rf"(?<![A-Za-z]){escaped}[a-z]*")
        pattern = re.compile("|".join(alternatives) if alternatives else r"(?!)", re.I)
        return cls(tuple(themes), pattern, tuple(pairs))

    @property
    def names(self) -> tuple[str, ...]:
        """Theme keys in taxonomy order."""
        return tuple(t.theme for t in self.themes)

    def hits(self, text: str) -> dict[str, tuple[int, int]]:
        """Count keyword hits per theme and where each theme is first named: {theme: (count, first_pos)}."""
        found: dict[str, tuple[int, int]] = {}
        for match in self.pattern.finditer(text):
            word = match.group(0).lower()
            theme = next((t for k, t in self.keyword_theme if word.startswith(k)), None)
            if theme is None:
                continue
            count, first = found.get(theme, (0, match.start()))
            found[theme] = (count + 1, first)
        return found

    def classify(self, lead: str, body: str = "") -> tuple[str, tuple[str, ...]]:
        """Primary theme from the lead (heading or first sentence), the body only when the lead names none."""
        lead_hits = self.hits(lead)
        body_hits = self.hits(body)
        order = {name: i for i, name in enumerate(self.names)}
        if lead_hits:
            # The head statement names its subject first; more mentions outweigh an earlier single one.
            primary = max(lead_hits, key=lambda t: (lead_hits[t][0], -lead_hits[t][1], -order[t]))
        elif body_hits:
            primary = max(body_hits, key=lambda t: (body_hits[t][0], -body_hits[t][1], -order[t]))
        else:
            return "", ()
        ranked = sorted(
            set(lead_hits) | {t for t, (n, _) in body_hits.items() if n >= 2},
            key=lambda t: (-lead_hits.get(t, (0, 0))[0], -body_hits.get(t, (0, 0))[0], order[t]),
        )
        return primary, (primary, *[t for t in ranked if t != primary])


def load_themes(path: Path) -> Themes:
    """Read the theme taxonomy seed (themes.csv)."""

    def split(value: str | None) -> tuple[str, ...]:
        return tuple(v.strip() for v in (value or "").split("|") if v.strip())

    with Path(path).open(newline="", encoding="utf-8") as handle:
        themes = [
            Theme(
                theme=row["theme"].strip(),
                label_en=(row.get("label_en") or "").strip(),
                label_zh=(row.get("label_zh") or "").strip(),
                keywords_en=split(row.get("keywords_en")),
                keywords_zh=split(row.get("keywords_zh")),
            )
            for row in csv.DictReader(handle)
        ]
    return Themes.from_themes(themes)
