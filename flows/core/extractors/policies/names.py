"""Name normalisation and policy-type inference shared by policy detection and resolution."""

from __future__ import annotations

import re
import unicodedata

from flows.core.vocabulary import HAN

_CJK = HAN
_QUOTES = re.compile(r"[《》〈〉“”‘’\"'「」『』«»`]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
# Wrappers that announce a document rather than name it: "Notice on Issuing X", 关于印发X的通知.
_EN_WRAPPER = re.compile(
    r"^(?:the\s+)?(?:notice|circular)\s+(?:of\s+the\s+[\w\s]+?\s+)?on\s+(?:issuing|printing\s+and\s+distributing)\s+(?:the\s+)?(.+)$",
    re.I,
)
_ZH_WRAPPER = re.compile(r"^.*?关于(?:印发|发布|印发实施)(.+?)的通知$")
_TRAILING_PERIOD = re.compile(r"\s*[（(]\s*(?:19|20)\d{2}\s*(?:-\s*(?:19|20)?\d{2}\s*)?年?\s*[)）]\s*$")
_LEADING_YEAR = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*(?:-\s*(?:19|20)?\d{2})?\s*年?(?:度)?\s*)")
_TRAILING_YEAR = re.compile(r"\s+(?:19|20)\d{2}\s*$")
_EN_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_NON_WORD_EN = re.compile(r"[^\w+ ]+")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")

# Head nouns (English) and title suffixes (Chinese) mapped to the registry's policy_type values.
EN_TYPE_WORDS: dict[str, str] = {
    "action plan": "plan",
    "plan": "plan",
    "plans": "plan",
    "measures": "measures",
    "opinions": "opinions",
    "opinion": "opinions",
    "initiative": "initiative",
    "outline": "outline",
    "report": "report",
    "notice": "notice",
    "circular": "notice",
    "memorandum": "notice",
    "guidelines": "guidelines",
    "guideline": "guidelines",
    "guidance": "guidelines",
    "law": "law",
    "act": "law",
    "regulations": "regulations",
    "regulation": "regulations",
    "provisions": "regulations",
    "rules": "regulations",
    "strategy": "strategy",
    "framework": "framework",
    "blueprint": "framework",
    "order": "order",
    "decision": "decision",
    "project": "project",
    "program": "program",
    "programme": "program",
    "action": "initiative",
    "directive": "regulations",
    "code": "regulations",
    "bill": "law",
    "charter": "law",
    "convention": "law",
    "treaty": "law",
    "treaties": "law",
    "declaration": "declaration",
    "statement": "declaration",
    "agreement": "agreement",
    "deal": "agreement",
    "roadmap": "plan",
    "paper": "report",
}
ZH_TYPE_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("行动计划", "plan"),
    ("实施方案", "plan"),
    ("实施意见", "opinions"),
    ("指导意见", "opinions"),
    ("若干措施", "measures"),
    ("规划纲要", "outline"),
    ("白皮书", "report"),
    ("纲要", "outline"),
    ("战略", "strategy"),
    ("规划", "plan"),
    ("计划", "plan"),
    ("方案", "plan"),
    ("办法", "measures"),
    ("措施", "measures"),
    ("意见", "opinions"),
    ("通知", "notice"),
    ("报告", "report"),
    ("条例", "regulations"),
    ("规定", "regulations"),
    ("细则", "regulations"),
    ("决定", "decision"),
    ("指南", "guidelines"),
    ("指引", "guidelines"),
    ("倡议", "initiative"),
    ("行动", "initiative"),
    ("工程", "project"),
    ("公告", "notice"),
    ("法", "law"),
)


def is_chinese(text: str) -> bool:
    """Return True when the text contains CJK characters (names are then compared as Chinese)."""
    return bool(_CJK.search(text))


def normalise_name(name: str) -> str:
    """Reduce a policy name to a comparison key: case, quotes, hyphens, articles and years removed."""
    text = unicodedata.normalize("NFKC", name).strip()
    text = _DASHES.sub("-", text)
    text = _QUOTES.sub("", text)
    if is_chinese(text):
        text = _SPACES.sub("", text)
        wrapped = _ZH_WRAPPER.match(text)
        if wrapped:
            text = wrapped.group(1)
        text = _TRAILING_PERIOD.sub("", text)
        text = _LEADING_YEAR.sub("", text)
        return text.lower().strip(",.;:、，。；：")
    text = _SPACES.sub(" ", text)
    wrapped = _EN_WRAPPER.match(text)
    if wrapped:
        text = wrapped.group(1)
    text = _TRAILING_PERIOD.sub("", text)
    text = text.lower()
    text = _POSSESSIVE.sub("", text)
    # Years locate a document but do not name it; the resolver uses them to pick between editions.
    text = _EN_YEAR.sub(" ", text)
    text = re.sub(r"\bartificial intelligence\b", "ai", text)
    text = re.sub(r"\beu\b", "european union", text)
    text = text.replace("+", " plus ").replace("-", " ")
    text = _NON_WORD_EN.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    text = _LEADING_ARTICLE.sub("", text)
    return text


def policy_type_for(name: str) -> str:
    """Infer the policy_type from a title's head noun (English) or suffix (Chinese)."""
    text = _TRAILING_PERIOD.sub("", _QUOTES.sub("", unicodedata.normalize("NFKC", name))).strip()
    if is_chinese(text):
        for suffix, kind in ZH_TYPE_SUFFIXES:
            if text.endswith(suffix):
                return kind
        return ""
    words = re.findall(r"[A-Za-z]+", text.lower())
    # The head noun is usually the last policy word before "for/on/of ..." complements.
    best = ""
    for i, word in enumerate(words):
        pair = " ".join(words[i : i + 2])
        if pair in EN_TYPE_WORDS:
            return EN_TYPE_WORDS[pair]
        if word in EN_TYPE_WORDS and not best:
            best = EN_TYPE_WORDS[word]
    return best


def slugify(text: str, max_words: int = 6) -> str:
    """Turn an English name into a short snake_case slug."""
    stop = {"the", "a", "an", "of", "for", "on", "and", "to", "in"}
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop]
    return "_".join(words[:max_words])
