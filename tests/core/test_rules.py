"""Rule sets are data: two ship, a form records its own, a broken file is refused clearly."""

from decimal import Decimal
from pathlib import Path

import pytest

from core.errors import RuleSetError
from core.resources import rules_dir
from core.rules import available_rule_sets, load_rule_set, load_rule_set_file, parse_rule_set
from core.scoring import score_form
from tests.core.builders import form, indicator

NATIONAL = (rules_dir() / "national-2020.toml").read_text(encoding="utf-8")


def test_two_national_rule_sets_and_the_profiles_ship_and_the_2020_one_is_default():
    assert available_rule_sets() == [
        "budget-20",
        "deviation-deduct",
        "execution-caps",
        "execution-explain",
        "national-2020",
        "national-2021",
    ]
    assert load_rule_set().name == "national-2020"


def test_2021_rule_set_makes_cost_a_level_of_its_own():
    rules = load_rule_set("national-2021")
    assert rules.level("成本指标").level2 == ["经济成本指标", "社会成本指标", "生态环境成本指标"]
    assert "成本指标" not in rules.level("产出指标").level2


def test_form_is_scored_under_the_rule_set_it_names():
    cost = indicator(
        "≤300,000元", "255,900元", "10", "10", level1="成本指标", level2="经济成本指标"
    )
    under_2021 = score_form(form([cost], rule_set="national-2021"))
    under_2020 = score_form(form([cost]))
    assert under_2021.rule_set == "national-2021"
    assert not [f for f in under_2021.errors if f.path.startswith("indicators[0]")]
    assert [f.path for f in under_2020.errors if f.path.startswith("indicators[0]")] == [
        "indicators[0].level1"
    ]


def test_grade_bands_come_from_the_rule_set():
    rules = load_rule_set()
    assert [rules.grade_for(Decimal(t)) for t in ("90", "89.99", "80", "60", "59.99")] == [
        "优",
        "良",
        "良",
        "中",
        "差",
    ]


@pytest.mark.parametrize(
    ("broken", "key"),
    [
        (NATIONAL.replace('weight = "10"', 'weight = "十"'), "budget.weight"),
        (
            NATIONAL.replace('far_exceed_ratio = "1.3"', 'far_exceed_ratio = "0.9"'),
            "quantitative.far_exceed_ratio",
        ),
        (NATIONAL.replace('met_band = "达成年度指标"', 'met_band = "完成"'), "qualitative"),
        (NATIONAL.replace("[money]", '[money]\ncolour = "red"'), "money.colour"),
        (
            NATIONAL.replace('name = "满意度指标"\nweight = "10"', 'name = "满意度指标"'),
            "levels[2].weight",
        ),
    ],
)
def test_broken_rule_set_names_file_and_key(broken, key):
    with pytest.raises(RuleSetError) as caught:
        parse_rule_set(broken, "bad.toml")
    assert caught.value.key == key
    assert "bad.toml" in str(caught.value)


def test_rule_set_that_is_not_toml(tmp_path: Path):
    path = tmp_path / "x.toml"
    path.write_text("[budget\nweight=", encoding="utf-8")
    with pytest.raises(RuleSetError, match="TOML"):
        load_rule_set_file(path)


def test_unknown_rule_set_name_lists_the_known_ones():
    with pytest.raises(RuleSetError, match="national-2020"):
        load_rule_set("shanghai-1999")


def test_a_profile_names_the_rule_set_it_extends_and_is_checked_like_one(tmp_path: Path):
    with pytest.raises(RuleSetError) as unknown:
        parse_rule_set('name = "x"\ntitle = "x"\nextends = "shanghai-1999"\n', "x.toml")
    assert unknown.value.key == "extends"
    broken = 'name = "x"\ntitle = "x"\nextends = "national-2020"\n[budget]\ncaps = [{below = "80"}]'
    with pytest.raises(RuleSetError) as missing:
        parse_rule_set(broken, "x.toml")
    assert missing.value.key == "budget.caps[0].cap"
    looped = tmp_path / "national-2020.toml"
    looped.write_text('name = "national-2020"\ntitle = "x"\nextends = "national-2020"\n', "utf-8")
    with pytest.raises(RuleSetError, match="循环引用"):
        load_rule_set_file(looped)


def test_a_profile_keeps_what_it_does_not_change():
    profile = parse_rule_set(
        'name = "x"\ntitle = "x"\nextends = "national-2020"\n[budget]\nweight = "20"\n', "x.toml"
    )
    national = load_rule_set()
    assert profile.budget.weight == 20 and profile.budget.method == "linear"
    assert profile.levels == national.levels and profile.qualitative == national.qualitative
