"""Files are read by what they hold, not by their names: xls, xlsx and JSON, whatever the suffix."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from core.interchange import form_to_json, read_form
from core.workbook.reading import read_file
from tests.core.builders import SAMPLES
from tests.workbook import bureau_forms

LEGACY = Path(__file__).parent / "fixtures" / "anhui-2022.xls"


def test_legacy_xls_reads_through_xlrd():
    reading = read_file(LEGACY)
    assert reading.ok, [str(p) for p in reading.problems]
    (read,) = reading.forms
    form = read.form
    assert (form.year, form.project, read.unit) == (2022, "课题与规划", "万元")
    assert form.funds.total.annual == Decimal("105000")  # a formula's result
    assert form.funds.carryover.executed == Decimal("5000")
    assert form.indicators[0].level1 == "产出指标" and form.indicators[0].target == "=100%"
    assert form.stated_total == 98 and len(form.indicators) == 9


def test_suffixes_do_not_decide(write_file, tmp_path):
    xls_named_xlsx = write_file(LEGACY.read_bytes(), "really-xls.xlsx")
    xlsx_named_xls = write_file(bureau_forms.yunnan(), "really-xlsx.xls")
    sample = read_form(SAMPLES["维稳工作"])
    json_named_txt = write_file(form_to_json(sample).encode("utf-8"), "form.txt")
    assert read_file(xls_named_xlsx).forms[0].form.project == "课题与规划"
    assert read_file(xlsx_named_xls).forms[0].form.year == 2023
    (read,) = read_file(json_named_txt).forms
    assert read.kind == "json" and read.form == sample


def test_a_bad_json_file_names_its_field(write_file):
    reading = read_file(write_file(b'{"format": "jixiao.form/1", "year": 2022}', "x.json"))
    assert not reading.forms and "字段" in str(reading.problems[0])
