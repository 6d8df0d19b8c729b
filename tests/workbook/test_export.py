"""The xlsx export: the bureau's layout, print setup, numbers as numbers, the extra sheets, and
a file LibreOffice opens (and saves back into something we read)."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.interchange import read_form
from core.workbook.reading import read_file
from tests.core.builders import SAMPLES, form, indicator


def _merged(sheet) -> set[str]:
    return {str(cell_range) for cell_range in sheet.merged_cells.ranges}


def test_export_has_the_paper_layout_with_its_merges_and_print_setup(export_file):
    sample = read_form(SAMPLES["网络信息系统运行与维护"])
    book = load_workbook(export_file(sample, "万元"))
    assert book.sheetnames == ["自评表", "明细", "_jixiao"]
    sheet = book["自评表"]
    assert sheet["A1"].value == "项目支出绩效自评表" and sheet["A2"].value == "（2022年度）"
    assert sheet["C3"].value == "网络信息系统运行与维护"
    assert sheet["A5"].value == "项目资金（万元）"
    last = 12 + len(sample.indicators) + 1
    assert {"A1:J1", "A2:J2", "A3:B3", "C3:J3", "A5:A9", "A10:A11", "B11:E11"} <= _merged(sheet)
    assert f"A12:A{last - 1}" in _merged(sheet)
    assert "B13:B15" in _merged(sheet)  # 产出指标 over its three rows
    assert sheet["B13"].value == "产出指标（50分）"
    assert [sheet.cell(12, col).value for col in range(2, 10)] == [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
        "偏差原因分析及改进措施",
    ]  # fmt: skip
    assert sheet[f"A{last}"].value == "总分" and sheet[f"G{last}"].value == 100
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "portrait")
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$12:$12"
    assert sheet["D13"].font.name == "宋体" and sheet["D13"].font.sz == 11
    assert sheet["J20"].border.right.style == "thin"  # every cell of a merged range is framed
    assert sheet["D13"].alignment.wrap_text
    assert book["_jixiao"].sheet_state == "hidden"


def test_amounts_are_numbers_in_the_unit_with_every_cent(export_file):
    odd = form(annual="75248.01", executed="75248.01")
    sheet = load_workbook(export_file(odd, "万元"))["自评表"]
    assert sheet["E6"].value == pytest.approx(7.524801) and sheet["E6"].data_type == "n"
    assert sheet["E6"].number_format == "#,##0.00####"
    assert sheet["H6"].value == 1 and sheet["H6"].number_format == "0.00%"
    in_yuan = load_workbook(export_file(odd, "元", "yuan.xlsx"))["自评表"]
    assert in_yuan["E6"].value == pytest.approx(75248.01)
    assert in_yuan["E6"].number_format == "#,##0.00"
    assert in_yuan["A5"].value == "项目资金（元）"


def test_texts_that_look_like_formulas_or_numbers_read_back_as_typed(export_file):
    rows = [
        indicator("=100%", "100", "20", "20"),
        indicator("=SUM(A1)", "100.0", "20", "18.5", deviation="@cmd\n第二行", name="+1"),
    ]
    sheet = load_workbook(export_file(form(rows)))["自评表"]
    assert sheet["E13"].data_type == "s" and sheet["E13"].value == "=100%"
    assert sheet["E14"].value == "=SUM(A1)" and sheet["E14"].data_type == "s"
    assert sheet["F13"].value == 100 and sheet["F14"].value == "100.0"  # only '100' is a number
    assert sheet["H14"].value == pytest.approx(18.5) and sheet["H14"].number_format == "0.00"


def test_detail_sheet_has_one_indicator_a_row_without_merges(export_file):
    sample = read_form(SAMPLES["宣传与推广"])
    detail = load_workbook(export_file(sample))["明细"]
    assert not detail.merged_cells.ranges
    assert detail["A1"].value == "一级指标" and detail["H1"].value == "偏差原因分析及改进措施"
    assert detail.max_row == len(sample.indicators) + 1
    assert detail.auto_filter.ref == f"A1:H{detail.max_row}"
    assert detail["G6"].value == 5 and detail["H6"].value.startswith("受疫情影响")


def test_control_characters_in_a_form_are_shown_not_written_raw(export_file):
    hostile = form([indicator("提高", "提高", "10", "10", name="名\x1b[2J称\u202e")])
    path = export_file(hostile)
    sheet = load_workbook(path)["自评表"]
    assert sheet["D13"].value == "名\\x1b[2J称<U+202E>"
    # Import refuses such characters (core.model, FROM_OUTSIDE), so the hidden copy is not taken
    # and the visible sheet is read: the name comes back as the visible text it was shown as.
    assert read_file(path).forms[0].form.indicators[0].name == "名\\x1b[2J称<U+202E>"


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_export_and_saves_what_we_read_back(export_file, tmp_path):
    sample = read_form(SAMPLES["维稳工作"])
    path = export_file(sample, "万元")
    out = tmp_path / "out"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    for target in ("pdf", "xlsx"):
        done = subprocess.run(
            [SOFFICE, profile, "--headless", "--convert-to", target, "--outdir", out, path],
            capture_output=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
    pdf = (out / "form.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    resaved = read_file(out / "form.xlsx")
    assert resaved.ok, [str(p) for p in resaved.problems]
    (again,) = resaved.forms
    assert again.form.model_dump(exclude={"status", "id", "updated_at"}) == sample.model_dump(
        exclude={"status", "id", "updated_at"}
    )


def test_amount_in_wan_yuan_reads_back_to_the_cent(export_file):
    odd = form(annual="1234567.89", executed="0.01")
    again = read_file(export_file(odd, "万元")).forms[0].form
    assert again.funds.total.annual == Decimal("1234567.89")
    assert again.funds.total.executed == Decimal("0.01")
