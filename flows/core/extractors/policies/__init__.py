"""Find the policy documents a text names and resolve them against the canonical registry."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flows.core.extractors.policies.context import issuer_from_sentence, year_from_sentence
from flows.core.extractors.policies.kinds import is_programme, not_a_policy
from flows.core.extractors.policies.mentions import ZH_TITLE, detect
from flows.core.extractors.policies.names import is_chinese, normalise_name
from flows.core.extractors.policies.registry import Policy, Registry, load_registry, policy_row
from flows.core.extractors.policies.resolve import Resolver, resolve_name
from flows.core.model import BBox, Block
from flows.core.text import split_sentences
from flows.core.vocabulary import ZH_NOTICE

# Blocks whose text is bibliographic: a policy named there is a citation, not a mention. Front matter is
# read: a policy document's preamble ("本规划旨在贯彻落实《…》") names the policies it implements.
_SKIPPED_KINDS = frozenset({"reference", "title", "author", "affiliation", "keywords"})
_OPEN_TITLE = re.compile(r"《[^》]*$|“[^”]*$")
_CLOSE_TITLE = re.compile(r"^[^《“]*?[》”]")
_POSSESSOR = re.compile(r"((?:[A-Z][\w-]*\s+){0,4}[A-Z][\w-]*)['’]s\s+$")


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


def find_policy_mentions(
    blocks: Sequence[Block], registry: Registry
) -> tuple[list[PolicyMention], list[Policy]]:
    """Detect named policy documents in blocks, resolve them, and create provisional policies for the rest."""
    resolver = Resolver(registry)
    mentions: list[PolicyMention] = []
    title = _own_title(blocks)
    own_names = {normalise_name(title), *(normalise_name(t) for t in ZH_TITLE.findall(title))}
    own_names = (own_names | _issued_names(blocks)) - {""}
    for unit in _units(blocks):
        for start, end, text in detect(unit.text, unit.block.kind, registry):
            sentence, s_start = _sentence_at(unit.text, start)
            rel_start, rel_end = start - s_start, end - s_start
            year = year_from_sentence(sentence, rel_start, rel_end, text)
            issuer = issuer_from_sentence(sentence, rel_start, rel_end, text)
            unknown = resolver.lookup(text, sentence, year) is None
            publisher = issuer or _possessor(sentence[:rel_start])
            if unknown and (
                is_programme(text) or not_a_policy(text, publisher) or normalise_name(text) in own_names
            ):
                # A report, journal or programme the registry does not list is not a policy, and the
                # document's own title ("《X》全文如下") is not a policy it cites.
                continue
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


def _own_title(blocks: Sequence[Block]) -> str:
    """The document's title, with the short line that continues it when the title block breaks off."""
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if block.kind == "title":
            parts.append(block.text)
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            if after is not None and after.kind == "front_matter" and len(after.text) <= 40:
                parts.append(after.text)
    return "".join(parts) if any(is_chinese(p) for p in parts) else " ".join(parts)


def _possessor(before: str) -> str:
    """The capitalised owner printed right before a name ("the European Commission's"), or ''."""
    owner = _POSSESSOR.search(before)
    return owner.group(1) if owner else ""


def _issued_names(blocks: Sequence[Block]) -> set[str]:
    """The document a notice issues ("国务院关于印发X的通知"): X is the text itself, not a policy it cites."""
    names = set()
    for block in blocks:
        notice = ZH_NOTICE.match(block.text.strip()) if block.kind == "title" else None
        if notice and notice.group("what"):
            names.add(normalise_name(notice.group("what")))
    return names


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
