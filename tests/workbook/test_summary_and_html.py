"""The year's 自评汇总表 (xlsx, text, html) and the printable HTML of one form."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from core.interchange import read_form
from core.scoring import score_form
from core.store import Store
from core.workbook.html import form_html
from core.workbook.summary import summary_text, year_summary
from tests.cli.helpers import run
from tests.core.builders import SAMPLES, form, indicator


@pytest.fixture
def loaded(tmp_path):
    db = tmp_path / "store.db"
    with Store.open(db) as store:
        for path in SAMPLES.values():
            store.import_form(read_form(path))
        store.import_form(form(project="另一单位的项目", implementer="松江区司法局"))
        store.import_form(form(project="去年的项目", year=2021))
    return db


def test_summary_of_a_year_adds_up_its_projects(loaded):
    with Store.open(loaded) as store:
        summary = year_summary(store, 2022)
        only = year_summary(store, 2022, "松江区司法局")
    assert len(summary.rows) == 5 and len(only.rows) == 1
    assert summary.annual == sum(row.annual for row in summary.rows)
    assert summary.annual == Decimal("4142700.53") + Decimal("75248.00")
    assert summary.rate == Decimal("100.00")
    assert [row.project for row in only.rows] == ["另一单位的项目"]
    text = summary_text(summary, "万元")
    assert "项目支出绩效自评汇总表（2022年度）" in text and "421.794853" in text
    assert "合计 5 个项目" in text


def test_summary_command_in_every_format(capsys, loaded, tmp_path):
    target = tmp_path / "汇总.xlsx"
    result = run(capsys, loaded, "summary", "--year", "2022", "--format", "xlsx", "-o", target)
    assert result.code == 0 and "5 个项目" in result.out
    sheet = load_workbook(target)["汇总表"]
    assert sheet["A1"].value == "项目支出绩效自评汇总表" and sheet["A2"].value == "（2022年度）"
    assert [sheet.cell(4, col).value for col in range(1, 10)][:4] == [
        "序号", "项目名称", "实施单位", "全年预算数",
    ]  # fmt: skip
    assert sheet["A10"].value.startswith("合计（5 个项目")
    assert sheet["D10"].value == pytest.approx(4217948.53)
    assert sheet["F10"].number_format == "0.00%"
    assert sheet.print_title_rows == "$4:$4"
    page = tmp_path / "汇总.html"
    assert run(capsys, loaded, "summary", "--year", "2022", "--unit", "松江区司法局",
               "--format", "html", "-o", page).code == 0  # fmt: skip
    html = page.read_text(encoding="utf-8")
    assert "@page { size: A4" in html and "另一单位的项目" in html and "课题与规划" not in html
    shown = run(capsys, loaded, "summary", "--year", "2021")
    assert shown.code == 0 and "去年的项目" in shown.out


def test_summary_refuses_what_it_cannot_do(capsys, loaded, tmp_path):
    cases = [
        (["summary"], "请用 --year 给出年度"),
        (["summary", "--year", "1999"], "1999 年度没有表单"),
        (["summary", "--year", "2022", "--format", "pdf", "-o", tmp_path / "x"], "格式应为"),
        (["summary", "--year", "2022", "--format", "xlsx"], "请用 -o"),
        (["summary", "--year", "2022", "--money", "千元"], "金额单位应为"),
        (["summary", "--year", "2022", "--format", "xlsx", "-o", loaded], "存储文件"),
    ]
    for args, words in cases:
        result = run(capsys, loaded, *args)
        assert result.code == 2 and words in result.err, (args, result.err)


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.rows: list[list[tuple[str, dict]]] = []
        self._cell: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = dict(attrs)
            self.rows[-1].append(["", self._cell])

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self.rows[-1][-1][0] += data


def test_form_html_is_one_table_in_the_paper_layout():
    sample = read_form(SAMPLES["宣传与推广"])
    html = form_html(sample, score_form(sample), "元")
    assert "<pre" not in html and "@page { size: A4 portrait" in html
    cells = _Cells()
    cells.feed(html)
    assert cells.tables == 1
    header = [text for text, _ in cells.rows[11]]
    assert header[-1] == "偏差原因分析及改进措施" and header[0] == "绩效指标"
    fifth = cells.rows[16]  # the 5th indicator row, with its deviation beside it
    assert fifth[-1][0].startswith("受疫情影响") and fifth[-1][1] == {
        "class": "text",
        "colspan": "2",
    }
    assert ["115,056.00" in text for text, _ in cells.rows[5]].count(True) == 2
    assert cells.rows[0][0][1]["colspan"] == "10"


def test_form_html_escapes_every_text():
    hostile = form(
        [indicator("<b>提高</b>", "提高", "10", "10", name="</td><script>x()</script>\x1b[31m")],
        project='"><img src=x onerror=alert(1)>',
    )
    html = form_html(hostile, score_form(hostile))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;/td&gt;&lt;script&gt;" in html and "\\x1b[31m" in html
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", html)
