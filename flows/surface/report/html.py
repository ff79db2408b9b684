"""HTML building blocks of the static report: escaping, tables, the page shell and its style."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from html import escape
from typing import Any

Row = Mapping[str, Any]
Cell = Callable[[Row], str]
"""Renders one cell of a row as HTML that is already escaped."""


def esc(value: Any) -> str:
    """Escaped text of any value: lists joined with commas, None as empty, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return escape(", ".join(str(v) for v in value if v is not None))
    if isinstance(value, datetime):
        return escape(value.isoformat(sep=" ", timespec="seconds"))
    if isinstance(value, date):
        return escape(value.isoformat())
    if isinstance(value, float):
        return escape(f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}")
    return escape(str(value))


def field(name: str) -> Cell:
    """A cell showing one column of the row, escaped."""
    return lambda row: esc(row.get(name))


def table(
    rows: Sequence[Row],
    columns: Sequence[tuple[str, Cell | str]],
    *,
    row_class: Callable[[Row], str] | None = None,
    empty: str = "none",
    css: str = "",
) -> str:
    """An HTML table; columns are (heading, cell) pairs, a str cell naming a column."""
    if not rows:
        return f'<p class="empty">{escape(empty)}</p>'
    cells = [(head, field(cell) if isinstance(cell, str) else cell) for head, cell in columns]
    head = "".join(f"<th>{escape(h)}</th>" for h, _ in cells)
    body = []
    for row in rows:
        klass = row_class(row) if row_class else ""
        attr = f' class="{escape(klass)}"' if klass else ""
        body.append(f"<tr{attr}>" + "".join(f"<td>{render(row)}</td>" for _, render in cells) + "</tr>")
    klass = f' class="{escape(css)}"' if css else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def grid(
    cells: Iterable[Row], n_rows: int, n_cols: int, header_rows: int, caption: str = "", css: str = "grid"
) -> str:
    """A table's cells laid out as its printed grid: header rows as column headings, the cells marked
    is_header below them as row headings, every other cell as data (numbers right-aligned).

    A (row, col) with no cell (one held back by validation) is drawn blank so the others keep their place.
    """
    at = {(c["row"], c["col"]): c for c in cells}
    head, body = [], []
    for r in range(n_rows):
        out = []
        for c in range(n_cols):
            cell = at.get((r, c))
            text = esc(cell["text"]) if cell else ""
            if r < header_rows:
                out.append(f'<th scope="col">{text}</th>')
            elif cell and cell["is_header"]:
                out.append(f'<th scope="row">{text}</th>')
            elif cell and cell["number"] is not None:
                out.append(f'<td class="num">{text}</td>')
            else:
                out.append(f"<td>{text}</td>")
        (head if r < header_rows else body).append(f"<tr>{''.join(out)}</tr>")
    title = f"<caption>{escape(caption)}</caption>" if caption else ""
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    return f'<table class="{escape(css)}">{title}{thead}<tbody>{"".join(body)}</tbody></table>'


def link(href: str, text: str, title: str = "") -> str:
    """An anchor with escaped address and text."""
    tip = f' title="{escape(title)}"' if title else ""
    return f'<a href="{escape(href)}"{tip}>{escape(text)}</a>'


def badge(text: str, kind: str) -> str:
    """A small coloured label (kind is one of ok, warn, bad, info)."""
    return f'<span class="badge {escape(kind)}">{escape(text)}</span>'


def highlight(sentence: str | None, needle: str | None) -> str:
    """The sentence, escaped, with the first occurrence of needle marked."""
    text = sentence or ""
    at = text.find(needle) if needle else -1
    if at < 0:
        return escape(text)
    end = at + len(needle or "")
    return f"{escape(text[:at])}<mark>{escape(text[at:end])}</mark>{escape(text[end:])}"


def chart(name: str, spec: Mapping[str, Any], caption: str) -> str:
    """A chart container and its Vega-Lite spec, drawn by the page script with vega-embed."""
    # "<" as \u003c keeps the JSON from ever closing the script element, whatever the data holds.
    data = json.dumps(spec, ensure_ascii=False, default=str).replace("<", "\\u003c")
    return (
        f'<figure><div class="chart" id="chart-{escape(name)}" data-spec="spec-{escape(name)}"></div>'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
        f'<script type="application/json" id="spec-{escape(name)}">{data}</script>'
    )


def section(anchor: str, title: str, body: Iterable[str], intro: str = "") -> str:
    """One numbered section of the report."""
    lead = f'<p class="intro">{escape(intro)}</p>' if intro else ""
    return f'<section id="{escape(anchor)}"><h2>{escape(title)}</h2>{lead}{"".join(body)}</section>'


# Installed before the Vega bundle so errors while it loads are caught too; the report shows them
# (and tests read them from the DOM) instead of leaving a silently empty chart.
ERROR_COLLECTOR = """
(function () {
  function note(message) {
    var box = document.getElementById("report-errors");
    if (!box) { (window.__reportErrors = window.__reportErrors || []).push(message); return; }
    box.hidden = false;
    var item = document.createElement("li");
    item.textContent = message;
    box.querySelector("ul").appendChild(item);
  }
  window.__noteError = note;
  window.addEventListener("error", function (e) { note("error: " + e.message); });
  window.addEventListener("unhandledrejection", function (e) { note("unhandled: " + e.reason); });
  var original = console.error;
  console.error = function () {
    note("console: " + Array.prototype.map.call(arguments, String).join(" "));
    return original.apply(console, arguments);
  };
})();
"""

CHART_LOADER = """
(function () {
  (window.__reportErrors || []).forEach(window.__noteError);
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".chart[data-spec]"));
  var drawn = boxes.map(function (box) {
    var spec = JSON.parse(document.getElementById(box.dataset.spec).textContent);
    return vegaEmbed(box, spec, {renderer: "svg", actions: false}).catch(function (e) {
      window.__noteError("chart " + box.id + ": " + e);
      throw e;
    });
  });
  Promise.all(drawn).then(function () { document.body.dataset.chartsRendered = String(boxes.length); });
})();
"""

# Following a link to a grid (#grid-...) opens its <details>: the fragment alone would scroll to it closed.
GRID_OPENER = """
(function () {
  function openTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
"""

STYLE = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #2b6cb0; --soft: #f0f4f8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
    "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; }
header { background: var(--ink); color: #fff; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: #cbd2d9; font-size: 13px; }
nav { position: sticky; top: 0; z-index: 2; background: var(--soft); border-bottom: 1px solid var(--line);
  padding: 8px 32px; font-size: 13px; }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
main { padding: 8px 32px 48px; max-width: 1280px; }
section { margin-top: 28px; }
h2 { font-size: 20px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.intro, .empty, figcaption { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.cross td { background: #fff8e1; }
tr.failed td { background: #fdecea; }
.sentence { color: var(--muted); max-width: 520px; }
mark { background: #ffe58f; padding: 0 1px; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; font-weight: 600; }
.badge.ok { background: #def7ec; color: #03543f; } .badge.warn { background: #fdf6b2; color: #723b13; }
.badge.bad { background: #fde8e8; color: #9b1c1c; } .badge.info { background: #e1effe; color: #1e429f; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 130px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 12px; }
figure { margin: 12px 0 20px; }
.chart { min-height: 60px; overflow-x: auto; }
table.grid { width: auto; max-width: 100%; }
table.grid caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; }
table.grid th, table.grid td { border: 1px solid var(--line); white-space: nowrap; }
table.grid th[scope="row"] { background: #fafbfc; }
details.table-grid { margin: 6px 0; overflow-x: auto; }
details.table-grid > summary { cursor: pointer; color: var(--accent); }
.notes { color: var(--muted); font-size: 12px; max-width: 820px; }
#report-errors { border: 2px solid #c81e1e; background: #fde8e8; padding: 8px 16px; margin: 12px 32px; }
"""


def page(title: str, subtitle: str, nav: Sequence[tuple[str, str]], body: str, javascript: str) -> str:
    """The whole self-contained document: style, the Vega bundle and the chart loader inline."""
    links = "".join(link(f"#{anchor}", text) for anchor, text in nav)
    # A bundle can hold "</script" inside a string; "<\\/script" is the same string to JavaScript.
    bundle = javascript.replace("</script", "<\\/script")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style>"
        f"<script>{ERROR_COLLECTOR}</script><script>{bundle}</script></head>"
        f"<body><header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f"<nav>{links}</nav>"
        '<div id="report-errors" hidden><b>Errors while drawing this report</b><ul></ul></div>'
        f"<main>{body}</main><script>{CHART_LOADER}</script><script>{GRID_OPENER}</script></body></html>\n"
    )
