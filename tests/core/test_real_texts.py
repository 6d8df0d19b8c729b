"""Targets and actuals as published 自评表 of 2020–2023 write them, with the suggestion each gets.

Every pair below is of the kind clerks type into WPS/Excel forms in several provinces: look-alike
comparators, comparator words, deadlines as dates or months, actuals that repeat the comparator,
units in other words, qualitative actuals in their own words. Each row says what a finance
clerk reading the form would expect: the suggested score, and how jixiao says it read the text.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.confusables import AFTER, BEFORE, CONFUSABLES, SYMBOLS, fold
from core.errors import InputError
from core.indicators import score_indicator
from core.rules import load_rule_set
from core.targets import TargetKind, parse_target
from tests.core.builders import indicator

RULES = load_rule_set()
YEAR = 2023


def scored(target: str, actual: str, weight: str, score: str | None = None):
    row = indicator(target, actual, weight, score, deviation="见说明" if score else "")
    return score_indicator(row, 0, RULES, YEAR)


def messages(result, severity: str) -> str:
    return "\n".join(f.message for f in result.findings if f.severity == severity)


# (target, actual, weight, suggested, how the note reads ("" for no note))
LOOK_ALIKES = [
    ("≧95%", "98%", "10", "10.00", "年度指标值按“≥ 95%”读取"),
    ("≧95%", "92%", "10", "9.68", "年度指标值按“≥ 95%”读取"),
    ("≦3天", "2天", "5", "5.00", "年度指标值按“≤ 3天”读取"),
    ("≦3个工作日", "4个工作日", "6", "4.50", "年度指标值按“≤ 3工作日”读取"),
    ("＞90%", "85%", "8", "7.56", ""),  # full-width: read at once, no note
    ("＝100%", "96%", "20", "19.20", ""),
    ("═100%", "100%", "10", "10.00", "年度指标值按“= 100%”读取"),  # box-drawing ═
    ("》=95%", "97%", "5", "5.00", "年度指标值按“≥ 95%”读取"),  # > with Chinese punctuation on
    ("《=5%", "4%", "5", "5.00", "年度指标值按“≤ 5%”读取"),
    ("≮90%", "88%", "10", "9.78", "年度指标值按“≥ 90%”读取"),  # GB2312 "not less than"
    ("≯3%", "2.5%", "5", "5.00", "年度指标值按“≤ 3%”读取"),
    ("=>85%", "90%", "5", "5.00", "年度指标值按“≥ 85%”读取"),
    ("> = 95 %", "96 %", "6", "6.00", ""),
    ("≥ 95％", "９８％", "6", "6.00", ""),
    ("≒100%", "100%", "5", "5.00", "年度指标值按“= 100%”读取"),
    ("不低于95%", "93%", "10", "9.79", "年度指标值按“≥ 95%”读取"),
    ("不高于5%", "6%", "10", "8.33", "年度指标值按“≤ 5%”读取"),
    ("不少于10次", "12次", "5", "5.00", "年度指标值按“≥ 10次”读取"),
    ("不超过30天", "25天", "5", "5.00", "年度指标值按“≤ 30天”读取"),
    ("达到90%以上", "93%", "5", "5.00", "年度指标值按“≥ 90%”读取"),
    ("95%以上", "94%", "10", "9.89", "年度指标值按“≥ 95%”读取"),
    ("3天以内", "3天", "5", "5.00", "年度指标值按“≤ 3天”读取"),
    ("控制在50万元以内", "48.6万元", "10", "10.00", "年度指标值按“≤ 50万元”读取"),
    ("完成率不低于95%", "96%", "10", "10.00", "年度指标值按“≥ 95%”读取"),
    ("满意度≥90%", "92.6%", "10", "10.00", "年度指标值按“≥ 90%”读取"),
    ("≥95%（含）", "95%", "5", "5.00", "年度指标值按“≥ 95%”读取"),
    ("不少于两次", "2次", "4", "4.00", "年度指标值按“≥ 2次”读取"),
    ("百分之百", "100%", "5", "5.00", "年度指标值按“100%”读取"),
    ("95%-100%", "97%", "5", "5.00", "年度指标值按“95–100%”读取"),
    ("3～5天", "6天", "6", "5.00", "年度指标值按“3–5天”读取"),
    ("每月≥1次", "每月1次", "5", "5.00", "年度指标值按“≥ 1次/月”读取"),
    ("=0", "无", "5", "5.00", "实际完成值按“0”读取"),
    ("≤0起", "未发生", "5", "5.00", "实际完成值按“0起”读取"),
    ("0起", "1起", "5", "0.00", ""),
]

DEADLINES = [
    ("2023年6月底前完成", "5月完成", "10", "10", "年度指标值按“≤ 2023年6月30日”读取"),
    ("6月30日前", "2023年5月28日", "10", "10", "年度指标值按“≤ 2023年6月30日”读取"),
    ("年底前完成", "已按期完成", "10", "10", "年度指标值按“≤ 2023年12月31日”读取"),
    ("2023年12月", "2023年11月", "5", "5", "实际完成值按“2023年11月”读取"),
    ("当年完成", "已完成", "5", "5", "年度指标值按“≤ 2023年12月31日”读取"),
    ("第三季度末", "9月", "5", "5", "年度指标值按“≤ 2023年9月30日”读取"),
    ("上半年", "6月底", "5", "5", "实际完成值按“2023年6月底”读取"),
    ("12月31日前", "2023.12.20", "5", "5", "实际完成值按“2023年12月20日”读取"),
    ("十二月底前完成", "12月20日", "5", "5", "年度指标值按“≤ 2023年12月31日”读取"),
    ("2023-06-30", "2023/6/25", "5", "5", "实际完成值按“2023年6月25日”读取"),
    ("计划于2023年10月底前完工", "已于10月28日完工", "10", "10", "≤ 2023年10月31日"),
    # late: a reverse target in time, days into the year allowed / taken
    ("6月底前", "7月完成", "10", "8.54", "晚于期限 2023年6月30日 31 天"),  # 181 / 212
    ("2023年9月30日前", "2023年10月15日", "10", "9.48", "晚于期限"),  # 273 / 288
    ("年底前", "2024年1月", "5", "4.61", "晚于期限 2023年12月31日 31 天"),  # 365 / 396
    ("10月底前完工", "延期至11月完成", "10", "9.10", "实际完成值按“2023年11月”读取"),  # 304/334
]

REPEATED_COMPARATORS = [
    ("≥95%", "≥98%", "10", "10.00", "已按 98% 计算"),
    ("≤3天", "≤2天", "5", "5.00", "已按 2天 计算"),
    ("≥90%", "98%以上", "5", "5.00", "已按 98% 计算"),
    ("≤5%", "<3%", "5", "5.00", "已按 3% 计算"),
    ("≥4篇", "≥3篇", "15", "11.25", "已按 3篇 计算"),
]

UNIT_SYNONYMS = [
    ("≥95百分比", "98", "5", "5.00", "年度指标值按“≥ 95%”读取"),
    ("≥95%", "98百分比", "5", "5.00", "实际完成值按“98%”读取"),
    ("100%", "100%覆盖", "5", "5.00", "实际完成值按“100%”读取"),
    ("100%覆盖", "100%", "5", "5.00", "年度指标值按“100%”读取"),
    ("≥95%", "全部完成", "5", "5.00", "实际完成值按“100%”读取"),
    ("≥500人次", "620人", "5", "5.00", "实际完成值按“620人次”读取"),
    ("≥10个", "12项", "5", "5.00", "实际完成值按“12个”读取"),
    ("≥20项", "18件", "10", "9.00", "实际完成值按“18项”读取"),
    ("≥4场", "5次", "5", "5.00", "实际完成值按“5场”读取"),
    ("≤300,000元", "25.59万元", "10", "10.00", "实际完成值按“255900元”读取"),
    ("≤30万元", "285,000元", "10", "10.00", "实际完成值按“28.5万元”读取"),
    ("≥1.2亿元", "9600万元", "10", "8.00", "实际完成值按“0.96亿元”读取"),
    ("≥50公里", "48km", "10", "9.60", "实际完成值按“48公里”读取"),
    ("≤24小时", "1天", "5", "5.00", "实际完成值按“24小时”读取"),
    ("≥100亩", "6.5公顷", "10", "9.75", "实际完成值按“97.5亩”读取"),
    ("≥1000人", "0.12万人", "10", "10.00", "实际完成值按“1200人”读取"),
]

QUALITATIVE_MET = [
    ("有效", "达成预期指标"),
    ("有效", "达到预期"),
    ("效果明显", "已完成"),
    ("符合相关规定", "是"),
    ("是否按规定执行", "是"),
    ("有效", "显著"),
    ("有效", "较好"),
    ("提高", "有所提高"),
    ("提高", "明显提升"),
    ("良好", "优秀"),
    ("无安全事故", "未发生安全事故"),
    ("零投诉", "无投诉"),
    ("逐步完善", "已完善"),
    ("达标", "全部达标"),
    ("明显提升", "稳步提升"),
    ("按时完成", "按期完成"),
    ("及时", "按时完成"),
    ("规范", "规范有序"),
    ("下降", "明显下降"),
    ("通过ISO9001认证", "已通过"),  # a code with digits is a name, not a number
    ("5G网络覆盖", "已全覆盖"),
]

QUALITATIVE_NOT_MET = [
    # (target, actual, what the message says)
    ("良好", "较好", "实际完成值“较好”未达到年度指标值“良好”"),
    ("下降", "有所上升", "未达到年度指标值“下降”（方向相反）"),
    ("提高", "未提高", "未达到年度指标值“提高”"),
    ("完成", "基本完成", "部分达成（“基本”）"),
    ("效果明显", "效果一般", "部分达成（“一般”）"),
    ("持续发挥作用", "长期", "无法判断实际完成值“长期”是否达到年度指标值“持续发挥作用”"),
    ("有效", "100%", "无法判断"),
    ("是否发生安全事故", "否", "无法判断"),
]


def _pairs(rows):
    return [pytest.param(*row, id=f"{row[0]}→{row[1]}") for row in rows]


@pytest.mark.parametrize(("target", "actual", "weight", "suggested", "read"), _pairs(LOOK_ALIKES))
def test_look_alike_comparators_and_words(target, actual, weight, suggested, read):
    result = scored(target, actual, weight)
    assert result.suggested == Decimal(suggested)
    notes = messages(result, "note")
    assert read in notes if read else notes == ""
    assert "无法识别" not in messages(result, "error")


@pytest.mark.parametrize(("target", "actual", "weight", "suggested", "read"), _pairs(DEADLINES))
def test_deadlines_are_reverse_targets_in_time(target, actual, weight, suggested, read):
    result = scored(target, actual, weight)
    assert result.kind is TargetKind.DEADLINE
    assert result.suggested == Decimal(suggested)
    assert read in messages(result, "note")
    assert not messages(result, "error").replace("得分未填写", "")


def test_a_month_is_never_a_number_with_a_unit():
    for text in ("12月", "6月底前完成", "2023年12月", "六月底前"):
        assert parse_target(text, YEAR).kind is TargetKind.DEADLINE
    assert parse_target("≤3个月", YEAR).unit == "个月"  # a duration


@pytest.mark.parametrize(
    ("target", "actual", "why"),
    [
        ("10月底前完工", "延期完成", "表明未在期限 2023年10月31日 前完成"),
        ("6月15日前", "6月", "跨过期限 2023年6月15日，无法判断是否按期"),
        ("6月底前", "已完成", "没有写明完成时间，无法判断是否在期限 2023年6月30日 前完成"),
    ],
)
def test_a_deadline_that_cannot_be_told_asks_for_the_date(target, actual, why):
    result = scored(target, actual, "10")
    assert result.suggested is None
    assert why in messages(result, "warning")
    assert "未达成" not in messages(result, "warning")


@pytest.mark.parametrize(
    ("target", "actual", "weight", "suggested", "says"), _pairs(REPEATED_COMPARATORS)
)
def test_actuals_that_repeat_the_comparator_are_read_as_the_number(
    target, actual, weight, suggested, says
):
    result = scored(target, actual, weight)
    assert result.suggested == Decimal(suggested)
    assert "应填实际达到的数值" in messages(result, "warning")
    assert says in messages(result, "warning")


@pytest.mark.parametrize(("target", "actual", "weight", "suggested", "read"), _pairs(UNIT_SYNONYMS))
def test_units_in_other_words(target, actual, weight, suggested, read):
    result = scored(target, actual, weight)
    assert result.suggested == Decimal(suggested)
    assert read in messages(result, "note")


def test_units_that_really_differ_get_a_warning_naming_both():
    result = scored("≥95%", "3天", "5")
    assert result.suggested is None
    assert "实际完成值的单位“天”与年度指标值的单位“%”不同" in messages(result, "warning")


@pytest.mark.parametrize(("target", "actual"), _pairs(QUALITATIVE_MET))
def test_qualitative_actuals_in_their_own_words(target, actual):
    result = scored(target, actual, "10")
    assert result.suggested == Decimal(10)
    assert result.grade == "达成年度指标"
    assert not messages(result, "error").replace("得分未填写", "")


@pytest.mark.parametrize(("target", "actual", "says"), _pairs(QUALITATIVE_NOT_MET))
def test_qualitative_not_met_says_why_and_what_to_do(target, actual, says):
    result = scored(target, actual, "10")
    assert result.suggested is None
    error = messages(result, "error")
    assert says in error
    assert "请选择评价等级" in error and "或填写得分" in error
    if "无法判断" in says:
        assert "未达到" not in error and "未达成年度指标" not in error.split("（达成年度指标")[0]


@pytest.mark.parametrize(
    ("target", "actual", "score", "band"),
    [
        ("良好", "一般", "7", "部分达成年度指标并具有一定效果"),
        ("提高", "有待提高", "5", "未达成年度指标且效果较差"),
        ("有效", "100%", "9", "达成年度指标"),
        ("持续发挥作用", "长期", "8", "达成年度指标"),
    ],
)
def test_a_score_without_a_grade_takes_its_band_from_score_over_weight(target, actual, score, band):
    result = scored(target, actual, "10", score)
    assert result.grade == band
    assert not messages(result, "error")
    assert f"定为“{band}”" in messages(result, "note")


def test_words_that_say_less_than_the_score_are_an_error_until_a_grade_is_chosen():
    result = scored("提高", "部分提高", "15", "15")
    assert "得分 15 却在“达成年度指标”档（[12.00, 15.00]）：请选择评价等级" in messages(
        result, "error"
    )
    chosen = indicator("提高", "部分提高", "15", "15", grade="达成年度指标")
    assert not messages(score_indicator(chosen, 0, RULES, YEAR), "error")


def test_a_grade_and_a_score_that_disagree_are_an_error():
    row = indicator(
        "良好", "一般", "10", "9", deviation="x", grade="部分达成年度指标并具有一定效果"
    )
    result = score_indicator(row, 0, RULES, YEAR)
    assert "评价等级“部分达成年度指标并具有一定效果”的得分应在" in messages(result, "error")


def test_there_are_at_least_sixty_pairs():
    pairs = LOOK_ALIKES + DEADLINES + REPEATED_COMPARATORS + UNIT_SYNONYMS
    assert len(pairs) + len(QUALITATIVE_MET) + len(QUALITATIVE_NOT_MET) >= 60


# --- properties over the confusables table ---------------------------------------------------

SPACES = st.sampled_from([" ", "\u3000", "\u00a0", "\t", "\u200b", ""])
FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


@st.composite
def typed(draw, text: str) -> str:
    """``text`` as a careless hand types it: random spaces, some characters full-width."""
    out = []
    for char in text:
        if char in FULL_WIDTH and draw(st.booleans()):
            char = FULL_WIDTH[char]
        out.append(char + draw(SPACES))
    return draw(SPACES) + "".join(out)


numbers = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("9999"), places=1).map(
    lambda d: format(d.normalize(), "f")
)
units = st.sampled_from(["%", "天", "次", "个", "万元", "人次", ""])
KINDS = {"≥": TargetKind.POSITIVE, ">": TargetKind.POSITIVE, "≤": TargetKind.REVERSE}
KINDS |= {"<": TargetKind.REVERSE, "=": TargetKind.EXACT}
usable = [c for c in CONFUSABLES if c.place == "symbol" or c.written not in ("为", "约")]


@given(st.sampled_from(usable), numbers, units, st.data())
def test_every_way_of_writing_a_comparator_reads_as_it(confusable, number, unit, data):
    if confusable.place == "after":
        written = f"{number}{unit}{confusable.written}"
    else:
        written = f"{confusable.written}{number}{unit}"
    target = parse_target(data.draw(typed(written)), YEAR)
    assert target.kind is KINDS[confusable.reads_as]
    assert target.number == Decimal(number)
    assert target.unit == unit


@given(st.sampled_from(list(SYMBOLS)), numbers, st.data())
def test_a_repeated_comparator_on_an_actual_still_reads_the_number(symbol, number, data):
    actual = data.draw(typed(f"{symbol}{number}%"))
    result = scored("≥50%", actual, "10")
    assert result.suggested is not None
    ratio = min(Decimal(number) / 50, Decimal(1))
    assert result.suggested == (Decimal(10) * ratio).quantize(Decimal("0.01"), "ROUND_HALF_UP")


@given(st.text(max_size=30))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.sampled_from(usable), numbers, units)
def test_a_reading_reads_back_as_itself(confusable, number, unit):
    written = (
        f"{number}{unit}{confusable.written}"
        if confusable.place == "after"
        else f"{confusable.written}{number}{unit}"
    )
    target = parse_target(written, YEAR)
    again = parse_target(target.shown, YEAR)
    assert (again.kind, again.number, again.unit) == (target.kind, target.number, target.unit)
    assert again.reading is None or again.reading == target.reading


@given(
    st.text(alphabet=st.sampled_from(list("≥≤=<>≧≦═》《不低于以上内0123456789.%天 ")), max_size=12)
)
def test_comparator_soup_fails_only_with_our_own_error(text):
    try:
        parse_target(text, YEAR)
    except InputError:
        pass


def test_the_table_is_documented_data():
    assert all(c.reads_as in "≥≤<>=" and c.seen for c in CONFUSABLES)
    assert {"不低于", "不少于", "达到", "不高于", "不超过"} <= set(BEFORE)
    assert {"以上", "及以上", "以内", "以下"} <= set(AFTER)
    assert {"≧", "≦", "═", "》="} <= set(SYMBOLS)
