"""The funds step in the unit the user chose: heading, cells, and amounts typed in 万元."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Label

from core.settings import update_settings
from core.store import Store
from tests.tui.form_helpers import draft_of, form_app, type_text
from tui.widgets.money_input import MoneyInput


async def test_amounts_show_and_are_typed_in_万元(store: Store, db_path) -> None:
    update_settings(money_unit="万元")
    form_id = draft_of(store)  # 网络信息系统运行与维护: 75,248.00 元
    async with form_app(db_path, form_id, "funds.other.initial") as (app, pilot):
        assert str(app.screen.query_one("#funds-heading", Label).render()) == "项目资金（万元）"
        total = app.screen.query_one("#f-funds-total-annual", MoneyInput)
        assert total.value == "7.5248"
        await pilot.press("end", *["backspace"] * 4)  # "0.00"
        await type_text(pilot, "1.5")
        await pilot.press("tab")
        await pilot.pause()
        assert store.get_form(form_id).form.funds.other.initial == Decimal(15000)
        other = app.screen.query_one("#f-funds-other-initial", MoneyInput)
        assert other.value == "1.50"


async def test_amounts_show_in_元_by_default(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "funds.other.initial") as (app, _pilot):
        assert str(app.screen.query_one("#funds-heading", Label).render()) == "项目资金（元）"
        assert app.screen.query_one("#f-funds-total-annual", MoneyInput).value == "75,248.00"
