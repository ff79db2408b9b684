"""Running prose that layout labelled heading, caption or front matter, which statistics must still read.

Layout takes the first line of a numbered paragraph for a heading ("74. All requests for a review must be
made within 20 working days of the date"), an executive summary on a report's cover for front matter and
a figure's discussion ("图8展示了3种方案…", "Figure 4 shows …") for a caption. The tests here are measured:
length, the share of capitalised words (a heading is set in title case) and the marks of captions and
bibliography entries; cue words come from flows/core/extractors/cues.py.
"""

from __future__ import annotations

import re

from flows.core.extractors.cues import CAPTION_DISCUSSED, CAPTION_LABEL, REFERENCE_ENTRY
from flows.core.model import Block
from flows.core.vocabulary import HAN_BASIC_CLASS

_CAPTION_LABEL = re.compile(CAPTION_LABEL, re.IGNORECASE)
_CAPTION_DISCUSSED = re.compile(CAPTION_LABEL + CAPTION_DISCUSSED, re.IGNORECASE)
_REFERENCE_ENTRY = re.compile(REFERENCE_ENTRY, re.IGNORECASE | re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_HAN = re.compile(HAN_BASIC_CLASS)
# A Chinese clause break with more text after it: a heading with its paragraph's first sentence run in.
_ZH_SENTENCE = re.compile(rf"[，。；]\s*{HAN_BASIC_CLASS}")
_EN_SENTENCE_END = re.compile(r"[.;:]\s*$|[a-z0-9%)][.;]\s+[A-Z(]")
_MIN_WORDS = {"heading": 10, "caption": 12, "front_matter": 15}
_MIN_HAN = 25
_TITLE_CASE_SHARE = 0.6  # headings capitalise most words of four letters or more; sentences do not


def reads_as_prose(block: Block) -> bool:
    """True when a heading, caption or front-matter block is a sentence of running text."""
    text = block.text.strip()
    if block.kind not in _MIN_WORDS or not text or _REFERENCE_ENTRY.search(text):
        return False
    if _CAPTION_LABEL.match(text) and not _CAPTION_DISCUSSED.match(text):
        return False  # "Fig. 8. Variation of lost volume …", "Exhibit 6: …" is the caption itself
    if len(_HAN.findall(text)) >= _MIN_HAN:
        return bool(_ZH_SENTENCE.search(text))
    words = _WORD.findall(text)
    if len(words) < _MIN_WORDS[block.kind] or _title_case(words):
        return False
    # Front matter also holds mastheads and address lines; only finished sentences are prose there.
    return block.kind != "front_matter" or bool(_EN_SENTENCE_END.search(text))


def holds_words(block: Block) -> bool:
    """True when a block holds a few words of a sentence, not only figures (a chart's tick labels)."""
    return len(_WORD.findall(block.text)) >= 4 or len(_HAN.findall(block.text)) >= 8


def _title_case(words: list[str]) -> bool:
    """True when most longer words after the first are capitalised, as in a heading or a title."""
    long_words = [w for w in words[1:] if len(w) >= 4]
    if not long_words:
        return True
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= _TITLE_CASE_SHARE
