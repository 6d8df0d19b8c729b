"""The form screen: five steps of one 项目支出绩效自评表 and the live score panel beside them.

Every keystroke edits the form in memory (core.session) and the panel gets a new scorecard at
once; the store is written when a field is left, and at most one second after the last
keystroke in it. Bad input is kept as typed (a pending input in the store) and named under its
field; it blocks 定稿, never moving on. Every key that moves the cursor or mounts widgets is a
priority binding whose action finishes before the next key is read.
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
from textual.widgets import OptionList, Select, Static, TabbedContent, TabPane

from core import fieldpaths
from core.decimals import format_decimal
from core.edit import editable_paths
from core.findings import Finding
from core.labels import field_label
from core.safetext import safe_text
from core.session import EditSession, WriteOutcome
from core.settings import load_settings, update_settings
from core.store import Cursor, FinalizeRefused, Store
from tui.navigation import navigator
from tui.screens.form.basic import IDENTITY_FIELDS, BasicStep
from tui.screens.form.funds import FundsStep
from tui.screens.form.goals import GoalsStep
from tui.screens.form.indicators import IndicatorsStep
from tui.screens.form.review import ReviewStep
from tui.screens.form.steps import (
    STEP_IDS,
    STEP_KEYS,
    TABS_SHORT_BELOW,
    Steps,
    row_of,
    step_chain,
    step_tab,
    widget_id,
)
from tui.screens.modals import ConfirmModal
from tui.widgets.completion import completions
from tui.widgets.field_errors import FieldErrors
from tui.widgets.field_values import shown_value
from tui.widgets.fields import FieldInput, FieldTextArea
from tui.widgets.footer import KeyFooter
from tui.widgets.indicator_row import BandPicker
from tui.widgets.money_input import grouped
from tui.widgets.score_panel import GRADE_STYLES, ScorePanel
from tui.widgets.settle import settled

PANEL_MIN_WIDTH = 70
"""Below this terminal width the score panel is not shown (总分 and 等级 go to the title)."""
WRITE_DELAY = 1.0
"""At most this many seconds after the last keystroke in a field, it is in the store."""
_WRITE_POLL = 0.25
_WRITE_IDLE = WRITE_DELAY - _WRITE_POLL

PartT = TypeVar("PartT", bound=Widget)


def _key(key: str, action: str, description: str, tooltip: str, **options: Any) -> Binding:
    """A priority binding of the form screen (its id from its action)."""
    name = action.split("(")[0]
    return Binding(
        key, action, description, priority=True, id=f"form.{name}", tooltip=tooltip, **options
    )


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
        _key("ctrl+pagedown", "next_step", "下一步", "转到下一步"),
        _key("ctrl+pageup", "previous_step", "上一步", "转到上一步"),
        *STEP_KEYS,
        _key("ctrl+g", "toggle_panel", "评分面板", "显示或隐藏右侧评分面板（会记住）", show=False),
        _key("f9", "finalize", "定稿", "检查无误后定稿（定稿后只读）"),
        _key("escape", "back", "返回", "返回上一层：从指标行到指标层级，从表单到首页"),
        # The focus moves before the keys that follow in the same burst are handed to a
        # widget, so they land in the next field and not in the one just left.
        _key("enter", "accept_field", "确认并转到下一栏", "保存本栏，转到下一栏", show=False),
        _key("tab", "next_field", "下一栏", "转到下一栏", show=False),
        _key("shift+tab", "previous_field", "上一栏", "转到上一栏", show=False),
    ]

    def __init__(self, store: Store, form_id: int, focus_path: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.form_id = form_id
        self.focus_path = focus_path
        self.session = EditSession(store, form_id)
        self.settings = load_settings()
        self.shown = False
        """The form has been drawn with the cursor in its field: only then is the cursor saved
        for resuming (a form that fails while it opens is not reopened there)."""
        self._last_edit = 0.0
        self._step_prepared = "basic"
        self._parts: dict[type, Widget] = {}
        self._errors_by_path: dict[str, list[FieldErrors]] = {}

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="form-head"):
            yield Static(safe_text(self._title()), id="form-title")
            yield Static("", id="title-score")
        with Horizontal(id="form-body"):
            with Steps(id="steps", initial="basic"):
                with TabPane(step_tab("basic"), id="basic"):
                    rules = self.session.rules.name
                    yield BasicStep(self._organisations(), rules, id="step-basic")
                with TabPane(step_tab("funds"), id="funds"):
                    yield FundsStep(id="step-funds")
                with TabPane(step_tab("goals"), id="goals"):
                    yield GoalsStep(id="step-goals")
                with TabPane(step_tab("indicators"), id="indicators"):
                    known = self.store.known_indicators(self.session.form.implementer or None)
                    found = completions(known, self.session.rules)
                    yield IndicatorsStep(found, id="step-indicators")
                with TabPane(step_tab("review"), id="review"):
                    yield ReviewStep(id="step-review")
            yield ScorePanel(id="score-panel")
        yield KeyFooter()

    def _title(self) -> str:
        form = self.session.form
        return f"{form.year} 年度　{form.project or '（未命名项目）'}　{form.implementer}　草稿"

    def _organisations(self) -> list[str]:
        names: dict[str, None] = {}
        for summary in self.store.list_forms(limit=500):
            names.update(dict.fromkeys(n for n in (summary.implementer, summary.department) if n))
        return list(names)

    def on_resize(self) -> None:
        self._place_panel()
        self.call_after_refresh(self._fit_tabs)

    def _fit_tabs(self) -> None:
        tabs = self._part(TabbedContent)
        short = tabs.size.width < TABS_SHORT_BELOW
        for step in STEP_IDS:
            if str((tab := tabs.get_tab(step)).label) != step_tab(step, short):
                tab.label = step_tab(step, short)

    def _place_panel(self) -> None:
        """The score panel as the user wants it, where there is room for it beside the step
        (else 总分 and 等级 stand in the title line)."""
        room = self.size.width >= PANEL_MIN_WIDTH
        self.set_class(not (self.settings.show_score_panel and room), "-panel-hidden")
        self._show_title_score()

    def _show_title_score(self) -> None:
        if self.has_class("-panel-hidden"):
            card = self.session.card
            text = Text(f"总分 {format_decimal(card.total)}　", style="bold")
            text.append(card.grade, style=GRADE_STYLES.get(card.grade, ""))
            self.query_one("#title-score", Static).update(text, layout=False)

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
            self.notify(f"窗口不足 {PANEL_MIN_WIDTH} 列，总分和等级显示在标题栏。", markup=False)

    async def on_mount(self) -> None:
        self._place_panel()
        self.set_interval(_WRITE_POLL, self._write_when_idle)
        for tabs in self.query("ContentTabs"):
            tabs.can_focus = False
        self.show_fields()
        await self._part(IndicatorsStep).show_group(None)
        self._part(ScorePanel).scorecard = self.session.card
        self._part(FundsStep).update_status(self.session.card)
        if self.focus_path in editable_paths(self.session.form):
            await self.focus_field(self.focus_path)
        if self.focused is None:
            self.put_cursor(self.query_one("#f-year"))
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

    def show_fields(self) -> None:
        """Show every mounted field's value (or its pending text) and its error."""
        money = self.session.money
        self._part(FundsStep).show_money(money)
        for widget in self.query("FieldInput, FieldTextArea"):
            if not fieldpaths.is_indicator(path := widget.field_path):
                text = self.session.pending.get(path)
                widget.show(shown_value(self.session.form, path, money) if text is None else text)
        self._part(BasicStep).show_rule_set(self.session.rules.name)
        indicators = self._part(IndicatorsStep)
        for row in indicators.row_widgets():
            if row.index < len(self.session.form.indicators):
                row.load(self.session.form.indicators[row.index], self.session.pending)
        self.show_errors()
        self.query_one("#form-title", Static).update(safe_text(self._title()))

    def show_errors(self) -> None:
        for box in self.query(FieldErrors):
            box.show_errors(self.session.errors)
        for widget in self.query("FieldInput, FieldTextArea"):
            widget.set_class(widget.field_path in self.session.errors, "-bad")

    def rules_changed(self) -> None:
        """Another rule set: amounts in its unit, its levels in the pickers, its scores."""
        self.show_fields()
        self._part(IndicatorsStep).fill_pickers()
        self._part(FundsStep).update_status(self.session.card)
        self._show_scores()

    def _show_scores(self) -> None:
        """The session's scorecard in the panel and in whatever the active step shows of it."""
        self._part(ScorePanel).scorecard = self.session.card
        self._show_title_score()
        step = self.active_step
        if step == "funds":
            self._part(FundsStep).update_status(self.session.card)
        elif step == "indicators":
            self._part(IndicatorsStep).update_rows()
        elif step == "review":
            self._part(ReviewStep).show(self.session.form, self.session.card)

    # -- steps -------------------------------------------------------------------------------

    def _part(self, kind: type[PartT]) -> PartT:
        """A widget of which the screen has exactly one, looked up once (queries walk the DOM)."""
        if (part := self._parts.get(kind)) is None:
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
        self.call_after_refresh(self._keep_cursor_in_step)

    def _prepare_step(self, step: str) -> None:
        """Bring what a step shows up to date as it is shown."""
        self._step_prepared = step
        if step == "review":
            self.flush()
        if step == "indicators":
            self._part(IndicatorsStep).fill_pickers()
        self._show_scores()
        if self.shown:
            self.store.save_cursor(Cursor(self.form_id, step, None))

    def _keep_cursor_in_step(self, widget: Widget | None = None) -> None:
        """Once a step is shown (by key or mouse) the cursor must be in it, not in a hidden
        field or on the tabs: on ``widget`` (if still in the step), else on the step's first."""
        pane = self.query_one(f"TabPane#{self.active_step}")
        if self.focused is not None and pane in self.focused.ancestors:
            return
        if widget is None:
            self._cursor_to_first_of_step()
        elif widget.is_attached and pane in widget.ancestors:
            self.set_focus(widget)

    def show_step(self, step: str) -> None:
        """Show a step, up to date at once (keys that follow act on what it shows)."""
        if step != self.active_step:
            self._part(TabbedContent).active = step
            self._prepare_step(step)

    async def action_step(self, step: str) -> None:
        await self._part(IndicatorsStep).leave_group()
        self.show_step(step)
        self._cursor_to_first_of_step()

    async def action_next_step(self) -> None:
        index = STEP_IDS.index(self.active_step)
        await self.action_step(STEP_IDS[min(index + 1, len(STEP_IDS) - 1)])

    async def action_previous_step(self) -> None:
        index = STEP_IDS.index(self.active_step)
        await self.action_step(STEP_IDS[max(index - 1, 0)])

    def put_cursor(self, widget: Widget) -> None:
        """Focus now, so that the keys which follow land here, and keep it once a step switch
        has settled (the switch can leave the focus on the tabs)."""
        self.set_focus(widget)
        if self.focused is not widget:  # not focusable yet: a step being shown, a row mounting
            widget.focus()
        self.call_after_refresh(self._keep_cursor_in_step, widget)

    def _cursor_to_first_of_step(self) -> None:
        if self.active_step == "review":  # the findings, not the 定稿 button before them
            self.put_cursor(self.query_one("#findings", OptionList))
        elif chain := step_chain(self.query_one(f"TabPane#{self.active_step}")):
            self.put_cursor(chain[0])

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
            self._part(BasicStep).identity_edited = True
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
        self.apply(self.session.write(path))

    def apply(self, outcome: WriteOutcome) -> bool:
        """Tell the user what became of a write; show what the session reloaded. True when
        the change was made."""
        if outcome.final:
            self.notify("此表单已定稿，不能再修改。", severity="error", markup=False)
        if outcome.conflict is not None:
            changed = [field_label(path, self.session.form) for path in outcome.conflict]
            changed = list(dict.fromkeys(changed))
            what = "、".join(changed[:5]) + ("等" if len(changed) > 5 else "")
            self.notify(
                f"此表单已在别处被修改（{what or '内容'}），已重新载入；刚才的输入未保存，请核对。",
                severity="warning",
                markup=False,
                timeout=8,
            )
            self.show_fields()
            self._show_scores()
        for path in outcome.refused:
            self._show_field_errors(path)
        self._part(ScorePanel).scorecard = self.session.card
        return not (outcome.final or outcome.reloaded)

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
        elif isinstance(focused, Select):  # its choice is made already: on to the next field
            await self._move_on(focused)
        elif focused.id == "level1":
            self._part(IndicatorsStep).choose_level1()
        elif focused.id == "level2":
            await self._part(IndicatorsStep).choose_level2()
        elif focused.id == "findings":
            if (path := self._part(ReviewStep).highlighted_path()) is not None:
                await self.focus_field(path)
        else:
            raise SkipAction()  # buttons: their own Enter

    async def _accept(self, widget: Widget) -> None:
        """Enter on a field: write it and move to the next one."""
        self.flush(widget.field_path)
        if (row := row_of(widget)) is not None:
            await self._part(IndicatorsStep).next_in_rows(row, widget)
        else:
            await self._move_on(widget)

    async def _move_on(self, widget: Widget) -> None:
        """From a field of a step to the next one; from its last, to the next step. A choice
        (the rule set) is no stop on the way: Tab reaches it."""
        chain = step_chain(self.query_one(f"TabPane#{self.active_step}"))
        chain = [each for each in chain if each is widget or not isinstance(each, Select)]
        if widget in chain and chain.index(widget) < len(chain) - 1:
            self.set_focus(chain[chain.index(widget) + 1])
        elif self.active_step != "review":
            await self.action_next_step()

    async def action_next_field(self) -> None:
        await self._move_cursor(1)

    async def action_previous_field(self) -> None:
        await self._move_cursor(-1)

    async def _move_cursor(self, step: int) -> None:
        """Tab / Shift+Tab in focus order; past a row's last (first) field, the next (previous)
        row of the group opens at once, at its first (last) field, before the next key is
        read."""
        focused = self.focused
        if focused is not None:
            await settled(focused)
        if (row := row_of(focused)) is not None:
            await row.settled()  # a band asked for by what was typed is there to go to
            fields = row.fields()
            position = fields.index(focused) + step if focused in fields else -1
            if 0 <= position < len(fields):
                self.set_focus(fields[position])
                return
            indicators = self._part(IndicatorsStep)
            if (beside := indicators.row_beside(row.index, step)) is not None:
                await indicators.edit_row(beside, "name" if step > 0 else "deviation")
                return
            focused = fields[0] if step < 0 else fields[-1]
        chain = step_chain(self.query_one(f"TabPane#{self.active_step}"))
        if not chain:
            return
        position = chain.index(focused) if focused in chain else -step
        self.put_cursor(chain[(position + step) % len(chain)])

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self._part(IndicatorsStep).set_class(row_of(event.widget) is not None, "-in-rows")
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
        if path in IDENTITY_FIELDS:
            self._part(BasicStep).warn_if_duplicate(self.store, self.form_id, self.session.form)

    async def focus_field(self, path: str) -> None:
        """Show the step of a field and put the cursor in it (indicators: level, row)."""
        indicators = self._part(IndicatorsStep)
        await indicators.leave_group()
        self.show_step(fieldpaths.step_of(path))
        located = fieldpaths.indicator_of(path)
        if located is not None and located[0] < len(self.session.form.indicators):
            await indicators.open_row_of(*located)
        elif fieldpaths.is_indicator(path):
            self._cursor_to_first_of_step()
        elif matches := self.query(f"#{widget_id(path)}"):
            self.put_cursor(matches.first())

    # -- leaving and finishing ---------------------------------------------------------------

    async def action_back(self) -> None:
        """Esc: from a row to the 二级 list, from there to the 一级 list, from there home."""
        focused, indicators = self.focused, self._part(IndicatorsStep)
        if row_of(focused) is not None:
            await indicators.leave_group()
            self.set_focus(self.query_one("#level2", OptionList))
        elif focused is not None and focused.id == "level2":
            self.set_focus(self.query_one("#level1", OptionList))
        else:
            await indicators.leave_group()
            self.flush()
            self.store.save_cursor(Cursor(None, None, None))
            self.app.pop_screen()

    async def action_finalize(self) -> None:
        """F9 (or the 定稿 button): 总分 and 等级 shown, asked once, then 定稿."""
        await self._part(IndicatorsStep).leave_group()
        self.flush()
        if self.session.errors:
            self.notify(
                f"还有 {len(self.session.errors)} 处输入无法识别，请先改正再定稿。",
                severity="error",
                markup=False,
            )
            self._show_findings(self.session.card.findings)
            return
        card, form = self.session.card, self.session.form
        if card.errors:
            self._refuse_finalize(card.errors)
            return
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
        count = sum(1 for f in findings if f.severity == "error")
        self.notify(f"无法定稿：还有 {count} 个错误，见复核清单。", severity="error", markup=False)
        self._show_findings(findings)

    def _show_findings(self, findings: list[Finding]) -> None:
        """The 复核 list with ``findings``, the cursor in it."""
        self.show_step("review")
        self._part(ReviewStep).show(self.session.form, self.session.card, findings)
        self.put_cursor(self.query_one("#findings", OptionList))

    @on(ReviewStep.FindingChosen)
    async def _finding_chosen(self, event: ReviewStep.FindingChosen) -> None:
        await self.focus_field(event.path)  # a click; Enter comes through action_accept_field

    @on(ReviewStep.FinalizeAsked)
    def _finalize_asked(self) -> None:
        # On the app's task: finalising closes this screen, which its own task cannot await.
        self.app.call_later(self.action_finalize)
