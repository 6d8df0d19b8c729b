"""Keys that arrive in one burst (a paste-like IME commit, a fast typist, a terminal's buffer)
each land in the field that has the focus when that key comes, never in the field just left."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from textual import events

from core.store import Store

from .form_helpers import blank_draft, focused_path, form_app, stored


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
