"""Detect the names of policy documents in a text: 《》 titles, quoted names, capitalised English titles."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from flows.core.extractors.cues import (
    EN_DOCUMENT_NUMBER,
    ZH_ENACTING_VERBS,
    ZH_QUOTED_DOCUMENT_SUFFIXES,
    ZH_QUOTED_PROGRAMME_SUFFIXES,
)
from flows.core.extractors.frontmatter.bodies import is_body_name
from flows.core.extractors.policies.names import is_chinese, normalise_name
from flows.core.extractors.policies.registry import ZH_SUFFIX, Registry
from flows.core.vocabulary import MONTH_NAMES, ORDINALS_EN, SENTENCE_OPENERS

# --- Chinese detectors -------------------------------------------------------------------------
ZH_TITLE = re.compile(r"《([^《》]{2,160})》")
_ZH_NAMED_ACTION = re.compile(
    r"[“‘\"]([^“”‘’\"\n《》]{1,20})[”’\"]\s*("
    + "|".join(sorted((*ZH_QUOTED_DOCUMENT_SUFFIXES, *ZH_QUOTED_PROGRAMME_SUFFIXES), key=len, reverse=True))
    + ")"
)
_ZH_NOTICE = re.compile(r"关于[^，。,；;：:“”《》\s]{2,60}?的(?:通知|实施意见|指导意见|意见|决定)")

# --- English detectors -------------------------------------------------------------------------
_EN_DOUBLE_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,220}?)[”\"]")
_EN_SINGLE_QUOTED = re.compile(r"(?<![A-Za-z])[‘']([A-Z][^‘’'\n]{1,60}?)[’'](?![A-Za-z])")
_EN_AFTER_QUOTE_TYPE = re.compile(
    r"^\s+(action\s+plans?|initiative|plans?|project|programme|program|campaign|action|law|regulations|"
    r"measures|guidelines|outline)\b"
)
_EN_AFTER_QUOTE_BY = re.compile(
    r"^[\s,]*(?:(?:which|that)\s+(?:was|were)\s+)?(?:jointly\s+)?"
    r"(?:published|released|issued|promulgated|unveiled|launched|compiled)\s+by\b",
    re.I,
)
_EN_TITLE_HEADS = frozenset(
    {
        "Plan",
        "Plans",
        "Measures",
        "Opinions",
        "Initiative",
        "Outline",
        "Report",
        "Notice",
        "Circular",
        "Guidelines",
        "Law",
        "Regulations",
        "Provisions",
        "Rules",
        "Strategy",
        "Framework",
        "Blueprint",
        "Act",
        "Order",
        "Decision",
        "Regulation",
        "Directive",
        "Charter",
        "Convention",
        "Treaty",
        "Treaties",
        "Declaration",
        "Statement",
        "Deal",
        "Roadmap",
        "Paper",
        "Guidance",
        "Code",
        "Bill",
        "Agreement",
    }
)
# Policy nouns that name a policy only after a qualifier ("G7 Leaders' Statement", "AI Discussion Paper",
# "Final Report"); opening a name, they describe a routine document (statement of accounts, report of a
# meeting).
_QUALIFIED_HEADS = frozenset({"Statement", "Paper", "Report"})
_EN_TOKEN = re.compile(
    r"\(\s*(?:19|20)\d{2}\s*[–-]\s*(?:19|20)?\d{2}\s*\)|[A-Za-z0-9][\w'’+\-–]*|[^\sA-Za-z0-9]"
)
EN_CONNECTORS = frozenset({"of", "for", "on", "the", "a", "an", "and", "to", "in", "with"})
_EN_RIGHT_CONNECTORS = frozenset({"of", "for", "on", "to", "in", "with"})
_MONTH_WORDS = frozenset(MONTH_NAMES)
_TITLE_STOP_WORDS = SENTENCE_OPENERS
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d{2}(?:[–-](?:19|20)?\d{2})?$")
_PERIOD_TOKEN = re.compile(r"^\(\s*(?:19|20)\d{2}")
_EN_WORK_REPORT = re.compile(
    r"\b(?:(?:19|20)\d{2}\s+)?government(?:['’]s)?\s+(?:(?:19|20)\d{2}\s+)?work\s+report\b"
    r"|\breport\s+on\s+the\s+work\s+of\s+the\s+government\b",
    re.I,
)
_NUMBERED_INSTRUMENT = re.compile(
    r"\bExecutive\s+Order\s+(?:\(EO\)\s+)?\d{4,6}\b|\bEO\s+1\d{4}\b|\bPublic\s+Law\s+\d{2,3}[–-]\d{1,4}\b"
    r"|\b(?:[A-Z]{2,6}\s+)?Circular\s+No\.\s*[A-Z]?-?\d+\b"
    r"|\b(?:OMB\s+)?Memorandum\s+M[-–]\d{2}[-–]\d{2}\b"
    r"|\b(?:Council\s+|Commission\s+)?(?:Regulation|Directive|Decision)\s+(?:\((?:EU|EC|EEC|Euratom)\)\s+)?"
    r"(?:No\.?\s*)?\d{2,4}/\d{1,4}(?:/(?:EU|EC|EEC))?\b"
)
# "the 13th Five-Year Plan", "China's fourteenth five-year plan for national economic and social development".
_FIVE_YEAR_PLAN = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(ORDINALS_EN)})\s+five[-\s]year\s+plan\b"
    r"(?:\s+(?:for|of)\s+(?:the\s+)?[Nn]ational\s+[Ee]conomic\s+and\s+[Ss]ocial\s+[Dd]evelopment)?",
    re.I,
)
_DOCUMENT_NUMBER_AFTER = re.compile(r"^\s*" + EN_DOCUMENT_NUMBER)
_ORDINAL_TOKEN = re.compile(r"^\d{1,3}(?:st|nd|rd|th)$")
_ZH_ENACTED = re.compile("(?:" + "|".join(ZH_ENACTING_VERBS) + r")(?:了)?[“”\s]*$")
# Two-word "titles" that are section names or generic references, never a document's name.
_GENERIC_TITLES = frozenset(
    {
        "public law",
        "general provisions",
        "supplementary provisions",
        "final provisions",
        "circular no",
        "executive order",
        "action plan",
        "work report",
        "this order",
        "the plan",
        "annual report",
        "final report",
        "consultation paper",
        "discussion paper",
        "update paper",
        "white paper",
        "green paper",
        "working paper",
        "policy statement",
        "data availability statement",
    }
)
_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]+|[A-Z])$")
Span = tuple[int, int, str]  # (start, end, name as printed) of one detected name


def detect(text: str, kind: str, registry: Registry) -> list[Span]:
    """Return non-overlapping (start, end, mention_text) spans of policy names in text, in order."""
    spans: list[Span] = []
    groups: list[Iterable[Span]] = [
        _zh_titles(text),
        _zh_named_actions(text),
        _zh_notices(text),
        _en_quoted(text),
        _en_work_reports(text),
        _en_numbered_instruments(text),
        _en_five_year_plans(text),
    ]
    if kind != "heading":  # Title Case headings would read as titles everywhere
        groups.append(_en_capitalised_titles(text))
    groups.append(_registry_aliases(text, registry))
    for group in groups:
        for span in group:
            if not any(span[0] < e and s < span[1] for s, e, _ in spans):
                spans.append(span)
    return sorted(spans)


def _zh_titles(text: str) -> Iterable[Span]:
    """《…》 titles that end like a policy document (规划, 办法, 意见, 战略, …, 法) or are put into force."""
    for match in ZH_TITLE.finditer(text):
        name = re.sub(r"\s+", "", match.group(1))
        enacted = bool(_ZH_ENACTED.search(text[max(0, match.start() - 8) : match.start()]))
        if ZH_SUFFIX.search(name) or _has_en_head(name) or enacted or name.startswith("中华人民共和国"):
            yield match.start(), match.end(), f"《{name}》"


def _zh_named_actions(text: str) -> Iterable[Span]:
    """Quoted short names followed by an action word: “人工智能+”行动, “东数西算”工程, “十四五”规划纲要."""
    for match in _ZH_NAMED_ACTION.finditer(text):
        if is_chinese(match.group(0)):
            yield match.start(), match.end(), match.group(0)


def _zh_notices(text: str) -> Iterable[Span]:
    """Unbracketed 关于…的通知/意见 titles."""
    for match in _ZH_NOTICE.finditer(text):
        yield match.start(), match.end(), match.group(0)


def _en_quoted(text: str) -> Iterable[Span]:
    """Quoted English names: titles with a policy noun, "X" initiative/plan, or "X" published by …."""
    for pattern in (_EN_DOUBLE_QUOTED, _EN_SINGLE_QUOTED):
        for match in pattern.finditer(text):
            inner = match.group(1).strip()
            if is_chinese(inner) or (not inner[:1].isupper() and not inner[:1].isdigit()):
                continue
            after = text[match.end() :]
            typed = _EN_AFTER_QUOTE_TYPE.match(after)
            if typed and len(inner.split()) <= 6:
                end = match.end() + typed.end()
                yield match.start(), end, text[match.start() : end]
                continue
            name = inner.rstrip(" ,.;:")
            if _DOCUMENT_NUMBER_AFTER.match(after) and inner[:1].isupper() and len(inner.split()) >= 2:
                yield match.start(1), match.start(1) + len(name), name  # a numbered document: its title
                continue
            if not _title_like(name):
                continue
            if _has_en_head(name) or _EN_AFTER_QUOTE_BY.match(after):
                yield match.start(1), match.start(1) + len(name), name


def _en_work_reports(text: str) -> Iterable[Span]:
    """The annual government work report, however it is capitalised."""
    for match in _EN_WORK_REPORT.finditer(text):
        yield match.start(), match.end(), match.group(0)


def _en_numbered_instruments(text: str) -> Iterable[Span]:
    """Numbered instruments: Executive Order 14091, Public Law 117-167, OMB Circular No. A-130, M-24-10.

    US citations print the instrument's title after its number ("EO 14110, Safe, Secure, and Trustworthy
    Development and Use of Artificial Intelligence, and …", "M-15-14, “Management and Oversight of …”"):
    the title is the name, as the documents' own headings give it; the span covers number and title.
    """
    for match in _NUMBERED_INSTRUMENT.finditer(text):
        title = _title_after_number(text, match.end())
        if title is not None:
            yield match.start(), title[1], title[2]
        else:
            yield match.start(), match.end(), match.group(0)


_TITLE_AFTER_NUMBER = re.compile(r",\s*[“\"]?(?=[A-Z])")
# Where a cited title ends: its closing quote, a stop, a bracket, a link, a comma before a lower-case word
# (", as amended"), or before the citation's issuer or date ("…, Office of Management and Budget, June 10").
_TITLE_END = re.compile(
    r"[”\"]|[.;(\[]\s|[.;]$|,\s*(?:https?:|www\.|(?!(?:and|or)\s+[A-Z])[a-z])"
    r"|,\s*(?:(?:Executive\s+)?Office\s+of|Department\s+of|The\s+White\s+House|"
    + "|".join(MONTH_NAMES)
    + r")\b"
)
# ", and Office of Management and Budget (OMB) Memorandum M-24-10": the list goes on with another citation.
_NEXT_ITEM = re.compile(r",\s+(?:and|or)\s+(?=[A-Z])")
_NOT_TITLE_START = re.compile(
    r"^(?:Sections?|Sec\.|Parts?|Titles?|Chapters?|Articles?|Appendix|Subsection|Paragraph"
    r"|The\s+White\s+House|(?:Executive\s+)?Office\s+of|Department\s+of)\b"
)
_TITLE_MAX_WORDS = 20


def _title_after_number(text: str, end: int) -> Span | None:
    """The title printed right after an instrument's number and a comma, or None when none is."""
    opening = _TITLE_AFTER_NUMBER.match(text, end)
    if not opening:
        return None
    start = opening.end()
    stop = _TITLE_END.search(text, start)
    limit = stop.start() if stop else len(text)
    for item in _NEXT_ITEM.finditer(text, start, limit):
        # The segment after ", and" cites another numbered instrument: the title ended before it.
        segment = re.split(r"[,.;]", text[item.end() : limit], maxsplit=1)[0]
        if _NUMBERED_INSTRUMENT.search(segment):
            limit = item.start()
            break
    title = text[start:limit].rstrip(" ,")
    words = re.findall(r"[\w’'-]+", title)
    if not 2 <= len(words) <= _TITLE_MAX_WORDS or _NOT_TITLE_START.match(title):
        return None  # "EO 14110, Section 4.2": a part of the instrument, not its title
    if _NUMBERED_INSTRUMENT.search(title) or is_body_name(title):
        return None  # "EO 13859, EO 13960, and …", "EO 14110, The White House": a list, an issuer
    if not all(w[:1].isupper() or w[:1].isdigit() or w in EN_CONNECTORS for w in words):
        return None  # a clause goes on after the number, not a title
    return start, start + len(title), title


def _after_article(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """True when the token before position k is "the" (a name used with its article)."""
    return k > 0 and tokens[k - 1][0].lower() == "the"


def _en_five_year_plans(text: str) -> Iterable[Span]:
    """Numbered five-year plans, however they are capitalised."""
    for match in _FIVE_YEAR_PLAN.finditer(text):
        yield match.start(), match.end(), match.group(0)


def _en_capitalised_titles(text: str) -> Iterable[Span]:
    """Unquoted Title Case names built around a capitalised policy noun (Plan, Measures, Law, …)."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
    used_until = -1
    for i, (word, _, _) in enumerate(tokens):
        if word not in _EN_TITLE_HEADS or i <= used_until:
            continue
        left = i
        while left > 0:
            prev = tokens[left - 1][0]
            if (_is_cap(prev) and prev not in _TITLE_STOP_WORDS) or _YEAR_TOKEN.match(prev) or prev.isdigit():
                left -= 1
            elif prev == ")" and left > 3 and tokens[left - 3][0] == "(" and tokens[left - 2][0].isupper():
                left -= 3  # "AI Public-Private Forum (AIPPF) Final Report": an acronym inside the name
            elif (
                prev in {"and", "of", "for", "to", "on"}
                and left > 1
                and _is_cap(tokens[left - 2][0])
                and not _ROMAN_OR_LETTER.match(tokens[left - 2][0])
            ):
                # "Science and Technology Plan": a connector only counts between capitalised words.
                left -= 1
            else:
                break
        # Leading connectors, gerunds ("Developing Guidelines") and possessors ("OSTP's Blueprint",
        # "Council of Europe's European Social Charter") are not part of the name.
        owners = [k for k in range(left, i) if tokens[k][0].endswith(("'s", "’s"))]
        left = owners[-1] + 1 if owners else left
        while left < i and (
            tokens[left][0] in EN_CONNECTORS
            # "Developing Guidelines", "Implementing Digital Services Act rules" describe work on a
            # document; "the Advancing American AI Act", with its article, names one.
            or (tokens[left][0].endswith("ing") and (left + 1 == i or not _after_article(tokens, left)))
            or tokens[left][0].endswith(("'s", "’s"))
        ):
            left += 1
        right = i
        j = i + 1
        if i + 1 < len(tokens) and _is_cap(tokens[i + 1][0]) and not _has_en_head(_span_text(tokens, i + 1)):
            continue  # "Decision Support System": the policy noun qualifies another noun
        while j < len(tokens):
            word_j = tokens[j][0]
            if _YEAR_TOKEN.match(word_j) and j == right + 1 and tokens[right][0] in _EN_TITLE_HEADS:
                right = j  # "Data Protection Act 2018": the year is part of an Act's name
                j += 1
                continue
            if _is_cap(word_j) and word_j not in _MONTH_WORDS:
                right = j
                j += 1
                continue
            if (
                word_j == ":"
                and j + 1 < len(tokens)
                and _is_cap(tokens[j + 1][0])
                and tokens[j + 1][0] not in _TITLE_STOP_WORDS
                and tokens[j + 1][1] - tokens[j][2] <= 1
            ):
                right = j + 1  # a subtitle: "AI Regulation: A Pro-innovation Approach"
                j += 2
                continue
            if word_j in _EN_RIGHT_CONNECTORS or (word_j in {"the", "a", "an"} and right > i):
                k = j + 1
                while k < len(tokens) and tokens[k][0] in {"the", "a", "an"}:
                    k += 1
                if k < len(tokens) and _is_cap(tokens[k][0]) and tokens[k][0] not in _MONTH_WORDS:
                    right = k
                    j = k + 1
                    continue
            # "… Innovation and Development": a conjunction inside the complement, not between titles.
            if (
                word_j == "and"
                and j + 1 < len(tokens)
                and _is_cap(tokens[j + 1][0])
                and right > i
                and tokens[j + 1][0] not in _TITLE_STOP_WORDS
                and not tokens[j + 1][0].endswith("ing")  # "… and Implementing …" starts another title
            ):
                right = j + 1
                j += 2
                continue
            if _PERIOD_TOKEN.match(word_j):
                right = j
            break
        caps = [t for t, _, _ in tokens[left : right + 1] if _is_cap(t)]
        start, end = tokens[left][1], tokens[right][2]
        if len(caps) < 2 or normalise_name(text[start:end]) in _GENERIC_TITLES:
            continue
        if left == i and word in _QUALIFIED_HEADS:
            continue  # "Statement of Responsibilities", "Report of the Board": a document, not a policy
        used_until = right
        yield start, end, text[start:end]


def _registry_aliases(text: str, registry: Registry) -> Iterable[Span]:
    """Lower-case or descriptive names the registry lists as aliases ("AI pioneer city")."""
    if registry.alias_pattern is None:
        return
    for match in registry.alias_pattern.finditer(text):
        yield match.start(), match.end(), match.group(0)


def _is_cap(word: str) -> bool:
    """A capitalised word (or acronym, ordinal, or number-led compound like "Three-Year", "G7")."""
    return bool(word) and (
        word[0].isupper()
        or (word[0].isdigit() and "-" in word and not _YEAR_TOKEN.match(word))
        or bool(_ORDINAL_TOKEN.match(word))
    )


def _span_text(tokens: Sequence[tuple[str, int, int]], start: int) -> str:
    """The capitalised run of tokens from start (the words a title head is directly followed by)."""
    words = []
    for word, _, _ in tokens[start:]:
        if not _is_cap(word):
            break
        words.append(word)
    return " ".join(words)


def _has_en_head(name: str) -> bool:
    """True when an English name contains a capitalised policy noun."""
    return any(w in _EN_TITLE_HEADS for w in re.findall(r"[A-Za-z]+", name))


def _title_like(name: str) -> bool:
    """Title Case: most longer words capitalised, and not a whole quoted sentence."""
    words = re.findall(r"[A-Za-z][\w'’\-]*", name)
    if not words or len(words) > 30 or (not name[:1].isupper() and not name[:1].isdigit()):
        return False
    long_words = [w for w in words if len(w) >= 4]
    if not long_words:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6
