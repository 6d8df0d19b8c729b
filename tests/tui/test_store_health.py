"""The TUI on a damaged store: a damaged form is marked on the home and does not open; a broken
file structure, found by the check that runs once the home is shown, stops every write."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import DataTable

from core.store import Store, StoreError
from tests.store.damage import damage_body
from tui import app as app_module
from tui.app import JixiaoApp
from tui.screens.home import HomeScreen

from .conftest import form_id_of


def _rows(app: JixiaoApp) -> dict[str, list[str]]:
    table = app.screen.query_one("#forms", DataTable)
    cells = [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]
    return {row[1]: row for row in cells}


async def test_a_damaged_form_is_marked_on_the_home_and_refuses_to_open(store: Store, db_path):
    form_id = form_id_of(store, "维稳工作")
    store.close()
    damage_body(db_path, form_id)
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        row = _rows(app)["维稳工作"]
        assert row[3:] == ["已损坏", "—", "—"]
        assert _rows(app)["课题与规划"][3] == "已定稿"
        await app.open_form(form_id)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any(f"表单 {form_id} 已损坏" in str(n.message) for n in app._notifications)


def _scribble(path: Path) -> None:
    """Broken pages two thirds into the file (history and index pages, not the list's)."""
    pages = path.stat().st_size // 4096
    with path.open("r+b") as stream:
        stream.seek(pages * 2 // 3 * 4096)
        stream.write(b"\xde\xad\xbe\xef" * 2048)


async def test_a_broken_structure_found_after_the_home_is_shown_stops_writes(
    db_path, monkeypatch
) -> None:
    with Store.open(db_path) as store:
        store.load_samples()
        for year in range(2000, 2040):
            store.create_form(store.get_form(1).form.model_copy(update={"year": year}))
    _scribble(db_path)
    monkeypatch.setattr(app_module, "INTEGRITY_CHECK_DELAY", 0.05)
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # shown before the check has run
        for _ in range(100):
            await asyncio.sleep(0.02)
            if app._notifications:
                break
        notices = [str(n.message) for n in app._notifications]
        assert any("结构损坏" in notice and "已停止写入" in notice for notice in notices)
        try:
            app.store.save_cursor(app.store.load_cursor())
        except StoreError as refused:
            assert "已停止写入" in str(refused)
        else:
            raise AssertionError("a write went through after the check failed")
