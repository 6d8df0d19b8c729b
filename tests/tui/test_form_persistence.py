"""Nothing is lost: writes when a field is left or a second after typing, bad input kept as
typed across a restart, the cursor saved for resuming."""

from __future__ import annotations

from decimal import Decimal

from core.store import Store
from tui.app import JixiaoApp
from tui.screens.form import WRITE_DELAY, FormScreen
from tui.widgets.field_errors import FieldErrors

from .conftest import plain
from .form_helpers import blank_draft, focused_path, form_app, stored, type_text


def errors_under(app, path: str) -> str:
    return "\n".join(
        plain(box).strip() for box in app.screen.query(FieldErrors) if path in box.paths
    )


async def test_typing_is_written_a_second_after_the_last_key(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "project") as (app, pilot):
        await type_text(pilot, "维稳工作")
        assert stored(db_path, form_id).project == ""
        await pilot.pause(WRITE_DELAY * 0.3)
        await type_text(pilot, "经费")
        await pilot.pause(WRITE_DELAY * 0.3)
        assert stored(db_path, form_id).project == ""
        await pilot.pause(WRITE_DELAY)
        assert stored(db_path, form_id).project == "维稳工作经费"
        assert focused_path(app) == "project"


async def test_bad_money_is_kept_as_typed_across_a_restart(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "funds.total.annual") as (app, pilot):
        await type_text(pilot, "12,34")
        await pilot.press("enter")
        assert focused_path(app) == "funds.total.executed"
        message = errors_under(app, "funds.total.annual")
        assert "金额“12,34”无法识别" in message
        assert app.screen.session.card.errors[0].path == "funds.total.annual"
    assert store.pending_inputs(form_id) == {"funds.total.annual": "12,34"}
    assert store.get_form(form_id).form.funds.total.annual is None

    app = JixiaoApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert focused_path(app) == "funds.total.executed"
        cell = app.screen.query_one("#f-funds-total-annual")
        assert cell.value == "12,34" and cell.has_class("-bad")
        assert "金额“12,34”无法识别" in errors_under(app, "funds.total.annual")
        await pilot.press("shift+tab")
        assert focused_path(app) == "funds.total.annual"
        await pilot.press("f2", "backspace", "backspace", "backspace")  # edit in place
        await type_text(pilot, "234")
        await pilot.press("tab")
        assert cell.value == "12,234.00" and not cell.has_class("-bad")
        assert errors_under(app, "funds.total.annual") == ""
    assert store.pending_inputs(form_id) == {}
    assert store.get_form(form_id).form.funds.total.annual == Decimal("12234")


async def test_the_cursor_follows_focus_and_reopens_there(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "goals.actual") as (app, pilot):
        await type_text(pilot, "完成")
        cursor = store.load_cursor()
        assert (cursor.form_id, cursor.step, cursor.path) == (form_id, "goals", "goals.actual")
    app = JixiaoApp(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert focused_path(app) == "goals.actual"
        assert app.focused.text == "完成"


async def test_leaving_the_form_writes_what_was_typed(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "implementer") as (app, pilot):
        await type_text(pilot, "信访办")
        await pilot.press("escape")
        assert not isinstance(app.screen, FormScreen)
        assert stored(db_path, form_id).implementer == "信访办"


async def test_a_change_made_elsewhere_is_reported_and_reloaded(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "department") as (app, pilot):
        store.set_field(form_id, "project", "别处改的[/]名称")
        await type_text(pilot, "信访办")
        await pilot.press("tab")
        messages = [notification.message for notification in app._notifications]
        assert any("项目名称" in m and "重新载入" in m for m in messages)
        assert app.screen.query_one("#f-project").value == "别处改的[/]名称"
        assert "别处改的[/]名称" in str(app.screen.query_one("#form-title").render())
        await type_text(pilot, "信访办")
        await pilot.press("tab")
    assert store.get_form(form_id).form.implementer == "信访办"


async def test_kept_text_that_reads_now_is_written(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    store.set_pending_input(form_id, "funds.total.annual", "1,000")
    store.set_pending_input(form_id, "funds.total.executed", "1,0")
    async with form_app(db_path, form_id) as (app, pilot):
        assert app.screen.query_one("#f-funds-total-annual").value == "1,000"
        await pilot.pause(WRITE_DELAY + 0.3)
    assert store.get_form(form_id).form.funds.total.annual == Decimal(1000)
    assert store.pending_inputs(form_id) == {"funds.total.executed": "1,0"}
