"""The kind of a document (paper, policy, report or other) from general cues of its first pages."""

from __future__ import annotations

from collections.abc import Sequence

from flows.core.model import Block, Document, Para
from flows.core.vocabulary import (
    HAN_BASIC,
    PEER_REVIEW,
    POLICY_TITLE,
    REPORT_TITLE,
    SELF_REFERENCE,
    SERIES_PAPER,
    ZH_ARTICLE,
)

# Below this much text per page a file is a web capture or a viewer stub, not a document to read.
_MIN_CHARS_PER_PAGE = 200
_MIN_CHARS = 400
_CJK = HAN_BASIC
_SELF_REFERENCE_PARAS = 300  # how far in the text's self-references are counted
_SELF_REFERENCE_MIN = 2  # a text calling itself a report this often is one, whoever issued it


def _paper_cues(doc: Document, paras: Sequence[Para | Block], peer: bool) -> int:
    """How many marks of a research paper the document carries."""
    kinds = {p.kind for p in paras}
    return sum(
        (
            "abstract" in kinds or bool(doc.abstract),
            "keywords" in kinds or bool(doc.keywords),
            len(doc.references) >= 5 or "reference" in kinds,
            bool(doc.doi),
            bool(doc.affiliations),
            bool(doc.authors),
            peer,
        )
    )


def _policy_cues(doc: Document, paras: Sequence[Para | Block]) -> int:
    """How many marks of a policy document (issuer, number, policy title word, articles) it carries."""
    articles = sum(len(ZH_ARTICLE.findall(p.text)) for p in paras[:400])
    return sum(
        (bool(doc.issuers), bool(doc.document_number), bool(POLICY_TITLE.search(doc.title)), articles >= 3)
    )


def _calls_itself_a_report(paras: Sequence[Para | Block]) -> bool:
    """Whether the text names itself a report (study, volume…) at least twice and more than a policy."""
    report = policy = 0
    for p in paras[:_SELF_REFERENCE_PARAS]:
        for m in SELF_REFERENCE.finditer(p.text):
            report += m.group("report") is not None
            policy += m.group("policy") is not None or m.group("zh_policy") is not None
    return report >= _SELF_REFERENCE_MIN and report > policy


def document_kind(doc: Document, paras: Sequence[Para | Block]) -> str:
    """Classify as paper, policy, report or other (little text: a web capture or a viewer stub).

    Works on classified paragraphs or on blocks (an OCR'd document has only blocks).
    """
    # A CJK character carries about a word's worth of text, so it counts double.
    chars = sum(len(p.text) + len(_CJK.findall(p.text)) for p in paras)
    if chars < _MIN_CHARS or chars < _MIN_CHARS_PER_PAGE * max(1, doc.page_count):
        return "other"
    first = paras[0].page if paras else 1
    front = " ".join(p.text for p in paras if p.page <= first + 1)
    peer = bool(doc.journal or doc.doi or PEER_REVIEW.search(front))
    report = bool(REPORT_TITLE.search(doc.title) or REPORT_TITLE.search(doc.document_number))
    cover = " ".join(p.text for p in paras if p.page == first and len(p.text) < 80)
    report = report or bool(REPORT_TITLE.search(cover))
    paper = _paper_cues(doc, paras, peer)
    # A working or discussion paper with authors, an abstract and references is research, not a report.
    series = bool(SERIES_PAPER.search(" ".join((doc.title, doc.document_number, cover))))
    if report and not peer and not (series and paper >= 3):
        return "report"
    policy = _policy_cues(doc, paras)
    if paper >= 3 and paper > policy:
        return "paper"
    # An issuing body alone is weak evidence: a development bank or think tank issues reports.
    issuer_only = policy == 1 and bool(doc.issuers)
    if policy and not (issuer_only and _calls_itself_a_report(paras)):
        return "policy"
    return "paper" if paper >= 2 else "report"
