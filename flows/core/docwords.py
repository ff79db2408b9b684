"""The one word list for front matter and document kinds: labels, banners, issuing bodies, kind cues.

Every entry is about documents in general (publishers' labels, the words public bodies are named
with, the words that name a kind of document); nothing here names one file.
"""

from __future__ import annotations

import re

# Article-type labels and badges printed above a paper's title; never the title itself.
LABELS = re.compile(
    r"^(?:(?:original|research|review|short|brief|invited|technical)\s*)?"
    r"(?:article|paper|research|communication|report|letter|note|review)s?$"
    r"|^(?:open\s*access|editorial|perspective|commentary|case\s*report|mini[- ]?review|preprint|"
    r"contents\s*lists?\s*available.*|check\s*for\s*updates|research\s*articles?|original\s*research)$"
    r"|^(?:\S+\s+){0,3}(?:working|discussion|occasional|policy\s+research)\s+papers?(?:\s+series)?$",
    re.IGNORECASE,
)
# A journal's name in its banner ("Journal of ...", "... Letters"); a title only when nothing else is.
JOURNAL_BANNER = re.compile(
    r"^(?:the\s+)?(?:journal|annals|proceedings|transactions|bulletin|archives|reviews?)\s+(?:of|on|in)\b"
    r"|\b(?:journal|letters|quarterly|magazine|学报|杂志)$",
    re.IGNORECASE,
)
# Volume, issue or year markers that make a header line a citation banner.
VOLUME_MARK = re.compile(
    r"\bvol(?:ume)?\.?\s*\d|\bno\.\s*\d|\(\d{4}\)|\d{4}\s*年\s*第|\b(?:19|20)\d\d\b", re.I
)

# English names of public bodies: one of these head words inside a capitalised phrase.
BODY_HEADS = (
    "Authority",
    "Commission",
    "Department",
    "Ministry",
    "Office",
    "Agency",
    "Council",
    "Bureau",
    "Board",
    "Committee",
    "Parliament",
    "Government",
    "Group",
    "Assembly",
    "Administration",
    "Secretariat",
    "Treasury",
    "Fund",
    "Bank",
    "Regulator",
    "Senate",
    "Congress",
)
# An office that issues documents in its own name, printed alone on a cover line.
SOLE_ISSUER = re.compile(r"^(?:the\s+)?(?:president|prime minister|governor|mayor)$", re.IGNORECASE)
BODY_CONNECTORS = ("of", "for", "on", "and", "&")
# Capitalised words that open a sentence rather than a body's name.
BODY_LEADING = (
    "The",
    "This",
    "By",
    "In",
    "At",
    "For",
    "From",
    "Our",
    "With",
    "Under",
    "To",
    "And",
    "Of",
    "A",
    "An",
)
# Chinese names of public bodies: a top organ alone, or any name ending in an organ suffix.
ZH_BODY = re.compile(
    r"(?:中共中央|国务院|全国人民代表大会常务委员会|全国人大常委会)(?:办公厅|办公室)"
    r"|(?:中华人民共和国)?[\u4e00-\u9fff]{1,14}?(?:办公厅|办公室|委员会|总局|部|局|署|银行)"
    r"|中共中央|国务院|全国人民代表大会常务委员会|全国人大常委会|全国人民代表大会"
)

# The title of a Chinese notice that issues (印发) or forwards (转发) another document.
ZH_NOTICE = re.compile(
    r"^(?P<who>.*?)(?P<about>关于)?(?:印发|转发|发布)了?(?:(?P<what>.+?)(?P<notice>的通知|的决定)|(?P<named>《.+》))$"
)

# A Chinese title that names its issuers: "中共中央 国务院关于…的意见".
ZH_TITLE_ISSUER = re.compile(r"^(?P<who>.+?)关于.+的(?:意见|决定|通知|批复|公告|规定|办法)$")

# Document numbers as printed on the first page.
DOCUMENT_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*\d{1,4}\s*号"  # 国发〔2016〕73号
    r"|令\s*第\s*\d{1,4}\s*号"  # ...令第15号
    r"|\bExecutive Order\s+\d{4,6}\b"
    r"|\bCOM\s*\(\s*\d{4}\s*\)\s*\d{1,4}(?:\s+final)?"
    r"|\b(?:Regulation|Directive|Decision)\s+\((?:EU|EC|EEC)\)\s+(?:No\s+)?\d{2,4}/\d{1,4}"
    r"|\b(?:Public Law|Pub\. L\.)\s+\d{2,3}[–-]\d{1,4}"
    r"|\bWP/\d{2}/\d{1,4}\b"
    r"|\b(?:CP|PS|FG|DP)\s?\d{2}/\d{1,2}\b(?=.*\b(?:consultation|policy statement|guidance)\b)",
    re.IGNORECASE,
)

# Cues of a kind of document, looked for in the title and first page.
POLICY_TITLE = re.compile(
    r"通知|意见|规划|纲要|办法|条例|规定|决定|方案|计划|战略|指南|指引|法$|细则|公告|令$"
    r"|\b(?:executive order|act|bill|regulations?|directive|guidelines?|strategy|policy|framework|"
    r"action plan|white paper|roadmap|code of practice|decree|ordinance)\b",
    re.IGNORECASE,
)
REPORT_TITLE = re.compile(
    r"\b(?:working papers?|discussion papers?|report|index|survey|outlook|occasional papers?|"
    r"policy brief|technical note)\b|\bWP/\d|报告|指数|蓝皮书|白皮书",
    re.IGNORECASE,
)
ZH_ARTICLE = re.compile(r"第[一二三四五六七八九十百零]+条")
EFFECTIVE = re.compile(
    r"(?:起施行|起实施|起生效|effective\s+(?:from|on|as\s+of)?|enters?\s+into\s+force)", re.I
)
ISSUED = re.compile(
    r"(?:made public|published|issued|adopted|signed|dated|发布|印发|公布|通过)\s*(?:on|于|：|:)?\s*$", re.I
)
# Jurisdiction from the issuer, title or first page; the first pattern that matches wins.
JURISDICTIONS = (
    (re.compile(r"中华人民共和国|中共中央|国务院|[\u4e00-\u9fff](?:部|委员会|总局|办公厅)"), "CN"),
    (re.compile(r"\bEuropean (?:Commission|Parliament|Union|Council)\b|\bEU\b"), "EU"),
    (re.compile(r"\bExecutive Order\b|\bFederal Register\b|\bUnited States\b|\bU\.S\.C?\b"), "US"),
    (re.compile(r"\bHM Government\b|\bUnited Kingdom\b|\bUK\b|\bParliament of the UK\b"), "GB"),
)
# Cues of a peer-reviewed paper on its first pages.
PEER_REVIEW = re.compile(
    r"\b(?:received|accepted|revised|published online|peer[- ]review(?:ed)?|editor|citation)\s*[:：]"
    r"|收稿日期|修回日期|基金项目|通讯作者",
    re.IGNORECASE,
)
