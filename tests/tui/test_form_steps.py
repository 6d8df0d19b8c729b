"""The form screen, step by step: keys in, widgets and the store read back."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import OptionList, TabbedContent

from core.store import Store
from tui.screens.form.funds import FundsStep
from tui.widgets.field_errors import FieldErrors
from tui.widgets.fields import FieldInput, FieldTextArea
from tui.widgets.score_panel import ScorePanel

from .conftest import plain
from .form_helpers import blank_draft, draft_of, focused_path, form_app, screen, type_text


def field(app, path: str):
    return next(w for w in app.screen.query("FieldInput, FieldTextArea") if w.field_path == path)


async def test_the_five_steps_are_named_and_switch_by_key(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id) as (app, pilot):
        tabs = app.screen.query_one(TabbedContent)
        labels = [str(tab.label) for tab in app.screen.query("ContentTab")]
        assert labels == ["F3 基本信息", "F4 项目资金", "F5 年度目标", "F6 绩效指标", "F7 复核"]
        assert tabs.active == "basic"
        for expected in ("funds", "goals", "indicators", "review", "review"):
            await pilot.press("ctrl+pagedown")
            assert tabs.active == expected
        await pilot.press("ctrl+pageup")
        assert tabs.active == "indicators"
        for key, step in (("f3", "basic"), ("f4", "funds"), ("f6", "indicators"), ("f7", "review")):
            await pilot.press(key)
            assert tabs.active == step, key
        await pilot.press("f4")
        assert focused_path(app) == "funds.total.initial"


async def test_basic_fields_are_written_when_left_and_enter_moves_on(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id) as (app, pilot):
        assert focused_path(app) == "year"
        await pilot.press("enter")
        assert focused_path(app) == "project"
        await type_text(pilot, "信访[bold]宣传[/]")
        await pilot.press("enter")
        assert focused_path(app) == "department"
        assert store.get_form(form_id).form.project == "信访[bold]宣传[/]"
        assert "信访[bold]宣传[/]" in str(app.screen.query_one("#form-title").render())
        await type_text(pilot, "松江区信访办")
        await pilot.press("tab")
        assert focused_path(app) == "implementer"
        assert store.get_form(form_id).form.department == "松江区信访办"
        cursor = store.load_cursor()
        assert cursor is not None and cursor.path == "implementer" and cursor.step == "basic"
        await pilot.press("enter")
        assert screen(app).active_step == "funds"


async def test_a_bad_year_is_kept_as_typed_with_its_reason(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id) as (app, pilot):
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"1999", "enter")
        assert field(app, "year").has_class("-bad")
        errors = app.screen.query(FieldErrors).first()
        assert "年度" in plain(errors) and "2000" in plain(errors)
        assert store.pending_inputs(form_id) == {"year": "1999"}
        assert store.get_form(form_id).form.year == 2023
        assert focused_path(app) == "project"


async def test_money_shows_grouped_once_left_and_the_panel_follows(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "funds.total.annual") as (app, pilot):
        assert focused_path(app) == "funds.total.annual"
        await type_text(pilot, "100000")
        await pilot.press("enter")
        assert focused_path(app) == "funds.total.executed"
        assert field(app, "funds.total.annual").value == "100,000.00"
        await type_text(pilot, "85300")
        panel = app.screen.query_one(ScorePanel)
        assert panel.scorecard.budget.rate == Decimal("85.30")
        assert panel.scorecard.budget.suggested == Decimal("8.53")
        assert "85.30%" in str(app.screen.query_one("#budget-rate").render())
        await pilot.press("tab")
        assert store.get_form(form_id).form.funds.total.executed == Decimal("85300")


async def test_ctrl_t_fills_the_total_row_from_its_parts(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "funds.fiscal.initial") as (app, pilot):
        await type_text(pilot, "1,000.50")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "2000")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "11.5万")
        await pilot.press("ctrl+t")
        assert field(app, "funds.total.initial").value == "118,000.50"
        funds = store.get_form(form_id).form.funds
        assert funds.total.initial == Decimal("118000.50")
        assert funds.total.annual is None


async def test_ctrl_y_accepts_the_suggested_budget_score(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "funds.total.annual") as (app, pilot):
        await type_text(pilot, "250000")
        await pilot.press("enter")
        await type_text(pilot, "215457.60")
        await pilot.press("enter")
        steps = app.screen.query_one(FundsStep)
        assert "8.62" in str(steps.query_one("#budget-suggestion").render())
        await pilot.press("ctrl+y")
        assert field(app, "budget_score").value == "8.62"
        assert store.get_form(form_id).form.budget_score == Decimal("8.62")
        assert app.screen.query_one(ScorePanel).scorecard.budget.entered == Decimal("8.62")


async def test_goals_wrap_and_enter_moves_on(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "goals.expected") as (app, pilot):
        area = field(app, "goals.expected")
        assert isinstance(area, FieldTextArea) and area.soft_wrap
        long_text = "进一步畅通信访渠道，加强源头治理，" * 6
        area.insert(long_text)
        await pilot.press("enter")
        assert focused_path(app) == "goals.actual"
        assert store.get_form(form_id).form.goals.expected == long_text
        assert area.wrapped_document.height > 1
        await type_text(pilot, "完成")
        await pilot.press("ctrl+j")
        await type_text(pilot, "良好")
        await pilot.press("tab")
        assert store.get_form(form_id).form.goals.actual == "完成\n良好"


async def test_escape_goes_back_one_level_then_home(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[2].score") as (app, pilot):
        assert focused_path(app) == "indicators[2].score"
        await pilot.press("escape")
        assert app.focused.id == "level2"
        await pilot.press("escape")
        assert app.focused.id == "level1"
        assert isinstance(app.focused, OptionList)
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"


def test_field_inputs_are_textual_inputs() -> None:
    """Input and TextArea place the terminal cursor for an input method."""
    from textual.widgets import Input, TextArea

    assert issubclass(FieldInput, Input) and issubclass(FieldTextArea, TextArea)


async def test_a_step_chosen_with_the_mouse_takes_the_cursor(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "project") as (app, pilot):
        await pilot.click("#--content-tab-goals")
        await pilot.pause()
        assert screen(app).active_step == "goals"
        assert focused_path(app) == "goals.expected"


async def test_the_terminal_cursor_follows_chinese_text_for_the_ime(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "project") as (app, pilot):
        await type_text(pilot, "信访a")
        await pilot.press("left")
        field_region = app.focused.content_region
        assert app.cursor_position == (field_region.x + 4, field_region.y)
        await pilot.press("f5")
        await type_text(pilot, "目标")
        area = app.focused
        assert app.cursor_position == (area.content_region.x + 4, area.content_region.y)


async def test_the_funds_grid_is_in_the_papers_order(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "funds.total.initial", size=(120, 40)) as (app, _):
        grid = app.screen.query_one("#funds-grid")
        labels = [
            str(label.render()).strip("　 ") for label in grid.query("Label") if label.display
        ]
        assert labels == [
            "项目资金（元）", "年初预算数", "全年预算数", "全年执行数",
            "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金",
        ]  # fmt: skip
        cells = [cell.field_path for cell in grid.query(FieldInput)]
        assert cells[:3] == ["funds.total.initial", "funds.total.annual", "funds.total.executed"]
        assert cells[-1] == "funds.other.executed"
        assert [cell.value for cell in grid.query(FieldInput)][:3] == [
            "78,504.00", "75,248.00", "75,248.00",
        ]  # fmt: skip
