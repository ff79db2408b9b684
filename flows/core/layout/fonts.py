"""Repair fonts whose Unicode mapping loses ligature glyphs, before pdfminer decodes a page.

A common producer bug leaves the ``ff``/``ffi`` ligature glyph out of a font's ToUnicode map (or maps
it to a private-use code): pdfminer then decodes it through the font's base encoding as an unrelated
letter (``suUicient`` for ``sufficient``) or as ``(cid:N)``. The glyph's advance width identifies it:
a ligature is as wide as its letters set apart, and those letters' widths are in the same font.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pdfminer.cmapdb import FileUnicodeMap
from pdfminer.pdffont import PDFCIDFont, PDFFont, PDFType3Font
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.vocabulary import F_LIGATURES

if TYPE_CHECKING:
    import pdfplumber

log = logging.getLogger(__name__)

_REPAIRED = "_paperflow_ligatures_repaired"


def _is_private_use(text: str) -> bool:
    """True for text made only of private-use code points (a producer's stand-in for a glyph)."""
    return bool(text) and all(0xE000 <= ord(ch) <= 0xF8FF for ch in text)


def _page_fonts(page: pdfplumber.page.Page) -> Iterator[PDFFont]:
    """The cached pdfminer fonts of a page's resources and of the form XObjects it draws."""
    rsrcmgr = page.pdf.rsrcmgr
    pending: list[Any] = [page.page_obj.resources]
    seen: set[int] = set()
    while pending:
        resources = resolve1(pending.pop())
        if not isinstance(resources, dict) or id(resources) in seen:
            continue
        seen.add(id(resources))
        fonts = resolve1(resources.get("Font"))
        for spec in (fonts or {}).values() if isinstance(fonts, dict) else ():
            # Only a font held by reference is cached, so only then does the repair reach the decoder.
            if isinstance(spec, PDFObjRef) and isinstance(resolve1(spec), dict):
                yield rsrcmgr.get_font(spec.objid, resolve1(spec))
        xobjects = resolve1(resources.get("XObject"))
        for xobj in (xobjects or {}).values() if isinstance(xobjects, dict) else ():
            stream = resolve1(xobj)
            if isinstance(stream, PDFStream) and "Resources" in stream.attrs:
                pending.append(stream.attrs["Resources"])


def ligature_repairs(
    widths: dict[int, float],
    mapping: dict[int, str],
    fallback: dict[int, str] | None = None,
    s: LayoutSettings = DEFAULT_LAYOUT,
) -> dict[int, str]:
    """Codes the mapping decodes wrongly or not at all whose width is exactly that of one ligature.

    A code counts as wrongly decoded when the mapping lacks it (or gives private use) and the
    font's encoding ``fallback`` would turn it into nothing, private use, or a letter that another
    code of the same font already stands for. A ligature's advance may differ from the sum of its
    letters' advances by ``s.ligature_width_share`` (rounding, kerning).
    """
    letter_width: dict[str, float] = {}
    for code, text in sorted(mapping.items()):
        if text in ("f", "i", "l") and widths.get(code):
            letter_width.setdefault(text, widths[code])
    mapped = set(mapping.values())
    candidates = {
        lig: sum(letter_width[ch] for ch in lig)
        for lig in F_LIGATURES
        if all(ch in letter_width for ch in lig) and lig not in mapped and F_LIGATURES[lig] not in mapped
    }
    repairs: dict[int, str] = {}
    for code, width in widths.items():
        text = mapping.get(code)
        if text is None:
            text = (fallback or {}).get(code)
            if text is not None and not _is_private_use(text) and text not in mapped:
                continue
        elif not _is_private_use(text):
            continue
        fits = [lig for lig, w in candidates.items() if abs(width - w) <= s.ligature_width_share * w]
        if len(fits) == 1:
            repairs[code] = fits[0]
    return repairs


def repair_ligatures(page: pdfplumber.page.Page, s: LayoutSettings = DEFAULT_LAYOUT) -> None:
    """Teach each font of the page the ligature glyphs its Unicode mapping lacks (once per font)."""
    try:
        for font in _page_fonts(page):
            if getattr(font, _REPAIRED, False) or isinstance(font, PDFType3Font):
                continue
            setattr(font, _REPAIRED, True)
            unicode_map = getattr(font, "unicode_map", None)
            encoding = getattr(font, "cid2unicode", None)
            widths = {k: float(v) for k, v in font.widths.items() if isinstance(k, int) and v}
            if isinstance(unicode_map, FileUnicodeMap):
                # A ToUnicode stream is parsed into a map of this font's own: safe to amend in place.
                unicode_map.cid2unichr.update(ligature_repairs(widths, unicode_map.cid2unichr, encoding, s))
            elif unicode_map is None and isinstance(encoding, dict) and not isinstance(font, PDFCIDFont):
                # Standard encodings are tables shared by every font: amend a copy.
                repairs = ligature_repairs(widths, encoding, None, s)
                if repairs:
                    font.cid2unicode = {**encoding, **repairs}
    except Exception:  # a repair heuristic must never cost the page its text
        log.debug("ligature repair skipped on page %s", page.page_number, exc_info=True)
