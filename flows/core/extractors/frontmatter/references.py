"""Reference-list entries to Reference records (GB/T 7714, author-year, quoted-title and plain styles).

An entry is split into authors, year, title and container (journal, publisher, or the URL/DOI when it
names nothing else). A translated entry that prints its Chinese original in parentheses is read from the
original; an entry printed for the previous authors (a rule "———", "(1986b)", "and Dua, P.") takes their
names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flows.core.model import Reference
from flows.core.vocabulary import (
    HAN_BASIC,
    HAN_BASIC_CLASS,
    HAN_BASIC_RANGE,
    PINYIN_SURNAMES,
    REFERENCE_TYPE_MARKS,
)

_NUMBER = re.compile(
    r"^\s*(?:[\[［【〔]\s*(\d{1,3})\s*[\]］】〕]\.?|(\d{1,3})\s*[.．](?!\d)|[(（]\s*(\d{1,3})\s*[)）]"
    r"|([\u2460-\u2473]))[\s摇]*"
)
# A year, not a page of a range ("33:1877–1901", "pp. 1877-1901"); "2024-02-02" is a date.
_YEAR = re.compile(
    r"(?<![\d/.:–—-])(1[5-9]\d\d|20\d\d)(?![\d/])(?!\s*[–—]\s*\d)(?!-(?:1[3-9]|[2-9]\d|\d{3}))"
)
_MARKS = "|".join(sorted((m.replace("/", r"\s*/\s*") for m in REFERENCE_TYPE_MARKS), key=len, reverse=True))
_TYPE_MARK = re.compile(rf"\s*\[\s*(?:{_MARKS})\s*\]")
_APA = re.compile(
    r"^(?P<authors>.{0,250}?)\s*\(\s*(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\s*\)(?P<punct>[.:,]?)\s*(?P<rest>.*)$"
)
_QUOTED = re.compile(r"[\"“](?P<title>[^\"”]+)[\"”],?\s*(?P<rest>.*)$")
# GB/T 7714 Latin names: family name and initials without stops ("WU J X", "Carbó-Dorca R", "El Fatmi S G").
_GBT_NAME = r"[^\W\d_](?:[^\W\d_]|['’-])+(?: [^\W\d_](?:[^\W\d_]|['’-])+)?(?: [A-Z]{1,2}){1,3}"
_GBT = re.compile(rf"^(?P<authors>{_GBT_NAME}(?:,\s*{_GBT_NAME})*(?:,?\s*(?:et al|等))?)\.\s*(?P<rest>.+)$")
# The Chinese original of a translated entry, printed in parentheses after it: "（乔楚. 算力度量 ...）".
_ORIGINAL = re.compile(rf"[（(]\s*(?=[{HAN_BASIC_RANGE}]{{2,}}[^.．()（）]{{0,40}}[.．])")
# Elsevier and IEEE names: initials before the family name ("B. Ogel", "L.E.G. Cambronero", "J.-P. Li").
_INITIAL_NAME = r"(?:[A-Z]\.\s?-?)+\s?[^\W\d_](?:[^\W\d_]|['’-])+(?: [^\W\d_](?:[^\W\d_]|['’-])+)?"
_INITIALS_FIRST = re.compile(
    rf"^(?P<authors>{_INITIAL_NAME}(?:,\s*(?:and\s+)?{_INITIAL_NAME})*(?:,?\s*(?:and|&)\s+{_INITIAL_NAME})?"
    r"(?:,?\s*et al\.?)?),\s+(?P<rest>.+)$"
)
_DOT_YEAR = re.compile(r"^(?P<authors>.{2,400}?)\.\s+(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\.\s+(?P<rest>.+)$")
_CORPORATE_WORDS = frozenset(("of", "for", "on", "the", "and"))  # "Association for Computational Linguistics"
_NAME_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
# After "Noah A." a name list that goes on ("Smith and Kyle Lo", "Brown, Benjamin Mann") is no GB/T block.
_NAME_GOES_ON = re.compile(r"^[A-Z][\w'’-]+(?:,\s+|\s+and\s+)[A-Z][\w'’-]+\s(?:[A-Z]\.\s)?[A-Z]")
# Family names with initials joined by commas, "&" or "and", then the title (not a year or a number).
_INITIALS = r"(?:[A-Z]\.\s?-?)+"
_SURNAME = r"[^\W\d_](?:[^\W\d_]|['’-])+(?: [^\W\d_](?:[^\W\d_]|['’-])+)?"
_SURNAME_INITIALS = re.compile(
    rf"^(?P<authors>{_SURNAME}, {_INITIALS}(?:(?:,\s*|\s*&\s*|,?\s+and\s+){_SURNAME}, {_INITIALS})*"
    r"(?:\s*et al\.)?)\s+(?P<rest>(?![(\d]).+)$"
)
# In "Smith, J. & Jones, K. Title of paper. Nature 500 (2019)" a title sits between names and year.
_TITLE_AFTER_NAMES = re.compile(
    r"\.\s+[A-Z][\w'’-]+\s+(?!and\b|et\b|&|van\b|von\b|de\b|der\b|da\b|di\b|du\b|la\b|le\b)[a-z]"
)
_YEAR_IN_PARENS = re.compile(r"\s*\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)")
_AUTHOR_COMMA_YEAR = re.compile(
    r"^(?P<authors>.{2,150}?),\s*(?P<year>(?:1[5-9]|20)\d\d)\s?[A-Za-z]?\s*,\s*(?P<rest>.+)$"
)
_MAX_NAMES_CHARS = 300  # a longer run before a quoted title is not a list of names
# Words in lower case that belong to names ("Ludwig van Beethoven", "et al.") or to corporate authors.
_NAME_PARTICLES = frozenset(
    [
        "and",
        "et",
        "al",
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "di",
        "du",
        "la",
        "le",
        "del",
        "dos",
        "of",
        "on",
        "for",
        "the",
    ]
)
_REPEAT = re.compile(r"^\s*(?:[—–_-]{2,}\.?,?\s*|(?=\(\s*(?:1[5-9]|20)\d\d)|(?=and\s))")
_LINK = re.compile(r"\b(?:https?://\S+|doi:\s*\S+|10\.\d{4,9}/\S+)", re.IGNORECASE)
# A reference names a work: at least a word of two letters or one CJK character beyond its number.
_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f]{2}|[\u3400-\u9fff]")
# The container ends where volume, issue and pages begin ("Review 107, 2352-2408", "Letters, 45, 23-37").
_VOLUME = re.compile(
    r"[,，]?\s+(?:vol\.?\s*)?\d+\s*(?:\([^)]*\))?\s*[,:]|[,，]\s*\d|[,，.]\s*\(?(?:1[5-9]|20)\d\d\b"
    r"|\s*\((?:1[5-9]|20)\d\d"
    r"|[,，]\s*(?:pp?\.|pages)\s*\d|\s+\d+\s*$"
)
# Glyphs that Founder-typeset Chinese journals map wrongly: 摇 for a space, 鄄 for a hyphen, 椅 for "//".
_FOUNDER_SIGNS = ("摇", "鄄")
_FOUNDER = str.maketrans({"摇": " ", "鄄": "-", "椅": "//"})


def _number(raw: str) -> tuple[int | None, str]:
    """The entry's printed number (if any) and the text after it."""
    m = _NUMBER.match(raw)
    if not m:
        return None, raw
    digits = m.group(1) or m.group(2) or m.group(3)
    return (int(digits) if digits else ord(m.group(4)) - 0x245F), raw[m.end() :]


def _original(body: str) -> str:
    """The Chinese original of an entry translated into English, else the entry itself."""
    if re.match(HAN_BASIC_CLASS, body):
        return body
    m = _ORIGINAL.search(body)
    return body[m.end() :].strip().rstrip("）)").strip() if m else body


def parse_reference(raw: str, fallback_number: int) -> Reference:
    """Split one reference entry into number, authors, title, year and container."""
    raw = raw.strip()
    number, body = _number(raw)
    if any(sign in body for sign in _FOUNDER_SIGNS):
        body = re.sub(r"\s+", " ", body.translate(_FOUNDER))
    body = _original(body.strip())
    authors, title, venue, year = _fields(body)
    if year is None:
        year = _year(body)
    title = _TYPE_MARK.sub("", title).strip().strip('.,;:"“”')
    venue = _TYPE_MARK.sub("", venue).strip().lstrip("/").strip().strip(".,; ")
    venue = _VOLUME.split(venue)[0].strip(" ,.;:，；：") if venue else ""
    venue = re.sub(r"^(?:In|in):?\s+", "", venue)
    if not venue and (link := _LINK.search(body)):
        venue = link.group(0).rstrip(".,;")
    return Reference(
        number=number if number is not None else fallback_number,
        raw_text=raw,
        authors=authors.strip(" .,:"),
        title=title,
        year=year,
        venue=venue,
    )


def _fields(body: str) -> tuple[str, str, str, int | None]:
    """Authors, title, container and (when the style fixes it) year, by the entry's name style."""
    gbt = _GBT.match(body)
    if gbt and not _NAME_GOES_ON.match(gbt.group("rest")):
        title, _, venue = _split_title(gbt.group("rest"))
        apa = _APA.match(body)
        return gbt.group("authors"), title, venue, int(apa.group("year")) if apa else None
    initials = _INITIALS_FIRST.match(body)
    if initials:
        # "B. Ogel, R. Gurbuz, Title, Journal 301 (2001) 213–220": the container follows the last comma.
        rest = initials.group("rest")
        if _QUOTED.match(rest):
            title, venue = _title_venue(rest)
            return initials.group("authors"), title, venue, None
        cut = _YEAR_IN_PARENS.search(rest)
        head = rest[: cut.start()] if cut else rest
        title, _, venue = head.rpartition(", ") if ", " in head else (head, "", "")
        return initials.group("authors"), title, venue, None
    apa = _APA.match(body)
    if apa and _names(apa.group("authors")) and not _TITLE_AFTER_NAMES.search(apa.group("authors")):
        # Harvard as printed by Emerald and others: "Floridi, L. (2013), Title, Publisher, Place."
        sep = ", " if apa.group("punct") == "," else ". "
        title, venue = _title_venue(apa.group("rest").lstrip(":,. "), sep)
        return apa.group("authors"), title, venue, int(apa.group("year"))
    dotted = _DOT_YEAR.match(body)
    if dotted and _names(dotted.group("authors")):
        # ACL and ACM: "Iz Beltagy, Kyle Lo, and Arman Cohan. 2019. Title. In Venue."
        title, venue = _title_venue(dotted.group("rest"))
        return _family_first(dotted.group("authors")), title, venue, int(dotted.group("year"))
    science = _SURNAME_INITIALS.match(body)
    if science:
        # Nature and Science: "Smith, J. A. & Jones, K. Title. Nature 500, 1–5 (2019)."
        title, venue = _title_venue(science.group("rest"))
        return science.group("authors"), title, venue, None
    comma = _AUTHOR_COMMA_YEAR.match(body)
    if comma and _names(comma.group("authors")):
        # "AliResearch, 2016, Title, Month Year" and "Das, M. and B. Hilgenstock, 2018, “Title,” Series".
        title, venue = _title_venue(comma.group("rest"), sep=", ")
        return comma.group("authors"), title, venue, int(comma.group("year"))
    authors, title, venue = _plain(body)
    return authors, title, venue, None


def _family_first(authors: str, joined: bool = False) -> str:
    """Names printed given name first ("Iz Beltagy, Kyle Lo, and Arman Cohan") as "Beltagy, Iz; Lo, Kyle".

    With ``joined`` only a list of two or more names closed by "and" counts (a lone "Hector Levesque" may be
    either order); names led by common Chinese family names are family name first already.
    """
    listed = re.sub(r",?\s+et al\.?$", ", et al", authors.strip())
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", listed) if n.strip()]
    if not names or any(len(n.split()) < 2 or re.fullmatch(r"(?:[A-Z]\.\s?-?)+", n) for n in names):
        return authors  # "Smith, J." or one-word names: the family name already leads
    if joined and (len(names) < 2 or not re.search(r"\s(?:and|&)\s|,\s*et al", listed)):
        return authors
    people = [n for n in names if not n.lower().startswith("et al")]
    if not people or any(not _person(n) for n in people):
        return authors  # not a list of personal names ("Association for Computational Linguistics")
    first = sum(n.split()[0].lower() in PINYIN_SURNAMES for n in people)
    last = sum(n.split()[-1].lower() in PINYIN_SURNAMES for n in people)
    if first > last:
        return authors
    out = []
    for name in names:
        if name.lower().startswith("et al"):
            out.append(name)
            continue
        words = name.split()
        cut = len(words) - 1
        if words[-1].rstrip(".").lower() in _NAME_SUFFIXES and cut > 1:
            cut -= 1
        while cut > 1 and words[cut - 1].lower() in _NAME_PARTICLES:
            cut -= 1
        out.append(f"{' '.join(words[cut:])}, {' '.join(words[:cut])}")
    return "; ".join(out)


def _person(name: str) -> bool:
    """True for a personal name of two or three capitalised words (besides particles and suffixes)."""
    if any(w in _CORPORATE_WORDS for w in name.split()):
        return False
    words = [
        w for w in name.split() if w not in _NAME_PARTICLES and w.rstrip(".").lower() not in _NAME_SUFFIXES
    ]
    return 2 <= len(words) <= 3 and all(w[0].isupper() for w in words)


def _names(text: str) -> bool:
    """True for a run of personal or corporate names, not a sentence (few words in lower case)."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    lower = [w for w in words if w[0].islower() and w not in _NAME_PARTICLES]
    # No words at all is the previous authors' rule ("——— (1986b)"): the list fills them in.
    return len(lower) <= 2 and not _TYPE_MARK.search(text)


def _plain(body: str) -> tuple[str, str, str]:
    """Authors, title and container of an entry without an author-year or GB/T name block."""
    head, _, tail = _head_tail(body)
    quoted = _QUOTED.search(body)
    if (
        quoted
        and len(head) < 80
        and body.index(quoted.group(0)) <= len(head) + 3
        and not HAN_BASIC.search(head)
    ):
        return head, quoted.group("title"), quoted.group("rest")
    before = body[: quoted.start()].strip(" ,.:") if quoted else ""
    if before and len(before) < _MAX_NAMES_CHARS and not HAN_BASIC.search(before) and _names(before):
        # IEEE with full names: "Iz Beltagy, Kyle Lo, and Arman Cohan, “SciBERT ...,” in Proc. EMNLP".
        return _family_first(before, joined=True), quoted.group("title").rstrip(" ,"), quoted.group("rest")
    if _TYPE_MARK.search(head) or not tail:
        # "Title[N]. Venue" with no author segment.
        return "", head, tail
    if _TYPE_MARK.search(tail) or len(head) < 80 or (_names(head) and re.search(r",|\sand\s", head)):
        title, _, venue = _split_title(tail)
        return _family_first(head, joined=True), title, venue
    return "", head, tail


def _title_venue(rest: str, sep: str = ". ") -> tuple[str, str]:
    """Title and container after an author-year block: a quoted title, or the first sentence (clause)."""
    quoted = _QUOTED.match(rest)
    if quoted:
        return quoted.group("title").rstrip(" ,"), quoted.group("rest")
    if _TYPE_MARK.search(rest):
        title, _, venue = _split_title(rest)
        return title, venue
    title, _, venue = rest.partition(sep)
    return title, venue


def _year(body: str) -> int | None:
    """The publication year: the first year after a GB/T type mark, else the first year printed."""
    mark = _TYPE_MARK.search(body)
    years = _YEAR.findall(body[mark.end() :]) if mark else []
    years = years or _YEAR.findall(body)
    return int(years[0]) if years else None


def _head_tail(body: str) -> tuple[str, str, str]:
    """Split at the first author separator: ". " or ": " (never inside an initial like "M U.")."""
    m = re.search(rf"(?<=[^\s.][^\s.])\.\s+|(?<={HAN_BASIC_CLASS})\.\s*|[:：]\s*(?=[\"“])", body)
    if not m:
        return body, "", ""
    return body[: m.start()], m.group(0), body[m.end() :]


def _split_title(tail: str) -> tuple[str, str, str]:
    """Split "Title[J]. Venue" or "Title. Venue" into title and venue."""
    m = _TYPE_MARK.search(tail)
    if m:
        return tail[: m.start()], "", tail[m.end() :].lstrip(". ")
    title, sep, venue = tail.partition(". ")
    return title, sep, venue


def has_text(raw: str) -> bool:
    """True when an entry carries words besides its number ("[1]" or "4 5" alone is no reference)."""
    return bool(_WORDS.search(_number(raw)[1]))


def parse_references(entries: list[str]) -> list[Reference]:
    """Parse reference entries in order, numbering unnumbered ones by position; skip entries without text.

    An entry printed for the previous entry's authors (a rule, a bare year, "and ...") takes their names.
    """
    refs: list[Reference] = []
    for raw in (e for e in entries if has_text(e)):
        ref = parse_reference(raw, len(refs) + 1)
        body = _number(raw.strip())[1]
        repeat = _REPEAT.match(body)
        if refs and repeat and (not ref.authors or ref.authors.startswith("and ") or repeat.group(0)):
            first = refs[-1].authors
            if ref.authors.startswith("and "):
                ref = replace(ref, authors=f"{first} {ref.authors}")
            elif not ref.authors or re.fullmatch(r"[—–_\-\s.,]*", ref.authors):
                ref = replace(ref, authors=first)
        refs.append(ref)
    return refs
