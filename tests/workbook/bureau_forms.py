"""Workbooks as bureaus hand them out, built in code: the layouts of published forms (Shanghai
district, Anhui/national 万元, Shanxi, Yunnan/Sichuan split targets, Hubei several forms a
workbook, a 绩效目标申报表), each with the quirks its region has."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

# 课题与规划 of the seed (2022, 松江区信访办): weights 50/35/5, every target met
ROWS = [
    ("产出指标", "数量指标", "信访课题研究完成率", "=100%", "100%", 20, 20, ""),
    ("产出指标", "质量指标", "课题研究疑难问题化解率", ">=85%", "100%", 10, 10, ""),
    ("产出指标", "时效指标", "课题研究开展及时性", "=100%", "100%", 10, 10, ""),
    ("产出指标", "成本指标", "成本控制", "良好", "良好", 10, 10, ""),
    ("效益指标", "社会效益指标", "信访课题研究成果", "良好", "良好", 10, 10, ""),
    ("效益指标", "社会效益指标", "课题研究成果", "良好", "良好", 10, 10, ""),
    ("效益指标", "社会效益指标", "社会面防控影响力", "提高", "提高", 10, 8, "部分活动延期"),
    ("效益指标", "可持续影响指标", "提高群众信访满意度", "提高", "提高", 5, 5, ""),
    ("满意度指标", "服务对象满意度指标", "群众信访满意度", "提高", "提高", 5, 5, ""),
]
PROJECT = "课题与规划"
DEPARTMENT = "上海市松江区人民政府信访办公室"
EXPECTED = "推进信访系统理论研究课题工作，坚持将群众工作的理念融入信访工作。"
ACTUAL = "完成信访系统理论研究课题，形成的成果转化运用到信访工作实践中。"


class Sheet:
    """A worksheet written the way a person fills one: values, merges, formats."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws

    def put(self, ref: str, value: Any, *, to: str | None = None, fmt: str | None = None) -> None:
        cell = self.ws[ref]
        cell.value = value
        if isinstance(value, str) and value.startswith("=") and not _is_formula(value):
            cell.data_type = "s"  # a target such as "=100%" typed as text
        if fmt:
            cell.number_format = fmt
        if to:
            self.ws.merge_cells(f"{ref}:{to}")

    def row(self, number: int, values: Iterable[Any], start: str = "A") -> None:
        col = ord(start) - ord("A")
        for offset, value in enumerate(values):
            if value is not None:
                self.put(f"{chr(ord('A') + col + offset)}{number}", value)


def _is_formula(value: str) -> bool:
    return bool(re.match(r"^=[A-Z]+\(|^=[A-Z]+\d+[*/+-]", value))


def save(book: Workbook) -> bytes:
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def with_cached_values(data: bytes, values: dict[str, str]) -> bytes:
    """The workbook with saved results for its formulas (as Excel leaves them), by cell."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = content.decode("utf-8")
                for ref, value in values.items():
                    text = re.sub(
                        rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/>',
                        rf"\g<1>\g<2><v>{value}</v>",
                        text,
                    )
                content = text.encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def _indicators(
    sheet: Sheet,
    first_row: int,
    rows: list[tuple],
    *,
    columns: str = "BCDEFGHI",
    merge_levels: bool = True,
    level1_weights: bool = False,
) -> int:
    """The indicator rows from ``first_row``; the row after the last."""
    c1, c2, c3, target, actual, weight, score, deviation = columns
    for offset, (level1, level2, name, tgt, act, w, s, dev) in enumerate(rows):
        row = first_row + offset
        previous = rows[offset - 1] if offset else None
        new1 = previous is None or previous[0] != level1
        new2 = new1 or previous[1] != level2
        if new1:
            span = sum(1 for _ in _run(rows, offset, lambda r: r[0]))
            text = level1
            if level1_weights:
                text += f"({sum(r[5] for r in rows if r[0] == level1)}分)"
            end = f"{c1}{row + span - 1}" if merge_levels and span > 1 else None
            sheet.put(f"{c1}{row}", text, to=end)
        if new2:
            span = sum(1 for _ in _run(rows, offset, lambda r: (r[0], r[1])))
            end = f"{c2}{row + span - 1}" if merge_levels and span > 1 else None
            sheet.put(f"{c2}{row}", level2, to=end)
        sheet.put(f"{c3}{row}", name)
        sheet.put(f"{target}{row}", tgt)
        sheet.put(f"{actual}{row}", act)
        sheet.put(f"{weight}{row}", w)
        sheet.put(f"{score}{row}", s)
        if dev:
            sheet.put(f"{deviation}{row}", dev)
    return first_row + len(rows)


def _run(rows: list[tuple], start: int, key):
    for row in rows[start:]:
        if key(row) != key(rows[start]):
            return
        yield row


def shanghai_district(year: int = 2022, project: str = PROJECT) -> bytes:
    """松江区 (元): the seed's layout, amounts in 元 with two decimals, one sheet."""
    book = Workbook()
    sheet = Sheet(book.active)
    sheet.ws.title = "课题与规划"
    sheet.put("A1", "项目支出绩效自评表", to="I1")
    sheet.put("A2", f"（{year}年度）", to="I2")
    sheet.put("A3", "项目名称", to="B3")
    sheet.put("C3", project, to="I3")
    sheet.put("A4", "主管部门", to="B4")
    sheet.put("C4", DEPARTMENT, to="D4")
    sheet.put("E4", "实施单位")
    sheet.put("F4", DEPARTMENT, to="I4")
    sheet.put("A5", "项目资金\n（元）", to="A9")
    sheet.row(5, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], "C")
    money = "#,##0.00"
    sheet.put("B6", "年度资金总额")
    for col, value in zip("CDE", (30000, 100000, 100000), strict=True):
        sheet.put(f"{col}6", value, fmt=money)
    sheet.row(6, [10], "F")
    sheet.put("G6", 1, fmt="0.00%")
    sheet.put("H6", 10)
    sheet.put("B7", "其中：当年财政拨款")
    for col, value in zip("CDE", (30000, 100000, 100000), strict=True):
        sheet.put(f"{col}7", value, fmt=money)
    sheet.row(7, ["—", "—", "—"], "F")
    for row, label in ((8, "上年结转资金"), (9, "其他资金")):
        sheet.put(f"B{row}", label)
        sheet.row(row, [0, 0, None, "—", "—", "—"], "C")
    sheet.put("A10", "年度总体目标", to="A11")
    sheet.put("B10", "预期目标", to="E10")
    sheet.put("F10", "实际完成情况", to="I10")
    sheet.put("B11", EXPECTED, to="E11")
    sheet.put("F11", ACTUAL, to="I11")
    headings = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    sheet.row(12, [*headings, "偏差原因分析及改进措施"], "B")
    end = _indicators(sheet, 13, ROWS)
    sheet.put("A12", "绩效指标", to=f"A{end - 1}")
    sheet.put(f"A{end}", "总分", to=f"F{end}")
    sheet.put(f"G{end}", 100)
    sheet.put(f"H{end}", 98.00, fmt="0.00")
    return save(book)


def anhui_national(year: int = 2022, project: str = PROJECT) -> bytes:
    """The national template as 安徽 publishes it: 万元, （A）/（B） suffixes, 一级 cells with
    their weights, and the totals and rates as formulas saved with their results."""
    book = Workbook()
    sheet = Sheet(book.active)
    sheet.ws.title = "自评表"
    sheet.put("A1", f"{year}年度项目支出绩效自评表", to="J1")
    sheet.put("A2", "项目名称", to="B2")
    sheet.put("C2", project, to="J2")
    sheet.put("A3", "主管部门", to="B3")
    sheet.put("C3", DEPARTMENT, to="E3")
    sheet.put("F3", "实施单位", to="G3")
    sheet.put("H3", DEPARTMENT, to="J3")
    sheet.put("A4", "项目资金（万元）", to="B8")
    headings = ["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
    sheet.put("C4", None, to="D4")
    sheet.row(4, headings, "E")
    sheet.put("C5", "年度资金总额", to="D5")
    sheet.put("E5", "=SUM(E6:E8)")
    sheet.put("F5", "=SUM(F6:F8)")
    sheet.put("G5", "=SUM(G6:G8)")
    sheet.put("H5", "10")  # a weight typed as text
    sheet.put("I5", "=G5/F5", fmt="0.00%")
    sheet.put("J5", 10)
    sheet.put("C6", "其中：当年财政拨款", to="D6")
    sheet.row(6, [3, 10, 10], "E")
    sheet.put("C7", "上年结转资金", to="D7")
    sheet.row(7, [0, 0.5, 0.5], "E")
    sheet.put("C8", "其他资金", to="D8")
    sheet.row(8, [0, 0, 0], "E")
    for ref in ("E6", "F6", "G6", "E7", "F7", "G7"):
        sheet.ws[ref].number_format = "0.000000"
    sheet.put("A9", "年度总体目标", to="A10")
    sheet.put("B9", "预期目标", to="F9")
    sheet.put("G9", "实际完成情况", to="J9")
    sheet.put("B10", EXPECTED, to="F10")
    sheet.put("G10", ACTUAL, to="J10")
    headings = ["一级指标", "二级指标", "三级指标", "年度指标值（A）", "实际完成值（B）"]
    sheet.row(11, [*headings, "分值", "得分"], "B")
    sheet.put("I11", "偏差原因分析及改进措施", to="J11")
    end = _indicators(sheet, 12, ROWS, level1_weights=True)
    sheet.put("A11", "绩效指标", to=f"A{end - 1}")
    sheet.put(f"A{end}", "总分", to=f"F{end}")
    sheet.put(f"G{end}", "=SUM(G12:G20)+H5")
    sheet.put(f"H{end}", "=SUM(H12:H20)+J5")
    data = save(book)
    return with_cached_values(
        data,
        {
            "E5": "3",
            "F5": "10.5",
            "G5": "10.5",
            "I5": "1",
            f"G{end}": "100",
            f"H{end}": "98",
        },
    )


def shanxi(year: int = 2021) -> bytes:
    """山西: 主管部门及代码, 调整后预算数, 本年财政拨款, 单位：万元 in its own cell, amounts as text
    with thousands separators, "/" and "—" for nothing."""
    book = Workbook()
    sheet = Sheet(book.active)
    sheet.ws.title = "Sheet1"
    sheet.put("A1", f"项目支出绩效自评表（{year}年度）", to="I1")
    sheet.put("H2", "单位：万元", to="I2")
    sheet.put("A3", "项目名称", to="B3")
    sheet.put("C3", "农村饮水安全巩固提升工程", to="I3")
    sheet.put("A4", "主管部门及代码", to="B4")
    sheet.put("C4", "山西省水利厅 [123001]", to="D4")
    sheet.put("E4", "实施单位")
    sheet.put("F4", "山西省水利发展中心", to="I4")
    sheet.put("A5", "项目资金", to="A9")
    sheet.row(5, ["", "年初预算数", "调整后预算数", "全年执行数", "分值", "执行率", "得分"], "B")
    sheet.row(6, ["年度资金总额", "1,200.00", "1,250.50", "1,187.9750", 10, "94.99%", "9.5"], "B")
    sheet.row(7, ["其中：本年财政拨款", "1,200.00", "1,250.50", "1,187.9750", "/", "/", "/"], "B")
    sheet.row(8, ["上年结转资金", "—", "—", "—", "/", "/", "/"], "B")
    sheet.row(9, ["其他资金", "/", "/", "/", "/", "/", "/"], "B")
    sheet.put("A10", "年度总体目标", to="A11")
    sheet.put("B10", "预期目标", to="E10")
    sheet.put("F10", "实际完成情况", to="I10")
    sheet.put("B11", "巩固提升农村饮水安全水平，\n受益人口 12 万人。", to="E11")
    sheet.put("F11", "完成工程 36 处，受益人口 12.3 万人。", to="I11")
    sheet.row(
        12, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"], "B"
    )
    sheet.put("I12", "偏差原因分析及改进措施")
    rows = [
        ("产出指标", "数量指标", "新建供水工程", "≥35处", "36处", 15, 15, ""),
        ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 15, 15, ""),
        ("产出指标", "时效指标", "工程完工时间", "11月底前", "11月完成", 10, 10, ""),
        ("产出指标", "成本指标", "单处工程成本", "≤35万元", "33万元", 10, 10, ""),
        ("效益指标", "社会效益指标", "受益人口", "≥12万人", "12.3万人", 30, 30, ""),
        (
            "满意度指标",
            "服务对象满意度指标",
            "受益群众满意度",
            "≥90%",
            "95%",
            10,
            9,
            "个别村反映水压不足",
        ),
    ]
    end = _indicators(sheet, 13, rows)
    sheet.put("A12", "绩效指标", to=f"A{end - 1}")
    sheet.put(f"A{end}", "总分", to=f"F{end}")
    sheet.row(end, [100, 98.5], "G")
    return save(book)


def yunnan(year: int = 2023) -> bytes:
    """云南: a 年度 cell, 财政资金, and the target split into 指标性质 · 指标值 · 度量单位 under a
    two-row header; 一级/二级 written once and left blank below (no merges)."""
    book = Workbook()
    sheet = Sheet(book.active)
    sheet.ws.title = "绩效自评表"
    sheet.put("A1", "项目支出绩效自评表", to="K1")
    sheet.put("A2", "年度")
    sheet.put("B2", year)
    sheet.put("A3", "项目名称")
    sheet.put("B3", "乡村教师支持计划", to="K3")
    sheet.put("A4", "主管部门")
    sheet.put("B4", "云南省教育厅", to="E4")
    sheet.put("F4", "实施单位")
    sheet.put("G4", "云南省教师发展中心", to="K4")
    sheet.put("A5", "项目资金（元）", to="A8")
    sheet.row(5, ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], "B")
    sheet.row(6, ["年度资金总额", 500000, 500000, 480000.5, 10, 0.96, 9.6], "B")
    sheet.row(7, ["财政资金", 500000, 500000, 480000.5], "B")
    sheet.row(8, ["其他资金", None, None, None], "B")
    sheet.put("A9", "年度总体目标")
    sheet.put("B9", "预期目标", to="F9")
    sheet.put("G9", "实际完成情况", to="K9")
    sheet.put("B10", "培训乡村教师 2000 人次", to="F10")
    sheet.put("G10", "培训乡村教师 2150 人次", to="K10")
    for col, heading in zip("BCD", ("一级指标", "二级指标", "三级指标"), strict=True):
        sheet.put(f"{col}11", heading, to=f"{col}12")
    sheet.put("E11", "年度指标值", to="G11")
    sheet.row(12, ["指标性质", "指标值", "度量单位"], "E")
    for col, heading in zip(
        "HIJK", ("实际完成值", "分值", "得分", "偏差原因分析及改进措施"), strict=True
    ):
        sheet.put(f"{col}11", heading, to=f"{col}12")
    rows = [
        ("产出指标", "数量指标", "培训人次", "≥", 2000, "人次", "2150人次", 25, 25),
        ("", "", "培训覆盖县数", "=", 16, "个", "16个", 15, 15),
        ("", "质量指标", "培训合格率", "≥", 95, "%", "97%", 10, 10),
        ("效益指标", "社会效益指标", "教师教学能力", "定性", "提升", "", "提升", 30, 30),
        ("满意度指标", "服务对象满意度指标", "参训教师满意度", "≥", 90, "%", "93%", 10, 10),
    ]
    for offset, row in enumerate(rows):
        sheet.row(13 + offset, list(row), "B")
    sheet.put("A11", "绩效指标", to=f"A{12 + len(rows)}")
    total = 13 + len(rows)
    sheet.put(f"A{total}", "总分", to=f"H{total}")
    sheet.row(total, [100, 99.6], "I")
    return save(book)


def hubei_two_projects(year: int = 2022) -> bytes:
    """湖北: a 填表说明 sheet, then one form a sheet, labels written as 项目名称：…"""
    book = Workbook()
    notes = Sheet(book.active)
    notes.ws.title = "填表说明"
    notes.put("A1", "1. 本表金额单位为元。")
    notes.put("A2", "2. 三级指标按批复的绩效目标填写。")
    for number, (project, executed) in enumerate((("社区矫正经费", 84000), ("法律援助", 150000))):
        sheet = Sheet(book.create_sheet(f"项目{number + 1}"))
        sheet.put("A1", f"{year}年度项目支出绩效自评表", to="I1")
        sheet.put("A2", f"项目名称：{project}", to="I2")
        sheet.put("A3", "主管部门：武汉市司法局", to="D3")
        sheet.put("E3", "实施单位：武汉市司法局", to="I3")
        sheet.put("A4", "项目资金（元）", to="A8")
        sheet.row(4, ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"], "B")
        sheet.row(5, ["年度资金总额", 100000, 100000, executed, 10, None, None], "B")
        sheet.row(6, ["其中：当年财政拨款", 100000, 100000, executed], "B")
        sheet.row(7, ["上年结转资金", 0, 0, 0], "B")
        sheet.row(8, ["其他资金", 0, 0, 0], "B")
        sheet.put("A9", "年度总体目标", to="A10")
        sheet.put("B9", "预期目标", to="E9")
        sheet.put("F9", "实际完成情况", to="I9")
        sheet.put("B10", f"{project}按计划实施", to="E10")
        sheet.put("F10", f"{project}已完成", to="I10")
        sheet.row(
            11,
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因",
            ],
            "B",
        )
        rows = [
            ("产出指标", "数量指标", "服务人数", "≥500人", "520人", 50, 50, ""),
            ("效益指标", "社会效益指标", "群众法治意识", "提高", "提高", 30, 30, ""),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "92%", 10, 10, ""),
        ]
        end = _indicators(sheet, 12, rows, merge_levels=False)
        sheet.put(f"A{end}", "合计", to=f"F{end}")
        sheet.row(end, [100, None], "G")
    return save(book)


def target_form(year: int = 2023) -> bytes:
    """The 项目支出绩效目标申报表 approved with the budget: planned funds beside their labels,
    年度目标, and 指标值 (no 实际完成值)."""
    book = Workbook()
    sheet = Sheet(book.active)
    sheet.ws.title = "绩效目标表"
    sheet.put("A1", "项目支出绩效目标申报表", to="F1")
    sheet.put("A2", f"（{year}年度）", to="F2")
    sheet.put("A3", "项目名称", to="B3")
    sheet.put("C3", PROJECT, to="F3")
    sheet.put("A4", "主管部门及代码", to="B4")
    sheet.put("C4", DEPARTMENT)
    sheet.put("D4", "实施单位")
    sheet.put("E4", DEPARTMENT, to="F4")
    sheet.put("A5", "项目资金（万元）", to="B7")
    sheet.put("C5", "年度资金总额", to="D5")
    sheet.put("C6", "其中：财政拨款", to="D6")
    sheet.put("C7", "其他资金", to="D7")
    sheet.put("E5", 12.5, to="F5")
    sheet.put("E6", 12.5, to="F6")
    sheet.put("E7", 0, to="F7")
    sheet.put("A8", "总体目标", to="B8")
    sheet.put("C8", "年度目标：" + EXPECTED, to="F8")
    sheet.row(9, ["一级指标", "二级指标", "三级指标", "指标值", "分值"], "B")
    rows = ROWS
    for offset, (level1, level2, name, target, _, weight, _, _) in enumerate(rows):
        sheet.row(10 + offset, [level1, level2, name, target, weight], "B")
    sheet.put("A9", "绩效指标", to=f"A{9 + len(rows)}")
    return save(book)
