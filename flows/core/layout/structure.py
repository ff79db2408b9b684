"""Paragraph roles: front matter, headings with levels and section paths, captions, footnotes, references."""

from __future__ import annotations

import re
from collections import Counter

from flows.core.layout.paragraphs import Para
from flows.core.layout.reflist import is_reference_heading
from flows.core.layout.settings import DEFAULT_LAYOUT, LayoutSettings
from flows.core.layout.title import choose_title
from flows.core.vocabulary import (
    AFFILIATION_WORDS,
    BACK_MATTER_HEADINGS,
    HAN_BASIC,
    LIST_LABELS,
    ZH_DIGITS_TO_TEN,
)

_ABSTRACT = re.compile(r"^\s*(?:abstract|summary|摘\s*要)\s*[:.：]?", re.IGNORECASE)
_KEYWORDS = re.compile(r"^\s*(?:key\s*words?|index terms|关\s*键\s*词)\s*[:.：]?", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(?:fig(?:ure)?\.?|table|chart|图|表)\s*\d+", re.IGNORECASE)
_CN_DIGITS = ZH_DIGITS_TO_TEN
_STYLES = ("arabic", "paren-arabic", "paren-alpha", "cn", "cn-paren", "alpha", "roman")
_NUMBERING = tuple((style, LIST_LABELS[style]) for style in _STYLES)
# Headings that are headings whatever their style: back matter, and a paper's conclusions.
_BACK_MATTER = re.compile(rf"^(?:{'|'.join(BACK_MATTER_HEADINGS)}|conclusions?)\s*[:：]?$", re.IGNORECASE)


def _number_value(style: str, token: str) -> int:
    """Numeric value of a heading number token in its style."""
    if style == "arabic":
        return int(token.split(".")[-1])
    if style in ("paren-arabic",):
        return int(token)
    if style in ("paren-alpha", "alpha"):
        return ord(token) - 64
    if style == "roman":
        values = {"I": 1, "V": 5, "X": 10}
        total = 0
        for a, b in zip(token, token[1:] + " ", strict=True):
            total += -values[a] if values.get(b, 0) > values[a] else values[a]
        return total
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _CN_DIGITS.index(token[1])
    if "十" in token:
        tens, _, ones = token.partition("十")
        return _CN_DIGITS.index(tens) * 10 + (_CN_DIGITS.index(ones) if ones else 0)
    return _CN_DIGITS.index(token[0])


def numbering(text: str) -> tuple[str, int, int] | None:
    """Return (style, depth, number) of a heading number such as "3.1.2", "(A)", "(一)" or "一、"."""
    for style, pattern in _NUMBERING:
        m = pattern.match(text)
        if m:
            token = m["n"]
            depth = token.count(".") + 1 if style == "arabic" else 1
            return style, depth, _number_value(style, token)
    return None


def body_size(paras: list[Para], s: LayoutSettings = DEFAULT_LAYOUT) -> float:
    """Font size carrying most of the text: the body size."""
    weights: Counter[float] = Counter()
    for p in paras:
        for ln in p.lines:
            weights[round(ln.size, 1)] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else s.default_body_size


def _heading_like(para: Para, nxt: Para | None, size: float, zh: bool, s: LayoutSettings) -> bool:
    """Decide from style, numbering and shape whether a paragraph is a heading."""
    text = para.text
    limit = s.heading_max_chars_zh if zh else s.heading_max_chars_en
    if not text or len(para.lines) > s.heading_max_lines or len(text) > limit or _CAPTION.match(text):
        return False
    if _BACK_MATTER.match(text.strip()):
        return True
    if text.endswith((",", "，", ";", "；")) or (
        text.endswith((":", "：")) and not is_reference_heading(text)
    ):
        return False
    if para.size >= size * s.heading_size_ratio:
        return True
    if para.bold and len(text) <= s.bold_heading_max_chars:
        return True
    numbered_limit = s.numbered_heading_max_chars_zh if zh else s.numbered_heading_max_chars_en
    if (
        numbering(text)
        and len(text) <= numbered_limit
        and len(para.lines) <= s.numbered_heading_max_lines
        and nxt is not None
    ):
        return True
    has_next = nxt is not None and len(nxt.text) > len(text)
    # An unnumbered single short line with no sentence punctuation, followed by a longer paragraph.
    return (
        len(para.lines) == 1
        and has_next
        and len(text) <= s.plain_heading_max_chars
        and not re.search(r"[.。!?！？]$", text)
        and (text[0].isupper() or HAN_BASIC.match(text[0]) is not None)
        and len(text.split()) >= (1 if zh else s.plain_heading_min_words_en)
        and sum(w[0].isupper() for w in text.split()) >= s.plain_heading_capitalised_share * len(text.split())
    )


def _level(levels: list[tuple[str, int, int]], found: tuple[str, int, int] | None) -> int:
    """Heading level from its numbering style, updating the stack of open numbered headings."""
    if found is None:
        levels.clear()
        return 1
    style, depth, number = found
    if style == "arabic" and depth > 1:
        base = next((i for i, lv in enumerate(levels) if lv[:2] == ("arabic", 1)), None)
        level = base + depth if base is not None else depth
    else:
        same = [i for i, lv in enumerate(levels) if lv[:2] == (style, depth)]
        match = next((i for i in same if levels[i][2] == number - 1), None)
        if match is not None:
            level = match + 1
        elif same and number != 1:
            level = same[0] + 1
        else:
            # A new numbering style, or a restart at 1, nests below the current heading.
            level = len(levels) + 1
    level = max(1, min(level, len(levels) + 1))
    del levels[level - 1 :]
    levels.append((style, depth, number))
    return level


def classify(
    paras: list[Para],
    zh: bool,
    heights: list[float],
    s: LayoutSettings = DEFAULT_LAYOUT,
    banners: list[str] | None = None,
    title_hint: str = "",
) -> None:
    """Assign kind and level to every paragraph (front matter, headings, body, captions, references).

    The title's lines are merged into one paragraph, so the list may get shorter.
    """
    size = body_size(paras, s)
    title_idx = choose_title(paras, size, heights, banners or [], title_hint, s, zh)
    # The reference list that build_paragraphs read is never front matter, even in a short document.
    listed = {id(p): p.kind for p in paras if p.kind in ("heading", "reference", "footnote")}
    front_end = _front_matter(paras, title_idx, size, s)
    first_listed = next(
        (i for i, p in enumerate(paras[:front_end]) if listed.get(id(p)) in ("heading", "reference")), None
    )
    if first_listed is not None:
        for p in paras[first_listed:front_end]:
            p.kind = listed.get(id(p), p.kind)
        front_end = first_listed
    levels: list[tuple[str, int, int]] = []
    in_refs = False
    after_refs = False
    for i in range(front_end, len(paras)):
        para = paras[i]
        text = para.text.strip()
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if para.kind == "heading" and is_reference_heading(text):
            # build_paragraphs read the list under it: entries are "reference", furniture "footnote".
            para.level = _level(levels, None)
            in_refs, after_refs = True, False
            continue
        if para.kind == "reference" and not in_refs:
            # A list build_paragraphs found by the shape of its entries, without a heading.
            in_refs, after_refs = True, False
        if in_refs:
            if para.kind in ("reference", "footnote"):
                continue
            in_refs = False
            # Back matter follows the list, unless a heading or caption opens more of the document.
            after_refs = not (_CAPTION.match(text) or _heading_like(para, nxt, size, zh, s))
        if after_refs:
            # Back matter (a translated abstract, licence notes): an unmarked paragraph after an
            # abstract paragraph continues it.
            kind = _back_matter_kind(text)
            para.kind = "abstract" if kind == "front_matter" and paras[i - 1].kind == "abstract" else kind
            continue
        if _ABSTRACT.match(text):
            para.kind = "abstract"
        elif _KEYWORDS.match(text):
            para.kind = "keywords"
        elif _CAPTION.match(text) and len(text) < s.caption_max_chars:
            para.kind = "caption"
        elif para.kind == "heading" or _heading_like(para, nxt, size, zh, s):
            para.kind, para.level = "heading", _level(levels, numbering(text))
        elif (
            para.size < size * s.footnote_size_ratio
            and para.lines[0].top > s.footnote_min_top_share * heights[para.page - 1]
        ):
            para.kind = "footnote"
        else:
            para.kind = "body"


def _back_matter_kind(text: str) -> str:
    """Kind of a paragraph after the reference list (e.g. a translated abstract)."""
    if _ABSTRACT.match(text):
        return "abstract"
    if _KEYWORDS.match(text):
        return "keywords"
    return "front_matter"


def _front_matter(paras: list[Para], title_idx: int | None, size: float, s: LayoutSettings) -> int:
    """Label front-matter paragraphs; return the index where the document body starts."""
    i = 0
    seen_abstract = False
    stop_page = paras[title_idx].page + 1 if title_idx is not None else 1
    while i < len(paras):
        para = paras[i]
        text = para.text.strip()
        if para.page > stop_page:
            break
        if i == title_idx:
            para.kind = "title"
        elif _ABSTRACT.match(text):
            para.kind, seen_abstract = "abstract", True
        elif _KEYWORDS.match(text):
            para.kind = "keywords"
        elif seen_abstract and paras[i - 1].kind == "abstract" and _continues_abstract(paras[i - 1], para, s):
            para.kind = "abstract"
        elif title_idx is not None and i > title_idx and _is_front_heading_or_body(paras, i, size, s):
            if not _in_byline(paras, title_idx, i, s):
                break
            # A byline such as "H. Ashuri, A. Hassani" is not numbered "H.", nor "1 School of ..." "1".
            para.kind = "front_matter"
        elif (
            seen_abstract
            and len(para.lines) >= s.body_min_lines
            and abs(para.size - size) < s.body_size_tolerance_share * size
        ):
            # After the abstract, an ordinary multi-line paragraph is the body.
            break
        elif title_idx is None and i > 0:
            break
        elif para.size < size * s.footnote_size_ratio and i > (title_idx or 0):
            para.kind = "footnote"
        else:
            para.kind = "front_matter"
        i += 1
    _authors_and_affiliations(paras, title_idx, i, s)
    return i


def _in_byline(paras: list[Para], title_idx: int, i: int, s: LayoutSettings) -> bool:
    """True for the author line right under the title, or an affiliation line in the run after it."""
    names = title_idx + 1
    if i == names:
        return _looks_like_names(paras[i].text, s)
    return (
        i > names
        and _looks_like_names(paras[names].text, s)
        and all(_looks_like_affiliation(paras[k].text, s) for k in range(names + 1, i + 1))
    )


def _continues_abstract(prev: Para, para: Para, s: LayoutSettings) -> bool:
    """True when an unlabelled paragraph carries on an abstract cut off mid-sentence."""
    return abs(para.size - prev.size) < s.abstract_size_tolerance_pt and not re.search(
        r"[.。!?！？]$", prev.text.strip()
    )


def _is_front_heading_or_body(paras: list[Para], i: int, size: float, s: LayoutSettings) -> bool:
    """True where the body begins: a numbered or styled heading, or a long ordinary paragraph."""
    para = paras[i]
    text = para.text.strip()
    body_sized = abs(para.size - size) < s.body_size_tolerance_share * size
    # A Chinese character carries about a word's worth of text, so it counts double (as in frontmatter.kind).
    weight = len(text) + len(HAN_BASIC.findall(text))
    if weight > s.long_paragraph_chars and body_sized and not _ABSTRACT.match(text):
        return True
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    return bool(numbering(text)) and _heading_like(para, nxt, size, False, s) and not text.startswith("(")


def _authors_and_affiliations(paras: list[Para], title_idx: int | None, end: int, s: LayoutSettings) -> None:
    """Mark the author line right after the title and the affiliation lines after it."""
    if title_idx is None:
        return
    # The byline is the first line of names under the title, past at most a subtitle or a date line;
    # names count only on the title's page (a later page's "Contents" is not a byline).
    page = paras[title_idx].page
    j = next(
        (
            k
            for k in range(title_idx + 1, min(end, title_idx + 3))
            if paras[k].page == page
            and paras[k].kind == "front_matter"
            and _looks_like_names(paras[k].text, s)
        ),
        end,
    )
    if j < end and all(len(paras[k].text) < s.author_line_max_chars for k in range(title_idx + 1, j)):
        paras[j].kind = "author"
        j += 1
        while (
            j < end
            and paras[j].kind in ("front_matter", "footnote")
            and _looks_like_affiliation(paras[j].text, s)
        ):
            paras[j].kind = "affiliation"
            j += 1


def _looks_like_affiliation(text: str, s: LayoutSettings) -> bool:
    """True for an institution line (a university, school, institute ...)."""
    return bool(AFFILIATION_WORDS.search(text)) and len(text) < s.affiliation_max_chars and "@" not in text


def _looks_like_names(text: str, s: LayoutSettings) -> bool:
    """True for a short line of personal names separated by commas or "and"."""
    from flows.core.extractors.frontmatter.fields import split_authors

    names = split_authors(text)
    return bool(names) and len(text) < s.author_line_max_chars and not AFFILIATION_WORDS.search(text)
