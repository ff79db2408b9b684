"""Find a document's recommendations (countermeasures, suggestions, 对策, 建议) with hierarchy and theme."""

from __future__ import annotations

from collections.abc import Sequence

from flows.core.extractors.recommendations.builder import Builder, Recommendation
from flows.core.extractors.recommendations.directives import (
    addressed_directives,
    dated_directives,
    directive_lists,
    memorandum,
)
from flows.core.extractors.recommendations.headings import action_series, scholarly, section_end
from flows.core.extractors.recommendations.lists import imperative_run, introduced_list
from flows.core.extractors.recommendations.plans import (
    is_statute,
    numbered_actions,
    split_merged_chapters,
    task_scope,
)
from flows.core.extractors.recommendations.sections import paragraphs_of, run_on_parts, section_scope
from flows.core.extractors.recommendations.themes import Theme, Themes, load_themes
from flows.core.model import Block, Para

__all__ = ["Recommendation", "Theme", "Themes", "extract_recommendations", "load_themes"]


def extract_recommendations(blocks: Sequence[Block], themes: Themes) -> list[Recommendation]:
    """Find recommendation sections and their enumerated items, with labels, hierarchy and themes."""
    paragraphs = split_merged_chapters(paragraphs_of(blocks))
    builder = Builder(themes)
    if is_statute(paragraphs):
        return []  # a law's articles impose obligations; it makes no recommendations
    actions = numbered_actions(paragraphs)
    if actions:
        builder.action_items(paragraphs, actions)
        return builder.finish()
    plan = task_scope(paragraphs)
    in_scope = plan if plan is not None else section_scope(paragraphs)
    # A plan's numbered lists of dated directives are its actions, where no section announces others.
    listed = directive_lists(paragraphs) if plan is None and not any(in_scope) else []
    if listed:
        builder.directive_items([paragraphs[i] for i in listed])
        return builder.finish()
    taken = list(in_scope)  # paragraphs a section, a heading run or a list has already read
    if plan is None:
        # Requirements numbered as headings ("1. Establish Integral Digital Governance") are the items.
        for run in action_series(paragraphs, [not t for t in taken], scholarly(blocks)):
            end = section_end(paragraphs, run[-1])
            builder.heading_items(paragraphs, run, end)
            taken[run[0] : end] = [True] * (end - run[0])
    _read_in_order(paragraphs, in_scope, taken, builder)
    if not builder.items:
        _last_resorts(blocks, paragraphs, [not t for t in taken], plan is None, builder)
    return builder.finish()


def _read_in_order(paragraphs: list[Para], in_scope: list[bool], taken: list[bool], builder: Builder) -> None:
    """Sections in scope, then, outside them, imperative runs, introduced lists and cued inline lists."""
    i = 0
    while i < len(paragraphs):
        para = paragraphs[i]
        if taken[i] and not in_scope[i]:
            i += 1
            continue
        if in_scope[i]:
            j = i
            while j < len(paragraphs) and in_scope[j]:
                j += 1
            builder.section_items(paragraphs[i:j])
            i = j
            continue
        run = imperative_run(paragraphs, i, taken)
        if run > 1:
            builder.flat_items(paragraphs[i : i + run])
            taken[i : i + run] = [True] * run
            i += run
            continue
        listed = introduced_list(paragraphs, i, taken)
        if listed:
            builder.section_items([part for k in listed for part in run_on_parts(paragraphs[k])])
            taken[i : listed[-1] + 1] = [True] * (listed[-1] + 1 - i)
            i = listed[-1] + 1
            continue
        if para.kind != "heading":
            builder.inline_cued(para)
        i += 1


def _last_resorts(
    blocks: Sequence[Block], paragraphs: list[Para], free: list[bool], no_plan: bool, builder: Builder
) -> None:
    """When nothing announces recommendations: directives, numbered principles, then a paper's conclusion."""
    # A memorandum that lists no actions may still say what each body must do by when …
    builder.directive_items([paragraphs[k] for k in dated_directives(paragraphs, free)])
    if not builder.items and memorandum(blocks):
        # … or, with no dates, what its addressees must do ("each agency shall submit …").
        builder.directive_items([paragraphs[k] for k in addressed_directives(paragraphs, free)])
    if not builder.items and no_plan:
        # Principles or guidelines numbered as noun headings over "should" text.
        for run in action_series(paragraphs, free, scholarly(blocks), fallback=True):
            builder.heading_items(paragraphs, run, section_end(paragraphs, run[-1]))
    if not builder.items:
        builder.conclusion_items(paragraphs)
