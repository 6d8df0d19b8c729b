"""Workbooks as bureaus publish them, read by their labels: each region's quirks."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.scoring import score_form
from core.workbook.reading import read_file
from tests.workbook import bureau_forms


def _read(write_file, data: bytes, **options):
    reading = read_file(write_file(data), **options)
    assert reading.ok, [str(p) for p in reading.problems]
    return reading


def test_shanghai_district_form_in_yuan(write_file):
    (read,) = _read(write_file, bureau_forms.shanghai_district()).forms
    form = read.form
    assert (form.year, form.project, read.unit, read.kind) == (2022, "课题与规划", "元", "form")
    assert form.implementer == "上海市松江区人民政府信访办公室"
    assert form.funds.total.initial == Decimal("30000") and form.funds.total.executed == 100000
    assert form.funds.carryover.executed is None  # a blank cell stays empty
    assert (form.budget_weight, form.budget_score, form.stated_total) == (10, 10, 98)
    assert [row.level1 for row in form.indicators[3:5]] == ["产出指标", "效益指标"]
    assert form.indicators[5].level2 == "社会效益指标"  # merged over three rows
    assert form.indicators[6].deviation == "部分活动延期"
    assert score_form(form).total == Decimal(98)


def test_anhui_national_template_in_wan_yuan_with_formulas(write_file):
    (read,) = _read(write_file, bureau_forms.anhui_national()).forms
    form = read.form
    assert read.unit == "万元"
    assert form.funds.total.annual == Decimal("105000")  # =SUM(F6:F8), saved as 10.5 万元
    assert form.funds.carryover.executed == Decimal("5000")
    assert form.budget_weight == 10  # "10" typed as text
    assert form.indicators[0].level1 == "产出指标"  # 产出指标(50分)
    assert form.indicators[0].target == "=100%"  # 年度指标值（A）
    assert form.stated_total == 98
    assert any("公式" in note and "E5" in note for note in read.notes)


def test_shanxi_adjusted_budget_text_numbers_and_unit_cell(write_file):
    (read,) = _read(write_file, bureau_forms.shanxi()).forms
    form = read.form
    assert (form.year, read.unit) == (2021, "万元")
    assert form.department == "山西省水利厅 [123001]"  # 主管部门及代码
    assert form.funds.total.annual == Decimal("12505000")  # 调整后预算数 "1,250.50"
    assert form.funds.fiscal.executed == Decimal("11879750")  # 本年财政拨款 "1,187.9750"
    assert form.funds.carryover.initial is None and form.funds.other.annual is None  # — and /
    assert form.budget_score == Decimal("9.5")
    assert form.goals.expected == "巩固提升农村饮水安全水平，\n受益人口 12 万人。"
    assert form.indicators[2].target == "11月底前"
    assert form.indicators[5].deviation == "个别村反映水压不足"


def test_yunnan_split_target_columns_and_year_cell(write_file):
    (read,) = _read(write_file, bureau_forms.yunnan()).forms
    form = read.form
    assert form.year == 2023 and read.unit == "元"
    assert form.funds.fiscal.executed == Decimal("480000.50")  # 财政资金
    assert [row.target for row in form.indicators] == [
        "≥2000人次", "=16个", "≥95%", "提升", "≥90%",
    ]  # fmt: skip
    assert [row.level2 for row in form.indicators] == [
        "数量指标", "数量指标", "质量指标", "社会效益指标", "服务对象满意度指标",
    ]  # fmt: skip
    assert form.indicators[1].level1 == "产出指标"  # carried down over a blank cell
    assert form.stated_total == Decimal("99.6")


def test_hubei_workbook_with_two_forms_and_a_notes_sheet(write_file):
    reading = _read(write_file, bureau_forms.hubei_two_projects())
    assert [read.form.project for read in reading.forms] == ["社区矫正经费", "法律援助"]
    assert [read.sheet for read in reading.forms] == ["项目1", "项目2"]
    assert reading.skipped == ["填表说明"]
    first = reading.forms[0].form
    assert first.department == first.implementer == "武汉市司法局"  # 主管部门：… in one cell
    assert first.funds.total.executed == Decimal("84000")
    assert first.indicators[2].name == "服务对象满意度"


def test_unit_missing_is_asked_for_never_guessed(write_file):
    data = bureau_forms.shanghai_district()
    without_unit = _replace_text(data, "项目资金\n（元）", "项目资金")
    reading = read_file(write_file(without_unit))
    assert not reading.forms
    (problem,) = reading.problems
    assert problem.cell == "C6" and "--unit" in problem.message
    asked = read_file(write_file(without_unit, "again.xlsx"), unit="万元")
    assert asked.ok and asked.forms[0].form.funds.total.annual == Decimal("1000000000")


def test_unit_in_the_sheet_wins_over_the_one_asked_for(write_file):
    (read,) = _read(write_file, bureau_forms.shanghai_district(), unit="万元").forms
    assert read.unit == "元" and read.form.funds.total.annual == 100000
    assert any("--unit 万元" in note for note in read.notes)


def _replace_text(data: bytes, old: str, new: str) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == old:
                    cell.value = new
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "builder",
    ["shanghai_district", "anhui_national", "shanxi", "yunnan", "hubei_two_projects"],
)
def test_every_bureau_form_reads_into_a_form_scored_without_surprises(write_file, builder):
    reading = _read(write_file, getattr(bureau_forms, builder)())
    for read in reading.forms:
        card = score_form(read.form)
        assert read.form.indicators and card.total > 0
        messages = [finding.message for finding in card.errors]
        assert not [m for m in messages if "一级" in m or "二级" in m], messages


def test_sichuan_direction_words_in_the_nature_column_and_blank_words(write_file):
    """四川 writes 正向指标/反向指标 where 云南 writes ≥/≤, and 无 for an empty deviation."""
    book = load_workbook(io.BytesIO(bureau_forms.yunnan()))
    sheet = book.active
    sheet["E13"] = "正向指标"
    sheet["E15"] = "反向指标"
    sheet["F15"] = 5
    sheet["K13"] = "无"
    out = io.BytesIO()
    book.save(out)
    (read,) = _read(write_file, out.getvalue()).forms
    assert read.form.indicators[0].target == "≥2000人次"
    assert read.form.indicators[2].target == "≤5%"
    assert read.form.indicators[0].deviation == ""
