"""Who is to act on a recommendation, and by when: the actor and the target year named in its text."""

from __future__ import annotations

import re

from flows.core.extractors.cues import ZH_ACTOR
from flows.core.vocabulary import EN_ORG_HEADS, HAN_BASIC_CLASS, ZH_ORG_SUFFIXES, has_han

_CAP = r"[A-Z][\w’'&-]*"
# "UKRI will …", "DSIT and UKRI will …", "the Sovereign AI Unit will …", "The Secretary of Commerce shall …".
_EN_ACTOR = re.compile(
    rf"\b((?:{_CAP}\s+(?:(?:and|of|for|the)\s+)*)*(?:[A-Z]{{3,}}\w*|{'|'.join(EN_ORG_HEADS)})"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)?)\s+(?:will|should|shall|must|is\s+to|are\s+to)\b"
)
# 国家数据主管部门会同相关部门…, 由工业和信息化部牵头…, 教育部要….
_ZH_VERB = r"(?:会同|牵头|负责|要|将|应当|应该)"
# "由" is tried first so that it introduces the body rather than starting its name (，由工业和信息化部牵头).
_ZH_ACTOR = re.compile(rf"(?:由|(?:^|[。；;，,：:])(?!由))({ZH_ACTOR}){_ZH_VERB}")
# National bodies start with 国家/中央, so they are found even inside a run-on heading.
_ZH_NATIONAL_ACTOR = re.compile(
    rf"((?:国家|中央){HAN_BASIC_CLASS}{{0,12}}?(?:{'|'.join(ZH_ORG_SUFFIXES)})){_ZH_VERB}"
)
_ZH_YEAR = re.compile(r"(?:到|至|于|在)\s*((?:20|19)\d{2})\s*年(?:底|前|末)?|((?:20|19)\d{2})\s*年(?:底|前)")
_EN_YEAR = re.compile(r"\b(?:by|in|before|until)\s+(?:the\s+end\s+of\s+)?((?:20|19)\d{2})\b(?!\s*[–-]\s*\d)")
_NOT_ACTORS = frozenset({"We", "It", "This", "They", "These", "The", "That"})


def actor_of(text: str) -> str:
    """Return the body a recommendation names as the one to act, or '' when none is named."""
    zh = _ZH_NATIONAL_ACTOR.search(text) or _ZH_ACTOR.search(text)
    if zh and has_han(text[:20]):
        return zh.group(1)
    for match in _EN_ACTOR.finditer(text):
        # A leading determiner ("the", "my Administration") is not part of the body's name.
        name = re.sub(r"^(?:the|my|our)\s+", "", match.group(1), flags=re.I).strip()
        if name not in _NOT_ACTORS:
            return name
    return ""


def target_year_of(text: str) -> int | None:
    """Return the deadline or target year an item names (到2025年, by 2030), the earliest first."""
    years = [int(m.group(1) or m.group(2)) for m in _ZH_YEAR.finditer(text)]
    years += [int(m.group(1)) for m in _EN_YEAR.finditer(text)]
    return min(years) if years else None
