"""A one-line field behaves as a spreadsheet cell: arriving in it selects its value, so typing
replaces it; F2 or → edits it in place. Long text fields take what is typed at their end."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.store import Store

from .form_helpers import draft_of, focused_path, form_app, stored, type_fast, type_text


@pytest.mark.parametrize(
    ("path", "typed"),
    [
        ("year", "2023"),
        ("project", "新项目"),
        ("department", "新部门"),
        ("funds.total.annual", "80000"),
        ("budget_score", "9"),
        ("indicators[0].name", "新指标"),
        ("indicators[0].target", "≥95%"),
        ("indicators[0].actual", "96%"),
        ("indicators[0].weight", "15"),
        ("indicators[0].score", "14"),
    ],
)
async def test_typing_into_a_filled_field_replaces_its_value(
    store: Store, db_path, path: str, typed: str
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, path) as (app, pilot):
        assert app.focused.value, "the field holds last year's value"
        await type_fast(pilot, typed)
        assert app.focused.value == typed


async def test_a_value_is_replaced_in_a_field_reached_with_enter(store: Store, db_path) -> None:
    """The clone's case: 100 typed into 实际完成值 holding 100 is 100, not 100100."""
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].target") as (app, pilot):
        await pilot.press("enter")
        assert focused_path(app) == "indicators[0].actual"
        assert app.focused.value == "100"
        await type_text(pilot, "100")
        await pilot.press("enter", "enter")
        assert focused_path(app) == "indicators[0].score"
        await type_text(pilot, "20")
        await pilot.press("enter")
        assert app.screen.session.card.total == Decimal(100)
    row = stored(db_path, form_id).indicators[0]
    assert (row.actual, row.score) == ("100", Decimal(20))


@pytest.mark.parametrize("key", ["f2", "right", "end"])
async def test_f2_or_right_edits_in_place(store: Store, db_path, key: str) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "project") as (app, pilot):
        await pilot.press(key)
        await type_text(pilot, "二期")
        assert app.focused.value == "网络信息系统运行与维护二期"


async def test_backspace_clears_the_value(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].weight") as (app, pilot):
        await pilot.press("backspace")
        assert app.focused.value == ""
        await pilot.press("enter")
    assert stored(db_path, form_id).indicators[0].weight is None


async def test_long_text_is_added_to_at_its_end(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "goals.expected") as (app, pilot):
        await type_text(pilot, "补充")
        assert app.focused.text.endswith("信息化服务。补充")
