"""The rows of the open group that are not being edited: one line each, a click opens one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from core.decimals import format_plain
from core.model import Indicator
from core.safetext import terminal_safe
from core.vocabulary import LOCKED_LABEL


@dataclass(frozen=True)
class FoldedRow:
    """One folded row: ``indicators[index]``, shown as the ``number``-th row of its group;
    ``flagged`` when it has an error."""

    index: int
    number: int
    indicator: Indicator
    flagged: bool = False


class FoldedRows(Widget):
    """Folded rows, each one line and a blank line after it, drawn by one widget (Textual's
    line API).

    Only one row of a group has editors at a time, and the others are drawn here rather than
    as a widget each: Textual composites every visible widget on each keystroke's frame, so a
    group costs two widgets however many rows it holds. The rows take no focus (Tab and
    Shift+Tab open the neighbouring row themselves); a click on one asks for it.
    """

    DEFAULT_CSS = """
    FoldedRows { height: auto; max-width: 110; }
    """
    ALLOW_SELECT = False  # a click opens a row; its lines are not text to select

    class Chosen(Message):
        """A folded row was clicked: open it for editing."""

        def __init__(self, folded: FoldedRows, index: int) -> None:
            super().__init__()
            self.folded = folded
            self.index = index

    def __init__(self, rows: list[FoldedRow] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[FoldedRow] = []
        self.show(rows or [])

    def show(self, rows: list[FoldedRow]) -> None:
        """Draw these rows instead (the widget is hidden while it has none)."""
        self.rows = list(rows)
        self.display = bool(self.rows)
        self.refresh(layout=True)

    def row_at(self, y: int) -> FoldedRow | None:
        """The row drawn on line ``y`` (None on the blank line after a row)."""
        position, blank = divmod(y, 2)
        return self.rows[position] if not blank and 0 <= position < len(self.rows) else None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 2 * len(self.rows)

    def render_line(self, y: int) -> Strip:
        width, style = self.size.width, self.visual_style
        row = self.row_at(y)
        if row is None:
            return Strip.blank(width, style.rich_style)
        visual = visualize(self, summary_text(row))
        return Visual.to_strips(self, visual, width, 1, style, apply_selection=False)[0]

    def on_click(self, event: events.Click) -> None:
        if (row := self.row_at(event.y)) is not None:
            self.post_message(self.Chosen(self, row.index))


def summary_text(row: FoldedRow) -> Text:
    """A folded row's line: number, name, target (locked or not), actual, weight and score,
    and 有错误 where the row has an error."""
    indicator = row.indicator
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{row.number}.".ljust(4), "dim")
    text.append(terminal_safe(indicator.name, keep_newlines=False) or "（未命名）")
    target, actual = (
        terminal_safe(t, keep_newlines=False) for t in (indicator.target, indicator.actual)
    )
    text.append(f"　{target or '—'}", "dim")
    if indicator.target_locked:
        text.append(f"（{LOCKED_LABEL}）", "dim")
    text.append(f"　实际 {actual or '—'}", "dim")
    weight, score = (
        format_plain(value) if value is not None else "—"
        for value in (indicator.weight, indicator.score)
    )
    text.append(f"　分值 {weight}　得分 {score}")
    if row.flagged:
        text.append("　有错误", "bold yellow")
    return text
