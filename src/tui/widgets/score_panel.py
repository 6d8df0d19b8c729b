"""The side panel of a form: 执行率, budget score, each 一级指标 against its weight, 总分, 等级.

The panel only shows its ``scorecard``; whoever owns the form computes a new scorecard
(core.scoring.score_form) and assigns it. The review screen reuses it read-only.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from core.decimals import format_decimal, format_plain
from core.safetext import safe_text
from core.scoring import Scorecard
from tui.widgets.wrapping import ChineseText

GRADE_STYLES = {"优": "bold green", "良": "green", "中": "yellow", "差": "bold red"}


Line = tuple[Text, Text]
"""One line of the panel: what it is (left) and its figure (right)."""


class PanelLine(Static):
    """One line of the panel, redrawn only when it changes."""

    DEFAULT_CSS = """
    PanelLine { height: auto; }
    """

    def __init__(self, line: Line | RenderableType) -> None:
        super().__init__(_line_renderable(line))
        self.line = line

    def show(self, line: Line | RenderableType) -> None:
        if not _same(line, self.line):
            self.line = line
            self.update(_line_renderable(line), layout=False)


class ScorePanel(VerticalScroll, can_focus=False):
    """Live scores of one form.

    Each line is a widget of its own, and a new scorecard redraws only the lines that changed
    (the 总分, the 一级指标 of the row typed into): a keystroke then repaints a few lines of
    the screen, not the whole height of the panel and everything beside it.
    """

    DEFAULT_CSS = """
    ScorePanel {
        width: 30;
        height: 100%;
        border-left: vkey $foreground 20%;
        padding: 0 1;
        scrollbar-size-vertical: 0;
    }
    """

    scorecard: reactive[Scorecard | None] = reactive(None, repaint=False)
    """The scores shown; assigning one redraws the lines that differ."""

    def compose(self) -> ComposeResult:
        for line in panel_lines(self.scorecard):
            yield PanelLine(line)

    def watch_scorecard(self, card: Scorecard | None) -> None:
        if not self.is_mounted:
            return
        lines = panel_lines(card)
        shown = list(self.query_children(PanelLine))
        if len(lines) != len(shown):  # another set of 一级指标, the * note: rebuilt
            self.remove_children()
            self.mount_all(PanelLine(line) for line in lines)
            return
        for widget, line in zip(shown, lines, strict=True):
            widget.show(line)

    def renderable(self) -> RenderableType:
        """The whole panel as one renderable (what its lines show)."""
        return Group(*map(_line_renderable, panel_lines(self.scorecard)))


BLANK: Line = (Text(""), Text(""))


def panel_lines(card: Scorecard | None) -> list[Line | RenderableType]:
    """The panel's lines for a scorecard."""
    if card is None:
        return [(Text("（尚无评分）", style="dim"), Text(""))]
    return [
        (Text("评分", style="bold"), Text("")),
        *_budget_lines(card),
        BLANK,
        *_level_lines(card),
        BLANK,
        *_total_lines(card),
    ]


def _line_renderable(line: Line | RenderableType) -> RenderableType:
    if not isinstance(line, tuple):
        return line
    table = Table.grid(expand=True, padding=(0, 1))
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(justify="right", no_wrap=True)
    table.add_row(*line)
    return table


def _same(one: Line | RenderableType, other: Line | RenderableType) -> bool:
    if isinstance(one, tuple) and isinstance(other, tuple):
        return all(
            a.plain == b.plain and a.spans == b.spans and a.style == b.style
            for a, b in zip(one, other, strict=True)
        )
    return (
        isinstance(one, ChineseText)
        and isinstance(other, ChineseText)
        and (one.text.plain == other.text.plain)
    )


def _budget_lines(card: Scorecard) -> list[Line]:
    budget = card.budget
    rate = f"{format_decimal(budget.rate)}%" if budget.rate is not None else "—"
    suggested = format_decimal(budget.suggested) if budget.suggested is not None else "—"
    entered = format_plain(budget.entered) if budget.entered is not None else "未填"
    return [
        (Text("执行率"), Text(rate)),
        (Text(f"预算执行 分值 {format_plain(budget.weight)}"), Text("")),
        (Text("  建议得分"), Text(suggested, style="dim")),
        (Text("  填报得分"), Text(entered)),
    ]


def _level_lines(card: Scorecard) -> list[Line | RenderableType]:
    lines: list[Line | RenderableType] = [
        (Text("一级指标", style="dim"), Text("得分/分值", style="dim"))
    ]
    advised: list[str] = []
    for level in card.levels:
        if level.weight == 0 and level.score == 0 and level.advised_weight is not None:
            lines.append(
                (
                    safe_text(level.name),
                    Text(f"—/{format_plain(level.advised_weight)}", style="dim"),
                )
            )
            continue
        off = level.advised_weight is not None and level.weight != level.advised_weight
        weight_text = Text(f"{format_decimal(level.score)}/{format_plain(level.weight)}")
        if off:
            weight_text.append("*", style="yellow")
            advised.append(f"{level.name} {format_plain(level.advised_weight)}")
        lines.append((safe_text(level.name), weight_text))
    if advised:
        note = Text("*分值与规则的建议不同：", style="dim")
        note.append("、".join(advised), style="dim")
        lines.append(ChineseText(note))
    return lines


def _total_lines(card: Scorecard) -> list[Line]:
    """总分 over 分值合计 (core's: the rows × the rule set's scale), the scale and a cap by
    execution rate where the rule set has them, 等级, and the count of findings."""
    errors, warnings = len(card.errors), len(card.warnings)
    total = Text(format_decimal(card.total), style="bold")
    off = card.weight_total != card.full_marks
    total.append(f"/{format_plain(card.weight_total)}", style="bold yellow" if off else "")
    lines: list[Line] = [(Text("总分", style="bold"), total)]
    if card.indicator_scale != 1:
        lines.append(
            (Text(f"  绩效指标 × {format_plain(card.indicator_scale)}", style="dim"), Text(""))
        )
    if card.total_cap is not None:
        lines.append(
            (Text("  执行率封顶"), Text(f"≤ {format_plain(card.total_cap)}", style="yellow"))
        )
        if card.uncapped_total is not None and card.uncapped_total != card.total:
            lines.append(
                (Text("  各项合计"), Text(format_decimal(card.uncapped_total), style="dim"))
            )
    return [
        *lines,
        (Text("等级"), Text(card.grade, style=GRADE_STYLES.get(card.grade, ""))),
        (Text("错误"), Text(str(errors), style="bold red" if errors else "green")),
        (Text("警告"), Text(str(warnings), style="yellow" if warnings else "green")),
    ]
