"""Layout tolerances are named settings: validated when built, passed in, and they steer the analysis."""

from __future__ import annotations

import dataclasses
import io
import tokenize
from pathlib import Path

import pdfplumber
import pytest

from flows.core.layout import extract_document
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings

LAYOUT = Path(__file__).parents[1] / "flows" / "core" / "layout"


def _headed_pdf(path: Path) -> Path:
    """Two pages under the same running head, each with one body paragraph."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in (1, 2):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, 800, "Journal of Layout Tests")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 600, f"Body text of page {page} says something plain.")
        pdf.showPage()
    pdf.save()
    return path


def test_running_head_follows_the_margin_setting(tmp_path: Path) -> None:
    path = _headed_pdf(tmp_path / "headed.pdf")
    with pdfplumber.open(path) as pdf:
        default = [b.text for b in extract_document(pdf).blocks]
    with pdfplumber.open(path) as pdf:
        no_margins = [b.text for b in extract_document(pdf, settings=LayoutSettings(margin_share=0.0)).blocks]
    assert default == [
        "Body text of page 1 says something plain.",
        "Body text of page 2 says something plain.",
    ]
    assert no_margins.count("Journal of Layout Tests") == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"margin_share": 1.5}, "LayoutSettings.margin_share is a share of a length: 0..1 (got 1.5)"),
        ({"indent_em": -1.0}, "LayoutSettings.indent_em must not be negative (got -1.0)"),
        (
            {"heading_max_lines": 0},
            "LayoutSettings.heading_max_lines must be a whole number of at least 1 (got 0)",
        ),
        ({"region_gap_min_em": 2.0}, "LayoutSettings.region_gap_min_em must not exceed region_gap_max_em"),
        ({"tracking_min_em": 0.5}, "LayoutSettings.tracking_min_em must not exceed tracking_max_em"),
        (
            {"letter_spaced_min_gaps": 0},
            "LayoutSettings.letter_spaced_min_gaps must be a whole number of at least 1 (got 0)",
        ),
    ],
)
def test_impossible_settings_are_refused(changes: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError) as caught:
        LayoutSettings(**changes)
    assert str(caught.value) == message


def test_every_setting_is_documented() -> None:
    source = (Path(__file__).parents[1] / "flows" / "core" / "layout" / "settings.py").read_text()
    lines = {
        ln.strip().split(":")[0]: ln for ln in source.splitlines() if ln.startswith("    ") and ": " in ln
    }
    assert [f.name for f in dataclasses.fields(DEFAULT_LAYOUT) if "  # " not in lines[f.name]] == []


def bare_decimals(paths: list[Path]) -> list[str]:
    """Every decimal literal (0.5, .5, 5., 1.5e-3) in the code of these files, strings and comments aside.

    An exponent without a point (1e-6, a guard against dividing by zero) is not a tolerance and not counted.
    """
    found = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NUMBER and "." in token.string:
                line = source.splitlines()[token.start[0] - 1].strip()
                found.append(f"{path.name}:{token.start[0]}: {token.string} in `{line}`")
    return found


def test_every_layout_tolerance_is_a_setting() -> None:
    paths = sorted(p for p in LAYOUT.glob("*.py") if p.name != "settings.py")
    assert len(paths) > 5  # the glob found the layout modules
    found = bare_decimals(paths)
    message = "bare decimals in flows/core/layout (make each a LayoutSettings field):\n" + "\n".join(found)
    assert not found, message


def test_bare_decimals_are_found_in_code_only(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text(
        '"""Docstring: 0.5 em."""\n'
        "GAP = 2  # a comment: 1.5 em\n"
        'LABEL = "3.1.2"\n'
        "def f(x, s):\n"
        "    return x * 0.3 > s.gap_em * 1e-6 + .5 - 2.5e-3\n",
        encoding="utf-8",
    )
    assert bare_decimals([path]) == [
        "module.py:5: 0.3 in `return x * 0.3 > s.gap_em * 1e-6 + .5 - 2.5e-3`",
        "module.py:5: .5 in `return x * 0.3 > s.gap_em * 1e-6 + .5 - 2.5e-3`",
        "module.py:5: 2.5e-3 in `return x * 0.3 > s.gap_em * 1e-6 + .5 - 2.5e-3`",
    ]
