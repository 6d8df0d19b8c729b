"""Dialogs of the workbook features: which file to import, what it holds (the same report as
``jixiao import --dry-run``) before anything is stored, and the year's 自评汇总表."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from tui.screens.modals import path_problem, year_problem
from tui.widgets.path_suggester import PathSuggester

if TYPE_CHECKING:
    from core.workbook.reading import FileReading

UNIT_CHOICES = (("", "按表中所写"), ("元", "元"), ("万元", "万元"))
SUMMARY_FORMATS = ("xlsx", "html", "text")
SUMMARY_EXTENSIONS = {"xlsx": "xlsx", "html": "html", "text": "txt"}
SUMMARY_LABELS = {"xlsx": "Excel 工作簿 xlsx", "html": "网页 HTML（可打印）", "text": "纯文本"}


class ImportPathModal(ModalScreen[tuple[Path, str | None] | None]):
    """The file to import (file names complete as they are typed) and, for sheets that do not
    say theirs, the money unit; answers (path, unit or None) or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="import.cancel", tooltip="不导入，关闭对话框"),
    ]

    def __init__(self, directory: Path | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._directory = directory if directory is not None else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text("导入表单：xlsx、xls 工作簿或 JSON 文件（自评表、目标申报表、jixiao 导出）"),
                classes="dialog-question",
            )
            start = str(self._directory) + "/"
            yield Input(start, id="path", suggester=PathSuggester(self._directory))
            yield Label("表中没有写明金额单位时按：")
            with RadioSet(id="unit"):
                for value, label in UNIT_CHOICES:
                    yield RadioButton(label, value=value == "", name=value or "none")
            yield Label("", id="problem", classes="dialog-problem")
            yield Static(
                Text("→ 补全文件名  Enter 读取并预览（不会直接存储）  Esc 取消", style="dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        from core.files import input_file_problem

        text = event.value.strip()
        path = Path(text).expanduser()
        problem = "请填写文件路径" if not text else input_file_problem(path)
        if problem:
            self.query_one("#problem", Label).update(Text(f"{text}：{problem}"))
            return
        pressed = self.query_one("#unit", RadioSet).pressed_button
        unit = pressed.name if pressed is not None and pressed.name != "none" else None
        self.dismiss((path, unit))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportReportModal(ModalScreen[bool]):
    """What a file holds and what could not be read; y stores it (when it can be), n closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "store", "导入", id="import_report.store", tooltip="存储这些表单"),
        Binding("n", "close", "不导入", id="import_report.close", tooltip="关闭，不存储"),
        Binding("escape", "close", "关闭", id="import_report.cancel", tooltip="关闭，不存储"),
    ]

    def __init__(self, reading: FileReading) -> None:
        super().__init__(classes="dialog-screen")
        self.reading = reading

    def compose(self) -> ComposeResult:
        from core.workbook.report import reading_view

        ok = self.reading.ok
        count = len(self.reading.forms)
        question = (
            f"将导入 {count} 份表单，确认吗？" if ok else "这个文件不能导入，什么也不会存储。"
        )
        with Vertical(classes="dialog report-dialog"):
            with VerticalScroll(id="report"):
                yield Static(reading_view(self.reading, with_forms=False), id="report-text")
            yield Static(Text(question), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                if ok:
                    yield Button("导入 (y)", id="store", variant="primary")
                yield Button("关闭 (n)" if ok else "关闭 (Esc)", id="close")

    def on_mount(self) -> None:
        self.query_one("#store" if self.reading.ok else "#close", Button).focus()

    def action_store(self) -> None:
        if self.reading.ok:
            self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "store" and self.reading.ok)


class SummaryModal(ModalScreen[tuple[int, str, Path] | None]):
    """The year's 自评汇总表: year, format and file; answers (year, format, path) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消", id="summary.cancel", tooltip="不导出，关闭对话框"),
    ]

    def __init__(self, year: int, *, directory: Path | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._year = year
        self._shown_year = str(year)
        self._directory = directory if directory is not None else Path.cwd()
        self._format = "xlsx"

    def _default_path(self, year: str, fmt: str) -> str:
        return str(self._directory / f"{year}-自评汇总表.{SUMMARY_EXTENSIONS[fmt]}")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("导出一个年度全部表单的自评汇总表"), classes="dialog-question")
            with Horizontal(classes="dialog-row"):
                yield Label("年度 ")
                yield Input(str(self._year), id="year")
            with RadioSet(id="format"):
                for fmt in SUMMARY_FORMATS:
                    yield RadioButton(SUMMARY_LABELS[fmt], value=fmt == "xlsx", name=fmt)
            yield Input(self._default_path(str(self._year), "xlsx"), id="path")
            yield Label("", id="problem", classes="dialog-problem")
            yield Static(Text("Enter 导出  Esc 取消", style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Changed, "#year")
    def _year_changed(self, event: Input.Changed) -> None:
        # The file name follows the year while it is still the one this dialog proposed.
        path_input = self.query_one("#path", Input)
        if path_input.value == self._default_path(self._shown_year, self._format):
            self._shown_year = event.value.strip()
            path_input.value = self._default_path(self._shown_year, self._format)

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        new_format = event.pressed.name or "xlsx"
        path_input = self.query_one("#path", Input)
        old_suffix = "." + SUMMARY_EXTENSIONS[self._format]
        if path_input.value.endswith(old_suffix):
            stem = path_input.value[: -len(old_suffix)]
            path_input.value = stem + "." + SUMMARY_EXTENSIONS[new_format]
        self._format = new_format

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        from tui.screens.modals import parse_year

        year_text = self.query_one("#year", Input).value.strip()
        path_text = self.query_one("#path", Input).value.strip()
        problem = year_problem(year_text) or path_problem(path_text)
        if problem:
            self.query_one("#problem", Label).update(Text(problem))
            return
        year = parse_year(year_text)
        assert year is not None
        self.dismiss((year, self._format, Path(path_text).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)
