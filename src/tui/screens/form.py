"""The form screen: five steps of one 项目支出绩效自评表 and the live score panel beside them.

Every keystroke edits the form in memory (core.edit.set_field gives a new Form) and the
panel gets a new scorecard at once; the store is written when a field is left, and at most
one second after the last keystroke in it. Bad input is kept as typed (a pending input in
the store) and named under its field; it blocks 定稿, never moving on.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.events import DescendantBlur, DescendantFocus
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)

from core import fieldpaths
from core.checks import FUND_PARTS, sum_of_parts
from core.decimals import format_decimal
from core.edit import blank_indicator, editable_paths
from core.findings import Finding
from core.labels import field_label
from core.model import FUND_COLUMNS
from core.safetext import safe_text
from core.session import EditSession, WriteOutcome
from core.settings import load_settings, update_settings
from core.store import Cursor, FinalizeRefused, Store
from tui.navigation import navigator
from tui.screens.form_basic import BasicStep
from tui.screens.form_funds import FundsStep
from tui.screens.form_goals import GoalsStep
from tui.screens.form_indicators import IndicatorsStep, group_rows, is_blank, new_row_index
from tui.screens.form_review import ReviewStep
from tui.screens.modals import ConfirmModal
from tui.shown import one_line
from tui.widgets.completion import completions
from tui.widgets.field_errors import FieldErrors
from tui.widgets.field_values import shown_value
from tui.widgets.fields import FieldInput, FieldTextArea
from tui.widgets.footer import KeyFooter
from tui.widgets.indicator_row import BandPicker, IndicatorRow, RowSummary
from tui.widgets.money_input import grouped
from tui.widgets.score_panel import GRADE_STYLES, ScorePanel
from tui.widgets.settle import settled

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


IDENTITY_FIELDS = ("year", "project", "implementer")
"""年度, 项目名称 and 实施单位: a form like another in all three is likely a duplicate."""
PANEL_MIN_WIDTH = 70
"""Below this terminal width the score panel is not shown (总分 and 等级 go to the title)."""
WRITE_DELAY = 1.0
"""At most this many seconds after the last keystroke in a field, it is in the store."""
_WRITE_POLL = 0.25
_WRITE_IDLE = WRITE_DELAY - _WRITE_POLL
ROW_ACTIONS = frozenset(("add_row", "insert_row", "delete_row", "move_row"))


def widget_id(path: str) -> str:
    """The id of the input of a field outside the indicator rows."""
    if path == "budget_weight":
        path = "budget_score"
    return "f-" + path.replace(".", "-")


PartT = TypeVar("PartT", bound=Widget)


class Steps(TabbedContent):
    """The five steps. The form shows a step itself (``FormScreen.show_step``), at once: a
    pane's notice that it holds the focus, which Textual acts on later, must not switch back
    to a step the cursor has already left (a burst of keys across step keys)."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.stop()
        event.prevent_default()


class TitleScore(Static):
    """总分 and 等级 at the end of the title line, while the score panel is hidden."""


class FormScreen(Screen[None]):
    """Fill in one form, step by step, with live scores."""

    DEFAULT_CSS = """
    FormScreen #form-head { height: 1; background: $panel; }
    FormScreen #form-title { width: 1fr; padding: 0 1; }
    FormScreen #title-score { width: 22; padding: 0 1; text-align: right; display: none; }
    FormScreen.-panel-hidden #score-panel { display: none; }
    FormScreen.-panel-hidden #title-score { display: block; }
    FormScreen #form-body { height: 1fr; }
    FormScreen #steps { width: 1fr; height: 100%; }
    FormScreen TabPane { padding: 0 1; height: 1fr; }
    FormScreen FieldInput.-textual-compact, FormScreen FieldTextArea.-textual-compact {
        background: $foreground 8%;
    }
    FormScreen FieldInput.-textual-compact:focus,
    FormScreen FieldTextArea.-textual-compact:focus { background: $accent 30%; }
    FormScreen FieldInput.-bad, FormScreen FieldTextArea.-bad { background: $error 30%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+pagedown",
            "next_step",
            "下一步",
            id="form.next_step",
            priority=True,
            tooltip="转到下一步",
        ),
        Binding(
            "ctrl+pageup",
            "previous_step",
            "上一步",
            id="form.previous_step",
            priority=True,
            tooltip="转到上一步",
        ),
        *STEP_KEYS,
        Binding(
            "ctrl+y",
            "accept_suggestion",
            "采用建议得分",
            id="form.accept_suggestion",
            priority=True,
            tooltip="把建议得分填入得分",
        ),
        Binding(
            "ctrl+t",
            "fill_total",
            "合计总额",
            id="form.fill_total",
            priority=True,
            tooltip="年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金",
        ),
        Binding(
            "ctrl+n",
            "add_row",
            "新增行",
            id="form.add_row",
            priority=True,
            tooltip="在当前行之后新增一行三级指标",
        ),
        Binding(
            "ctrl+o",
            "insert_row",
            "插入行",
            id="form.insert_row",
            priority=True,
            tooltip="在当前行之前插入一行三级指标",
        ),
        Binding(
            "ctrl+d",
            "delete_row",
            "删除行",
            id="form.delete_row",
            priority=True,
            tooltip="删除当前三级指标行（需确认）",
        ),
        Binding(
            "ctrl+up",
            "move_row(-1)",
            "上移行",
            id="form.move_row_up",
            priority=True,
            tooltip="把当前三级指标行上移一行",
        ),
        Binding(
            "ctrl+down",
            "move_row(1)",
            "下移行",
            id="form.move_row_down",
            priority=True,
            tooltip="把当前三级指标行下移一行",
        ),
        Binding(
            "f8",
            "unlock_target",
            "解锁指标值",
            show=False,
            id="form.unlock_target",
            tooltip="解锁来自目标申报表的年度指标值（需填写原因，记入修改记录）",
        ),
        Binding(
            "ctrl+z",
            "undo",
            "撤销",
            show=False,
            priority=True,
            id="form.undo",
            tooltip="撤销最近一次对指标行的新增、删除或移动（在输入栏中则撤销输入）",
        ),
        Binding(
            "ctrl+g",
            "toggle_panel",
            "评分面板",
            show=False,
            priority=True,
            id="form.toggle_panel",
            tooltip="显示或隐藏右侧评分面板（会记住）；隐藏时总分和等级显示在标题栏",
        ),
        Binding(
            "f9",
            "finalize",
            "定稿",
            id="form.finalize",
            priority=True,
            tooltip="检查无误后定稿（定稿后只读）",
        ),
        Binding(
            "escape",
            "back",
            "返回",
            priority=True,
            id="form.back",
            tooltip="返回上一层：从指标行到指标层级，从表单到首页",
        ),
        # Priority: the focus moves before the keys that follow in the same burst are handed
        # to a widget, so they land in the next field and not in the one just left. (Tab and
        # Shift+Tab do what Screen's own bindings do, only sooner.)
        Binding(
            "enter",
            "accept_field",
            "确认并转到下一栏",
            show=False,
            priority=True,
            id="form.accept_field",
            tooltip="保存本栏，转到下一栏（最后一栏时转到下一步）",
        ),
        Binding(
            "tab",
            "next_field",
            "下一栏",
            show=False,
            priority=True,
            id="form.next_field",
            tooltip="转到下一栏",
        ),
        Binding(
            "shift+tab",
            "previous_field",
            "上一栏",
            show=False,
            priority=True,
            id="form.previous_field",
            tooltip="转到上一栏",
        ),
    ]

    def __init__(self, store: Store, form_id: int, focus_path: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.form_id = form_id
        self.focus_path = focus_path
        self.session = EditSession(store, form_id)
        self.settings = load_settings()
        self._last_edit = 0.0
        self.shown = False
        self._identity_checked: tuple[int, str, str] | None = None
        self._identity_edited = False
        self._step_prepared = "basic"
        """The form has been drawn with the cursor in its field: only then is the cursor saved
        for resuming (a form that fails while it opens is not reopened there)."""
        self._parts: dict[type, Widget] = {}
        self._errors_by_path: dict[str, list[FieldErrors]] = {}

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="form-head"):
            yield Static(safe_text(self._title()), id="form-title")
            yield TitleScore("", id="title-score")
        with Horizontal(id="form-body"):
            with Steps(id="steps", initial="basic"):
                with TabPane(step_tab("basic"), id="basic"):
                    yield BasicStep(self._organisations(), id="step-basic")
                with TabPane(step_tab("funds"), id="funds"):
                    yield FundsStep(id="step-funds")
                with TabPane(step_tab("goals"), id="goals"):
                    yield GoalsStep(id="step-goals")
                with TabPane(step_tab("indicators"), id="indicators"):
                    known = self.store.known_indicators(self.session.form.implementer or None)
                    yield IndicatorsStep(
                        self.session.rules,
                        completions(known, self.session.rules),
                        id="step-indicators",
                    )
                with TabPane(step_tab("review"), id="review"):
                    yield ReviewStep(id="step-review")
            yield ScorePanel(id="score-panel")
        yield KeyFooter()

    def _title(self) -> str:
        form = self.session.form
        name = form.project or "（未命名项目）"
        return f"{form.year} 年度　{name}　{form.implementer}　草稿"

    def _title_score(self) -> Text:
        """总分 and 等级 in the title line, for when the score panel is hidden."""
        card = self.session.card
        text = Text(f"总分 {format_decimal(card.total)}　", style="bold")
        text.append(card.grade, style=GRADE_STYLES.get(card.grade, ""))
        return text

    def _show_title_score(self) -> None:
        if self.has_class("-panel-hidden"):
            self._part(TitleScore).update(self._title_score(), layout=False)

    def on_resize(self) -> None:
        self._place_panel()
        self.call_after_refresh(self._fit_tabs)

    def _fit_tabs(self) -> None:
        short = self._part(TabbedContent).size.width < TABS_SHORT_BELOW
        tabs = self._part(TabbedContent)
        for step in STEP_IDS:
            tab = tabs.get_tab(step)
            label = step_tab(step, short)
            if str(tab.label) != label:
                tab.label = label

    def _place_panel(self) -> None:
        """The score panel as the user wants it, where there is room for it beside the step
        (else 总分 and 等级 stand in the title line)."""
        room = self.size.width >= PANEL_MIN_WIDTH
        self.set_class(not (self.settings.show_score_panel and room), "-panel-hidden")
        self._show_title_score()

    def action_toggle_panel(self) -> None:
        """Ctrl+G: show or hide the score panel; remembered for this user."""
        shown = not self.settings.show_score_panel
        try:
            self.settings = update_settings(show_score_panel=shown)
        except OSError as exc:
            self.settings = self.settings.model_copy(update={"show_score_panel": shown})
            self.notify(f"无法保存设置：{exc}", severity="warning", markup=False)
        self._place_panel()
        if shown and self.size.width < PANEL_MIN_WIDTH:
            self.notify(
                f"窗口不足 {PANEL_MIN_WIDTH} 列，评分面板放不下；总分和等级显示在标题栏。",
                markup=False,
            )

    def _organisations(self) -> list[str]:
        names: dict[str, None] = {}
        for summary in self.store.list_forms(limit=500):
            names.update(dict.fromkeys(n for n in (summary.implementer, summary.department) if n))
        return list(names)

    async def on_mount(self) -> None:
        self._place_panel()
        self.set_interval(_WRITE_POLL, self._write_when_idle)
        for tabs in self.query("ContentTabs"):
            tabs.can_focus = False
        self._load_fields()
        indicators = self.query_one(IndicatorsStep)
        indicators.fill_level1(self.session.form, self.session.card)
        first = indicators.highlighted_level1()
        if first:
            indicators.fill_level2(self.session.form, first)
        await indicators.show_group(self.session.form, None, self.session.card)
        self.query_one(ScorePanel).scorecard = self.session.card
        self.query_one(FundsStep).update_status(self.session.card)
        self.query_one(FundsStep).show_money(self.session.money)
        if self.focus_path in editable_paths(self.session.form):
            await self.focus_field(self.focus_path)
        if self.focused is None:
            self._focus(self.query_one("#f-year"))
        self.call_after_refresh(self._has_been_shown)

    def _has_been_shown(self) -> None:
        self.shown = True
        path = getattr(self.focused, "field_path", None)
        step = fieldpaths.step_of(path) if path else self.active_step
        self.store.save_cursor(Cursor(self.form_id, step, path))

    def cursor_after_crash(self) -> Cursor:
        """Where the next start opens after a crash on this screen: the form's first field once
        the form has been shown (not the field that may have failed), else the home."""
        return Cursor(self.form_id, None, None) if self.shown else Cursor(None, None, None)

    def on_unmount(self) -> None:
        self.flush()

    # -- showing values ----------------------------------------------------------------------

    def _load_fields(self) -> None:
        """Show every mounted field's value (or its pending text) and its error."""
        for widget in self.query("FieldInput, FieldTextArea"):
            path = widget.field_path
            if path.startswith("indicators["):
                continue
            text = self.session.pending.get(path)
            if text is None:
                text = shown_value(self.session.form, path)
            widget.show(text)
        for row in self.query(IndicatorRow):
            if row.index < len(self.session.form.indicators):
                row.load(self.session.form.indicators[row.index], self.session.pending)
        self._show_errors()
        self.query_one("#form-title", Static).update(safe_text(self._title()))

    def _show_errors(self) -> None:
        for box in self.query(FieldErrors):
            box.show_errors(self.session.errors)
        for widget in self.query("FieldInput, FieldTextArea"):
            widget.set_class(widget.field_path in self.session.errors, "-bad")

    def _show_scores(self) -> None:
        """The session's scorecard in the panel and in whatever the active step shows of it."""
        self._part(ScorePanel).scorecard = self.session.card
        self._show_title_score()
        step = self.active_step
        if step == "funds":
            self._part(FundsStep).update_status(self.session.card)
        elif step == "indicators":
            self._update_rows()
        elif step == "review":
            self._show_review()

    def _update_rows(self) -> None:
        session = self.session
        self._part(IndicatorsStep).update_rows(session.form, session.card, session.errors)

    def _show_review(self, findings=None) -> None:
        if findings is None:
            findings = self.session.card.findings
        self.query_one(ReviewStep).show(self.session.form, self.session.card, findings)

    # -- steps -------------------------------------------------------------------------------

    def _part(self, kind: type[PartT]) -> PartT:
        """A widget of which the screen has exactly one, looked up once (queries walk the DOM)."""
        part = self._parts.get(kind)
        if part is None:
            part = self._parts[kind] = self.query_one(kind)
        return part  # type: ignore[return-value]

    @property
    def active_step(self) -> str:
        return self._part(TabbedContent).active

    @on(TabbedContent.TabActivated)
    def _step_shown(self) -> None:
        """A step shown by a click on its tab (a key shows it through ``show_step``)."""
        if self.active_step != self._step_prepared:
            self._prepare_step(self.active_step)
        self.call_after_refresh(self._keep_focus_in_step)

    def _prepare_step(self, step: str) -> None:
        """Bring what a step shows up to date as it is shown."""
        self._step_prepared = step
        if step == "funds":
            self._part(FundsStep).update_status(self.session.card)
        elif step == "indicators":
            indicators = self._part(IndicatorsStep)
            indicators.fill_level1(self.session.form, self.session.card)
            level1 = indicators.highlighted_level1()
            if level1:
                indicators.fill_level2(self.session.form, level1)
            self._update_rows()
        elif step == "review":
            self.flush()
            self._show_review()
        if self.shown:
            self.store.save_cursor(Cursor(self.form_id, step, None))

    def _keep_focus_in_step(self, widget: Widget | None = None) -> None:
        """Once a step is shown (by key or mouse) the cursor must be in it, not in a hidden
        field or on the tabs: on ``widget`` (if still in the step), else on the step's first."""
        pane = self.query_one(f"TabPane#{self.active_step}")
        if self.focused is not None and pane in self.focused.ancestors:
            return
        if widget is None:
            self._focus_first_of_step()
        elif widget.is_attached and pane in widget.ancestors:
            self.set_focus(widget)

    def show_step(self, step: str) -> None:
        """Show a step, up to date at once (keys that follow act on what it shows)."""
        if step != self.active_step:
            self._part(TabbedContent).active = step
            self._prepare_step(step)

    async def action_step(self, step: str) -> None:
        await self._leave_group()
        self.show_step(step)
        self._focus_first_of_step()

    async def action_next_step(self) -> None:
        index = STEP_IDS.index(self.active_step)
        await self.action_step(STEP_IDS[min(index + 1, len(STEP_IDS) - 1)])

    async def action_previous_step(self) -> None:
        index = STEP_IDS.index(self.active_step)
        await self.action_step(STEP_IDS[max(index - 1, 0)])

    def _focus(self, widget: Widget) -> None:
        """Focus now, so that the keys which follow land here, and keep it once a step switch
        has settled (the switch can leave the focus on the tabs)."""
        self.set_focus(widget)
        if self.focused is not widget:  # not focusable yet: a step being shown, a row mounting
            widget.focus()
        self.call_after_refresh(self._keep_focus_in_step, widget)

    def _focus_first_of_step(self) -> None:
        step = self.active_step
        if step == "indicators":
            self._focus(self.query_one("#level1", OptionList))
        elif step == "review":
            self._focus(self.query_one("#findings", OptionList))
        else:
            pane = self.query_one(f"TabPane#{step}")
            first = next((w for w in pane.query("FieldInput, FieldTextArea") if w.focusable), None)
            if first is not None:
                self._focus(first)

    def _step_chain(self) -> list[Widget]:
        """The shown step's focusable widgets in focus order, read from the DOM as it is now
        (Textual's own focus chain is brought up to date only at the next refresh, too late
        for a key that follows a step switch in the same burst)."""
        chain: list[Widget] = []

        def walk(node: Widget) -> None:
            for child in node.children:
                if not isinstance(child, Widget) or not child.display:
                    continue
                if child.focusable:
                    chain.append(child)
                if child.can_focus_children:
                    walk(child)

        walk(self.query_one(f"TabPane#{self.active_step}"))
        return chain

    # -- editing -----------------------------------------------------------------------------

    def edit_field(self, path: str, raw: Any, widget: Widget | None = None) -> None:
        """One keystroke's worth: edit the form in memory, rescore, write later.

        Called by the field widgets directly (tui.widgets.fields.FieldEditor).
        """
        was_bad = path in self.session.errors
        self.session.edit(path, raw)
        self._show_scores()
        if was_bad or path in self.session.errors:
            self._show_field_errors(path, widget)
        if path in IDENTITY_FIELDS:
            self._identity_edited = True
            self.query_one("#form-title", Static).update(safe_text(self._title()))
        self._last_edit = time.monotonic()

    def _write_when_idle(self) -> None:
        """The debounce: write once no key has come for a while."""
        if self.session.is_unwritten() and time.monotonic() - self._last_edit >= _WRITE_IDLE:
            self.flush()

    def _show_field_errors(self, path: str, widget: Widget | None = None) -> None:
        if path not in self._errors_by_path:
            self._errors_by_path[path] = [b for b in self.query(FieldErrors) if path in b.paths]
        for box in self._errors_by_path[path]:
            box.show_errors(self.session.errors)
        widgets = [widget] if widget is not None else self._field_widgets(path)
        for each in widgets:
            each.set_class(path in self.session.errors, "-bad")

    def _field_widgets(self, path: str) -> list[Widget]:
        return [w for w in self.query("FieldInput, FieldTextArea") if w.field_path == path]

    def flush(self, path: str | None = None) -> None:
        """Write the edited fields (or one of them) to the store now."""
        self._after_write(self.session.write(path))

    def _after_write(self, outcome: WriteOutcome) -> None:
        """Tell the user what became of a write; show what the session reloaded."""
        if outcome.final:
            self.notify("此表单已定稿，不能再修改。", severity="error", markup=False)
        if outcome.conflict is not None:
            form = self.session.form
            changed = list(dict.fromkeys(field_label(path, form) for path in outcome.conflict))
            what = "、".join(changed[:5]) + ("等" if len(changed) > 5 else "")
            self.notify(
                f"此表单已在别处被修改（{what or '内容'}），已重新载入；刚才的输入未保存，请核对。",
                severity="warning",
                markup=False,
                timeout=8,
            )
            self._load_fields()
            self._show_scores()
        for path in outcome.refused:
            self._show_field_errors(path)

    # -- moving between fields ---------------------------------------------------------------

    async def action_accept_field(self) -> None:
        """Enter: accept the field and move on; on a list, choose. Everything that follows
        (a group opening, a row added, a step shown) is done before the next key is read, so
        keys typed right after Enter land where Enter leads."""
        focused = self.focused
        if focused is None:
            raise SkipAction()
        await settled(focused)  # the keys typed before this Enter are in it
        if isinstance(focused, (FieldInput, FieldTextArea, BandPicker)):
            await self._accept(focused)
        elif focused.id == "level1":
            self._choose_level1()
        elif focused.id == "level2":
            await self._choose_level2()
        elif focused.id == "findings":
            await self._choose_finding()
        else:
            raise SkipAction()  # buttons: their own Enter

    async def action_next_field(self) -> None:
        await self._move_focus(1)

    async def action_previous_field(self) -> None:
        await self._move_focus(-1)

    async def _move_focus(self, step: int) -> None:
        """Tab / Shift+Tab in focus order; a folded row reached this way opens at once (at its
        first field forward, its last field backward) before the next key is read."""
        focused = self.focused
        if focused is not None:
            await settled(focused)
        row = _row_of(focused)
        if row is not None:
            await row.settled()  # a band asked for by what was typed is there to go to
            fields = row.fields()
            position = fields.index(focused) + step if focused in fields else -1
            if 0 <= position < len(fields):
                self.set_focus(fields[position])
                return
            focused = fields[0] if step < 0 else fields[-1]
        chain = self._step_chain()
        if not chain:
            return
        position = chain.index(focused) if focused in chain else -step
        target = chain[(position + step) % len(chain)]
        if isinstance(target, RowSummary):
            await self._edit_row(target.index, "name" if step > 0 else "deviation")
        else:
            self._focus(target)

    async def _accept(self, widget: Widget) -> None:
        """Enter on a field: write it and move to the next one."""
        self.flush(widget.field_path)
        row = _row_of(widget)
        if row is not None:
            await self._next_in_rows(row, widget)
            return
        chain = self._step_chain()
        if widget in chain and chain.index(widget) < len(chain) - 1:
            self.set_focus(chain[chain.index(widget) + 1])
        elif self.active_step != "review":
            await self.action_next_step()

    async def _next_in_rows(self, row: IndicatorRow, widget: Widget) -> None:
        await row.settled()  # a band asked for by what was typed is there to go to
        fields = row.fields()
        if widget in fields and fields.index(widget) < len(fields) - 1:
            self.set_focus(fields[fields.index(widget) + 1])
            return
        indicators = self._part(IndicatorsStep)
        following = indicators.next_row(row.index)
        if following is None:
            await self.action_add_row()
        else:
            await self._edit_row(following)

    async def _edit_row(self, index: int, field: str = "name") -> IndicatorRow | None:
        """Open row ``index`` of the shown group for editing and focus one of its fields.

        The focus moves into the new editor before the editor it leaves is folded: were the
        focused widget removed first, Textual would focus a neighbouring summary, which asks
        for its own row, and two row changes would run into each other.
        """
        self.flush()
        indicators = self._part(IndicatorsStep)
        editor = await indicators.open_row(self.session.form, self.session.card, index)
        if editor is None:
            return None
        self._prepare_editor(editor)
        self._focus(editor.field_widget(field))
        await indicators.fold(self.session.form, self.session.card, index)
        editor.scroll_visible()
        return editor

    def _prepare_editor(self, editor: IndicatorRow) -> None:
        editor.load(self.session.form.indicators[editor.index], self.session.pending)
        self._update_rows()

    @on(RowSummary.Chosen)
    async def _summary_chosen(self, event: RowSummary.Chosen) -> None:
        # The message comes from another task than the keys: by now the focus may have moved
        # on (a row opened by Enter, a group remounted), and the summary may be gone.
        if self.focused is event.summary and event.summary.is_attached:
            await self._edit_row(event.index)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self._part(IndicatorsStep).set_class(_row_of(event.widget) is not None, "-in-rows")
        path = getattr(event.widget, "field_path", None)
        if path and self.shown:
            self.store.save_cursor(Cursor(self.form_id, fieldpaths.step_of(path), path))

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        path = getattr(event.widget, "field_path", None)
        if path and self.session.is_unwritten(path):
            self.flush(path)
        if path and isinstance(event.widget, FieldInput) and path.startswith("funds."):
            typed = event.widget.value
            event.widget.show(self.session.pending.get(path) or grouped(typed, self.session.money))
        if path in IDENTITY_FIELDS and self._identity_edited:
            self._identity_edited = False
            self._warn_if_duplicate()

    def _warn_if_duplicate(self) -> None:
        """Once 年度, 项目名称 or 实施单位 has been typed into and left: say so when another
        stored form has all three (once for each three)."""
        form = self.session.form
        identity = (form.year, form.project.strip(), form.implementer.strip())
        if not identity[1] or identity == self._identity_checked:
            return
        self._identity_checked = identity
        others = [
            summary
            for summary in self.store.list_forms(
                year=form.year, implementer=identity[2] or None, query=identity[1]
            )
            if summary.id != self.form_id
            and (summary.project.strip(), summary.implementer.strip()) == identity[1:]
        ]
        if others:
            unit = f"（{identity[2]}）" if identity[2] else ""
            self.notify(
                f"存储中已有 {form.year} 年度“{one_line(identity[1])}”{one_line(unit)}的表单"
                f"（编号 {others[0].id}）。"
                "同一项目同一年度一般只填一份，请核对是否重复。",
                title="可能重复",
                severity="warning",
                markup=False,
                timeout=10,
            )

    async def focus_field(self, path: str) -> None:
        """Show the step of a field and put the cursor in it (indicators: level, row)."""
        await self._leave_group()
        self.show_step(fieldpaths.step_of(path))
        located = fieldpaths.indicator_of(path)
        if fieldpaths.is_indicator(path) and located is None:
            self._focus_first_of_step()
            return
        if located is not None:
            index, field = located
            if index < len(self.session.form.indicators):
                await self._open_row_of(index, field)
            return
        matches = self.query(f"#{widget_id(path)}")
        if matches:
            self._focus(matches.first())

    # -- 绩效指标: levels and rows -------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#level1")
    def _level1_highlighted(self) -> None:
        # The 一级 highlighted now, not the one of the message: a group opened since (a finding
        # chosen, a row reached by the cursor) has moved the highlight, and a late message
        # must not put the 二级 list back to another 一级.
        indicators = self._part(IndicatorsStep)
        level1 = indicators.highlighted_level1()
        if level1:
            indicators.fill_level2(self.session.form, level1)

    @on(OptionList.OptionSelected, "#level1")
    def _level1_selected(self) -> None:
        self._choose_level1()  # a click; Enter comes through action_accept_field

    @on(OptionList.OptionSelected, "#level2")
    async def _level2_selected(self) -> None:
        await self._choose_level2()

    def _choose_level1(self) -> None:
        indicators = self._part(IndicatorsStep)
        level1 = indicators.highlighted_level1()
        if level1:
            indicators.fill_level2(self.session.form, level1)
        level2 = self.query_one("#level2", OptionList)
        if level2.option_count:
            level2.highlighted = level2.highlighted or 0
            self.set_focus(level2)

    async def _choose_level2(self) -> None:
        indicators = self._part(IndicatorsStep)
        level1, level2 = indicators.highlighted_level1(), indicators.highlighted_level2()
        if level1 and level2 and indicators.group != (level1, level2):
            await self._open_group((level1, level2))
        elif level1 and level2:
            rows = indicators.row_widgets()
            if rows:
                self._focus(rows[0].fields()[0])

    async def _open_group(self, group: tuple[str, str], focus: bool = True) -> None:
        indicators = self.query_one(IndicatorsStep)
        if indicators.group != group:
            await self._leave_group()
        if not group_rows(self.session.form, group):  # an empty group opens with a blank row
            index = new_row_index(self.session.form, self.session.rules, group)
            self._insert_row(index, group, undoable=False)
        await self._mount_group(group)
        if focus:
            rows = indicators.row_widgets()
            if rows:
                self._focus(rows[0].fields()[0])

    async def _mount_group(
        self, group: tuple[str, str] | None, expanded: int | None = None
    ) -> None:
        indicators = self._part(IndicatorsStep)
        await indicators.show_group(self.session.form, group, self.session.card, expanded)
        for row in indicators.row_widgets():
            self._prepare_editor(row)
        indicators.fill_level1(self.session.form, self.session.card)
        if group:
            indicators.highlight(group[0])
            indicators.fill_level2(self.session.form, group[0])
            indicators.highlight(group[0], group[1])
        self._show_errors()

    async def _open_row_of(self, index: int, field: str) -> None:
        """Open the group of row ``index`` (unless it is open) and put the cursor in ``field``."""
        indicator = self.session.form.indicators[index]
        group = (indicator.level1, indicator.level2)
        indicators = self._part(IndicatorsStep)
        if indicators.group != group:
            await self._mount_group(group, expanded=index)
            row = indicators.row_widget(index)
            if row is not None:
                self._focus(row.field_widget(field))
        else:
            await self._edit_row(index, field)

    async def _leave_group(self) -> None:
        """Closing a group drops the rows nobody typed into."""
        indicators = self.query_one(IndicatorsStep)
        if indicators.group is None:
            return
        self.flush()
        if _row_of(self.focused) is not None:
            self.set_focus(self.query_one("#level2", OptionList))
        blank = [
            n
            for n in group_rows(self.session.form, indicators.group)
            if is_blank(self.session.form.indicators[n])
        ]
        for index in reversed(blank):
            self._apply(self.session.delete_row(index, undoable=False))
        await self._mount_group(None)

    def _apply(self, outcome: WriteOutcome) -> bool:
        """Tell what became of a change of the rows; True when it was made."""
        self._after_write(outcome)
        if outcome.final or outcome.reloaded:
            return False
        self._part(ScorePanel).scorecard = self.session.card
        return True

    def _insert_row(self, index: int, group: tuple[str, str], *, undoable: bool = True) -> bool:
        self.flush()
        return self._apply(
            self.session.insert_row(index, blank_indicator(*group), undoable=undoable)
        )

    def _current_row(self) -> IndicatorRow | None:
        focused = self.focused
        return _row_of(focused) if focused is not None else None

    async def action_add_row(self, before: bool = False) -> None:
        indicators = self.query_one(IndicatorsStep)
        group = indicators.group
        if group is None:
            return
        row = self._current_row()
        if row is None:
            index = new_row_index(self.session.form, self.session.rules, group)
        else:
            index = row.index if before else row.index + 1
        if self._insert_row(index, group):
            await self._mount_group(group, expanded=index)
            new = indicators.row_widget(index)
            if new is not None:
                self._focus(new.fields()[0])
                new.scroll_visible()

    async def action_insert_row(self) -> None:
        await self.action_add_row(before=True)

    async def action_delete_row(self) -> None:
        row = self._current_row()
        if row is None:
            return
        indicator = self.session.form.indicators[row.index]
        name = indicator.name or "（未命名）"
        index = row.index

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._delete_row(index)

        await self.app.push_screen(
            ConfirmModal(f"删除第 {row.number} 行指标“{name}”？", then=answered, default=False)
        )

    async def action_unlock_target(self) -> None:
        """F8: unlock the focused row's target locked from the 目标申报表, with a reason."""
        row = self._current_row()
        if row is None or not self.session.is_target_locked(row.index):
            self.notify("这一行的年度指标值没有锁定", severity="warning", markup=False)
            return
        from tui.screens.modals import TextPromptModal

        index = row.index
        name = self.session.form.indicators[index].name or "（未命名）"

        def answered(reason: str | None) -> None:
            if not reason:
                return
            outcome = self.session.unlock_target(index, reason)
            self._after_write(outcome)
            if outcome.final or outcome.reloaded:
                return
            self._load_fields()
            self.notify(f"已解锁第 {row.number} 行“{one_line(name)}”的年度指标值", markup=False)

        await self.app.push_screen(
            TextPromptModal(
                f"解锁第 {row.number} 行“{name}”的年度指标值（来自批复的目标申报表）：请填写原因",
                then=answered,
                placeholder="原因将记入修改记录",
                validate=lambda text: None if text else "请填写解锁的原因",
            )
        )

    async def _delete_row(self, index: int) -> None:
        group = self.query_one(IndicatorsStep).group
        self.flush()
        if not self._apply(self.session.delete_row(index)):
            return
        if group and not group_rows(self.session.form, group):
            await self._mount_group(None)
            self.set_focus(self.query_one("#level2", OptionList))
            return
        rows = group_rows(self.session.form, group) if group else []
        later = [n for n in rows if n >= index]
        expanded = later[0] if later else rows[-1]
        await self._mount_group(group, expanded=expanded)
        editor = self._part(IndicatorsStep).row_widget(expanded)
        if editor is not None:
            self._focus(editor.fields()[0])

    async def action_move_row(self, offset: int) -> None:
        row = self._current_row()
        indicators = self.query_one(IndicatorsStep)
        if row is None or indicators.group is None:
            return
        rows = group_rows(self.session.form, indicators.group)
        position = rows.index(row.index) + offset
        if not 0 <= position < len(rows):
            return
        field = _field_of(self.focused)
        self.flush()
        index, target = row.index, rows[position]
        if self._apply(self.session.move_row(index, target)):
            await self._mount_group(indicators.group, expanded=target)
            moved = indicators.row_widget(target)
            if moved is not None:
                self._focus(moved.field_widget(field))

    async def action_undo(self) -> None:
        """Ctrl+Z: take back the last change of the rows (added, deleted or moved), when that
        was the last change; otherwise Ctrl+Z is the field's own undo of what was typed."""
        if not self.session.can_undo():
            raise SkipAction()
        self.flush()
        taken = self.session.undo()
        if taken is None:
            raise SkipAction()
        outcome, undo = taken
        if not self._apply(outcome):
            return
        self.notify(f"已撤销{one_line(undo.what)}", markup=False)
        rows = self.session.form.indicators
        if rows:
            index = min(undo.row, len(rows) - 1)
            await self._leave_group()
            await self._open_row_of(index, "name")

    # -- one-key helpers ---------------------------------------------------------------------

    def action_accept_suggestion(self) -> None:
        """Put the suggested score into the score field (budget or the current row)."""
        row = self._current_row()
        if row is not None:
            result = self.session.card.indicators[row.index]
            if result.suggested is None:
                self.notify("这一行没有建议得分（见行下提示）", markup=False)
                return
            widget = row.field_widget("score")
            path, text = row.path("score"), _plain(result.suggested)
        elif self.active_step == "funds":
            suggested = self.session.card.budget.suggested
            if suggested is None:
                self.notify(
                    "尚无法计算预算执行的建议得分（请先填写全年预算数和全年执行数）", markup=False
                )
                return
            widget = self.query_one(f"#{widget_id('budget_score')}", FieldInput)
            path, text = "budget_score", _plain(suggested)
        else:
            return
        widget.show(text)
        self.edit_field(path, text)
        self.flush(path)

    def action_fill_total(self) -> None:
        """年度资金总额 of each column = 当年财政拨款 + 上年结转资金 + 其他资金."""
        filled = []
        for column in FUND_COLUMNS:
            if any(f"funds.{row}.{column}" in self.session.errors for row in FUND_PARTS):
                continue  # a part typed but not accepted: its sum would be wrong
            total = sum_of_parts(self.session.form, column)
            if total is None:
                continue
            path = f"funds.total.{column}"
            widget = self.query_one(f"#{widget_id(path)}", FieldInput)
            text = self.session.money.exact(total)
            widget.show(text)
            self.edit_field(path, text)
            self.flush(path)
            filled.append(column)
        if not filled:
            self.notify("请先填写当年财政拨款、上年结转资金或其他资金", markup=False)

    # -- leaving and finishing ---------------------------------------------------------------

    async def action_back(self) -> None:
        focused = self.focused
        if focused is not None and _row_of(focused) is not None:
            await self._leave_group()
            self.set_focus(self.query_one("#level2", OptionList))
            return
        if focused is not None and focused.id == "level2":
            self.set_focus(self.query_one("#level1", OptionList))
            return
        await self._leave_group()
        self.flush()
        self.store.save_cursor(Cursor(None, None, None))
        self.app.pop_screen()

    async def action_finalize(self) -> None:
        await self._leave_group()
        self.flush()
        if self.session.errors:
            self.show_step("review")
            self._show_review()
            self._focus(self.query_one("#findings", OptionList))
            self.notify(
                f"还有 {len(self.session.errors)} 处输入无法识别，请先改正再定稿。",
                severity="error",
                markup=False,
            )
            return
        card = self.session.card
        if card.errors:
            self._refuse_finalize(card.errors)
            return
        form = self.session.form
        question = (
            f"定稿 {form.year} 年度“{form.project or '（未命名项目）'}”："
            f"总分 {format_decimal(card.total)}，等级 {card.grade}。"
            "定稿后表单只读，如需修改须退回并填写原因。确定定稿吗？"
        )
        await self.app.push_screen(
            ConfirmModal(question, then=self._finalize_if, yes="定稿 (y)", default=False)
        )

    async def _finalize_if(self, yes: bool | None) -> None:
        if not yes:
            return
        try:
            self.store.finalize(self.form_id)
        except FinalizeRefused as refused:
            self._refuse_finalize(list(refused.findings) or self.session.card.errors)
            return
        self.notify("已定稿。", markup=False)
        self.store.save_cursor(Cursor(None, None, None))
        await self.app.pop_screen()
        await navigator(self).open_form(self.form_id)  # read-only now

    def _refuse_finalize(self, findings: list[Finding]) -> None:
        """Show the errors that stand in the way of 定稿 in the 复核 list."""
        self.show_step("review")
        self._show_review(findings)
        count = sum(1 for f in findings if f.severity == "error")
        self.notify(f"无法定稿：还有 {count} 个错误，见复核清单。", severity="error", markup=False)
        self._focus(self.query_one("#findings", OptionList))

    @on(ReviewStep.FindingChosen)
    async def _finding_chosen(self, event: ReviewStep.FindingChosen) -> None:
        await self.focus_field(event.path)  # a click; Enter comes through action_accept_field

    async def _choose_finding(self) -> None:
        path = self._part(ReviewStep).highlighted_path()
        if path is not None:
            await self.focus_field(path)

    @on(ReviewStep.FinalizeAsked)
    def _finalize_asked(self) -> None:
        # On the app's task: finalising closes this screen, which its own task cannot await.
        self.app.call_later(self.action_finalize)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show each key in the footer only where it does something."""
        if action in ROW_ACTIONS:
            return self.active_step == "indicators" and self._current_row() is not None
        if action == "fill_total":
            return self.active_step == "funds"
        if action == "accept_suggestion":
            return self.active_step in ("funds", "indicators")
        return True


def _row_of(widget: Widget | None) -> IndicatorRow | None:
    while widget is not None:
        if isinstance(widget, IndicatorRow):
            return widget
        parent = widget.parent
        widget = parent if isinstance(parent, Widget) else None
    return None


def _field_of(widget: Widget | None) -> str:
    path = getattr(widget, "field_path", "") or ""
    located = fieldpaths.indicator_of(path)
    return located[1] if located and located[1] else "name"


def _plain(value) -> str:
    from core.decimals import format_plain

    return format_plain(value)
