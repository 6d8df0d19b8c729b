"""The five steps of the form: their table, their keys and tabs, and what a step may ask of
the form screen that holds it."""

from __future__ import annotations

from typing import Any, Protocol, cast

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from core.session import EditSession, WriteOutcome
from tui.widgets.indicator_row import IndicatorRow

STEPS = (
    ("basic", "基本信息"),
    ("funds", "项目资金"),
    ("goals", "年度目标"),
    ("indicators", "绩效指标"),
    ("review", "复核"),
)
STEP_IDS = tuple(step for step, _ in STEPS)
STEP_KEYS = [
    Binding(
        f"f{number}",
        f"step('{step}')",
        label,
        show=False,
        priority=True,
        id=f"form.step_{step}",
        tooltip=f"转到 {label}",
    )
    for number, (step, label) in enumerate(STEPS, start=3)
]
"""F3 … F7: the steps, each key written on its tab (F1 is help, F2 edits a field in place;
Alt+digit cannot be used: terminals send it as ESC and a digit, which Textual reads as the
characters macOS types with Option)."""

SHORT_STEP_NAMES = {"basic": "基本", "funds": "资金", "goals": "目标", "indicators": "指标"}
SHORT_STEP_NAMES |= {"review": "复核"}
TABS_SHORT_BELOW = 64
"""Below this width of the steps the tabs carry short names, so that all five show."""


def step_tab(step: str, short: bool = False) -> str:
    """The label of a step's tab: its key and its name."""
    number, label = next((n, label) for n, (s, label) in enumerate(STEPS, start=3) if s == step)
    return f"F{number} {SHORT_STEP_NAMES[step] if short else label}"


def widget_id(path: str) -> str:
    """The id of the input of a field outside the indicator rows."""
    if path == "budget_weight":
        path = "budget_score"
    return "f-" + path.replace(".", "-")


class Steps(TabbedContent):
    """The five steps. The form shows a step itself (``FormScreen.show_step``), at once: a
    pane's notice that it holds the focus, which Textual acts on later, must not switch back
    to a step the cursor has already left (a burst of keys across step keys)."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.stop()
        event.prevent_default()


def step_chain(pane: Widget) -> list[Widget]:
    """A step's focusable widgets in focus order, read from the DOM as it is now (Textual's own
    focus chain is brought up to date only at the next refresh, too late for a key that
    follows a step switch in the same burst)."""
    chain: list[Widget] = []

    def walk(node: Widget) -> None:
        for child in node.children:
            if not isinstance(child, Widget) or not child.display:
                continue
            if child.focusable:
                chain.append(child)
            if child.can_focus_children:
                walk(child)

    walk(pane)
    return chain


def row_of(widget: Widget | None) -> IndicatorRow | None:
    """The indicator row that holds the widget, if any."""
    while widget is not None:
        if isinstance(widget, IndicatorRow):
            return widget
        parent = widget.parent
        widget = parent if isinstance(parent, Widget) else None
    return None


class FormEditing(Protocol):
    """What a step asks of the form screen that holds it."""

    session: EditSession

    def edit_field(self, path: str, raw: Any, widget: Widget | None = None) -> None:
        """One keystroke's worth of an edit (as the fields hand it on)."""

    def flush(self, path: str | None = None) -> None:
        """Write the edited fields (or one of them) to the store now."""

    def apply(self, outcome: WriteOutcome) -> bool:
        """Tell what became of a change of the rows; True when it was made."""

    def put_cursor(self, widget: Widget) -> None:
        """Focus ``widget`` now and keep the focus there once a step switch has settled."""

    def show_fields(self) -> None:
        """Show every field's value again (after the session took another form)."""

    def show_errors(self) -> None:
        """Mark every field whose text cannot be accepted, and say why under it."""

    def rules_changed(self) -> None:
        """Show everything again that the session's rule set decides (money, levels)."""


def editing(widget: Widget) -> FormEditing:
    """The form screen of a step's widget."""
    return cast(FormEditing, widget.screen)
