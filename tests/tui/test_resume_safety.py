"""Resuming never brings back a state that cannot be entered: a crash does not make the next
start crash, and a saved cursor counts only once the form has been shown with it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from core.store import Cursor, Store
from tui.app import JixiaoApp
from tui.screens.form import FormScreen
from tui.screens.home import HomeScreen
from tui.widgets.indicator_row import IndicatorRow

from .form_helpers import draft_of, focused_path, form_app


class Bug(Exception):
    """Stands for any bug of the app."""


@pytest.fixture(autouse=True)
def crash_log_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


async def test_after_a_crash_in_a_row_the_form_reopens_at_its_first_field(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form_id = draft_of(store)
    real_load = IndicatorRow.load

    def failing_load(row: IndicatorRow, *args, **kwargs) -> None:
        if row.index == 7:
            raise Bug("row 7")
        real_load(row, *args, **kwargs)

    with pytest.raises(Bug):
        async with form_app(db_path, form_id, "indicators[6].deviation") as (app, pilot):
            monkeypatch.setattr(IndicatorRow, "load", failing_load)
            await pilot.press("tab")  # into row 7: the bug
            await pilot.pause()
    assert store.load_cursor() == Cursor(form_id, None, None)

    monkeypatch.setattr(IndicatorRow, "load", real_load)
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert focused_path(app) == "year"


async def test_a_form_that_fails_while_opening_is_not_reopened(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form_id = draft_of(store)
    store.save_cursor(Cursor(form_id, "indicators", "indicators[3].score"))

    def failing_focus(screen: FormScreen, path: str) -> None:
        raise Bug(path)

    monkeypatch.setattr(FormScreen, "focus_field", failing_focus)
    with pytest.raises(Bug):
        async with JixiaoApp(db_path).run_test(size=(120, 40)) as pilot:
            await pilot.pause()
    cursor = store.load_cursor()
    assert cursor is not None and cursor.form_id is None

    monkeypatch.undo()
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_cursor_is_saved_only_once_the_form_is_shown(store: Store, db_path: Path) -> None:
    form_id = draft_of(store)
    store.save_cursor(Cursor(None, None, None))
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.edit_form(form_id, "indicators[2].actual")
        screen = app.screen
        assert isinstance(screen, FormScreen)
        assert not screen.shown
        assert store.load_cursor() == Cursor(None, None, None)
        await pilot.pause()
        await pilot.pause()
        assert screen.shown
        assert store.load_cursor() == Cursor(form_id, "indicators", "indicators[2].actual")


@pytest.mark.parametrize("path", ["indicators[99].name", "funds.nowhere.executed", "a[b"])
async def test_a_cursor_on_a_field_the_form_lacks_opens_the_first_field(
    store: Store, db_path: Path, path: str
) -> None:
    form_id = draft_of(store)
    store.save_cursor(Cursor(form_id, "indicators", path))
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert focused_path(app) == "year"
