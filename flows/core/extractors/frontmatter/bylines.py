"""Bylines the roles missed: labelled ones ("By …", "Author(s): …") and lines of names under the title.

Layout roles label the lines right after a title as authors; covers of working papers, briefs, JSTOR
sheets and reports put their names elsewhere: after an affiliation, behind a label, below a summary.
A name must look like a person's (given and family name or initials, no word of an institution's or a
document's name), so a cover's series line or label never becomes an author.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from flows.core.extractors.frontmatter.bodies import is_body_name
from flows.core.model import Para
from flows.core.vocabulary import (
    AFFILIATION_WORDS,
    HAN_BASIC_CLASS,
    MONTH_ALTERNATION,
    NOT_NAME_WORDS,
    ZH_NOT_NAMES,
)

# "By Andreas Hornstein", "Author(s): R. A. Batchelor and A. B. Orr", "Authors: …", "作者：…".
LABELLED = re.compile(
    r"^\s*(?:by|author\(s\)|authors?)\s*[:：]?\s+(?=\S)|^\s*作\s*者\s*[:：]\s*", re.IGNORECASE
)
_TRAILING_DATE = re.compile(
    rf"\s+(?:{MONTH_ALTERNATION})\.?(?:\s+\d{{1,2}},?)?(?:\s+\d{{4}})?$", re.IGNORECASE
)
# LaTeX sets accents as spacing marks before the letter ("L´opez"): combine them ("López").
_SPACING_ACCENT = re.compile(r"([´`¨ˆ˜])\s?([A-Za-z])")
_COMBINING = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303"}
_ZH_NAME = re.compile(rf"{HAN_BASIC_CLASS}{{2,4}}")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-.]*")
_ARTICLES = frozenset({"A", "An", "The"})
_ARTICLE_PHRASE_WORDS = 4  # an article and three more words: a cover's phrase, not a person
_STOPS = frozenset({"body", "abstract", "keywords", "heading", "reference"})  # the front matter has ended


def _title_case(name: str) -> str:
    """A name printed in capitals ("R. A. BATCHELOR", "O'NEILL") in the case it is written in ("O'Neill")."""
    return " ".join(_capitalised(w) if len(w) > 2 and w.isupper() else w for w in name.split())


def _capitalised(word: str) -> str:
    """A capitalised word with each part after an apostrophe or hyphen capitalised too ("O'Neill")."""
    return re.sub(r"(?<=['’\-])([a-z])", lambda m: m.group(1).upper(), word.capitalize())


def combine_accents(text: str) -> str:
    """Text with LaTeX's spacing accents joined to the letter they stand before."""
    joined = _SPACING_ACCENT.sub(lambda m: m.group(2) + _COMBINING[m.group(1)], text)
    return unicodedata.normalize("NFC", joined)


def is_person(name: str, title: str = "") -> bool:
    """Whether a piece of a byline is a person's name, not a label, a series or the document's title."""
    squashed = re.sub(r"\W", "", name).lower()
    if not squashed or squashed == re.sub(r"\W", "", title).lower():
        return False
    if _ZH_NAME.fullmatch(name):
        return name not in ZH_NOT_NAMES
    words = _TOKEN.findall(name)
    if words and words[0] in _ARTICLES and len(words) >= _ARTICLE_PHRASE_WORDS:
        return False  # "A Systematic Country Diagnostic" is a phrase; "An Zhang", "A Kumar" are names
    return 2 <= len(words) <= 5 and not any(w.lower().strip(".") in NOT_NAME_WORDS for w in words)


def same_people(names: list[str]) -> list[str]:
    """Names in order with repeats of the same person (in another case or spacing) left out."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(re.sub(r"\W", "", name).lower(), name)
    return list(seen.values())


def clean(name: str) -> str:
    """A name without a date glued after it ("Julian von Landesberger February 2008") and in its case."""
    return _title_case(_TRAILING_DATE.sub("", combine_accents(name)).strip())


def _names(text: str, split: Callable[[str], list[str]]) -> list[str]:
    """A byline's names, cleaned, as the author splitter reads them."""
    return [clean(x) for x in split(_title_case(combine_accents(text)))]


_PINYIN_VOWELS = re.compile(r"[aeiouü]+", re.IGNORECASE)
_CJK_RUN = re.compile(rf"^{HAN_BASIC_CLASS}{{4,40}}$")


def _syllables(name: str) -> int:
    """Syllables of a name in pinyin ("Chai Ruonan" has three): its runs of vowels."""
    return len(_PINYIN_VOWELS.findall(name))


def split_by_pinyin(run: str, pinyin: list[str]) -> list[str]:
    """A Chinese byline printed without separators ("柴若楠郜帅"), cut by its pinyin byline's syllables."""
    counts = [_syllables(n) for n in pinyin]
    if not _CJK_RUN.match(run) or not pinyin or sum(counts) != len(run) or min(counts) < 2:
        return []
    names, start = [], 0
    for count in counts:
        names.append(run[start : start + count])
        start += count
    return names


def chinese_first(names: list[str], front: list[Para], zh: bool) -> list[str]:
    """In a Chinese paper, its authors in Chinese: the CJK byline, cut by the pinyin one if need be."""
    if not zh:
        return names
    cjk = [n for n in names if _ZH_NAME.fullmatch(n)]
    if cjk:
        return cjk
    latin = [n for n in names if not _ZH_NAME.fullmatch(n)]
    for p in front:
        split = split_by_pinyin(re.sub(r"\s+", "", p.text), latin)
        if split:
            return split
    return names


def byline_names(
    paras: list[Para], title_index: int | None, title: str, split: Callable[[str], list[str]]
) -> list[str]:
    """Names from labelled bylines on the first two pages and name-only lines after the title."""
    if not paras:
        return []
    first = paras[0].page
    found: list[str] = []
    for p in paras:
        if p.page > first + 1:
            break
        m = LABELLED.match(p.text)
        if m and len(p.text) < 200:
            found += [n for n in _names(p.text[m.end() :], split) if is_person(n, title)]
    # Under the title, and under its repeat on a series' cover sheet (a discussion paper's title page,
    # then the paper's own first page).
    key = re.sub(r"\W", "", title).lower()
    repeats = [
        i
        for i, p in enumerate(paras)
        if p.page <= first + 1 and i != title_index and key and re.sub(r"\W", "", p.text).lower() == key
    ]
    for start in ([title_index] if title_index is not None else []) + repeats:
        page = paras[start].page
        for p in paras[start + 1 :]:
            # A byline stacked over its affiliations may read as a paragraph of body text: its lines,
            # names and institutions only, still say who wrote it; other body text ends the front matter.
            stacked = side_by_side(p, title, split) if p.kind == "body" and len(p.lines) >= 2 else []
            if p.page != page or (p.kind in _STOPS and not stacked):
                break
            if stacked:
                found += stacked
            elif p.kind in ("front_matter", "author") and len(p.text) < 200 and not LABELLED.match(p.text):
                found += side_by_side(p, title, split)
    return found


def side_by_side(p: Para, title: str, split: Callable[[str], list[str]]) -> list[str]:
    """The names of a byline paragraph: split as text, or one per line when names stand side by side.

    LaTeX's \\and and Word's byline tables set each author in a column of their own; the layout reads the
    columns' lines on one baseline as one paragraph ("Christopher Gust Edward Herbst David López-Salido").
    """
    names = _names(p.text, split)
    if names and all(is_person(n, title) for n in names):
        return names
    texts = [ln if isinstance(ln, str) else ln.text for ln in p.lines]
    if len(texts) >= 2:
        per_line = [n for text in texts for n in _names(text, split)]
        if len(per_line) == len(texts) and all(is_person(n, title) for n in per_line):
            return per_line
        # Names stacked over their affiliations ("Stefan Cetkovic / University of Munich / Aron …"):
        # every line is a person or an institution, and the people come first.
        people = [[n for n in _names(text, split) if is_person(n, title)] for text in texts]
        institutions = [
            not found and (AFFILIATION_WORDS.search(text) is not None or is_body_name(text))
            for text, found in zip(texts, people, strict=True)
        ]
        if people[0] and all(found or inst for found, inst in zip(people, institutions, strict=True)):
            return [n for found in people for n in found]
    return []
