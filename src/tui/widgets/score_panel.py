"""The side panel of a form: 执行率, budget score, each 一级指标 against its weight, 总分, 等级.

The panel only shows its ``scorecard``; whoever owns the form computes a new scorecard
(core.scoring.score_form) and assigns it. The review screen reuses it read-only.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from core.decimals import format_decimal, format_plain
from core.safetext import safe_text
from core.scoring import Scorecard
from tui.widgets.wrapping import ChineseText

GRADE_STYLES = {"优": "bold green", "良": "green", "中": "yellow", "差": "bold red"}


Line = tuple[Text, Text]
"""One line of the panel: what it is (left) and its figure (right)."""


class ScorePanel(ScrollView, can_focus=False):
    """Live scores of one form, drawn line by line (Textual's line API).

    The panel is one widget that keeps its lines as strips: a new scorecard redraws only the
    lines that changed (the 总分, the 一级指标 of the row typed into). A keystroke then
    repaints a few cells of the screen, and the screen has one widget here to composite, not
    one per line.
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

    scorecard: reactive[Scorecard | None] = reactive(None, repaint=False, always_update=True)
    """The scores shown; assigning one redraws the lines that differ (a scorecard is always
    a new one: comparing two whole scorecards first would cost more than it saves)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Line | RenderableType] = []
        self._drawn: list[list[Strip]] = []  # each line's strips
        self._strips: list[Strip] = []
        self._style: Style | None = None  # the panel's own colours, looked up once per restyle

    def watch_scorecard(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._lines, self._drawn = [], []
        self._draw()

    def _draw(self) -> None:
        """Lay out the lines that changed at the panel's width, and refresh them."""
        width = self.scrollable_content_region.width
        if not self.is_mounted or width <= 0:
            return
        lines = panel_lines(self.scorecard)
        console = self.app.console
        drawn: list[list[Strip]] = []
        for index, line in enumerate(lines):
            unchanged = index < len(self._lines) and _same(line, self._lines[index])
            drawn.append(self._drawn[index] if unchanged else _line_strips(console, line, width))
        strips = [strip for line_strips in drawn for strip in line_strips]
        old = self._strips
        self._lines, self._drawn, self._strips = lines, drawn, strips
        if len(strips) != len(old):
            self.virtual_size = Size(width, len(strips))
            self.refresh()
            return
        for y, (before, after) in enumerate(zip(old, strips, strict=True)):
            if before is not after and before != after:
                self.refresh_line(y)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style = None

    def render_line(self, y: int) -> Strip:
        if self._style is None:
            self._style = self.rich_style
        index = y + self.scroll_offset.y
        if index < len(self._strips):
            return self._strips[index].apply_style(self._style)
        return Strip.blank(self.scrollable_content_region.width, self._style)


def _line_strips(console: Console, line: Line | RenderableType, width: int) -> list[Strip]:
    """A panel line as strips of ``width`` cells: label left, figure right; anything else
    (the * note) wrapped to the width."""
    if isinstance(line, tuple):
        label, figure = line
        figure = figure.copy()
        figure.truncate(width, overflow="ellipsis")
        room = width - figure.cell_len - (1 if figure.cell_len else 0)
        label = label.copy()
        label.truncate(max(room, 0), overflow="ellipsis", pad=True)
        text = Text.assemble(label, " " if figure.cell_len and room > 0 else "", figure)
        return [Strip(text.render(console)).adjust_cell_length(width)]
    options = console.options.update_width(width)
    return [Strip(segments, width) for segments in console.render_lines(line, options, pad=True)]


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
