"""F1 help: the keys of the screen the user is on, read from the bindings that are active there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.commands import is_chinese


@dataclass(frozen=True)
class KeyHelp:
    """One line of help: where the key works, the key as shown, what it does."""

    scope: str
    key: str
    description: str
    tooltip: str


_SCOPE_ORDER = {"本页": 0, "光标所在处": 1, "全局": 2}
# Textual's own widgets describe their keys in English; these are the ones worth listing.
_WIDGET_ACTIONS = {
    "focus_next": "下一项",
    "focus_previous": "上一项",
    "cursor_up": "上移",
    "cursor_down": "下移",
    "scroll_up": "上移",
    "scroll_down": "下移",
    "page_up": "上一页",
    "page_down": "下一页",
    "scroll_home": "到开头",
    "scroll_end": "到末尾",
    "scroll_top": "到开头",
    "scroll_bottom": "到末尾",
    "select_cursor": "选定",
    "cursor_left": "左移",
    "cursor_right": "右移",
    "delete_left": "删除前一个字",
    "delete_right": "删除后一个字",
    "home": "到行首",
    "end": "到行尾",
    "copy": "复制",
    "paste": "粘贴",
    "undo": "撤销",
    "redo": "重做",
}


def _description(binding: Binding) -> str | None:
    """Our own bindings are described in Chinese; Textual's are translated or left out."""
    if is_chinese(binding.description):
        return binding.description
    return _WIDGET_ACTIONS.get(binding.action.rsplit(".", 1)[-1])


def keys_of(app: App[object], screen: Screen[object]) -> list[KeyHelp]:
    """Every described binding active on ``screen``: its own, the focused widget's, the app's."""
    merged: dict[tuple[str, str], KeyHelp] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        description = _description(binding)
        if not description or binding.system:
            continue
        if active.node is app:
            scope = "全局"
        elif isinstance(active.node, Widget) and not isinstance(active.node, Screen):
            scope = "光标所在处"
        else:
            scope = "本页"
        display = app.get_key_display(Binding(key, binding.action, description))
        earlier = merged.get((scope, description))
        if earlier is not None:
            display = f"{earlier.key} / {display}"
        tooltip = (earlier.tooltip if earlier else "") or active.tooltip or ""
        merged[(scope, description)] = KeyHelp(scope, display, description, tooltip)
    rows = list(merged.values())
    rows.sort(key=lambda row: _SCOPE_ORDER[row.scope])
    return rows


def help_table(rows: list[KeyHelp]) -> Table:
    """The keys as a Rich table; every cell is plain text."""
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=True)
    table.add_column("范围", no_wrap=True)
    table.add_column("按键", no_wrap=True, style="bold")
    table.add_column("作用")
    table.add_column("说明", style="dim")
    for row in rows:
        table.add_row(Text(row.scope), Text(row.key), Text(row.description), Text(row.tooltip))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen below it; Escape, F1, ? or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭", id="help.close", tooltip="关闭帮助"),
        Binding("f1", "close", "关闭", show=False, id="help.close_f1", tooltip="关闭帮助"),
        Binding(
            "question_mark",
            "close",
            "关闭",
            show=False,
            id="help.close_question",
            tooltip="关闭帮助",
        ),
        Binding("q", "close", "关闭", show=False, id="help.close_q", tooltip="关闭帮助"),
    ]

    def __init__(self, title: str, rows: list[KeyHelp]) -> None:
        super().__init__(classes="dialog-screen")
        self._title, self._rows = title, rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Static(Text(f"按键：{self._title}", style="bold"), classes="dialog-question")
            with VerticalScroll(id="help-keys"):
                yield Static(help_table(self._rows))
            yield Static(
                Text("Ctrl+P 打开命令面板，可搜索全部操作。Esc 关闭本帮助。", style="dim"),
                classes="dialog-hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)
