"""A page's geometry for layout-reading extractors (tables, figures): size; on request chars, lines, rects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pdfminer.layout import LTContainer, LTCurve, LTLine, LTRect

from flows.core.model import BBox, Char, Page

if TYPE_CHECKING:
    import pdfplumber

    from flows.core.layout.lines import Glyph


def drawn_objects(objs: Iterable[object]) -> Iterator[LTCurve]:
    """Yield the drawn paths (lines, rectangles, curves) of a pdfminer layout tree, through figures."""
    for obj in objs:
        if isinstance(obj, LTCurve):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from drawn_objects(obj)


def page_geometry(page: pdfplumber.page.Page, glyphs: list[Glyph], keep: frozenset[str]) -> Page:
    """Describe an open page: its size always; its chars, ruling lines and rectangles when kept."""
    chars: tuple[Char, ...] = ()
    if "chars" in keep:
        chars = tuple(Char(g.text, g.x0, g.top, g.x1, g.bottom, g.size, g.bold) for g in glyphs)
    lines: list[BBox] = []
    rects: list[BBox] = []
    if keep & {"lines", "rects"}:
        # Same coordinate convention as the glyphs: top-left origin, MediaBox offset applied.
        mb_x0, mb_top, height = float(page.mediabox[0]), float(page.mediabox[1]), float(page.height)
        for obj in drawn_objects(page.layout):
            box = (
                round(obj.x0 + mb_x0, 2),
                round(height - obj.y1 + mb_top, 2),
                round(obj.x1 + mb_x0, 2),
                round(height - obj.y0 + mb_top, 2),
            )
            if isinstance(obj, LTLine) and "lines" in keep:
                lines.append(box)
            elif isinstance(obj, LTRect) and "rects" in keep:
                rects.append(box)
    return Page(page.page_number, float(page.width), float(page.height), chars, tuple(lines), tuple(rects))
