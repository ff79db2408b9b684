"""Where a document's recommendations are: its paragraphs re-joined, headings ranked, sections in scope."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.core.extractors.cues import (
    EN_ADVICE_HEADING,
    EN_COMMITMENT_INTRO,
    EN_COUNTED_INTRO,
    EN_NON_ACTION_OPENERS,
    EN_PURPOSE_INTRO,
    EN_STRONG_ADVICE,
    LITERATURE_HEADING,
    METHOD_HEADING,
    THIRD_PARTY_INTRO,
)
from flows.core.extractors.recommendations.labels import (
    is_imperative_lead,
    label_number,
    parse_label,
    split_run_on,
    strip_label,
)
from flows.core.layout.lines import is_list_marker
from flows.core.model import Block, Para
from flows.core.vocabulary import BACK_MATTER_START, CONCLUSION_HEADING, HAN_BASIC

# Headings that open a recommendations section.
_CUE_HEADING = re.compile(
    r"recommend|suggest|countermeasure|strateg(?:y|ies)|\bpaths?\b|pathways?|\bways?\s+forward|"
    r"policy\s+implications?|implications\s+for\s+policy|measures|way\s+out|approach(?:es)?\s+to|"
    r"what\s+we\s+(?:will|plan\s+to|intend\s+to|are\s+going\s+to)\s+do|next\s+steps|"
    r"建议|对策|进路|路径|举措|策略|措施|思路|启示",
    re.I,
)
_METHOD_HEADING = re.compile(METHOD_HEADING, re.I)
_ADVICE_HEADING = re.compile(EN_ADVICE_HEADING, re.I)
_LITERATURE = re.compile(LITERATURE_HEADING, re.I)
_THIRD_PARTY = re.compile(THIRD_PARTY_INTRO, re.I)
# "The following hypotheses are proposed:" announces what a paper tests, not what it recommends.
_HYPOTHESES = re.compile(r"hypothes[ie]s|假设|假说", re.I)
# Headings that end the body of a paper.
_BACK_MATTER = BACK_MATTER_START
# A paragraph that announces a list of recommendations ("…the following suggestions:", "建议:").
_CUE_INTRO = re.compile(
    r"(?:recommend|suggest|propos|countermeasure|principles|priorities|measures|guidance|actions|should|must|建议|对策|措施|举措|需要|应当)"
    r"[^.。:：]{0,200}[:：]\s*$"
    rf"|{EN_COMMITMENT_INTRO}",
    re.I,
)
# …and, case-sensitive, a bare purpose ("To report on such waivers:") or a counted list ("in four phases:").
_LIST_INTRO = re.compile(rf"{EN_PURPOSE_INTRO}|{EN_COUNTED_INTRO}")
_SKIPPED_KINDS = frozenset(
    {
        "reference",
        "title",
        "author",
        "affiliation",
        "front_matter",
        "keywords",
        "abstract",
        "caption",
        "footnote",
    }
)
_STRONG_ADVICE = re.compile(EN_STRONG_ADVICE, re.I)
# The end of a list item that runs on to its next sibling ("…; and", "…;", "…, or").
_ITEM_END = re.compile(r"(?:[;,；，]|[;,]\s+(?:and|or))\s*$")
_LOWER_LABEL = re.compile(r"^[(（]?[a-z]{1,4}[.)）]\s")  # "a. Agency Actions", "ii) …": a label, not a word
_BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# Lettered labels open an item when the layout set it apart; a line starting "a)" may still wrap a
# paragraph's inline list ("… should encompass: a) … b) …").
_LETTERED = frozenset({"alpha_dot", "roman_paren"})
_MODAL = re.compile(r"\b(?:must|shall|should)\b")
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_COUNT_WORD = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)}|\d{{1,2}})\b(?=[^:：]*[:：]\s*$)", re.I)
_TERMINAL = re.compile(r"[.。!?！？;；:：\"”’)）]$")
_CJK = HAN_BASIC
_CONCLUSION = CONCLUSION_HEADING


# "Term – what it is" or "Term: what it is": a bulleted definition, not an action.
_DEFINITION = re.compile(r"^[^:：.]{1,60}(?:[:：]|\s[–—-]\s)")
# A paragraph numbered with a Roman numeral ("III. Chapter III …") is not a bulleted item.
_ROMAN_LED = re.compile(r"^[IVX]{1,4}\.\s")
# A table-of-contents entry: a title, a run of leader dots and a page number ("5.加强安全制度建设…… 6").
_TOC_ENTRY = re.compile(r"(?:\.{5,}|…{3,}|·{5,}|．{5,}|\s(?:\.\s){4,})\s*\d{1,3}\b")
# A glyph set apart before a paragraph's text: a bullet when layout's list-marker test says so.
_LEADING_GLYPH = re.compile(r"^(\S)\s+(?=\S)")


def _bullets_only(text: str) -> bool:
    """A block holding only bullet glyphs (and dashes), which some PDFs print apart from their items."""
    return all(is_list_marker(c) or c in "-–" for c in text if not c.isspace())


def _leading_bullet(text: str) -> int:
    """Length of the bullet glyph and space opening a paragraph, or 0 when it opens with none."""
    glyph = _LEADING_GLYPH.match(text)
    return glyph.end() if glyph and is_list_marker(glyph.group(1)) else 0


def paragraphs_of(blocks: Sequence[Block]) -> list[Para]:
    """Keep headings and body text, merging blocks that continue the previous paragraph."""
    paras: list[Para] = []
    path: list[tuple[int, str]] = []  # heading path for blocks the extractor left without one
    bullets = 0  # glyphs seen whose items have not arrived yet (layout may put them before the items)
    kept = [b for b in blocks if b.kind not in _SKIPPED_KINDS and b.text.strip()]
    for k, block in enumerate(kept):
        text = block.text.strip()
        if _TOC_ENTRY.search(text):
            continue  # a contents page lists the headings again: they are not the document's items
        following = kept[k + 1].text.strip() if k + 1 < len(kept) and kept[k + 1].kind != "heading" else ""
        kind = "body" if block.kind == "heading" and _sentence_set_as_heading(text, following) else block.kind
        if kind != "heading" and _bullets_only(text):
            bullets += len([c for c in text if not c.isspace()])
            continue
        lead_glyph = _leading_bullet(text) if kind != "heading" else 0
        if lead_glyph:
            text = text[lead_glyph:]
            bullets += 1
        if kind == "heading":
            bullets = 0
            para = Para(source=block, text=text, kind="heading", level=block.level)
            rank = heading_rank(para)
            path = [(r, t) for r, t in path if r < rank] + [(rank, text)]
            para.section = block.section or " > ".join(t for _, t in path)
            paras.append(para)
            continue
        prev = paras[-1] if paras else None
        opening = parse_label(text)
        continues = (
            prev is not None
            and prev.kind != "heading"
            and (opening is None or opening[0] in _LETTERED)
            and not lead_glyph  # its own bullet opens an item, even in lower case ("• propose …;")
            and not (bullets and text[:1].isupper())
            and not _ROMAN_LED.match(text)
            and (text[:1].islower() or not _TERMINAL.search(prev.text))
            # "a. Agency Actions …", "l. Within 60 days …" (OCR's 1.) after a full stop open an item.
            and not (_LOWER_LABEL.match(text) and _TERMINAL.search(prev.text))
        )
        if prev is not None and continues:
            joiner = "" if _CJK.search(prev.text[-1:] + text[:1]) else " "
            prev.text = prev.text + joiner + text
        else:
            section = block.section or " > ".join(t for _, t in path)
            if _ROMAN_LED.match(text):
                bullets = 0
            paras.append(Para(source=block, text=text, kind="body", section=section, bullet=bullets > 0))
            bullets = max(0, bullets - 1)
    return paras


def _sentence_set_as_heading(text: str, following: str) -> bool:
    """A numbered sentence the layout set as a heading: a list item ("1. notify OMB; and") or the first
    line of a paragraph that the next block continues in lower case ("… must recertify and report the"
    / "full list of …")."""
    label = parse_label(text)
    words = len(text.split())
    if (label is None and words < 8) or words < 3 or text.isupper() or _CJK.search(text):
        return False
    sentence = words >= 10 and text.endswith(".") and label is not None and label[1].endswith((".", ")"))
    if label is not None and (_ITEM_END.search(text) or sentence):
        return True  # "1. notify OMB; and", "2. Within 90 days …, DHS shall develop a process."
    if words >= 8 and _MODAL.search(text) and not text.endswith((":", "：")):
        return True  # "By March 26, 2018, all CFO Act agencies should notify their OMB Resource Management"
    continued = following[:1].islower() and not _LOWER_LABEL.match(following)
    return continued and words >= 5 and not _TERMINAL.search(text)


def run_on_parts(para: Para) -> list[Para]:
    """A paragraph holding several numbered items ("1. … 2. …") as one paragraph per item."""
    parts = split_run_on(para.text)
    return [para] if len(parts) == 1 else [clone(para, part) for part in parts]


def clone(para: Para, text: str) -> Para:
    """A copy of a paragraph with other text (one half of a split heading)."""
    return Para(source=para.source, text=text, kind=para.kind, level=para.level, section=para.section)


def heading_rank(para: Para) -> int:
    """A heading's level: the extractor's when given, else guessed from its numbering."""
    if para.level > 0:
        return para.level
    if _BACK_MATTER.match(para.text):
        return 1
    label = parse_label(para.text)
    if label is None:
        return 1
    style, text = label[0], label[1]
    if style == "num_dot":
        return text.rstrip(".").count(".") + 1
    return {"zh_top": 1, "zh_paren": 2, "alpha_paren": 2, "num_paren": 3}.get(style, 3)


def section_scope(paras: Sequence[Para]) -> list[bool]:
    """Mark the paragraphs that sit in a recommendations section (by heading, or by section path)."""
    flags = [False] * len(paras)
    open_rank: int | None = None
    flat = False  # the layout gave the cue heading's sub-headings its own level
    for i, para in enumerate(paras):
        if para.kind == "heading":
            rank = heading_rank(para)
            if _BACK_MATTER.match(para.text) or (flat and _ends_flat_section(para.text)):
                open_rank, flat = None, False
                continue
            if open_rank is not None and rank <= open_rank and not flat:
                open_rank = None
            if open_rank is None and _is_cue_heading(para.text) and not in_review(para):
                open_rank = rank
                following = paras[i + 1] if i + 1 < len(paras) else None
                flat = following is not None and following.kind == "heading"
                flat = flat and heading_rank(following) == rank
                continue  # the section heading itself is not a recommendation
        if open_rank is not None:
            flags[i] = True
        elif para.section and any(_is_cue_heading(s) for s in para.section.split(" > ")):
            flags[i] = not in_review(para) and (
                para.kind != "heading" or not _CUE_HEADING.search(strip_label(para.text))
            )
    return flags


def _is_cue_heading(text: str) -> bool:
    """A heading that opens recommendations; a numbered sentence set as a heading is a paragraph."""
    title = strip_label(text).strip()
    if _METHOD_HEADING.search(title):
        return False
    cued = _CUE_HEADING.search(title) or _ADVICE_HEADING.search(title)
    return bool(cued) and not (len(title.split()) > 20 or title.endswith("."))


def in_review(para: Para) -> bool:
    """True inside a paper's review of earlier work: the advice there is other authors'."""
    return any(_LITERATURE.search(strip_label(s)) for s in para.section.split(" > ") if s)


def _ends_flat_section(text: str) -> bool:
    """A heading that ends a section whose sub-headings share its level: a chapter number or conclusion."""
    return bool(re.match(r"^\d{1,2}\.?$", text.strip()) or _CONCLUSION.search(text))


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
        listed = label is not None or (nxt.bullet and not _DEFINITION.match(nxt.text))
        if nxt.kind == "heading":
            number = label_number(label[1]) if label else None
            if number is not None and (number == expected or (not items and number == 1)):
                items.append(k)
                expected = number + len(split_run_on(nxt.text))
                k += 1
                continue
            if expected is not None and (number is not None or _BARE_NUMBER.match(nxt.text)):
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
