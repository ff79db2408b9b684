"""One vocabulary for the whole core: months, list labels, CJK ranges, numerals, back matter, stop words,
front-matter labels, issuing bodies and document kinds.

Every module that needs one of these tables imports it from here, so a correction (a month spelling,
a list-label style, a back-matter heading) is made once and holds everywhere.
"""

from __future__ import annotations

import re

# --- CJK ranges --------------------------------------------------------------------------------------
# Ranges are strings so patterns can embed them in a character class: f"[{HAN_RANGE}]{{2,4}}".
HAN_BASIC_RANGE = "\u4e00-\u9fff"  # CJK Unified Ideographs (nearly all modern Chinese text)
HAN_RANGE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # plus Extension A and Compatibility Ideographs
CJK_SYMBOLS_RANGE = "\u3000-\u303f"  # ideographic space and punctuation: 、。《》「」
FULLWIDTH_RANGE = "\uff00-\uffef"  # full-width forms: ，：；（）
CJK_SCRIPT_RANGE = "\u2e80-\u9fff"  # radicals, kana, bopomofo and ideographs: every East Asian script block
HAN_CLASS = f"[{HAN_RANGE}]"
HAN_BASIC_CLASS = f"[{HAN_BASIC_RANGE}]"
HAN = re.compile(HAN_CLASS)  # one Han ideograph
HAN_BASIC = re.compile(HAN_BASIC_CLASS)
CJK_CHAR = re.compile(f"[{CJK_SCRIPT_RANGE}\uf900-\ufaff{CJK_SYMBOLS_RANGE}{FULLWIDTH_RANGE}]")


def is_cjk(ch: str) -> bool:
    """Return True for CJK ideographs and full-width punctuation (characters set without spaces)."""
    # Every range of CJK_CHAR lies above U+2E80: a plain comparison settles Latin text cheaply.
    return ch >= "\u2e80" and bool(CJK_CHAR.match(ch))


def has_han(text: str) -> bool:
    """True when the text contains at least one Chinese character."""
    return HAN_BASIC.search(text) is not None


# --- Compatibility characters --------------------------------------------------------------------------
# Code points that stand for ordinary characters. NFKC folds them onto the unified ideograph or the
# letters; it is applied to these ranges only, so full-width forms, superscripts and the like stay as printed.
CJK_RADICALS_RANGE = "\u2e80-\u2fdf"  # CJK Radicals Supplement and Kangxi Radicals
HAN_COMPATIBILITY_RANGE = "\uf900-\ufaff\U0002f800-\U0002fa1f"  # CJK Compatibility Ideographs (+ Supplement)
LATIN_LIGATURES_RANGE = "\ufb00-\ufb06"  # ff fi fl ffi ffl ſt st of Alphabetic Presentation Forms
COMPATIBILITY_CHAR = re.compile(f"[{CJK_RADICALS_RANGE}{HAN_COMPATIBILITY_RANGE}{LATIN_LIGATURES_RANGE}]")
# The f-ligatures (letters -> code point) that fonts draw as one glyph.
F_LIGATURES = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04"}
# TeX's DC/EC fonts converted without a ToUnicode map decode their ligature slots through WinAnsi
# ("in‡ation", "…nd", "coe¢ cient", "di¤erent"): in those fonts only, these symbols are the ligatures.
TEX_FONT = r"^(?:[A-Z]{6}\+)?(?:dc|ec)(?:r|ti|bx|sl|ss|tt|cc|b|bi)\d+"
TEX_LIGATURE_STAND_INS = {"\u2026": "fi", "\u2021": "fl", "\u00a2": "ffi", "\u00a4": "ff", "\u00a5": "ffl"}

# --- Hyphens and bullets -------------------------------------------------------------------------------
# A hyphen the producer marked as a line-end break (soft hyphen, or the U+FFFE some tools write).
SOFT_HYPHENS = ("\u00ad", "\ufffe")
# Every hyphen that may end a line inside a word (U+2010 is the typographic hyphen).
BREAK_HYPHENS = ("-", "\u2010", *SOFT_HYPHENS)
# Bullets that are punctuation rather than symbols in Unicode's categories.
BULLETS = frozenset("•‣⁃∙◦·")

# --- Months --------------------------------------------------------------------------------------------
# English month names with their abbreviations, in calendar order.
MONTHS_EN: tuple[tuple[str, ...], ...] = (
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May",),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sep", "Sept"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
)
MONTH_NAMES = tuple(names[0] for names in MONTHS_EN)  # full English names, capitalised
MONTH_ABBREVIATIONS = tuple(a for names in MONTHS_EN for a in names[1:])
# Regex alternation of every English spelling, longest first so "Sept" wins over "Sep".
MONTH_ALTERNATION = "|".join(sorted((n for names in MONTHS_EN for n in names), key=len, reverse=True))
MONTH = rf"(?:{MONTH_ALTERNATION})\.?"  # a month as printed, with an optional abbreviation stop
# Chinese month names (written with numerals; documents mostly print "3月").
ZH_DIGITS = "零一二三四五六七八九"  # index = value
ZH_ONE_TO_TEN = "一二三四五六七八九十"  # list and heading numerals; index + 1 = value
MONTHS_ZH = tuple(f"{ZH_ONE_TO_TEN[i] if i < 10 else '十' + ZH_DIGITS[i - 9]}月" for i in range(12))
# Lower-cased English spelling or Chinese month name -> month number.
MONTH_NUMBER: dict[str, int] = {
    **{n.lower(): i for i, names in enumerate(MONTHS_EN, start=1) for n in names},
    **{name: i for i, name in enumerate(MONTHS_ZH, start=1)},
}

# --- Ordinals -----------------------------------------------------------------------------------------
# English ordinal words; index + 1 = value.
_ORDINALS_EN_TEXT = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
ORDINALS_EN = tuple(_ORDINALS_EN_TEXT.split())

# --- Chinese numerals ----------------------------------------------------------------------------------
ZH_DIGITS_TO_TEN = ZH_DIGITS + "十"  # index = value, 零 .. 十
ZH_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"  # every character of a spelled-out Chinese number
ZH_LABEL_NUMERAL = f"[{ZH_ONE_TO_TEN}]"  # the numeral of a list label: 一 .. 十

# --- List labels ---------------------------------------------------------------------------------------
# The labels that open a numbered heading or list item, by style. Each pattern is anchored at the start,
# captures the label as printed in group "label" and its number in group "n", and consumes the space after.
LIST_LABELS: dict[str, re.Pattern[str]] = {
    # 1.  3.1.2  2 (a dot, or a space / bold marker after the number)
    "arabic": re.compile(r"^(?P<label>(?P<n>\d{1,2}(?:\.\d{1,2})*)(?:\.|(?=[\s*])))\**\s*(?=\S)"),
    "paren-arabic": re.compile(r"^(?P<label>[(（]\s*(?P<n>\d{1,2})\s*[)）])\s*"),  # (1) （1）
    "paren-alpha": re.compile(r"^(?P<label>[(（]\s*(?P<n>[A-Z])\s*[)）])\s*"),  # (A)
    "paren-lower": re.compile(r"^(?P<label>[(（]\s*(?P<n>[a-h])\s*[)）])\s*"),  # (a)
    "cn": re.compile(rf"^(?P<label>(?P<n>{ZH_LABEL_NUMERAL}{{1,3}})\s*[、.])\s*"),  # 一、 十二、
    # (一) （一）
    "cn-paren": re.compile(rf"^(?P<label>[(（]\s*(?P<n>{ZH_LABEL_NUMERAL}{{1,3}})\s*[)）])\s*"),
    "alpha": re.compile(r"^(?P<label>(?P<n>[A-H])\.)\s+(?=[A-Z])"),  # A. Title
    "roman": re.compile(r"^(?P<label>(?P<n>[IVX]{1,5})\.)\s+"),  # IV. Title
    "circled": re.compile(r"^(?P<label>(?P<n>[\u2460-\u2473]))\s*"),  # ① .. ⑳
    # 1．数据  1.“…  (a full-width or ASCII stop set tight against Chinese text)
    "arabic-cjk": re.compile(rf"^(?P<label>(?P<n>\d{{1,2}})[．.])\s*(?=[{HAN_BASIC_RANGE}“])"),
}

# --- Back matter ---------------------------------------------------------------------------------------
# Headings of a reference list, then of the other sections that follow a paper's body.
REFERENCE_HEADINGS = ("references?", "bibliography", "works cited", "参考文献")
BACK_MATTER_HEADINGS = (
    *REFERENCE_HEADINGS,
    "acknowledge?ments?",
    "funding(?: statement)?",
    "author contributions?",
    "conflicts? of interests?",
    "availability of data(?: and materials)?",
    "data availability",
    "appendix(?: [A-Z])?",
    "notes",
    "附录",
    "致谢",
)
# Headings of a paper's closing section (IMRaD and Chinese journal outlines: 结论, 结语, 研究结论).
CONCLUSION_HEADING = re.compile(r"\bconclu(?:sion|sions|ding)\b|\bsummary\b|结论|结语|总结", re.IGNORECASE)
REFERENCE_HEADING = re.compile(rf"^(?:{'|'.join(REFERENCE_HEADINGS)})\s*[:：]?$", re.IGNORECASE)
BACK_MATTER_START = re.compile(rf"^(?:{'|'.join(BACK_MATTER_HEADINGS)})", re.IGNORECASE)
# Reference-list headings as compared by the reference-list reader: lower case, spaces removed, so the
# spaced and letter-spaced forms ("R E F E R E N C E S", "参 考 文 献") match too.
REFERENCE_LIST_HEADINGS = frozenset(
    (
        "reference",
        "references",
        "bibliography",
        "selectedbibliography",
        "workscited",
        "literaturecited",
        "referencescited",
        "参考文献",
        "主要参考文献",
        "参考书目",
        "引用文献",
        "referencesandnotes",
        "notesandreferences",
        "注释与参考文献",
        "注释和参考文献",
        "参考文献与注释",
        "referencelist",
        "listofreferences",
        "参考资料",
    )
)
# Headings of notes that hold a reference list only sometimes (Chinese papers' 注释 may be endnotes).
REFERENCE_NOTE_HEADINGS = frozenset(("注释", "尾注"))
# Headings that end a reference list: the back matter printed after it (compared the same way).
REFERENCE_LIST_ENDS = re.compile(
    r"^(?:appendix|appendices|附录|作者简介|\[作者简介\]|【作者简介】|aboutthe?authors?|authorbiograph|"
    r"biograph|acknowledge?ments?|致谢|supplementary|onlineappendix|tables?$|figures?$|dataavailability|"
    r"funding|conflicts?ofinterests?|competinginterests?|declarationof|authorcontributions?|abbreviations$|"
    r"glossary$|index$|endnotes$|notes$)",
    re.IGNORECASE,
)
# Document types of GB/T 7714 entries ("[J]" journal, "[M]" book, "[EB/OL]" online ...).
REFERENCE_TYPE_MARKS = ("J", "M", "N", "C", "D", "R", "S", "P", "A", "Z", "G", "K", "EB/OL", "J/OL", "M/OL")
REFERENCE_TYPE_MARKS += ("N/OL", "C/OL", "R/OL", "DB", "DB/OL", "CP", "CP/DK", "EB", "OL", "Z/OL")
# Common Chinese family names in pinyin: a name list led by them is printed family name first
# ("Zhou Wen and Yang Zhengyuan"), not given name first as in "Iz Beltagy and Kyle Lo".
_PINYIN_SURNAMES_TEXT = (
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie "
    "song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding "
    "ren shen yao zhong jin cui qiu fan shi fang kong bai qin gu hou shao meng long wan duan lei qian yin "
    "yi chang qiao lai gong wen pang fu xue yan niu zou tan jia xiong mao hao kang ni ou"
)
PINYIN_SURNAMES = frozenset(_PINYIN_SURNAMES_TEXT.split())

# --- Stop words ----------------------------------------------------------------------------------------
# English function words that end a noun phrase read backwards from a number.
_STOP_WORDS_TEXT = (
    "of in to for by with and or the a an is are was were has had have be been on at as from that "
    "this these which who will would can could may might than its their any using used a total "
    "quantity amount level rate number no not"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Capitalised words that open a sentence rather than a document's title ("The", "In", "By").
SENTENCE_OPENERS = frozenset({"The", "This", "That", "These", "Those", "It", "In", "On", "At", "From", "By"})


# --- Front matter and document kinds -------------------------------------------------------------------
# Publishers' labels, the words public bodies are named with and the words that name a kind of document.
# Article-type labels and badges printed above a paper's title; never the title itself.
LABELS = re.compile(
    r"^(?:(?:original|research|review|short|brief|invited|technical)\s*)?"
    r"(?:article|paper|research|communication|report|letter|note|review)s?$"
    r"|^(?:open\s*access|editorial|perspective|commentary|case\s*report|mini[- ]?review|preprint|"
    r"contents\s*lists?\s*available.*|check\s*for\s*updates|research\s*articles?|original\s*research)$"
    r"|^(?:\S+\s+){0,3}(?:working|discussion|occasional|policy\s+research)\s+papers?(?:\s+series)?$",
    re.IGNORECASE,
)
# Blocks that open a section or list the contents are never a document's title: "CONTENTS", "目录",
# "1. Establish …", "一、发展形势", "（一）…", "第一章 …" (numbered headings of memoranda, plans and reports).
NOT_A_TITLE = re.compile(
    r"^(?:table\s+of\s+)?contents$|^目\s*录$"
    r"|^(?:\d{1,2}(?:\.\d{1,2})*(?:[.．、]\s*|\s+)(?![\d年月%])|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|第[一二三四五六七八九十百]+[章节部分条])",
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
_BODY_HEADS_TEXT = (
    "Authority Commission Department Ministry Office Agency Council Bureau Board Committee Parliament "
    "Government Group Assembly Administration Secretariat Treasury Fund Bank Regulator Senate Congress"
)
BODY_HEADS = tuple(_BODY_HEADS_TEXT.split())
# Words of a document's or an institution's name, never of a person's: a line made of capitalised words
# ("Economic Brief", "Working Paper Series", "Federal Reserve Bank") is no byline when it holds one.
_NOT_NAME_TEXT = (
    "Economic Economics Brief Briefs Series Paper Papers Working Discussion Analyst Global Research "
    "Report Reports Review Journal Letter Letters Note Notes Bulletin Studies Study Press University "
    "Institute School College Centre Center Reserve Federal National International Division Program "
    "Programme Policy Policies Statistics Affairs Team Abstract Introduction Summary Contents Chapter "
    "Section Appendix Table Figure Keywords Acknowledgements Draft Public Comment Version Edition Update "
    "Guidance Strategy Framework Act Memorandum Executive Director Secretary Inflation Expectations "
    "Market Markets Growth Artificial Intelligence Data Digital Economy Bureau Online Home Publications "
    "Download Copyright Rights Reserved Unofficial Translation Official Journal"
)
NOT_NAME_WORDS = frozenset(w.lower() for w in (*BODY_HEADS, *_NOT_NAME_TEXT.split()))
ZH_NOT_NAMES = frozenset({"作者", "摘要", "关键词", "引言", "通讯作者", "基金项目", "收稿日期", "中图分类号"})
# An office that issues documents in its own name, printed alone on a cover line.
SOLE_ISSUER = re.compile(r"^(?:the\s+)?(?:president|prime minister|governor|mayor)$", re.IGNORECASE)
BODY_CONNECTORS = ("of", "for", "on", "and", "&")
# Capitalised words that open a sentence rather than a body's name.
BODY_LEADING = SENTENCE_OPENERS | {"For", "Our", "With", "Under", "To", "And", "Of", "A", "An"}
# Chinese names of public bodies: a top organ alone, or any name ending in an organ suffix.
ZH_BODY_SUFFIXES = ("办公厅", "办公室", "委员会", "总局", "部", "局", "署", "银行")
ZH_BODY = re.compile(
    r"(?:中共中央|国务院|全国人民代表大会常务委员会|全国人大常委会)(?:办公厅|办公室)"
    rf"|(?:中华人民共和国)?{HAN_BASIC_CLASS}{{1,14}}?(?:{'|'.join(ZH_BODY_SUFFIXES)})"
    r"|中共中央|国务院|全国人民代表大会常务委员会|全国人大常委会|全国人民代表大会"
)
# In running text, bodies that issue a policy or are named to act on one also include offices, plurals and
# research or civil bodies; cover lines leave these out, since a paper's affiliations are named with them
# (source: Chinese, UK, EU and US government styles in English: "the Secretary of Commerce shall …").
EN_ORG_HEADS = (
    *BODY_HEADS,
    *("Ministries", "Cabinet", "Unit", "Secretary", "Member States"),
    *("University", "Academy", "Institute", "Federation", "Association", "Center", "Centre"),
)
# …and in Chinese, groups, departments and governments (…领导小组, 有关部门, …人民政府, …中心, …院), longest
# first so 部门 wins over 部 (source: 国务院 plan style: "由…牵头", "各地区各部门").
_ZH_ACTING_SUFFIXES = ("领导小组", "部门", "政府", "中心", "厅", "院", "委")
ZH_ORG_SUFFIXES = tuple(
    sorted(dict.fromkeys((*ZH_BODY_SUFFIXES, *_ZH_ACTING_SUFFIXES)), key=len, reverse=True)
)

# The title of a Chinese notice that issues (印发) or forwards (转发) another document.
ZH_NOTICE = re.compile(
    r"^(?P<who>.*?)(?P<about>关于)?(?:印发|转发|发布)了?(?:(?P<what>.+?)(?P<notice>的通知|的决定)|(?P<named>《.+》))$"
)

# Words of an affiliation line under a byline (a university, institute, laboratory …).
AFFILIATION_WORDS = re.compile(
    r"universit|college|school|institut|department|academy|laborator|centre|center|faculty|"
    r"大学|学院|研究所|研究院|中心|实验室",
    re.IGNORECASE,
)

# A page printed from a browser carries the page's title "Headline_Section_Site (www.site)" in its running
# head (source: gov.cn and ministry sites print "…_国务院部门文件_中国政府网 (www.gov.cn)").
WEB_CAPTURE_SUFFIX = re.compile(
    r"(?:\s*[_｜|]\s*[^_｜|]{1,40}?){1,3}\s*(?:[《(（]?\s*www\.[\w.-]+\s*[)）]?|政府网|门户网站|网站)\s*$"
)

# A promulgation decree opens the instrument it promulgates: its header ("Decree of the State Council
# … No. 790", "国务院令 第790号") is no title; the sentence that promulgates names the work.
DECREE_HEADER = re.compile(r"^(?:decree|order)\s+of\s+the\s+.+?\bno\.?\s*\d+$|令\s*第\s*\d+\s*号$", re.I)
PROMULGATES = re.compile(
    r"^(?:the\s+)?(?P<what>[^,，]{4,160}?),\s+(?:which\s+(?:was|were)\s+)?adopted\b.{0,300}?\b(?:is|are)\s+"
    r"hereby\s+(?:promulgated|issued|published)|^《(?P<zh>[^》]{2,80})》(?:已经|经).{0,120}?(?:现予公布|予以公布|现予发布)",
    re.I,
)

# A Chinese title that names its issuers: "中共中央 国务院关于…的意见", "国务院办公厅关于…的指导意见".
ZH_TITLE_ISSUER = re.compile(
    rf"^(?P<who>.+?)关于.+的{HAN_BASIC_CLASS}{{0,4}}?(?:意见|决定|通知|批复|公告|规定|办法|决议|复函)$"
)

# Document numbers as printed on the first page.
DOCUMENT_NUMBER = re.compile(
    rf"{HAN_BASIC_CLASS}{{1,8}}[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*\d{{1,4}}\s*号"  # 国发〔2016〕73号
    r"|令\s*第\s*\d{1,4}\s*号"  # ...令第15号
    r"|\bExecutive Order\s+\d{4,6}\b"
    r"|^M-\d{2}-\d{2}$"  # a US OMB memorandum number on a line of its own (M-24-10)
    r"|\bCOM\s*\(\s*\d{4}\s*\)\s*\d{1,4}(?:\s+final)?"
    r"|\b(?:Regulation|Directive|Decision)\s+\((?:EU|EC|EEC)\)\s+(?:No\s+)?\d{2,4}/\d{1,4}"
    r"|\b(?:Public Law|Pub\. L\.)\s+\d{2,3}[–-]\d{1,4}"
    r"|\bWP/\d{2}/\d{1,4}\b"
    r"|\b(?:CP|PS|FG|DP)\s?\d{2}/\d{1,2}\b(?=.*\b(?:consultation|policy statement|guidance)\b)",
    re.IGNORECASE,
)

# The subject line of a memorandum, which is its title ("SUBJECT: Advancing Governance …").
# It may share a paragraph with the "MEMORANDUM FOR" and "FROM:" lines above it.
MEMO_SUBJECT = re.compile(r"(?:^|\s)(?:SUBJECT|Subject|RE|Re)\s*[:：]\s*(?P<title>\S.{5,300})$", re.DOTALL)
MEMORANDUM = re.compile(r"\bmemorandum\b", re.IGNORECASE)
# US federal memoranda: the SUBJECT label alone (its text tabbed beside it), whom the memo is addressed to,
# and the FROM: label or OMB number that mark a memo whose letterhead is a picture.
MEMO_SUBJECT_LABEL = re.compile(r"^(?:SUBJECT|Subject|RE|Re)\s*[:：]$")
MEMO_ADDRESSEES = re.compile(r"^(?:MEMORANDUM\s+FOR|TO\s*[:：]|FOR\s*[:：])", re.IGNORECASE)
MEMO_FROM = re.compile(r"^(?:FROM\s*[:：]|M-\d{2}-(?:\d{2}|NN)\b)")
# An archive's cover sheet in front of a downloaded article (JSTOR: "Stable URL:", "Source:", "Author(s):").
ARCHIVE_SHEET = re.compile(r"\bStable URL\s*:|\bJSTOR\b|^Source\s*:")
# A Chinese official document's red banner names its issuer: "武汉市人民政府文件".
ZH_RED_HEADER = re.compile(rf"^{HAN_BASIC_CLASS}{{4,30}}文件$")

# Cues of a kind of document, looked for in the title and first page.
POLICY_TITLE = re.compile(
    r"通知|意见|规划|纲要|办法|条例|规定|决定|方案|计划|战略|指南|指引|法$|细则|公告|令$"
    r"|\b(?:executive order|act|bill|regulations?|directive|guidelines?|strategy|policy|framework|"
    r"action plan|white paper|roadmap|code of practice|decree|ordinance)\b",
    re.IGNORECASE,
)
# Report series, including the research publications of central banks and banks (Economic Brief,
# Economic Letter, Global Economics Analyst), whose issues are reports even when a public body prints them.
REPORT_TITLE = re.compile(
    r"\b(?:working papers?|discussion papers?|report|index|survey|outlook|occasional papers?|"
    r"policy brief|technical note|economic (?:brief|letter|commentary)|economics analyst|"
    r"research (?:brief|note))\b"
    r"|\bWP/\d|报告|指数|蓝皮书|白皮书",
    re.IGNORECASE,
)
# How a document names itself in its text: "this report", "the present study", "this paper", "本文",
# "this guidance", "these regulations", "本办法". A body that issues reports (a development bank, a
# think tank) is no sign of a policy when the text calls itself a report.
SELF_REFERENCE = re.compile(
    r"\b(?:this|the\s+present)\s+(?P<report>report|study|volume|review|assessment|survey)\b"
    r"|\b(?:this|the\s+present)\s+(?P<paper>paper|article)\b|(?P<zh_paper>本文)"
    r"|\b(?:this|these)\s+(?P<policy>policy|guidance|memorandum|directive|order|regulations?|act|strategy|"
    r"plan|framework|guidelines?|circular|notice)\b|本(?P<zh_policy>办法|规划|条例|规定|意见|通知|方案|计划|细则|措施|纲要)",
    re.IGNORECASE,
)
# A research series whose issues are papers by named authors (IMF, NBER, World Bank working papers).
SERIES_PAPER = re.compile(r"\b(?:working|discussion)\s+papers?\b|\bWP/\d", re.IGNORECASE)
ZH_ARTICLE = re.compile(r"第[一二三四五六七八九十百零]+条")
EFFECTIVE = re.compile(
    r"(?:起施行|起实施|起生效|effective\s+(?:from|on|as\s+of)?|enters?\s+into\s+force)", re.I
)
ISSUED = re.compile(
    r"(?:made public|published|issued|adopted|signed|dated|发布|印发|公布|通过)\s*(?:on|于|：|:)?\s*$", re.I
)
# Jurisdiction from the issuer, title or first page; the first pattern that matches wins.
JURISDICTIONS = (
    (re.compile(rf"中华人民共和国|中共中央|国务院|{HAN_BASIC_CLASS}(?:部|委员会|总局|办公厅)"), "CN"),
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


# --- Joining lines -------------------------------------------------------------------------------------
_WORD_END = re.compile(r"[A-Za-z]+$")
_WORD_START = re.compile(r"[A-Za-z]+")


def join_lines(texts: list[str], vocab: set[str] | None = None) -> str:
    """Join line texts into one paragraph: de-hyphenate, no spaces around CJK, else a single space."""
    out = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if not out:
            out = text
            continue
        if out.endswith(BREAK_HYPHENS) and len(out) > 1 and out[-2].isalpha() and text[0].isalpha():
            out = _dehyphenate(out, text, vocab or set())
        elif is_cjk(out[-1]) or is_cjk(text[0]) or out.endswith(("–", "—", "/")):
            out += text
        else:
            out += " " + text
    return out


def _dehyphenate(left: str, right: str, vocab: set[str]) -> str:
    """Join a line ending in a hyphen to the next line, keeping the hyphen of real compounds."""
    if left.endswith(SOFT_HYPHENS):
        return left[:-1] + right
    head = _WORD_END.search(left[:-1])
    tail = _WORD_START.match(right)
    if head and tail:
        joined = (head.group(0) + tail.group(0)).lower()
        compound = (head.group(0) + "-" + tail.group(0)).lower()
        if joined not in vocab and (compound in vocab or right[0].isupper()):
            return left[:-1] + "-" + right
    elif right[0].isupper():
        return left + right
    return left[:-1] + right


# --- English number words ------------------------------------------------------------------------------
# Cardinals as policy and legal English spells them ("within thirty days", "seven members"); index = value.
_NUMBERS_EN_TEXT = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_TENS_EN_TEXT = "thirty forty fifty sixty seventy eighty ninety"
NUMBERS_EN: dict[str, int] = {word: i for i, word in enumerate(_NUMBERS_EN_TEXT.split())} | {
    word: 10 * i for i, word in enumerate(_TENS_EN_TEXT.split(), start=3)
}
