"""Word lists that tell the parts of policy documents and their recommendations apart (one vocabulary).

Each list names where its words come from; the lists describe document genres, never one file.
"""

from __future__ import annotations

# Chapter titles of Chinese plans and opinions that frame the document rather than assign tasks
# (source: the standard outline of 国务院/部委 规划 and 意见 — 形势, 总体要求, 指导思想, 基本原则, 目标).
ZH_FRAMING_CHAPTER = (
    "形势",
    "现状",
    "背景",
    "总体要求",
    "总体思路",
    "指导思想",
    "基本原则",
    "主要原则",
    "基本方针",
    "目标",
    "重要意义",
    "适用范围",
    "名词解释",
    "术语",
)
# Chapter titles that announce tasks or safeguards (source: the same outline — 主要任务, 重点任务, 重点行动,
# 保障措施, 组织实施, 保障支撑, 政策措施, 重点工程, 优先行动).
ZH_TASK_CHAPTER = ("任务", "行动", "保障", "措施", "组织实施", "支撑", "工程", "举措")
# English labels that number a document's own actions (source: UK strategies "Action N:", government
# responses and committee reports "Recommendation N").
EN_ACTION_LABELS = ("Action", "Recommendation", "Key action", "Commitment")
# Bodies that are to act, heads of English organisation names (source: UK/EU/US government styles).
EN_ACTOR_HEADS = (
    "Government",
    "Ministry",
    "Department",
    "Commission",
    "Council",
    "Agency",
    "Unit",
    "Office",
    "Authority",
    "Institute",
    "Board",
    "Bank",
    "Regulator",
    "Parliament",
    "Secretary",
    "Member States",
)
# Chinese actor suffixes and generic actors (source: 国务院 plan style, "由…牵头", "各地区各部门").
ZH_ACTOR = r"(?:国务院|中共中央|[\u4e00-\u9fff]{1,16}?(?:部门|部|委员会|总局|局|办公室|领导小组|政府)|(?:相关|有关)部门)"
