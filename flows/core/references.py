"""Reference-list entries to Reference records (numbered GB/T 7714, APA-like and plain styles)."""

from __future__ import annotations

import re

from flows.core.model import Reference
from flows.core.vocabulary import HAN_BASIC_CLASS

_NUMBER = re.compile(r"^\s*(?:\[(\d{1,3})\]\.?|(\d{1,3})\.)\s*")
_YEAR = re.compile(r"(?<![\d/.])(1[89]\d\d|20\d\d)(?![\d/])")
_TYPE_MARK = re.compile(r"\s*\[(?:J|M|N|C|D|R|S|P|A|Z|EB/OL|J/OL|M/OL|N/OL|DB|CP)\]")
_APA = re.compile(r"^(?P<authors>.+?)\s*\((?P<year>\d{4})[a-z]?\)\.?\s*(?P<rest>.*)$")
_QUOTED = re.compile(r"[\"“](?P<title>[^\"”]+)[\"”],?\s*(?P<rest>.*)$")
# A reference names a work: at least a word of two letters or one CJK character beyond its number.
_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f]{2}|[\u3400-\u9fff]")


def parse_reference(raw: str, fallback_number: int) -> Reference:
    """Split one reference entry into number, authors, title, year and venue."""
    raw = raw.strip()
    m = _NUMBER.match(raw)
    number = int(m.group(1) or m.group(2)) if m else fallback_number
    body = raw[m.end() :] if m else raw
    years = _YEAR.findall(body)
    year = int(years[0]) if years else None
    authors, title, venue = "", "", ""
    apa = _APA.match(body)
    if apa:
        authors = apa.group("authors").strip().rstrip(".,")
        year = int(apa.group("year"))
        title, _, venue = apa.group("rest").partition(". ")
    else:
        head, _, tail = _head_tail(body)
        quoted = _QUOTED.search(body)
        if quoted and len(head) < 80 and body.index(quoted.group(0)) <= len(head) + 3:
            authors, title, venue = head, quoted.group("title"), quoted.group("rest")
        elif _TYPE_MARK.search(head) or not tail:
            # "Title[N]. Venue" with no author segment.
            title, venue = head, tail
        elif _TYPE_MARK.search(tail) or len(head) < 80:
            authors = head
            title, _, venue = _split_title(tail)
        else:
            title, venue = head, tail
    title = _TYPE_MARK.sub("", title).strip().strip('.,;:"“”')
    venue = _TYPE_MARK.sub("", venue).strip().strip(".,; ")
    if year is not None:
        venue = re.split(r",?\s*(?:1[89]|20)\d\d\b", venue)[0].strip(" ,.;:")
    return Reference(
        number=number, raw_text=raw, authors=authors.strip(" .,:"), title=title, year=year, venue=venue
    )


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
    m = _NUMBER.match(raw)
    return bool(_WORDS.search(raw[m.end() :] if m else raw))


def parse_references(entries: list[str]) -> list[Reference]:
    """Parse reference entries in order, numbering unnumbered ones by position; skip entries without text."""
    return [parse_reference(raw, i + 1) for i, raw in enumerate(e for e in entries if has_text(e))]
