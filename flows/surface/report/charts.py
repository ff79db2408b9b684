"""The report's charts as Vega-Lite specs (Altair), and the Vega JavaScript that draws them offline."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import altair as alt

Row = Mapping[str, Any]

WIDTH = 860
LANGUAGE_COLOURS = alt.Scale(domain=["en", "zh"], range=["#2b6cb0", "#dd6b20"])


def vega_javascript(cache_dir: Path) -> str:
    """Vega, Vega-Lite and vega-embed as one script, from vl-convert, cached on disk by version.

    vl-convert bundles the JavaScript it ships on each first call (about 4 s), so the bundle is kept
    in cache_dir and reused while the versions stay the same.
    """
    import vl_convert

    vl_version = _vegalite_version(vl_convert.get_vegalite_versions())
    name = f"vega-bundle-{version('vl-convert-python')}-vl{vl_version or 'default'}.js"
    cached = cache_dir / name
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle(vl_version=vl_version)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Written aside then renamed, so two reports built at once never read half a bundle.
    with tempfile.NamedTemporaryFile("w", dir=cache_dir, suffix=".tmp", delete=False, encoding="utf-8") as f:
        f.write(bundle)
    os.replace(f.name, cached)
    return bundle


def _vegalite_version(available: Sequence[str]) -> str | None:
    """The Vega-Lite version Altair writes specs for, when vl-convert ships it (else its default)."""
    wanted = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return wanted if wanted in available else None


def _spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The Vega-Lite dict of a chart, with data inline."""
    return chart.to_dict()


def policy_timeline(policies: Sequence[Row]) -> dict[str, Any]:
    """Policies on a time axis, one row each; a circle's area grows with how often the papers cite it."""
    dated = sorted(
        (dict(r) for r in policies if r.get("issued_year") is not None), key=lambda r: r["issued_year"]
    )
    years = [r["issued_year"] for r in dated]
    points = (
        alt.Chart(alt.Data(values=dated))
        .mark_circle(stroke="#1f2933", strokeWidth=0.6)
        .encode(
            x=alt.X(
                "issued_year:Q",
                title="year issued",
                scale=alt.Scale(domain=[min(years) - 1, max(years) + 1], nice=False),
                axis=alt.Axis(format="d", tickMinStep=1),
            ),
            y=alt.Y(
                "name_en:N",
                title=None,
                sort=[r["name_en"] for r in dated],
                axis=alt.Axis(labelLimit=420),
            ),
            size=alt.Size("mentions:Q", title="mentions in the papers", scale=alt.Scale(range=[40, 600])),
            color=alt.Color("policy_type:N", title="type of policy"),
            opacity=alt.condition("datum.mentions > 0", alt.value(0.9), alt.value(0.3)),
            tooltip=[
                alt.Tooltip("name_en:N", title="policy"),
                alt.Tooltip("name_zh:N", title="中文名"),
                alt.Tooltip("issued_year:Q", title="issued", format="d"),
                alt.Tooltip("policy_type:N", title="type"),
                alt.Tooltip("jurisdiction:N", title="jurisdiction"),
                alt.Tooltip("mentions:Q", title="mentions"),
                alt.Tooltip("papers:Q", title="papers"),
            ],
        )
    )
    return _spec(points.properties(width=WIDTH - 420, height=alt.Step(22)))


def policy_citations(mentions: Sequence[Row]) -> dict[str, Any]:
    """Mentions of each policy, stacked by the language of the citing paper; outlined when cross-language."""
    data = alt.Data(values=[dict(r) for r in mentions])
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=420)),
            x=alt.X("sum(mentions):Q", title="mentions in the papers"),
            color=alt.Color("language:N", title="paper language", scale=LANGUAGE_COLOURS),
            stroke=alt.condition("datum.cross_language", alt.value("#1f2933"), alt.value(None)),
            strokeWidth=alt.condition("datum.cross_language", alt.value(1.5), alt.value(0)),
            tooltip=[
                alt.Tooltip("name_en:N", title="policy"),
                alt.Tooltip("name_zh:N", title="中文名"),
                alt.Tooltip("language:N", title="paper language"),
                alt.Tooltip("mentions:Q", title="mentions"),
                alt.Tooltip("papers:Q", title="papers"),
            ],
        )
    )
    return _spec(bars.properties(width=WIDTH - 300, height=alt.Step(20)))


def theme_heatmap(cells: Sequence[Row]) -> dict[str, Any]:
    """Recommendations per theme and paper, as a heatmap with the count written in each cell."""
    data = alt.Data(values=[dict(r) for r in cells])
    theme_order = [
        r["theme_label"] for r in sorted(cells, key=lambda r: (-r["papers_sharing_theme"], r["theme"]))
    ]
    base = alt.Chart(data).encode(
        x=alt.X("paper:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=200)),
        y=alt.Y(
            "theme_label:N",
            title=None,
            sort=list(dict.fromkeys(theme_order)),
            axis=alt.Axis(labelLimit=320),
        ),
    )
    rects = base.mark_rect(stroke="#fff", strokeWidth=2).encode(
        # An empty cell stays near-white, so "no recommendation" does not read as "a few".
        color=alt.condition(
            "datum.recommendation_count == 0",
            alt.value("#f4f6f8"),
            alt.Color(
                "recommendation_count:Q",
                title="recommendations",
                scale=alt.Scale(scheme="blues", domainMin=0),
            ),
        ),
        tooltip=[
            alt.Tooltip("theme_label:N", title="theme"),
            alt.Tooltip("title:N", title="paper"),
            alt.Tooltip("recommendation_count:Q", title="recommendations"),
            alt.Tooltip("papers_sharing_theme:Q", title="papers recommending it"),
        ],
    )
    labels = base.mark_text(fontSize=13).encode(
        text=alt.Text("recommendation_count:Q"),
        color=alt.condition("datum.recommendation_count >= 5", alt.value("#fff"), alt.value("#1f2933")),
    )
    return _spec((rects + labels).properties(width=WIDTH - 240, height=alt.Step(30)))


def corpus_counts(profiles: Sequence[Row]) -> dict[str, Any]:
    """What was extracted from each paper, as grouped bars."""
    kinds = {
        "statistic_count": "statistics",
        "policy_mention_count": "policy mentions",
        "recommendation_count": "recommendations",
        "reference_count": "references",
        "table_count": "tables",
    }
    values = [
        {"paper": r["paper"], "what": label, "count": int(r.get(column) or 0)}
        for r in profiles
        for column, label in kinds.items()
    ]
    bars = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("count:Q", title="rows extracted"),
            y=alt.Y("paper:N", title=None, axis=alt.Axis(labelLimit=200)),
            yOffset=alt.YOffset("what:N", sort=list(kinds.values())),
            color=alt.Color("what:N", title=None, sort=list(kinds.values())),
            tooltip=["paper:N", "what:N", "count:Q"],
        )
    )
    return _spec(bars.properties(width=WIDTH - 260, height=alt.Step(10)))
