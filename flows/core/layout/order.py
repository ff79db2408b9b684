"""Reading order from geometry: group lines into column blocks and order them (Breuel's rules)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from flows.core.layout.lines import Line
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings


@dataclass(slots=True)
class Region:
    """A run of lines stacked in one column with line-sized gaps: the unit of reading order."""

    lines: list[Line] = field(default_factory=list)
    x0: float = 1e9
    x1: float = -1e9
    top: float = 1e9
    bottom: float = -1e9
    closed: bool = False

    def add(self, ln: Line) -> None:
        """Append a line and grow the box."""
        self.lines.append(ln)
        self.x0 = min(self.x0, ln.x0)
        self.x1 = max(self.x1, ln.x1)
        self.top = min(self.top, ln.top)
        self.bottom = max(self.bottom, ln.bottom)


def _fits(region: Region, ln: Line, s: LayoutSettings) -> bool:
    """Return True when a line continues a region: just below it and inside its column."""
    last = region.lines[-1]
    em = max(ln.size, last.size)
    same_row = abs(ln.top - last.top) < s.same_row_em * em or (ln.top < last.bottom and ln.bottom > last.top)
    if not same_row and not (s.region_gap_min_em * em <= ln.top - region.bottom <= s.region_gap_max_em * em):
        return False
    overlap = min(ln.x1, region.x1) - max(ln.x0, region.x0)
    if overlap < s.region_overlap_share * min(ln.x1 - ln.x0, region.x1 - region.x0):
        return False
    # A line that sticks out to the right would bridge a gutter; an indent or short line may not.
    return (
        ln.x1 <= region.x1 + s.region_overhang_right_em * em
        and ln.x0 >= region.x0 - s.region_overhang_left_em * em
    )


def make_regions(lines: list[Line], s: LayoutSettings = DEFAULT_LAYOUT) -> list[Region]:
    """Group a page's lines into column regions, closing a region once something is drawn below it."""
    regions: list[Region] = []
    for ln in sorted(lines, key=lambda x: (x.top, x.x0)):
        target = None
        for r in regions:
            if not r.closed and _fits(r, ln, s):
                target = r
                break
        if target is None:
            target = Region()
            regions.append(target)
        target.add(ln)
        for r in regions:
            below = r.bottom <= ln.top + s.region_close_em * ln.size
            if r is not target and not r.closed and below and min(ln.x1, r.x1) - max(ln.x0, r.x0) > 0:
                r.closed = True
    for r in regions:
        r.lines = merge_rows(r.lines, s)
    return regions


def merge_rows(lines: list[Line], s: LayoutSettings = DEFAULT_LAYOUT) -> list[Line]:
    """Merge pieces of one visual line (split at wide word gaps or superscripts) inside a region."""
    lines.sort(key=lambda x: x.top)
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        overlap = s.row_merge_em * ln.size
        if prev is not None and ln.top < prev.bottom - overlap and ln.bottom > prev.top + overlap:
            prev.glyphs.extend(ln.glyphs)
            prev.citations.extend(ln.citations)
            prev.refresh(s)
        else:
            out.append(ln)
    return out


def _x_overlap(a: Region, b: Region, s: LayoutSettings) -> bool:
    """Return True when two regions share some horizontal extent."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > s.order_slack_pt


def _before(regions: list[Region], a: Region, b: Region, s: LayoutSettings) -> bool:
    """Breuel's partial order: above within a column, or left column when nothing spans between."""
    if _x_overlap(a, b, s):
        return (a.top + a.bottom) < (b.top + b.bottom) if a.top == b.top else a.top < b.top
    if a.x1 > b.x0 + s.order_slack_pt:
        return False
    upper_bottom = min(a.bottom, b.bottom)
    lower_top = max(a.top, b.top)
    for c in regions:
        if c is a or c is b:
            continue
        if (
            c.top >= upper_bottom - s.order_slack_pt
            and c.bottom <= lower_top + s.order_slack_pt
            and _x_overlap(c, a, s)
            and _x_overlap(c, b, s)
        ):
            return False
    return True


def reading_order(regions: list[Region], s: LayoutSettings = DEFAULT_LAYOUT) -> list[Region]:
    """Topologically sort regions by the partial order, breaking ties top-down then left-right."""
    n = len(regions)
    succ: list[list[int]] = [[] for _ in range(n)]
    indeg = [0] * n
    for i in range(n):
        for j in range(n):
            if i != j and _before(regions, regions[i], regions[j], s):
                succ[i].append(j)
                indeg[j] += 1
    heap = [(regions[i].top, regions[i].x0, i) for i in range(n) if indeg[i] == 0]
    heapq.heapify(heap)
    done = [False] * n
    out: list[Region] = []
    while len(out) < n:
        if not heap:
            # A cycle (overlapping regions): release the top-most remaining region.
            i = min((k for k in range(n) if not done[k]), key=lambda k: (regions[k].top, regions[k].x0))
            heap.append((regions[i].top, regions[i].x0, i))
        _, _, i = heapq.heappop(heap)
        if done[i]:
            continue
        done[i] = True
        out.append(regions[i])
        for j in succ[i]:
            indeg[j] -= 1
            if indeg[j] == 0 and not done[j]:
                heapq.heappush(heap, (regions[j].top, regions[j].x0, j))
    return out
