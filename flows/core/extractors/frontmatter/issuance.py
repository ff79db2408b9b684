"""Issuance of a document: its kind, issuing bodies, document number, dates and jurisdiction."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from flows.core.extractors.frontmatter.bodies import (
    acronym,
    chinese_bodies,
    defined_bodies,
    english_bodies,
    only_bodies,
)
from flows.core.extractors.frontmatter.kind import document_kind
from flows.core.extractors.frontmatter.pdfmeta import PdfMeta, agrees
from flows.core.model import Document, Para
from flows.core.text import parse_date
from flows.core.vocabulary import (
    DOCUMENT_NUMBER,
    EFFECTIVE,
    HAN_BASIC_RANGE,
    ISSUED,
    JURISDICTIONS,
    MEMO_ADDRESSEES,
    SOLE_ISSUER,
    ZH_NOTICE,
    ZH_RED_HEADER,
    ZH_TITLE_ISSUER,
)

_ZH_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_EN_DATE = r"(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{1,2}-\d{1,2})"
_ANY_DATE = re.compile(rf"{_ZH_DATE}|{_EN_DATE}")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _unwrap_notice(doc: Document) -> list[str]:
    """Turn a notice that issues a plan into the plan's title; return the bodies that issued it."""
    m = ZH_NOTICE.match(doc.title)
    if not m or not (m.group("who") or m.group("about")):
        named = ZH_TITLE_ISSUER.match(doc.title)
        bodies = chinese_bodies(named.group("who")) if named else []
        return bodies if named and "".join(bodies) == re.sub(r"[\s、，,]", "", named.group("who")) else []
    bodies = chinese_bodies(m.group("who"))
    if "".join(bodies) != re.sub(r"[\s、，,]", "", m.group("who")):
        return []  # what precedes 印发 is not a list of bodies: not a notice headline
    what = (m.group("what") or m.group("named")).strip()
    doc.title = re.sub(r"\s+", " ", _unbracketed(what)).strip()
    return bodies


def _unbracketed(what: str) -> str:
    """The issued document's name without the 《》 around it, or without the one bracket a text layer left."""
    if what.startswith("《") and what.endswith("》") and what.count("《") == what.count("》") == 1:
        return what[1:-1]
    if what.count("《") == 0 and what.count("》") == 1 and what.endswith("》"):
        return what[:-1]  # "印发 X》的通知": the opening bracket was lost
    if what.count("《") == 1 and what.count("》") == 0 and what.startswith("《"):
        return what[1:]
    return what  # "《“十四五”规划》实施方案": the brackets name a part of the title


def _signature(paras: list[Para]) -> tuple[list[str], str]:
    """The first signature anywhere: a line of bodies followed by a line holding only a date."""
    for p, q in pairwise(paras):
        date = q.text.strip()
        if only_bodies(p.text) and len(date) <= 20 and _ANY_DATE.fullmatch(date):
            return chinese_bodies(p.text), date
    return [], ""


def _front_paras(paras: list[Para]) -> list[Para]:
    """Paragraphs of the first two pages, where issuers, numbers and dates are printed."""
    first = paras[0].page if paras else 1
    return [p for p in paras if p.page <= first + 1]


def _issuers(doc: Document, paras: list[Para], meta: PdfMeta, notice: list[str]) -> list[str]:
    """Issuing bodies: from the notice, an order's preamble, the cover's largest body, or the text."""
    front = _front_paras(paras)
    if doc.language == "zh":
        found = list(notice)
        for p in front:
            order = re.search(rf"([{HAN_BASIC_RANGE}、\s]{{2,160}}?)令\s*第\s*\d+\s*号", p.text)
            if order:
                found += chinese_bodies(order.group(1))
            elif only_bodies(p.text):
                found += chinese_bodies(p.text)  # a signature line
            elif ZH_RED_HEADER.match(p.text.strip()) and only_bodies(p.text.strip()[:-2]):
                found += chinese_bodies(p.text.strip()[:-2])  # the red banner "武汉市人民政府文件"
        signed, _ = _signature(paras)
        return list(dict.fromkeys(found or signed))
    # Cover lines are short: a body named inside a long sentence is not the one on the cover, and a
    # memorandum's "MEMORANDUM FOR ..." line names whom it is addressed to, not who issues it.
    cover = [
        p
        for p in front
        if p.kind in ("title", "front_matter", "author", "affiliation")
        and len(p.text) <= 150
        and not MEMO_ADDRESSEES.match(p.text.strip())
    ]
    text = " ".join(p.text for p in paras)
    for p in sorted(cover, key=lambda p: -p.size):
        bodies = [p.text.strip()] if SOLE_ISSUER.match(p.text.strip()) else english_bodies(p.text)
        if bodies:
            # A letterhead stacks a department over the office that issues (Executive Office of the
            # President / Office of Management and Budget): the issuer is the one the text goes on naming.
            under = [(q, english_bodies(q.text)[:1]) for q in _stacked_under(p, front)]
            stacked = [b for q, names in under for b in names if _opens(q, b)]
            return [max(dict.fromkeys([bodies[0], *stacked]), key=lambda b: _uses(b, text))]
    counts: Counter[str] = Counter()
    for name in [*defined_bodies(text), *english_bodies(text)]:
        counts[name] = _uses(name, text)
    if meta.author_text and not re.search(r"[a-z]\s+[A-Z]", meta.author_text):
        # The file names its author as a body or an acronym; trust it where the text spells it out.
        named = [n for n in counts if acronym(n) == meta.author_text or agrees(n, meta.author_text)]
        if named:
            return named[:1]
    best = counts.most_common(1)
    return [best[0][0]] if best and best[0][1] >= 3 else []


def _stacked_under(head: Para, front: list[Para]) -> list[Para]:
    """Short lines set right below a letterhead line (within two of its lines), as letterheads stack."""
    bottom = head.lines[-1].bottom
    return [
        p
        for p in front
        if p is not head
        and p.page == head.page
        and 0 <= p.lines[0].top - bottom < 2 * head.size
        and len(p.text) <= 150
        and not MEMO_ADDRESSEES.match(p.text.strip())
    ]


def _opens(line: Para, body: str) -> bool:
    """Whether a line opens with a body's name (a letterhead line), not a phrase ("Set up by the …")."""
    return bool(re.match(rf"^(?:the\s+)?{re.escape(body.split()[0])}\b", line.text.strip(), re.IGNORECASE))


def _uses(name: str, text: str) -> int:
    """How often a text names a body, in full or by its acronym."""
    short = acronym(name)
    uses = len(re.findall(rf"\b{re.escape(short)}\b", text)) if len(short) >= 2 else 0
    return text.count(name) + uses


def _dates(paras: list[Para], number: str) -> tuple[str, str]:
    """The issue date and the effective date printed on the first pages."""
    issued = effective = ""
    front = _front_paras(paras)
    for p in front:
        for m in _ANY_DATE.finditer(p.text):
            after = p.text[m.end() : m.end() + 12]
            if not effective and (
                EFFECTIVE.match(after.strip()) or EFFECTIVE.search(p.text[: m.start()][-25:])
            ):
                effective = parse_date(m.group(0))
    candidates: list[str] = []
    if number:
        for p in front:
            at = p.text.find(number)
            if at >= 0:
                m = _ANY_DATE.search(p.text[at : at + len(number) + 40])
                if m:
                    candidates.append(m.group(0))
    for p in front:
        text = p.text.strip()
        m = _ANY_DATE.search(text)
        if not m:
            continue
        if len(text) <= 20 and m.group(0) == text:
            candidates.append(m.group(0))  # a date line under a signature
        elif ISSUED.search(text[: m.start()]) or m.start() == 0:
            candidates.append(m.group(0))
    candidates.append(_signature(paras)[1])
    for candidate in candidates:
        iso = parse_date(candidate)
        if iso and iso != effective:
            issued = iso
            break
    return issued, effective


def _number(paras: list[Para], margins: list[str]) -> str:
    """The document number printed on the first page (or in a running head)."""
    first = paras[0].page if paras else 1
    for text in [p.text for p in paras if p.page == first] + margins:
        m = DOCUMENT_NUMBER.search(text.strip())
        if m:
            return re.sub(r"\s+", " ", m.group(0)).strip()
    return ""


def _jurisdiction(doc: Document, paras: list[Para]) -> str:
    """The jurisdiction the issuer or the first page names, e.g. "CN" or "EU"."""
    text = " ".join([*doc.issuers, doc.title, *(p.text for p in _front_paras(paras))])
    return next((code for pattern, code in JURISDICTIONS if pattern.search(text)), "")


def _year(doc: Document, paras: list[Para], meta: PdfMeta) -> None:
    """A policy document's year: issued, else the file's creation year where printed, else the title's."""
    if doc.issued_date:
        doc.year = int(doc.issued_date[:4])
        return
    text = " ".join(p.text for p in paras)
    if meta.created_year and str(meta.created_year) in text:
        doc.year = meta.created_year
        return
    m = _YEAR.search(doc.title)
    if m:
        doc.year = int(m.group(1))


def fill_issuance(doc: Document, paras: list[Para], margins: list[str], meta: PdfMeta) -> None:
    """Set document_kind, issuers, document number, dates and jurisdiction; policies carry no authors."""
    notice = _unwrap_notice(doc) if doc.language == "zh" else []
    doc.document_number = _number(paras, margins)
    doc.issuers = _issuers(doc, paras, meta, notice)
    doc.document_kind = document_kind(doc, paras)
    if doc.document_kind == "paper":
        doc.issuers = []
        return
    doc.issued_date, doc.effective_date = _dates(paras, doc.document_number)
    if doc.document_kind == "policy":
        # The people on a policy document's cover sign or foreword it; they are not its authors.
        doc.authors = []
        doc.affiliations = []
        _year(doc, paras, meta)
    elif doc.issued_date or doc.year is None:
        _year(doc, paras, meta)
    doc.jurisdiction = _jurisdiction(doc, paras) if doc.issuers or doc.document_kind == "policy" else ""
