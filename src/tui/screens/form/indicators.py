"""Step 4, 绩效指标, level by level: pick the 一级, then the 二级, then edit its 三级 rows.

The step owns its pickers, the group that is open and the one row with editors, and turns
what a row asks for (``IndicatorRow.RowAsked``: add, insert, delete, move, unlock, take the
suggested score) into the session's named row operations.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from core import fieldpaths
from core.decimals import format_plain
from core.edit import blank_indicator
from core.rules import RuleSet
from core.safetext import safe_text
from core.session import EditSession
from core.vocabulary import LOCKED_LABEL
from tui.screens.form.groups import (
    Group,
    group_rows,
    is_blank,
    level1_names,
    level2_names,
    new_row_index,
    row_hints,
)
from tui.screens.form.steps import FormEditing, editing, row_of
from tui.screens.modals import ConfirmModal, TextPromptModal
from tui.shown import one_line
from tui.widgets.completion import Completions
from tui.widgets.folded_rows import FoldedRow, FoldedRows
from tui.widgets.indicator_row import IndicatorRow


class IndicatorsStep(Vertical):
    """The level pickers above, the rows of the chosen group below."""

    SHORT = 30
    """Below this height (in lines) the pickers fold away while a row is edited (the group's
    title says where the rows belong), and the line of keys is left to the footer."""

    DEFAULT_CSS = """
    IndicatorsStep #pickers { height: auto; max-height: 8; max-width: 110; }
    IndicatorsStep.-short.-in-rows #pickers { display: none; }
    IndicatorsStep.-short .keys { display: none; }
    IndicatorsStep OptionList { width: 1fr; height: auto; max-height: 7; }
    IndicatorsStep #group-title { height: 1; text-style: bold; margin-top: 1; }
    IndicatorsStep #rows { height: 1fr; }
    IndicatorsStep .keys { color: $text-muted; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+z",
            "undo",
            "撤销",
            show=False,
            priority=True,
            id="form.undo",
            tooltip="撤销最近一次对指标行的新增、删除或移动（在输入栏中则撤销输入）",
        ),
    ]

    def __init__(self, completions: Completions, **kwargs) -> None:
        super().__init__(**kwargs)
        self.completions = completions
        self.group: Group | None = None
        self.rows: list[int] = []
        self._row_widgets: list[IndicatorRow] = []
        self._level2_of: str | None = None

    @property
    def form_editing(self) -> FormEditing:
        return editing(self)

    @property
    def session(self) -> EditSession:
        return self.form_editing.session

    @property
    def rules(self) -> RuleSet:
        """The rule set the form is scored under now (the 基本信息 step may change it)."""
        return self.session.rules

    def compose(self) -> ComposeResult:
        with Horizontal(id="pickers"):
            yield OptionList(id="level1")
            yield OptionList(id="level2")
        yield Label("", id="group-title")
        yield VerticalScroll(id="rows", can_focus=False)
        yield Static(
            Text(
                "Enter 选择/下一项　Esc 返回上一层　ctrl+n 新增行　ctrl+o 插入行　"
                "ctrl+d 删除行　ctrl+↑↓ 移动行　ctrl+y 采用建议得分　ctrl+z 撤销",
                style="dim",
            ),
            classes="keys",
        )

    def on_resize(self) -> None:
        self.set_class(self.size.height < self.SHORT, "-short")

    # -- pickers -----------------------------------------------------------------------------

    def fill_pickers(self) -> None:
        """(Re)write the 一级 list (name, rows, weight) and the 二级 list of the one highlighted."""
        form, card = self.session.form, self.session.card
        weights = {level.name: level.weight for level in card.levels}
        prompts = []
        for name in level1_names(form, self.rules):
            count = sum(1 for i in form.indicators if i.level1 == name)
            weight = format_plain(weights[name]) if name in weights else "0"
            prompts.append(Option(safe_text(f"{name}　{count} 行　分值 {weight}"), id=name))
        _replace_options(self.query_one("#level1", OptionList), prompts)
        if level1 := self.highlighted("level1"):
            self.fill_level2(level1)

    def fill_level2(self, level1: str) -> None:
        """(Re)write the 二级 list of one 一级 with the count of its rows."""
        options = self.query_one("#level2", OptionList)
        form = self.session.form
        prompts = []
        for name in level2_names(form, self.rules, level1):
            rows = group_rows(form, (level1, name))
            locked = sum(1 for n in rows if form.indicators[n].target_locked)
            prompt = f"{name}　{len(rows)} 行" + (f"　{LOCKED_LABEL} {locked}" if locked else "")
            prompts.append(Option(safe_text(prompt), id=name))
        if self._level2_of != level1:
            self._level2_of = level1
            options.highlighted = None
        _replace_options(options, prompts)

    def highlighted(self, picker: str) -> str | None:
        options = self.query_one(f"#{picker}", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def highlight(self, level1: str, level2: str | None = None) -> None:
        """Put the pickers' highlights on a group."""
        _highlight(self.query_one("#level1", OptionList), level1)
        self.fill_level2(level1)
        if level2 is not None:
            _highlight(self.query_one("#level2", OptionList), level2)

    @on(OptionList.OptionHighlighted, "#level1")
    def _level1_highlighted(self) -> None:
        # The 一级 highlighted now, not the one of the message: a group opened since has moved
        # the highlight, and a late message must not put the 二级 list back to another 一级.
        if level1 := self.highlighted("level1"):
            self.fill_level2(level1)

    @on(OptionList.OptionSelected, "#level1")
    def choose_level1(self) -> None:
        """Enter (or a click) on a 一级: on to its 二级 list."""
        if level1 := self.highlighted("level1"):
            self.fill_level2(level1)
        level2 = self.query_one("#level2", OptionList)
        if level2.option_count:
            level2.highlighted = level2.highlighted or 0
            self.screen.set_focus(level2)

    @on(OptionList.OptionSelected, "#level2")
    async def choose_level2(self) -> None:
        """Enter (or a click) on a 二级: its rows open, the cursor in the first."""
        level1, level2 = self.highlighted("level1"), self.highlighted("level2")
        if not (level1 and level2):
            return
        if self.group != (level1, level2):
            await self.leave_group()
            if not group_rows(self.session.form, (level1, level2)):  # opens with a blank row
                index = new_row_index(self.session.form, self.rules, (level1, level2))
                self._insert(index, (level1, level2), undoable=False)
            await self.show_group((level1, level2))
        if self._row_widgets:
            self.form_editing.put_cursor(self._row_widgets[0].fields()[0])

    # -- the open group ----------------------------------------------------------------------

    async def show_group(self, group: Group | None, expanded: int | None = None) -> None:
        """Mount the rows of a group (nothing for None): row ``expanded`` with editors, the
        rows above and below it folded."""
        form = self.session.form
        self.group = group
        self.rows = group_rows(form, group) if group else []
        if expanded not in self.rows:
            expanded = self.rows[0] if self.rows else None
        container = self.query_one("#rows", VerticalScroll)
        self._row_widgets = []
        await container.remove_children()
        title = self.query_one("#group-title", Label)
        if group is None:
            title.update("选择一级指标、二级指标后按 Enter 编辑三级指标")
        else:
            title.update(safe_text(f"{group[0]} › {group[1]}　三级指标 {len(self.rows)} 行"))
        if expanded is not None:
            editor = self._editor(expanded, self.rows.index(expanded) + 1)
            above, below = self._folded_around(expanded)
            await container.mount_all(
                [FoldedRows(above, id="folded-above"), editor, FoldedRows(below, id="folded-below")]
            )
            self._row_widgets = [editor]
        for row in self._row_widgets:
            self._load(row)
        self.fill_pickers()
        if group:
            self.highlight(*group)
        self.form_editing.show_errors()

    async def leave_group(self) -> None:
        """Closing a group drops the rows nobody typed into."""
        if self.group is None:
            return
        self.form_editing.flush()
        if row_of(self.screen.focused) is not None:
            self.screen.set_focus(self.query_one("#level2", OptionList))
        form = self.session.form
        blank = [n for n in group_rows(form, self.group) if is_blank(form.indicators[n])]
        for index in reversed(blank):
            self.form_editing.apply(self.session.delete_row(index, undoable=False))
        await self.show_group(None)

    async def open_row_of(self, index: int, field: str) -> None:
        """Open the group of row ``index`` (unless it is open) and put the cursor in ``field``."""
        indicator = self.session.form.indicators[index]
        group = (indicator.level1, indicator.level2)
        if self.group != group:
            await self.leave_group()
            await self.show_group(group, expanded=index)
            if (row := self.row_widget(index)) is not None:
                self.form_editing.put_cursor(row.field_widget(field))
        else:
            await self.edit_row(index, field)

    async def edit_row(self, index: int, field: str = "name") -> None:
        """Give row ``index`` of the open group the editors, the cursor in ``field``.

        The focus moves into the new editor before the editor it leaves is removed (were the
        focused widget removed first, Textual would put the focus elsewhere in between), and
        the screen is drawn once all is in place.
        """
        if index not in self.rows:
            return
        self.form_editing.flush()
        editor = self.row_widget(index)
        if editor is None:
            editor = self._editor(index, self.rows.index(index) + 1)
            above, below = self._folded_around(index)
            folded_above = self.query_one("#folded-above", FoldedRows)
            folded_below = self.query_one("#folded-below", FoldedRows)
            with self.app.batch_update():
                folded_above.show(above)
                folded_below.show(below)
                await self.query_one("#rows", VerticalScroll).mount(editor, before=folded_below)
                left, self._row_widgets = self._row_widgets, [editor]
                self._load(editor)
                self.form_editing.put_cursor(editor.field_widget(field))
                for other in left:
                    await other.remove()
        else:
            self.form_editing.put_cursor(editor.field_widget(field))
        editor.scroll_visible()

    async def next_in_rows(self, row: IndicatorRow, widget: object) -> None:
        """Enter on a row's field: its next field; from its last, the next row (a new one
        after the group's last row)."""
        await row.settled()  # a band asked for by what was typed is there to go to
        fields = row.fields()
        if widget in fields and fields.index(widget) < len(fields) - 1:
            self.screen.set_focus(fields[fields.index(widget) + 1])
        elif (following := self.row_beside(row.index, 1)) is not None:
            await self.edit_row(following)
        else:
            await self._add_row(row.index + 1)

    @on(FoldedRows.Chosen)
    async def _folded_row_clicked(self, event: FoldedRows.Chosen) -> None:
        # A group remounted since the click has other rows (and other widgets).
        if event.folded.is_attached:
            await self.edit_row(event.index)

    def row_widgets(self) -> list[IndicatorRow]:
        """The mounted row editors (kept as a list: a DOM query per keystroke is slow)."""
        return list(self._row_widgets)

    def row_widget(self, index: int) -> IndicatorRow | None:
        return next((row for row in self._row_widgets if row.index == index), None)

    def row_beside(self, index: int, offset: int) -> int | None:
        """The row ``offset`` places from row ``index`` in the open group, if there is one."""
        if index not in self.rows:
            return None
        position = self.rows.index(index) + offset
        return self.rows[position] if 0 <= position < len(self.rows) else None

    def update_rows(self) -> None:
        """Suggested scores, band pickers and hints of the mounted rows."""
        form, card, errors = self.session.form, self.session.card, self.session.errors
        for row in self._row_widgets:
            if row.index < len(form.indicators):
                indicator, result = form.indicators[row.index], card.indicators[row.index]
                row.update_status(indicator, result, row_hints(row.index, indicator, card, errors))

    def _editor(self, index: int, number: int) -> IndicatorRow:
        bands = [band.name for band in self.rules.qualitative.bands]
        return IndicatorRow(index, number, bands, self.completions)

    def _folded_around(self, expanded: int) -> tuple[list[FoldedRow], list[FoldedRow]]:
        """The group's rows above and below row ``expanded``, folded."""
        position = self.rows.index(expanded)
        folded = [self._folded(index) for index in self.rows if index != expanded]
        return folded[:position], folded[position:]

    def _folded(self, index: int) -> FoldedRow:
        findings = self.session.card.findings_at(fieldpaths.indicator(index))
        flagged = any(f.severity == "error" for f in findings)
        number = self.rows.index(index) + 1
        return FoldedRow(index, number, self.session.form.indicators[index], flagged)

    def _load(self, row: IndicatorRow) -> None:
        row.load(self.session.form.indicators[row.index], self.session.pending)
        self.update_rows()

    # -- what a row asks for -----------------------------------------------------------------

    @on(IndicatorRow.RowAsked)
    async def _row_asked(self, asked: IndicatorRow.RowAsked) -> None:
        asked.stop()
        try:
            row = asked.row
            if asked.what in ("add", "insert") and self.group is not None:
                await self._add_row(row.index + (asked.what == "add"))
            elif asked.what == "delete":
                await self._ask_delete(row)
            elif asked.what in ("up", "down"):
                await self._move_row(row, -1 if asked.what == "up" else 1)
            elif asked.what == "unlock":
                await self._ask_unlock(row)
            elif asked.what == "suggestion":
                self._take_suggestion(row)
        finally:
            asked.handled.set()

    def _insert(self, index: int, group: Group, *, undoable: bool = True) -> bool:
        self.form_editing.flush()
        row = blank_indicator(*group)
        return self.form_editing.apply(self.session.insert_row(index, row, undoable=undoable))

    async def _add_row(self, index: int) -> None:
        if self.group is not None and self._insert(index, self.group):
            await self.show_group(self.group, expanded=index)
            if (new := self.row_widget(index)) is not None:
                self.form_editing.put_cursor(new.fields()[0])
                new.scroll_visible()

    async def _ask_delete(self, row: IndicatorRow) -> None:
        index, number = row.index, row.number
        name = self.session.form.indicators[index].name or "（未命名）"

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._delete_row(index)

        question = f"删除第 {number} 行指标“{name}”？"
        await self.app.push_screen(ConfirmModal(question, then=answered, default=False))

    async def _delete_row(self, index: int) -> None:
        group = self.group
        self.form_editing.flush()
        if group is None or not self.form_editing.apply(self.session.delete_row(index)):
            return
        rows = group_rows(self.session.form, group)
        if not rows:
            await self.show_group(None)
            self.screen.set_focus(self.query_one("#level2", OptionList))
            return
        expanded = next((n for n in rows if n >= index), rows[-1])
        await self.show_group(group, expanded=expanded)
        if (editor := self.row_widget(expanded)) is not None:
            self.form_editing.put_cursor(editor.fields()[0])

    async def _move_row(self, row: IndicatorRow, offset: int) -> None:
        if self.group is None:
            return
        rows = group_rows(self.session.form, self.group)
        position = rows.index(row.index) + offset
        if not 0 <= position < len(rows):
            return
        focused = fieldpaths.indicator_of(getattr(self.screen.focused, "field_path", "") or "")
        field = focused[1] if focused and focused[1] else "name"
        self.form_editing.flush()
        target = rows[position]
        if self.form_editing.apply(self.session.move_row(row.index, target)):
            await self.show_group(self.group, expanded=target)
            if (moved := self.row_widget(target)) is not None:
                self.form_editing.put_cursor(moved.field_widget(field))

    async def action_undo(self) -> None:
        """Ctrl+Z: take back the last change of the rows (added, deleted or moved), when that
        was the last change; otherwise Ctrl+Z is the field's own."""
        if not self.session.can_undo():
            raise SkipAction()
        self.form_editing.flush()
        taken = self.session.undo()
        if taken is None or not self.form_editing.apply(taken[0]):
            return
        self.notify(f"已撤销{one_line(taken[1].what)}", markup=False)
        rows = self.session.form.indicators
        if rows:
            await self.leave_group()
            await self.open_row_of(min(taken[1].row, len(rows) - 1), "name")

    async def _ask_unlock(self, row: IndicatorRow) -> None:
        """F8: unlock the row's target locked from the 目标申报表, with a reason."""
        index, number = row.index, row.number
        if not self.session.is_target_locked(index):
            self.notify("这一行的年度指标值没有锁定", severity="warning", markup=False)
            return
        name = self.session.form.indicators[index].name or "（未命名）"

        def answered(reason: str | None) -> None:
            if not reason or not self.form_editing.apply(self.session.unlock_target(index, reason)):
                return
            self.form_editing.show_fields()
            self.notify(f"已解锁第 {number} 行“{one_line(name)}”的年度指标值", markup=False)

        await self.app.push_screen(
            TextPromptModal(
                f"解锁第 {number} 行“{name}”的年度指标值（来自批复的目标申报表）：请填写原因",
                then=answered,
                placeholder="原因将记入修改记录",
                validate=lambda text: None if text else "请填写解锁的原因",
            )
        )

    def _take_suggestion(self, row: IndicatorRow) -> None:
        """Ctrl+Y: the row's suggested score into its 得分."""
        suggested = self.session.card.indicators[row.index].suggested
        if suggested is None:
            self.notify("这一行没有建议得分（见行下提示）", markup=False)
            return
        widget, path = row.field_widget("score"), row.path("score")
        widget.show(format_plain(suggested))
        self.form_editing.edit_field(path, format_plain(suggested))
        self.form_editing.flush(path)


def _highlight(options: OptionList, name: str) -> None:
    for index in range(options.option_count):
        if options.get_option_at_index(index).id == name:
            options.highlighted = index


def _replace_options(options: OptionList, prompts: list[Option]) -> None:
    current = [
        (str(options.get_option_at_index(n).prompt), options.get_option_at_index(n).id)
        for n in range(options.option_count)
    ]
    if current == [(str(o.prompt), o.id) for o in prompts]:
        return
    highlighted = options.highlighted
    options.clear_options()
    options.add_options(prompts)
    if prompts:
        options.highlighted = min(highlighted or 0, len(prompts) - 1)
