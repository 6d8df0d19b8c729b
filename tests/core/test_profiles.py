"""Rule profiles: each one switch over the national rules, off there; the README's examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.indicators import score_indicator
from core.rules import available_rule_sets, load_rule_set
from core.scoring import score_form
from tests.core.builders import form, indicator

NATIONAL = load_rule_set("national-2020")
PROFILES = {
    "budget-20": {("budget", "weight"), ("indicators", "points"), ("levels",), ("title",)},
    "execution-caps": {("budget", "caps"), ("title",)},
    "deviation-deduct": {("quantitative", "far_exceed_deduction"), ("title",)},
    "execution-explain": {("budget", "explain_below"), ("title",)},
}


def _differences(one: dict, other: dict, prefix: tuple = ()) -> set[tuple]:
    found = set()
    for key in one.keys() | other.keys():
        a, b = one.get(key), other.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            found |= _differences(a, b, (*prefix, key))
        elif a != b:
            found.add((*prefix, key))
    return found


@pytest.mark.parametrize("name", PROFILES)
def test_each_profile_is_one_switch_over_the_national_rules(name):
    profile = load_rule_set(name)
    names = {("name",), ("extends",), ("description",)}  # what a profile says of itself
    changed = _differences(profile.model_dump(), NATIONAL.model_dump()) - names
    assert changed == PROFILES[name]


def test_the_switches_are_off_in_the_national_rules():
    for rules in (NATIONAL, load_rule_set("national-2021")):
        assert rules.budget.caps == [] and rules.budget.explain_below is None
        assert rules.quantitative.far_exceed_deduction is None
        assert rules.indicators.points is None and rules.indicator_scale == 1
    assert set(PROFILES) <= set(available_rule_sets())


def rows(*scores: tuple[str, str]) -> list:
    return [
        indicator("=100%", "100", weight, score, name=f"指标{n}", deviation="部分未完成")
        for n, (weight, score) in enumerate(scores)
    ]


# --- budget-20: the budget row worth 20, the rows' 100 points × 0.8 ---------------------------


def test_budget_20_scales_the_rows_into_80_points():
    sheet = form(
        rows(("40", "40"), ("20", "20"), ("20", "20"), ("20", "15")),
        annual="100000",
        executed="90000",
        budget_weight="20",
        budget_score="18",
        rule_set="budget-20",
    )
    card = score_form(sheet)
    assert card.budget.suggested == Decimal("18.00")  # 20 × 90%
    assert card.indicator_scale == Decimal("0.8")
    assert card.weight_total == Decimal(100)  # 20 + 100 × 0.8
    assert card.total == Decimal("94.00")  # 18 + 0.8 × 95
    assert card.grade == "优"
    assert not [f for f in card.errors if f.path == "indicators"]


def test_budget_20_rows_that_do_not_add_up_to_100_say_so_with_the_scale():
    sheet = form(
        rows(("40", "40"), ("20", "20"), ("30", "30")), budget_weight="20", rule_set="budget-20"
    )
    card = score_form(sheet)
    assert "分值合计应为 100：预算执行 20 + 绩效指标 90 × 0.8 = 92" in [
        f.message for f in card.errors
    ]


def test_budget_20_rounds_the_scaled_part_half_up():
    sheet = form(
        rows(("50", "47.33"), ("30", "30"), ("20", "20")),
        budget_weight="20",
        budget_score="20",
        rule_set="budget-20",
    )
    card = score_form(sheet)
    assert card.total == Decimal("20") + Decimal("77.86")  # 0.8 × 97.33 = 77.864


def test_the_national_rules_do_not_scale():
    card = score_form(form(rows(("40", "40"), ("30", "30"), ("20", "20"))))
    assert card.indicator_scale == 1 and card.total == Decimal("100")


# --- execution-caps: 总分 capped by the execution rate ------------------------------------------


@pytest.mark.parametrize(
    ("executed", "cap", "total"),
    [
        ("80000", None, "98.00"),  # 80%: no cap
        ("75000", "89", "89"),  # 70–80% → 89 (uncapped 97.50)
        ("70000", "89", "89"),  # 70% still in 70–80%
        ("65000", "79", "79"),
        ("55000", "69", "69"),
        ("45000", "59", "59"),
    ],
)
def test_caps_by_execution_rate(executed, cap, total):
    full = rows(("40", "40"), ("30", "30"), ("20", "20"))
    sheet = form(full, annual="100000", executed=executed, budget_score=None)
    card = score_form(sheet, load_rule_set("execution-caps"))
    assert card.total_cap == (Decimal(cap) if cap else None)
    assert card.total == Decimal(total)
    notes = [f.message for f in card.notes if f.path == "budget_score"]
    if cap:
        assert notes and f"总分最高 {cap} 分" in notes[0]
        assert card.uncapped_total > card.total
    else:
        assert not notes
    national = score_form(sheet)
    assert national.total_cap is None and national.total == national.uncapped_total


def test_a_capped_total_takes_the_grade_of_the_cap():
    sheet = form(rows(("40", "40"), ("30", "30"), ("20", "20")), annual="100", executed="75")
    card = score_form(sheet, load_rule_set("execution-caps"))
    assert card.total == Decimal(89) and card.grade == "良"


# --- deviation-deduct: a target met by far loses a fixed share instead of asking why ------------


def test_met_by_far_is_deducted_instead_of_asking_for_an_explanation():
    row = indicator("≥4次", "6次", "10", "8")
    deducted = score_indicator(row, 0, load_rule_set("deviation-deduct"), 2023)
    assert deducted.suggested == Decimal("8.00")  # 10 − 20% of 10
    assert not [f for f in deducted.findings if f.severity == "error"]
    assert "按规则集扣 2.00 分" in "".join(f.message for f in deducted.findings)
    national = score_indicator(row, 0, NATIONAL, 2023)
    assert national.suggested == Decimal("10.00")
    assert "indicators[0].deviation" in [f.path for f in national.findings if f.severity == "error"]


def test_a_target_not_met_by_far_is_not_deducted():
    row = indicator("≥4次", "5次", "10", "10")
    assert score_indicator(row, 0, load_rule_set("deviation-deduct"), 2023).suggested == 10


# --- execution-explain: below 90% needs 预算执行偏差原因 ---------------------------------------


@pytest.mark.parametrize(
    ("executed", "reason", "asked"),
    [("85300", "", True), ("85300", "部分采购延至次年", False), ("90000", "", False)],
)
def test_a_low_execution_rate_needs_an_explanation(executed, reason, asked):
    sheet = form(
        rows(("40", "40"), ("30", "30"), ("20", "20")),
        annual="100000",
        executed=executed,
        budget_score=None,
        budget_deviation=reason,
    )
    card = score_form(sheet, load_rule_set("execution-explain"))
    errors = [f.message for f in card.errors if f.path == "budget_deviation"]
    if asked:
        title = "执行率低于 90% 须说明（规则配置）"
        assert errors == [f"执行率 85.30% 低于 90%：按规则集“{title}”须填写预算执行偏差原因"]
    else:
        assert errors == []
    assert not [f for f in score_form(sheet).errors if f.path == "budget_deviation"]
