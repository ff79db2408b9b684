"""Enumerators and leads: the labels that open items, inline enumerations, imperative openings."""

from __future__ import annotations

import re

from flows.core.extractors.cues import EN_COMMITMENT_OPENING, EN_NON_ACTION_OPENERS, ZH_TASK_VERBS
from flows.core.text import split_sentences
from flows.core.vocabulary import LIST_LABELS, ORDINALS_EN, ZH_LABEL_NUMERAL, ZH_ONE_TO_TEN

_ORDINALS = ORDINALS_EN
_ZH_DIGITS = ZH_ONE_TO_TEN
_ORDINAL_WORD = "|".join(o.capitalize() for o in _ORDINALS)

# Paragraph-leading labels, with the style that decides the hierarchy.
_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zh_top", LIST_LABELS["cn"]),
    ("zh_paren", LIST_LABELS["cn-paren"]),
    # "一）推进整体保护": the text layer lost the opening bracket of （一）.
    ("zh_paren", re.compile(rf"^(?P<label>{ZH_LABEL_NUMERAL}{{1,3}}[)）])\s*")),
    ("alpha_paren", LIST_LABELS["paren-alpha"]),
    ("lower_paren", LIST_LABELS["paren-lower"]),
    ("num_paren", LIST_LABELS["paren-arabic"]),
    ("num_dot", LIST_LABELS["arabic"]),
    ("num_dot_zh", LIST_LABELS["arabic-cjk"]),
    # Lettered and roman items: "A. Strengthen …", "(ii) …" (a lower-case "a)" mostly details a
    # sentence's own list, "… should encompass: a) … b) …", and is read inline).
    ("alpha_dot", LIST_LABELS["alpha"]),
    ("roman_paren", re.compile(r"^(?P<label>[(（](?:i{1,3}|iv|vi{0,3}|ix|x)[)）])\s*")),
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

EN_VERBS = frozenset(
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
_COMMITMENT = re.compile(EN_COMMITMENT_OPENING)
# "Data sharing and interoperability. Agencies should …": up to eight words, a stop, a new sentence.
_RUN_IN_EN = re.compile(r"^([A-Z][\w’'-]*)(?:[ ,&/-]+[\w’'()-]+){0,7}\s*[.:：]\s+(?=[A-Z])")
_RUN_IN_ZH = re.compile(r"^[\u4e00-\u9fff“”、]{2,14}[。：:]")
_PRONOUNS = frozenset({"We", "It", "They", "This", "These", "There", "Our", "In", "For", "As", "At", "On"})


# Enumerators with a closing bracket only ("1) Develop …", "b) Manage Pilots: …"): items inside a section
# the document titles as recommendations; elsewhere they mostly detail one sentence's own list.
_LOOSE_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("num_rparen", re.compile(r"^(?P<label>\d{1,2}[)）])\s*(?=\S)")),
    ("lower_rparen", re.compile(r"^(?P<label>[a-h][)）])\s+(?=\S)")),
)


def parse_label(text: str, loose: bool = False) -> tuple[str, str, str] | None:
    """Return (style, label as printed, rest of text) when a paragraph opens with an enumerator
    (loose: also "1)" and "a)", as a recommendations section numbers its items)."""
    for style, pattern in (*_LABELS, *_LOOSE_LABELS) if loose else _LABELS:
        match = pattern.match(text)
        if match:
            rest = text[match.end() :]
            if style == "num_dot" and re.match(r"\d", rest):
                continue  # "2.5 times" is a number, not a label
            return style, match["label"].strip().rstrip(",，"), rest
    return None


def strip_label(text: str) -> str:
    """Drop a leading enumerator from a heading."""
    label = parse_label(text)
    return label[2] if label else text


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (Chinese: up to the first full stop)."""
    sentences = split_sentences(text)
    return sentences[0] if sentences else text


def is_imperative_lead(text: str) -> bool:
    """True when the paragraph opens with a short imperative sentence ("Build a …", "Optimize …")."""
    label = parse_label(text)
    body = label[2] if label else text
    if label and label[0] == "ordinal" and label[1].lower().startswith("the "):
        body = re.sub(r"^to\s+", "", body)
    if _COMMITMENT.match(body):
        return True  # "We recommend that …", "The Government will …": a recommendation however long
    words = first_sentence(body).split()
    if not words or len(words) > 25:
        return False
    return words[0].lower().strip(",") in EN_VERBS


def is_topic_lead(text: str) -> bool:
    """True when an unlabelled paragraph opens with a short topic sentence (imperative or gerund subject)
    or a run-in heading ("Data sharing. Agencies should …", "推进整体保护。持续开展 …")."""
    if is_imperative_lead(text) or is_run_in_heading(text):
        return True
    lead = first_sentence(text)
    return len(lead.split()) <= 30 and bool(_GERUND_SUBJECT.match(lead))


def is_run_in_heading(text: str) -> bool:
    """A paragraph that opens with a bold-style label of a few words before its first sentence."""
    match = _RUN_IN_EN.match(text)
    if match:
        return match.group(1).lower() not in EN_NON_ACTION_OPENERS and match.group(1) not in _PRONOUNS
    return bool(_RUN_IN_ZH.match(text)) and text.startswith(ZH_TASK_VERBS)


# --- inline enumerations --------------------------------------------------------------------------


def inline_items(text: str) -> list[tuple[str, int, int]]:
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


def label_text(label: str) -> str:
    """Trim an inline marker to the label as printed ("The first is" → "The first is", "(1)" → "(1)")."""
    return label.strip().rstrip(",，:：")


def label_number(label: str) -> int | None:
    """The number a printed label stands for ("5." → 5, "（三）" → 3, "十二、" → 12), None for words."""
    core = label.strip("()（）.．、 ")
    if core.isdigit():
        return int(core)
    if core and all(c in _ZH_DIGITS for c in core):
        tens, ten, ones = core.partition("十")
        if not ten:
            return _ZH_DIGITS.index(core[-1]) + 1
        return (_ZH_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_ZH_DIGITS.index(ones) + 1 if ones else 0)
    return None


_RUN_ON_NUMBER = re.compile(r"(?<=\S\s)(\d{1,2})\.\s+(?=[A-Z])")


def split_run_on(text: str) -> list[str]:
    """Split "1. Development of roadmaps 2. Identification of systems" into its numbered items."""
    label = parse_label(text)
    number = label_number(label[1]) if label else None
    if number is None:
        return [text]
    cuts = [0]
    for match in _RUN_ON_NUMBER.finditer(text):
        if int(match.group(1)) == number + len(cuts):
            cuts.append(match.start())
    return [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
