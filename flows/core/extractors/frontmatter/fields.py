"""Document metadata from the front matter: title, authors, affiliations, abstract, DOI, journal, date."""

from __future__ import annotations

import re
from itertools import pairwise

from flows.core.extractors.frontmatter.bylines import (
    byline_names,
    chinese_first,
    clean,
    is_person,
    same_people,
    side_by_side,
)
from flows.core.extractors.frontmatter.issuance import fill_issuance
from flows.core.extractors.frontmatter.pdfmeta import PdfMeta, squash
from flows.core.model import Document, Para
from flows.core.text import parse_date
from flows.core.vocabulary import (
    ARCHIVE_SHEET,
    DECREE_HEADER,
    HAN_BASIC_CLASS,
    MEMO_FROM,
    MEMO_SUBJECT,
    MEMO_SUBJECT_LABEL,
    MEMORANDUM,
    PROMULGATES,
    STOP_WORDS,
    WEB_CAPTURE_SUFFIX,
    ZH_NOTICE,
)

# Springer and others separate names with a spaced middle dot ("Anna Schmidt · Pierre Dubois").
# "AND" in a byline set in capitals ("By MARK DUGGAN AND STEVEN D. LEVITT") separates names too.
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|，|、|;|；|\b(?i:and)\b|&)\s*|\s+[·•]\s+")
_EN_NAME = re.compile(
    r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]*\.?)"
    r"(?:\s+(?:[A-ZÀ-ÖØ-ÞĀ-Ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]*\.?|van|von|de|da|del|der|le|la)){0,4}"
)
_ZH_NAME = re.compile(rf"{HAN_BASIC_CLASS}{{2,4}}(?:·{HAN_BASIC_CLASS}{{1,6}})?")
_DOI = re.compile(r"\b(10\.\d{4,9}/[!#-;=?-~]+)", re.IGNORECASE)
# Affiliation and footnote marks glued to names: symbols, circled and superscript digits.
_NAME_MARKS = re.compile(r"[*∗†‡§¶#⇑✉\u2460-\u2473\u2776-\u277f\u00b9\u00b2\u00b3\u2070-\u2079]+|\\\*")
# An ORCID badge read as text: "ZhaoID", "iD", "ORCID".
# The badge may sit right before the affiliation digits or marks ("Ann LeeID1*", PLOS style).
_ORCID = re.compile(r"(?<=[a-z])\s?ID(?![A-Za-z])|\s*\b(?:ORCID|iD)\b")
_BYLINE = re.compile(r"^\s*(?:(?:prepared|written|edited|compiled)\s+)?by\s+", re.IGNORECASE)
_CIRCLED = re.compile(r"[\u2460-\u2473]")
_LABEL = re.compile(
    r"^\s*(?:abstract|summary|摘\s*要|key\s*words?|index terms|关\s*键\s*词)\s*[:.：]?\s*", re.I
)
_NOTE_MARK = re.compile(r"\s*\[\d{1,3}\]")
_RUBRIC = re.compile(r"\s*\((?:[A-Z][a-z]+ ?){1,3}\)$")
_JOURNAL_WORDS = re.compile(
    r"journal|studies|review|transactions|proceedings|letters|bulletin|magazine|quarterly|annals|"
    r"economics|management|science|research|daily|学报|杂志|研究|论坛",
    re.IGNORECASE,
)
_VOLUME = re.compile(
    r"\s*(?:,\s*)?(?:vol(?:ume)?\.?\s*\d+.*|\d{4}\s*年.*|第\s*\d+\s*[卷期].*|\d+\s*\(\d{4}\).*)$",
    re.IGNORECASE,
)
_NOTICE_OPENING_PARAS = 8  # a notice's headline stands among the first page's first paragraphs
_NOTICE_HEADLINE_MAX = 120  # characters: longer is a sentence that mentions a notice
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")


def split_authors(text: str) -> list[str]:
    """Split an author line into names; return [] unless every piece looks like a personal name."""
    text = _NAME_MARKS.sub(" ", _ORCID.sub("", _BYLINE.sub("", text))).strip().rstrip(".")
    pieces = [p.strip() for p in _SPLIT_AUTHORS.split(text) if p.strip()]
    if len(pieces) == 1 and _ZH_NAME.search(text):
        # Chinese bylines separate names with spaces only.
        pieces = text.split()
    # Affiliation marks left standing alone after a comma ("Xu1,2") are not names.
    pieces = [p for p in pieces if not re.fullmatch(r"\d{1,2}|[a-z]", p)]
    if not pieces or len(pieces) > 30:
        return []
    names: list[str] = []
    for piece in pieces:
        # Trailing affiliation marks: "Xu1", "Xu 1,2", "Xu a" (a lone lower-case letter is no name part).
        piece = re.sub(r"(?:\s*\d+(?:\s*,\s*\d+)*|\s+[a-z](?:\s*,\s*[a-z])*)$", "", piece)
        piece = re.sub(r"\s+", " ", piece)
        # Chinese journals space two-character names out ("王 娟") to the width of three.
        piece = re.sub(rf"(?<={HAN_BASIC_CLASS}) (?={HAN_BASIC_CLASS})", "", piece)
        # A personal name written in Latin letters has a given and a family name.
        if _ZH_NAME.fullmatch(piece) or (_EN_NAME.fullmatch(piece) and len(piece) <= 40 and " " in piece):
            names.append(piece)
        else:
            return []
    return names


def _split_affiliations(text: str) -> list[str]:
    """Split a numbered affiliation line such as "(1. A;2. B)" into its institutions."""
    if len(_CIRCLED.findall(text)) >= 2:
        return [p.strip() for p in _CIRCLED.split(text) if p.strip()]
    inner = text.strip()
    if inner.startswith(("(", "（")) and inner.endswith((")", "）")):
        inner = inner[1:-1]
    parts = re.split(r"[;；]\s*(?=\d)", inner)
    out = [re.sub(r"^\s*\d+\s*[.、]?\s*", "", p).strip().rstrip(";；") for p in parts]
    return [p for p in out if p]


def fill_front_matter(
    doc: Document, paras: list[Para], margins: list[str], meta: PdfMeta | None = None
) -> None:
    """Populate the Document's metadata fields from classified paragraphs and removed running heads."""
    front = [p for p in paras if p.kind in ("title", "author", "affiliation", "front_matter", "footnote")]
    title = next((p for p in paras if p.kind == "title"), None)
    if title is not None:
        doc.title = _NOTE_MARK.sub("", title.text).strip()
    doc.title = WEB_CAPTURE_SUFFIX.sub("", doc.title).strip()
    # A memorandum is named by its subject line, an archive's cover sheet above its byline, a Chinese
    # notice that issues a document (关于印发《X》的通知) by the document it issues.
    named = _memo_subject(paras) or _cover_sheet_title(paras) or _notice_headline(paras, doc.title)
    named = named or _promulgated(paras, doc.title)
    if named:
        doc.title = named
    for p in paras:
        if p.kind == "author":
            doc.authors.extend(split_authors(p.text) or side_by_side(p, "", split_authors))
        elif p.kind == "affiliation":
            doc.affiliations.extend(_split_affiliations(p.text))
    title_index = next((i for i, p in enumerate(paras) if p.kind == "title"), None)
    kept = [clean(a) for a in doc.authors if is_person(clean(a), doc.title)]
    found = same_people([*kept, *byline_names(paras, title_index, doc.title, split_authors)])
    doc.authors = chinese_first(found, [p for p in front if p.page == paras[0].page], doc.language == "zh")
    if not doc.authors and doc.title:
        # Newspaper style: "Author Name: Title".
        m = re.match(r"^([^:：]{2,40})[:：]\s*(.+)$", doc.title)
        if m and split_authors(m.group(1)) == [m.group(1).strip()] and _names_a_person(m.group(1)):
            doc.authors = [m.group(1).strip()]
            # Newspapers append the column's rubric, e.g. "(Major Insights)": not part of the title.
            doc.title = _RUBRIC.sub("", m.group(2)).strip()
    if not doc.authors and meta is not None:
        doc.authors = _printed_meta_authors(meta, paras)
    abstracts = _first_run(paras, "abstract")
    doc.abstract = " ".join(_LABEL.sub("", p.text, count=1) for p in abstracts).strip()
    keywords = next((p for p in paras if p.kind == "keywords"), None)
    if keywords is not None:
        body = _LABEL.sub("", keywords.text, count=1).strip().rstrip(".。")
        doc.keywords = [k.strip() for k in re.split(r"[;；,，]", body) if k.strip()]
    doc.doi = _pick_doi(
        [p.text for p in front if p.kind != "footnote"],
        [p.text for p in paras if p.kind == "keywords"],
        [p.text for p in front if p.kind == "footnote"],
        margins,
    )
    _journal_and_date(doc, paras, margins)
    fill_issuance(doc, paras, margins, meta or PdfMeta())


def _names_a_person(text: str) -> bool:
    """A name before a colon, not a title's first half ("Winning Isn't Everything", "BACK ON TRACK")."""
    words = text.split()
    return (
        is_person(text)
        and not text.isupper()
        and not any(w.lower() in STOP_WORDS or re.search(r"['’]t$", w) for w in words)
    )


def _memo_subject(paras: list[Para]) -> str:
    """The subject line of a memorandum's first page, or "" when the page is no memorandum."""
    first = [p for p in paras if p.page == (paras[0].page if paras else 1)]
    # US federal memoranda: "MEMORANDUM FOR ...", or (when the letterhead is a picture) a FROM: label or
    # an OMB number (M-17-06) beside the SUBJECT: label.
    if not any(MEMORANDUM.search(p.text) or MEMO_FROM.match(p.text.strip()) for p in first):
        return ""
    for i, p in enumerate(first):
        m = MEMO_SUBJECT.search(p.text.strip())
        if m:
            title = m.group("title")
            nxt = first[i + 1].text.strip() if i + 1 < len(first) else ""
            # A subject wrapped onto a second line ends without a stop and goes on in lower case.
            if nxt and nxt[0].islower() and len(nxt) < 120:
                title = f"{title} {nxt}"
            return re.sub(r"\s+", " ", title).strip()
        if MEMO_SUBJECT_LABEL.match(p.text.strip()):
            beside = _beside(first, p)
            if beside is not None:
                return re.sub(r"\s+", " ", beside.text).strip()
    return ""


def _promulgated(paras: list[Para], title: str) -> str:
    """The instrument a promulgation decree issues, when the title found is the decree's header."""
    if not DECREE_HEADER.search(title.strip()):
        return ""
    page = next((p.page for p in paras if p.kind == "title"), paras[0].page if paras else 1)
    for p in paras:
        if p.page == page:
            m = PROMULGATES.match(p.text.strip())
            if m:
                return re.sub(r"\s+", " ", m.group("what") or m.group("zh")).strip()
    return ""


def _notice_headline(paras: list[Para], title: str) -> str:
    """The headline of a Chinese transmittal notice on the first page, when no other title was found.

    Government documents are mostly published inside a notice ("国务院关于印发X的通知", "…印发《X》");
    fill_issuance turns the headline into X and its issuers. Only one of the first page's opening
    paragraphs counts (a notice cited in the body is another document).
    """
    if title:
        return ""
    first = paras[0].page if paras else 1
    opening = [p for p in paras if p.page == first and p.kind != "heading"][:_NOTICE_OPENING_PARAS]
    for p in opening:
        text = WEB_CAPTURE_SUFFIX.sub("", p.text).strip()
        if len(text) <= _NOTICE_HEADLINE_MAX and ZH_NOTICE.match(text):
            return text
    return ""


def _cover_sheet_title(paras: list[Para]) -> str:
    """The title an archive's cover sheet (JSTOR and the like) prints right above its "Author(s):" line."""
    first = [p for p in paras if p.page == (paras[0].page if paras else 1)]
    if not any(ARCHIVE_SHEET.search(p.text) for p in first):
        return ""
    for above, line in pairwise(first):
        if re.match(r"^\s*Author\(s\)\s*:", line.text):
            return re.sub(r"\s+", " ", above.text).strip()
    return ""


def _beside(page: list[Para], label: Para) -> Para | None:
    """The paragraph set to the right of a label on its baseline (a memo's tabbed "SUBJECT:  Title")."""
    top, size = label.lines[0].top, label.size
    right = [
        p
        for p in page
        if p is not label and abs(p.lines[0].top - top) < 0.6 * size and p.lines[0].x0 > label.lines[0].x1
    ]
    return min(right, key=lambda p: p.lines[0].x0, default=None)


def _printed_meta_authors(meta: PdfMeta, paras: list[Para]) -> list[str]:
    """The file's own author list, used only when every name is a personal name printed on page 1."""
    first = paras[0].page if paras else 1
    page = squash(" ".join(p.text for p in paras if p.page == first))
    names = [n for author in meta.authors for n in split_authors(author) if is_person(n)]
    if not names or len(names) != len(meta.authors):
        return []
    return names if all(squash(n) in page for n in names) else []


def _pick_doi(*groups: list[str]) -> str:
    """The document's DOI: a labelled one ("DOI:", "doi.org/") first, completed where a line cut it."""
    found: list[tuple[bool, bool, str]] = []
    for text in (t for group in groups for t in group):
        for m in _DOI.finditer(text):
            label = re.search(r"doi\s*[:：]?\s*$|doi\.org/$", text[max(0, m.start() - 8) : m.start()], re.I)
            cut = m.group(1).endswith(".") or m.end() == len(text)
            found.append((bool(label), cut, m.group(1).rstrip(".,;)")))
    if not found:
        return ""
    _, cut, doi = next((f for f in found if f[0]), found[0])
    longer = sorted((d for _, _, d in found if d.startswith(doi) and d != doi), key=len)
    # The same DOI printed whole elsewhere (a running foot) completes one broken at a line end.
    return longer[0] if cut and longer else doi


def _first_run(paras: list[Para], kind: str) -> list[Para]:
    """The first consecutive run of paragraphs of a kind (footnotes in between are skipped)."""
    run: list[Para] = []
    for p in paras:
        if p.kind == kind:
            run.append(p)
        elif run and p.kind not in ("footnote", "front_matter"):
            break
    return run


def _journal_and_date(doc: Document, paras: list[Para], margins: list[str]) -> None:
    """Journal name and publication date from source lines, running heads and dated lines."""
    source = next((p.text for p in paras if re.search(r"\bSource\s*:", p.text)), "")
    m = re.search(r"\bSource\s*:\s*([^(\n]+?)\s*\(([^)]*)\)", source)
    if m:
        doc.journal = m.group(1).strip()
        doc.published = parse_date(m.group(2))
    if not doc.journal:
        for text in margins:
            if _JOURNAL_WORDS.search(text) and not re.fullmatch(r"[\d\s/:.\-]+", text):
                # A running head may go on with a URL or a date after a bar: the name comes first.
                name = re.split(r"\s[|｜]\s|https?://", text)[0]
                # Some heads print "A. Author, B. Author/Journal 617 (2014) 444–454": the names go.
                name = name.split("/", 1)[1] if "/" in name and split_authors(name.split("/")[0]) else name
                doc.journal = _VOLUME.sub("", name).strip(" ,.")
                if doc.journal:
                    break
    if not doc.published:
        # Journals print "Received … Published …" in small type on page one, where it reads as a footnote.
        first = paras[0].page if paras else 1
        kinds = ("front_matter", "author", "affiliation")
        # Side columns (PLOS) may be read as short body lines of page one.
        front_text = [
            p.text
            for p in paras
            if p.kind in kinds or (p.page == first and (p.kind == "footnote" or len(p.text) < 160))
        ]
        for text in front_text:
            m = re.search(r"published(?: online)?\s*[:：]?\s*(.{6,40})", text, re.IGNORECASE)
            if m and parse_date(m.group(1)):
                doc.published = parse_date(m.group(1))
                break
    if doc.published:
        doc.year = int(doc.published[:4])
        return
    for text in margins + [p.text for p in paras if p.kind == "front_matter"]:
        m = _YEAR.search(text)
        if m:
            doc.year = int(m.group(1))
            doc.published = m.group(1)
            return
