"""A target locked from the 目标申报表: shown, not editable, F8 unlocks it with a reason."""

from __future__ import annotations

from textual.widgets import Input

from core.store import Store
from tui.screens.modals import TextPromptModal
from tui.widgets.fields import FieldInput
from tui.widgets.indicator_row import IndicatorRow

from .form_helpers import focused_path, form_app, sample


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
