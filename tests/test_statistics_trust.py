"""Regression fixtures for statistics on real documents: only real quantities, every field right."""

from __future__ import annotations

import pytest

from flows.core.extractors.statistics import Statistic, extract_statistics
from flows.core.model import Block
from flows.core.schema import raw_columns

BBOX = (10.0, 20.0, 300.0, 40.0)


def stats(*texts: str, section: str = "") -> list[Statistic]:
    """Extract statistics from consecutive body blocks on page 2 (one block per text)."""
    return extract_statistics([Block(2, "body", t, BBOX, section=section) for t in texts])


def values(*texts: str) -> list[tuple]:
    """Value, unit and year of every statistic found."""
    return [(s.value, s.unit, s.year) for s in stats(*texts)]


# --- only real quantities -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "***, **, and * indicate significance at the levels of 1%, 5%, and 10%, respectively.",
        "The coefficient of the digital economy is significantly positive at the 1% level.",
        "FDI is significantly negative at the level of 10%, which may be due to crowding out.",
        "The western region is above the 1% significance level.",
        "The result holds at a 95% confidence interval.",
        "系数在1%的水平上显著为正。",
        "The mediating effects in the eastern and western regions are 1.70% and 9.25%, respectively.",
        "Regression results show that a 1 percentage point increase is associated with 0.3 percentage point.",
        "We set the depreciation rate \u03b4 = 9.6% and test p < 0.05.",
        "Research such as the \u2018100 Days Mission\u2019 shows the way.",
        "未来10年是数字经济发展的关键时期。",
        "Over the next 10 years the framework will be reviewed.",
        "Pillar 1 covers data, tier 3 compute and the top 10 universities.",
        "The group proposed a set of 9 basic principles.",
        "根据国发〔2015〕40号文件执行。",
        "京ICP备05070218号",
        "第五代移动通信（5G）技术研发取得突破。",
        "The maturity of these 0 2015 2016 loans is short.",
    ],
)
def test_method_figures_labels_names_and_horizons_are_not_statistics(text: str) -> None:
    assert stats(text) == []


# --- numbers and units ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("出口额达6 985 亿美元。", 6.985e11, "usd"),
        ("The fund holds EUR 1,5 billion.", 1.5e9, "eur"),
        ("The contract is worth SEK 675 million.", 6.75e8, "sek"),
        ("Sales reached JPY 5 billion.", 5e9, "jpy"),
        ("Exports were 3 trillion won.", 3e12, "krw"),
        ("The state spent \u20b920 billion.", 2e10, "inr"),
        ("Fees were CHF 40 million.", 4e7, "chf"),
        ("It raised HK$3 million.", 3e6, "hkd"),
        ("收入为\u00a5500亿。", 5e10, "yuan"),
        ("投资50亿日元。", 5e9, "jpy"),
        ("出口额达500亿英镑。", 5e10, "gbp"),
        ("增速达到\uff13\uff0e\uff15\uff05。", 3.5, "percent"),
        ("Government is investing \u00a3137m in science.", 1.37e8, "gbp"),
        ("带宽达到48太比特\uff0f秒（Tbps）。", 48.0, "tbit_per_s"),
        ("The index rose to 59.31 points.", 59.31, "points"),
        ("The allocation is up to 1,400,000 GPU hours.", 1.4e6, "hours"),
        ("发射35颗卫星。", 35.0, "count"),
        ("对欧盟28国进行监测。", 28.0, "count"),
    ],
)
def test_number_forms_and_currencies(text: str, value: float, unit: str) -> None:
    (s,) = stats(text)
    assert (s.value, s.unit) == (value, unit)


def test_pound_amount_broken_over_a_line_joins() -> None:
    (s,) = stats(
        "The UK is on track to develop a world-class AI compute ecosystem through the \u00a31",
        "billion investment in the expansion of the AI Research Resource.",
    )
    assert (s.value, s.unit, s.raw_text, s.measure) == (1e9, "gbp", "\u00a31 billion", "investment")


def test_between_two_printed_percentages_gives_both() -> None:
    found = stats(
        "According to the 2019 Digital Economy Report, the digital economy accounts for between 4.5% and "
        "15.5% of the world\u2019s gross domestic product."
    )
    assert [(s.value, s.unit, s.year) for s in found] == [(4.5, "percent", None), (15.5, "percent", None)]


# --- years and targets ----------------------------------------------------------------------------


def test_year_split_from_nian_by_a_line_break_counts() -> None:
    (s,) = stats(
        "网络经济异军突起，新业态竞相涌现。2015", "年，电子商务交易额达到21.79万亿元，跃居全球第一。"
    )
    assert (s.value, s.unit, s.year, s.is_target, s.measure) == (
        2.179e13,
        "yuan",
        2015,
        False,
        "电子商务交易额",
    )


def test_plan_goal_year_governs_its_section() -> None:
    found = stats(
        "到2020年，“数字中国”建设取得显著成效，信息化发展水平大幅跃升。",
        "信息经济全面发展。信息消费规模达到6万亿元，电子商务交易规模超过38万亿元。",
        section="（三）发展目标",
    )
    assert [(s.value, s.year, s.is_target, s.measure) for s in found] == [
        (6e12, 2020, True, "信息消费规模"),
        (3.8e13, 2020, True, "电子商务交易规模"),
    ]


def test_chinese_target_counts_and_observed_values() -> None:
    (goal,) = stats("到2025年，培育10家具有国际竞争力的龙头企业。")
    assert (goal.value, goal.unit, goal.year, goal.is_target) == (10.0, "count", 2025, True)
    (seen,) = stats("截至2015年底，我国网民数量达到6.88亿。")
    assert (seen.value, seen.year, seen.is_target) == (6.88e8, 2015, False)


def test_english_target_by_year() -> None:
    (s,) = stats("By 2030, the programme will train 1,000 researchers.")
    assert (s.value, s.unit, s.year, s.is_target, s.measure) == (1000.0, "count", 2030, True, "researchers")


def test_from_year_to_year_pairs_with_from_value_to_value() -> None:
    found = stats("The proportion in GDP has increased from 2005 to 2020, from 14.2% to 38.6%.")
    assert [(s.value, s.year) for s in found] == [(14.2, 2005), (38.6, 2020)]


def test_deadline_never_borrows_a_year() -> None:
    found = stats(
        "Executive Order 13694 of April 1, 2015 applies. Within 90 days of this order, the Secretary acts."
    )
    assert [(s.value, s.unit, s.year, s.measure) for s in found] == [(90.0, "days", None, "deadline")]


def test_year_an_activity_began_is_not_the_count_year() -> None:
    (s,) = stats("欧盟委员会从2014年开始发布数字经济和社会指数，对17个国家进行监测。")
    assert (s.value, s.year, s.measure) == (17.0, None, "国家")


# --- measures -------------------------------------------------------------------------------------


def test_measure_is_a_noun_phrase_not_a_fragment() -> None:
    (s,) = stats("Broadband lags, though the share of fiber users has reached 77 percent.")
    assert s.measure == "share of fiber users"
    (s,) = stats("A top university filed patents and created almost $1bn of funding.")
    assert (s.value, s.unit, s.measure) == (1e9, "usd", "funding")
    (s,) = stats("对欧洲70个中小城市的智慧城市进行排名。")
    assert s.measure == "中小城市"


def test_new_statistics_columns_come_last() -> None:
    assert raw_columns()["statistics"][-5:] == [
        ("is_target", "BOOLEAN"),
        ("source", "VARCHAR"),
        ("table_id", "VARCHAR"),
        ("cell_row", "BIGINT"),
        ("cell_col", "BIGINT"),
    ]


# --- second round: years that belong elsewhere, measures repaired, method descriptions --------------


def test_year_printed_after_another_number_is_not_this_ones() -> None:
    found = stats(
        "The sub-index rose from 43.63 in 2015 to 59.95 in 2019, representing an increase of 37.38 percent."
    )
    assert [(s.value, s.year, s.measure) for s in found] == [(37.38, None, "sub-index increase")]


def test_year_of_an_event_date_in_another_clause_is_not_a_reference_year() -> None:
    (s,) = stats(
        "Clusters with networking of over 100 Gbit/s are covered, as set out in Executive Order 13694 of "
        "April 1, 2015."
    )
    assert (s.value, s.unit, s.year) == (100.0, "gbit_per_s", None)


def test_a_year_ago_is_the_year_before() -> None:
    found = stats(
        "The average rate of return was 10.5 percent in 2016, falling from over 13 percent a year ago."
    )
    assert [(s.value, s.year) for s in found] == [(10.5, 2016), (13.0, 2015)]


def test_present_tense_and_cited_sentences_do_not_inherit_the_paragraph_year() -> None:
    found = stats(
        "In 2021, the database held 365,000 proteins. "
        "Today, the database contains predicted structures for over 200,000,000 proteins. "
        "Ma (2) indicated that the proportion of GDP increased to 34.8%."
    )
    assert [(s.value, s.year) for s in found] == [(365000.0, 2021), (2e8, None), (34.8, None)]


def test_measures_are_never_pronouns_or_bare_change_words() -> None:
    (s,) = stats("Growth was 10 percent on average, and it has contributed 0.1 ppt to employment growth.")[1:]
    assert (s.unit, s.measure) == ("percentage_points", "contribution to employment growth")
    (s,) = stats("To deliver on that plan, government is investing \u00a32 billion between 2026-2030.")
    assert (s.measure, s.year, s.period_start) == ("government investment", 2030, "2026")
    (s,) = stats(
        "Within the headline of up to \u00a3137m AI for science allocation, we will fund researchers."
    )
    assert s.measure == "AI for science allocation"


@pytest.mark.parametrize(
    "text",
    [
        "19% Rural areas More active role in setting global standards.",
        "This paper designs an index system, which includes 3 second-level indicators.",
        "该指数从技术、主体、治理与影响4个维度进行评估。",
        "The data from 2009 to 2018 in the 15 advanced economies of the European Union show growth.",
        "This paper uses the panel data from 30 provinces for estimation.",
        "China ranks 50th out of 131 countries; accounts per 10,000 people are counted.",
        "The download rate was 150 megabytes.",
    ],
)
def test_method_descriptions_chart_labels_and_units_as_nouns_are_not_counts(text: str) -> None:
    assert stats(text) == []


def test_whole_numbers_dated_pairwise_are_counts() -> None:
    found = stats(
        "This work has resulted in an increase in firm warnings of 33.5% from 2021-2022 (1,410 in 2021 to "
        "1882 in 2022), despite a decrease in overall scam reports."
    )
    assert [(s.value, s.unit, s.year) for s in found] == [
        (33.5, "percent", 2022),
        (1410.0, "count", 2021),
        (1882.0, "count", 2022),
    ]


def test_more_measures_from_structure() -> None:
    (s,) = stats("信息自作出行政决定之日起7个工作日内上网公开。")
    assert (s.value, s.unit, s.measure) == (7.0, "days", "deadline")
    (s,) = stats(
        "Support from UKRI, plus the \u00a3600m announced for the development of the Data Service, helps."
    )
    assert s.measure == "funding for development of the Data Service"
    found = stats("It lowered the investment threshold from a typical RMB 1,000 to just RMB 1.")
    assert [(s.value, s.measure) for s in found] == [
        (1000.0, "investment threshold"),
        (1.0, "investment threshold"),
    ]
    (s,) = stats("By the end of 2017, the number of users swelled to 474 million.")
    assert (s.value, s.year, s.measure) == (4.74e8, 2017, "number of users")
    (s,) = stats("The penetration of e-commerce (in percent of total retail sales) stands now at 15 percent.")
    assert s.measure == "penetration of e-commerce"


def test_process_settings_are_not_statistics() -> None:
    assert stats("The samples were extruded at 68.4 mm/min for 1, 2 and 4 passes.") == []


def test_list_members_of_other_places_do_not_keep_the_first_places_name() -> None:
    found = stats("China\u2019s robot intensity in industry is 5 percent, compared to 60 percent in Korea.")
    assert [(s.subject, s.measure) for s in found] == [
        ("China", "China\u2019s robot intensity in industry"),
        ("South Korea", "robot intensity in industry"),
    ]


def test_measures_of_percentages_and_asides() -> None:
    found = stats(
        "By the end of 2017, the number of users swelled to 474 million (about 30 percent of the population) "
        "and funds under management rose to RMB 1.6 trillion."
    )
    assert [s.measure for s in found] == ["number of users", "share of population", "funds under management"]
    assert [s.measure for s in stats("98%的行政村实现光纤通达，有条件的地区提供服务。")] == [
        "行政村实现光纤通达"
    ]
    assert [s.measure for s in stats("It offers up to 1,400,000 GPU hours (~80% capacity).")] == [
        "GPU hours",
        "capacity",
    ]


def test_cited_sentences_and_axis_labels() -> None:
    found = stats("In 2012, data were collected. TFP grew in 12 major countries of the OECD [35].")
    assert [(s.value, s.year) for s in found] == [(12.0, None)]
    assert stats("Number of borrowers (in 10 thousands) and banks\u2019 preference to lend to SOEs.") == []


def test_growth_rates_name_what_grows() -> None:
    found = stats(
        "Regarding the sub-indices with an average annual growth rate of 12.45%, the infrastructure "
        "sub-index rose from 40.84 in 2015 to 65.29 in 2019, an increase of 59.87%."
    )
    assert [(s.value, s.year, s.measure) for s in found] == [
        (12.45, None, "average annual growth rate"),
        (59.87, None, "infrastructure sub-index increase"),
    ]
    (s,) = stats("Employment stays robust despite a slowdown in employment growth rate to below 0.1 percent.")
    assert s.measure == "employment growth rate"


def test_a_studys_own_sample_is_not_a_statistic() -> None:
    assert (
        stats("This study selects the number of confirmed cases in 31 provinces as the explanatory variable.")
        == []
    )


def test_full_width_minus_and_per_capita() -> None:
    (s,) = stats("工业增加值增速为\uff0d\uff12\uff0e\uff13\uff05。")
    assert (s.value, s.unit, s.is_change, s.measure) == (-2.3, "percent", True, "工业增加值增速")
    (s,) = stats("GDP reached $10,500 per capita in 2019.")
    assert (s.value, s.unit, s.year, s.raw_text, s.measure) == (
        10500.0,
        "usd",
        2019,
        "$10,500 per capita",
        "GDP per capita",
    )


def test_chinese_plan_targets_with_growth_and_shares() -> None:
    found = stats(
        "到2025年，数字经济核心产业增加值占国内生产总值比重达到10%，软件和信息技术服务业规模达到14万亿元，"
        "年均增长12%以上。"
    )
    assert [(s.value, s.unit, s.year, s.is_target, s.is_change, s.measure) for s in found] == [
        (10.0, "percent", 2025, True, False, "数字经济核心产业增加值占国内生产总值比重"),
        (1.4e13, "yuan", 2025, True, False, "软件和信息技术服务业规模"),
        (12.0, "percent", 2025, True, True, "软件和信息技术服务业规模年均增长"),
    ]
    (s,) = stats("到2020年，培育10家左右具有国际竞争力的龙头企业。")
    assert (s.value, s.year, s.is_target, s.measure) == (10.0, 2020, True, "龙头企业")
    (s,) = stats("By 2030, the UK aims to have 10 GW of offshore wind.")
    assert (s.value, s.unit, s.year, s.is_target, s.measure) == (10.0, "gw", 2030, True, "offshore wind")


def test_a_duration_takes_a_goal_year_only_from_its_own_clause() -> None:
    found = stats(
        "Within 120 days of this order, the Secretary shall train 500 new researchers by 2025. "
        "We will develop trial-ready drugs within 100 days by 2030."
    )
    assert [(s.value, s.unit, s.year, s.is_target) for s in found] == [
        (120.0, "days", None, False),
        (500.0, "count", 2025, True),
        (100.0, "days", 2030, True),
    ]


def test_an_as_of_date_dates_the_value() -> None:
    (s,) = stats(
        "As of 29 August, 2021, the number of confirmed cases in China has reached 151,122,891 million."
    )
    assert (s.value, s.unit, s.year, s.measure) == (
        1.51122891e14,
        "count",
        2021,
        "number of confirmed cases in China",
    )


# --- exclusions that must stay general (review R2) --------------------------------------------------


def test_index_coefficients_and_return_are_not_model_words() -> None:
    assert values("2022年全国居民恩格尔系数为30.5%，比上年下降0.3个百分点。") == [
        (30.5, "percent", 2022),
        (0.3, "percentage_points", 2022),
    ]
    assert values("香港回归祖国以来，对外贸易增长了35%。") == [(35.0, "percent", None)]
    assert values("The Gini coefficient fell to 0.38, and poverty declined by 12% in 2020.") == [
        (12.0, "percent", 2020)
    ]


def test_model_word_in_another_clause_does_not_drop_a_percent() -> None:
    assert values("Exports rose 12% in 2022, while the coefficient of variation fell.") == [
        (12.0, "percent", 2022)
    ]


def test_selected_by_a_government_is_a_count_but_not_by_a_study() -> None:
    assert values("The government selected 120 pilot cities in 2021.") == [(120.0, "count", 2021)]
    assert stats("We selected 30 provinces for the estimation.") == []


def test_chinese_measure_keeps_words_that_start_with_a_preposition() -> None:
    assert [s.measure for s in stats("2022年在线教育用户规模达4.2亿人。")] == ["在线教育用户规模"]
    assert [s.measure for s in stats("2023年对外贸易总额增长5%。")] == ["对外贸易总额"]
    assert [s.measure for s in stats("从业人员达到500万人。")] == ["从业人员"]
    assert [s.measure for s in stats("对数字经济投资达到3000亿元。")] == ["数字经济投资"]


def test_a_sample_that_consists_of_firms_is_method_not_a_count() -> None:
    assert stats("The sample consists of 2,345 listed firms from 2010 to 2020.") == []
    assert stats("Our sample comprises 812 cities.") == []


def test_from_value_measure_starts_at_a_word_and_skips_any_hedge() -> None:
    found = stats("It lowered fees from about RMB 50 to RMB 5.")
    assert [(s.value, s.unit, s.measure) for s in found] == [(50.0, "yuan", "fees"), (5.0, "yuan", "fees")]
    (s, _) = stats("They cut the waiting time from an average 30 days to 10 days.")
    assert (s.value, s.unit, s.measure) == (30.0, "days", "waiting time")


def test_qian_is_a_rank_only_on_its_own_not_in_mu_qian() -> None:
    assert values("目前120个城市开展了试点。") == [(120.0, "count", None)]
    assert values("当前350家企业接入平台。") == [(350.0, "count", None)]
    assert stats("排名前10位。") == []


def test_over_a_period_spans_it_but_over_a_year_compares_with_it() -> None:
    (s,) = stats("Over 2015-2020, investment in AI grew by 30% per year.")
    assert (s.value, s.year, s.period_start, s.period_end) == (30.0, 2020, "2015", "2020")
    assert values("Exports grew 5% over 2019.") == [(5.0, "percent", None)]


def test_growth_over_last_year_measures_the_clause_before() -> None:
    found = stats("2023年，全国网上零售额15.42万亿元，比上年增长11.0%。")
    assert [(s.value, s.unit, s.year, s.measure) for s in found] == [
        (1.542e13, "yuan", 2023, "全国网上零售额"),
        (11.0, "percent", 2023, "全国网上零售额"),
    ]


def test_the_size_of_a_survey_is_its_sample() -> None:
    found = stats("In 2023, 40% of firms used cloud services, according to a survey of 5,000 firms.")
    assert [(s.value, s.unit, s.year) for s in found] == [(40.0, "percent", 2023)]
    assert stats("The team surveyed 1,204 households.") == []


def test_money_contributed_to_something_is_a_contribution() -> None:
    found = stats(
        "The UK AI sector employs over 50,000 people and contributed \u00a33.7 billion "
        "to the economy in 2022."
    )
    assert [(s.value, s.unit, s.year, s.measure) for s in found] == [
        (50000.0, "count", 2022, "people"),
        (3.7e9, "gbp", 2022, "contribution to the economy"),
    ]
