"""Step 2, 项目资金: the 4 × 3 grid of the paper form, 执行率 and the budget score."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Static

from core.checks import FUND_COLUMN_LABELS, FUND_PARTS, sum_of_parts
from core.decimals import format_decimal, format_plain
from core.labels import FUND_ROW_PAPER_LABELS
from core.model import FUND_COLUMNS, FUND_ROWS
from core.money import MoneyFormat
from core.safetext import terminal_safe
from core.scoring import Scorecard
from tui.screens.form.steps import editing, widget_id
from tui.widgets.field_errors import FieldErrors
from tui.widgets.fields import FieldInput, FieldTextArea, NumberInput
from tui.widgets.money_input import MoneyInput
from tui.widgets.wrapping import ChineseText

FUND_ROW_SHORT_LABELS = {"total": "资金总额", "fiscal": "财政拨款", "carryover": "上年结转"}
FUND_ROW_SHORT_LABELS |= {"other": "其他资金"}
"""The fund rows where the grid is narrow (the paper's names need 18 columns)."""
FUND_PATHS = tuple(f"funds.{row}.{column}" for row in FUND_ROWS for column in FUND_COLUMNS)


def fund_cell_id(row: str, column: str) -> str:
    return f"f-funds-{row}-{column}"


class FundsStep(VerticalScroll):
    """项目资金 (元) and 预算执行; Ctrl+T and Ctrl+Y fill in what can be computed."""

    can_focus = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+t",
            "fill_total",
            "合计总额",
            priority=True,
            id="form.fill_total",
            tooltip="年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金",
        ),
        Binding(
            "ctrl+y",
            "accept_suggestion",
            "采用建议得分",
            priority=True,
            id="form.accept_budget_suggestion",
            tooltip="把建议得分填入预算执行得分",
        ),
    ]

    NARROW = 70
    """Below this width (in columns) the rows get their short names, so that an amount of
    twelve characters (3,852,396.53) still shows whole beside the score panel at 80×24."""

    DEFAULT_CSS = """
    FundsStep #funds-grid {
        grid-size: 4;
        grid-columns: 20 1fr 1fr 1fr;
        max-width: 96;
        grid-gutter: 0 1;
        height: auto;
        grid-rows: 1;
        margin-top: 1;
    }
    FundsStep.-narrow #funds-grid { grid-columns: 9 1fr 1fr 1fr; }
    FundsStep .short, FundsStep.-narrow .long { display: none; }
    FundsStep.-narrow .short { display: block; }
    FundsStep .column-head { width: 1fr; text-style: bold; }
    FundsStep .row-head { height: 1; }
    FundsStep .budget-line { height: 1; margin-top: 1; }
    FundsStep .budget-line Label { width: auto; padding-right: 1; }
    FundsStep #f-budget_score { width: 8; }
    FundsStep #budget-suggestion { color: $text-muted; width: 1fr; }
    FundsStep #budget-rate { width: 9; }
    FundsStep #budget-weight { width: 4; }
    FundsStep .deviation-line { height: auto; margin-top: 1; max-width: 96; }
    FundsStep .deviation-line Label { width: auto; padding-right: 1; }
    FundsStep #f-budget_deviation { height: 2; width: 1fr; }
    FundsStep #budget-deviation-hint { color: $warning; height: auto; }
    FundsStep .keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._status: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        with Grid(id="funds-grid"):
            with Vertical(classes="row-head"):
                yield Label("项目资金（元）", classes="long", id="funds-heading")
                yield Label("（元）", classes="short", id="funds-unit")
            for column in FUND_COLUMNS:
                yield Label(FUND_COLUMN_LABELS[column], classes="column-head")
            for row in FUND_ROWS:
                with Vertical(classes="row-head"):
                    yield Label(FUND_ROW_PAPER_LABELS[row], classes="long")
                    yield Label(FUND_ROW_SHORT_LABELS[row], classes="short")
                for column in FUND_COLUMNS:
                    yield MoneyInput(f"funds.{row}.{column}", id=fund_cell_id(row, column))
        yield FieldErrors(*FUND_PATHS)
        with Horizontal(classes="budget-line"):
            yield Label("执行率")
            yield Label("—", id="budget-rate")
            yield Label("  预算执行 分值")
            yield Label("10", id="budget-weight")
            yield Label("  得分")
            yield NumberInput("budget_score", id="f-budget_score")
            yield Label("", id="budget-suggestion")
        yield FieldErrors("budget_score")
        with Horizontal(classes="deviation-line"):
            yield Label("预算执行偏差原因")
            yield FieldTextArea(
                "budget_deviation",
                placeholder="执行率偏低等偏差的原因及改进措施",
                id="f-budget_deviation",
            )
        yield FieldErrors("budget_deviation")
        yield Static("", id="budget-deviation-hint")
        yield Static(
            Text("ctrl+t 由三项之和填写年度资金总额　ctrl+y 采用建议得分", style="dim"),
            classes="keys",
        )

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    def show_money(self, money: MoneyFormat) -> None:
        """Amounts in ``money``'s unit: the heading says it, the cells read and show it."""
        self.query_one("#funds-heading", Label).update(money.heading)
        self.query_one("#funds-unit", Label).update(f"（{money.unit}）")
        for cell in self.query(MoneyInput):
            cell.money = money

    def update_status(self, card: Scorecard) -> None:
        """执行率, 分值, the suggested score, and what the rule set asks of 预算执行偏差原因
        (a low 执行率 to explain), from the scorecard."""
        budget = card.budget
        asked = tuple(f.message for f in card.findings_at("budget_deviation"))
        status = (budget.rate, budget.weight, budget.suggested, asked)
        if status == self._status:
            return
        if asked != (self._status or (None,) * 4)[3]:
            hint = self.query_one("#budget-deviation-hint", Static)
            hint.update(ChineseText(terminal_safe("\n".join(asked))))
        self._status = status
        rate = f"{format_decimal(budget.rate)}%" if budget.rate is not None else "—"
        self.query_one("#budget-rate", Label).update(rate, layout=False)
        self.query_one("#budget-weight", Label).update(format_plain(budget.weight), layout=False)
        suggestion = self.query_one("#budget-suggestion", Label)
        if budget.suggested is None:
            suggestion.update("", layout=False)
        else:
            suggestion.update(f" 建议 {format_decimal(budget.suggested)}", layout=False)

    def action_fill_total(self) -> None:
        """年度资金总额 of each column = 当年财政拨款 + 上年结转资金 + 其他资金."""
        form_editing = editing(self)
        session = form_editing.session
        filled = []
        for column in FUND_COLUMNS:
            if any(f"funds.{row}.{column}" in session.errors for row in FUND_PARTS):
                continue  # a part typed but not accepted: its sum would be wrong
            total = sum_of_parts(session.form, column)
            if total is not None:
                self._put(f"funds.total.{column}", session.money.exact(total))
                filled.append(column)
        if not filled:
            self.notify("请先填写当年财政拨款、上年结转资金或其他资金", markup=False)

    def action_accept_suggestion(self) -> None:
        """The suggested 预算执行 score into its 得分."""
        suggested = editing(self).session.card.budget.suggested
        if suggested is None:
            message = "尚无法计算预算执行的建议得分（请先填写全年预算数和全年执行数）"
            self.notify(message, markup=False)
            return
        self._put("budget_score", format_plain(suggested))

    def _put(self, path: str, text: str) -> None:
        """A value filled in for the user: shown, edited and written like one typed."""
        self.query_one(f"#{widget_id(path)}", FieldInput).show(text)
        editing(self).edit_field(path, text)
        editing(self).flush(path)
