"""Recommendations that generalise: plan hierarchies, memoranda directives, lists judged by their items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.core.extractors.recommendations import Recommendation, Themes, extract_recommendations, load_themes
from flows.core.model import Block
from tests.test_policy_documents import pdf_blocks

REPO = Path(__file__).resolve().parents[1]
Line = tuple[int, str]  # (font size, text): 14 for headings, 10 for body lines, 0 for a page break


@pytest.fixture(scope="module")
def themes() -> Themes:
    """The theme taxonomy seed."""
    return load_themes(REPO / "dbt_project" / "seeds" / "themes.csv")


def zh(kind: str, text: str, page: int = 1) -> Block:
    """A Chinese block (headings at level 1)."""
    return Block(page, kind, text, (0, 0, 1, 1), level=1 if kind == "heading" else 0, language="zh")


def en(kind: str, text: str, level: int = 1, page: int = 1) -> Block:
    """An English block (headings at the given level)."""
    return Block(page, kind, text, (0, 0, 1, 1), level=level if kind == "heading" else 0)


def top(recs: list[Recommendation], width: int = 12) -> list[tuple[str, str]]:
    """(label, opening characters) of each top-level recommendation."""
    return [(r.label, r.text[:width]) for r in recs if r.parent_id is None]


# --- Chinese plans -------------------------------------------------------------------------------


def test_measures_whose_chapters_hold_no_sub_items_are_the_chapters_and_the_annex_is_left_out(
    themes: Themes,
) -> None:
    # 若干措施 (municipal measures): each 一、 run-in heading is one measure; the attached guideline
    # (附件) has chapters and (一) conditions of its own, which are not measures.
    blocks = [
        zh("heading", "一、强化算力服务支撑。加大普惠算力供给，建设市级算力公共服务平台。"),
        zh("body", "设立算力服务券，对人工智能企业给予支持。（责任单位：市数据局）"),
        zh("heading", "二、畅通高质量数据要素供给。夯实公共数据底座。"),
        zh("body", "系统归集整合医疗、气象、交通等领域公共数据。"),
        zh("heading", "三、支持模型工具研发应用。鼓励各类创新主体研发开发工具。"),
        zh("body", "本措施自2026年3月18日起施行。"),
        zh("body", "附件：生态社区建设指引"),
        zh("heading", "一、工作目标"),
        zh("body", "到2028年，建成生态社区10个。"),
        zh("heading", "二、基本条件"),
        zh("heading", "（一）专业服务：具备接入普惠算力的能力。"),
        zh("heading", "（二）场地设施：核心办公面积不少于3000平方米。"),
        zh("heading", "三、认定流程"),
        zh("body", "市科创局每年发布认定通知。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 8) == [
        ("一、", "强化算力服务支撑"),
        ("二、", "畅通高质量数据要"),
        ("三、", "支持模型工具研发"),
    ]


def test_measures_run_into_their_text_still_end_at_the_annex(themes: Themes) -> None:
    # The same measures when the layout reads every chapter as body text ("一、强化…。加大…"): the
    # numbered run makes them chapters, so the 附件 after them still ends the plan.
    blocks = [
        zh("body", "一、强化算力服务支撑。加大普惠算力供给，建设市级算力公共服务平台。"),
        zh("body", "二、畅通高质量数据要素供给。夯实公共数据底座，系统归集整合公共数据。"),
        zh("body", "三、支持模型工具研发应用。鼓励各类创新主体研发开发工具。"),
        zh("body", "本措施自2026年3月18日起施行。"),
        zh("body", "附件：生态社区建设指引"),
        zh("body", "一、工作目标营造有利于创新发展的良好生态。"),
        zh("heading", "二、基本条件"),
        zh("body", "（一）专业服务：具备接入普惠算力的能力。"),
        zh("body", "（二）场地设施：核心办公面积不少于3000平方米。"),
        zh("body", "三、认定流程市科创局每年发布认定通知。"),
    ]
    assert top(extract_recommendations(blocks, themes), 8) == [
        ("一、", "强化算力服务支撑"),
        ("二、", "畅通高质量数据要"),
        ("三、", "支持模型工具研发"),
    ]


def test_a_chapter_the_layout_ran_into_its_text_is_found_by_its_number(themes: Themes) -> None:
    # 三、 is set as body text with its introduction run on; its (一)(二) headings are still measures,
    # and the run-on 一、发展环境 frames the plan.
    blocks = [
        zh("body", "一、发展环境“十三五”时期，各地区各部门扎实推进文物工作，文物事业取得显著进步。"),
        zh("heading", "二、总体要求"),
        zh("heading", "（一）指导思想。"),
        zh("body", "高举中国特色社会主义伟大旗帜。"),
        zh("body", "三、强化文物资源管理和文物安全工作坚持以确保文物资源安全为核心，统筹做好管理工作。"),
        zh("heading", "（一）健全文物资源管理体制。"),
        zh("body", "完善文物登录制度。"),
        zh("heading", "（二）建设国家文物资源大数据库。"),
        zh("body", "系统整合全国不可移动文物资源数据库。"),
        zh("heading", "四、全面加强文物科技创新"),
        zh("heading", "（一）深化基础研究。"),
        zh("body", "部署基础研究重点任务。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 8) == [
        ("（一）", "健全文物资源管理"),
        ("（二）", "建设国家文物资源"),
        ("（一）", "深化基础研究。"),
    ]


def test_a_task_chapter_named_after_the_environment_it_improves_is_not_framing(themes: Themes) -> None:
    blocks = [
        zh("heading", "一、发展环境"),
        zh("body", "我国信息化取得长足进展。"),
        zh("heading", "二、不断优化信息化发展环境"),
        zh("heading", "（一）推进信息化法治建设"),
        zh("heading", "（二）加强网络生态治理"),
        zh("heading", "三、保障措施"),
        zh("heading", "（一）强化组织领导"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [t for _, t in top(recs)] == ["推进信息化法治建设", "加强网络生态治理", "强化组织领导"]


def test_contents_entries_and_project_boxes_are_not_measures(themes: Themes) -> None:
    # A provincial plan: a contents page repeats the measures with leader dots, and each chapter ends
    # with a 专栏 box of numbered projects that restart at 1.
    blocks = [
        zh("body", "一、背景形势..................................... 1"),
        zh("body", "三、构筑文物安全防护体系......................... 6"),
        zh("body", "5.加强安全制度建设............................... 6"),
        zh("body", "专栏 1 构筑文物安全防护体系....................... 9"),
        zh("heading", "一、背景形势", page=3),
        zh("body", "文物是荆楚文化源远流长的实物见证。", page=3),
        zh("heading", "二、总体要求", page=3),
        zh("heading", "3.指导思想", page=3),
        zh("body", "深入贯彻习近平总书记关于文物工作重要论述。", page=3),
        zh("heading", "三、构筑文物安全防护体系", page=4),
        zh("heading", "5.加强安全制度建设", page=4),
        zh("body", "落实文物安全责任制。", page=4),
        zh("heading", "6.提升安全监管水平", page=4),
        zh("body", "落实日常检查巡查。", page=4),
        zh("body", "专栏 1 构筑文物安全防护体系", page=4),
        zh("body", "1.楚天文物平安工程：实施全国重点文物保护单位安全防护工程。", page=4),
        zh("body", "2.文物行政执法能力提升工程：组织开展执法人员培训。", page=4),
        zh("heading", "四、加强考古科研创新", page=5),
        zh("heading", "7.深化考古研究，提升科技含量", page=5),
        zh("body", "提高考古工作规划水平。", page=5),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 8) == [
        ("5.", "加强安全制度建设"),
        ("6.", "提升安全监管水平"),
        ("7.", "深化考古研究，提"),
    ]
    assert all(r.page >= 4 for r in recs)


def test_sub_items_whose_opening_bracket_the_text_layer_lost(themes: Themes) -> None:
    blocks = [
        zh("heading", "一、规划背景"),
        zh("body", "革命文物承载党和人民英勇奋斗的光荣历史。"),
        zh("heading", "二、总体要求"),
        zh("body", "一）指导思想以习近平新时代中国特色社会主义思想为指导。"),
        zh("heading", "三、主要任务"),
        zh("body", "一）推进整体保护持续开展革命文物资源普查。"),
        zh("body", "二）深化系统研究整合文物、党史、军史研究力量。"),
        zh("heading", "四、实施保障"),
        zh("body", "一）加强组织协调各级文物主管部门要细化具体任务。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 6) == [("一）", "推进整体保护"), ("二）", "深化系统研究"), ("一）", "加强组织协调")]


def test_chinese_plan_with_contents_page_read_from_a_pdf(themes: Themes) -> None:
    lines: list[Line] = [
        (14, "目录"),
        (10, "一、发展形势........................ 1"),
        (10, "二、主要任务........................ 2"),
        (10, "1.加强安全制度建设.................. 2"),
        (10, "2.提升安全监管水平.................. 3"),
        (0, ""),
        (14, "一、发展形势"),
        (10, "文物是中华文明的实物见证。"),
        (14, "二、主要任务"),
        (14, "1.加强安全制度建设"),
        (10, "落实文物安全责任制。"),
        (14, "2.提升安全监管水平"),
        (10, "落实日常检查巡查。"),
    ]
    recs = extract_recommendations(pdf_blocks(lines, chinese=True), themes)
    assert top(recs, 8) == [("1.", "加强安全制度建设"), ("2.", "提升安全监管水平")]


# --- documents that make no recommendations --------------------------------------------------------


def test_a_regulation_of_numbered_articles_makes_no_recommendations(themes: Themes) -> None:
    blocks = [en("heading", "Chapter VII Supervision and Administration")]
    article = "Competent authorities shall supervise network data."
    blocks += [en("body", f"Article {n} {article}") for n in range(45, 50)]
    blocks += [
        en("body", "Article 50 Relevant competent authorities may take the following measures:"),
        en("body", "(1) requiring a network data processor to provide explanations;"),
        en("body", "(2) retrieving and duplicating the documents and records;"),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_a_paper_proposing_its_own_framework_gives_no_advice(themes: Themes) -> None:
    blocks = [
        en("heading", "5 Conclusion"),
        en(
            "body",
            "Using a simple learning model, this paper proposes a general framework of how investors update "
            "their information set. We use the setup to show that early releases revise expectations.",
        ),
        en("heading", "References"),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_criteria_a_policy_will_consider_are_not_recommendations(themes: Themes) -> None:
    # A funding policy lists what an application should make clear and what a panel will consider:
    # clauses and noun phrases completing the introduction, not actions.
    blocks = [
        en("heading", "Clinical exceptionality: severity"),
        en("body", "14. Should severity be cited in the argument, the application should make clear:"),
        en("body", "• whether there is evidence that the presentation lies outside the normal spectrum"),
        en("body", "• how the patient is expected to benefit from the treatment sought"),
        en("body", "• that there is a plausible argument that severity is prognostic of good response."),
        en("body", "24. When considering clinical effectiveness, the IFR Panel will consider:"),
        en("body", "• the plausibility of the argument that the patient will achieve the outcomes"),
        en("body", "• the impact of existing comorbidities on the treatment outcome"),
    ]
    assert extract_recommendations(blocks, themes) == []


# --- US memoranda and guidance -------------------------------------------------------------------


def test_dated_directives_of_a_memorandum_are_its_items(themes: Themes) -> None:
    blocks = [
        en("heading", "VII. Roles and Responsibilities"),
        en("body", "The FedRAMP Board represents the needs of the Federal community and should respond."),
        en("heading", "IX. Implementation"),
        en("body", "Within 90 days of issuance of this memorandum, OMB will appoint the initial members."),
        en("body", "Within 180 days of issuance of this memorandum, each agency must update its policy."),
        en(
            "body",
            "The Act requires GSA to establish a means for automation. Within 18 months of the issuance of "
            "this memorandum, GSA will publish a plan for it.",
        ),
        en("heading", "X. Rescissions"),
        en("body", "This memorandum rescinds the December 8, 2011 memorandum."),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 20) == [
        ("", "Within 90 days of is"),
        ("", "Within 180 days of i"),
        ("", "The Act requires GSA"),
    ]


def test_one_dated_sentence_is_not_a_list_of_directives(themes: Themes) -> None:
    blocks = [
        en("heading", "Background"),
        en("body", "By December 12, 2017, the Act was enacted as part of the annual defense authorization."),
        en("body", "The Act has two primary provisions that address agency modernization needs."),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_numbered_steps_after_a_bare_purpose_and_a_directive(themes: Themes) -> None:
    # Guidance that says what agencies must do, list by list; a list may hold a single numbered step.
    blocks = [
        en("heading", "2. SUBMISSION"),
        en("body", "a. Agency Actions and Deadlines By December 16, 2024, each agency must:"),
        en("body", "1. annually submit an inventory of its AI use cases to OMB; and"),
        en("body", "2. subsequently post a consolidated, machine-readable CSV of all use cases."),
        en("body", "Alternatively, if agencies do not utilize AI, agencies must:"),
        en("heading", "1. notify OMB; and"),
        en("body", "2. post a notice at [agency.gov]/ai with a statement indicating no current use of AI."),
        en("heading", "III. REPORTING ON DETERMINATIONS"),
        en("body", "To report on such determinations:"),
        en("heading", "1. By December 1, 2024, agency CAIOs must recertify and report the full list of"),
        en("body", "active determinations to OMB by completing a form."),
        en("body", "To achieve this, the program has several strategic goals:"),
        en("body", "• Lead an information security program grounded in technical expertise."),
        en("body", "• Leverage shared infrastructure between the Federal Government and private sector."),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 16) == [
        ("1.", "annually submit "),
        ("2.", "subsequently pos"),
        ("1.", "notify OMB; and"),
        ("2.", "post a notice at"),
        ("1.", "By December 1, 2"),
    ]
    assert recs[-1].text.endswith("determinations to OMB by completing a form.")


def test_a_counted_list_set_in_bold_across_a_page_break(themes: Themes) -> None:
    # "…in four phases:" then the phases as bold lines, two to a line, with a footnote and a page
    # number between them; the dated requirements of each phase are then not items of their own.
    blocks = [
        en("heading", "Policy Requirements"),
        en("body", "The IT Modernization Initiative will be implemented in four phases:"),
        en("heading", "1. Development of updated Enterprise Roadmaps 2. Identification and prioritization"),
        en("heading", "4 Clinger Cohen Act, 40 U.S.C. § 1101, et. seq."),
        en("heading", "2"),
        en("heading", "3. Development of modernization profiles 4. Execution", page=2),
        en("body", "GSA is currently collaborating with selected agencies to refine criteria.", page=2),
        en("heading", "Phase 2: Identification and Prioritization", page=2),
        en("body", "By MM DD, YYYY, OMB will provide agencies a full list of criteria.", page=2),
        en("body", "By MM DD, YYYY, all CFO Act agencies will be required to submit information.", page=2),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 20) == [
        ("1.", "Development of updat"),
        ("2.", "Identification and p"),
        ("3.", "Development of moder"),
        ("4.", "Execution"),
    ]


def test_memorandum_with_bold_numbered_steps_read_from_a_pdf(themes: Themes) -> None:
    lines: list[Line] = [
        (18, "Update to the Trusted Internet Connections Initiative"),
        (10, "This memorandum sets out how agencies pilot and verify use cases."),
        (14, "D. Processes to Pilot and Verify Use Cases"),
        (10, "Due to the rapid pace of technology, it is critical that agencies develop pilots."),
        (10, "1. Within 60 days of the release of this memorandum, DHS shall establish and publicly"),
        (10, "release a detailed process document."),
        (10, "2. Within 90 days of the release of each Use Case, DHS shall develop a verification process."),
        (14, "E. Agency Implementation"),
        (10, "Agency Chief Information Officers shall maintain an accurate inventory of connections."),
        (10, "1. Within one year of the release of this memorandum, agencies shall complete updates."),
    ]
    recs = extract_recommendations(pdf_blocks(lines), themes)
    assert [r.text[:30] for r in recs if r.parent_id is None] == [
        "Within 60 days of the release ",
        "Within 90 days of the release ",
        "Within one year of the release",
    ]


def test_numbered_requirement_headings_of_a_memorandum_read_from_a_pdf(themes: Themes) -> None:
    # No recommendations heading: the requirements are numbered headings that open with a verb, each
    # followed by what agencies must do (lettered, and a nested list restarting at 1).
    lines: list[Line] = [
        (18, "Policies for Federal Agency Public Websites"),
        (10, "MEMORANDUM FOR THE HEADS OF EXECUTIVE DEPARTMENTS AND AGENCIES"),
        (10, "Federal agency public websites and digital services are the primary means by which"),
        (10, "the public receives information from and interacts with the Federal Government."),
        (10, "Agencies are expected to comply with the requirements below."),
        (0, ""),
        (14, "1. Establish Integral Digital Governance"),
        (10, "A. Every agency must establish a plan for governing its digital services."),
        (10, "B. Each agency must publicly post its governance plan on its strategy page."),
        (14, "2. Use Analytics and User Feedback to Manage Websites"),
        (10, "A. All agencies must participate in the Digital Analytics Program."),
        (10, "1. At a minimum, agencies must include the following on their pages."),
        (10, "2. Agencies must update the pages each quarter."),
        (14, "3. Protect Privacy"),
        (10, "Agencies must be transparent about policies and practices with respect to PII."),
        (14, "4. Ensure Information Quality and Accuracy"),
        (10, "Information published by an agency must convey utility, objectivity and integrity."),
    ]
    recs = extract_recommendations(pdf_blocks(lines), themes)
    assert top(recs, 20) == [
        ("1.", "Establish Integral D"),
        ("2.", "Use Analytics and Us"),
        ("3.", "Protect Privacy"),
        ("4.", "Ensure Information Q"),
    ]


def test_numbered_chapters_of_a_paper_are_not_recommendations(themes: Themes) -> None:
    blocks = [
        Block(1, "abstract", "We study inflation expectations.", (0, 0, 1, 1)),
        en("heading", "1. Introduction"),
        en("body", "Central banks should communicate clearly, many argue."),
        en("heading", "2. Data"),
        en("body", "We use survey data from 1990 to 2020."),
        en("heading", "3. Results"),
        en("body", "Expectations must be anchored for the curve to flatten."),
        en("heading", "4. Conclusion"),
        en("body", "Expectations became anchored after 1995."),
        Block(9, "reference", "Smith, J. (2019). Anchors. Journal of Money.", (0, 0, 1, 1)),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_recommendations_a_paper_reviews_or_quotes_are_not_its_own(themes: Themes) -> None:
    blocks = [
        en("heading", "2. Literature review"),
        en("heading", "2.1 Policy recommendations in earlier studies", level=2),
        en("body", "Earlier studies make the following recommendations:"),
        en("body", "1. Strengthen the training of digital skills."),
        en("body", "2. Invest in broadband infrastructure."),
        en("heading", "3. Discussion"),
        en("body", "Smith et al. (2019) recommend the following measures:"),
        en("body", "(1) Build regional data centres."),
        en("body", "(2) Promote open data."),
        en("body", "Several questions remain open for policy:"),
        en("body", "1. What is the right level of investment?"),
        en("body", "2. How should the regions share the cost?"),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_a_best_practices_section_and_numbered_policy_areas(themes: Themes) -> None:
    practices = [
        en("heading", "5. Ten best practices for data sharing"),
        en("body", "1. Publish data in open formats."),
        en("body", "2. Document every data set."),
        en("heading", "6. Outlook"),
        en("body", "Data sharing will grow."),
    ]
    assert top(extract_recommendations(practices, themes), 16) == [
        ("1.", "Publish data in "),
        ("2.", "Document every d"),
    ]
    areas = [
        en("heading", "IV. AREAS OF POLICY ACTION"),
        en("heading", "POLICY AREA 1: ETHICAL IMPACT ASSESSMENT", level=2),
        en("body", "50. Member States should introduce frameworks for impact assessments."),
        en("heading", "POLICY AREA 2: ETHICAL GOVERNANCE AND STEWARDSHIP", level=2),
        en("body", "54. Member States should ensure that AI governance mechanisms are inclusive."),
        en("heading", "POLICY AREA 3: DATA POLICY", level=2),
        en("body", "71. Member States should work to develop data governance strategies."),
    ]
    assert top(extract_recommendations(areas, themes), 17) == [
        ("POLICY AREA 1", "ETHICAL IMPACT AS"),
        ("POLICY AREA 2", "ETHICAL GOVERNANC"),
        ("POLICY AREA 3", "DATA POLICY"),
    ]


def test_the_shipped_heading_scorer_matches_the_features_it_is_given() -> None:
    from flows.core.extractors.recommendations.headings import MODEL, action_probability, features
    from flows.core.extractors.recommendations.sections import paragraphs_of

    model = json.loads(MODEL.read_text(encoding="utf-8"))
    paras = paragraphs_of([en("heading", "1. Use Plain Writing"), en("body", "Agencies must write plainly.")])
    values = features(paras, 0, paper=0.0)
    assert model["features"] == list(values)
    assert values["imperative"] == 1.0 and values["obligations"] == 1.0
    assert action_probability(values) > model["threshold"]
    assert action_probability({**values, "imperative": 0.0, "paper": 0.6}) < 0.5


def test_actions_grouped_under_headings_of_a_numbered_list(themes: Themes) -> None:
    # An international consensus: "We recommend … the following actions …:" then group headings, each
    # over numbered paragraphs that carry on one numbering; the groups are the top level.
    blocks = [
        en(
            "body",
            "8. We recommend that governments and other relevant stakeholders, in accordance with "
            "their legislation, consider implementing the following actions in response to the "
            "opportunities and challenges presented by AI:",
        ),
        en("heading", "Planning AI in education policies", level=2),
        en("body", "9. Be cognizant of the breakthroughs in AI in education."),
        en("body", "10. Consider planning AI in education policies in response to the opportunities."),
        en("heading", "AI for education management and delivery", level=2),
        en("body", "11. Be aware of the breakthroughs in the use of data in transforming planning."),
        en("heading", "Annex", level=1),
        en("body", "12. Participants of the conference."),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 20) == [("", "Planning AI in educat"[:20]), ("", "AI for education man")]
    assert [r.label for r in recs if r.parent_id] == ["9.", "10.", "11."]


# --- how items are marked ------------------------------------------------------------------------


def test_lettered_roman_and_run_in_items_of_a_recommendations_section(themes: Themes) -> None:
    lettered = [
        en("heading", "5. Recommendations"),
        en("body", "A. Strengthen the governance of public data across ministries."),
        en("body", "B. Improve the skills of civil servants in data analysis."),
        en("body", "(i) Fund short courses for analysts."),
        en("body", "(ii) Create a career track for data scientists."),
        en("heading", "6. Conclusion"),
    ]
    assert [(r.label, r.level) for r in extract_recommendations(lettered, themes)] == [
        ("A.", 1),
        ("B.", 1),
        ("(i)", 2),
        ("(ii)", 2),
    ]
    run_in = [
        en("heading", "Policy recommendations"),
        en("body", "Data sharing and interoperability. Agencies should publish data in open formats."),
        en("body", "Skills. Governments should fund training in data science for officials."),
        en("body", "This matters. Without skills the data remain unused."),
        en("heading", "References"),
    ]
    assert top(extract_recommendations(run_in, themes), 20) == [
        ("", "Data sharing and int"),
        ("", "Skills. Governments "),
    ]


def test_a_sentence_list_with_lower_case_letters_stays_in_its_paragraph(themes: Themes) -> None:
    # Guidance whose sentences carry their own lettered details (a) … b) …) outside any cue section.
    blocks = [
        en("heading", "3.1 General"),
        en(
            "body",
            "3.1.4 The management of credit risk should receive attention and the process should encompass:",
        ),
        en("body", "a) Measurement of risk through credit rating;"),
        en("body", "b) Quantifying the risk through estimating expected losses."),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_a_report_quoting_the_measures_of_a_policy(themes: Themes) -> None:
    blocks = [
        zh("heading", "二、政策环境"),
        zh("body", "《关于构建数据基础制度更好发挥数据要素作用的意见》明确提出以下措施："),
        zh("body", "（1）建立保障权益、合规使用的数据产权制度；"),
        zh("body", "（2）建立合规高效、场内外结合的数据要素流通和交易制度。"),
        zh("body", "据中国信通院研究，以下三项措施最为有效："),
        zh("body", "（1）加快数据要素市场建设；"),
        zh("body", "（2）完善数据安全保护。"),
    ]
    assert extract_recommendations(blocks, themes) == []


def test_directives_to_each_agency_of_a_memorandum_without_lists_or_dates(themes: Themes) -> None:
    blocks = [
        en("body", "MEMORANDUM FOR THE HEADS OF EXECUTIVE DEPARTMENTS AND AGENCIES"),
        en("heading", "Section 1 – The Technology Modernization Fund"),
        en(
            "body",
            "Agencies may submit project proposals to the Board. Agencies should, to the extent "
            "practicable, consider commercial solutions.",
        ),
        en("body", "All agencies are encouraged to begin submitting Initial Project Proposals."),
        en("heading", "B. Guidance on IT Working Capital Funds"),
        en("heading", "By March 26, 2018, all CFO Act agencies should notify their OMB Resource Management"),
        en("body", "Office if the agency intends to establish a fund."),
        en(
            "body",
            "OMB will oversee the fund. Pursuant to the Act, each agency shall submit to OMB its plans.",
        ),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 23) == [
        ("", "All agencies are encour"),
        ("", "By March 26, 2018, all "),
        ("", "OMB will oversee the fu"),
    ]
    assert recs[1].text.endswith("Office if the agency intends to establish a fund.")
    # The same sentences outside a memorandum are a guideline's prose, not its items.
    assert extract_recommendations(blocks[1:], themes) == []


def test_a_chinese_report_recommends_only_in_its_strategy_chapter(themes: Themes) -> None:
    # A research institute's report: its chapters describe, analyse and give cases before the chapter of
    # countermeasures; only that chapter's (一)(二) items are recommendations.
    blocks = [
        zh("heading", "一、数据安全风险现状"),
        zh("heading", "（一）数据泄露事件频发"),
        zh("body", "近年来数据泄露事件数量持续上升。"),
        zh("heading", "二、数据安全风险分析"),
        zh("heading", "（一）技术风险"),
        zh("heading", "（二）管理风险"),
        zh("heading", "三、典型案例"),
        zh("heading", "（一）某平台数据泄露案例"),
        zh("heading", "四、数据安全风险应对策略"),
        zh("heading", "（一）健全数据安全制度体系"),
        zh("body", "加快出台数据分类分级保护制度。"),
        zh("heading", "（二）提升数据安全技术能力"),
        zh("body", "加强加密、脱敏等技术研发。"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs) == [("（一）", "健全数据安全制度体系"), ("（二）", "提升数据安全技术能力")]


def test_numbered_principles_over_should_text_when_nothing_else_is_advice(themes: Themes) -> None:
    principles = [
        en("heading", "Section 1: Principles for responsible stewardship of trustworthy AI"),
        en("heading", "1.1. Inclusive growth, sustainable development and well-being", level=2),
        en("body", "Stakeholders should proactively engage in responsible stewardship of trustworthy AI."),
        en("heading", "1.2. Human-centred values and fairness", level=2),
        en("body", "AI actors should respect the rule of law, human rights and democratic values."),
        en("heading", "1.3. Transparency and explainability", level=2),
        en("body", "AI actors should commit to transparency and responsible disclosure."),
    ]
    assert top(extract_recommendations(principles, themes), 16) == [
        ("1.1.", "Inclusive growth"),
        ("1.2.", "Human-centred va"),
        ("1.3.", "Transparency and"),
    ]
    # With a recommendations section elsewhere, the principles are what it rests on, not its items.
    guidance = [
        *principles,
        en("heading", "Key recommendations"),
        en("body", "1. Adopt an assessment list for trustworthy AI."),
        en("body", "2. Involve stakeholders throughout the life cycle."),
    ]
    assert top(extract_recommendations(guidance, themes), 16) == [
        ("1.", "Adopt an assessm"),
        ("2.", "Involve stakehol"),
    ]


def test_a_notice_whose_every_chapter_runs_into_its_text(themes: Themes) -> None:
    # 通知: each 一、 chapter is a run-in paragraph (no heading at all); the chapters are the measures.
    blocks = [
        zh(
            "body", "各省、自治区、直辖市发展改革委：为贯彻落实党中央、国务院决策部署，现就有关事项通知如下。"
        ),
        zh("body", "一、加快推进信用信息共享。各地要依托全国信用信息共享平台，归集共享各类信用信息。"),
        zh("body", "二、完善失信联合惩戒机制。各地要建立健全失信联合惩戒对象认定机制。"),
        zh("body", "三、加强组织实施。各地发展改革委要高度重视，明确责任分工，确保各项任务落到实处。"),
        zh("body", "国家发展改革委办公厅2019年7月9日"),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 10) == [
        ("一、", "加快推进信用信息共享"),
        ("二、", "完善失信联合惩戒机制"),
        ("三、", "加强组织实施。各地发"),
    ]


def test_the_items_a_counted_introduction_announces_without_labels(themes: Themes) -> None:
    # The glyphs of the list were lost: the introduction's "four" says how many short paragraphs follow.
    blocks = [
        en("heading", "The Pan-Canadian Artificial Intelligence Strategy"),
        en("body", "The Strategy, led by the institute, has four major goals:"),
        en("body", "More outstanding artificial intelligence researchers and skilled graduates in Canada."),
        en("body", "Interconnected nodes of scientific excellence in the three major centres for AI."),
        en("body", "Global thought leadership on the economic, ethical and legal implications of AI."),
        en("body", "A national research community on artificial intelligence."),
        en("body", "The institute will also track the programme's progress and report on it each year."),
    ]
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 16) == [
        ("", "More outstanding"),
        ("", "Interconnected n"),
        ("", "Global thought l"),
        ("", "A national resea"),
    ]


def test_items_numbered_with_a_closing_bracket_inside_a_recommendations_section(themes: Themes) -> None:
    blocks = [
        en("heading", "6. Recommendations"),
        en("body", "1) Develop a national data strategy with clear targets."),
        en("body", "a) Set up a data office in every ministry."),
        en("body", "b) Publish an annual progress report."),
        en("body", "2) Invest in secure cloud infrastructure."),
        en("heading", "7. Roles"),
        en("body", "The Board will:"),
        en("body", "1) Provide input on security assessments;"),
        en("body", "2) Serve as a resource for best practices."),
    ]
    recs = extract_recommendations(blocks, themes)
    assert [(r.label, r.level) for r in recs] == [("1)", 1), ("a)", 2), ("b)", 2), ("2)", 1)]


def test_recommendations_numbered_by_chapter(themes: Themes) -> None:
    blocks = [
        en("heading", "2. Skills"),
        en("body", "Recommendation 2.1: Fund doctoral training in AI."),
        en("body", "Recommendation 2.2: Create conversion courses for graduates."),
        en("heading", "3. Compute"),
        en("body", "Recommendation 3.1: Build a national research cloud."),
        en("body", "As Recommendation 2.1 notes, training takes years."),
    ]
    blocks.insert(0, en("body", "Recommendation 1.1: Publish a national AI strategy."))
    recs = extract_recommendations(blocks, themes)
    assert top(recs, 20) == [
        ("Recommendation 1.1", "Publish a national A"),
        ("Recommendation 2.1", "Fund doctoral traini"),
        ("Recommendation 2.2", "Create conversion co"),
        ("Recommendation 3.1", "Build a national res"),
    ]


def test_a_plans_numbered_lists_of_dated_directives_are_its_actions(themes: Themes) -> None:
    # A US strategic plan lists its actions under each focus area, numbered afresh; an appendix's table
    # of roles (bullets of duties) is no action.
    blocks = [
        en("heading", "Increase Transparency"),
        en("body", "Transparency will be improved through two key actions:"),
        en("body", "1) the General Services Administration (GSA) will share with OMB the action plan."),
        en("body", "2) Federal agencies will include an accessibility statement on all websites."),
        en("heading", "Strengthen Accountability"),
        en("body", "1) Within 60 days of release of this plan, each agency CIO shall provide a contact."),
        en("body", "2) By March 1, 2013, the Committee will develop a standard template."),
        en("body", "a. The assessment for agency websites will include key measures."),
        en("body", "3) By December 30, 2013, agencies will complete their planned assessment."),
        en("heading", "Improve Collaboration"),
        en("body", "1) By June 2013, GSA will refresh the Reference Manual."),
        en("body", "2) By the start of FY 2014, GSA will deliver refreshed learning modules."),
        en("heading", "Appendix A – Roles and Responsibilities"),
        en("body", "• Establish the agency Section 508 program and appoint a coordinator."),
        en("body", "• Ensure accessibility considerations are incorporated into planning."),
    ]
    assert top(extract_recommendations(blocks, themes), 14) == [
        ("1)", "the General Se"),
        ("2)", "Federal agenci"),
        ("1)", "Within 60 days"),
        ("2)", "By March 1, 20"),
        ("3)", "By December 30"),
        ("1)", "By June 2013, "),
        ("2)", "By the start o"),
    ]


def test_a_large_line_whose_sentence_runs_on_opens_no_recommendations_section(themes: Themes) -> None:
    # Slide decks exported to PDF set whole sentences in large type, one line per "heading".
    blocks = [
        en(
            "heading",
            "For more information on RPA in the federal government, including best practices, lessons",
        ),
        en("heading", "learned, and proven strategies for RPA program development, see the RPA Playbook."),
        en("body", "We publish this report to provide information about adoption across the government."),
        en("body", "Agencies should consult the playbook before they start a program."),
    ]
    assert top(extract_recommendations(blocks, themes)) == []


def test_dated_background_lists_do_not_override_a_recommendations_section(themes: Themes) -> None:
    blocks = [
        en("heading", "Background"),
        en("body", "1) By May 2012, agencies will have published their digital strategies."),
        en("body", "2) By June 2012, agencies will have opened two data sets each."),
        en("body", "3) By July 2012, agencies will have reported their progress."),
        en("heading", "Recommendations"),
        en("body", "a) agencies should publish every new data set in a machine-readable format;"),
        en("body", "b) agencies should name an open data lead."),
    ]
    assert top(extract_recommendations(blocks, themes), 12) == [
        ("a)", "agencies sho"),
        ("b)", "agencies sho"),
    ]
