"""预算执行偏差原因 on the funds step, with the budget: typed, saved, asked for by a rule set."""

from __future__ import annotations

from textual.widgets import Static

from core.edit import set_field
from core.store import Store
from tui.screens.form.funds import FundsStep
from tui.widgets.field_errors import FieldErrors
from tui.widgets.fields import FieldTextArea

from .conftest import plain
from .form_helpers import draft_of, focused_path, form_app, sample, screen, type_fast


def low_execution(rule_set: str | None = "execution-explain"):
    form = set_field(sample(), "funds.total.executed", "40000")  # 53.16% of 75,248.00
    return set_field(form, "rule_set", rule_set) if rule_set else form


def deviation_hint(app) -> str:
    return plain(app.screen.query_one("#budget-deviation-hint", Static)).strip()


async def test_a_low_rate_asks_for_the_reason_beside_the_budget(store: Store, db_path) -> None:
    form_id = draft_of(store, low_execution())
    async with form_app(db_path, form_id, "budget_score", size=(80, 24)) as (app, pilot):
        assert "须填写预算执行偏差原因" in deviation_hint(app)
        await pilot.press("enter")
        assert focused_path(app) == "budget_deviation"
        await type_fast(pilot, "项目延期，部分资金结转下年")
        assert deviation_hint(app) == ""
        await pilot.press("enter")
        assert focused_path(app) != "budget_deviation", "Enter moves on"
    assert store.get_form(form_id).form.budget_deviation == "项目延期，部分资金结转下年"
    assert any(change.path == "budget_deviation" for change in store.history(form_id))


async def test_the_national_rules_ask_for_nothing(store: Store, db_path) -> None:
    form_id = draft_of(store, low_execution(None))
    async with form_app(db_path, form_id, "budget_deviation") as (app, _pilot):
        assert focused_path(app) == "budget_deviation"
        assert deviation_hint(app) == ""


async def test_a_reason_too_long_is_kept_and_named_in_chinese(store: Store, db_path) -> None:
    form_id = draft_of(store, low_execution())
    async with form_app(db_path, form_id, "budget_deviation") as (app, pilot):
        area = app.screen.query_one("#f-budget_deviation", FieldTextArea)
        area.load_text("长" * 5001)
        screen(app).edit_field("budget_deviation", area.text, area)
        await pilot.pause()
        errors = app.screen.query_one(FundsStep).query(FieldErrors).last()
        shown = plain(errors)
        assert "预算执行偏差原因" in shown and "5000" in shown
        assert area.has_class("-bad") and area.text == "长" * 5001
    assert store.get_form(form_id).form.budget_deviation == ""
