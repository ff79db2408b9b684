"""Names of issuing bodies in text: English capitalised phrases with a head word, Chinese organ names."""

from __future__ import annotations

import re

from flows.core.vocabulary import BODY_CONNECTORS, BODY_HEADS, BODY_LEADING, ZH_BODY

_CAP_WORD = r"[A-Z][\w'’\-]*"
_CONNECT = "|".join(re.escape(c) for c in BODY_CONNECTORS)
_EN_PHRASE = re.compile(rf"{_CAP_WORD}(?:(?:\s+|,\s+)(?:(?:{_CONNECT})\s+(?:the\s+)?)?{_CAP_WORD})*")
_DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_LEADING = set(BODY_LEADING)
_HEADS = set(BODY_HEADS)


def _title_case(text: str) -> str:
    """Text set in capitals, in title case, so its names can be read as names."""
    if sum(c.isupper() for c in text) < 0.8 * sum(c.isalpha() for c in text):
        return text
    words = [
        w.lower()
        if w.lower() in BODY_CONNECTORS or (i and w.lower() == "the")
        else "-".join(part.capitalize() for part in w.split("-"))
        for i, w in enumerate(text.split())
    ]
    return " ".join(words)


def english_bodies(text: str) -> list[str]:
    """Names of public bodies in English text: capitalised phrases holding a head word (Authority, ...)."""
    found: list[str] = []
    phrases = [m.group(0).replace(",", " ,").split() for m in _EN_PHRASE.finditer(_title_case(text))]
    for words in (segment for phrase in phrases for segment in _split_at_heads(phrase)):
        head = next((i for i, w in enumerate(words) if w.rstrip("’'s") in _HEADS), None)
        if head is None:
            continue
        # A name starts at most four words before its head word and never with "The", "By", ...
        start = head
        while start > 0 and head - start < 4 and words[start - 1] not in _LEADING and words[start - 1] != ",":
            start -= 1
        # After its head word a name goes on only through connectors ("Office of Management and Budget"):
        # "Federal Agency Public Websites" names websites, and the body in it is "Federal Agency".
        end, linked = head + 1, False
        while end < len(words) and (linked or _joined(words[end - 1], words[end])):
            linked = linked or _joined(words[end - 1], words[end])
            end += 1
        words = words[start:end]
        while words and (words[-1].lower() in BODY_CONNECTORS or words[-1] == ","):
            words.pop()
        if len(words) < 2 or len(words) > 9:
            continue
        name = " ".join(words).replace(" ,", ",")
        if name not in found:
            found.append(name)
    return found


def _joined(before: str, word: str) -> bool:
    """Whether a word still belongs to a body's name after its head: it is, or follows, a connector."""
    linking = (*BODY_CONNECTORS, "the", ",")
    return before.lower() in linking or word.lower() in linking


def _split_at_heads(words: list[str]) -> list[list[str]]:
    """Split a run of names set one under another ("Executive Office of the President Office of …").

    A later head word starts a new name when the word before it is no connector: "President Office"
    joins two names, "Office of Management" stays one.
    """
    cuts = [
        i
        for i, w in enumerate(words)
        if i > 0
        and w.rstrip("’'s") in _HEADS
        and any(v.rstrip("’'s") in _HEADS for v in words[:i])
        and words[i - 1].lower() not in (*BODY_CONNECTORS, "the", ",")
        and words[i - 1].rstrip("’'s") not in _HEADS
    ]
    return [words[a:b] for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]


def defined_bodies(text: str) -> dict[str, str]:
    """Bodies defined with an acronym, e.g. "Department for Science, Innovation and Technology (DSIT)"."""
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        acronym = m.group(1)
        words = text[max(0, m.start() - 160) : m.start()].replace(",", " ,").split()
        for start in range(len(words) - 1, -1, -1):
            name_words = words[start:]
            initials = "".join(w[0] for w in name_words if w[0].isupper())
            if initials == acronym.upper() and name_words[0][0].isupper():
                name = " ".join(name_words).replace(" ,", ",")
                if _HEADS & set(name_words):
                    found.setdefault(name, acronym)
                break
            if len(initials) > len(acronym):
                break
    return found


def chinese_bodies(text: str) -> list[str]:
    """Names of Chinese public bodies in a run such as "中共中央办公厅国务院办公厅"."""
    return [m.group(0) for m in ZH_BODY.finditer(re.sub(r"[\s、，,]", "", text))]


def acronym(name: str) -> str:
    """Initials of a body's capitalised words, e.g. "FCA" for "Financial Conduct Authority"."""
    return "".join(w[0] for w in name.replace(",", " ").split() if w[0].isupper())


def only_bodies(text: str) -> bool:
    """True for a short line that is nothing but the names of Chinese bodies (a signature)."""
    bodies = chinese_bodies(text)
    if not bodies or min(len(b) for b in bodies) < 3:
        return False
    return len(text) <= 30 and "".join(bodies) == re.sub(r"[\s、，,]", "", text)


def is_body_name(text: str) -> bool:
    """True when a line is nothing but the name of a body (a cover's issuer, never a title)."""
    text = text.strip()
    if only_bodies(text):
        return True
    bodies = english_bodies(text)
    return len(bodies) == 1 and re.sub(r"^the\s+", "", _title_case(text), flags=re.I) == bodies[0]
