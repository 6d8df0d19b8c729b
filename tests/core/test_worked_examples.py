"""Every worked example of scoring.md, as the user would read it off the form."""

from decimal import Decimal

import pytest

from core.budget import score_budget
from core.indicators import score_indicator
from core.rules import load_rule_set
from tests.core.builders import form, indicator

RULES = load_rule_set()


def suggested(ind):
    return score_indicator(ind, 0, RULES).suggested


def paths(result, severity):
    return [f.path for f in result.findings if f.severity == severity]


@pytest.mark.parametrize(
    ("annual", "executed", "rate", "score"),
    [
        ("75248.00", "75248.00", "100.00", "10.00"),  # budget on plan
        ("100000", "85300", "85.30", "8.53"),  # budget under
        ("250,000.00", "215,457.60", "86.18", "8.62"),  # the published 2022 Shanghai form
    ],
)
def test_budget_rate_and_suggested_score(annual, executed, rate, score):
    result = score_budget(form(annual=annual, executed=executed), RULES)
    assert result.rate == Decimal(rate)
    assert result.suggested == Decimal(score)


def test_budget_over_plan_is_capped_with_a_warning():
    result = score_budget(form(annual="100000", executed="103000"), RULES)
    assert result.rate == Decimal("103.00")
    assert result.suggested == Decimal("10.00")
    over = [f for f in result.findings if f.path == "funds.total.executed"]
    assert [f.severity for f in over] == ["warning"]
    assert "103,000.00" in over[0].message and "100,000.00" in over[0].message


def test_budget_of_zero_has_no_rate_and_an_error():
    result = score_budget(form(annual="0", executed="0"), RULES)
    assert result.rate is None and result.suggested is None
    assert "funds.total.annual" in paths(result, "error")


@pytest.mark.parametrize(
    ("target", "actual", "weight", "expected"),
    [
        (">=95%", "90", "6", "5.68"),  # positive missed
        (">=95%", "98", "6", "6.00"),  # positive met
        ("<=5%", "8%", "10", "6.25"),  # reverse missed
        ("=100%", "96", "20", "19.20"),  # exact missed
        ("≥4篇", "3篇", "15", "11.25"),  # positive count
        ("≤300,000元", "255,900元", "10", "10.00"),  # reverse met
        ("≥4次", "6次", "10", "10.00"),  # met by far
        ("提高", "提高", "5", "5.00"),  # qualitative met
    ],
)
def test_indicator_suggested_score(target, actual, weight, expected):
    assert suggested(indicator(target, actual, weight)) == Decimal(expected)


def test_positive_met_entered_lower_with_a_reason_is_a_warning_only():
    result = score_indicator(indicator(">=95%", "98", "6", "5", deviation="受疫情影响"), 0, RULES)
    assert paths(result, "error") == []
    warnings = [f for f in result.findings if f.severity == "warning"]
    assert [f.path for f in warnings] == ["indicators[0].score"]
    assert "5" in warnings[0].message and "6.00" in warnings[0].message


def test_met_by_far_requires_a_deviation():
    without = score_indicator(indicator("≥4次", "6次", "10", "10"), 0, RULES)
    assert "indicators[0].deviation" in paths(without, "error")
    assert "150%" in without.findings[0].message
    with_reason = score_indicator(
        indicator("≥4次", "6次", "10", "10", deviation="年初目标保守"), 0, RULES
    )
    assert paths(with_reason, "error") == []


def test_qualitative_unmet_has_no_suggestion_and_asks_for_a_grade():
    result = score_indicator(indicator("良好", "一般", "10"), 0, RULES)
    assert result.suggested is None
    assert "indicators[0].grade" in paths(result, "error")


def test_qualitative_unmet_with_a_score_takes_the_band_of_the_score():
    result = score_indicator(indicator("良好", "一般", "10", "7", deviation="宣传不足"), 0, RULES)
    assert result.suggested is None and result.grade == "部分达成年度指标并具有一定效果"
    assert paths(result, "error") == []
    assert "按得分 7 占分值 10 的 70% 定为“部分达成年度指标并具有一定效果”" in (
        result.findings[-1].message
    )


@pytest.mark.parametrize(("score", "errors"), [("14", []), ("16", ["indicators[0].score"])])
def test_qualitative_partly_met_band(score, errors):
    ind = indicator("提高", "部分达成年度指标并具有一定效果", "20", score, deviation="部分完成")
    result = score_indicator(ind, 0, RULES)
    assert result.suggested is None
    assert paths(result, "error") == errors


def test_better_word_on_the_scale_meets_the_target():
    assert suggested(indicator("良好", "优", "10")) == Decimal("10")
    assert suggested(indicator("优", "良好", "10")) is None


def test_zero_target():
    assert suggested(indicator("≤0起", "0起", "10")) == Decimal("10")
    assert suggested(indicator("=0", "2", "10")) == Decimal("0.00")


def test_reverse_with_actual_zero_gives_full_weight():
    assert suggested(indicator("<=5%", "0", "10")) == Decimal("10")


def test_actual_in_another_unit_gets_no_suggestion_and_a_warning():
    result = score_indicator(indicator(">=95%", "3天", "6", "6"), 0, RULES)
    assert result.suggested is None
    assert "indicators[0].actual" in paths(result, "warning")


def test_money_units_convert():
    assert suggested(indicator("≤30万元", "255,900元", "10")) == Decimal("10.00")
    assert suggested(indicator("≥100万元", "50万元", "10")) == Decimal("5.00")


def test_rounding_is_half_up_never_bankers():
    # 6 × 0.84375 = 5.0625 → 5.06; 10 × 0.8125 = 8.125 → 8.13 (round() would give 8.12)
    assert suggested(indicator(">=80%", "65", "10")) == Decimal("8.13")


@pytest.mark.parametrize(
    ("score", "weight", "message_part"),
    [("11", "10", "0 到分值 10"), ("-1", "10", "0 到分值 10")],
)
def test_entered_score_out_of_range_is_an_error(score, weight, message_part):
    result = score_indicator(indicator("=100%", "100", weight, score), 0, RULES)
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors and message_part in errors[0].message


def test_weight_of_zero_is_an_error():
    result = score_indicator(indicator("=100%", "100", "0", "0"), 0, RULES)
    assert "indicators[0].weight" in paths(result, "error")


def test_score_below_weight_without_deviation_is_an_error():
    result = score_indicator(indicator("=100%", "96", "20", "19.2"), 0, RULES)
    assert "indicators[0].deviation" in paths(result, "error")


def test_missing_actual_and_score_are_errors_but_draft_total_uses_suggestion():
    from core.scoring import score_form

    draft = form([indicator("=100%", "100", "90"), indicator("提高", "", "0.5", level2="质量指标")])
    card = score_form(draft)
    error_paths = [f.path for f in card.errors]
    assert "indicators[0].score" in error_paths
    assert "indicators[1].actual" in error_paths
    assert card.indicators[0].effective == Decimal("90")
