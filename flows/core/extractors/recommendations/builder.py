"""Recommendation items as they arrive in reading order: ids, parents, levels, bodies and themes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from flows.core.extractors.cues import DIRECTIVE_SENTENCE, PAPER_OWN_WORK, ZH_BOX_LABEL
from flows.core.extractors.recommendations.labels import (
    first_sentence,
    inline_items,
    is_topic_lead,
    label_number,
    label_text,
    parse_label,
    strip_label,
)
from flows.core.extractors.recommendations.lists import counted_items, first_party
from flows.core.extractors.recommendations.plans import action_label
from flows.core.extractors.recommendations.sections import clone
from flows.core.extractors.recommendations.targets import actor_of, target_year_of
from flows.core.extractors.recommendations.themes import Themes
from flows.core.model import BBox, Para
from flows.core.vocabulary import CONCLUSION_HEADING

_INLINE_CUE = re.compile(
    r"(?:建议|对策|措施|需要|应当|为此|因此|以下\w{0,4}|下列\w{0,4}|如下|recommend\w*|suggest\w*|propos\w*)\s*[:：]\s*$",
    re.I,
)
_CONCLUSION = CONCLUSION_HEADING
_BARE_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s*$")
_DIRECTIVE = re.compile(DIRECTIVE_SENTENCE, re.I)
_OWN_WORK = re.compile(PAPER_OWN_WORK, re.I)


@dataclass(frozen=True)
class Recommendation:
    """One recommendation item, possibly nested under another."""

    recommendation_id: str
    parent_id: str | None
    label: str
    level: int
    text: str
    theme: str
    themes: tuple[str, ...]
    page: int
    bbox: BBox
    section: str
    actor: str = ""
    target_year: int | None = None


@dataclass
class _Item:
    """A recommendation under construction."""

    rec_id: str
    parent: _Item | None
    label: str
    level: int
    text: str
    lead: str
    page: int
    bbox: BBox
    section: str
    body: list[str] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)


class Builder:
    """Assigns ids, parents and levels as items arrive in reading order."""

    def __init__(self, themes: Themes) -> None:
        self.themes = themes
        self.items: list[_Item] = []
        self.roots = 0
        self.stack: list[tuple[str, _Item]] = []
        self.root_texts: dict[str, _Item] = {}

    def reset(self) -> None:
        """Forget the open hierarchy (a new section starts)."""
        self.stack = []

    def section_items(self, paras: Sequence[Para]) -> None:
        """Turn a recommendations section into items: labelled headings/paragraphs, else topic paragraphs."""
        self.reset()
        labelled = any(parse_label(p.text, loose=True) for p in paras) or any(
            p.kind == "heading" for p in paras
        )
        box: int | None = None  # inside a box of projects (专栏): the number of its last item
        # "… has four major goals:" then four unlabelled paragraphs: the goals are the items.
        none_taken = [False] * len(paras)
        counted = {j for k in range(len(paras)) for j in counted_items(paras, k, none_taken)}
        for k, para in enumerate(paras):
            if para.kind == "heading" and _BARE_NUMBER.match(para.text):
                continue  # a paragraph number the layout set apart ("4.5"), not a heading
            label = parse_label(para.text, loose=True)
            if para.text.startswith(ZH_BOX_LABEL):
                box = 0  # "专栏1 …工程": the projects it lists are not the plan's measures
                continue
            if box is not None:
                number = label_number(label[1]) if label else None
                if para.kind != "heading" and (number is None or number == box + 1):
                    box = number or box  # a project of the box (numbered from 1), or its text
                    continue
                box = None
            marks = inline_items(para.text) if label is not None and label[0] == "ordinal" else []
            if marks and marks[0][1] == 0:
                # "First, … Second, … Finally, …" run on in one paragraph: siblings, not one item.
                for mark, start, end in marks:
                    body = para.text[start + len(mark) : end].lstrip(" ,，:：").strip()
                    self.add("ordinal", label_text(mark), body, para, is_heading=False)
                continue
            if label is not None:
                style, printed, rest = label
                item = self.add(style, printed, rest.strip(), para, is_heading=para.kind == "heading")
                self._inline(item, rest)
            elif para.kind == "heading":
                self.add("heading", "", para.text, para, is_heading=True)
            elif para.bullet or k in counted or (not labelled and is_topic_lead(para.text)):
                item = self.add("lead", "", para.text, para, is_heading=False)
                self._inline(item, para.text)
            else:
                parent = self.stack[-1][1] if self.stack else None
                if parent is not None:
                    parent.body.append(para.text)
                    self._inline(parent, para.text)
                else:
                    self.inline_cued(para, force=True)

    def action_items(self, paras: Sequence[Para], starts: Sequence[int]) -> None:
        """Numbered actions ("Action 3: …") as top-level items, the paragraphs up to the next as body."""
        self.reset()
        ends = [*starts[1:], len(paras)]
        for start, end in zip(starts, ends, strict=True):
            label, rest = action_label(paras[start].text) or ("", paras[start].text)
            body = list(paras[start + 1 : end])
            if not rest.strip() and body and body[0].kind != "heading":
                rest = body.pop(0).text  # a label set as its own heading: the next paragraph states it
            item = self._new(None, label, rest.strip(), paras[start])
            for para in body:
                if para.kind == "heading":
                    break  # a case-study box or the next part: not this action's delivery text
                item.body.append(para.text)

    def conclusion_items(self, paras: Sequence[Para]) -> None:
        """A paper without a recommendations section: one item per conclusion paragraph that directs.

        The item starts at the paragraph's first directive sentence ("it is necessary to …", "应当…");
        its enumerated sub-measures ("Firstly, …") become children.
        """
        self.reset()
        for para in paras:
            if para.kind == "heading" or not any(_CONCLUSION.search(s) for s in para.section.split(" > ")):
                continue
            # "this paper proposes a framework" names the paper's own work, not advice to anyone.
            own = {m.start() for m in _OWN_WORK.finditer(para.text)}
            directive = next((m for m in _DIRECTIVE.finditer(para.text) if m.start() not in own), None)
            if directive is None:
                continue
            start = _sentence_start(para.text, directive.start())
            if not first_party(clone(para, para.text[start : directive.end() + 120])):
                continue  # "Smith et al. (2019) suggest that governments should …" reports advice
            item = self._new(None, "", para.text[start:], para)
            self._inline(item, para.text[start:])

    def flat_items(self, paras: Sequence[Para]) -> None:
        """Items of an imperative run outside any recommendations heading."""
        self.reset()
        for para in paras:
            label = parse_label(para.text)
            style, printed, rest = label if label else ("lead", "", para.text)
            item = self.add(style, printed, rest.strip(), para, is_heading=False)
            self._inline(item, rest)

    def heading_items(self, paras: Sequence[Para], run: Sequence[int], end: int) -> None:
        """Numbered headings that state actions: each a top-level item, the text up to the next its body."""
        self.reset()
        for start, stop in zip(run, [*run[1:], end], strict=True):
            _, printed, rest = parse_label(paras[start].text) or ("", "", paras[start].text)
            item = self._new(None, printed, rest.strip(), paras[start], lead=rest.strip())
            item.body.extend(p.text for p in paras[start + 1 : stop])

    def directive_items(self, paras: Sequence[Para]) -> None:
        """Directives found one by one (dated directives of a memorandum): each a top-level item."""
        self.reset()
        for para in paras:
            label = parse_label(para.text, loose=True)  # a memorandum's lists number "1)" too
            printed, rest = (label[1], label[2]) if label else ("", para.text)
            item = self._new(None, printed, rest.strip(), para)
            self._inline(item, rest)

    def inline_cued(self, para: Para, force: bool = False) -> None:
        """Items of an inline list that a cue word introduces ("建议:(1)…(2)…")."""
        marks = inline_items(para.text)
        if not marks:
            return
        if not force and not _INLINE_CUE.search(para.text[: marks[0][1]]):
            return
        if not force and not first_party(para):
            return  # a list the document quotes from another author or from the studies it reviews
        self.reset()
        for label, start, end in marks:
            segment = para.text[start:end].strip()
            body = segment[len(label) :].lstrip(" ,，:：").strip()  # "First, …": the comma is the label's
            self._new(None, label_text(label), body, para)

    def add(self, style: str, label: str, text: str, para: Para, is_heading: bool) -> _Item:
        """Place an item in the hierarchy by label style (a style seen before closes the deeper levels)."""
        styles = [s for s, _ in self.stack]
        if style in styles:
            del self.stack[styles.index(style) :]
        parent = self.stack[-1][1] if self.stack else None
        lead = text if is_heading else first_sentence(text)
        item = self._new(parent, label, text, para, lead=lead)
        self.stack.append((style, item))
        return item

    def _inline(self, container: _Item, text: str) -> None:
        """Add an inline enumeration found in text as children of container."""
        for label, start, end in inline_items(text):
            segment = text[start:end].strip()
            body = segment[len(label) :].lstrip(" ,，:：")
            self._new(container, label_text(label), body, None, anchor=container)

    def _new(
        self,
        parent: _Item | None,
        label: str,
        text: str,
        para: Para | None,
        lead: str | None = None,
        anchor: _Item | None = None,
    ) -> _Item:
        """Create an item with a path-like id (R2, R2.1, R2.1.3) unique within the document."""
        key = re.sub(r"\s+", "", text)[:100]
        if parent is None and len(key) >= 20:
            # A summary's item repeated (or lightly reworded) in the body is one recommendation.
            repeated = next((item for k, item in self.root_texts.items() if fuzz.ratio(k, key) >= 85), None)
            if repeated is not None:
                return repeated
        if parent is None:
            self.roots += 1
            rec_id = f"R{self.roots}"
        else:
            rec_id = f"{parent.rec_id}.{len(parent.children) + 1}"
        source = para.source if para is not None else None
        page = source.page if source else anchor.page if anchor else 1
        bbox = source.bbox if source else anchor.bbox if anchor else (0.0, 0.0, 0.0, 0.0)
        section = (para.section if para is not None else anchor.section if anchor else "") or ""
        item = _Item(
            rec_id=rec_id,
            parent=parent,
            label=label,
            level=(parent.level + 1) if parent else 1,
            text=text.strip(),
            lead=(lead if lead is not None else first_sentence(text)).strip(),
            page=page,
            bbox=bbox,
            section=section,
        )
        if parent is not None:
            parent.children.append(item)
        else:
            self.root_texts.setdefault(key, item)
        self.items.append(item)
        return item

    def finish(self) -> list[Recommendation]:
        """Classify every item and return the recommendations in reading order."""
        primary: dict[str, tuple[str, tuple[str, ...]]] = {}
        for item in self.items:
            body = " ".join([item.text[len(item.lead) :], *item.body])
            primary[item.rec_id] = self.themes.classify(strip_label(item.lead), body)
        # Items naming no theme inherit one: from their children, else their parent, else the document.
        for item in reversed(self.items):
            if not primary[item.rec_id][0] and item.children:
                counts = Counter(primary[c.rec_id][0] for c in item.children if primary[c.rec_id][0])
                if counts:
                    theme = counts.most_common(1)[0][0]
                    primary[item.rec_id] = (theme, (theme,))
        overall = Counter(theme for theme, _ in primary.values() if theme)
        fallback = overall.most_common(1)[0][0] if overall else (self.themes.names[:1] or ("",))[0]
        for item in self.items:
            if not primary[item.rec_id][0]:
                theme = primary[item.parent.rec_id][0] if item.parent else ""
                theme = theme or fallback
                primary[item.rec_id] = (theme, (theme,))
        return [
            Recommendation(
                recommendation_id=item.rec_id,
                parent_id=item.parent.rec_id if item.parent else None,
                label=item.label,
                level=item.level,
                text=item.text,
                theme=primary[item.rec_id][0],
                themes=primary[item.rec_id][1],
                page=item.page,
                bbox=item.bbox,
                section=item.section,
                actor=actor_of(" ".join([item.text, *item.body])),
                target_year=target_year_of(" ".join([item.text, *item.body])),
            )
            for item in self.items
        ]


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding position starts (after the previous full stop)."""
    stop = max(text.rfind(mark, 0, position) for mark in (". ", "。", "! ", "? ", "；"))
    return 0 if stop < 0 else stop + (1 if text[stop] in "。；" else 2)
