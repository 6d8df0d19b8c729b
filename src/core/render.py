"""The paper form's layout as one Rich table: header, funds, goals, indicators, 总分.

Used by ``jixiao show``, the text/html/svg exports and the TUI's 复核 step. User text is
always a ``Text`` (never parsed as markup). Rich tables have no row spans: a 一级/二级 group
name is printed on the first row of its group, the cells below it are left blank, and a
section line closes each 一级 group, as on paper.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from core.checks import FUND_ROW_LABELS
from core.decimals import format_decimal, format_plain
from core.indicators import IndicatorResult
from core.model import FUND_ROWS, Form, Indicator
from core.money import MoneyFormat, shown_money
from core.report import read_as
from core.safetext import safe_text, terminal_safe
from core.scoring import Scorecard
from core.store.labels import change_label
from core.store.records import Change
from core.vocabulary import LOCKED_LABEL, STATUS_LABELS

FORM_TITLE = "项目支出绩效自评表"
LABEL_STYLE = "bold"
SUGGESTED_STYLE = "cyan"
MISSING = "—"
DAMAGED = "（已损坏）"


def _label(text: str) -> Text:
    return Text(text, style=LABEL_STYLE)


def _right(text: str, style: str = "") -> Text:
    return Text(text, justify="right", style=style)


def _score(value: Decimal | None, style: str = "") -> Text:
    return _right(format_decimal(value) if value is not None else MISSING, style)


def _header(form: Form) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True, pad_edge=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(_label("项目名称"), safe_text(form.project), _label("年度"), Text(str(form.year)))
    grid.add_row(
        _label("主管部门"),
        safe_text(form.department),
        _label("实施单位"),
        safe_text(form.implementer),
    )
    return grid


FUNDS_FULL_WIDTH = 90
"""FUNDS_FULL_WIDTH: from this width the 预算执行 cells sit on the 年度资金总额 row, as on paper"""


class _Funds:
    """项目资金 with 分值, 执行率 and 得分 on the total row; on narrow screens those four
    move to a line under the amounts so that no amount is cut. Amounts in ``money``'s unit."""

    def __init__(self, form: Form, card: Scorecard, money: MoneyFormat) -> None:
        self.form = form
        self.card = card
        self.money = money

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.max_width >= FUNDS_FULL_WIDTH
        yield self._table(wide)
        if not wide:
            yield self._budget_line()

    def _budget_cells(self) -> list[Text]:
        budget = self.card.budget
        rate = f"{format_decimal(budget.rate)}%" if budget.rate is not None else MISSING
        return [
            _right(format_plain(budget.weight)),
            _right(rate),
            _score(budget.suggested, SUGGESTED_STYLE),
            _score(budget.entered, "bold"),
        ]

    def _budget_line(self) -> Text:
        weight, rate, suggested, entered = (cell.plain for cell in self._budget_cells())
        line = Text(" 预算执行  ", style=LABEL_STYLE)
        line.append(f"分值 {weight}  执行率 {rate}  ")
        line.append(f"建议得分 {suggested}", style=SUGGESTED_STYLE)
        line.append("  ")
        line.append(f"得分 {entered}", style="bold")
        return line

    def _table(self, wide: bool) -> Table:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        table.add_column(self.money.heading, overflow="fold", min_width=8)
        for title in ("年初预算数", "全年预算数", "全年执行数"):
            table.add_column(title, justify="right", no_wrap=True)
        if wide:
            for title in ("分值", "执行率", "建议得分", "得分"):
                table.add_column(title, justify="right", no_wrap=True)
        for name in FUND_ROWS:
            row = getattr(self.form.funds, name)
            amounts = [
                _right(self.money.show(v) or MISSING)
                for v in (row.initial, row.annual, row.executed)
            ]
            label = FUND_ROW_LABELS[name] if name == "total" else f"  {FUND_ROW_LABELS[name]}"
            extra: list[Text] = []
            if wide:
                extra = self._budget_cells() if name == "total" else [Text("")] * 4
            table.add_row(Text(label), *amounts, *extra)
        return table


def _goals(form: Form) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("年度总体目标：预期目标", ratio=1, overflow="fold")
    table.add_column("实际完成情况", ratio=1, overflow="fold")
    table.add_row(
        safe_text(form.goals.expected or MISSING), safe_text(form.goals.actual or MISSING)
    )
    return table


def _indicators(form: Form, card: Scorecard, locks: bool = False) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("一级指标", ratio=10, min_width=8, overflow="fold")
    table.add_column("二级指标", ratio=14, min_width=8, overflow="fold")
    table.add_column("三级指标", ratio=20, min_width=8, overflow="fold")
    table.add_column("年度指标值", ratio=9, min_width=6, overflow="fold")
    table.add_column("实际完成值", ratio=10, min_width=6, overflow="fold")
    table.add_column("分值", justify="right", no_wrap=True)
    table.add_column("建议得分", justify="right", no_wrap=True)
    table.add_column("得分", justify="right", no_wrap=True)
    subtotals = {level.name: level for level in card.levels}
    rows = list(zip(form.indicators, card.indicators, strict=False))
    for position, (indicator, result) in enumerate(rows):
        previous = rows[position - 1][0] if position else None
        following = rows[position + 1][0] if position + 1 < len(rows) else None
        new_level1 = previous is None or previous.level1 != indicator.level1
        new_level2 = new_level1 or previous.level2 != indicator.level2
        table.add_row(
            safe_text(indicator.level1 if new_level1 else ""),
            safe_text(indicator.level2 if new_level2 else ""),
            safe_text(indicator.name or MISSING),
            _target(indicator, result, locks),
            read_as(indicator.actual, result.actual_reading, short=True),
            _right(format_plain(indicator.weight) or MISSING),
            _score(result.suggested, SUGGESTED_STYLE),
            _score(result.entered, "bold"),
        )
        if following is None or following.level1 != indicator.level1:
            level = subtotals.get(indicator.level1)
            if level is not None:
                table.add_row(
                    Text(""),
                    Text(""),
                    Text("小计", style="italic"),
                    Text(""),
                    Text(""),
                    _right(format_plain(level.weight), "italic"),
                    Text(""),
                    _score(level.score, "italic"),
                    end_section=True,
                )
    if not rows:
        table.add_row(Text(""), Text(""), Text("（尚无指标）"), *[Text("")] * 5)
    return table


def _target(indicator: Indicator, result: IndicatorResult, locks: bool) -> Text:
    """年度指标值 as written and as read; ``locks``: marked where it is locked."""
    text = read_as(indicator.target, result.target_reading, short=True)
    if locks and indicator.target_locked:
        text.append(f"\n（{LOCKED_LABEL}）", style="dim")
    return text


def _deviations(form: Form) -> Table | None:
    """偏差原因分析及改进措施 of the rows that have one, under the rows (too wide beside them)."""
    rows = [(n, i) for n, i in enumerate(form.indicators, 1) if i.deviation.strip()]
    if not rows:
        return None
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("偏差原因分析及改进措施", ratio=1, overflow="fold")
    for number, indicator in rows:
        line = Text(f"第{number}行", style=LABEL_STYLE)
        line.append(f"“{terminal_safe(indicator.name or MISSING)}”：")
        line.append(terminal_safe(indicator.deviation))
        table.add_row(line)
    return table


def _total(card: Scorecard) -> Table:
    """'总分 100 得分 98.00 等级 优': the weights' sum (110 where they add up to 110), then
    the scale of the indicator rows and a cap by execution rate where the rule set has them."""
    weights = Text(f"总分 {format_plain(card.weight_total)}", style=LABEL_STYLE)
    if card.indicator_scale != 1:
        weights.append(f"（绩效指标 × {format_plain(card.indicator_scale)}）")
    score = Text(f"得分 {format_decimal(card.total)}", style="bold")
    if card.uncapped_total is not None and card.total != card.uncapped_total:
        score.append(f"（执行率封顶，各项合计 {format_decimal(card.uncapped_total)}）")
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column()
    grid.add_column(justify="right")
    grid.add_column()
    grid.add_row(weights, score, Text(f"等级 {card.grade}", style="bold"))
    return grid


def _any_reading(card: Scorecard) -> bool:
    return any(r.target_reading or r.actual_reading for r in card.indicators)


def paper_table(
    form: Form, scorecard: Scorecard, money: MoneyFormat | None = None, *, locks: bool = False
) -> Table:
    """The whole form in the paper layout, with suggested beside entered scores.

    Amounts show in ``money`` (default: the rule set's unit, or the user's own setting).
    ``locks``: a 年度指标值 locked from the 目标申报表 says so (on screen; not on paper).
    """
    money = money or shown_money(scorecard.money)
    outer = Table(
        title=Text(f"{FORM_TITLE}（{form.year} 年度）", style="bold"),
        caption=Text(
            "建议得分由程序按规则计算；得分为单位填报，未填报时以建议得分计入总分"
            + ("；→ 后为程序读取的数值" if _any_reading(scorecard) else "")
        ),
        show_header=False,
        box=box.SQUARE,
        show_lines=True,
        expand=True,
        padding=(0, 0),
    )
    outer.add_column(ratio=1)
    outer.add_row(_header(form))
    outer.add_row(_Funds(form, scorecard, money))
    outer.add_row(_goals(form))
    outer.add_row(_indicators(form, scorecard, locks))
    deviations = _deviations(form)
    if deviations is not None:
        outer.add_row(deviations)
    outer.add_row(_total(scorecard))
    return outer


def _change_value(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "（整张表单）"
    if isinstance(value, list):
        return f"（{len(value)} 行指标）"
    if value in STATUS_LABELS:
        return STATUS_LABELS[value]
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def history_table(changes: list[Change], form: Form | None = None) -> Table:
    """A form's history, oldest first (``jixiao history``)."""
    table = Table(title=Text(f"修改记录（{len(changes)} 条）"), title_justify="left")
    table.add_column("序号", justify="right", no_wrap=True)
    table.add_column("时间", no_wrap=True)
    table.add_column("用户", overflow="fold")
    table.add_column("字段", overflow="fold")
    table.add_column("原值", overflow="fold")
    table.add_column("新值", overflow="fold")
    table.add_column("说明", overflow="fold")
    for change in changes:
        note = change.note or ("新建" if change.old is None and change.path == "form" else "")
        old, new = _change_value(change.old), _change_value(change.new)
        if change.damaged:  # its checksum does not match: what it held cannot be trusted
            old = new = DAMAGED
        style = "red" if change.damaged else ""
        table.add_row(
            Text(str(change.id)),
            Text(change.at[:19].replace("T", " ")),
            safe_text(change.user),
            safe_text(change_label(change.path, form)),
            safe_text(old, style),
            safe_text(new, style),
            safe_text(note),
        )
    return table
