"""Amounts, weights and scores are never changed behind the user's back: what cannot be read
stays as typed (or pasted) with the reason under the field; 元 and 万元 are read."""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual import events

from core.store import Store
from tui.widgets.field_errors import FieldErrors

from .conftest import plain
from .form_helpers import blank_draft, form_app, stored, type_fast


def errors_under(app, path: str) -> str:
    return "\n".join(
        plain(box).strip() for box in app.screen.query(FieldErrors) if path in box.paths
    )


def paste(app, text: str) -> None:
    event = events.Paste(text)
    event.set_sender(app)
    app._driver.send_message(event)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1e9", "不接受科学计数法"),
        ("1O00", "含有字母“O”"),
        ("-5", "不能为负数"),
        ("abc", "无法识别"),
        ("1.2.3", "无法识别"),
    ],
)
async def test_an_amount_that_cannot_be_read_stays_as_typed_with_its_reason(
    store: Store, db_path, typed: str, says: str
) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "funds.total.annual") as (app, pilot):
        await type_fast(pilot, typed, then="tab")
        cell = app.screen.query_one("#f-funds-total-annual")
        assert cell.value == typed and cell.has_class("-bad")
        assert says in errors_under(app, "funds.total.annual")
    assert store.pending_inputs(form_id) == {"funds.total.annual": typed}
    assert stored(db_path, form_id).funds.total.annual is None


async def test_a_pasted_amount_that_cannot_be_read_stays_as_pasted(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "funds.total.annual") as (app, pilot):
        paste(app, "1e9")
        await pilot.pause()
        cell = app.screen.query_one("#f-funds-total-annual")
        assert cell.value == "1e9"
        await pilot.press("tab")
        assert "不接受科学计数法" in errors_under(app, "funds.total.annual")
    assert store.pending_inputs(form_id) == {"funds.total.annual": "1e9"}


@pytest.mark.parametrize(
    ("typed", "shown", "amount"),
    [
        ("12万", "120,000.00", "120000"),
        ("12.5万元", "125,000.00", "125000"),
        ("8000元", "8,000.00", "8000"),
    ],
)
async def test_amounts_in_wan_yuan_are_read(
    store: Store, db_path, typed: str, shown: str, amount: str
) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "funds.total.annual") as (app, pilot):
        await type_fast(pilot, typed, then="tab")
        assert app.screen.query_one("#f-funds-total-annual").value == shown
    assert stored(db_path, form_id).funds.total.annual == Decimal(amount)


@pytest.mark.parametrize(("typed", "says"), [("abc", "无法识别"), ("1O", "含有字母“O”")])
async def test_a_score_that_cannot_be_read_stays_as_typed(
    store: Store, db_path, typed: str, says: str
) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id, "budget_score") as (app, pilot):
        await type_fast(pilot, typed, then="tab")
        field = app.screen.query_one("#f-budget_score")
        assert field.value == typed and field.has_class("-bad")
        assert says in errors_under(app, "budget_score")
