"""One 三级指标 row in the editor: name, target, actual, weight, score, grade, deviation.

The row holds no state of its own beyond its inputs; the form screen loads it and tells it
what scoring says (suggested score, whether a band must be picked, the hint under it).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widget import AwaitMount, Widget
from textual.widgets import Label, Static

from core import fieldpaths
from core.decimals import format_decimal, format_plain
from core.indicators import IndicatorResult
from core.model import Indicator
from core.safetext import terminal_safe
from core.targets import TargetKind
from core.vocabulary import LOCKED_LABEL, SEVERITY_STYLES
from tui.widgets.completion import Completions
from tui.widgets.fields import FieldInput, FieldTextArea, NumberInput, tell_editor
from tui.widgets.wrapping import ChineseText, break_offsets

ASK_TIMEOUT = 30.0
"""Seconds a row's key waits for the step's answer (a dialog's own wait is not in it)."""
ROW_FIELDS = ("name", "target", "actual", "weight", "score", "grade", "deviation")
Hint = tuple[str, str]
"""(severity, message): one hint under the row (tui.screens.form.groups.row_hints)."""
HINT_STYLES = {"warning": "italic", "note": f"dim {SEVERITY_STYLES['note']}"}
"""How a kind of hint stands out; an error takes the hint's own colour, a warning its colour
in italics, a note is quiet."""


class BandPicker(Widget, can_focus=True):
    """评价等级 of a qualitative indicator that was not met: one of the rule set's bands.

    Every band is shown with its number, the chosen one marked; its number (1, 2, 3) or ← →
    chooses, Backspace clears. Nothing opens: a key typed right after the choice lands in the
    next field like after any other field.
    """

    DEFAULT_CSS = """
    BandPicker { height: auto; width: 1fr; background: $foreground 8%; }
    BandPicker:focus { background: $accent 30%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "上一等级", show=False, tooltip="选择上一个评价等级"),
        Binding("right", "step(1)", "下一等级", show=False, tooltip="选择下一个评价等级"),
        Binding("backspace,delete", "clear", "清除", show=False, tooltip="清除评价等级"),
    ]

    def __init__(
        self, field_path: str, bands: list[str], value: str | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.field_path = field_path
        self.bands = bands
        self.value: str | None = value if value in bands else None

    def is_blank(self) -> bool:
        return self.value is None

    def show(self, value: str | None) -> None:
        """Show a band without telling the screen (it is not an edit)."""
        self.value = value if value in self.bands else None
        self.refresh()

    def choose(self, value: str | None) -> None:
        if value != self.value:
            self.value = value
            self.refresh()
            tell_editor(self, self.field_path, value)

    def action_step(self, offset: int) -> None:
        if self.value is None:
            position = 0 if offset > 0 else len(self.bands) - 1
        else:
            position = (self.bands.index(self.value) + offset) % len(self.bands)
        self.choose(self.bands[position])

    def action_clear(self) -> None:
        self.choose(None)

    def on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if character.isdigit() and 1 <= int(character) <= len(self.bands):
            event.stop()
            self.choose(self.bands[int(character) - 1])

    def on_click(self) -> None:
        self.action_step(1)

    def render(self) -> Text:
        text = Text()
        for number, band in enumerate(self.bands, start=1):
            if number > 1:
                text.append("  ")
            chosen = band == self.value
            text.append(f"{number} {band}", "reverse bold" if chosen else "dim")
        if self.value is None:
            text.append("  （按数字或 ←→ 选择）", "dim")
        return text


class IndicatorRow(Vertical):
    """The editor of ``indicators[index]``.

    Its fields stand in a grid of three columns (三级指标 over two, 指标值; 实际完成值, 分值 and
    得分, the suggestion), two when the row is narrower than ``NARROW`` (80×24 beside the score
    panel), so that every field of the row is on screen.

    The one row with editors stands out by itself: a ``:focus-within`` rule would restyle
    all of the row's widgets each time the cursor moves from one of its fields to the next.
    """

    NARROW = 72
    """Below this width (in columns) the row's fields stand in two columns."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: Ctrl+D is Input's delete-right otherwise. These keys work only while the
        # cursor is in the row (a binding of the row), so the footer shows them only there.
        Binding("ctrl+n", "ask('add')", "新增行", priority=True, id="form.add_row",
                tooltip="在当前行之后新增一行三级指标"),
        Binding("ctrl+o", "ask('insert')", "插入行", priority=True, id="form.insert_row",
                tooltip="在当前行之前插入一行三级指标"),
        Binding("ctrl+d", "ask('delete')", "删除行", priority=True, id="form.delete_row",
                tooltip="删除当前三级指标行（需确认）"),
        Binding("ctrl+up", "ask('up')", "上移行", priority=True, id="form.move_row_up",
                tooltip="把当前三级指标行上移一行"),
        Binding("ctrl+down", "ask('down')", "下移行", priority=True, id="form.move_row_down",
                tooltip="把当前三级指标行下移一行"),
        Binding("ctrl+y", "ask('suggestion')", "采用建议得分", priority=True,
                id="form.accept_suggestion", tooltip="把建议得分填入得分"),
        Binding("f8", "ask('unlock')", "解锁指标值", show=False, priority=True,
                id="form.unlock_target",
                tooltip="解锁来自目标申报表的年度指标值（需填写原因，记入修改记录）"),
    ]  # fmt: skip

    class RowAsked(Message):
        """A key of the row asks the 绩效指标 step for something: ``what`` is add, insert,
        delete, up, down, suggestion or unlock. ``handled`` is set once the step is done."""

        def __init__(self, row: IndicatorRow, what: str) -> None:
            super().__init__()
            self.row = row
            self.what = what
            self.handled = asyncio.Event()

    DEFAULT_CSS = """
    IndicatorRow { height: auto; padding: 0 0 1 0; max-width: 110; background: $boost; }
    IndicatorRow .row-number { dock: left; width: 4; color: $text-muted; }
    IndicatorRow .row-fields {
        grid-size: 3; grid-columns: 1fr 1fr 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto;
    }
    IndicatorRow.-narrow .row-fields { grid-size: 2; grid-columns: 1fr 1fr; }
    IndicatorRow .name-cell { column-span: 2; }
    IndicatorRow Horizontal { height: 1; }
    IndicatorRow Label { width: auto; padding: 0 1 0 0; }
    IndicatorRow FieldInput { width: 1fr; }
    IndicatorRow #lock { width: auto; color: $text-muted; padding: 0; }
    IndicatorRow #weight { width: 6; }
    IndicatorRow #score { width: 7; }
    IndicatorRow .suggestion { width: 1fr; color: $text-muted; }
    IndicatorRow .grade-line { display: none; }
    IndicatorRow.-needs-grade .grade-line { display: block; height: auto; }
    IndicatorRow #deviation { height: 2; width: 1fr; }
    IndicatorRow .deviation-line { height: auto; }
    IndicatorRow .hint { color: $warning; height: auto; min-height: 1; }
    """

    def __init__(self, index: int, number: int, bands: list[str], completions: Completions) -> None:
        super().__init__(id=f"row-{index}")
        self.index = index
        self.number = number
        self._bands = bands
        self._completions = completions
        self._status: tuple[object, ...] | None = None
        self._hint_lines: int | None = 1
        self._band_mounting: AwaitMount | None = None
        # the widgets updated on every keystroke, kept at hand (a query per key is slow)
        self._suggestion = Label("", classes="suggestion")
        self._grade_line = Horizontal(classes="grade-line")
        self._hint = Static("", classes="hint")

    async def action_ask(self, what: str) -> None:
        """Ask the step, and wait until it has answered: the action runs on the app's task,
        so the keys typed after this one are read once the rows are as the answer left them
        (a new row mounted, the cursor in it)."""
        asked = self.RowAsked(self, what)
        self.post_message(asked)
        with contextlib.suppress(asyncio.TimeoutError):  # a step that never answers
            await asyncio.wait_for(asked.handled.wait(), ASK_TIMEOUT)

    def path(self, field: str) -> str:
        return fieldpaths.indicator(self.index, field)

    def compose(self) -> ComposeResult:
        yield Label(f"{self.number}.", classes="row-number")
        with Grid(classes="row-fields"):
            with Horizontal(classes="name-cell"):
                yield Label("三级指标")
                yield FieldInput(
                    self.path("name"),
                    placeholder="指标名称",
                    suggester=self._completions.name_suggester(),
                    id="name",
                )
            with Horizontal():
                yield Label("指标值")
                yield FieldInput(
                    self.path("target"),
                    placeholder="如 ≥95%、提高",
                    suggester=self._completions.target_suggester(),
                    id="target",
                )
                yield Label("", id="lock")
            with Horizontal():
                yield Label("实际完成值")
                yield FieldInput(self.path("actual"), placeholder="如 98%", id="actual")
            with Horizontal():
                yield Label("分值")
                yield NumberInput(self.path("weight"), id="weight")
                yield Label(" 得分")
                yield NumberInput(self.path("score"), id="score")
            yield self._suggestion
        with self._grade_line:
            yield Label("评价等级")  # the band picker is mounted when a band is asked for
        with Horizontal(classes="deviation-line"):
            yield Label("偏差原因")
            yield FieldTextArea(
                self.path("deviation"),
                placeholder="偏差原因分析及改进措施",
                id="deviation",
            )
        yield self._hint

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    def load(self, indicator: Indicator, pending: dict[str, str]) -> None:
        """Show the row's values (a raw text kept as typed where one is pending)."""
        for field in ("name", "target", "actual", "weight", "score"):
            path = self.path(field)
            text = pending.get(path)
            if text is None:
                text = _plain(indicator, field)
            self.query_one(f"#{field}", FieldInput).show(text)
        self.query_one("#deviation", FieldTextArea).show(indicator.deviation)
        for picker in self.query(BandPicker):
            picker.show(indicator.grade)
        self.show_lock(indicator.target_locked)

    def show_lock(self, locked: bool) -> None:
        """A target locked from the 目标申报表 is shown, not editable (F8 unlocks it)."""
        self.query_one("#target", FieldInput).disabled = locked
        self.query_one("#lock", Label).update(f" {LOCKED_LABEL} F8 解锁" if locked else "")

    def update_status(
        self, indicator: Indicator, result: IndicatorResult | None, hints: list[Hint]
    ) -> None:
        """Suggested score, whether a band is asked for, and the hints under the row."""
        suggested = result.suggested if result is not None else None
        status = (suggested, needs_grade(indicator, result), tuple(hints))
        if status == self._status:
            return
        self._status = status
        shown = f"建议 {format_decimal(suggested)}" if suggested is not None else ""
        self._suggestion.update(shown, layout=False)
        self.set_class(status[1], "-needs-grade")
        if status[1] and not self.query(BandPicker):
            picker = BandPicker(self.path("grade"), self._bands, indicator.grade, id="grade")
            self._band_mounting = self._grade_line.mount(picker)
        self._show_hints(hints)

    def _show_hints(self, hints: list[Hint]) -> None:
        """Errors in the hint's own colour, then how the texts were read, quietly. The screen
        is laid out again only when the hint takes another number of lines (a note that
        changes with every key typed into 指标值 keeps its line)."""
        hint = self._hint
        text = Text("\n").join(
            Text(terminal_safe(message), style=HINT_STYLES.get(severity, ""))
            for severity, message in hints
        )
        lines = hint_lines(text.plain, hint.size.width)
        hint.update(ChineseText(text), layout=lines is None or lines != self._hint_lines)
        self._hint_lines = lines

    async def settled(self) -> None:
        """Return once a band picker asked for by what was typed is mounted (it is mounted
        while the keys are handled; the next field depends on it)."""
        if self._band_mounting is not None:
            await self._band_mounting
            self._band_mounting = None

    def fields(self) -> list[FieldInput | FieldTextArea | BandPicker]:
        """The row's editable widgets in focus order (the band only where it is asked for)."""
        widgets: list[FieldInput | FieldTextArea | BandPicker] = [
            self.query_one(f"#{field}", FieldInput)
            for field in ("name", "target", "actual", "weight", "score")
        ]
        if self.has_class("-needs-grade"):
            widgets.extend(self.query(BandPicker))
        widgets.append(self.query_one("#deviation", FieldTextArea))
        return [widget for widget in widgets if not widget.disabled]

    def field_widget(self, field: str):
        """The widget of one field (grade → the band select)."""
        if field == "grade":
            pickers = self.query(BandPicker)
            return pickers.first() if pickers else self.query_one("#score", FieldInput)
        if field == "deviation":
            return self.query_one("#deviation", FieldTextArea)
        if field in ("name", "target", "actual", "weight", "score"):
            return self.query_one(f"#{field}", FieldInput)
        return self.query_one("#name", FieldInput)


def hint_lines(text: str, width: int) -> int | None:
    """The lines a hint takes at ``width`` (at least one); None before it has a width."""
    if width <= 0:
        return None
    return sum(len(break_offsets(line, width)) + 1 for line in text.split("\n"))


def _plain(indicator: Indicator, field: str) -> str:
    value = getattr(indicator, field)
    if value is None:
        return ""
    return value if isinstance(value, str) else format_plain(value)


def needs_grade(indicator: Indicator, result: IndicatorResult | None) -> bool:
    """A band is asked for where a qualitative target was not met, or one was picked already."""
    if indicator.grade:
        return True
    if result is None or result.kind is not TargetKind.QUALITATIVE:
        return False
    return bool(indicator.actual.strip()) and result.suggested is None
