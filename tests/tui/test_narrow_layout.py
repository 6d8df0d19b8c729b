"""At 80×24 every field of the row being edited is on screen, amounts show whole, the score
panel can be hidden (and stays hidden for this user), read-only views keep every column readable;
below the minimum size the app says so."""

from __future__ import annotations

from pathlib import Path

from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, Static

from core.settings import load_settings
from core.store import Store
from tui.app import JixiaoApp
from tui.screens.compare import CompareScreen
from tui.screens.form.funds import FundsStep
from tui.screens.home import HomeScreen
from tui.screens.review import ReviewScreen
from tui.screens.too_small import TooSmallScreen
from tui.widgets.indicator_row import IndicatorRow
from tui.widgets.money_input import MoneyInput
from tui.widgets.score_panel import ScorePanel

from .conftest import form_id_of, plain
from .form_helpers import draft_of, focused_path, form_app

SMALL = (80, 24)


def in_view(widget: Widget, beside: Region | None = None) -> bool:
    """Whether the widget is drawn whole on the screen, left of ``beside`` (the panel)."""
    region = widget.region
    screen = widget.screen.region
    return (
        region.width > 0
        and screen.contains_region(region)
        and (beside is None or region.right <= beside.x)
    )


async def test_every_field_of_the_row_is_on_screen_at_80_by_24(store: Store, db_path) -> None:
    form_id = store.clone_to_year(form_id_of(store, "宣传与推广")).id
    async with form_app(db_path, form_id, "indicators[0].name", size=SMALL) as (app, pilot):
        panel = app.screen.query_one(ScorePanel)
        assert panel.display and panel.region.width > 0
        row = app.screen.query_one(IndicatorRow)
        assert row.has_class("-narrow")
        for field in row.fields():
            assert in_view(field, panel.region), field.field_path
            assert field.region.width >= 5, field.field_path
        score = row.field_widget("score")
        app.screen.set_focus(score)
        await pilot.press("9")
        assert score.value == "9" and in_view(score, panel.region)


async def test_amounts_show_whole_at_80_by_24(store: Store, db_path) -> None:
    form_id = draft_of(store)
    store.set_field(form_id, "funds.total.annual", "3852396.53")
    async with form_app(db_path, form_id, "funds.total.annual", size=SMALL) as (app, _pilot):
        assert app.screen.query_one(FundsStep).has_class("-narrow")
        panel = app.screen.query_one(ScorePanel)
        for cell in app.screen.query(MoneyInput):
            assert in_view(cell, panel.region), cell.field_path
            assert cell.region.width >= len("3,852,396.53"), cell.field_path
        assert app.focused.value == "3,852,396.53"


async def test_ctrl_g_hides_the_panel_and_it_stays_hidden(store: Store, db_path: Path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, size=SMALL) as (app, pilot):
        title_score = app.screen.query_one("#title-score", Static)
        assert not title_score.display
        await pilot.press("ctrl+g")
        assert not app.screen.query_one(ScorePanel).display
        assert title_score.display
        assert "总分 100.00" in str(title_score.render())
    assert load_settings().show_score_panel is False
    async with form_app(db_path, form_id, size=SMALL) as (app, pilot):
        assert not app.screen.query_one(ScorePanel).display
        await pilot.press("ctrl+g")
        assert app.screen.query_one(ScorePanel).display
    assert load_settings().show_score_panel is True


async def test_the_panel_gives_way_below_70_columns(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "project", size=(66, 24)) as (app, _pilot):
        assert not app.screen.query_one(ScorePanel).display
        assert "总分" in str(app.screen.query_one("#title-score", Static).render())
        assert all(in_view(tab) for tab in app.screen.query("ContentTab"))


async def test_the_tabs_take_short_names_beside_the_panel_at_80(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "project", size=SMALL) as (app, pilot):
        await pilot.pause()
        tabs = [str(tab.label) for tab in app.screen.query("ContentTab")]
        assert tabs == ["F3 基本", "F4 资金", "F5 目标", "F6 指标", "F7 复核"]
        assert all(in_view(tab) for tab in app.screen.query("ContentTab"))


async def test_below_the_minimum_size_the_app_says_so(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "终端窗口太小（50×15）" in plain(app.screen.query_one(Static))
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_home_shows_every_column_at_80(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = [column.get_render_width(table) for column in table.columns.values()]
        assert len(widths) == 6 and sum(widths) <= table.scrollable_content_region.width


async def test_review_and_compare_keep_every_column_readable_at_80(store: Store, db_path) -> None:
    final = form_id_of(store, "课题与规划")
    clone = store.clone_to_year(form_id_of(store, "宣传与推广")).id
    app = JixiaoApp(db_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await app.open_form(final)
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one("#paper", ScrollableContainer).max_scroll_x == 0
        paper = plain(app.screen.query_one("#paper-table", Static), width=77)
        assert "=100%" in paper  # a target on one line
        app.pop_screen()
        await app.push_screen(CompareScreen(app.store, clone))
        await pilot.pause()
        assert app.screen.query_one("#comparison", ScrollableContainer).max_scroll_x == 0
        tables = plain(app.screen.query_one("#compare-tables", Static), width=76)
        assert "实际完" in tables and "得分" in tables and "=100%" in tables


async def test_the_row_keeps_three_columns_where_there_is_room(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].name", size=(120, 40)) as (app, _pilot):
        row = app.screen.query_one(IndicatorRow)
        assert not row.has_class("-narrow")
        name, target = row.field_widget("name"), row.field_widget("target")
        assert name.region.y == target.region.y  # 三级指标 and 指标值 on one line
        assert focused_path(app) == "indicators[0].name"
