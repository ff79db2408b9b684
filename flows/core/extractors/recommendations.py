"""Find a document's recommendations (countermeasures, suggestions, 对策, 建议) with hierarchy and theme."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from flows.core.model import BBox, Block, Para
from flows.core.text import split_sentences
from flows.core.vocabulary import (
    BACK_MATTER_START,
    HAN_BASIC,
    LIST_LABELS,
    ZH_LABEL_NUMERAL,
    ZH_ONE_TO_TEN,
)

# Headings that open a recommendations section.
_CUE_HEADING = re.compile(
    r"recommend|suggest|countermeasure|strateg(?:y|ies)|\bpaths?\b|pathways?|\bways?\s+forward|"
    r"policy\s+implications?|implications\s+for\s+policy|measures|way\s+out|approach(?:es)?\s+to|"
    r"建议|对策|进路|路径|举措|策略|措施|思路|启示",
    re.I,
)
# Headings that end the body of a paper.
_BACK_MATTER = BACK_MATTER_START
# A paragraph that announces a list of recommendations ("…the following suggestions:", "建议:").
_CUE_INTRO = re.compile(
    r"(?:recommend|suggest|propos|countermeasure|principles|priorities|measures|should|must|建议|对策|措施|举措|需要|应当)"
    r"[^.。:：]{0,200}[:：]\s*$",
    re.I,
)
_INLINE_CUE = re.compile(
    r"(?:建议|对策|措施|需要|应当|为此|因此|以下\w{0,4}|下列\w{0,4}|如下|recommend\w*|suggest\w*|propos\w*)\s*[:：]\s*$",
    re.I,
)
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
_TERMINAL = re.compile(r"[.。!?！？;；:：\"”’)）]$")
_CJK = HAN_BASIC

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ZH_DIGITS = ZH_ONE_TO_TEN
_ORDINAL_WORD = "|".join(o.capitalize() for o in _ORDINALS)

# Paragraph-leading labels, with the style that decides the hierarchy.
_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zh_top", LIST_LABELS["cn"]),
    ("zh_paren", LIST_LABELS["cn-paren"]),
    ("alpha_paren", LIST_LABELS["paren-alpha"]),
    ("lower_paren", LIST_LABELS["paren-lower"]),
    ("num_paren", LIST_LABELS["paren-arabic"]),
    ("num_dot", LIST_LABELS["arabic"]),
    ("zh_shi", re.compile(rf"^(?P<label>{ZH_LABEL_NUMERAL}是)[,，:：]?\s*")),
    ("zh_ordinal", re.compile(rf"^(?P<label>第{ZH_LABEL_NUMERAL}+|首先|其次|再次|最后)[,，、:：]\s*")),
    (
        "ordinal",
        re.compile(
            rf"^(?P<label>(?:The\s+(?:{'|'.join(_ORDINALS)})(?:\s+\w+)?\s+is(?=\s+to\b|\s+\w)|(?:{_ORDINAL_WORD})(?:ly)?"
            r"(?:\s+of\s+all)?,|Finally,|Lastly,|Last\s+but\s+not\s+least,))\s*"
        ),
    ),
)
# Inline enumerations inside a paragraph, found at sentence starts (English) or anywhere (Chinese).
_INLINE_EN_ORDINAL = re.compile(
    rf"(?:^|(?<=[.;:]\s)|(?<=[.;:]\s\s))(?:The\s+({'|'.join(_ORDINALS)})(?:\s+\w+)?\s+is\b|"
    rf"({_ORDINAL_WORD})(?:ly)?(?:\s+of\s+all)?,|(Finally|Lastly),)"
)
_INLINE_NUM_PAREN = re.compile(r"[(（](\d{1,2})[)）]")
_INLINE_ZH_PAREN = re.compile(rf"[(（]({ZH_LABEL_NUMERAL})[)）]")
_INLINE_ZH_SHI = re.compile(rf"(?:^|(?<=[。；;，,：:]))({ZH_LABEL_NUMERAL})是")

_EN_VERBS = frozenset(
    (
        "accelerate",
        "actively",
        "adhere",
        "adjust",
        "adopt",
        "advance",
        "attach",
        "attract",
        "boost",
        "broaden",
        "build",
        "clarify",
        "coordinate",
        "consolidate",
        "construct",
        "create",
        "cultivate",
        "deepen",
        "develop",
        "emphasize",
        "emphasise",
        "enhance",
        "encourage",
        "ensure",
        "establish",
        "expand",
        "explore",
        "facilitate",
        "focus",
        "formulate",
        "foster",
        "give",
        "guide",
        "implement",
        "improve",
        "increase",
        "innovate",
        "insist",
        "integrate",
        "intensify",
        "invest",
        "launch",
        "leverage",
        "make",
        "optimize",
        "optimise",
        "perfect",
        "prioritize",
        "promote",
        "protect",
        "pursue",
        "raise",
        "refine",
        "reform",
        "reinforce",
        "release",
        "speed",
        "step",
        "strengthen",
        "support",
        "upgrade",
        "vigorously",
        "fully",
    )
)
_GERUND_SUBJECT = re.compile(r"^[A-Z][a-z]+ing\b[^.]{3,160}?\b(?:is|are|remains|will\s+be)\b")


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


@dataclass(frozen=True)
class Theme:
    """One entry of the bilingual theme taxonomy."""

    theme: str
    label_en: str
    label_zh: str
    keywords_en: tuple[str, ...]
    keywords_zh: tuple[str, ...]


@dataclass(frozen=True)
class Themes:
    """The theme taxonomy with one compiled keyword matcher (longest keyword wins at each position)."""

    themes: tuple[Theme, ...]
    pattern: re.Pattern[str] = field(compare=False, repr=False)
    keyword_theme: tuple[tuple[str, str], ...] = field(compare=False, repr=False)

    @classmethod
    def from_themes(cls, themes: Sequence[Theme]) -> Themes:
        """Compile the keyword matcher for a list of themes."""
        pairs: list[tuple[str, str]] = []
        for theme in themes:
            pairs.extend((k.lower(), theme.theme) for k in (*theme.keywords_en, *theme.keywords_zh) if k)
        pairs.sort(key=lambda p: len(p[0]), reverse=True)
        alternatives = []
        for keyword, _ in pairs:
            escaped = re.escape(keyword)
            if _CJK.search(keyword):
                alternatives.append(escaped)
            else:
                # English keywords are stems: "regulat" matches "regulatory"; they must start a word.
                alternatives.append(rf"(?<![A-Za-z]){escaped}[a-z]*")
        pattern = re.compile("|".join(alternatives) if alternatives else r"(?!)", re.I)
        return cls(tuple(themes), pattern, tuple(pairs))

    @property
    def names(self) -> tuple[str, ...]:
        """Theme keys in taxonomy order."""
        return tuple(t.theme for t in self.themes)

    def hits(self, text: str) -> dict[str, tuple[int, int]]:
        """Count keyword hits per theme and where each theme is first named: {theme: (count, first_pos)}."""
        found: dict[str, tuple[int, int]] = {}
        for match in self.pattern.finditer(text):
            word = match.group(0).lower()
            theme = next((t for k, t in self.keyword_theme if word.startswith(k)), None)
            if theme is None:
                continue
            count, first = found.get(theme, (0, match.start()))
            found[theme] = (count + 1, first)
        return found

    def classify(self, lead: str, body: str = "") -> tuple[str, tuple[str, ...]]:
        """Primary theme from the lead (heading or first sentence), the body only when the lead names none."""
        lead_hits = self.hits(lead)
        body_hits = self.hits(body)
        order = {name: i for i, name in enumerate(self.names)}
        if lead_hits:
            # The head statement names its subject first; more mentions outweigh an earlier single one.
            primary = max(lead_hits, key=lambda t: (lead_hits[t][0], -lead_hits[t][1], -order[t]))
        elif body_hits:
            primary = max(body_hits, key=lambda t: (body_hits[t][0], -body_hits[t][1], -order[t]))
        else:
            return "", ()
        ranked = sorted(
            set(lead_hits) | {t for t, (n, _) in body_hits.items() if n >= 2},
            key=lambda t: (-lead_hits.get(t, (0, 0))[0], -body_hits.get(t, (0, 0))[0], order[t]),
        )
        return primary, (primary, *[t for t in ranked if t != primary])


def load_themes(path: Path) -> Themes:
    """Read the theme taxonomy seed (themes.csv)."""

    def split(value: str | None) -> tuple[str, ...]:
        return tuple(v.strip() for v in (value or "").split("|") if v.strip())

    with Path(path).open(newline="", encoding="utf-8") as handle:
        themes = [
            Theme(
                theme=row["theme"].strip(),
                label_en=(row.get("label_en") or "").strip(),
                label_zh=(row.get("label_zh") or "").strip(),
                keywords_en=split(row.get("keywords_en")),
                keywords_zh=split(row.get("keywords_zh")),
            )
            for row in csv.DictReader(handle)
        ]
    return Themes.from_themes(themes)


def extract_recommendations(blocks: Sequence[Block], themes: Themes) -> list[Recommendation]:
    """Find recommendation sections and their enumerated items, with labels, hierarchy and themes."""
    paragraphs = _paragraphs(blocks)
    in_scope = _scope(paragraphs)
    builder = _Builder(themes)
    i = 0
    while i < len(paragraphs):
        para = paragraphs[i]
        if in_scope[i]:
            j = i
            while j < len(paragraphs) and in_scope[j]:
                j += 1
            builder.section_items(paragraphs[i:j])
            i = j
            continue
        run = _imperative_run(paragraphs, i, in_scope)
        if run > 1:
            builder.flat_items(paragraphs[i : i + run])
            i += run
            continue
        listed = _introduced_list(paragraphs, i, in_scope)
        if listed:
            builder.section_items(paragraphs[i + 1 : i + 1 + listed])
            i += 1 + listed
            continue
        if para.kind != "heading":
            builder.inline_cued(para)
        i += 1
    return builder.finish()


# --- paragraphs and scope -------------------------------------------------------------------------


# A heading or a paragraph, with continuation blocks merged in (its source is the first block).
_Para = Para


def _paragraphs(blocks: Sequence[Block]) -> list[_Para]:
    """Keep headings and body text, merging blocks that continue the previous paragraph."""
    paras: list[_Para] = []
    path: list[tuple[int, str]] = []  # heading path for blocks the extractor left without one
    for block in blocks:
        text = block.text.strip()
        if block.kind in _SKIPPED_KINDS or not text:
            continue
        if block.kind == "heading":
            para = _Para(source=block, text=text, kind="heading", level=block.level)
            rank = _heading_rank(para)
            path = [(r, t) for r, t in path if r < rank] + [(rank, text)]
            para.section = block.section or " > ".join(t for _, t in path)
            paras.append(para)
            continue
        prev = paras[-1] if paras else None
        continues = (
            prev is not None
            and prev.kind != "heading"
            and _label(text) is None
            and (text[:1].islower() or not _TERMINAL.search(prev.text))
        )
        if prev is not None and continues:
            joiner = "" if _CJK.search(prev.text[-1:] + text[:1]) else " "
            prev.text = prev.text + joiner + text
        else:
            section = block.section or " > ".join(t for _, t in path)
            paras.append(_Para(source=block, text=text, kind="body", section=section))
    return paras


def _heading_rank(para: _Para) -> int:
    """A heading's level: the extractor's when given, else guessed from its numbering."""
    if para.level > 0:
        return para.level
    if _BACK_MATTER.match(para.text):
        return 1
    label = _label(para.text)
    if label is None:
        return 1
    style, text = label[0], label[1]
    if style == "num_dot":
        return text.rstrip(".").count(".") + 1
    return {"zh_top": 1, "zh_paren": 2, "alpha_paren": 2, "num_paren": 3}.get(style, 3)


def _scope(paras: Sequence[_Para]) -> list[bool]:
    """Mark the paragraphs that sit in a recommendations section (by heading, or by section path)."""
    flags = [False] * len(paras)
    open_rank: int | None = None
    for i, para in enumerate(paras):
        if para.kind == "heading":
            rank = _heading_rank(para)
            if _BACK_MATTER.match(para.text):
                open_rank = None
                continue
            if open_rank is not None and rank <= open_rank:
                open_rank = None
            if open_rank is None and _CUE_HEADING.search(_strip_label(para.text)):
                open_rank = rank
                continue  # the section heading itself is not a recommendation
        if open_rank is not None:
            flags[i] = True
        elif para.section and any(_CUE_HEADING.search(_strip_label(s)) for s in para.section.split(" > ")):
            flags[i] = para.kind != "heading" or not _CUE_HEADING.search(_strip_label(para.text))
    return flags


def _imperative_run(paras: Sequence[_Para], start: int, in_scope: Sequence[bool]) -> int:
    """Length of a run of consecutive paragraphs that each open with a short imperative sentence."""
    n = 0
    while start + n < len(paras):
        para = paras[start + n]
        if in_scope[start + n] or para.kind == "heading" or not _is_imperative_lead(para.text):
            break
        n += 1
    return n


def _introduced_list(paras: Sequence[_Para], start: int, in_scope: Sequence[bool]) -> int:
    """Number of labelled paragraphs following a paragraph that announces recommendations with a colon."""
    para = paras[start]
    if para.kind == "heading" or not _CUE_INTRO.search(para.text):
        return 0
    n = 0
    while start + 1 + n < len(paras):
        nxt = paras[start + 1 + n]
        if in_scope[start + 1 + n] or nxt.kind == "heading" or _label(nxt.text) is None:
            break
        n += 1
    return n if n >= 2 else 0


# --- labels and leads -----------------------------------------------------------------------------


def _label(text: str) -> tuple[str, str, str] | None:
    """Return (style, label as printed, rest of text) when a paragraph opens with an enumerator."""
    for style, pattern in _LABELS:
        match = pattern.match(text)
        if match:
            rest = text[match.end() :]
            if style == "num_dot" and re.match(r"\d", rest):
                continue  # "2.5 times" is a number, not a label
            return style, match["label"].strip().rstrip(",，"), rest
    return None


def _strip_label(text: str) -> str:
    """Drop a leading enumerator from a heading."""
    label = _label(text)
    return label[2] if label else text


def _lead(text: str) -> str:
    """The first sentence of a paragraph (Chinese: up to the first full stop)."""
    sentences = split_sentences(text)
    return sentences[0] if sentences else text


def _is_imperative_lead(text: str) -> bool:
    """True when the paragraph opens with a short imperative sentence ("Build a …", "Optimize …")."""
    label = _label(text)
    body = label[2] if label else text
    if label and label[0] == "ordinal" and label[1].lower().startswith("the "):
        body = re.sub(r"^to\s+", "", body)
    words = _lead(body).split()
    if not words or len(words) > 25:
        return False
    return words[0].lower().strip(",") in _EN_VERBS


def _is_topic_lead(text: str) -> bool:
    """True when an unlabelled paragraph opens with a short topic sentence (imperative or gerund subject)."""
    if _is_imperative_lead(text):
        return True
    lead = _lead(text)
    return len(lead.split()) <= 30 and bool(_GERUND_SUBJECT.match(lead))


# --- inline enumerations --------------------------------------------------------------------------


def _inline_items(text: str) -> list[tuple[str, int, int]]:
    """Find an inline enumeration ("The first is …", "(1)…(2)…", 一是…二是…) as (label, start, end)."""
    for finder in (_inline_num_paren, _inline_zh_paren, _inline_zh_shi, _inline_en_ordinal):
        marks = finder(text)
        if len(marks) >= 2:
            items = []
            for k, (label, start) in enumerate(marks):
                end = marks[k + 1][1] if k + 1 < len(marks) else len(text)
                items.append((label, start, end))
            return items
    return []


def _sequence(candidates: list[tuple[int, str, int]]) -> list[tuple[str, int]]:
    """Keep the longest 1, 2, 3, … run of (number, label, position) candidates, in order."""
    best: list[tuple[str, int]] = []
    for i, (number, _, _) in enumerate(candidates):
        if number != 1:
            continue
        run = [(candidates[i][1], candidates[i][2])]
        expected = 2
        for num, label, pos in candidates[i + 1 :]:
            if num == expected:
                run.append((label, pos))
                expected += 1
        if len(run) > len(best):
            best = run
    return best


def _inline_num_paren(text: str) -> list[tuple[str, int]]:
    """(1) … (2) … markers in sequence."""
    cands = [(int(m.group(1)), m.group(0), m.start()) for m in _INLINE_NUM_PAREN.finditer(text)]
    return _sequence(cands)


def _inline_zh_paren(text: str) -> list[tuple[str, int]]:
    """（一）…（二）… markers in sequence."""
    cands = [
        (_ZH_DIGITS.index(m.group(1)) + 1, m.group(0), m.start()) for m in _INLINE_ZH_PAREN.finditer(text)
    ]
    return _sequence(cands)


def _inline_zh_shi(text: str) -> list[tuple[str, int]]:
    """一是 … 二是 … markers in sequence."""
    cands = [
        (_ZH_DIGITS.index(m.group(1)) + 1, m.group(0), m.start(1)) for m in _INLINE_ZH_SHI.finditer(text)
    ]
    return _sequence(cands)


def _inline_en_ordinal(text: str) -> list[tuple[str, int]]:
    """Sentence-initial "The first is …", "Second, …", "Finally, …" markers in sequence."""
    cands: list[tuple[int, str, int]] = []
    for match in _INLINE_EN_ORDINAL.finditer(text):
        word = (match.group(1) or match.group(2) or "").lower()
        number = _ORDINALS.index(word) + 1 if word in _ORDINALS else 99
        cands.append((number, match.group(0).rstrip(","), match.start()))
    run = _sequence([c for c in cands if c[0] != 99])
    finals = [c for c in cands if c[0] == 99 and run and c[2] > run[-1][1]]
    if run and finals:
        run.append((finals[0][1], finals[0][2]))
    return run


# --- building the items ---------------------------------------------------------------------------


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


class _Builder:
    """Assigns ids, parents and levels as items arrive in reading order."""

    def __init__(self, themes: Themes) -> None:
        self.themes = themes
        self.items: list[_Item] = []
        self.roots = 0
        self.stack: list[tuple[str, _Item]] = []

    def reset(self) -> None:
        """Forget the open hierarchy (a new section starts)."""
        self.stack = []

    def section_items(self, paras: Sequence[_Para]) -> None:
        """Turn a recommendations section into items: labelled headings/paragraphs, else topic paragraphs."""
        self.reset()
        labelled = any(_label(p.text) for p in paras) or any(p.kind == "heading" for p in paras)
        for para in paras:
            label = _label(para.text)
            if label is not None:
                style, printed, rest = label
                item = self.add(style, printed, rest.strip(), para, is_heading=para.kind == "heading")
                self._inline(item, rest)
            elif para.kind == "heading":
                self.add("heading", "", para.text, para, is_heading=True)
            elif not labelled and _is_topic_lead(para.text):
                item = self.add("lead", "", para.text, para, is_heading=False)
                self._inline(item, para.text)
            else:
                parent = self.stack[-1][1] if self.stack else None
                if parent is not None:
                    parent.body.append(para.text)
                    self._inline(parent, para.text)
                else:
                    self.inline_cued(para, force=True)

    def flat_items(self, paras: Sequence[_Para]) -> None:
        """Items of an imperative run outside any recommendations heading."""
        self.reset()
        for para in paras:
            label = _label(para.text)
            style, printed, rest = label if label else ("lead", "", para.text)
            item = self.add(style, printed, rest.strip(), para, is_heading=False)
            self._inline(item, rest)

    def inline_cued(self, para: _Para, force: bool = False) -> None:
        """Items of an inline list that a cue word introduces ("建议:(1)…(2)…")."""
        marks = _inline_items(para.text)
        if not marks:
            return
        if not force and not _INLINE_CUE.search(para.text[: marks[0][1]]):
            return
        self.reset()
        for label, start, end in marks:
            segment = para.text[start:end].strip()
            body = segment[len(label) :].strip()
            self._new(None, _label_text(label), body, para)

    def add(self, style: str, label: str, text: str, para: _Para, is_heading: bool) -> _Item:
        """Place an item in the hierarchy by label style (a style seen before closes the deeper levels)."""
        styles = [s for s, _ in self.stack]
        if style in styles:
            del self.stack[styles.index(style) :]
        parent = self.stack[-1][1] if self.stack else None
        lead = text if is_heading else _lead(text)
        item = self._new(parent, label, text, para, lead=lead)
        self.stack.append((style, item))
        return item

    def _inline(self, container: _Item, text: str) -> None:
        """Add an inline enumeration found in text as children of container."""
        for label, start, end in _inline_items(text):
            segment = text[start:end].strip()
            body = segment[len(label) :].lstrip(" ,，:：")
            self._new(container, _label_text(label), body, None, anchor=container)

    def _new(
        self,
        parent: _Item | None,
        label: str,
        text: str,
        para: _Para | None,
        lead: str | None = None,
        anchor: _Item | None = None,
    ) -> _Item:
        """Create an item with a path-like id (R2, R2.1, R2.1.3) unique within the document."""
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
            lead=(lead if lead is not None else _lead(text)).strip(),
            page=page,
            bbox=bbox,
            section=section,
        )
        if parent is not None:
            parent.children.append(item)
        self.items.append(item)
        return item

    def finish(self) -> list[Recommendation]:
        """Classify every item and return the recommendations in reading order."""
        primary: dict[str, tuple[str, tuple[str, ...]]] = {}
        for item in self.items:
            body = " ".join([item.text[len(item.lead) :], *item.body])
            primary[item.rec_id] = self.themes.classify(_strip_label(item.lead), body)
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
            )
            for item in self.items
        ]


def _label_text(label: str) -> str:
    """Trim an inline marker to the label as printed ("The first is" → "The first is", "(1)" → "(1)")."""
    return label.strip().rstrip(",，:：")
