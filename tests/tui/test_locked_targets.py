"""A target locked from the 目标申报表: shown, not editable, F8 unlocks it with a reason."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from core.store import Store
from core.vocabulary import LOCKED_LABEL
from tui.app import JixiaoApp
from tui.screens.modals import TextPromptModal
from tui.screens.review import ReviewScreen
from tui.widgets.fields import FieldInput
from tui.widgets.indicator_row import IndicatorRow

from .conftest import plain
from .form_helpers import focused_path, folded_line, form_app, sample


def _locked_draft(store: Store) -> int:
    form = sample()
    rows = [row.model_copy(update={"target_locked": True}) for row in form.indicators]
    return store.create_form(form.model_copy(update={"indicators": rows})).id


async def test_a_locked_target_is_shown_read_only_and_unlocked_with_a_reason(
    store: Store, db_path
) -> None:
    form_id = _locked_draft(store)
    async with form_app(db_path, form_id, "indicators[0].name", size=(120, 36)) as (app, pilot):
        row = app.screen.query_one(IndicatorRow)
        target = row.query_one("#target", FieldInput)
        assert target.disabled and target.value == "=100%"
        assert "已锁定" in str(row.query_one("#lock").render())
        await pilot.press("enter")  # from 三级指标 Enter skips the locked target
        assert focused_path(app) == "indicators[0].actual"
        await pilot.press("f8")
        assert isinstance(app.screen, TextPromptModal)
        await pilot.press("enter")  # no reason: refused in the dialog
        assert isinstance(app.screen, TextPromptModal)
        app.screen.query_one("#answer", Input).value = "预算调整，目标随之调整"
        await pilot.press("enter")
        await pilot.pause()
        target = app.screen.query_one(IndicatorRow).query_one("#target", FieldInput)
        assert not target.disabled
    history = store.history(form_id)
    unlock = next(change for change in history if change.path == "indicators[0].target_locked")
    assert unlock.note == "预算调整，目标随之调整"
    assert not store.get_form(form_id).form.indicators[0].target_locked
    assert store.get_form(form_id).form.indicators[1].target_locked


async def test_f8_on_an_unlocked_row_says_so(store: Store, db_path) -> None:
    form_id = store.create_form(sample()).id
    async with form_app(db_path, form_id, "indicators[0].name") as (app, pilot):
        await pilot.press("f8")
        assert any("没有锁定" in n.message for n in app._notifications)


async def test_the_lock_shows_in_folded_rows_and_groups(store: Store, db_path) -> None:
    form_id = _locked_draft(store)
    async with form_app(db_path, form_id, "indicators[6].name", size=(120, 36)) as (app, _pilot):
        assert f">=80%（{LOCKED_LABEL}）" in folded_line(app, 7)
        level2 = app.screen.query_one("#level2", OptionList)
        prompts = [str(level2.get_option_at_index(n).prompt) for n in range(level2.option_count)]
        assert f"服务对象满意度指标　2 行　{LOCKED_LABEL} 2" in prompts


async def test_an_unlocked_row_folds_without_the_mark(store: Store, db_path) -> None:
    form_id = store.create_form(sample()).id
    async with form_app(db_path, form_id, "indicators[6].name", size=(120, 36)) as (app, _pilot):
        assert LOCKED_LABEL not in folded_line(app, 7)


async def test_the_read_only_review_and_the_review_step_show_the_lock(
    store: Store, db_path
) -> None:
    form_id = _locked_draft(store)
    async with form_app(db_path, form_id, size=(140, 40)) as (app, pilot):
        await pilot.press("f7")
        assert LOCKED_LABEL in plain(app.screen.query_one("#paper-table", Static))
    store.finalize(form_id)
    app = JixiaoApp(db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await app.open_form(form_id)
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert LOCKED_LABEL in plain(app.screen.query_one("#paper-table", Static))
