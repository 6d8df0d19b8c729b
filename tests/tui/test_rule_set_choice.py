"""The form's rule set chosen in 基本信息: names from the rule-set data, scored again at once,
written with its history, and passed by on the Enter path."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Select, Static

from core.rules import load_rule_set, shipped_rule_sets
from core.store import Store
from tui.screens.form.funds import FundsStep
from tui.widgets.score_panel import ScorePanel

from .conftest import plain
from .form_helpers import draft_of, focused_path, form_app, screen


def panel(app) -> str:
    """The score panel's lines as the screen shows them."""
    shown = app.screen.query_one(ScorePanel)
    height = shown.scrollable_content_region.height
    return "\n".join(shown.render_line(y).text.rstrip() for y in range(height))


async def test_the_choices_are_the_shipped_rule_sets_by_their_chinese_titles(
    store: Store, db_path
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id) as (app, _pilot):
        select = app.screen.query_one("#f-rule_set", Select)
        titles = [str(prompt) for prompt, _ in select._options]
        assert titles == [rules.title for rules in shipped_rule_sets()]
        assert select.value == "national-2020"
        description = plain(app.screen.query_one("#rule-set-description", Static))
        assert load_rule_set().description[:20] in description


async def test_choosing_budget_20_rescores_live_and_is_recorded(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "implementer", size=(120, 40)) as (app, pilot):
        await pilot.press("tab")
        assert app.focused.id == "f-rule_set"
        await pilot.press("space")  # the list opens
        await pilot.press("down", "enter")  # national-2020 → budget-20
        await pilot.pause()
        assert screen(app).session.rules.name == "budget-20"
        assert "绩效指标 × 0.8" in panel(app)
        description = plain(app.screen.query_one("#rule-set-description", Static))
        assert "预算执行 20 分" in description
        funds = app.screen.query_one(FundsStep)
        assert str(funds.query_one("#budget-weight").render()) == "20"
    stored = store.get_form(form_id).form
    assert stored.rule_set == "budget-20" and stored.budget_weight == Decimal(20)
    change = next(c for c in store.history(form_id) if c.path == "rule_set")
    assert (change.old, change.new) == (None, "budget-20")


async def test_enter_passes_the_choice_by_and_tab_comes_back(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "implementer") as (app, pilot):
        await pilot.press("enter")
        assert focused_path(app) == "funds.total.initial"
        await pilot.press("f3")
        await pilot.press("shift+tab")
        assert app.focused.id == "f-rule_set"
        await pilot.press("enter")  # Enter on the choice moves on, choosing nothing
        assert focused_path(app) == "funds.total.initial"
    assert store.get_form(form_id).form.rule_set is None


async def test_a_form_under_a_profile_opens_with_it_chosen(store: Store, db_path) -> None:
    from core.edit import set_field

    from .form_helpers import sample

    form_id = draft_of(store, set_field(sample(), "rule_set", "execution-caps"))
    async with form_app(db_path, form_id) as (app, _pilot):
        assert app.screen.query_one("#f-rule_set", Select).value == "execution-caps"
        assert screen(app).session.card.rule_set == "execution-caps"
