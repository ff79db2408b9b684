"""Recommendations in policy documents: the task chapters of Chinese plans and numbered actions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.core.extractors.cues import EN_ACTION_LABELS, ZH_FRAMING_CHAPTER, ZH_TASK_CHAPTER, ZH_TASK_VERBS
from flows.core.extractors.recommendations.sections import clone
from flows.core.model import Para
from flows.core.vocabulary import ZH_LABEL_NUMERAL, ZH_ONE_TO_TEN

_ZH_CHAPTER = re.compile(rf"^{ZH_LABEL_NUMERAL}+、")
# A chapter heading the layout ran together with its first sub-item: 二、实施…行动（一）构建….
_MERGED_SUBITEM = re.compile(r"(?<=\S)(?=[（(]一[)）])")
_BARE_LABEL = re.compile(rf"^\s*(?:{ZH_LABEL_NUMERAL}+、|[（(]{ZH_LABEL_NUMERAL}+[)）])\s*$")
# The label opens the item's text, or stands alone as a heading ("Recommendation 1") above it.
_ACTION = re.compile(
    r"^(?:" + "|".join(EN_ACTION_LABELS) + r")\s+(\d{1,3})\b(?:\s*[:.：–-]?\s*(?=\S)|\s*[:.：]?\s*$)"
)


def split_merged_chapters(paras: list[Para]) -> list[Para]:
    """Join a label printed on its own line to its title ("一、" / "总体要求"), and split a chapter
    heading that also holds its first （一） sub-item into two paragraphs."""
    out: list[Para] = []
    for para in _join_bare_labels(paras):
        match = _MERGED_SUBITEM.search(para.text) if _ZH_CHAPTER.match(para.text) else None
        if match and para.kind == "heading":
            out.append(clone(para, para.text[: match.start()]))
            out.append(clone(para, para.text[match.start() :]))
        else:
            out.append(para)
    return out


def _join_bare_labels(paras: list[Para]) -> list[Para]:
    """Put a bare enumerator ("一、", "（二）") together with the paragraph that carries its title."""
    out: list[Para] = []
    i = 0
    while i < len(paras):
        para = paras[i]
        if _BARE_LABEL.match(para.text) and i + 1 < len(paras) and not _BARE_LABEL.match(paras[i + 1].text):
            out.append(clone(para, para.text.strip() + paras[i + 1].text.strip()))
            i += 2
            continue
        out.append(para)
        i += 1
    return out


def task_scope(paras: Sequence[Para]) -> list[bool] | None:
    """Flag the paragraphs inside the task chapters of a Chinese plan, or None when it is not one.

    A plan's chapters are 一、二、… headings; those that frame it (形势, 总体要求, 目标) hold no
    recommendations, the others (主要任务, 保障措施, …, or any chapter of a plan) do. An unnumbered
    top-level heading (附件, 名词解释, a task table) ends the last chapter.
    """
    chapters = [i for i, p in enumerate(paras) if _ZH_CHAPTER.match(p.text) and _chapter_like(p)]
    if len(chapters) < 2:
        return None
    titles = [_ZH_CHAPTER.sub("", paras[i].text) for i in chapters]
    framing = [any(w in t for w in ZH_FRAMING_CHAPTER) for t in titles]
    tasks = [any(w in t for w in ZH_TASK_CHAPTER) for t in titles]
    # A plan says what it is for before what to do; a paper's chapters (引言, 实证, 结论) do neither.
    plan_like = any(framing) and not all(framing) and (any(tasks) or framing[0])
    # An opinion or notice may go straight to its tasks: most chapters then open with a verb (加快…, 强化…).
    verb_led = [t.startswith(ZH_TASK_VERBS) for t in titles]
    plan_like = plan_like or (sum(verb_led) >= 2 and 3 * sum(verb_led) >= 2 * len(titles))
    if not plan_like and sum(tasks) < 2:
        return None
    flags = [False] * len(paras)
    open_task = False
    chapter_at = dict(zip(chapters, framing, strict=True))
    for i, para in enumerate(paras):
        if i in chapter_at:
            open_task = not chapter_at[i]
            continue
        if para.kind == "heading" and para.level <= 1 and _label_free(para.text):
            open_task = False
        flags[i] = open_task
    return flags if any(flags) else None


def _chapter_like(para: Para) -> bool:
    """A 一、 heading, or a short 一、 line without a full stop the layout left as body text."""
    return para.kind == "heading" or (len(para.text) <= 30 and "。" not in para.text)


def _label_free(text: str) -> bool:
    """True for a heading without any enumerator (an annex or glossary title, not a sub-item)."""
    return not re.match(rf"^(?:[（(]?[{ZH_ONE_TO_TEN}\d]+[)）、.．]|专栏|第)", text)


def numbered_actions(paras: Sequence[Para]) -> list[int]:
    """Indexes of paragraphs opening a numbered action ("Action 3:", "Recommendation 12"), first of each."""
    seen: dict[int, int] = {}
    for i, para in enumerate(paras):
        match = _ACTION.match(para.text)
        if match and int(match.group(1)) not in seen:
            seen[int(match.group(1))] = i
    numbers = sorted(seen)
    # A real list starts at 1 and runs on; a stray "Recommendation 3" cross-reference does not.
    if len(numbers) < 3 or numbers[0] != 1:
        return []
    return sorted(seen.values())


def action_label(text: str) -> tuple[str, str] | None:
    """Split a numbered action into (label, rest)."""
    match = _ACTION.match(text)
    if not match:
        return None
    return text[: match.end()].strip().rstrip(":.：–-").strip(), text[match.end() :]
