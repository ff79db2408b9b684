"""Where a document's recommendations are: its paragraphs re-joined, headings ranked, sections in scope."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from flows.core.extractors.cues import (
    EN_ADVICE_HEADING,
    LITERATURE_HEADING,
    METHOD_HEADING,
)
from flows.core.extractors.recommendations.labels import (
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
# Headings that end the body of a paper.
_BACK_MATTER = BACK_MATTER_START
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
# The end of a list item that runs on to its next sibling ("…; and", "…;", "…, or").
_ITEM_END = re.compile(r"(?:[;,；，]|[;,]\s+(?:and|or))\s*$")
_LOWER_LABEL = re.compile(r"^[(（]?[a-z]{1,4}[.)）]\s")  # "a. Agency Actions", "ii) …": a label, not a word
BARE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# Lettered labels open an item when the layout set it apart; a line starting "a)" may still wrap a
# paragraph's inline list ("… should encompass: a) … b) …").
_LETTERED = frozenset({"alpha_dot", "roman_paren"})
_MODAL = re.compile(r"\b(?:must|shall|should)\b")
_TERMINAL = re.compile(r"[.。!?！？;；:：\"”’)）]$")
_CJK = HAN_BASIC
_CONCLUSION = CONCLUSION_HEADING


# "Term – what it is" or "Term: what it is": a bulleted definition, not an action.
DEFINITION = re.compile(r"^[^:：.]{1,60}(?:[:：]|\s[–—-]\s)")
# A paragraph numbered with a Roman numeral ("III. Chapter III …") is not a bulleted item.
_ROMAN_LED = re.compile(r"^[IVX]{1,4}\.\s")
# A table-of-contents entry: a title, a run of leader dots and a page number ("5.加强安全制度建设…… 6").
_RUN_ON_MIN_WORDS = 6  # a heading is short; a line this long that runs on into the next is a sentence
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
    # A large line whose sentence goes on in the next one ("…, including best practices, lessons" /
    # "learned, and …", as slide decks print) is no heading, nor the section of what follows.
    run_on = {
        p.text
        for p, q in pairwise(paras)
        if p.kind == "heading"
        and len(p.text.split()) >= _RUN_ON_MIN_WORDS
        and q.page == p.page
        and q.text[:1].islower()
        and parse_label(q.text, loose=True) is None
    }
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
            following = paras[i + 1] if i + 1 < len(paras) else None
            if (
                open_rank is None
                and _is_cue_heading(para.text)
                and not in_review(para)
                and para.text not in run_on
            ):
                open_rank = rank
                flat = following is not None and following.kind == "heading"
                flat = flat and heading_rank(following) == rank
                continue  # the section heading itself is not a recommendation
        if open_rank is not None:
            flags[i] = True
        elif para.section and any(_is_cue_heading(s) and s not in run_on for s in para.section.split(" > ")):
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
    # A line the layout set large that runs on ("For more information …, including best practices,")
    # or goes on from the line before (lower case) is part of a sentence, not a heading.
    sentence = title.endswith((".", ",", "，", ";", "；")) or title[:1].islower()
    return bool(cued) and not (len(title.split()) > 20 or sentence)


def in_review(para: Para) -> bool:
    """True inside a paper's review of earlier work: the advice there is other authors'."""
    return any(_LITERATURE.search(strip_label(s)) for s in para.section.split(" > ") if s)


def _ends_flat_section(text: str) -> bool:
    """A heading that ends a section whose sub-headings share its level: a chapter number or conclusion."""
    return bool(re.match(r"^\d{1,2}\.?$", text.strip()) or _CONCLUSION.search(text))
