"""Repairs of a statistic's measure: never a pronoun, a bare change word or a clause fragment."""

from __future__ import annotations

import re

_PRONOUNS_TEXT = "it its they them this these those that which there he she we i you"
_PRONOUNS = frozenset(_PRONOUNS_TEXT.split())
_CHANGE_NOUNS = re.compile(
    r"^(?:an?\s+)?(?:(?:average\s+)?(?:annual\s+)?(?:increase|growth(?: rate)?|decrease|decline|rise|drop"
    r"|fall|reduction|increment|change))$",
    re.IGNORECASE,
)
# The subject of a sentence: its words up to the first finite verb of a statement.
_SUBJECT = re.compile(
    r"^(?:(?:In|By|During|From|As of|Since|Over)\s[^,]*,\s*)?(?:the\s+)?(?P<np>[^,;:()]{3,80}?)\s+"
    r"(?:has|have|had|is|are|was|were|rose|grew|fell|increased|decreased|declined|reached|showed|stood|remained)\b",
)
# "government is investing £2 billion" measures an investment, not a government.
_MONEY_VERB = re.compile(
    r"\b(?P<verb>invest|spend|fund|allocat|commit|rais|award|grant|donat|lend|borrow)\w*"
    r"(?:\s+(?:up to|over|about|around|almost|nearly|more than|some|a further|an additional|another))?\s*$",
    re.IGNORECASE,
)
_MONEY_NOUN = {
    "invest": "investment",
    "spend": "spending",
    "fund": "funding",
    "allocat": "allocation",
    "commit": "commitment",
    "rais": "funds raised",
    "award": "awards",
    "grant": "grants",
    "donat": "donations",
    "lend": "lending",
    "borrow": "borrowing",
}
# "£137m AI for science allocation": a money amount followed by what it is for.
_MONEY_NAMED_AFTER = re.compile(
    r"^\s+(?P<np>(?:(?!(?:of|in|to|and|or|the|an?|on|at|by|with|from)\b)[A-Za-z][\w-]*\s+){0,4}?(?:investment|funding|fund|grants?|budget|programme|program"
    r"|package|allocation|spending|contribution|commitment|loans?|revenues?|sales|exports|imports|profits?))\b"
)
_ZH_COUNTED = re.compile(
    r"^\s*(?:以上|左右|多)?(?:的)?(?P<np>(?![和与及])[\u4e00-\u9fff]{1,24}?)"
    r"(?=和|与|及|进行|实现|开展|组成|构成|参与|参加|覆盖|完成|接入|[，。；、,.;（(]|$)"
)
# "10家具有国际竞争力的龙头企业": a modifier that starts with a verb puts the counted noun after 的.
_ZH_VERBAL_MODIFIER = re.compile(
    r"^(?:具有|拥有|具备|有|能|可|从事|开展|实现|达到|覆盖|面向|服务|提供|在|位于)"
)
_ZH_ADVERB_ONLY = re.compile(r"(?:年均|同比|平均|累计|环比)$")
_ZH_WITHIN_AFTER = re.compile(r"^\s*(?:以内|之内|内)")
_MONEY_FOR_AFTER = re.compile(
    r"^\s+(?:announced|committed|allocated|earmarked|pledged|provided|set aside|available)?\s*for\s+"
    r"(?:the\s+)?(?P<np>[a-z][^,;.()]{2,60}?)(?=\s*[,;.(]|\s+(?:will|is|are|was|were)\b|$)"
)
# "lowered the threshold from a typical RMB 1,000": hedges between "from" and the value are not the measure.
_FROM_VALUE = re.compile(
    r"(?P<np>\b(?:the\s+)?(?:[a-z][\w'\u2019-]*\s+){0,3}[a-z][\w-]*)\s+from\s+"
    r"(?:(?:a|an|the)\s+(?:typical|usual|average|normal)\s+|about\s+|around\s+|roughly\s+|approximately\s+"
    r"|nearly\s+|almost\s+|over\s+|more than\s+|less than\s+)?$"
)
_VERB_ENDING = re.compile(r"(?:ed|rose|grew|fell|increase|decrease|rise|fall)$")
_ZH_PERCENT_OF = re.compile(r"^\s*(?:以上|左右)?的(?P<np>[\u4e00-\u9fff]{2,14})")
_EN_PERCENT_NOUN = re.compile(
    r"^\s+(?!(?:of|in|to|and|or|for|by|on|at|the|a|an|from|than|with|year|per|respectively|compared)\b)"
    r"(?P<np>[a-z]{3,}(?:\s+[a-z]{3,})?)(?=\s*[).,;]|$)"
)
_CONTRIBUTED_TO = re.compile(
    r"^\s+(?:to|towards)\s+(?P<np>[A-Za-z][\w\s-]{1,40}?)(?=[,.;]|\s+(?:in|by|during|over|from)\b|$)"
)
_CLAUSE_FRAGMENT = re.compile(
    r"^(?:and|or|but|though|although|while|which|that|with|considering|given)\b", re.I
)


def repair_measure(sentence: str, start: int, end: int, unit: str, money: bool, found: str) -> str:
    """Return a better measure than found when found is a pronoun, a bare change word or a fragment."""
    before, after = sentence[:start], sentence[end:]
    counted = _ZH_COUNTED.match(after) if unit == "count" else None
    if counted:
        # "对50个国家的数字竞争力进行评估": what a Chinese count counts follows its measure word.
        parts = counted["np"].split("的")
        return parts[-1] if len(parts) > 1 and _ZH_VERBAL_MODIFIER.match(parts[0]) else parts[0]
    if _ZH_ADVERB_ONLY.search(found):
        return found + "增长"  # "年均增长12%": the stripped verb belongs to the measure
    if unit == "days" and _ZH_WITHIN_AFTER.match(after):
        return "deadline"  # "7个工作日内"
    if money:
        named = _MONEY_NAMED_AFTER.match(after)
        if named:
            return named["np"]  # "our £30m investment in …", "£137m AI for science allocation"
        purpose = _MONEY_FOR_AFTER.match(after)
        if purpose and not found:
            return f"funding for {purpose['np'].strip()}"  # "the £600m announced for the development of …"
        given = (
            _CONTRIBUTED_TO.match(after)
            if re.search(r"contribut\w*\s*(?:over|about|around)?\s*$", before)
            else None
        )
        if given:
            return f"contribution to {given['np'].strip()}"  # "contributed £3.7 billion to the economy"
        verb = _MONEY_VERB.search(before)
        if verb and (not found or len(found.split()) <= 3):
            noun = _MONEY_NOUN[verb["verb"].lower()]
            return f"{found} {noun}".strip() if found.lower() not in _PRONOUNS else noun
    source = _FROM_VALUE.search(before) if not found and unit != "count" else None
    if source and not _VERB_ENDING.search(source["np"]):
        # "lowered the investment threshold from a typical RMB 1,000"
        # The verb before the measure goes: "lowered the threshold", "cut the waiting time".
        np = re.sub(r"^(?:[a-z]+ed\s+)+", "", source["np"])
        return _strip_determiner(re.sub(r"^[a-z]+\s+(?=(?:the|its|their|our)\s)", "", np))
    if not found and unit == "percent":
        owner = _ZH_PERCENT_OF.match(after) or _EN_PERCENT_NOUN.match(after)
        if owner:
            return owner["np"]  # "98%的行政村实现光纤通达", "(~80% capacity)"
    changed = _CHANGED_SUBJECT.search(before) if not found else None
    if changed and changed["np"].split()[0].lower() not in _PRONOUNS:
        # "… eventually average labor productivity will increase 10 percent": its increase.
        np = _strip_determiner(_ADVERB.sub("", changed["np"].strip()))
        return f"{np} {_CHANGE_OF_VERB.get(changed['verb'], changed['verb'])}"
    words = found.split()
    if words and words[0].lower() in _PRONOUNS and len(words) <= 2:
        to = _CONTRIBUTED_TO.match(after) if re.search(r"contribut\w*\s*$", before) else None
        return f"contribution to {to['np'].strip()}" if to else ""
    if _CHANGE_NOUNS.match(found):
        # The thing that changed is the subject of the nearest earlier clause with a verb.
        for clause in reversed(re.split(r"[,;]", before)):
            subject = _SUBJECT.match(clause.strip() + " ")
            if subject:
                return f"{_strip_determiner(subject['np'])} {found.split()[-1].lower()}"
    if _CLAUSE_FRAGMENT.match(found):
        return re.sub(_CLAUSE_FRAGMENT, "", found, count=1).strip()
    return found


# Words around a measure that belong to the sentence, not to what is measured: a Chinese measure runs up
# to the value through its hedge or copula ("每年组织活动不少于", "准确率达到了"); an English one may open
# with the clause's conjunction or the authors' "we find that".
_ZH_TRAILING = re.compile(
    r"(?:不少于|不多于|不超过|不低于|不高于|不足|超过|高于|低于|达到了?|约为|约|为|是|占|共计|共|计|的)+$"
)
_ZH_LEADING = re.compile(r"^(?:的|其中|其|共|及|和|与)+")
_EN_LEADING = re.compile(
    r"^(?:even\s+though|although|though|while|whereas|since|because|if|when|as|"
    r"we\s+(?:find|estimate|show|note|see|observe)\s+that|note\s+that)\s+",
    re.I,
)
_EN_TRAILING = re.compile(r"\s+(?:is|are|was|were|has|have|had|be|been)(?:\s+[a-z]+)?$")
_RELATIVE = re.compile(r"\b(?:who|which|that|whose)\b", re.I)
# "average labor productivity will increase 10 percent": the value is the change of the clause's subject.
_CHANGED_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:that|and)\s+)(?:the\s+)?(?P<np>[A-Za-z][\w\s’'-]{2,60}?)\s+"
    r"(?:(?:will|would|could|may|might|to|is expected to|is projected to)\s+)?"
    r"(?P<verb>increase|rise|grow|fall|decline|drop|decrease)s?(?:d)?(?:\s+by)?\s+"
    r"(?:about\s+|around\s+|roughly\s+|nearly\s+)?$"
)
_CHANGE_OF_VERB = {"grow": "growth", "drop": "fall", "decrease": "decline"}
_ADVERB = re.compile(r"^(?:[a-z]+ly\s+)+")


def tidy_measure(measure: str) -> str:
    """A measure without the hedges, copulas and conjunctions of the sentence around it."""
    tidy = _EN_LEADING.sub("", measure.strip())
    tidy = tidy if _RELATIVE.search(tidy) else _EN_TRAILING.sub("", tidy)
    tidy = _ZH_LEADING.sub("", _ZH_TRAILING.sub("", tidy))
    return tidy if len(tidy) >= 2 else measure.strip()


def per_capita(measure: str, raw: str) -> str:
    """Say "per capita" in the measure when the value is per person ("$10,000 per capita", "人均…")."""
    if (
        re.search(r"per (?:capita|person|head|inhabitant)", raw, re.IGNORECASE)
        and "per capita" not in measure
    ):
        return f"{measure} per capita".strip()
    return measure


def strip_foreign_owner(found: str, owner_of: str, subject: str) -> str:
    """Drop a possessive place ("China's robot intensity") when the value is another place's (Korea's)."""
    m = re.match(r"^(?P<owner>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)[\u2019']s\s+(?P<rest>.+)$", found)
    if m and subject and owner_of and owner_of != subject:
        return m["rest"]
    return found


def _strip_determiner(np: str) -> str:
    """Drop a leading article or possessive determiner."""
    return re.sub(r"^(?:the|a|an|its|their|this|these)\s+", "", np.strip(), flags=re.IGNORECASE)
