"""Statistics in running text of both languages, in the styles of documents nobody tuned on.

Each class of failure found on the benchmark's dev half gets sentences of our own making here, with exact
values: prose that layout labelled otherwise, basis points, spelled numbers, years carried or not.
"""

from __future__ import annotations

import pytest

from flows.core.extractors.statistics import Statistic, extract_statistics
from flows.core.model import Block
from tests.test_policy_documents import pdf_blocks

BBOX = (10.0, 20.0, 300.0, 40.0)
Line = tuple[int, str]  # (font size, text): 15 for a bold heading line, 10 for body, 0 for a page break


def stats(*texts: str, kind: str = "body") -> list[Statistic]:
    """Extract statistics from consecutive blocks of one kind on page 2 (one block per text)."""
    return extract_statistics([Block(2, kind, t, BBOX) for t in texts])


def found(*texts: str, kind: str = "body") -> list[tuple]:
    """Value, unit and year of every statistic found."""
    return [(s.value, s.unit, s.year) for s in stats(*texts, kind=kind)]


def pdf_statistics(lines: list[Line]) -> list[Statistic]:
    """Draw lines top-down on A4 pages with reportlab, run layout on the PDF and extract statistics."""
    return extract_statistics(pdf_blocks(lines))


# A cover page, so that the lines after it sit in the body rather than in front matter.
COVER: list[Line] = [
    (15, "1. Introduction"),
    (10, "This document sets out how the work will be organised over the next five years."),
    (10, "It draws on evidence gathered from researchers, universities and industry."),
    (10, "The sections below state what will be done and by whom."),
    (0, ""),
]


# --- prose that layout labelled heading, caption or front matter ---------------------------------


def test_numbered_paragraph_whose_first_line_was_taken_for_a_heading_is_read() -> None:
    lines = [
        *COVER,
        (15, "2. Reviews"),
        (10, "The panel considers each request on its merits and records its reasons."),
        (15, "41. Every appeal must be lodged within 25 working days of the date"),
        (10, "on which the decision was sent to the applicant by the panel."),
    ]
    rows = [(s.value, s.unit, s.year, s.page) for s in pdf_statistics(lines)]
    assert rows == [(25.0, "days", None, 2)]


@pytest.mark.parametrize(
    ("kind", "texts", "expected"),
    [
        # A report's executive summary on its cover page.
        (
            "front_matter",
            ["We estimate that the new tools could raise annual output in the region by 4% over a decade."],
            [(4.0, "percent", None)],
        ),
        # A heading that is the run-in first line of a memorandum's numbered paragraph, and its continuation.
        (
            "heading",
            ["3. Within 45 days of the date of this memorandum, each agency shall send the"],
            [(45.0, "days", None)],
        ),
        # A caption block that discusses its figure ("图8展示了…").
        (
            "caption",
            ["图5展示了两种方案的对比，采用新方法后匹配准确率达到了96%，比原方法提高12个百分点。"],
            [
                (96.0, "percent", None),
                (12.0, "percentage_points", None),
            ],
        ),
        (
            "caption",
            ["Figure 3 shows that the share of firms using the tool rose to 35% in the survey."],
            [(35.0, "percent", None)],
        ),
    ],
)
def test_prose_in_other_layout_kinds_is_read(kind: str, texts: list[str], expected: list[tuple]) -> None:
    assert found(*texts, kind=kind) == expected


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("heading", "Exhibit 4: Adoption Could Raise Annual Productivity Growth by 1.2pp Over 10 Years"),
        ("heading", "Productivity Could Rise by 1.2pp Over a Decade in the Advanced Economies of Europe"),
        ("caption", "Figure 2: Share of firms using the tool, 2015 to 2023, in percent of all firms"),
        ("caption", "图 4 三种方案下节点利用率的对比（单位：%）"),
        ("front_matter", "[12] Smith J, Lee K. Digital trade[J]. Journal of Trade, 2019, 12(3): 45."),
        ("front_matter", "Citation: Wang L, Chen Y (2021) Finance in 30 provinces. PLoS ONE 16(9): 1."),
    ],
)
def test_titles_captions_and_bibliography_entries_stay_unread(kind: str, text: str) -> None:
    assert stats(text, kind=kind) == []


def test_chart_tick_labels_do_not_join_the_prose_after_them() -> None:
    blocks = [
        Block(2, "body", "Percent 50", BBOX),
        Block(2, "body", "40", BBOX),
        Block(2, "body", "30", BBOX),
        Block(2, "heading", "We next extend the estimates to other economies, adjusting for the", BBOX),
        Block(2, "body", "composition of their industries, and find that 12% of work is exposed.", BBOX),
    ]
    assert [(s.value, s.unit) for s in extract_statistics(blocks)] == [(12.0, "percent")]


# --- basis points -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Long-run expectations now stand about 30 basis points below their earlier level.", 30.0),
        ("Core inflation has remained about 45 bp below its pre-crisis level.", 45.0),
        ("The first release leads, on average, to a 12 basis point update of the national figure.", 12.0),
    ],
)
def test_basis_points_are_points_with_their_printed_value(text: str, value: float) -> None:
    assert [(s.value, s.unit) for s in stats(text)] == [(value, "points")]


# --- years carried from one sentence to the next ------------------------------------------------------


def test_english_prose_carries_a_year_that_frames_its_sentence() -> None:
    text = (
        "Furthermore, in 2021, the country employed 2.4 million researchers. "
        "Of these, only 7.5% worked in basic research."
    )
    assert found(text) == [(2.4e6, "count", 2021), (7.5, "percent", 2021)]


@pytest.mark.parametrize(
    "text",
    [
        # A sample period in mid-sentence says nothing of the next sentence's figures.
        "We use survey data collected between 1999 and 2007 in several states. Inflation was about 2.5%.",
        # Nor does the date of an event.
        "The central bank cut rates sharply in late 2008. The output gap is about 1.5 percentage points.",
    ],
)
def test_english_prose_does_not_carry_a_mid_sentence_year(text: str) -> None:
    assert [s.year for s in stats(text)] == [None]


def test_chinese_prose_still_carries_the_year_stated_once() -> None:
    text = "2022年，全省研发人员达到42.5万人。其中，基础研究人员占8.2%。"
    assert found(text) == [(425000.0, "count", 2022), (8.2, "percent", 2022)]


# --- numbers spelled in words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Records of each transfer shall be kept for at least five years.", [(5.0, "years")]),
        ("The trial period shall not exceed eighteen months.", [(18.0, "months")]),
        ("Within one year of this memorandum, each agency shall publish its plan.", [(1.0, "years")]),
        ("The applicant must be told within three working days of the decision.", [(3.0, "days")]),
        ("The council will consist of nine members appointed by the minister.", [(9.0, "count")]),
        ("The group comprises up to eleven technical experts from the agencies.", [(11.0, "count")]),
        ("Agencies must describe a minimum of four legacy systems in their plans.", [(4.0, "count")]),
        ("• Three employees of the Department with expertise in procurement;", [(3.0, "count")]),
        ("Notice must be given within thirty (30) days of the change.", [(30.0, "days")]),
        ("The scheme will fund twenty-five new fellowships over the period.", []),
        ("The programme will train some twenty-five thousand teachers.", [(25000.0, "count")]),
    ],
)
def test_spelled_numbers_with_a_unit_or_a_counted_noun(text: str, expected: list[tuple]) -> None:
    assert [(s.value, s.unit) for s in stats(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "There are two main channels through which automation could raise output.",
        "The framework consists of three parts: data, compute and skills.",
        "Guidance is provided in three layers of abstraction.",
        "The two countries signed the agreement after the three studies were published.",
        "GPT-4 was released roughly one year after its predecessor.",
        "Over the next five years the framework will be reviewed.",
        "It grants a one-year extension, and two-thirds of agencies asked for one.",
        "Prices over the past twelve months have risen a little.",
    ],
)
def test_spelled_numbers_that_count_an_argument_or_refer_back_are_not_statistics(text: str) -> None:
    assert stats(text) == []


def test_a_window_is_not_a_statistic_but_a_standard_is() -> None:
    assert stats("Over the past 12 months, prices have risen by 4%.")[0].unit == "percent"
    assert len(stats("Over the past 12 months, prices have risen by 4%.")) == 1
    assert found("Cases may be processed faster than the 30 working day standard.") == [(30.0, "days", None)]


# --- years: decades, cited works, the present ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Productivity growth peaked in the late 1960s, with average annual rates of about 3.2 percent.",
        "Inflation rose from 2 per cent in the early 1960s to peaks of over 7 per cent in the 1970s.",
        "我国在20世纪90年代的年均增速约为9.5%。",
    ],
)
def test_a_decade_is_no_reference_year(text: str) -> None:
    assert {s.year for s in stats(text)} == {None}


def test_a_decade_ends_the_year_a_paragraph_carries() -> None:
    text = "In 1985, unemployment reached 11 per cent. It had stayed below 6 per cent through the 1970s."
    assert found(text) == [(11.0, "percent", 1985), (6.0, "percent", None)]


@pytest.mark.parametrize(
    "text",
    [
        "Both waves of the Harris (1978) survey show figures some 25 per cent larger than the official one.",
        "The tool now writes a page of text every 9 seconds, about 40% faster (Miller, 2022).",
        "Such models reach an accuracy of 87% (Brown et al., 2020) on the reading test.",
    ],
)
def test_a_cited_works_year_is_not_the_figures_year(text: str) -> None:
    assert {s.year for s in stats(text) if s.unit == "percent"} == {None}


def test_a_value_of_today_does_not_take_a_year_from_a_relative_clause() -> None:
    text = "They find that 55% of workers today hold jobs that did not exist in 1950."
    assert found(text) == [(55.0, "percent", None)]
    assert found("In 2023, 55% of workers held such jobs.") == [(55.0, "percent", 2023)]


# --- the horizon of a Chinese plan --------------------------------------------------------------------


def plan(title: str, *paragraphs: tuple[str, str]) -> list[tuple]:
    """Value, year and target flag of a plan's statistics: a title block, then (section, text) bodies."""
    blocks = [Block(1, "title", title, BBOX)]
    blocks += [Block(3, "body", text, BBOX, section=section) for section, text in paragraphs]
    return [(s.value, s.unit, s.year, s.is_target) for s in extract_statistics(blocks)]


def test_a_plans_goals_without_a_year_take_its_horizon() -> None:
    rows = plan(
        "江南省文化遗产保护“十四五”规划",
        ("一、发展基础", "“十三五”时期，全省新增博物馆45家，馆藏文物达到120万件。"),
        ("三、主要任务 > （二）加强考古研究", "实施 6—8 项重大考古课题，完成 30 处文物保护单位的修缮。"),
        (
            "三、主要任务 > （三）提升展示水平",
            "推动重点博物馆陈列改陈率达到 100%，每年推出精品展览不少于20个。",
        ),
    )
    assert rows == [
        (45.0, "count", None, False),
        (1200000.0, "count", None, False),
        (7.0, "count", 2025, True),
        (30.0, "count", 2025, True),
        (100.0, "percent", 2025, True),
        (20.0, "count", None, False),
    ]


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("全省危险废物污染防治“十二五”规划", 2015),
        ("数据要素市场建设行动计划（2024—2027年）", 2027),
    ],
)
def test_the_horizon_comes_from_the_plans_name_or_period(title: str, year: int) -> None:
    assert plan(title, ("二、重点任务", "建设 12 个区域处置中心。")) == [(12.0, "count", year, True)]


def test_a_paragraph_that_reviews_an_earlier_plan_takes_no_horizon() -> None:
    rows = plan(
        "全省文物事业发展“十四五”规划",
        ("", "一、发展环境“十三五”时期，各地扎实推进文物工作。完成第一次普查，登录可移动文物 2.3 万件。"),
        ("", "目前全省共有博物馆 210 家。"),
    )
    assert rows == [(23000.0, "count", None, False), (210.0, "count", None, False)]


def test_a_paper_about_a_plan_is_no_plan() -> None:
    blocks = [
        Block(1, "title", "“十四五”时期数字经济发展的路径研究", BBOX),
        Block(3, "body", "样本企业中有 35% 开展了数字化改造。", BBOX),
    ]
    assert [s.year for s in extract_statistics(blocks)] == [None]


def test_past_and_goal_clauses_of_one_plan_sentence_are_told_apart() -> None:
    rows = plan("城市更新“十四五”实施方案", ("二、重点任务", "全市已建成口袋公园 120 个，力争新增 50 个。"))
    assert rows == [(120.0, "count", None, False), (50.0, "count", 2025, True)]


# --- counts and shares in papers' and reports' prose ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The corpus holds 20K abstracts and 3.5M tokens.", [(20000.0, "count"), (3.5e6, "count")]),
        ("The model has 13B parameters and was trained on 2T tokens.", [(1.3e10, "count"), (2e12, "count")]),
        ("Training ran on 256 GPUs for a week.", [(256.0, "count")]),
        ("The standard was endorsed by 38 OECD member countries.", [(38.0, "count")]),
        ("The Recommendation was adopted by 193 Member States.", [(193.0, "count")]),
        ("The Playbook sets out 13 key \u201cplays\u201d for digital services.", [(13.0, "count")]),
        ("Each label was checked by four annotators.", [(4.0, "count")]),
        ("Roughly 45 percent of households hold no stocks.", [(45.0, "percent")]),
        ("The share of exposed work could range from 15-35% by then.", [(25.0, "percent")]),
    ],
)
def test_counts_and_shares_in_english_prose(text: str, expected: list[tuple]) -> None:
    assert [(s.value, s.unit) for s in stats(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Figure 2b plots the share of adopters over time.", []),
        ("About one in five firms reported using the tool.", []),
        ("Participation rises from 20% at age 25 to 55% at age 65.", [(20.0, "percent"), (55.0, "percent")]),
        ("Please limit proposals to 3 pages, using 11 point font.", []),
        ("Profiles are not to exceed 12 pages each.", []),
        ("A deposit was raised @ 7.5% p.a. for illustration.", []),
        ("Clinicians count similar patients over any 12 month period.", []),
        ("Notes: *** and ** denote significance at the 1 percent and 5 percent levels.", []),
    ],
)
def test_panels_ratios_ages_formats_and_windows_are_not_counts(text: str, expected: list[tuple]) -> None:
    assert [(s.value, s.unit) for s in stats(text)] == expected


def test_a_share_near_significant_is_a_finding_unless_it_is_a_conventional_level() -> None:
    text = "Most exposed jobs have a significant but partial share of their workload (25-50%) at risk."
    assert [(s.value_low, s.value_high, s.unit) for s in stats(text)] == [(25.0, 50.0, "percent")]
    assert stats("The effect is significant at the 5% level.") == []


def test_a_dated_ordinal_is_an_event_not_the_figures_year() -> None:
    text = "The chatbot, released on November 30th, 2022, gained more than 100m users in two months."
    assert found(text) == [(1e8, "count", None), (2.0, "months", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("其中近三成企业遭受过攻击，七成以上企业开展了分类分级。", [(30.0, "percent"), (70.0, "percent")]),
        ("全年组织人才招聘活动不少于40场。", [(40.0, "count")]),
        ("2020年全球数据泄露事件超过3900起。", [(3900.0, "count")]),
        ("采用128位对称密钥加密数据。", []),
        ("假设某任务需要CPU空闲率为25%的节点，则先筛选高性能节点。", []),
        ("登记可移动文物 120 多万件/套、纪念馆 1500 多家。", [(1.2e6, "count"), (1500.0, "count")]),
    ],
)
def test_chinese_tenths_events_and_bits(text: str, expected: list[tuple]) -> None:
    assert [(s.value, s.unit) for s in stats(text)] == expected


# --- deadlines, spans and money in other scales -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Within 120 calendar days of this order, the Secretary shall report.", [(120.0, "days")]),
        ("Agencies shall respond within 15 business days.", [(15.0, "days")]),
        ("The Board shall review the rules every three years.", [(3.0, "years")]),
        ("The panel comprises at least 5 or 6 officers.", [(5.0, "count"), (6.0, "count")]),
        ("项目建设周期一般不超过 4 年，运营期 10 年以上。", [(4.0, "years"), (10.0, "years")]),
        ("实施文物保护3年行动计划，5年来累计投入资金。", []),
        ("Deposits of Rs.2 crore or more are tracked separately.", [(2e7, "inr")]),
        ("Loans of Rs 40 lakh need approval.", [(4e6, "inr")]),
    ],
)
def test_deadlines_spans_and_indian_scales(text: str, expected: list[tuple]) -> None:
    assert [(s.value, s.unit) for s in stats(text)] == expected


def test_the_end_of_a_named_plan_is_a_goal_year() -> None:
    text = "到“十二五”末，危险废物安全处置率达到98%，新增处置能力20万吨。"
    rows = [(s.value, s.year, s.is_target) for s in stats(text)]
    assert rows == [(98.0, 2015, True), (200000.0, 2015, True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The toolkit has been downloaded over 30,000 times.", [(30000.0, "count")]),
        ("The new method is 2.5 times faster than the old one.", [(2.5, "times")]),
        ("It funds 25 Canada CIFAR AI Chairs at three institutes.", [(25.0, "count"), (3.0, "count")]),
        ("超过八成的受访企业认为投入不足。", [(80.0, "percent")]),
    ],
)
def test_occurrences_chairs_and_tenths(text: str, expected: list[tuple]) -> None:
    assert [(s.value, s.unit) for s in stats(text)] == expected


def test_a_frameworks_named_parts_are_not_counted_members() -> None:
    assert stats("It contributes to the 17 Sustainable Development Goals of the 2030 Agenda.") == []
    assert found("The Recommendation was adopted by 38 Member States.") == [(38.0, "count", None)]


def test_a_frequency_is_a_count_per_period() -> None:
    assert [(s.value, s.unit) for s in stats("The board meets twice a year to set priorities.")] == [
        (2.0, "count")
    ]
    assert stats("He was twice as likely to apply.") == []
