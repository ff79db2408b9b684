"""Recommendations in policy documents: the task chapters of Chinese plans and numbered actions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.core.extractors.cues import (
    EN_ACTION_LABELS,
    EN_ACTION_LABELS_MORE,
    STATUTE_ARTICLE,
    ZH_ANNEX_LABEL,
    ZH_DESCRIPTIVE_CHAPTER,
    ZH_FRAMING_CHAPTER,
    ZH_FRAMING_CHAPTER_MORE,
    ZH_TASK_CHAPTER,
    ZH_TASK_VERBS,
)
from flows.core.extractors.recommendations.labels import label_number
from flows.core.extractors.recommendations.sections import clone
from flows.core.model import Para
from flows.core.vocabulary import ZH_LABEL_NUMERAL, ZH_ONE_TO_TEN

_ARTICLE = re.compile(STATUTE_ARTICLE)
_ZH_CHAPTER = re.compile(rf"^{ZH_LABEL_NUMERAL}+、")
# The labels of a chapter's sub-items: (一) (the opening bracket may be lost: 一）), 1．, (1).
_SUB_ITEM = re.compile(
    rf"^\s*(?:[（(]?{ZH_LABEL_NUMERAL}{{1,3}}[)）]|\d{{1,2}}[．.、](?!\d)|[（(]\d{{1,2}}[)）])"
)
# A chapter heading the layout ran together with its first sub-item: 二、实施…行动（一）构建….
_MERGED_SUBITEM = re.compile(r"(?<=\S)(?=[（(]一[)）])")
_BARE_LABEL = re.compile(rf"^\s*(?:{ZH_LABEL_NUMERAL}+、|[（(]{ZH_LABEL_NUMERAL}+[)）])\s*$")
# The label opens the item's text, or stands alone as a heading ("Recommendation 1") above it.
_ACTION = re.compile(
    r"^(?:" + "|".join(EN_ACTION_LABELS) + r"|(?i:" + "|".join(EN_ACTION_LABELS_MORE) + r"))"
    r"\s+(\d{1,3}(?:\.\d{1,2})?)\b(?:\s*[:.：–-]?\s*(?=\S)|\s*[:.：]?\s*$)"
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
    top-level heading (附件, 名词解释, a task table) ends the last chapter, and an annex ends the plan.
    When no task chapter holds numbered sub-items, the chapters themselves are the measures.
    """
    end = _annex_start(paras)
    chapters = _chapters(paras[:end])
    if len(chapters) < 2:
        return None
    titles = [_chapter_title(paras[i]) for i in chapters]
    # 发展环境 frames a plan as a title of its own, not in a task ("五、不断优化信息化发展环境").
    framing = [
        any(w in t for w in ZH_FRAMING_CHAPTER) or t.startswith(ZH_FRAMING_CHAPTER_MORE) for t in titles
    ]
    tasks = [any(w in t for w in ZH_TASK_CHAPTER) for t in titles]
    # A plan says what it is for before what to do; a paper's chapters (引言, 实证, 结论) do neither.
    plan_like = any(framing) and not all(framing) and (any(tasks) or framing[0])
    # An opinion or notice may go straight to its tasks: most chapters then open with a verb (加快…, 强化…).
    verb_led = [t.startswith(ZH_TASK_VERBS) for t in titles]
    plan_like = plan_like or (sum(verb_led) >= 2 and 3 * sum(verb_led) >= 2 * len(titles))
    if not plan_like and sum(tasks) < 2:
        return None
    # A report's analysis chapters (风险分析, 发展趋势) hold no tasks either, though they do not frame a plan.
    described = [
        any(w in t for w in ZH_DESCRIPTIVE_CHAPTER) and not t.startswith(ZH_TASK_VERBS) for t in titles
    ]
    flags = [False] * len(paras)
    open_task = False
    chapter_at = {i: f or d for i, f, d in zip(chapters, framing, described, strict=True)}
    for i, para in enumerate(paras[:end]):
        if i in chapter_at:
            open_task = not chapter_at[i]
            continue
        if para.kind == "heading" and para.level <= 1 and _label_free(para.text):
            open_task = False
        flags[i] = open_task
    if not any(flags[i] and _sub_item(paras[i]) for i in range(end)):
        # 若干措施: "一、强化算力服务支撑。…" — each task chapter is one measure, its text the body.
        for i, is_framing in chapter_at.items():
            flags[i] = not is_framing
    return flags if any(flags) else None


def _annex_start(paras: Sequence[Para]) -> int:
    """Index of the annex marker (附件) that follows a plan's chapters, or len(paras) when there is none.

    A notice may wrap its plan as 附件 before any chapter: that marker opens the plan, not an annex.
    """
    chapters = _chapters(paras)  # chapters run into their text ("一、强化…。加大…") count too
    first = chapters[0] if chapters else len(paras)
    for i, para in enumerate(paras):
        if i > first and para.text.lstrip().startswith(ZH_ANNEX_LABEL):
            before = sum(1 for c in chapters if c < i)
            # A cover letter's few run-on instructions (一、…。二、…。) before 附件 leave the plan in the
            # annex: it ends the plan only when no fewer chapters come before it than after.
            if before >= len(chapters) - before or any(paras[c].kind == "heading" for c in chapters if c < i):
                return i
    return len(paras)


def _chapters(paras: Sequence[Para]) -> list[int]:
    """Indexes of a plan's 一、二、… chapters, with those the layout ran into their first paragraph.

    A 一、 paragraph set as body text is a chapter when the numbering says so: the chapter before it
    (or none, for 一、) and the one after it are there, or it belongs to a run 一、二、三、… of at least
    three such paragraphs (a notice whose every chapter runs into its text: "一、加强组织领导。各地…").
    """
    numbered = [(i, _chapter_number(p.text)) for i, p in enumerate(paras) if _ZH_CHAPTER.match(p.text)]
    sure = {i for i, _ in numbered if _chapter_like(paras[i])} | _numbered_run(numbered)
    chapters = []
    for k, (i, n) in enumerate(numbered):
        if i in sure:
            chapters.append(i)
            continue
        before = [m for j, m in numbered[:k] if j in sure]
        after = [m for j, m in numbered[k + 1 :] if j in sure]
        follows = (n == 1 and not before) or (bool(before) and before[-1] == n - 1)
        if follows and after and after[0] == n + 1:
            chapters.append(i)
    return chapters


def _numbered_run(numbered: Sequence[tuple[int, int]]) -> set[int]:
    """The paragraphs of every run numbered 一、二、三、… (three or more) in reading order."""
    runs: list[list[tuple[int, int]]] = []
    for i, n in numbered:
        if n == 1:
            runs.append([(i, n)])
        elif runs and runs[-1][-1][1] == n - 1:
            runs[-1].append((i, n))
    return {i for run in runs if len(run) >= 3 for i, _ in run}


def _chapter_number(text: str) -> int:
    """The value of the 一、…十、 label opening text (十一 = 11), 0 when it has none."""
    match = _ZH_CHAPTER.match(text)
    return (label_number(match.group(0)) or 0) if match else 0


def _chapter_title(para: Para) -> str:
    """A chapter's title: the heading, or the first clause of a chapter run into its text."""
    title = _ZH_CHAPTER.sub("", para.text)
    if para.kind == "heading" and len(title) <= 40:
        return title
    return re.split(r"[。，；]", title, maxsplit=1)[0][:24]


def _sub_item(para: Para) -> bool:
    """A paragraph opening with a sub-item label of a plan's chapter ((一), 1．, (1))."""
    return bool(_SUB_ITEM.match(para.text))


def _chapter_like(para: Para) -> bool:
    """A 一、 heading, or a short 一、 line without a full stop the layout left as body text."""
    return para.kind == "heading" or (len(para.text) <= 30 and "。" not in para.text)


def _label_free(text: str) -> bool:
    """True for a heading without any enumerator (an annex or glossary title, not a sub-item)."""
    return not re.match(rf"^(?:[（(]?[{ZH_ONE_TO_TEN}\d]+[)）、.．]|专栏|第)", text)


def numbered_actions(paras: Sequence[Para]) -> list[int]:
    """Indexes of paragraphs opening a numbered action ("Action 3:", "Recommendation 12"), first of each."""
    seen: dict[tuple[int, ...], int] = {}
    for i, para in enumerate(paras):
        match = _ACTION.match(para.text)
        number = tuple(int(n) for n in match.group(1).split(".")) if match else None
        if number is not None and number not in seen:
            seen[number] = i
    numbers = sorted(seen)
    # A real list starts at 1 (or 1.1, numbered by chapter) and runs on; a stray "Recommendation 3"
    # cross-reference does not.
    if len(numbers) < 3 or numbers[0] not in ((1,), (1, 1)):
        return []
    return sorted(seen.values())


def action_label(text: str) -> tuple[str, str] | None:
    """Split a numbered action into (label, rest)."""
    match = _ACTION.match(text)
    if not match:
        return None
    return text[: match.end()].strip().rstrip(":.：–-").strip(), text[match.end() :]


def is_statute(paras: Sequence[Para]) -> bool:
    """True for a law or regulation: its body is a run of numbered articles ("Article 12", 第十二条)."""
    body = [p for p in paras if p.kind != "heading"]
    articles = sum(1 for p in body if _ARTICLE.match(p.text))
    return articles >= 5 and 3 * articles >= len(body)
