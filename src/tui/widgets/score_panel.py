"""The side panel of a form: 执行率, budget score, each 一级指标 against its weight, 总分, 等级.

The panel only shows its ``scorecard``; whoever owns the form computes a new scorecard
(core.scoring.score_form) and assigns it. The review screen reuses it read-only.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from core.decimals import format_decimal, format_plain
from core.scoring import Scorecard
from tui.widgets.wrapping import ChineseText

GRADE_STYLES = {"优": "bold green", "良": "green", "中": "yellow", "差": "bold red"}


class ScorePanel(Widget):
    """Live scores of one form."""

    DEFAULT_CSS = """
    ScorePanel {
        width: 30;
        height: 100%;
        border-left: vkey $foreground 20%;
        padding: 0 1;
    }
    """

    scorecard: reactive[Scorecard | None] = reactive(None)

    def render(self) -> RenderableType:
        card = self.scorecard
        if card is None:
            return Text("（尚无评分）", style="dim")
        return Group(
            Text("评分", style="bold"),
            _budget_table(card),
            Text(""),
            _levels_table(card),
            Text(""),
            _total_table(card),
        )


def _table() -> Table:
    table = Table.grid(expand=True, padding=(0, 1))
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(justify="right", no_wrap=True)
    return table


def _budget_table(card: Scorecard) -> Table:
    budget = card.budget
    table = _table()
    rate = f"{format_decimal(budget.rate)}%" if budget.rate is not None else "—"
    table.add_row("执行率", rate)
    suggested = format_decimal(budget.suggested) if budget.suggested is not None else "—"
    table.add_row(f"预算执行 分值 {format_plain(budget.weight)}", "")
    table.add_row("  建议得分", Text(suggested, style="dim"))
    entered = format_plain(budget.entered) if budget.entered is not None else "未填"
    table.add_row("  填报得分", entered)
    return table


def _levels_table(card: Scorecard) -> RenderableType:
    table = _table()
    table.add_row(Text("一级指标", style="dim"), Text("得分/分值", style="dim"))
    advised: list[str] = []
    for level in card.levels:
        if level.weight == 0 and level.score == 0 and level.advised_weight is not None:
            weight = Text(f"—/{format_plain(level.advised_weight)}", style="dim")
            table.add_row(Text(level.name), weight)
            continue
        off = level.advised_weight is not None and level.weight != level.advised_weight
        weight_text = Text(f"{format_decimal(level.score)}/{format_plain(level.weight)}")
        if off:
            weight_text.append("*", style="yellow")
            advised.append(f"{level.name} {format_plain(level.advised_weight)}")
        table.add_row(Text(level.name), weight_text)
    if not advised:
        return table
    note = Text("*分值与规则的建议不同：", style="dim")
    note.append("、".join(advised), style="dim")
    return Group(table, ChineseText(note))


def _total_table(card: Scorecard) -> Table:
    table = _table()
    table.add_row(Text("总分", style="bold"), Text(format_decimal(card.total), style="bold"))
    table.add_row("等级", Text(card.grade, style=GRADE_STYLES.get(card.grade, "")))
    errors, warnings = len(card.errors), len(card.warnings)
    table.add_row("错误", Text(str(errors), style="bold red" if errors else "green"))
    table.add_row("警告", Text(str(warnings), style="yellow" if warnings else "green"))
    return table


def weight_total(card: Scorecard) -> Decimal:
    """Budget weight plus every 一级指标's weight (100 on a complete form)."""
    return card.budget.weight + sum((level.weight for level in card.levels), Decimal(0))
