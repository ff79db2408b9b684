"""Directives of memoranda that no recommendations heading or list announces: dated, then addressed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.core.extractors.cues import EN_ADDRESSEE_DIRECTIVE, EN_DEADLINE_OPENING, EN_OBLIGATION
from flows.core.extractors.recommendations.labels import label_number, parse_label
from flows.core.model import Block, Para
from flows.core.text import split_sentences

# An enumerator before the deadline ("2. Within 90 days …", "l. Within one year …" where OCR read 1 as l).
_LEAD_LABEL = re.compile(r"^(?:[(（]?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)）]\s+)?")
_DEADLINE = re.compile(EN_DEADLINE_OPENING)
# The directive verb of a dated sentence: an obligation, or what a named body "will" do by then.
_DIRECTS = re.compile(rf"{EN_OBLIGATION}|\bwill\b", re.I)
_ADDRESSED = re.compile(EN_ADDRESSEE_DIRECTIVE, re.I)
_MEMO_HEADER = re.compile(r"\bMEMORANDUM\s+(?:FOR|TO)\b|^\s*SUBJECT\s*:", re.M)
_THIS_MEMO = re.compile(r"\bthis\s+memorandum\b", re.I)


def memorandum(blocks: Sequence[Block]) -> bool:
    """True for a memorandum: its header ("MEMORANDUM FOR …", "SUBJECT:") or repeated "this memorandum"."""
    if any(_MEMO_HEADER.search(b.text) for b in blocks if b.page <= 2):
        return True
    return sum(len(_THIS_MEMO.findall(b.text)) for b in blocks) >= 3


def is_dated_directive(text: str) -> bool:
    """True when a sentence opens with a deadline and directs ("Within 90 days …, GSA will …")."""
    for sentence in split_sentences(text):
        body = sentence[_LEAD_LABEL.match(sentence).end() :]  # type: ignore[union-attr]
        if _DEADLINE.match(body) and _DIRECTS.search(body):
            return True
    return False


def dated_directives(paras: Sequence[Para], free: Sequence[bool]) -> list[int]:
    """Indexes of the paragraphs outside any list or section already read that hold a dated directive.

    US memoranda and executive orders set what each body must do by when in such paragraphs ("By
    December 1, 2024, agencies must …"); one such sentence alone may be a stray date, so two are needed.
    """
    found = [i for i, p in enumerate(paras) if free[i] and p.kind != "heading" and is_dated_directive(p.text)]
    return found if len(found) >= 2 else []


def addressed_directives(paras: Sequence[Para], free: Sequence[bool]) -> list[int]:
    """Indexes of the paragraphs that tell the memorandum's addressees what to do ("each agency shall …").

    The last resort for a memorandum that neither lists its actions nor dates them; two are needed, since
    one "agencies must" sentence may only restate a law.
    """
    found = [
        i
        for i, p in enumerate(paras)
        if free[i] and p.kind != "heading" and any(_ADDRESSED.match(s) for s in split_sentences(p.text))
    ]
    return found if len(found) >= 2 else []


_NUMBERED = frozenset({"num_dot", "num_paren", "num_rparen"})
_MIN_DATED_IN_LISTS = 3  # fewer dated directives in numbered lists may be a timeline, not the actions


def directive_lists(paras: Sequence[Para]) -> list[int]:
    """Indexes of the items of numbered lists that set dated directives ("1) By June 2013, GSA will …").

    A strategic plan or memorandum may list its actions under each of its headings, numbered afresh
    (1), 2), …); where those lists hold at least three dated directives, every item of them is an action,
    dated or not. Lines an item wraps onto and its lettered sub-items stay inside the list.
    """
    runs: list[list[int]] = []
    open_run = False
    for i, para in enumerate(paras):
        if para.kind == "heading":
            open_run = False
            continue
        label = parse_label(para.text, loose=True)
        number = label_number(label[1]) if label and label[0] in _NUMBERED else None
        if number == 1:
            runs.append([i])
            open_run = True
        elif number is not None and open_run and number == len(runs[-1]) + 1:
            runs[-1].append(i)
        elif number is not None:
            open_run = False
    runs = [run for run in runs if len(run) >= 2]
    count = sum(is_dated_directive(paras[i].text) for run in runs for i in run)
    if count < _MIN_DATED_IN_LISTS:
        return []
    # The plan's other numbered lists of directives ("1) GSA will share …") are its actions too.
    directing = [run for run in runs if all(_DIRECTS.search(paras[i].text) for i in run)]
    return [i for run in directing for i in run]
