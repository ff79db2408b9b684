"""Find the policy documents a text names and resolve them against the canonical registry."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from flows.core.extractors.policies.context import issuer_from_sentence, year_from_sentence
from flows.core.extractors.policies.names import (
    ZH_TYPE_SUFFIXES,
    is_chinese,
    normalise_name,
    policy_type_for,
    slugify,
)
from flows.core.model import BBox, Block
from flows.core.text import split_sentences
from flows.core.vocabulary import HAN_BASIC_CLASS, MONTH_NAMES, SENTENCE_OPENERS, ZH_DIGITS_TO_TEN

# Blocks whose text is bibliographic or front matter: a policy named there is a citation, not a mention.
_SKIPPED_KINDS = frozenset({"reference", "title", "author", "affiliation", "front_matter", "keywords"})
_NATIONAL = frozenset({"", "national", "china", "prc"})
# Fuzzy matching only merges near-identical spellings; anything looser becomes a provisional policy.
FUZZY_THRESHOLD = 94.0
_NUMERALS = re.compile(rf"[0-9{ZH_DIGITS_TO_TEN}百千]")

# --- Chinese detectors -------------------------------------------------------------------------
_ZH_TITLE = re.compile(r"《([^《》]{2,160})》")
_ZH_SUFFIX = re.compile(
    "(?:" + "|".join(re.escape(s) for s, _ in ZH_TYPE_SUFFIXES) + r")(?:[（(][^（）()]{1,20}[)）])?$"
)
_ZH_NAMED_ACTION = re.compile(
    r"[“‘\"]([^“”‘’\"\n《》]{1,20})[”’\"]\s*(行动计划|规划纲要|专项行动|行动|工程|计划|规划|纲要|倡议)"
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
    }
)
_EN_TOKEN = re.compile(
    r"\(\s*(?:19|20)\d{2}\s*[–-]\s*(?:19|20)?\d{2}\s*\)|[A-Za-z0-9][\w'’+\-–]*|[^\sA-Za-z0-9]"
)
_EN_CONNECTORS = frozenset({"of", "for", "on", "the", "a", "an", "and", "to", "in", "with"})
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
    r"\bExecutive\s+Order\s+\d{4,6}\b|\bPublic\s+Law\s+\d{2,3}[–-]\d{1,4}\b"
    r"|\b(?:[A-Z]{2,6}\s+)?Circular\s+No\.\s*[A-Z]?-?\d+\b"
)
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
    }
)
_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]+|[A-Z])$")
_OPEN_TITLE = re.compile(r"《[^》]*$|“[^”]*$")
_CLOSE_TITLE = re.compile(r"^[^《“]*?[》”]")


@dataclass(frozen=True)
class Policy:
    """One canonical (or provisional) policy document, with the registry's columns."""

    policy_id: str
    name_en: str = ""
    name_zh: str = ""
    aliases: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    issued_date: str = ""
    issued_year: int | None = None
    effective_date: str = ""
    jurisdiction: str = ""
    policy_type: str = ""

    def names(self) -> tuple[str, ...]:
        """Every name the policy goes by, in both languages."""
        return tuple(n for n in (self.name_en, self.name_zh, *self.aliases) if n)


@dataclass(frozen=True)
class PolicyMention:
    """One place where a text names a policy document."""

    mention_id: str
    policy_id: str
    mention_text: str
    sentence: str
    page: int
    bbox: BBox
    issuer: str = ""
    year: int | None = None
    is_provisional: bool = False


@dataclass(frozen=True)
class Registry:
    """The canonical policies, indexed by normalised name for resolution."""

    policies: tuple[Policy, ...]
    index: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    alias_pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    by_id: dict[str, Policy] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_policies(cls, policies: Iterable[Policy]) -> Registry:
        """Build a registry and its name index from policies."""
        items = tuple(policies)
        index: dict[str, list[str]] = {}
        scan: list[str] = []
        for policy in items:
            for name in policy.names():
                key = normalise_name(name)
                if key and policy.policy_id not in index.setdefault(key, []):
                    index[key].append(policy.policy_id)
                if _is_scannable_alias(name):
                    scan.append(name)
        pattern = None
        if scan:
            alternatives = sorted({re.escape(n) for n in scan}, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.I)
        by_id = {p.policy_id: p for p in items}
        return cls(items, {k: tuple(v) for k, v in index.items()}, pattern, by_id)

    def get(self, policy_id: str) -> Policy | None:
        """Return the policy with this id, or None."""
        return self.by_id.get(policy_id)


def load_registry(path: Path) -> Registry:
    """Read the policy registry seed (policies.csv) into a Registry."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        return Registry.from_policies(_policy_from_row(row) for row in csv.DictReader(handle))


def policy_row(policy: Policy) -> dict[str, str]:
    """Render a policy as a registry CSV row ('|'-joined lists, blank for unknown)."""
    return {
        "policy_id": policy.policy_id,
        "name_en": policy.name_en,
        "name_zh": policy.name_zh,
        "aliases": "|".join(policy.aliases),
        "issuers": "|".join(policy.issuers),
        "issued_date": policy.issued_date,
        "issued_year": "" if policy.issued_year is None else str(policy.issued_year),
        "effective_date": policy.effective_date,
        "jurisdiction": policy.jurisdiction,
        "policy_type": policy.policy_type,
    }


def find_policy_mentions(
    blocks: Sequence[Block], registry: Registry
) -> tuple[list[PolicyMention], list[Policy]]:
    """Detect named policy documents in blocks, resolve them, and create provisional policies for the rest."""
    resolver = _Resolver(registry)
    mentions: list[PolicyMention] = []
    for unit in _units(blocks):
        for start, end, text in _detect(unit.text, unit.block.kind, registry):
            sentence, s_start = _sentence_at(unit.text, start)
            rel_start, rel_end = start - s_start, end - s_start
            year = year_from_sentence(sentence, rel_start, rel_end, text)
            issuer = issuer_from_sentence(sentence, rel_start, rel_end, text)
            policy, provisional = resolver.resolve(text, sentence, year, issuer)
            mentions.append(
                PolicyMention(
                    mention_id=f"m{len(mentions) + 1:03d}",
                    policy_id=policy.policy_id,
                    mention_text=text,
                    sentence=sentence,
                    page=unit.block.page,
                    bbox=unit.block.bbox,
                    issuer=issuer,
                    year=year,
                    is_provisional=provisional,
                )
            )
    return mentions, list(resolver.provisional.values())


def resolve_name(name: str, registry: Registry, context: str = "", year: int | None = None) -> Policy | None:
    """Resolve one policy name to a registry entry: exact normalised name first, then a strict fuzzy match."""
    return _Resolver(registry).lookup(name, context, year)


# --- text units ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    """A block's text, extended into the next block when a title is split across them."""

    block: Block
    text: str


def _units(blocks: Sequence[Block]) -> list[_Unit]:
    """Yield scannable texts, joining a block with its successor when a 《…》 or “…” title is left open."""
    scanned = [b for b in blocks if b.kind not in _SKIPPED_KINDS and b.text.strip()]
    units: list[_Unit] = []
    skip = 0  # characters of the current block already consumed by the previous unit
    for i, block in enumerate(scanned):
        text = block.text[skip:] if skip else block.text
        skip = 0
        if _OPEN_TITLE.search(text) and i + 1 < len(scanned):
            following = scanned[i + 1].text
            close = _CLOSE_TITLE.search(following)
            if close and close.end() <= 200:
                joiner = "" if is_chinese(text[-1:] + following[:1]) or following[:1] in "》”" else " "
                text = text.rstrip() + joiner + following[: close.end()].lstrip()
                skip = close.end()
        if text.strip():
            units.append(_Unit(block, text))
    return units


def _sentence_at(text: str, position: int) -> tuple[str, int]:
    """Return the sentence of text that contains position, and where it starts."""
    cursor = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, cursor)
        if start < 0:
            continue
        end = start + len(sentence)
        if start <= position < end:
            return sentence, start
        cursor = end
    return text, 0


# --- detection -----------------------------------------------------------------------------------

Span = tuple[int, int, str]


def _detect(text: str, kind: str, registry: Registry) -> list[Span]:
    """Return non-overlapping (start, end, mention_text) spans of policy names in text, in order."""
    spans: list[Span] = []
    groups: list[Iterable[Span]] = [
        _zh_titles(text),
        _zh_named_actions(text),
        _zh_notices(text),
        _en_quoted(text),
        _en_work_reports(text),
        _en_numbered_instruments(text),
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
    """《…》 titles whose name ends like a policy document (规划, 办法, 意见, …, 法)."""
    for match in _ZH_TITLE.finditer(text):
        name = re.sub(r"\s+", "", match.group(1))
        if _ZH_SUFFIX.search(name) or _has_en_head(name):
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
            if not _title_like(name):
                continue
            if _has_en_head(name) or _EN_AFTER_QUOTE_BY.match(after):
                yield match.start(1), match.start(1) + len(name), name


def _en_work_reports(text: str) -> Iterable[Span]:
    """The annual government work report, however it is capitalised."""
    for match in _EN_WORK_REPORT.finditer(text):
        yield match.start(), match.end(), match.group(0)


def _en_numbered_instruments(text: str) -> Iterable[Span]:
    """Numbered instruments: Executive Order 14091, Public Law 117-167, OMB Circular No. A-130."""
    for match in _NUMBERED_INSTRUMENT.finditer(text):
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
            if (_is_cap(prev) and prev not in _TITLE_STOP_WORDS) or _YEAR_TOKEN.match(prev):
                left -= 1
            elif (
                prev in {"and", "of", "for"}
                and left > 1
                and _is_cap(tokens[left - 2][0])
                and not _ROMAN_OR_LETTER.match(tokens[left - 2][0])
            ):
                # "Science and Technology Plan": a connector only counts between capitalised words.
                left -= 1
            else:
                break
        # Leading connectors, gerunds ("Developing Guidelines") and possessors ("OSTP's Blueprint") are
        # not part of the name.
        while left < i and (
            tokens[left][0] in _EN_CONNECTORS
            or tokens[left][0].endswith("ing")
            or tokens[left][0].endswith(("'s", "’s"))
        ):
            left += 1
        right = i
        j = i + 1
        while j < len(tokens):
            word_j = tokens[j][0]
            if _is_cap(word_j) and word_j not in _MONTH_WORDS:
                right = j
                j += 1
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
        used_until = right
        yield start, end, text[start:end]


def _registry_aliases(text: str, registry: Registry) -> Iterable[Span]:
    """Lower-case or descriptive names the registry lists as aliases ("AI pioneer city")."""
    if registry.alias_pattern is None:
        return
    for match in registry.alias_pattern.finditer(text):
        yield match.start(), match.end(), match.group(0)


def _is_cap(word: str) -> bool:
    """A capitalised word (or acronym, or number-led compound like "Three-Year")."""
    return bool(word) and (
        word[0].isupper() or (word[0].isdigit() and "-" in word and not _YEAR_TOKEN.match(word))
    )


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


def _is_scannable_alias(name: str) -> bool:
    """Aliases distinctive enough to look for verbatim in running text."""
    if is_chinese(name):
        return len(name) >= 6 and bool(_ZH_SUFFIX.search(name))
    return len(name.split()) >= 3 and not any(q in name for q in '"“”')


# --- resolution ----------------------------------------------------------------------------------


class _Resolver:
    """Resolves names against the registry, minting one provisional policy per unknown name."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.provisional: dict[str, Policy] = {}

    def lookup(self, name: str, context: str, year: int | None) -> Policy | None:
        """Return the registry policy a name refers to, or None."""
        key = normalise_name(name)
        if not key:
            return None
        ids = list(self.registry.index.get(key, ()))
        if not ids:
            ids = self._fuzzy(key, self.registry.index)
        candidates = [p for p in (self.registry.get(i) for i in ids) if p is not None]
        candidates = [p for p in candidates if _jurisdiction_fits(p, name + " " + context)]
        if not candidates:
            return None
        if year is not None and len(candidates) > 1:
            dated = [p for p in candidates if p.issued_year == year]
            candidates = dated or candidates
        return candidates[0]

    def resolve(self, name: str, context: str, year: int | None, issuer: str) -> tuple[Policy, bool]:
        """Return (policy, is_provisional) for a mention, creating a provisional policy when unknown."""
        found = self.lookup(name, context, year)
        if found is not None:
            return found, False
        key = normalise_name(name) or name
        if key in self.provisional:
            return self.provisional[key], True
        near = self._fuzzy(key, {k: (k,) for k in self.provisional})
        if near:
            return self.provisional[near[0]], True
        policy = _provisional_policy(name, key, year, issuer)
        self.provisional[key] = policy
        return policy, True

    @staticmethod
    def _fuzzy(key: str, index: dict[str, tuple[str, ...]]) -> list[str]:
        """Ids of the closest same-script name when it is near-identical and agrees on every numeral."""
        chinese = is_chinese(key)
        best: tuple[float, str] | None = None
        for other, ids in index.items():
            if is_chinese(other) != chinese or min(len(other), len(key)) < 6:
                continue
            if sorted(_NUMERALS.findall(other)) != sorted(_NUMERALS.findall(key)):
                continue
            score = (
                fuzz.ratio(key, other)
                if chinese
                else max(fuzz.ratio(key, other), fuzz.token_sort_ratio(key, other))
            )
            if score >= FUZZY_THRESHOLD and (best is None or score > best[0]):
                best = (score, ids[0])
        return [best[1]] if best else []


def _jurisdiction_fits(policy: Policy, context: str) -> bool:
    """A local policy only matches when its place is named in the mention or its sentence."""
    place = policy.jurisdiction.strip()
    if place.lower() in _NATIONAL:
        return True
    if place.lower() in context.lower():
        return True
    zh_place = policy.name_zh[:2] if policy.name_zh else ""
    return bool(zh_place) and zh_place in context


def _provisional_policy(name: str, key: str, year: int | None, issuer: str) -> Policy:
    """Build a registry-shaped policy for a name the registry does not know."""
    clean = re.sub(r"^[《“‘\"']+|[》”’\"']+$", "", name.strip())
    chinese = is_chinese(clean)
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    slug = slugify(key) if not chinese else ""
    policy_type = policy_type_for(clean)
    return Policy(
        policy_id=f"prov_{slug}_{digest}" if slug else f"prov_{policy_type or 'policy'}_{digest}",
        name_en="" if chinese else clean,
        name_zh=clean if chinese else "",
        aliases=(),
        issuers=tuple(i for i in issuer.split("|") if i),
        issued_year=year,
        jurisdiction=_jurisdiction_of(clean),
        policy_type=policy_type,
    )


def _jurisdiction_of(name: str) -> str:
    """Guess a provisional policy's jurisdiction from its name (中华人民共和国…, …市…, "in Beijing")."""
    if name.startswith(("中华人民共和国", "国务院", "全国")):
        return "national"
    city = re.match(rf"^({HAN_BASIC_CLASS}{{2,3}})(?:市|省)", name)
    if city:
        return city.group(1)
    place = re.search(r"\bin\s+([A-Z][a-z]+)\b", name)
    if place and place.group(1) not in _MONTH_WORDS:
        return place.group(1)
    return ""


def _policy_from_row(row: dict[str, str]) -> Policy:
    """Parse one registry CSV row."""

    def split(value: str | None) -> tuple[str, ...]:
        return tuple(v.strip() for v in (value or "").split("|") if v.strip())

    year = (row.get("issued_year") or "").strip()
    date = (row.get("issued_date") or "").strip()
    if not year and date[:4].isdigit():
        year = date[:4]
    return Policy(
        policy_id=row["policy_id"].strip(),
        name_en=(row.get("name_en") or "").strip(),
        name_zh=(row.get("name_zh") or "").strip(),
        aliases=split(row.get("aliases")),
        issuers=split(row.get("issuers")),
        issued_date=date,
        issued_year=int(year) if year.isdigit() else None,
        effective_date=(row.get("effective_date") or "").strip(),
        jurisdiction=(row.get("jurisdiction") or "").strip(),
        policy_type=(row.get("policy_type") or "").strip() or policy_type_for(row.get("name_en") or ""),
    )


__all__ = [
    "Policy",
    "PolicyMention",
    "Registry",
    "find_policy_mentions",
    "load_registry",
    "normalise_name",
    "policy_row",
    "resolve_name",
]
