"""Keys that arrive in one burst (a paste-like IME commit, a fast typist, a terminal's buffer)
each land in the field that has the focus when that key comes, never in the field just left:
also when the key before them opened a group, added, opened or deleted a row, chose a band,
switched the step, chose a finding or closed a dialog (each mounts widgets)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from textual import events

from core.store import Store
from tui.app import JixiaoApp

from .form_helpers import blank_draft, draft_of, focused_path, form_app, stored


def send_burst(app, keys: list[tuple[str, str | None]]) -> None:
    """All the keys into the driver's queue at once, as a terminal delivers a burst."""
    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


def text_keys(text: str) -> list[tuple[str, str | None]]:
    return [(character, character) for character in text]


async def test_text_typed_right_after_enter_or_tab_lands_in_the_next_field(
    db_path: Path, empty_store: Store
) -> None:
    form_id = blank_draft(empty_store)
    async with form_app(db_path, form_id, "project") as (app, pilot):
        burst = [*text_keys("甲项目"), ("enter", "\r"), *text_keys("乙部门")]
        burst += [("tab", "\t"), *text_keys("丙单位")]
        send_burst(app, burst)
        await pilot.pause()
        await pilot.pause()
        assert focused_path(app) == "implementer"
        app.screen.flush()
    form = stored(db_path, form_id)
    assert (form.project, form.department, form.implementer) == ("甲项目", "乙部门", "丙单位")


async def test_text_typed_right_after_enter_on_a_step_s_last_field_lands_in_the_next_step(
    db_path: Path, empty_store: Store
) -> None:
    form_id = blank_draft(empty_store)
    async with form_app(db_path, form_id, "implementer") as (app, pilot):
        send_burst(app, [*text_keys("丁单位"), ("enter", "\r"), *text_keys("50000")])
        await pilot.pause()
        await pilot.pause()
        assert app.screen.active_step == "funds"
        assert focused_path(app) == "funds.total.initial"
        # the terminal cursor, where an input method opens its window, stands in that field
        assert app.focused.region.contains(*app.cursor_position)
        app.screen.flush()
    form = stored(db_path, form_id)
    assert form.implementer == "丁单位"
    assert form.funds.total.initial == Decimal(50000)


ENTER = ("enter", "\r")


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def test_text_typed_right_after_a_group_opens_lands_in_its_first_row(
    db_path: Path, empty_store: Store
) -> None:
    form_id = blank_draft(empty_store)
    async with form_app(db_path, form_id) as (app, pilot):
        send_burst(app, [("f6", None), ENTER, ENTER, *text_keys("甲指标"), ENTER])
        send_burst(app, [*text_keys("≥95%"), ENTER, *text_keys("96%")])
        await settle(pilot)
        assert focused_path(app) == "indicators[0].actual"
        app.screen.flush()
    row = stored(db_path, form_id).indicators[0]
    assert (row.level1, row.level2) == ("产出指标", "数量指标")
    assert (row.name, row.target, row.actual) == ("甲指标", "≥95%", "96%")


async def test_text_typed_right_after_enter_adds_a_row_lands_in_the_new_row(
    db_path: Path, store: Store
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[7].deviation") as (app, pilot):
        send_burst(app, [ENTER, *text_keys("乙指标"), ENTER, *text_keys("=100%"), ENTER])
        await settle(pilot)
        assert focused_path(app) == "indicators[8].actual"
        app.screen.flush()
    row = stored(db_path, form_id).indicators[8]
    assert (row.name, row.target) == ("乙指标", "=100%")


async def test_text_typed_right_after_ctrl_n_or_tab_into_a_folded_row_lands_there(
    db_path: Path, store: Store
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[6].deviation") as (app, pilot):
        send_burst(app, [("tab", "\t"), *text_keys("丙指标"), ("ctrl+n", None)])
        send_burst(app, [*text_keys("丁指标"), ("shift+tab", None), *text_keys("戊")])
        await settle(pilot)
        assert focused_path(app) == "indicators[7].deviation"
        app.screen.flush()
    rows = stored(db_path, form_id).indicators
    assert (rows[7].name, rows[7].deviation) == ("丙指标", "戊")
    assert rows[8].name == "丁指标"


async def test_keys_typed_right_after_a_band_is_chosen_land_in_the_deviation(
    db_path: Path, store: Store
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[1].actual") as (app, pilot):
        burst = [*text_keys("部分提高"), ENTER, ENTER, ENTER]  # → 分值 → 得分 → 评价等级
        burst += [("2", "2"), ENTER, *text_keys("部分未完成")]
        send_burst(app, burst)
        await settle(pilot)
        assert focused_path(app) == "indicators[1].deviation"
        app.screen.flush()
    row = stored(db_path, form_id).indicators[1]
    assert row.grade == "部分达成年度指标并具有一定效果"
    assert row.deviation.endswith("部分未完成")


async def test_keys_typed_right_after_a_row_is_deleted_land_in_the_next_row(
    db_path: Path, store: Store
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[6].name") as (app, pilot):
        send_burst(app, [("ctrl+d", None), ("y", "y"), *text_keys("己指标")])
        await settle(pilot)
        assert focused_path(app) == "indicators[6].name"
        app.screen.flush()
    rows = stored(db_path, form_id).indicators
    assert len(rows) == 7 and rows[6].name == "己指标"


async def test_keys_typed_right_after_a_step_key_land_in_that_step(
    db_path: Path, store: Store
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id) as (app, pilot):
        send_burst(app, [("f4", None), *text_keys("90000"), ENTER, ("f5", None)])
        send_burst(app, [*text_keys("目标"), ("f3", None), ("tab", "\t"), *text_keys("新项目")])
        await settle(pilot)
        assert focused_path(app) == "project"
        app.screen.flush()
    form = stored(db_path, form_id)
    assert form.funds.total.initial == Decimal(90000)
    assert form.goals.expected.endswith("目标")
    assert form.project == "新项目"


async def test_keys_typed_right_after_a_finding_is_chosen_land_in_its_field(
    db_path: Path, store: Store
) -> None:
    form_id = draft_of(store)
    store.set_field(form_id, "indicators[2].score", None)
    async with form_app(db_path, form_id) as (app, pilot):
        send_burst(app, [("f7", None), ENTER, *text_keys("2"), ENTER])
        await settle(pilot)
        assert focused_path(app) == "indicators[2].deviation"
        app.screen.flush()
    assert stored(db_path, form_id).indicators[2].score == Decimal(2)


async def test_the_new_form_dialog_leaves_the_cursor_in_the_project_name(
    db_path: Path, store: Store
) -> None:
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        send_burst(app, [("n", "n"), ENTER, *text_keys("新项目"), ENTER, *text_keys("新部门")])
        await settle(pilot)
        assert focused_path(app) == "department"
        form_id = app.screen.form_id
        app.screen.flush()
    form = stored(db_path, form_id)
    assert (form.project, form.department) == ("新项目", "新部门")
