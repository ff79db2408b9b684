"""Unit tests for the statistics extractor: English and Chinese forms, exact rows, and exclusions."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.core.extractors.statistics import Statistic, extract_statistics
from flows.core.extractors.statistics.numbers import parse_chinese_numeral
from flows.core.model import Block

BBOX = (10.0, 20.0, 300.0, 40.0)
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"


def stats(text: str, kind: str = "body", page: int = 3) -> list[Statistic]:
    """Extract statistics from one block of text."""
    return extract_statistics([Block(page, kind, text, BBOX)])


def row(stat: Statistic) -> tuple:
    """The fields most tests compare: value, unit, scale, qualifier, is_change, year."""
    return (stat.value, stat.unit, stat.scale, stat.qualifier, stat.is_change, stat.year)


def one(text: str) -> Statistic:
    """Extract exactly one statistic from text."""
    found = stats(text)
    assert len(found) == 1, [s.raw_text for s in found]
    return found[0]


# --- English --------------------------------------------------------------------------------------


def test_trillion_yuan_levels_take_the_year_printed_after_each():
    found = stats(
        "From 20.9 trillion yuan in 2012 to 39.9 trillion yuan in 2023, the industrial added value has grown."
    )
    assert [row(s) for s in found] == [
        (2.09e13, "yuan", "trillion", "", False, 2012),
        (3.99e13, "yuan", "trillion", "", False, 2023),
    ]
    assert {s.measure for s in found} == {"industrial added value"}
    assert [s.raw_text for s in found] == ["20.9 trillion yuan", "39.9 trillion yuan"]


def test_percent_share_with_qualifier():
    s = one("In 2023, R&D expenditure for basic research was only 6.65% of total R&D expenditure.")
    assert row(s) == (6.65, "percent", "", "only", False, 2023)
    assert s.measure == "share of total R&D expenditure"


def test_million_count_with_noun_phrase_subject_and_block_fields():
    s = one("As of the end of November 2024, China had cumulatively built 4.191 million 5G base stations.")
    assert row(s) == (4191000.0, "count", "million", "", False, 2024)
    assert (s.measure, s.subject, s.page, s.bbox) == ("5G base stations", "China", 3, BBOX)


def test_growth_rate_with_month_period():
    s = one("The added value of high-tech manufacturing grew by 7.5% annually in January\u2013February 2024.")
    assert row(s) == (7.5, "percent", "", "", True, 2024)
    assert (s.period_start, s.period_end) == ("2024-01", "2024-02")


def test_times_ratio_ignores_the_base_year():
    s = one("The data shows that in 2022, the average level will be about 2.5 times that of 2012.")
    assert row(s) == (2.5, "times", "", "about", False, 2022)


def test_percentage_points_are_changes():
    s = one("The share rose by 1.5 percentage points in 2023.")
    assert row(s) == (1.5, "percentage_points", "", "", True, 2023)


def test_currencies_prefixed_and_suffixed():
    found = stats(
        "Funds reached RMB 1.6 trillion, payments US$790 billion, fees \u00a32.5 million and \u20ac3 billion."
    )
    assert [(s.value, s.unit, s.scale, s.raw_text) for s in found] == [
        (1.6e12, "yuan", "trillion", "RMB 1.6 trillion"),
        (7.9e11, "usd", "billion", "US$790 billion"),
        (2.5e6, "gbp", "million", "\u00a32.5 million"),
        (3e9, "eur", "billion", "\u20ac3 billion"),
    ]
    assert one("Each ticket costs 120 yuan.").unit == "yuan"


def test_range_in_english():
    s = one("The market will reach 1.2 to 3.4 billion yuan.")
    assert (s.value_low, s.value_high, s.value, s.unit, s.scale) == (1.2e9, 3.4e9, 2.3e9, "yuan", "billion")
    s = one("Compared to 8-10 percent in South Korea.")
    assert (s.value_low, s.value_high, s.unit, s.subject) == (8.0, 10.0, "percent", "South Korea")


def test_list_shares_unit_and_change_reading():
    found = stats("Exports and imports grew 5.2% and 7.5% respectively in 2023.")
    assert [row(s) for s in found] == [
        (5.2, "percent", "", "", True, 2023),
        (7.5, "percent", "", "", True, 2023),
    ]
    found = stats("Output grew by 5.2 and 7.5 percent in 2023.")
    assert [(s.value, s.unit, s.is_change) for s in found] == [(5.2, "percent", True), (7.5, "percent", True)]


def test_count_after_exceeded_with_year_range_period():
    s = one("From 2014 to 2023, patent applications for generative AI exceeded 38,000, ranking first.")
    assert row(s) == (38000.0, "count", "", "exceeded", False, 2023)
    assert (s.period_start, s.period_end) == ("2014", "2023")


def test_count_with_quoted_modifier():
    s = one('By the end of 2023, Guangdong had cultivated a total of 1,525 "little giant" enterprises.')
    assert row(s) == (1525.0, "count", "", "", False, 2023)
    assert (s.measure, s.subject) == ("little giant enterprises", "Guangdong")


def test_year_carries_over_to_the_next_sentence_of_the_block():
    found = stats(
        "In 2022, China employed 6.35 million full-time equivalents. "
        "Of these, only 8.03% work in basic research."
    )
    assert [(s.value, s.unit, s.year) for s in found] == [(6.35e6, "count", 2022), (8.03, "percent", 2022)]


def test_superscript_powers_flattened_by_the_text_layer():
    found = stats(
        "any model trained using greater than 1026 integer or floating-point operations, or greater than "
        "1023integer or floating-point operations; networking of over 100 Gbit/s, and a capacity of 1020 "
        "integer or floating-point operations per second."
    )
    assert [(s.value, s.unit, s.qualifier) for s in found] == [
        (1e26, "flop", "greater than"),
        (1e23, "flop", "greater than"),
        (100.0, "gbit_per_s", "over"),
        (1e20, "flop_per_s", ""),
    ]
    assert found[0].raw_text == "1026 integer or floating-point operations"


def test_deadline_in_days():
    s = one("Within 90 days of the date of this order, the Secretary shall act.")
    assert (s.value, s.unit, s.measure) == (90.0, "days", "deadline")


# --- Chinese --------------------------------------------------------------------------------------


def test_wanyi_yuan_and_growth():
    found = stats("2023年,我国智能制造产业规模达2.88万亿元,同比增长14.9%。")
    assert [row(s) for s in found] == [
        (2.88e12, "yuan", "万亿", "", False, 2023),
        (14.9, "percent", "", "", True, 2023),
    ]
    assert found[0].subject == "China"
    assert found[0].measure == found[1].measure == "我国智能制造产业规模"


def test_yi_yuan_and_yi_usd():
    found = stats("研发投入1500亿元,出口额达500亿美元。")
    assert [(s.value, s.unit, s.scale, s.raw_text) for s in found] == [
        (1.5e11, "yuan", "亿", "1500亿元"),
        (5e10, "usd", "亿", "500亿美元"),
    ]


def test_wan_and_qian_counts():
    assert row(one("城镇新增就业1200万人。"))[:3] == (1.2e7, "count", "万")
    assert row(one("约5千人参加。")) == (5000.0, "count", "千", "about", False, None)
    assert row(one("共有1000多家企业。")) == (1000.0, "count", "", "over", False, None)


def test_chinese_numerals_times_and_counts():
    assert row(one("人类历史上经历了五次技术革命。")) == (5.0, "count", "", "", False, None)
    assert row(one("产值增长了两倍。")) == (2.0, "times", "", "", True, None)
    assert row(one("百分之五的企业参与其中。"))[:2] == (5.0, "percent")
    assert parse_chinese_numeral("二十三") == 23.0
    assert parse_chinese_numeral("一百零五") == 105.0


def test_percentage_points_and_over_qualifier_in_chinese():
    assert row(one("占比提高3个百分点。")) == (3.0, "percentage_points", "", "", True, None)
    assert row(one("占比超过50%。")) == (50.0, "percent", "", "over", False, None)


def test_range_in_chinese():
    s = one("投资规模为1500-4000亿元。")
    assert (s.value_low, s.value_high, s.unit, s.scale) == (1.5e11, 4e11, "yuan", "亿")


def test_chinese_month_period():
    s = one("2024年1\u20142月,高技术制造业增加值同比增长7.5%。")
    assert row(s) == (7.5, "percent", "", "", True, 2024)
    assert (s.period_start, s.period_end) == ("2024-01", "2024-02")


# --- exclusions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, the policy was revised.",  # bare year
        "The conference took place on December 11\u201312, 2023.",  # dates
        "It was adopted on January 31, 2024 and on 13 January 2025.",
        "Section 3.2 describes the method; see Article 3 and Figure 2.",  # section and figure numbers
        "(1) Analysis of the development status of artificial intelligence.",  # list number
        "1. Introduction to the topic of this paper.",
        "As noted in [12], the top-level design [2] of AI matters.",  # citation markers
        "Huamei International School, Shenzhen, Guangdong, 518000, China",  # postal code
        "华侨大学 华文学院,福建 厦门 361021;重庆大学 马克思主义学院,重庆 400044",
        "Teaching and Research, 2023(6): 1-11, pp. 45-50.",  # page ranges
        "Doi:10.11835/j.issn.1008-5831.pj.2024.06.002",  # DOI
        "The journal ISSN 1008-5831 is listed.",  # ISSN
        "This research was funded by the Youth Program (No. 22CGJ030).",  # grant number
        "根据国发〔2017〕35号文件执行。",  # document number
        "Tel: 13800138000 or +86 755 8888 1234.",  # phone numbers
        "Email: 15185736584@139.com",  # e-mail address
        "Delegates to the 20th National Congress attended the eleventh collective study.",  # ordinals
        "第二十四条 本办法自2023年8月15日起施行。",  # article number and date
        "经2023年第12次室务会会议审议通过。",  # ordinal meeting number
        "5G networks and 4G phones are licensed under Creative Commons Attribution 4.0 International.",
        "It provides 24-hour uninterrupted service.",
        "加快发展《新一代人工智能发展规划》和2035年远景目标。",  # years in Chinese
        "Published by the Executive Order 14110 of October 30, 2023 (88 FR 75191).",
        "这是两个根本阶段,三大核心要素,二次能源。",  # numerals that are not statistics
        "80% 76% 70% 60%",  # chart axis ticks
        "Henan 27 24 Hubei 25 21 Hunan 22 19",  # flattened table row
    ],
)
def test_not_statistics(text: str):
    assert stats(text) == []


@pytest.mark.parametrize("kind", ["reference", "front_matter", "heading", "footnote", "caption", "title"])
def test_only_body_and_abstract_blocks_are_scanned(kind: str):
    text = "China's output grew by 7.5% in 2024 to 2.88 trillion yuan."
    assert stats(text, kind=kind) == []
    assert len(stats(text, kind="abstract")) == 2


def test_reference_list_content_is_ignored():
    refs = "[4] Du C. New productive forces[J]. People's Forum, 2023(21): 26-30."
    assert stats(refs, kind="reference") == []
    assert stats(refs) == []


# --- ids ------------------------------------------------------------------------------------------


def test_ids_are_stable_and_unique():
    text = "Exports grew 5.2% and imports grew 5.2% in 2023."
    blocks = [Block(1, "body", text, BBOX), Block(2, "body", text, BBOX)]
    first = extract_statistics(blocks)
    again = extract_statistics(blocks)
    ids = [s.statistic_id for s in first]
    assert ids == [s.statistic_id for s in again]
    assert len(ids) == len(set(ids)) == 4


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld/ is absent (third-party PDFs)")
def test_realworld_executive_order_thresholds():
    pdfplumber = pytest.importorskip("pdfplumber")
    path = next(REALWORLD.glob("aireg__EO-14110*.pdf"), None)
    if path is None:
        pytest.skip("EO 14110 PDF not present")
    with pdfplumber.open(path) as pdf:
        text = " ".join((pdf.pages[6].extract_text() or "").split())
    found = {(s.value, s.unit) for s in stats(text)}
    assert {(1e26, "flop"), (1e23, "flop"), (100.0, "gbit_per_s")} <= found


def test_explicit_powers_of_ten():
    found = stats(
        "a threshold of 10^26 integer or floating-point operations, 10\u00b2\u00b3 FLOP and 10**20 FLOP/s."
    )
    assert [(s.value, s.unit) for s in found] == [(1e26, "flop"), (1e23, "flop"), (1e20, "flop_per_s")]


def test_exponents_lifted_out_as_citation_markers_are_restored():
    text = "trained using greater than 10 integer or floating-point operations, or greater than 10 FLOP."
    block = Block(7, "body", text, BBOX, citations=("26", "23"))
    assert [(s.value, s.unit) for s in extract_statistics([block])] == [(1e26, "flop"), (1e23, "flop")]


def test_a_year_like_number_before_a_unit_is_a_quantity_not_a_year():
    """Compute vouchers in Chinese AI policies are sized in 卡时 (card-hours); "2000 卡时" dates nothing."""
    found = stats("每年为每家 OPC 提供不少于 2000 卡时的免费算力支持。对经认定的单位给予最高 200 万元补助。")
    assert [(s.value, s.unit, s.year) for s in found] == [(2000.0, "hours", None), (2000000.0, "yuan", None)]


def test_chinese_counts_of_records_and_classes_and_irregular_plurals():
    found = stats("数据库共收录 240 511 条数据，共划分样品 11 类。依照本条例第 3 条规定执行。")
    assert [(s.raw_text, s.value, s.unit) for s in found] == [
        ("240 511 条", 240511.0, "count"),
        ("11 类", 11.0, "count"),
    ]
    assert [(s.value, s.unit) for s in stats("The sample holds 31,666 women and 2,410 children.")] == [
        (31666.0, "count"),
        (2410.0, "count"),
    ]


def test_a_scale_letter_glued_before_a_measured_unit_and_picture_counts():
    assert [(s.value, s.unit) for s in stats("Automation saved agencies over 1.4M hours of work.")] == [
        (1400000.0, "hours")
    ]
    assert [(s.value, s.unit) for s in stats("数据集包含 70,000 幅时尚产品图像。")] == [(70000.0, "count")]


def test_article_and_class_numbers_and_years_before_ordinary_words_stay_what_they_are():
    # 第 numbers the articles of a list; 条文 is a clause's text; 类标准 a class of standard.
    for text in (
        "依照第 5、6 条处理。",
        "违反第十二条、13 条规定。",
        "按 GB 50016 条文执行。",
        "按 1、2 类标准执行。",
    ):
        assert stats(text) == [], text
    # A year printed without 年 before an ordinary word is still a year ("2024 款", "2019 家庭").
    from flows.core.extractors.statistics.context import find_years

    assert [y.year for y in find_years("2024 款车型销量增长 5%。", [])] == [2024]
    assert [y.year for y in find_years("2019 家庭收入增长 3%。", [])] == [2019]
    assert [(s.value, s.unit) for s in stats("Exports reached 1.4M tonnes last year.")] == [
        (1400000.0, "tonnes")
    ]


def test_measures_leave_the_sentence_words_around_them():
    assert [s.measure for s in stats("每年组织活动不少于 10 场。社区入驻金融机构不少于 2 家。")] == [
        "每年组织活动",
        "社区入驻金融机构",
    ]
    assert [s.measure for s in stats("Less than 1 percent of GDP is spent on urban infrastructure.")] == [
        "share of GDP"
    ]
    assert [s.measure for s in stats("Eventually, average labor productivity will increase 10 percent.")] == [
        "average labor productivity increase"
    ]
    # A relative clause keeps its verb: the people who are employed are what the share counts.
    from flows.core.extractors.statistics.measures import tidy_measure

    assert tidy_measure("share of people who are employed") == "share of people who are employed"
