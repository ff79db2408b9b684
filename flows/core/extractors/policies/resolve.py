"""Resolve a policy name against the registry, or mint one provisional policy per unknown name."""

from __future__ import annotations

import hashlib
import re

from rapidfuzz import fuzz

from flows.core.extractors.policies.mentions import EN_CONNECTORS
from flows.core.extractors.policies.names import (
    is_chinese,
    normalise_name,
    policy_type_for,
    slugify,
)
from flows.core.extractors.policies.registry import Policy, Registry
from flows.core.vocabulary import HAN_BASIC_CLASS, MONTH_NAMES, ZH_DIGITS_TO_TEN

_NATIONAL = frozenset({"", "national", "china", "prc"})
# Fuzzy matching only merges near-identical spellings; anything looser becomes a provisional policy.
FUZZY_THRESHOLD = 94.0
_NUMERALS = re.compile(rf"[0-9{ZH_DIGITS_TO_TEN}百千]")


def resolve_name(name: str, registry: Registry, context: str = "", year: int | None = None) -> Policy | None:
    """Resolve one policy name to a registry entry: exact normalised name first, then a strict fuzzy match."""
    return Resolver(registry).lookup(name, context, year)


class Resolver:
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
        near = self._fuzzy(key, {k: (k,) for k in self.provisional}, subset=True)
        if near:
            return self.provisional[near[0]], True
        policy = _provisional_policy(name, key, year, issuer)
        self.provisional[key] = policy
        return policy, True

    @staticmethod
    def _fuzzy(key: str, index: dict[str, tuple[str, ...]], subset: bool = False) -> list[str]:
        """Ids of the closest same-script name when it is near-identical and agrees on every numeral.

        English names also match when they use the same content words ("Treaty on European Union",
        "Treaty of the European Union"); with subset, a name of three or more content words matches a
        longer one of the same type ("Charter of Fundamental Rights" … "of the European Union").
        """
        chinese = is_chinese(key)
        words = _content_words(key)
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
            if not chinese and len(words) >= 2:
                theirs = _content_words(other)
                if theirs == words:
                    score = 100.0
                elif subset and len(min(words, theirs, key=len)) >= 3 and (words < theirs or theirs < words):
                    score = max(score, 95.0) if policy_type_for(key) == policy_type_for(other) else score
            if score >= FUZZY_THRESHOLD and (best is None or score > best[0]):
                best = (score, ids[0])
        return [best[1]] if best else []


def _content_words(key: str) -> frozenset[str]:
    """The words of a normalised English name other than connectors and articles."""
    return frozenset(w for w in key.split() if w not in EN_CONNECTORS)


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
    chinese = is_chinese(name)
    # A Chinese name keeps its inner quotes (“互联网+”行动计划); only the 《》 around a title go.
    clean = (
        re.sub(r"^《|》$", "", name.strip())
        if chinese
        else re.sub(r"^[《“‘\"']+|[》”’\"']+$", "", name.strip())
    )
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
    if place and place.group(1) not in MONTH_NAMES:
        return place.group(1)
    return ""
