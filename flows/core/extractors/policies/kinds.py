"""Tell policy documents from reports, periodicals and programmes by the words their names end with."""

from __future__ import annotations

import re

from flows.core.extractors.cues import (
    EN_NOT_POLICY,
    EN_REPORT_UNLESS_PUBLIC,
    ZH_NOT_POLICY_SUFFIXES,
    ZH_POLICY_REPORTS,
    ZH_QUOTED_DOCUMENT_SUFFIXES,
)
from flows.core.extractors.policies.names import is_chinese
from flows.core.vocabulary import BODY_HEADS

_EN_NOT_POLICY = re.compile("|".join(EN_NOT_POLICY), re.I)
_EN_REPORT_UNLESS_PUBLIC = re.compile("|".join(EN_REPORT_UNLESS_PUBLIC), re.I)
_PUBLIC_BODY = re.compile(rf"\b(?:{'|'.join(BODY_HEADS)})\b")
# An edition or year printed after a title: 白皮书（2017）, 研究报告2019, Report (2023-2024).
_TRAILING_EDITION = re.compile(
    r"[\s(（]*(?:(?:19|20)\d{2}(?:\s*[-－—–]\s*(?:19|20)?\d{2})?\s*年?(?:版|度)?)?[)）]*$"
)


def not_a_policy(name: str, issuer: str = "") -> bool:
    """True when a title names a report, periodical, index or book rather than a policy document.

    issuer is the body named as publishing it ("the European Commission's White Paper on …"), if any.
    """
    text = re.sub(r"[《》“”\"]", "", name).strip()
    if _EN_REPORT_UNLESS_PUBLIC.search(text) and not is_chinese(text):
        return not _PUBLIC_BODY.search(issuer)
    if is_chinese(text):
        core = _TRAILING_EDITION.sub("", text)
        if core.endswith(ZH_POLICY_REPORTS):
            return False
        return core.endswith(ZH_NOT_POLICY_SUFFIXES)
    return bool(_EN_NOT_POLICY.search(text))


def is_programme(name: str) -> bool:
    """True for a quoted Chinese programme (“东数西算”工程, “互联网+”行动) rather than a plan document."""
    text = name.strip()
    if not is_chinese(text) or text.startswith("《") or not re.search(r"[“”\"]", text):
        return False
    return not text.endswith(ZH_QUOTED_DOCUMENT_SUFFIXES)
