"""Directives of memoranda and guidance that no recommendations heading announces: dated directives."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.core.extractors.cues import EN_DEADLINE_OPENING, EN_OBLIGATION
from flows.core.model import Para
from flows.core.text import split_sentences

# An enumerator before the deadline ("2. Within 90 days …", "l. Within one year …" where OCR read 1 as l).
_LEAD_LABEL = re.compile(r"^(?:[(（]?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)）]\s+)?")
_DEADLINE = re.compile(EN_DEADLINE_OPENING)
# The directive verb of a dated sentence: an obligation, or what a named body "will" do by then.
_DIRECTS = re.compile(rf"{EN_OBLIGATION}|\bwill\b", re.I)


def is_dated_directive(text: str) -> bool:
    """True when a sentence opens with a deadline and directs ("Within 90 days …, GSA will …")."""
    for sentence in split_sentences(text):
        body = sentence[_LEAD_LABEL.match(sentence).end() :]  # type: ignore[union-attr]
        if _DEADLINE.match(body) and _DIRECTS.search(body):
            return True
    return False


def dated_directives(paras: Sequence[Para], free: Sequence[bool]) -> list[int]:
    """Indexes of the paragraphs outside any list or section already read that hold a dated directive.

    US memoranda and executive orders set what each body must do by when in such paragraphs ("By
    December 1, 2024, agencies must …"); one such sentence alone may be a stray date, so two are needed.
    """
    found = [i for i, p in enumerate(paras) if free[i] and p.kind != "heading" and is_dated_directive(p.text)]
    return found if len(found) >= 2 else []
