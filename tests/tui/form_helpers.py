"""Helpers of the form-screen tests: a draft of a sample form, the app opened on it."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from core.edit import blank_form
from core.interchange import read_form
from core.model import Form
from core.resources import samples_dir
from core.store import Store
from tui.app import JixiaoApp
from tui.screens.form import FormScreen
from tui.widgets.folded_rows import FoldedRows

NETWORK = "网络信息系统运行与维护"


def sample(project: str = NETWORK) -> Form:
    """A 2022 sample form as a draft (samples ship as final)."""
    form = read_form(samples_dir() / "2022" / f"{project}.json")
    return form.model_copy(update={"status": None})


def draft_of(store: Store, form: Form | None = None) -> int:
    """Store a new draft (a sample by default) and return its id."""
    return store.create_form(form or sample()).id


def blank_draft(store: Store, year: int = 2023) -> int:
    return store.create_form(blank_form(year)).id


@asynccontextmanager
async def form_app(db_path: Path, form_id: int, focus_path: str | None = None, size=(100, 30)):
    """The real app on the store file, with the form screen of ``form_id`` on top."""
    app = JixiaoApp(db_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.edit_form(form_id, focus_path)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        yield app, pilot


def screen(app: JixiaoApp) -> FormScreen:
    assert isinstance(app.screen, FormScreen)
    return app.screen


def folded_line(app: JixiaoApp, index: int) -> str:
    """The line that folded row ``indicators[index]`` shows (as drawn on the screen)."""
    for folded in app.screen.query(FoldedRows):
        for y in range(0, 2 * len(folded.rows), 2):
            if folded.row_at(y).index == index:
                return folded.render_line(y).text
    raise AssertionError(f"indicators[{index}] is not folded")


def focused_path(app: JixiaoApp) -> str | None:
    return getattr(app.focused, "field_path", None)


async def type_text(pilot: Pilot, text: str) -> None:
    """Press one key per character (Chinese characters too)."""
    await pilot.press(*text)


async def type_fast(pilot: Pilot, text: str, then: str | None = None) -> None:
    """One key event per character, as a terminal sends them, without Pilot's idle wait.

    The events go through the driver like ``pilot.press`` (bindings, then the focused
    input), in order; only the wait for idleness after each key is saved, once for the
    text and the key ``then`` that ends it (Enter). The character is set as a terminal
    sets it, so full-width punctuation (，、。), which Pilot cannot look up by key name,
    arrives too.
    """
    app = pilot.app
    for character in text:
        key = _character_to_key(character)
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)
    if then is not None:
        event = events.Key(then, "\r" if then == "enter" else None)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


def stored(store_path: Path, form_id: int) -> Form:
    """The form as another process would read it from the file now."""
    with Store.open(store_path) as other:
        return other.get_form(form_id).form
