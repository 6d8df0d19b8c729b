"""The small things a clerk feels: a multi-line paste, Ctrl+Z after a row change, the home
filter by year and status, the panel's *, last year as a new form's year, a duplicate form,
Chinese in the command palette."""

from __future__ import annotations

import datetime

import pytest
from textual import events
from textual.command import CommandList
from textual.widgets import Input

from core.edit import set_field
from core.store import Store
from tui.app import JixiaoApp
from tui.screens.form import FormScreen
from tui.screens.home import filter_terms
from tui.screens.modals import TextPromptModal
from tui.widgets.fields import joined_lines
from tui.widgets.score_panel import ScorePanel

from .conftest import form_id_of, reopened
from .form_helpers import draft_of, focused_path, form_app, sample, stored, type_fast
from .test_home import rows
from .test_widgets_score_panel import panel_text


def paste(app, text: str) -> None:
    event = events.Paste(text)
    event.set_sender(app)
    app._driver.send_message(event)


def test_lines_are_joined_as_the_text_reads() -> None:
    assert joined_lines(["信访接待系统", "维保完成率"]) == "信访接待系统维保完成率"
    assert joined_lines(["Network", "upkeep"]) == "Network upkeep"
    assert joined_lines(["完成率", "95%"]) == "完成率 95%"


async def test_a_multi_line_paste_is_joined_with_a_notice(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].name") as (app, pilot):
        paste(app, "信访接待系统\r\n维保完成率\n")
        await pilot.pause()
        assert app.focused.value == "信访接待系统维保完成率"
        notices = [n.message for n in app._notifications]
        assert any("粘贴的 2 行已合并为一行" in m for m in notices)


async def test_a_paste_loses_control_characters(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "project") as (app, pilot):
        paste(app, "网络\x1b[2J运维\u202e")
        await pilot.pause()
        assert app.focused.value == "网络[2J运维"


async def test_ctrl_z_brings_a_deleted_row_back(store: Store, db_path) -> None:
    form_id = draft_of(store)
    names = [row.name for row in sample().indicators]
    async with form_app(db_path, form_id, "indicators[6].name") as (app, pilot):
        await pilot.press("ctrl+d", "y")
        assert [r.name for r in stored(db_path, form_id).indicators] == names[:6] + names[7:]
        await pilot.press("ctrl+z")
        assert [r.name for r in stored(db_path, form_id).indicators] == names
        assert focused_path(app) == "indicators[6].name"
        assert any("已撤销删除的第 7 行" in n.message for n in app._notifications)
        await pilot.press("ctrl+down")
        assert [r.name for r in stored(db_path, form_id).indicators][6:] == names[7:5:-1]
        await pilot.press("ctrl+z")
        assert [r.name for r in stored(db_path, form_id).indicators] == names


async def test_ctrl_z_after_typing_leaves_the_rows_alone(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[6].name") as (app, pilot):
        await pilot.press("ctrl+n")
        assert focused_path(app) == "indicators[7].name"
        await type_fast(pilot, "新指标")
        await pilot.press("ctrl+z")  # typing came last: the new row is not taken back
        assert focused_path(app) == "indicators[7].name"
        assert app.focused.value == "新指标"
        app.screen.flush()
    assert stored(db_path, form_id).indicators[7].name == "新指标"


def test_the_filter_reads_years_and_states() -> None:
    assert filter_terms("2023") == {"year": 2023}
    assert filter_terms("２０２３年 草稿") == {"year": 2023, "status": "draft"}
    assert filter_terms("已定稿 维稳") == {"status": "final", "query": "维稳"}
    assert filter_terms("信访 办公室") == {"query": "信访 办公室"}


@pytest.mark.parametrize(
    ("typed", "projects"),
    [
        ("2023", ["维稳工作"]),
        ("草稿", ["维稳工作", "课题与规划"]),
        ("定稿", ["网络信息系统运行与维护", "宣传与推广", "维稳工作"]),
        ("2022 维稳", ["维稳工作"]),
    ],
)
async def test_the_home_filter_finds_by_year_and_status(
    store: Store, make_app, typed: str, projects: list[str]
) -> None:
    store.clone_to_year(form_id_of(store, "维稳工作"))
    reopened(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert sorted(cells[1] for cells in rows(app)) == sorted(projects)


async def test_the_panel_says_what_its_star_means(store: Store, db_path) -> None:
    form = set_field(sample(), "indicators[0].weight", "25")
    form_id = draft_of(store, form)
    async with form_app(db_path, form_id, size=(120, 40)) as (app, _pilot):
        text = panel_text(app.screen.query_one(ScorePanel))
        assert "/55*" in text
        assert "*分值与规则的建议不同：产出指标 50" in text.replace("\n", "")


async def test_a_new_form_is_for_last_year(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, TextPromptModal)
        last_year = str(datetime.date.today().year - 1)
        assert app.screen.query_one("#answer", Input).value == last_year


async def test_a_form_like_a_stored_one_is_flagged(store: Store, db_path) -> None:
    form_id = draft_of(store, sample().model_copy(update={"project": "", "year": 2022}))
    async with form_app(db_path, form_id, "project") as (app, pilot):
        await type_fast(pilot, "网络信息系统运行与维护", then="tab")
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("已有 2022 年度“网络信息系统运行与维护”" in m for m in warnings)
        assert isinstance(app.screen, FormScreen)


async def test_the_palette_says_no_match_in_chinese(store: Store, db_path) -> None:
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+p")
        await type_fast(pilot, "zzzz")
        await pilot.pause(0.8)
        listed = app.screen.query_one(CommandList)
        prompts = [str(listed.get_option_at_index(n).prompt) for n in range(listed.option_count)]
        assert any("没有找到匹配的命令" in prompt for prompt in prompts), prompts
