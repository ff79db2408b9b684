"""What kind of table a grid is, its unit, and the statistics its data cells state.

Regression, estimation and model-parameter tables, and descriptive-statistics tables, describe a sample or
a model rather than the world: their cells are kept as cells, never as statistics. In a data table, a
number becomes a statistic when its row and column headers name a measure and its unit can be read from
the cell, its headers, the units line or the caption.
"""

from __future__ import annotations

import hashlib
import re

from flows.core.extractors.statistics import Statistic
from flows.core.extractors.statistics.context import is_change
from flows.core.extractors.statistics.places import Places
from flows.core.extractors.statistics.scan import scan
from flows.core.extractors.tables.cells import PATH_SEPARATOR, TableCell, parse_cell_number, year_of
from flows.core.model import Table

# Cues of a table of estimates (regressions, calibrations, posterior draws): in its caption or headers.
_ESTIMATES = re.compile(
    r"\b(?:regressions?|coefficients?|estimates?|estimation|estimated|OLS|2SLS|IV|probit|logit|t-stat\w*"
    r"|std\.?\s*err\w*|standard errors?|R-?squared|R2|R²|observations|posterior|prior|parameters?"
    r"|calibrat\w*|marginal (?:data )?densit\w*|elasticit\w*|specification)\b"
    r"|回归|系数|估计|标准误|参数|显著性|稳健性",
    re.IGNORECASE,
)
# Cues of a table describing a sample (mean, dispersion, counts of observations).
_DESCRIPTIVE = re.compile(
    r"\b(?:mean|std\.?\s*dev\.?|s\.?d\.?|median|min(?:imum)?|max(?:imum)?|percentile|obs\.?|N)\b"
    r"|均值|平均值|标准差|最小值|最大值|中位数|样本量|观测值",
    re.IGNORECASE,
)
# Headers of columns that hold ranks, codes, attributes or units, never a quantity.
_NOT_QUANTITY_HEADER = re.compile(
    r"^(?:no\.?|#|rank(?:ing)?|code|id|序号|编号|排名|属性|单位|units?|page|year|年份|时间|date|time)$",
    re.IGNORECASE,
)
_UNIT_IN_BRACKETS = re.compile(r"[(（\[]\s*(?P<unit>[^()（）\[\]]{1,24}?)\s*[)）\]]\s*$")
_UNIT_LINE = re.compile(r"(?:单位|计量单位|units?|in)\s*[:：]?\s*(?P<unit>[^,，;；。]{1,24})", re.IGNORECASE)
_CAPTION_UNIT = re.compile(
    r"[(（]\s*(?P<unit>(?:in\s+)?[^()（）]{1,24})[)）]\s*$|,\s*(?P<unit2>(?:in\s+)?[a-z$%]+ [a-z]+)\s*$"
)
_CURRENCY_CODE = re.compile(r"^(?P<cur>US\$|USD|EUR|GBP|CNY|RMB|JPY|\$|€|£|¥)\s*(?P<rest>.*)$", re.IGNORECASE)
_COUNT_HEADER = re.compile(
    r"数量|数目|个数|人数|家数|number of|count|\bno\. of\b|(?:个|家|所|项|人|件|座)$", re.IGNORECASE
)
_QUALIFIERS = {
    "≥": "at least",
    "≤": "up to",
    ">": "over",
    "<": "under",
    "~": "about",
    "≈": "about",
    "约": "about",
}


def table_kind(table: Table, cells: list[TableCell]) -> str:
    """'regression', 'descriptive', 'text' (no numbers) or 'data'."""
    headers = " ".join(c.text for c in cells if c.is_header)
    body = [c for c in cells if not c.is_header and c.text]
    if sum(c.stars > 0 for c in body) >= 2 or _ESTIMATES.search(f"{table.caption} {headers}"):
        return "regression"
    head_cells = [c.text for c in cells if c.is_header and c.text]
    if sum(bool(_DESCRIPTIVE.fullmatch(t.strip().rstrip(".").strip())) for t in head_cells) >= 2:
        return "descriptive"
    numbers = sum(c.number is not None for c in body)
    return "data" if body and numbers * 4 >= len(body) else "text"


def table_unit(table: Table) -> str:
    """The unit the whole table is in (a statistics unit code where one reads), from units line or caption."""
    printed = table_unit_text(table)
    read = _read_quantity("1", printed) if printed else None
    return read[1] if read else printed


def table_unit_text(table: Table) -> str:
    """The unit as printed on the table's units line or in brackets ending its caption, or ""."""
    if table.unit_line:
        m = _UNIT_LINE.search(table.unit_line)
        if m:
            return m.group("unit").strip()
    m = _CAPTION_UNIT.search(table.caption)
    if m:
        unit = (m.group("unit") or m.group("unit2") or "").strip()
        return re.sub(r"^in\s+", "", unit, flags=re.IGNORECASE)
    return ""


def _header_unit(path: str) -> str:
    """A unit printed in brackets at the end of a header ("GDP (USD billion)", "城镇化率（%）")."""
    for part in reversed(path.split(PATH_SEPARATOR)):
        m = _UNIT_IN_BRACKETS.search(part)
        if m:
            return m.group("unit")
    return ""


def _read_quantity(text: str, unit: str, negative: bool = False) -> tuple[float, str, str] | None:
    """A number read with a unit phrase by the statistics scanner: (value in base units, unit, scale)."""
    number = parse_cell_number(text)
    if number is None:
        return None
    digits = re.sub(r"^[^\d.]*|[^\d.,\s]*$", "", text.strip()).strip()
    digits = re.sub(r"[)\]〕）*†‡%\s]+$", "", digits)
    if number.is_percent:
        unit = unit or "%"
    candidates = [f"{digits}{unit}", f"{digits} {unit}"]
    cur = _CURRENCY_CODE.match(unit)
    if cur:
        candidates.insert(0, f"{cur.group('cur')} {digits} {cur.group('rest')}".strip())
    for sentence in candidates:
        for m in scan(sentence):
            if m.unit and m.raw_number.replace(",", "") == digits.replace(",", ""):
                sign = -1.0 if number.value < 0 or negative else 1.0
                return sign * abs(m.value), m.unit, m.scale
    return None


def table_statistics(
    table: Table,
    table_id: str,
    cells: list[TableCell],
    document_year: int | None,
    places: Places | None = None,
) -> list[Statistic]:
    """The statistics a data table states, one per numeric cell whose headers name what it measures.

    A row named by a place ("Hainan", "广东") gives the statistic its subject; under a caption that says
    its rows are places ("Broadband subscribers by region (million)") the caption names the measure.
    """
    if table_kind(table, cells) != "data":
        return []
    printed_unit = table_unit_text(table)
    by_row: dict[int, list[TableCell]] = {}
    for c in cells:
        by_row.setdefault(c.row, []).append(c)
    unit_col = _unit_column(cells)
    out: list[Statistic] = []
    for cell in cells:
        if cell.is_header or cell.number is None or not cell.text or year_of(cell.text) is not None:
            continue
        col_parts = [p for p in cell.col_header.split(PATH_SEPARATOR) if p]
        if any(_NOT_QUANTITY_HEADER.match(p.strip()) for p in col_parts[-1:]):
            continue
        years = [y for y in (year_of(p) for p in col_parts) if y is not None]
        row_parts = [p for p in cell.row_header.split(PATH_SEPARATOR) if p]
        row_years = [y for y in (year_of(p) for p in row_parts) if y is not None]
        measure_parts = [p for p in col_parts if year_of(p) is None] + [
            p for p in row_parts if year_of(p) is None
        ]
        label = row_parts[-1] if row_parts else ""
        subject = _place(label, places) or (label if _BY_PLACE.search(table.caption) else "")
        if subject and _BY_PLACE.search(table.caption):
            measure = _measure([_caption_measure(table.caption)], col_parts)
        else:
            measure = _measure(row_parts, col_parts)
        if not measure or not measure_parts:
            continue
        row_unit = ""
        if unit_col is not None:
            row_unit = next((c.text for c in by_row[cell.row] if c.col == unit_col), "")
        unit_text = _header_unit(cell.col_header) or _header_unit(cell.row_header) or row_unit or printed_unit
        read = _read_quantity(cell.text, unit_text, negative=cell.number < 0)
        if (
            read is None
            and not unit_text
            and float(cell.number).is_integer()
            and _COUNT_HEADER.search(measure)
        ):
            read = (float(cell.number), "count", "")
        if read is None:
            continue
        value, unit, scale = read
        # Chinese plans print five-year totals in 〔 〕; a note saying they are 百分点 makes them points.
        cumulative = cell.is_bracketed and cell.text.strip().startswith("〔")
        if cumulative and unit == "percent" and "百分点" in table.notes:
            unit = "percentage_points"
        year = (years or row_years or [None])[-1]
        qualifier = next((q for sym, q in _QUALIFIERS.items() if cell.text.strip().startswith(sym)), "")
        sentence = " | ".join(p for p in (table.caption, cell.row_header, cell.col_header, cell.text) if p)
        digest = hashlib.sha1(f"{table_id}|{cell.row}|{cell.col}|{cell.text}".encode()).hexdigest()[:10]
        out.append(
            Statistic(
                statistic_id=f"{table_id}-r{cell.row}c{cell.col}-{digest}",
                value=value,
                unit=unit,
                scale=scale,
                qualifier=qualifier,
                is_change=is_change(unit, measure, "", ""),
                year=year,
                period_start=None,
                period_end=None,
                measure=measure,
                subject=subject,
                raw_text=cell.text,
                sentence=sentence,
                page=cell.page,
                bbox=table.bbox,
                is_target=bool(_TARGET_HEADER.search(cell.col_header))
                or bool(year and document_year and year > document_year),
                source="table",
                table_id=table_id,
                cell_row=cell.row,
                cell_col=cell.col,
            )
        )
    return out


# "… by region", "… by country", "分地区…": the caption says the rows are places.
_BY_PLACE = re.compile(
    r"\bby\s+(?:region|country|countries|province|state|city|cities|area|economy|economies|member state)s?\b"
    r"|分(?:地区|省份|区域|城市)|各(?:地区|省份|省|市)",
    re.IGNORECASE,
)
# A column of goals: "规划目标", "目标值", "Target", "Goal (2030)".
_TARGET_HEADER = re.compile(r"目标|预期值|\btargets?\b|\bgoals?\b", re.IGNORECASE)
_CAPTION_LABEL = re.compile(
    r"^\s*(?:table|tab\.|exhibit|表|附表)\s*[A-Z]?\d*[A-Z]?\s*[:：.．|\-–—]?\s*", re.I
)


def _caption_measure(caption: str) -> str:
    """What a caption says is measured: its words without the 'Table N:' label, unit or 'by region'."""
    text = _UNIT_IN_BRACKETS.sub("", _CAPTION_LABEL.sub("", caption)).strip()
    return re.sub(
        r"\s+by\s+(?:region|country|province|state|city|area)s?$|按(?:地区|省份|区域)$", "", text, flags=re.I
    )


_ADMIN_SUFFIX = re.compile(
    r"\s+(?:city|province|municipality|region|autonomous region|state|county|district)$"
    r"|(?<=\w)(?:省|市|自治区|特别行政区)$",
    re.IGNORECASE,
)


def _place(label: str, places: Places | None) -> str:
    """The place a row label names, when the label is nothing but that place."""
    if not label or places is None:
        return ""
    core = _ADMIN_SUFFIX.sub("", label.strip())
    found = places.find(core)
    if len(found) == 1 and found[0][1] - found[0][0] >= len(core) - 1:
        return found[0][2]
    return ""


def _unit_column(cells: list[TableCell]) -> int | None:
    """The column whose header says it holds each row's unit ("单位", "Unit")."""
    for c in cells:
        if (
            c.is_header
            and c.row == 0
            and re.fullmatch(r"\s*(?:单位|计量单位|units?)\s*", c.text, re.IGNORECASE)
        ):
            return c.col
    return None


def _measure(row_parts: list[str], col_parts: list[str]) -> str:
    """What a cell measures: its row label, qualified by the column's non-year headers."""
    label = row_parts[-1] if row_parts else ""
    label = _UNIT_IN_BRACKETS.sub("", label).strip()
    extra = [_UNIT_IN_BRACKETS.sub("", p).strip() for p in col_parts if year_of(p) is None]
    extra = [p for p in extra if p and p != label]
    if not label:
        return ", ".join(extra)
    return f"{label} ({', '.join(extra)})" if extra else label
