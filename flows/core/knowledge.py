"""What the extractors resolve against (policy registry, theme taxonomy, place names), parsed once a process.

The seeds under ``dbt_project/seeds/`` are the single source: dbt loads them into the warehouse and
``load_knowledge`` parses them for extraction. A Knowledge pickles as its seeds folder only, so a worker
process that receives one parses the seeds on first use and reuses them for every later document.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.core.extractors.policies import Registry, load_registry
from flows.core.extractors.recommendations import Themes, load_themes
from flows.core.extractors.statistics.places import Places, load_places

DEFAULT_SEEDS_DIR = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


@dataclass(frozen=True)
class Knowledge:
    """The parsed seeds: policy registry, theme taxonomy and place names, with the folder they came from."""

    seeds_dir: Path
    # Omitted (``Knowledge(seeds_dir)``, the older spelling): taken from load_knowledge's per-process cache.
    registry: Registry = None  # type: ignore[assignment]
    themes: Themes = None  # type: ignore[assignment]
    places: Places = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        """Fill the parsed seeds from the process cache when only the folder was given."""
        if self.registry is None or self.themes is None or self.places is None:
            loaded = load_knowledge(self.seeds_dir)
            for name in ("seeds_dir", "registry", "themes", "places"):
                object.__setattr__(self, name, getattr(loaded, name))

    @property
    def policy_ids(self) -> list[str]:
        """Ids of the registry's canonical policies (provisional ones come from the papers)."""
        return [p.policy_id for p in self.registry.policies]

    def __reduce__(self) -> tuple[Any, tuple[Path]]:
        """Pickle as the seeds folder; the receiving process loads (once) from its own cache."""
        return load_knowledge, (self.seeds_dir,)


def load_knowledge(seeds_dir: Path | str = DEFAULT_SEEDS_DIR) -> Knowledge:
    """Return the Knowledge of a seeds folder, parsing its CSVs only the first time in this process."""
    return _load(Path(seeds_dir).resolve())


@functools.cache
def _load(seeds_dir: Path) -> Knowledge:
    """Parse every seed CSV of one (resolved) seeds folder."""
    return Knowledge(
        seeds_dir=seeds_dir,
        registry=load_registry(seeds_dir / "policies.csv"),
        themes=load_themes(seeds_dir / "themes.csv"),
        places=load_places(seeds_dir / "places.csv"),
    )
