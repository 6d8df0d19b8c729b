"""``jixiao check`` on the sample forms and on forms written the way other provinces write them
(tests/core/real_forms): exit 0 or 1, never 2, and nothing a person reads at once is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.builders import SAMPLES
from tests.run_cli import run_jixiao

REAL_FORMS = sorted((Path(__file__).parent / "real_forms").glob("*.json"))
EVERY_FORM = [*SAMPLES.values(), *REAL_FORMS]


@pytest.mark.parametrize("path", EVERY_FORM, ids=lambda path: path.stem)
def test_check_reads_every_form(path):
    done = run_jixiao("check", path)
    assert done.returncode in (0, 1), done.stderr
    assert "无法识别" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def check_json(name: str) -> dict:
    path = next(p for p in REAL_FORMS if p.stem == name)
    done = run_jixiao("check", "--json", path)
    assert done.returncode in (0, 1), done.stderr
    return {"exit": done.returncode, **json.loads(done.stdout)}


def test_a_county_road_form_of_2021():
    report = check_json("2021-农村公路养护")
    assert (report["exit"], report["total"], report["grade"]) == (0, "95.86", "优")
    assert report["budget"]["rate"] == "88.61"  # 1,050,000.00 of 118.5万
    notes = [f["message"] for f in report["findings"] if f["severity"] == "note"]
    assert "二级指标“进度指标”按“时效指标”读取" in notes
    assert any("年度指标值按“≤ 2021年10月31日”读取" in note for note in notes)
    assert not [f for f in report["findings"] if f["path"] == "stated_total"]


def test_a_school_repair_form_of_2022_with_101号_labels():
    report = check_json("2022-校舍维修改造")
    assert (report["exit"], report["total"], report["grade"]) == (0, "99.81", "优")
    suggested = [row["suggested"] for row in report["indicators"]]
    assert suggested == ["10.00"] * 9


def test_weights_of_110_show_and_a_total_above_100_is_not_graded():
    report = check_json("2023-基层医疗能力建设")
    assert report["exit"] == 1 and report["total"] == "107.53" and report["grade"] == "待定"
    errors = [f["message"] for f in report["findings"] if f["severity"] == "error"]
    assert "分值合计应为 100：预算执行 10 + 绩效指标 100 = 110" in errors
    assert "总分 107.53 超过满分 100：请核对各项分值与得分；改正前不评定等级" in errors
    assert report["indicators"][4]["suggested"] == "9.23"  # 6月30日前, done 7月15日: 181/196


def test_a_year_of_cancelled_shows_reads_late_and_partial_rows():
    report = check_json("2020-文化惠民演出")
    rows = report["indicators"]
    assert rows[0]["suggested"] == "15.00"  # ≥120场, 90次 read as 90场
    assert rows[2]["suggested"] == "8.18"  # 第三季度末, 延期至11月: 274/335 days (2020 leap)
    assert rows[4]["suggested"] == "9.33"  # 每场≥300人次, 每场280人次
    assert rows[7]["suggested"] == "9.47"  # 95%以上, 百分之九十
    assert rows[5]["suggested"] is None and rows[6]["suggested"] is None
