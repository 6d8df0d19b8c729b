"""Small dialogs: a y/n confirmation, a one-line prompt (reason, year, path), the export dialog.

Every dialog answers Escape (cancel), shows user text as plain text, never as markup, and acts
on its answer before the next key is read (``Dialog``).
"""

from __future__ import annotations

import datetime
import inspect
import re
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from core.safetext import terminal_safe
from tui.widgets.settle import settled
from tui.widgets.wrapping import ChineseText

Validator = Callable[[str], str | None]
"""Returns a Chinese message when the text is not acceptable, else None."""
AnswerT = TypeVar("AnswerT")
Then = Callable[[AnswerT | None], Awaitable[None] | None]
"""What a dialog does with its answer (None when cancelled)."""

EXPORT_FORMATS = ("xlsx", "json", "text", "html", "svg")
EXPORT_EXTENSIONS = {"xlsx": "xlsx", "json": "json", "text": "txt", "html": "html", "svg": "svg"}
EXPORT_LABELS = {
    "xlsx": "Excel 工作簿 xlsx（财政局的自评表格式）",
    "json": "JSON 交换文件",
    "text": "纯文本",
    "html": "网页 HTML（可打印）",
    "svg": "图片 SVG",
}
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class Dialog(ModalScreen[None], Generic[AnswerT]):
    """A dialog that acts on its answer before the app reads the next key.

    The keys that answer are priority bindings, so the answer is handled on the app's own task:
    the dialog closes and ``then`` runs (a form opens, a row goes) before any key typed after
    the answering key is read, and those keys land where the answer leads. (Textual's own
    result callback runs later, on the task of the screen that asked.)
    """

    def __init__(self, then: Then[AnswerT] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._then = then
        self._answered = False

    async def answer(self, answer: AnswerT | None) -> None:
        """Close the dialog, then act on the answer (None: cancelled)."""
        if self._answered:
            return
        self._answered = True
        await self.app.pop_screen()
        if self._then is not None:
            outcome = self._then(answer)
            if inspect.isawaitable(outcome):
                await outcome

    def answer_later(self, answer: AnswerT | None) -> None:
        """Answer from a handler of the dialog's own (a mouse click): on the app's task."""
        self.app.call_later(self.answer, answer)


class ConfirmModal(Dialog[bool]):
    """A yes/no question: y answers yes, n or Escape no, Enter the button the cursor is on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "是", priority=True, id="confirm.yes", tooltip="确认"),
        Binding("n", "answer(False)", "否", priority=True, id="confirm.no", tooltip="取消"),
        Binding(
            "escape", "answer(False)", "取消", priority=True, id="confirm.cancel", tooltip="取消"
        ),
        Binding(
            "enter",
            "press",
            "选定",
            show=False,
            priority=True,
            id="confirm.press",
            tooltip="按下光标所在的按钮",
        ),
    ]

    def __init__(
        self,
        question: str,
        *,
        then: Then[bool] | None = None,
        yes: str = "是 (y)",
        no: str = "否 (n)",
        default: bool = True,
    ) -> None:
        super().__init__(then)
        self._question, self._yes, self._no = question, yes, no
        self._default = default
        """default: the answer of Enter on the dialog as it opens (False where yes destroys or
        seals something: the cursor starts on 否)"""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(ChineseText(terminal_safe(self._question)), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, id="yes", variant="primary")
                yield Button(self._no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self._default else "#no", Button).focus()

    async def action_answer(self, answer: bool) -> None:
        await self.answer(answer)

    async def action_press(self) -> None:
        await self.answer(self.focused is not None and self.focused.id == "yes")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.answer_later(event.button.id == "yes")


class TextPromptModal(Dialog[str]):
    """One line of text (a reason, a year, a path); Enter accepts, Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "取消",
            priority=True,
            id="prompt.cancel",
            tooltip="不做更改，关闭对话框",
        ),
        Binding(
            "enter", "submit", "确定", show=False, priority=True, id="prompt.ok", tooltip="确定"
        ),
    ]

    def __init__(
        self,
        question: str,
        *,
        then: Then[str] | None = None,
        value: str = "",
        placeholder: str = "",
        validate: Validator | None = None,
    ) -> None:
        super().__init__(then)
        self._question, self._value, self._placeholder = question, value, placeholder
        self._validate = validate

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(ChineseText(terminal_safe(self._question)), classes="dialog-question")
            yield Input(self._value, placeholder=self._placeholder, id="answer")
            yield Label("", id="problem", classes="dialog-problem")
            yield Static(Text("Enter 确定  Esc 取消", style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    async def action_submit(self) -> None:
        field = self.query_one("#answer", Input)
        await settled(field)
        text = field.value.strip()
        problem = self._validate(text) if self._validate else None
        if problem:
            self.query_one("#problem", Label).update(Text(problem))
            return
        await self.answer(text)

    async def action_cancel(self) -> None:
        await self.answer(None)


def write_unless_declined(screen: Screen[Any], path: Path, write: Callable[[], None]) -> None:
    """Run ``write`` now, or, when ``path`` exists already, after a yes to overwriting it."""
    if not path.exists():
        write()
        return
    screen.app.push_screen(
        ConfirmModal(
            f"文件 {path} 已存在，覆盖它？",
            then=lambda overwrite: write() if overwrite else None,
            default=False,
        )
    )


def parse_year(text: str) -> int | None:
    """The year typed as ``2024``, ``２０２４`` or ``2024年``; None when it is not four digits."""
    digits = unicodedata.normalize("NFKC", text).strip().removesuffix("年").strip()
    return int(digits) if len(digits) == 4 and digits.isascii() and digits.isdigit() else None


def year_problem(text: str) -> str | None:
    """Chinese message for a year that cannot be a form's 年度, else None."""
    year = parse_year(text)
    if year is None:
        return f"年度“{text}”应为四位数字，如 {datetime.date.today().year}"
    if not 2000 <= year <= 2100:
        return "年度应在 2000 至 2100 之间"
    return None


def reason_problem(text: str) -> str | None:
    """Chinese message for an empty reason, else None."""
    return None if text else "请填写重新打开的原因"


def default_export_name(year: int, project: str, fmt: str) -> str:
    """``<年度>-<项目名称>.<ext>``, with characters no file system accepts replaced."""
    name = _UNSAFE_IN_NAMES.sub("_", project).strip(" .") or "未命名"
    return f"{year}-{name}.{EXPORT_EXTENSIONS[fmt]}"


def path_problem(text: str) -> str | None:
    """Chinese message for an export path that cannot be written, else None."""
    if not text:
        return "请填写文件路径"
    path = Path(text).expanduser()
    if path.is_dir():
        return f"“{text}”是一个文件夹，请写出文件名"
    if not path.parent.exists():
        return f"文件夹“{path.parent}”不存在"
    return None


class ExportModal(Dialog[tuple[str, Path]]):
    """Choose a format and a file; answers (format, path) or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "取消",
            priority=True,
            id="export.cancel",
            tooltip="不导出，关闭对话框",
        ),
        Binding(
            "enter", "submit", "导出", show=False, priority=True, id="export.ok", tooltip="导出"
        ),
        Binding("up", "cycle_format(-1)", "上一种格式", id="export.previous_format"),
        Binding("down", "cycle_format(1)", "下一种格式", id="export.next_format"),
    ]

    def __init__(
        self,
        year: int,
        project: str,
        *,
        then: Then[tuple[str, Path]] | None = None,
        directory: Path | None = None,
    ) -> None:
        super().__init__(then)
        self._year, self._project = year, project
        self._directory = directory if directory is not None else Path.cwd()
        self._format = EXPORT_FORMATS[0]

    def _default_path(self, fmt: str) -> str:
        return str(self._directory / default_export_name(self._year, self._project, fmt))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text(f"导出 {self._year} 年度“{self._project}”"), classes="dialog-question"
            )
            with RadioSet(id="format"):
                for fmt in EXPORT_FORMATS:
                    yield RadioButton(EXPORT_LABELS[fmt], value=fmt == self._format, name=fmt)
            yield Input(self._default_path(self._format), id="path")
            yield Label("", id="problem", classes="dialog-problem")
            yield Static(
                Text("↑↓ 选择格式  Enter 导出  Esc 取消", style="dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        new_format = event.pressed.name or EXPORT_FORMATS[0]
        path_input = self.query_one("#path", Input)
        # Follow the format only while the path still ends in the old format's extension.
        old_suffix = "." + EXPORT_EXTENSIONS[self._format]
        if path_input.value.endswith(old_suffix):
            stem = path_input.value[: -len(old_suffix)]
            path_input.value = stem + "." + EXPORT_EXTENSIONS[new_format]
        self._format = new_format

    def action_cycle_format(self, step: int) -> None:
        index = (EXPORT_FORMATS.index(self._format) + step) % len(EXPORT_FORMATS)
        for button in self.query(RadioButton):
            if button.name == EXPORT_FORMATS[index]:
                button.value = True

    async def action_submit(self) -> None:
        field = self.query_one("#path", Input)
        if self.focused is not field:
            raise SkipAction()  # Enter on a format button chooses it
        await settled(field)
        text = field.value.strip()
        problem = path_problem(text)
        if problem:
            self.query_one("#problem", Label).update(Text(problem))
            return
        path = Path(text).expanduser()
        by_suffix = {ext: fmt for fmt, ext in EXPORT_EXTENSIONS.items()}
        # A file name typed with another format's extension asks for that format.
        await self.answer((by_suffix.get(path.suffix.lower().lstrip("."), self._format), path))

    async def action_cancel(self) -> None:
        await self.answer(None)
