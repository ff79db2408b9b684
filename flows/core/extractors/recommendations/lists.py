"""Lists outside a recommendations section: imperative runs, introduced and counted lists, quoted ones."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.core.extractors.cues import (
    EN_COMMITMENT_INTRO,
    EN_COUNTED_INTRO,
    EN_NON_ACTION_OPENERS,
    EN_PURPOSE_INTRO,
    EN_STRONG_ADVICE,
    THIRD_PARTY_INTRO,
)
from flows.core.extractors.recommendations.labels import (
    is_imperative_lead,
    label_number,
    parse_label,
    split_run_on,
    strip_label,
)
from flows.core.extractors.recommendations.sections import BARE_NUMBER, DEFINITION, heading_rank, in_review
from flows.core.model import Para

# "The following hypotheses are proposed:" announces what a paper tests, not what it recommends.
_HYPOTHESES = re.compile(r"hypothes[ie]s|假设|假说", re.I)
# A paragraph that announces a list of recommendations ("…the following suggestions:", "建议:").
_CUE_INTRO = re.compile(
    r"(?:recommend|suggest|propos|countermeasure|principles|priorities|measures|guidance|actions|should|must|建议|对策|措施|举措|需要|应当)"
    r"[^.。:：]{0,200}[:：]\s*$"
    rf"|{EN_COMMITMENT_INTRO}",
    re.I,
)
# …and, case-sensitive, a bare purpose ("To report on such waivers:") or a counted list ("in four phases:").
_LIST_INTRO = re.compile(rf"{EN_PURPOSE_INTRO}|{EN_COUNTED_INTRO}")
_STRONG_ADVICE = re.compile(EN_STRONG_ADVICE, re.I)
_THIRD_PARTY = re.compile(THIRD_PARTY_INTRO, re.I)
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_COUNT_WORD = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)}|\d{{1,2}})\b(?=[^:：]*[:：]\s*$)", re.I)


def imperative_run(paras: Sequence[Para], start: int, in_scope: Sequence[bool]) -> int:
    """Length of a run of consecutive paragraphs that each open with a short imperative sentence."""
    before = paras[start - 1] if start else None
    if before is not None and before.kind != "heading" and not first_party(before):
        return 0  # "Smith et al. (2019) recommend:" introduces what others advise
    n = 0
    while start + n < len(paras):
        para = paras[start + n]
        if in_scope[start + n] or para.kind == "heading" or not is_imperative_lead(para.text):
            break
        if in_review(para):
            break  # imperatives a paper reports from the studies it reviews
        if para.text[:1].islower():
            break  # a lower-case item ends a sentence its introduction began ("objectives are to: protect …")
        n += 1
    return n


def introduced_list(paras: Sequence[Para], start: int, in_scope: Sequence[bool]) -> list[int]:
    """Indexes of the labelled paragraphs following a paragraph that announces recommendations with a colon.

    A list the layout set in bold ("1. Development of …" as a heading) is read on while its numbers run
    on; a page number or footnote heading between two items is passed over.
    """
    para = paras[start]
    cued = _CUE_INTRO.search(para.text) or _LIST_INTRO.search(para.text)
    if para.kind == "heading" or not cued or _HYPOTHESES.search(para.text) or not first_party(para):
        return []
    own = parse_label(para.text)
    first: str | None = None
    items: list[int] = []
    expected: int | None = None  # the next number of a list whose items are set as headings
    k = start + 1
    while k < len(paras) and not in_scope[k]:
        nxt = paras[k]
        label = parse_label(nxt.text)
        listed = label is not None or (nxt.bullet and not DEFINITION.match(nxt.text))
        if nxt.kind == "heading":
            number = label_number(label[1]) if label else None
            if number is not None and (number == expected or (not items and number == 1)):
                items.append(k)
                expected = number + len(split_run_on(nxt.text))
                k += 1
                continue
            if expected is not None and (number is not None or BARE_NUMBER.match(nxt.text)):
                k += 1  # a footnote or page number between two bold items
                continue
            groups = [heading_rank(paras[j]) for j in items if paras[j].kind == "heading"]
            same_rank = not groups or heading_rank(nxt) >= groups[0]  # an annex or chapter ends the list
            if label is None and same_rank and _resumes(paras, k, paras[items[-1]] if items else None):
                items.append(k)  # a group heading inside a numbered list ("Planning AI in education")
                k += 1
                continue
            break
        if not listed:
            break
        style = label[0] if label else "bullet"
        # The list ends at the introduction's own next sibling ("(b) … shall:" … "(c)") or at a section
        # number after lettered items ("(B) …" … "4.2. …").
        # A declaration numbers every paragraph: after "8. … the following actions:" come 9., 10., ….
        numbered_paragraphs = (
            own is not None and first in (None, own[0]) and bool(_LIST_INTRO.search(para.text))
        )
        sibling = own is not None and style == own[0] and not numbered_paragraphs
        if sibling or (style == "num_dot" and first not in (None, "num_dot")):
            break
        first = first or style
        items.append(k)
        k += 1
    if len(items) < 2:
        items = counted_items(paras, start, in_scope) or items
    listed_paras = [paras[j] for j in items]
    if len(items) >= 2 and not _STRONG_ADVICE.search(para.text) and _descriptive(listed_paras):
        return []
    if len(items) == 1 and _LIST_INTRO.search(para.text):
        return items  # "To report on such waivers:" may be followed by one numbered step only
    return items if len(items) >= 2 else []


def counted_items(paras: Sequence[Para], start: int, in_scope: Sequence[bool]) -> list[int]:
    """The N short paragraphs after "… has four major goals:" when they carry no label or bullet."""
    match = _COUNT_WORD.search(paras[start].text)
    if match is None or not _LIST_INTRO.search(paras[start].text):
        return []
    word = match.group(1).lower()
    count = int(word) if word.isdigit() else _NUMBER_WORDS.index(word) + 2
    picked = list(range(start + 1, start + 1 + count))
    if picked[-1] >= len(paras) or any(in_scope[j] or paras[j].kind == "heading" for j in picked):
        return []
    short = all(len(paras[j].text.split()) <= 40 for j in picked)
    return picked if short else []


def _resumes(paras: Sequence[Para], k: int, last: Para | None) -> bool:
    """True when the paragraph after heading k opens the list (no item yet) or carries on its numbering."""
    after = paras[k + 1] if k + 1 < len(paras) else None
    following = parse_label(after.text) if after is not None and after.kind != "heading" else None
    if following is None:
        return False
    if last is None:
        return True
    label = parse_label(last.text)
    if label is None or label[0] != following[0]:
        return False
    number, next_number = label_number(label[1]), label_number(following[1])
    return number is not None and next_number == number + 1


def _descriptive(items: Sequence[Para]) -> bool:
    """True when most items complete their introduction as a clause or noun phrase ("whether …", "the …")
    or ask questions."""
    openers = [strip_label(p.text).split(maxsplit=1)[:1] for p in items]
    clauses = sum(1 for w in openers if w and w[0].lower() in EN_NON_ACTION_OPENERS)
    questions = sum(1 for p in items if p.text.rstrip().endswith(("?", "？")))
    return 2 * (clauses + questions) >= len(items)


def first_party(para: Para) -> bool:
    """False for a list the document quotes: in a review of earlier work, or handed to a cited author."""
    return not in_review(para) and not _THIRD_PARTY.search(para.text)
