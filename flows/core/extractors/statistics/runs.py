"""Paragraph runs: body blocks that one sentence continues across (a line or page break split them)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from flows.core.extractors.statistics.prose import holds_words, reads_as_prose
from flows.core.model import Block

# A block that ends in one of these closes its sentence; anything else continues in the next block.
_SENTENCE_END = re.compile(
    r"[.!?\u3002\uff01\uff1f\u2026:\uff1a;\uff1b][\"'\u201d\u2019)\uff09\u300d\u300f]*\s*$"
)
_CJK_OR_DIGIT = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9%]")


@dataclass
class Run:
    """Consecutive blocks read as one paragraph, with where each block starts in the joined text."""

    parts: list[tuple[int, Block]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    text: str = ""

    def add(self, index: int, block: Block) -> None:
        """Append a block, joining Chinese text without a space and other text with one."""
        if self.text:
            glue = "" if _cjk_join(self.text, block.text) else " "
            self.text += glue
        self.starts.append(len(self.text))
        self.parts.append((index, block))
        self.text += block.text

    def locate(self, position: int) -> tuple[int, Block, int]:
        """Return the block index, block and offset inside it of a position in the joined text."""
        k = max(0, bisect.bisect_right(self.starts, position) - 1)
        index, block = self.parts[k]
        return index, block, position - self.starts[k]


def paragraph_runs(blocks: Sequence[Block], kinds: Collection[str]) -> list[Run]:
    """Group consecutive blocks of the scanned kinds into runs, joining a block whose sentence is unfinished.

    Layout sometimes closes a paragraph at every line of a Chinese plan ("2015" / "年，电子商务交易额…")
    or at a page break; a statistic's year or unit then sits in the next block.
    """
    runs: list[Run] = []
    open_run: Run | None = None
    previous_kind = ""
    for index, block in enumerate(blocks):
        # A numbered paragraph's first line taken for a heading, or a summary on the cover, is body text.
        promoted = block.kind not in kinds
        kind = "body" if promoted and reads_as_prose(block) else ("" if promoted else block.kind)
        if not kind:
            open_run = None
            continue
        previous = open_run.parts[-1][1] if open_run is not None else None
        # A chart's tick labels run on without a stop; prose that follows them starts afresh.
        if (
            previous is None
            or not _continues(previous, previous_kind, block, kind)
            or (promoted and not holds_words(previous))
        ):
            open_run = Run()
            runs.append(open_run)
        open_run.add(index, block)
        previous_kind = kind
    return runs


def _continues(previous: Block, previous_kind: str, block: Block, kind: str) -> bool:
    """True when block carries on the sentence previous left unfinished (same kind, same or next page)."""
    text = previous.text.rstrip()
    return (
        bool(text)
        and kind == previous_kind
        and 0 <= block.page - previous.page <= 1
        and not _SENTENCE_END.search(text)
    )


def _cjk_join(left: str, right: str) -> bool:
    """True when both sides of the join are Chinese (or digits next to Chinese), which take no space."""
    a, b = left.rstrip()[-1:], right.lstrip()[:1]
    return bool(a and b and _CJK_OR_DIGIT.match(a) and _CJK_OR_DIGIT.match(b)) and not (
        a.isascii() and b.isascii()
    )
