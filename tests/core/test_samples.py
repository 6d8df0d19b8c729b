"""The four 2022 forms of the seed: totals, findings and exit codes a user sees."""

import json

import pytest

from core.interchange import form_to_json, parse_form, read_form
from core.scoring import score_form
from tests.core.builders import SAMPLES
from tests.run_cli import run_jixiao

EXPECTED = {
    "课题与规划": ("100.00", "优", 0),
    "维稳工作": ("90.00", "优", 1),
    "宣传与推广": ("88.00", "良", 1),
    "网络信息系统运行与维护": ("100.00", "优", 0),
}


def test_all_four_samples_ship():
    assert set(SAMPLES) == set(EXPECTED)


@pytest.mark.parametrize("name", EXPECTED)
def test_check_json_on_each_sample(name):
    total, grade, exit_code = EXPECTED[name]
    done = run_jixiao("check", "--json", SAMPLES[name])
    assert done.returncode == exit_code, done.stderr
    report = json.loads(done.stdout)
    assert report["total"] == total
    assert report["grade"] == grade
    weight_errors = [
        f for f in report["findings"] if f["severity"] == "error" and f["path"] == "indicators"
    ]
    assert bool(weight_errors) == (exit_code == 1)
    if weight_errors:
        assert "= 90" in weight_errors[0]["message"]


def test_weights_with_lost_rows_are_the_only_errors():
    for name in ("维稳工作", "宣传与推广"):
        card = score_form(read_form(SAMPLES[name]))
        assert [(f.path, f.message) for f in card.errors] == [
            ("indicators", "分值合计应为 100：预算执行 10 + 绩效指标 80 = 90")
        ]


def test_a_score_docked_with_a_reason_stands_and_is_explained():
    card = score_form(read_form(SAMPLES["宣传与推广"]))
    assert card.indicators[4].suggested == 6 and card.indicators[4].entered == 5
    assert any(f.path == "indicators[4].score" for f in card.warnings)


def test_level_weights_departing_from_advice_are_warnings():
    card = score_form(read_form(SAMPLES["课题与规划"]))
    assert {level.name: str(level.weight) for level in card.levels} == {
        "产出指标": "50",
        "效益指标": "35",
        "满意度指标": "5",
    }
    assert len(card.warnings) == 2 and not card.errors


@pytest.mark.parametrize("name", EXPECTED)
def test_samples_round_trip(name):
    form = read_form(SAMPLES[name])
    assert parse_form(form_to_json(form)) == form
    original = json.loads(SAMPLES[name].read_text(encoding="utf-8"))
    assert json.loads(form_to_json(form)) == original
