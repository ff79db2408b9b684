"""The extractors' cue words: what tells the parts of policy documents and their recommendations apart.

Each list names where its words come from; the lists describe document genres, never one file. Words of
general use (months, list labels, section headings, names of public bodies) live in flows/core/vocabulary.py.
"""

from __future__ import annotations

from flows.core.vocabulary import BODY_HEADS, HAN_BASIC_CLASS, ZH_ORG_SUFFIXES

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
# Verbs that open the task headings of Chinese plans and opinions ("加快数字基础设施建设", "强化组织实施"); a
# paper's chapters (引言, 文献综述, 实证分析, 结论) open with nouns (source: 国务院 意见/方案/行动计划 style).
ZH_TASK_VERBS = (
    *("加快", "推进", "推动", "加强", "强化", "完善", "建立", "健全", "构建", "提升", "提高", "促进", "深化"),
    *("培育", "发展", "优化", "扩大", "实施", "支持", "鼓励", "夯实", "打造", "拓展", "统筹", "规范", "筑牢"),
    *("激活", "释放", "深入", "全面", "着力", "大力", "积极", "稳步", "持续", "做好", "抓好", "落实"),
)
# English labels that number a document's own actions (source: UK strategies "Action N:", government
# responses and committee reports "Recommendation N").
EN_ACTION_LABELS = ("Action", "Recommendation", "Key action", "Commitment")
# Chinese actors: the State Council, the Party centre, "the departments concerned", or a named public body
# (source: 国务院 plan style, "由…牵头", "各地区各部门"; body names end as in vocabulary.ZH_ORG_SUFFIXES).
ZH_ACTOR = (
    rf"(?:国务院|中共中央|(?:相关|有关)部门"
    rf"|{HAN_BASIC_CLASS}{{1,16}}?(?:{'|'.join(ZH_ORG_SUFFIXES)}))"
)

# --- policy mentions ---------------------------------------------------------------------------
# Titles in 《》 that name reports, periodicals, indexes and books rather than policy documents
# (source: CNKI document-type conventions: 报告, 白皮书/蓝皮书, 年鉴, 杂志/学报/期刊, 指数, 日报).
ZH_NOT_POLICY_SUFFIXES = (
    "报告",
    "白皮书",
    "蓝皮书",
    "年鉴",
    "杂志",
    "学报",
    "期刊",
    "指数",
    "日报",
    "研究",
    "论文集",
    "词典",
    "统计公报",
)
# …except the reports a government delivers as policy (source: 政府工作报告, delivered to the NPC each year).
ZH_POLICY_REPORTS = ("工作报告",)
# Verbs that put a 《》 title into force, so the title is a policy whatever its last word
# (source: 国务院 document style: 实施《…》, 贯彻落实《…》, 根据《…》).
ZH_ENACTING_VERBS = (
    "实施",
    "贯彻",
    "落实",
    "印发",
    "发布",
    "出台",
    "颁布",
    "修订",
    "根据",
    "依据",
    "按照",
    "依照",
    "遵守",
)
# English names of reports, periodicals and indexes, not policy documents (source: publisher genres: annual,
# statistical and research reports, white papers on a topic, journals, reviews, yearbooks, surveys, indexes).
EN_NOT_POLICY = (
    r"^(?:the\s+)?(?:(?:19|20)\d{2}|\d+(?:st|nd|rd|th))\b.*\breports?\b",
    # …or an edition year after it: a serial report ("World Development Report 2021"); a year in brackets
    # only dates a citation ("Final Report (2022)") and says nothing of the kind of document.
    r"\breports?\s+(?:19|20)\d{2}\b",
    r"\b(?:statistical|research|annual|survey)\s+reports?\b",
    r"\b(?:journal|review|yearbook|survey|index|handbook|magazine|proceedings)\b",
    r"\bworking\s+papers?\b",
)
# …and names that are a research institute's report unless a public body issues them: a Commission's or
# a government's white paper is policy, an academy's is not (source: EU and UK white papers; CAICT, IDC).
EN_REPORT_UNLESS_PUBLIC = (r"\bwhite\s+paper\s+on\b",)
# Document references printed after a title, "(CP26/23)", "(FG 16/5)", "(COM(2018)237)" (source: UK FCA/PRA
# and EU numbering: consultation papers, policy statements, finalised guidance, Commission documents).
EN_DOCUMENT_NUMBER = r"\(\s*(?:[A-Z]{2,4}\s?\d{1,4}/\d{1,4}|COM\s*\(\d{4}\)\s*\d+)\s*\)"
# Quoted Chinese names: plans and strategies are documents; actions, projects and initiatives are
# programmes, kept only when the registry knows them
# (source: 国务院 naming: “X”规划/计划 vs “X”行动/工程/战略).
ZH_QUOTED_DOCUMENT_SUFFIXES = ("行动计划", "规划纲要", "规划", "计划", "纲要")
# …and the programme suffixes that follow them in quoted names ("X"专项行动, "X"工程).
ZH_QUOTED_PROGRAMME_SUFFIXES = ("专项行动", "行动", "工程", "倡议", "战略")

# --- recommendations in papers -----------------------------------------------------------------
# Sentences that tell someone what to do (source: the hedged directive forms of policy-implication prose).
DIRECTIVE_SENTENCE = (
    r"\bit\s+is\s+(?:necessary|essential|important|imperative|urgent|advisable)\s+(?:for\s+\w+(?:\s+\w+)?\s+)?to\b"
    r"|\b(?:we|this\s+(?:paper|study))\s+(?:recommend|suggest|propose)s?\b"
    r"|\b(?:(?:local|central|national)\s+)?(?:governments?|policy\s*-?\s*makers|regulators|authorities|countries"
    r"|China|the\s+state)\s+(?:should|must|needs?\s+to|ought\s+to)\b"
    r"|应当|应该|必须|建议"
)
# Openings of a paragraph that is itself a recommendation or a commitment (source: UK select-committee
# reports and government responses, EU communications, US orders: "We recommend that …", "The Government
# will …", "The European Commission will …"; the acting body is any public body of vocabulary.BODY_HEADS).
EN_COMMITMENT_OPENING = (
    r"^(?:We\s+(?:recommend|urge|call\s+on)"
    rf"|The\s+(?:[A-Z][\w-]*\s+){{0,3}}(?:{'|'.join(BODY_HEADS)})\s+(?:will|should|must|intends\s+to))\b"
)
# A paragraph that announces its body's commitments as a list: "The Commission will:", "We will now:".
EN_COMMITMENT_INTRO = r"\b(?:will|shall)(?:\s+[a-z]+){0,2}\s*[:：]\s*$"
# Headings of a paper's method, whose "strategy", "approach" or "path" is how the study was done or how an
# effect travels, not advice (source: the outline of empirical papers: identification strategy, empirical
# approach, research design, mechanism or path analysis; Chinese 路径分析, 作用路径, 影响路径, 传导路径).
METHOD_HEADING = (
    r"\b(?:identification|empirical|estimation|econometric|research|search|sampling|experimental|modell?ing)"
    r"\s+(?:strateg|approach|design|method)"
    r"|\bapproach(?:es)?\s+to\s+(?:measur|estimat|model|identif|test|quantif|evaluat|assess)"
    r"|\b(?:transmission|mediating|mediation|impact|influence|influencing|causal)\s+(?:paths?|pathways?|mechanisms?)"
    r"|\bpath\s+analysis|路径(?:分析|检验)|(?:作用|影响|传导|传递)(?:机制|路径)"
)

# --- statistics: prose that layout labelled otherwise --------------------------------------------
# The label that opens a figure, table or exhibit caption (source: journal, central-bank and investment-bank
# report styles: "Figure 3:", "Fig. 2.", "Table 4 |", "Exhibit 6:", "Chart 1", "Box 2", 图 3, 表 1, 专栏 1).
CAPTION_LABEL = (
    r"^\s*(?:fig(?:ure)?s?\.?|tables?|exhibits?|charts?|box|panel|图|表|专栏)\s*[A-Z]?\d+(?:\.\d+)*[a-z]?"
)
# …and what follows the label when the block discusses the figure rather than titling it: a lower-case verb
# ("Figure 8 shows …", "Fig. 10 are …") or a Chinese verb or locative ("图8展示了…", "图3为…", "表1中…").
CAPTION_DISCUSSED = r"\s*(?:(?-i:[a-z])|为|是|展示|显示|给出|表明|描述|反映|列出|说明|所示|可以|中)"
# Marks of a bibliography entry or a cover's legal lines: never prose with statistics, whatever their layout
# kind (source: GB/T 7714 type codes [J] [C] [M] [EB/OL], APA "et al.", DOIs, licences and citation lines).
REFERENCE_ENTRY = (
    r"\[(?:J|C|M|D|R|S|N|P|Z|A|G|EB/OL|DB/OL|CP/DK)\]|\bet\s+al\b|\bdoi\b|https?://|www\.|©|\bcopyright\b"
    r"|^\s*(?:citation|cite this|how to cite|received|accepted|published|editor)\s*:|^\s*\[\d+\]"
    r"|^\s*\d+\.\s+[A-Z][a-z]+\s+[A-Z]{1,3}[,.]"
)

# --- statistics: counts spelled in words ------------------------------------------------------------
# A spelled number counts things in the world when a quantifier or a clause of composition governs it
# ("up to seven senior officials", "a minimum of three systems", "will consist of seven members") or when it
# counts people or bodies ("Four employees of the Federal Government"); elsewhere "two channels", "three
# layers" and "six domains" are the parts of an argument (source: US memoranda and regulations, papers).
EN_COUNT_CUES_BEFORE = (
    *("up to", "at least", "at most", "no more than", "not more than", "no fewer than", "not fewer than"),
    *("more than", "fewer than", "less than", "over", "nearly", "almost", "about", "around", "approximately"),
    *("some", "a total of", "total of", "minimum of", "maximum of", "consist of", "consists of"),
    *("comprise", "comprises", "composed of", "made up of", "including", "employ", "employs", "employed"),
    *("hire", "hired"),
    *("appoint", "appointed", "appoints", "elect", "elected", "recruit", "recruited", "train", "trained"),
)
# …but the parts of a framework are not counted things even there: "consists of two parts", "four pillars".
EN_PARTS_NOUNS = (
    *("parts", "elements", "components", "pillars", "blocks", "sections", "stages", "steps", "phases"),
    *("types", "kinds", "levels", "dimensions", "categories", "layers", "aspects", "principles", "strands"),
)
# Capitalised plurals that name the parts of a framework rather than members of a body: "the 17 Sustainable
# Development Goals", "the 10 Guiding Principles" (source: UN, OECD and UNESCO instruments and strategies).
EN_FRAMEWORK_NOUNS = (
    *("goals", "objectives", "principles", "values", "pillars", "priorities", "areas", "actions", "targets"),
    *("recommendations", "commitments", "indicators", "chapters", "articles", "sections", "parts", "annexes"),
    *("guidelines", "rules", "steps", "stages", "themes", "missions", "outcomes", "elements", "standards"),
)
EN_COUNTED_PEOPLE = (
    *("members", "employees", "officials", "experts", "staff", "officers", "representatives", "people"),
    *("persons", "individuals", "participants", "judges", "directors", "commissioners", "advisers"),
    *("advisors",),
    *("researchers", "scientists", "engineers", "workers", "students", "teachers", "doctors", "nurses"),
    *("patients", "agencies", "organisations", "organizations", "institutions", "institutes", "universities"),
    *("companies", "firms", "countries", "states", "centres", "centers", "banks", "hospitals", "schools"),
    *("annotators", "respondents", "users", "customers", "households", "citizens", "residents", "children"),
    *("adults", "women", "men", "authors", "reviewers", "raters", "volunteers", "fellows", "professors"),
    *("startups", "enterprises", "provinces", "cities", "municipalities", "ministries"),
)
# Words before a spelled number that make it refer back or pick out, not count: "the two countries",
# "all three studies", "one of the" (source: English determiners and quantifiers).
EN_ANAPHORIC_BEFORE = (
    *("the", "these", "those", "both", "its", "their", "our", "his", "her", "all", "each", "any"),
    *("first", "last", "next", "other", "same", "another", "which", "what", "those"),
)
# Limits and deadlines before "one year", "one month": one of a duration is a statistic only after these
# (source: the deadline and retention clauses of US memoranda, regulations and NHS policies).
EN_LIMIT_BEFORE = (
    *("within", "up to", "at least", "at most", "no more than", "not more than", "not to exceed", "for"),
    *("no later than", "not later than", "minimum of", "maximum of", "period of", "after", "every", "over"),
)

# --- statistics: the horizon of a Chinese plan -------------------------------------------------------
# A five-year plan's name ("十四五" is the 14th, 2021-2025) or a period in the title ("（2024—2028年）") sets
# the year that the plan's figures aim at; document words that make a title a plan (source: 国务院 and
# provincial 规划, 计划, 方案, 纲要, 意见 and 行动 titles).
ZH_PLAN_TITLE_WORDS = ("规划", "计划", "方案", "纲要", "意见", "行动", "工程", "要点")
# Chapters of a plan that look back rather than ahead (source: the standard outline of 规划: 发展基础,
# 背景形势, "十三五"时期取得的成就, 现状与问题).
ZH_PAST_CHAPTER = ("背景", "现状", "形势", "回顾", "成就", "成效", "进展", "发展基础", "现实基础", "发展环境")
# Words that put a clause of a plan in the past or the present, not at its horizon (source: the same plans'
# review passages: 已建成, 截至2020年底, 累计, 目前, 现有).
ZH_NOT_AHEAD = (
    *("已", "截至", "截止", "以来", "累计", "曾", "过去", "此前", "先后"),
    *("目前", "现有", "当前", "现阶段"),
)
# …and words that make the figures after them a quota that recurs (source: the plans' yearly quotas:
# 每年推出不少于100个, 年均增长).
ZH_RECURRING = ("每年", "每季度", "每月", "年均")

# --- recommendations in plans, memoranda and guidance (appended) ---------------------------------
# More framing chapters of Chinese plans: the situation a plan starts from (source: 国务院 and 部委 规划
# outlines: 发展环境, 发展基础, 面临形势, 发展回顾).
ZH_FRAMING_CHAPTER_MORE = ("发展环境", "发展基础", "发展回顾", "规划背景", "编制依据")
# Labels that open an annex (附件) after a plan's text, or a box (专栏) of projects inside a chapter: neither
# holds the plan's measures (source: 国务院 plan style: "附件：1.名词解释", "专栏1 …工程").
ZH_ANNEX_LABEL = ("附件", "附 件")
ZH_BOX_LABEL = ("专栏",)
# The article labels that number a statute's provisions (source: PRC laws and regulations and their English
# translations, EU regulations: "Article 12", 第十二条): a text built of them binds, it does not advise.
STATUTE_ARTICLE = r"^(?:Article\s+\d{1,3}\b|第[一二三四五六七八九十百零〇]+条)"
# A paper naming its own contribution ("this paper proposes a framework", "we suggest a new measure"): the
# verb of advice takes a noun phrase, not a that-clause (source: the abstract and conclusion style of papers).
PAPER_OWN_WORK = (
    r"\b(?:we|this\s+(?:paper|study|article|note))\s+(?:propose|suggest|present|develop)s?\s+"
    r"(?:a|an|the|new|novel|two|three|several|our)\b"
)
# Words that open a list item completing its introduction's sentence as a clause or a noun phrase, not an
# action ("the application should make clear: whether …; how …", "the Panel will consider: the impact …").
EN_NON_ACTION_OPENERS = (
    *("that", "whether", "how", "what", "if", "when", "where", "which", "who", "why"),
    *("the", "a", "an", "any", "its", "their", "his", "her", "this", "these"),
)
# Cues of an introduction that announces advice whatever its items look like (source: papers and reports).
EN_STRONG_ADVICE = r"recommend|suggest|propos|countermeasure|建议|对策"
# Verbs that open an imperative item of a policy list, beyond those of Chinese-policy translations in
# labels.py (source: US OMB memoranda and guidance, UK and EU action lists, OECD and UNESCO
# recommendations: "Notify OMB", "Provide data …", "Comply with …", "Consider …").
EN_ACTION_VERBS = (
    *("acquire", "address", "adhere", "advise", "align", "allocate", "allow", "apply", "appoint", "approve"),
    *("assess", "assign", "avoid", "collaborate", "collect", "communicate", "complete", "comply", "conduct"),
    *("consider", "consult", "continue", "convene", "define", "deliver", "deploy", "designate", "design"),
    *("determine", "document", "empower", "enable", "engage", "evaluate", "examine", "fund", "grant"),
    *("harness", "help", "identify", "include", "incorporate", "inform", "initiate", "inventory", "involve"),
    *("issue", "keep", "lead", "limit", "maintain", "manage", "measure", "migrate", "minimize", "minimise"),
    *("mitigate", "modernize", "modernise", "monitor", "notify", "obtain", "offer", "operate", "oversee"),
    *("pay", "perform", "plan", "post", "prepare", "prevent", "provide", "publish", "recognise", "recognize"),
    *("reduce", "register", "remove", "report", "require", "respect", "retire", "review", "revise", "seek"),
    *("select", "serve", "set", "share", "strive", "submit", "take", "test", "track", "train", "transition"),
    *("update", "use", "validate", "verify", "work", "acknowledge", "adapt", "be", "facilitate"),
)
# A verb of obligation, recommendation or commitment in an item's first sentence (source: the directive
# forms of memoranda, guidance and recommendations: "agencies must", "Members should", "GSA will").
EN_OBLIGATION = (
    r"\b(?:must|shall|should|ought\s+to|needs?\s+to|(?:is|are)\s+(?:required|expected|encouraged|directed)\s+to"
    r"|will\s+(?:be\s+required\s+to|need\s+to)|recommends?)\b"
)
# A deadline that opens a dated directive ("Within 90 days of issuance of this memorandum, GSA will …",
# "By December 1, 2024, agencies must …") (source: US memoranda and executive orders).
EN_DEADLINE_OPENING = (
    r"(?:Within\s+(?:\d{1,3}|one|two|three|four|five|six|nine|twelve|eighteen)\s+(?:days?|weeks?|months?|years?)"
    r"|By\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|MM)(?:\s+(?:\d{1,2}|DD),?)?\s+(?:\d{4}|YYYY)"
    r"|the\s+(?:end|start|beginning)\s+of\s+(?:fiscal\s+year\s+|FY\s?)?\d{2,4}|FY\s?\d{2,4})"
    r"|Beginning\s+(?:in\s+)?(?:the\s+)?(?:\w+\s+quarter\s+of\s+)?(?:fiscal\s+year\s+|FY\s?)?\d{4})\b"
)
# A bare purpose that introduces the numbered steps to take ("To report on such waivers:"); a purpose
# followed by a clause ("To achieve this, the program has several goals:") describes (source: US guidance).
EN_PURPOSE_INTRO = r"^To\s+[a-z]+(?:\s+[\w’'/-]+){0,6}\s*[:：]\s*$"
# An introduction that announces how many items follow, or that actions follow ("in four phases:", "consider
# implementing the following actions in response to …:")
# (source: memoranda and guidance that number their phases, steps, principles or best practices).
EN_COUNTED_INTRO = (
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|the\s+following)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:phases|steps|stages|actions|principles|practices|priorities|pillars|measures|areas|objectives|goals"
    r"|recommendations)\b[^.:]{0,120}[:：]\s*$"
)
# Headings of a paper's review of earlier work, whose recommendations are other authors' (source: IMRaD
# and CNKI outlines: literature review, related work, 文献综述, 国内外研究现状).
LITERATURE_HEADING = (
    r"\bliterature\b|\brelated\s+(?:work|studies|research)\b|\bprevious\s+(?:studies|research|work)\b"
    r"|\bprior\s+(?:work|research)\b|\bstate\s+of\s+the\s+art\b|文献综述|研究综述|文献回顾|研究现状|相关研究"
)
# An introduction that hands a list to another author, body or document ("Smith et al. (2019) recommend:",
# "as suggested by the OECD:", "according to …", "《意见》明确提出：") (source: the citation styles of
# papers and reports, and reports that quote a policy's measures).
THIRD_PARTY_INTRO = (
    r"\bet\s+al\b|\(\s*(?:19|20)\d{2}[a-z]?\s*\)|\b(?:19|20)\d{2}[a-z]?\)\s+(?:recommend|suggest|propose)"
    r"|\baccording\s+to\b|\bas\s+(?:recommended|suggested|proposed|put\s+forward)\s+by\b"
    r"|[（(][^（()）]{1,30}[，,]\s*(?:19|20)\d{2}[）)]|据.{1,20}(?:研究|报告)"
    r"|《[^》]{2,40}》中?(?:提出|指出|明确|要求|强调|部署)[^。]{0,30}[:：]\s*$"
)
# Headings that announce advice in other words than recommendations or measures (source: guidance and
# reports: "Ten best practices for …", "A call to action", "Policy options", "Priorities for action").
EN_ADVICE_HEADING = (
    r"best\s+practices?|call\s+to\s+action|policy\s+options|key\s+actions|the\s+way\s+ahead"
    r"|priorities\s+for\s+action|what\s+(?:policymakers|governments|regulators)\s+(?:should|can|must)\s+do"
)
# Labels that number a document's own areas of action, beyond EN_ACTION_LABELS (source: UNESCO and OECD
# instruments "Policy Area 1", national strategies "Pillar 2", "Priority 3"); matched in any case.
EN_ACTION_LABELS_MORE = ("Policy area", "Priority", "Pillar", "Key recommendation")
# A sentence directing a memorandum's addressees, named with a quantifier as its formal directives are:
# "Pursuant to the Act, each agency shall submit …", "All agencies are encouraged to …", "By March 26, all
# CFO Act agencies should …"; "Agencies should consider …" is softer guidance (source: US OMB memoranda to
# the heads of executive departments and agencies).
EN_ADDRESSEE_DIRECTIVE = (
    r"^(?:[^,]{0,80},\s+){0,2}(?:all|each|every)\s+(?:[A-Z][\w-]*\s+){0,3}(?:agenc(?:y|ies)|departments)\b"
    r"(?:\s+[\w’'-]+){0,4}?\s+(?:must|shall|should|(?:are|is)\s+(?:required|encouraged|directed|expected)\s+to)\b"
)
# Chapter titles of Chinese reports and papers that describe or analyse rather than assign tasks (source:
# CAICT and CNKI outlines: 现状分析, 发展趋势, 面临挑战, 典型案例, 引言, 结论); a chapter that opens with a
# task verb (加强风险分析能力) still assigns tasks.
ZH_DESCRIPTIVE_CHAPTER = (
    *("分析", "概述", "综述", "趋势", "挑战", "问题", "特征", "进展", "历程", "内涵", "概念", "研究"),
    *("评估", "案例", "经验", "引言", "结论", "结语", "测算", "指数"),
)
