"""Home: the stored forms, newest year first, with a filter box and the form-level actions.

The table holds one page of rows at a time and loads the next page as the cursor nears its
end, so a store of 20,000 forms opens as fast as one of four.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static

from core.decimals import format_decimal
from core.errors import JixiaoError
from core.safetext import safe_text
from core.store import Cursor, FormSummary, Store
from core.vocabulary import STATUS_LABELS, STATUS_WORDS
from tui.commands import PaletteCommand
from tui.exporting import export_stored_form
from tui.navigation import Navigator, navigator
from tui.screens.modals import (
    ConfirmModal,
    ExportModal,
    TextPromptModal,
    parse_year,
    write_unless_declined,
    year_problem,
)
from tui.shown import one_line
from tui.widgets.footer import KeyFooter

PAGE_SIZE = 200
LOAD_AHEAD = 20
FILTER_DELAY = 0.15
COLUMNS = (
    ("年度", "year"),
    ("项目名称", "project"),
    ("实施单位", "implementer"),
    ("状态", "status"),
    ("总分", "total"),
    ("等级", "grade"),
)


MAX_COLUMN_WIDTH = 36


SHRINKING = (1, 2)
"""项目名称 and 实施单位 give way, down to MIN_SHRUNK, for the other columns to stay in view."""
MIN_SHRUNK = 8


def column_widths(summaries: list[FormSummary], room: int | None = None) -> list[int]:
    """Each column as wide as its widest cell on the page (or its label), capped; within
    ``room`` columns of screen when there are so many (each column has a space either side)."""
    widths = [cell_len(label) for label, _ in COLUMNS]
    for summary in summaries:
        for column, cell in enumerate(summary_cells(summary)):
            widths[column] = max(widths[column], cell.cell_len)
    widths = [min(width, MAX_COLUMN_WIDTH) for width in widths]
    if room is not None:
        room -= 2 * len(widths) + 2  # cell padding, the scroll bar
        while sum(widths) > room:
            widest = max(SHRINKING, key=lambda column: widths[column])
            if widths[widest] <= MIN_SHRUNK:
                break
            widths[widest] -= 1
    return widths


def summary_cells(summary: FormSummary) -> tuple[Text, ...]:
    """The cells of one row; every one a Text, so user text is never read as markup.

    A damaged form (its checksum does not match) shows 已损坏 in red and no score.
    """
    status = Text(STATUS_LABELS.get(summary.status, summary.status))
    total, grade = Text(format_decimal(summary.total), justify="right"), Text(summary.grade)
    if summary.damaged:
        status, total, grade = Text("已损坏", style="red"), Text("—", justify="right"), Text("—")
    return (
        Text(str(summary.year)),
        safe_text(summary.project, keep_newlines=False),
        safe_text(summary.implementer, keep_newlines=False),
        status,
        total,
        grade,
    )


_YEAR = re.compile(r"^(\d{4})年?$")


def filter_terms(text: str) -> dict[str, Any]:
    """What the filter box asks for: a year (2023, 2023年) and a status (草稿, 定稿) among the
    words are filters of their own; the other words are searched in names and indicators."""
    terms: dict[str, Any] = {}
    words = []
    for word in unicodedata.normalize("NFKC", text).split():
        year = _YEAR.match(word)
        if year and "year" not in terms:
            terms["year"] = int(year[1])
        elif word in STATUS_WORDS and "status" not in terms:
            terms["status"] = STATUS_WORDS[word]
        else:
            words.append(word)
    if words:
        terms["query"] = " ".join(words)
    return terms


class FormsTable(DataTable[Text]):
    """The list of forms: Home and End go to the first and the last row listed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "第一行", show=False, id="forms.first", tooltip="到列表开头"),
        Binding(
            "end",
            "scroll_bottom",
            "最后一行",
            show=False,
            id="forms.last",
            tooltip="到已列出的最后一份（更多的随之载入）",
        ),
    ]


class HomeScreen(Screen[None]):
    """The list of stored forms: open, create, clone, export, delete."""

    HELP_TITLE = "首页"
    AUTO_FOCUS = "#forms"  # the letter keys act on the list; "/" goes to the filter
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: an action that opens a screen runs before the keys typed after it are read
        # (they land in that screen); the letters are off while the filter box has the cursor.
        Binding(
            "slash",
            "filter",
            "筛选",
            priority=True,
            id="home.filter",
            tooltip="按项目、单位、指标名称、年度或状态（草稿、定稿）筛选",
        ),
        Binding("enter", "open", "打开", priority=True, id="home.open", tooltip="打开选中的表单"),
        Binding("n", "new", "新建", priority=True, id="home.new", tooltip="新建一份空白表单"),
        Binding(
            "c",
            "clone",
            "复制到下一年度",
            priority=True,
            id="home.clone",
            tooltip="以选中的表单为底稿",
        ),
        Binding(
            "v",
            "compare",
            "对比上一年度",
            show=False,  # the footer is full at 100 columns; F1 and Ctrl+P list it
            priority=True,
            id="home.compare",
            tooltip="与上一年度的表单并排对比",
        ),
        Binding(
            "e",
            "export",
            "导出",
            priority=True,
            id="home.export",
            tooltip="导出为 xlsx、JSON、文本、HTML 或 SVG",
        ),
        Binding(
            "i",
            "import",
            "导入",
            priority=True,
            id="home.import",
            tooltip="导入 xlsx、xls 工作簿或 JSON（先预览）",
        ),
        Binding(
            "s",
            "summary",
            "汇总表",
            show=False,  # the footer is full at 100 columns; F1 and Ctrl+P list it
            priority=True,
            id="home.summary",
            tooltip="导出一个年度全部表单的自评汇总表",
        ),
        Binding(
            "d",
            "delete",
            "删除",
            priority=True,
            id="home.delete",
            tooltip="删除选中的草稿（需确认）",
        ),
        Binding("q", "quit", "退出", priority=True, id="home.quit", tooltip="退出 jixiao"),
        Binding(
            "escape",
            "leave_filter",
            "返回列表",
            show=False,
            id="home.leave_filter",
            tooltip="从筛选框回到表单列表",
        ),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.query_text = ""
        self.total = 0
        self._summaries: list[FormSummary] = []
        self._filter_timer: Timer | None = None
        self._offered_samples = False
        self._fresh = False

    @property
    def navigator(self) -> Navigator:
        return navigator(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="按 / 筛选：项目名称、单位、指标名称、年度、草稿/定稿", id="filter")
        yield FormsTable(id="forms", cursor_type="row", zebra_stripes=True)
        yield Static(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.reload()
        self._fresh = True
        if self.total == 0 and not self.query_text:
            self.call_after_refresh(self._offer_samples)

    def on_resize(self) -> None:
        if self._summaries and self.is_mounted:
            self.reload(keep=self.highlighted_id())  # the columns fit the new width

    def on_screen_resume(self) -> None:
        # Back on the list: nothing to resume after a restart (a read is cheaper than a write).
        cursor = self.store.load_cursor()
        if cursor is not None and cursor.form_id is not None:
            self.store.save_cursor(Cursor(None, None, None))
        if self._fresh:  # just mounted: the list is current
            self._fresh = False
        elif self.is_mounted:
            self.reload(keep=self.highlighted_id())

    # -- the list ------------------------------------------------------------------------------

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#forms", DataTable)

    def reload(self, keep: int | None = None) -> None:
        """Show the first page of the forms that match the filter; keep the cursor on ``keep``."""
        terms = filter_terms(self.query_text)
        try:
            self.total = self.store.count_forms(**terms)
            first_page = self.store.list_forms(**terms, limit=PAGE_SIZE)
        except JixiaoError as exc:
            self.notify(str(exc), title="筛选失败", severity="error", markup=False)
            return
        table = self.table
        # Widths are set from the first page: DataTable's automatic widths are not applied to
        # rows added while a dialog covers the screen (the sample offer), and paging must not
        # make columns jump.
        table.clear(columns=True)
        widths = column_widths(first_page, self.app.size.width)
        for (label, key), width in zip(COLUMNS, widths, strict=True):
            table.add_column(label, key=key, width=width)
        self._summaries = []
        self._append(first_page)
        if keep is not None:
            for row, summary in enumerate(self._summaries):
                if summary.id == keep:
                    table.move_cursor(row=row, animate=False)
                    break
        self._show_status()

    def _append(self, summaries: list[FormSummary]) -> None:
        table = self.table
        for summary in summaries:
            table.add_row(*summary_cells(summary), key=str(summary.id))
        self._summaries.extend(summaries)

    def _load_more(self) -> None:
        loaded = len(self._summaries)
        if loaded >= self.total:
            return
        terms = filter_terms(self.query_text)
        self._append(self.store.list_forms(**terms, limit=PAGE_SIZE, offset=loaded))
        self._show_status()

    def _show_status(self) -> None:
        status = Text()
        if self.query_text:
            status.append("筛选“")
            status.append(self.query_text, style="bold")
            status.append("”：")
        if self.total == 0:
            status.append("没有符合的表单" if self.query_text else "存储中还没有表单，按 n 新建")
        else:
            status.append(f"共 {self.total} 份")
            if len(self._summaries) < self.total:
                status.append(f"（已列出 {len(self._summaries)} 份，向下翻动载入更多）", "dim")
        self.query_one("#status", Static).update(status)

    @on(DataTable.RowHighlighted, "#forms")
    def _near_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.table.row_count - LOAD_AHEAD:
            self._load_more()

    @on(DataTable.RowSelected, "#forms")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def highlighted(self) -> FormSummary | None:
        """The form under the table's cursor."""
        row = self.table.cursor_row
        if not self._summaries or not 0 <= row < len(self._summaries):
            return None
        return self._summaries[row]

    def highlighted_id(self) -> int | None:
        summary = self.highlighted()
        return summary.id if summary else None

    # -- the filter ----------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave_filter(self) -> None:
        if self.focused is self.query_one("#filter", Input):
            self.table.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._apply_filter)

    def _apply_filter(self) -> None:
        self._filter_timer = None
        text = self.query_one("#filter", Input).value.strip()
        if text != self.query_text:
            self.query_text = text
            self.reload()

    # -- actions on forms ----------------------------------------------------------------------

    def _offer_samples(self) -> None:
        if self._offered_samples:
            return
        self._offered_samples = True

        def answered(load: bool | None) -> None:
            if load:
                ids = self.store.load_samples()
                self.reload()
                self.notify(f"已载入 {len(ids)} 份示例表单", markup=False)

        self.app.push_screen(
            ConfirmModal("存储中还没有表单。要载入示例表单（2022 年度的 4 份）吗？", then=answered)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The letter keys act on the list, not while the filter box has the cursor."""
        if action in ("open", "leave_filter", "quit") or self.focused is None:
            return True
        return self.focused.id != "filter"

    async def action_open(self) -> None:
        if self.focused is self.query_one("#filter", Input):
            self._apply_filter()
            self.table.focus()
            return
        summary = self.highlighted()
        if summary is not None:
            await self.navigator.open_form(summary.id)

    async def action_new(self) -> None:
        from core.edit import blank_form

        async def answered(year_text: str | None) -> None:
            year = parse_year(year_text or "")
            if year is None:
                return
            stored = self.store.create_form(blank_form(year))
            await self.navigator.open_form(stored.id, "project")  # the year is given

        last_year = str(datetime.date.today().year - 1)  # most forms evaluate the year past
        await self.app.push_screen(
            TextPromptModal("新建表单：年度", then=answered, value=last_year, validate=year_problem)
        )

    async def action_clone(self) -> None:
        summary = self.highlighted()
        if summary is None:
            return
        try:
            stored = self.store.clone_to_year(summary.id)
        except JixiaoError as exc:
            self.notify(str(exc), title="无法复制", severity="error", markup=False)
            return
        self.notify(
            f"已复制为 {stored.form.year} 年度“{one_line(stored.form.project)}”", markup=False
        )
        await self.navigator.open_form(stored.id)

    async def action_compare(self) -> None:
        from tui.screens.compare import CompareScreen

        summary = self.highlighted()
        if summary is not None:
            await self.app.push_screen(CompareScreen(self.store, summary.id))

    async def action_export(self) -> None:
        summary = self.highlighted()
        if summary is not None:
            await ask_export(self, summary.id, summary.year, summary.project)

    def action_import(self) -> None:
        from tui.workbooks import ask_import

        def imported(ids: list[int]) -> None:
            self.reload(keep=ids[0] if ids else None)

        ask_import(self, self.store, imported)

    def action_summary(self) -> None:
        from tui.workbooks import ask_summary

        summary = self.highlighted()
        filtered = (
            self.query_text if len(self.query_text) == 4 and self.query_text.isdigit() else ""
        )
        year = (
            int(filtered) if filtered else summary.year if summary else datetime.date.today().year
        )
        ask_summary(self, self.store, year)

    async def action_delete(self) -> None:
        summary = self.highlighted()
        if summary is None:
            return
        if summary.status != "draft":
            self.notify("已定稿的表单不能删除", severity="warning", markup=False)
            return

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                self.store.delete_form(summary.id)
            except JixiaoError as exc:
                self.notify(str(exc), title="无法删除", severity="error", markup=False)
                return
            row = self.table.cursor_row
            self.reload()
            self.table.move_cursor(row=min(row, max(self.table.row_count - 1, 0)))
            self.notify(f"已删除 {summary.year} 年度“{one_line(summary.project)}”", markup=False)

        await self.app.push_screen(
            ConfirmModal(
                f"删除 {summary.year} 年度“{summary.project}”（草稿）？删除后不能恢复。",
                then=answered,
                default=False,
            )
        )

    def action_quit(self) -> None:
        self.app.exit()

    def palette_commands(self) -> list[PaletteCommand]:
        """Everything the home screen can do, for the command palette."""
        return [
            PaletteCommand("表单: 新建", "新建一份空白表单", self.action_new),
            PaletteCommand("表单: 打开", "打开选中的表单", self.action_open),
            PaletteCommand("表单: 复制到下一年度", "以选中的表单为底稿", self.action_clone),
            PaletteCommand("表单: 对比上一年度", "与上一年度的表单并排对比", self.action_compare),
            PaletteCommand(
                "表单: 导出", "导出选中的表单（xlsx、JSON、HTML……）", self.action_export
            ),
            PaletteCommand("表单: 导入", "导入 xlsx、xls 工作簿或 JSON 文件", self.action_import),
            PaletteCommand("年度: 自评汇总表", "导出一个年度全部表单的汇总表", self.action_summary),
            PaletteCommand("表单: 删除", "删除选中的草稿", self.action_delete),
            PaletteCommand("首页: 筛选", "按名称、单位、年度或状态筛选", self.action_filter),
        ]


async def ask_export(screen: Screen[Any], form_id: int, year: int, project: str) -> None:
    """Ask for a format and a path, then export the stored form there."""

    async def answered(choice: tuple[str, Any] | None) -> None:
        if choice is None:
            return
        fmt, path = choice

        def write() -> None:
            try:
                export_stored_form(screen.app.store, form_id, fmt, path)  # type: ignore[attr-defined]
            except (JixiaoError, OSError) as exc:
                screen.notify(str(exc), title="导出失败", severity="error", markup=False)
                return
            screen.notify(f"已导出到 {path.resolve()}", title="导出完成", markup=False)

        write_unless_declined(screen, path, write)

    await screen.app.push_screen(ExportModal(year, project, then=answered))
