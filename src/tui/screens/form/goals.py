"""Step 3, 年度目标: 预期目标 and 实际完成情况, long Chinese text that wraps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from tui.widgets.field_errors import FieldErrors
from tui.widgets.fields import FieldTextArea


class GoalsStep(Vertical):
    """年度总体目标."""

    DEFAULT_CSS = """
    GoalsStep Label { margin-top: 1; text-style: bold; }
    GoalsStep FieldTextArea { height: 1fr; min-height: 3; border: none; }
    GoalsStep .keys { color: $text-muted; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Label("预期目标")
        yield FieldTextArea("goals.expected", id="f-goals-expected")
        yield FieldErrors("goals.expected")
        yield Label("实际完成情况")
        yield FieldTextArea("goals.actual", id="f-goals-actual")
        yield FieldErrors("goals.actual")
        yield Static(
            Text("Enter 下一项　Ctrl+J 换行　Tab 下一项　Shift+Tab 上一项", style="dim"),
            classes="keys",
        )
