"""The year's 自评汇总表: one row a project, totals at the bottom (xlsx-layout.md, "A year's
summary"), as xlsx, text and HTML.

Columns: 序号, 项目名称, 实施单位, 全年预算数, 全年执行数, 执行率, 总分, 等级, 状态; the 合计 row
adds the amounts, gives the overall 执行率 and the average 总分.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from core.decimals import HUNDRED, format_decimal, round_half_up
from core.workbook.layout import PaperLayout, Placed, cell_text
from core.workbook.units import MoneyUnit, in_unit, show_money

if TYPE_CHECKING:
    from rich.table import Table

    from core.store import Store

SUMMARY_TITLE = "项目支出绩效自评汇总表"
HEADINGS = (
    "序号",
    "项目名称",
    "实施单位",
    "全年预算数",
    "全年执行数",
    "执行率",
    "总分",
    "等级",
    "状态",
)
WIDTHS = (5.0, 28.0, 22.0, 14.0, 14.0, 9.0, 8.0, 6.0, 7.0)
HEADER_ROW = 4
STATUS_WORDS = {"draft": "草稿", "final": "定稿"}


@dataclass(frozen=True)
class SummaryRow:
    """One project of the year."""

    form_id: int
    project: str
    implementer: str
    annual: Decimal | None
    """annual: 全年预算数 of 年度资金总额, in 元"""
    executed: Decimal | None
    rate: Decimal | None
    """rate: 执行率 in percent"""
    total: Decimal
    grade: str
    status: str


@dataclass(frozen=True)
class YearSummary:
    """Every form of a year (of one 实施单位 when asked), with the totals."""

    year: int
    implementer: str | None
    rows: tuple[SummaryRow, ...]

    @property
    def annual(self) -> Decimal:
        return sum((row.annual for row in self.rows if row.annual is not None), Decimal(0))

    @property
    def executed(self) -> Decimal:
        return sum((row.executed for row in self.rows if row.executed is not None), Decimal(0))

    @property
    def rate(self) -> Decimal | None:
        """The overall 执行率 (all amounts executed over all amounts budgeted), in percent."""
        return round_half_up(self.executed / self.annual * HUNDRED) if self.annual else None

    @property
    def average_total(self) -> Decimal | None:
        if not self.rows:
            return None
        return round_half_up(sum((row.total for row in self.rows), Decimal(0)) / len(self.rows))


def year_summary(store: Store, year: int, implementer: str | None = None) -> YearSummary:
    """The summary of ``year`` from the store, projects ordered by unit and name."""
    rows = []
    for listed in store.list_forms(year=year, implementer=implementer or None):
        stored = store.get_form(listed.id)
        total_row = stored.form.funds.total
        rows.append(
            SummaryRow(
                form_id=stored.id,
                project=stored.form.project,
                implementer=stored.form.implementer,
                annual=total_row.annual,
                executed=total_row.executed,
                rate=stored.scorecard.budget.rate,
                total=stored.scorecard.total,
                grade=stored.scorecard.grade,
                status=stored.status,
            )
        )
    rows.sort(key=lambda row: (row.implementer, row.project, row.form_id))
    return YearSummary(year, implementer, tuple(rows))


def _money(value: Decimal | None, unit: MoneyUnit) -> Decimal | None:
    return None if value is None else in_unit(value, unit)


def _fraction(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else rate / HUNDRED


def summary_layout(summary: YearSummary, unit: MoneyUnit) -> PaperLayout:
    """The summary as placed cells (the same writers as the form's)."""
    last_col = len(HEADINGS)
    scope = f"实施单位：{cell_text(summary.implementer)}" if summary.implementer else "全部实施单位"
    cells = [
        Placed(1, 1, SUMMARY_TITLE, "title", cols=last_col),
        Placed(2, 1, f"（{summary.year}年度）", "subtitle", cols=last_col),
        Placed(3, 1, scope, "text", cols=5),
        Placed(3, 6, f"金额单位：{unit}", "text", cols=4),
    ]
    cells += [Placed(HEADER_ROW, col, text, "label") for col, text in enumerate(HEADINGS, 1)]
    row = HEADER_ROW
    for number, item in enumerate(summary.rows, start=1):
        row = HEADER_ROW + number
        cells += [
            Placed(row, 1, Decimal(number), "weight"),
            Placed(row, 2, cell_text(item.project), "text"),
            Placed(row, 3, cell_text(item.implementer), "text"),
            Placed(row, 4, _money(item.annual, unit), "money"),
            Placed(row, 5, _money(item.executed, unit), "money"),
            Placed(row, 6, _fraction(item.rate), "rate"),
            Placed(row, 7, item.total, "score"),
            Placed(row, 8, item.grade, "center"),
            Placed(row, 9, STATUS_WORDS.get(item.status, item.status), "center"),
        ]
    total = row + 1
    cells += [
        Placed(total, 1, f"合计（{len(summary.rows)} 个项目，总分为平均分）", "label", cols=3),
        Placed(total, 4, in_unit(summary.annual, unit), "money"),
        Placed(total, 5, in_unit(summary.executed, unit), "money"),
        Placed(total, 6, _fraction(summary.rate), "rate"),
        Placed(total, 7, summary.average_total, "score"),
        Placed(total, 8, None, "center", cols=2),
    ]
    return PaperLayout(tuple(cells), unit, HEADER_ROW, total, WIDTHS, framed_from=HEADER_ROW)


def summary_xlsx(summary: YearSummary, unit: MoneyUnit = "元") -> bytes:
    """The summary as a workbook of one sheet, 汇总表."""
    from openpyxl import Workbook

    from core.workbook.write import SheetStyles, write_layout

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总表"
    write_layout(sheet, summary_layout(summary, unit), SheetStyles(unit))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    book.properties.creator = "jixiao"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def summary_html(summary: YearSummary, unit: MoneyUnit = "元") -> str:
    """The summary as a page a browser prints on A4."""
    from core.workbook.html import layout_table, page

    title = f"{SUMMARY_TITLE}（{summary.year}年度）"
    return page(title, layout_table(summary_layout(summary, unit)))


def summary_table(summary: YearSummary, unit: MoneyUnit = "元") -> Table:
    """The summary as a Rich table (the text export and the terminal)."""
    from rich.table import Table
    from rich.text import Text

    scope = f" · 实施单位 {summary.implementer}" if summary.implementer else ""
    table = Table(
        title=Text(f"{SUMMARY_TITLE}（{summary.year}年度）{scope} · 金额单位 {unit}"),
        show_footer=True,
    )
    footer = _footer(summary, unit)
    for heading, shown in zip(HEADINGS, footer, strict=True):
        right = heading in ("序号", "全年预算数", "全年执行数", "执行率", "总分")
        table.add_column(
            heading, footer=shown, justify="right" if right else "left", overflow="fold"
        )
    for number, item in enumerate(summary.rows, start=1):
        table.add_row(
            Text(str(number)),
            Text(cell_text(item.project)),
            Text(cell_text(item.implementer)),
            Text(_shown_money(item.annual, unit)),
            Text(_shown_money(item.executed, unit)),
            Text(_shown_rate(item.rate)),
            Text(format_decimal(item.total)),
            Text(item.grade),
            Text(STATUS_WORDS.get(item.status, item.status)),
        )
    return table


def _footer(summary: YearSummary, unit: MoneyUnit) -> list[str]:
    average = summary.average_total
    return [
        "",
        f"合计 {len(summary.rows)} 个项目",
        "",
        _shown_money(summary.annual, unit),
        _shown_money(summary.executed, unit),
        _shown_rate(summary.rate),
        f"平均 {format_decimal(average)}" if average is not None else "",
        "",
        "",
    ]


def _shown_money(value: Decimal | None, unit: MoneyUnit) -> str:
    return "—" if value is None else show_money(in_unit(value, unit), unit)


def _shown_rate(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{format_decimal(rate)}%"


def summary_text(summary: YearSummary, unit: MoneyUnit = "元") -> str:
    """The summary as plain text (100 columns, Chinese-aware)."""
    from rich.console import Console

    console = Console(record=True, width=110, file=io.StringIO(), highlight=False)
    console.print(summary_table(summary, unit))
    return console.export_text(styles=False)
