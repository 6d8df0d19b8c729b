"""The paper 自评表 as placed cells: what stands where, over how many rows and columns.

One layout (xlsx-layout.md, "Export") serves the xlsx writer, the HTML print and the check of
our own export read back: each asks ``paper_layout`` and renders the cells its own way.

Columns A–J::

    A        B        C        D         E          F          G     H      I  J
    绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值  得分   偏差原因…

Rows: 1 title, 2 （年度）, 3 项目名称, 4 主管部门 · 实施单位, 5–9 项目资金 (header and four
rows), 10–11 年度总体目标, 12 the indicator header, one row per indicator, then 总分.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from core.decimals import HUNDRED, format_plain
from core.model import FUND_COLUMNS, FUND_ROWS, Form, Indicator
from core.safetext import terminal_safe
from core.scoring import Scorecard
from core.workbook.units import MoneyUnit, in_unit

CellKind = Literal[
    "title", "subtitle", "label", "text", "long", "center", "money", "weight", "score", "rate"
]
CellValue = str | Decimal | None

FORM_TITLE = "项目支出绩效自评表"
WIDTH = 10
COLUMN_WIDTHS = (7.5, 11.0, 12.0, 19.0, 14.0, 14.0, 7.0, 8.0, 10.0, 10.0)
"""COLUMN_WIDTHS: A–J in Excel's units (about one Latin letter; a Chinese character takes two)"""

FUND_HEADINGS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
FUND_ROW_HEADINGS = {
    "total": "年度资金总额",
    "fiscal": "其中：当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
INDICATOR_HEADINGS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
NOT_APPLICABLE = "—"

HEADER_ROW, FUNDS_ROW, GOALS_ROW, INDICATOR_HEADER_ROW = 3, 5, 10, 12
FIRST_INDICATOR_ROW = INDICATOR_HEADER_ROW + 1


@dataclass(frozen=True)
class Placed:
    """One cell of the layout: its top-left corner (1-based), value, kind and span."""

    row: int
    col: int
    value: CellValue
    kind: CellKind
    rows: int = 1
    cols: int = 1

    @property
    def last_row(self) -> int:
        return self.row + self.rows - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cols - 1


@dataclass(frozen=True)
class PaperLayout:
    """A whole sheet: every placed cell, the money unit, and the rows that matter for print."""

    cells: tuple[Placed, ...]
    unit: MoneyUnit
    indicator_header_row: int
    """indicator_header_row: the heading row repeated on every printed page"""
    total_row: int
    """total_row: the last row (总分, 合计)"""
    widths: tuple[float, ...] = COLUMN_WIDTHS
    framed_from: int = HEADER_ROW
    """framed_from: the first row with borders (the title rows above have none)"""

    def values(self) -> dict[tuple[int, int], CellValue]:
        """(row, column) → value of every cell's top-left corner (None for a blank cell)."""
        return {(cell.row, cell.col): cell.value for cell in self.cells}


_NOT_IN_XML = re.compile("[\ufffe\uffff]")


def cell_text(text: str) -> str:
    """A form's text as a cell holds it: controls and direction marks made visible, and the
    two characters XML cannot hold (U+FFFE, U+FFFF) too."""
    shown = terminal_safe(text, keep_newlines=True)
    return _NOT_IN_XML.sub(lambda m: f"<U+{ord(m[0]):04X}>", shown)


def funds_heading(unit: str) -> str:
    """项目资金（元） or 项目资金（万元）."""
    return f"项目资金（{unit}）"


def year_heading(year: int) -> str:
    """（2022年度）."""
    return f"（{year}年度）"


def level1_heading(name: str, weight: Decimal | None) -> str:
    """产出指标（50分）, or the bare name while no row has a weight."""
    shown = cell_text(name)
    return f"{shown}（{format_plain(weight)}分）" if weight is not None else shown


def _rate(card: Scorecard) -> Decimal | None:
    """执行率 as a fraction (100.00% → 1), for a cell formatted as a percentage."""
    return None if card.budget.rate is None else card.budget.rate / HUNDRED


def _runs(values: list[str]) -> list[tuple[int, int]]:
    """(start, length) of each run of equal consecutive values."""
    runs: list[tuple[int, int]] = []
    for index, value in enumerate(values):
        if runs and values[runs[-1][0]] == value:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((index, 1))
    return runs


def _group_weight(rows: list[Indicator]) -> Decimal | None:
    weights = [row.weight for row in rows if row.weight is not None]
    return sum(weights, Decimal(0)) if weights else None


def _header(form: Form) -> list[Placed]:
    return [
        Placed(1, 1, FORM_TITLE, "title", cols=WIDTH),
        Placed(2, 1, year_heading(form.year), "subtitle", cols=WIDTH),
        Placed(3, 1, "项目名称", "label", cols=2),
        Placed(3, 3, cell_text(form.project), "text", cols=8),
        Placed(4, 1, "主管部门", "label", cols=2),
        Placed(4, 3, cell_text(form.department), "text", cols=3),
        Placed(4, 6, "实施单位", "label"),
        Placed(4, 7, cell_text(form.implementer), "text", cols=4),
    ]


def _funds(form: Form, card: Scorecard, unit: MoneyUnit) -> list[Placed]:
    top = FUNDS_ROW
    cells = [
        Placed(top, 1, funds_heading(unit), "label", rows=5),
        Placed(top, 2, None, "label", cols=2),
    ]
    for offset, heading in enumerate(FUND_HEADINGS):
        cells.append(Placed(top, 4 + offset, heading, "label", cols=2 if offset == 5 else 1))
    for number, name in enumerate(FUND_ROWS, start=1):
        row = top + number
        cells.append(Placed(row, 2, FUND_ROW_HEADINGS[name], "label", cols=2))
        amounts = getattr(form.funds, name)
        for offset, column in enumerate(FUND_COLUMNS):
            amount = getattr(amounts, column)
            value = None if amount is None else in_unit(amount, unit)
            cells.append(Placed(row, 4 + offset, value, "money"))
        if name == "total":
            cells.append(Placed(row, 7, form.budget_weight, "weight"))
            cells.append(Placed(row, 8, _rate(card), "rate"))
            cells.append(Placed(row, 9, form.budget_score, "score", cols=2))
        else:
            cells.append(Placed(row, 7, NOT_APPLICABLE, "center"))
            cells.append(Placed(row, 8, NOT_APPLICABLE, "center"))
            cells.append(Placed(row, 9, NOT_APPLICABLE, "center", cols=2))
    return cells


def _goals(form: Form) -> list[Placed]:
    top = GOALS_ROW
    return [
        Placed(top, 1, "年度总体目标", "label", rows=2),
        Placed(top, 2, "预期目标", "label", cols=4),
        Placed(top, 6, "实际完成情况", "label", cols=5),
        Placed(top + 1, 2, cell_text(form.goals.expected), "long", cols=4),
        Placed(top + 1, 6, cell_text(form.goals.actual), "long", cols=5),
    ]


def _indicator_rows(form: Form) -> list[Placed]:
    first = FIRST_INDICATOR_ROW
    rows = form.indicators
    cells: list[Placed] = []
    for start, length in _runs([row.level1 for row in rows]):
        group = rows[start : start + length]
        heading = level1_heading(group[0].level1, _group_weight(group))
        cells.append(Placed(first + start, 2, heading, "center", rows=length))
        for sub_start, sub_length in _runs([row.level2 for row in group]):
            level2 = cell_text(group[sub_start].level2)
            cells.append(Placed(first + start + sub_start, 3, level2, "center", rows=sub_length))
    for index, indicator in enumerate(rows):
        row = first + index
        cells += [
            Placed(row, 4, cell_text(indicator.name), "text"),
            Placed(row, 5, cell_text(indicator.target), "center"),
            Placed(row, 6, cell_text(indicator.actual), "center"),
            Placed(row, 7, indicator.weight, "weight"),
            Placed(row, 8, indicator.score, "score"),
            Placed(row, 9, cell_text(indicator.deviation), "text", cols=2),
        ]
    if not rows:  # the paper form keeps one empty row to write in
        cells += [Placed(first, col, None, "text") for col in range(2, 9)]
        cells.append(Placed(first, 9, None, "text", cols=2))
    return cells


def paper_layout(form: Form, card: Scorecard, unit: MoneyUnit = "元") -> PaperLayout:
    """The 自评表 of ``form`` as placed cells, amounts in ``unit``."""
    header_row = INDICATOR_HEADER_ROW
    body_rows = max(1, len(form.indicators))
    total_row = FIRST_INDICATOR_ROW + body_rows
    cells = [*_header(form), *_funds(form, card, unit), *_goals(form)]
    cells.append(Placed(header_row, 1, "绩效指标", "label", rows=body_rows + 1))
    for offset, heading in enumerate(INDICATOR_HEADINGS):
        cells.append(Placed(header_row, 2 + offset, heading, "label", cols=2 if offset == 7 else 1))
    cells += _indicator_rows(form)
    weights = [form.budget_weight, *(row.weight for row in form.indicators)]
    weight_sum = sum((w for w in weights if w is not None), Decimal(0))
    cells += [
        Placed(total_row, 1, "总分", "label", cols=6),
        Placed(total_row, 7, weight_sum, "weight"),
        Placed(total_row, 8, card.total, "score"),
        Placed(total_row, 9, f"等级：{card.grade}", "center", cols=2),
    ]
    return PaperLayout(tuple(cells), unit, header_row, total_row)
