"""Our own export reads back exactly; the visible sheet alone reads back too; and when a person
edits the visible sheet, the visible sheet wins with a warning that names the cells."""

from __future__ import annotations

import io
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.interchange import read_form
from core.model import Form
from core.scoring import score_form
from core.workbook.reading import read_file
from core.workbook.write import DATA_SHEET
from tests.core.builders import SAMPLES, form, indicator
from tests.core.test_properties import forms as generated_forms
from tests.core.test_properties import indicators as generated_indicators


def _bare(form: Form) -> dict:
    return form.model_dump(mode="json", exclude={"status", "id", "updated_at"})


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(generated_forms(), st.sampled_from(["元", "万元"]))
def test_any_form_reads_back_exactly(export_file, form_drawn, unit):
    reading = read_file(export_file(form_drawn, unit))
    assert reading.ok, [str(p) for p in reading.problems]
    (again,) = reading.forms
    assert again.kind == "own" and again.form == form_drawn and not again.notes


def _as_printed(form: Form) -> Form:
    """The form as its visible sheet says it: the 总分 row prints the computed total."""
    return form.model_copy(update={"stated_total": score_form(form).total})


def _without_hidden_sheet(path):
    book = load_workbook(path)
    del book[DATA_SHEET]
    book.save(path)
    return path


@st.composite
def plain_forms(draw):
    """Forms whose every text a person could type in a cell (no controls, no stray spaces)."""
    text = st.text(alphabet=st.sampled_from(list("信访系统维护课题规划ABC123（）、 ")), max_size=12)
    rows = draw(st.lists(generated_indicators(), min_size=1, max_size=10))
    for row in rows:
        row["name"] = draw(text).strip() or "指标"
    return form(
        [
            indicator(
                **{
                    k: v for k, v in row.items() if k not in ("target", "actual", "weight", "score")
                },
                target=row["target"],
                actual=row["actual"],
                weight=row["weight"],
                score=row["score"],
            )
            for row in rows
        ],
        project=draw(text).strip() or "项目",
        annual=str(draw(st.decimals(min_value=1, max_value=Decimal("1e9"), places=2))),
        executed=str(draw(st.decimals(min_value=0, max_value=Decimal("1e9"), places=2))),
    )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plain_forms(), st.sampled_from(["元", "万元"]))
def test_the_visible_sheet_alone_reads_as_the_same_form(export_file, form_drawn, unit):
    reading = read_file(_without_hidden_sheet(export_file(form_drawn, unit)))
    assert reading.ok, [str(p) for p in reading.problems]
    (again,) = reading.forms
    assert again.kind == "form" and _bare(again.form) == _bare(_as_printed(form_drawn))


def test_every_sample_reads_from_its_visible_sheet_in_both_units(export_file, sample_name):
    sample = read_form(SAMPLES[sample_name])
    for unit in ("元", "万元"):
        path = _without_hidden_sheet(export_file(sample, unit, f"{unit}.xlsx"))
        (again,) = read_file(path).forms
        assert _bare(again.form) == _bare(_as_printed(sample))
        assert again.unit == unit


def test_an_edited_visible_sheet_wins_and_the_cells_are_named(export_file):
    original = form(
        [
            indicator(
                "提高",
                "部分提高",
                "10",
                "7",
                name="信访事项办理效率",
                deviation="个别事项超期",
                grade="部分达成年度指标并具有一定效果",
            ),
            indicator("=100%", "100", "20", "20", level1="效益指标", level2="社会效益指标"),
        ],
        rule_set="national-2020",
    )
    path = export_file(original)
    book = load_workbook(path)
    sheet = book["自评表"]
    sheet["H14"] = 19  # 得分 of the second row
    sheet["F11"] = "畅通信访渠道，群众满意"
    book.save(path)
    reading = read_file(path)
    (again,) = reading.forms
    assert again.form.indicators[1].score == Decimal(19)
    assert again.form.goals.actual == "畅通信访渠道，群众满意"
    assert again.form.indicators[0].grade == "部分达成年度指标并具有一定效果"  # kept from _jixiao
    assert again.form.rule_set == "national-2020"
    assert "F11、H14" in again.notes[0] and "以表中为准" in again.notes[0]


def test_an_untouched_export_resaved_by_openpyxl_is_still_exact(export_file):
    sample = read_form(SAMPLES["课题与规划"])
    path = export_file(sample, "万元")
    book = load_workbook(path)
    book.save(path)
    (again,) = read_file(path).forms
    assert again.form == sample and not again.notes


def test_a_damaged_hidden_sheet_falls_back_to_the_visible_one(export_file):
    sample = read_form(SAMPLES["课题与规划"])
    path = export_file(sample)
    book = load_workbook(path)
    book[DATA_SHEET]["A1"] = '{"format": "jixiao.form/1", "year": "x"'
    book.save(path)
    reading = read_file(path)
    (again,) = reading.forms
    assert _bare(again.form) == _bare(_as_printed(sample))
    assert any("隐藏数据无法读取" in name for name in reading.skipped)


def test_bytes_of_an_export_are_a_zip_that_opens(export_file):
    data = export_file(form()).read_bytes()
    assert load_workbook(io.BytesIO(data)).sheetnames[0] == "自评表"
