"""Snapshots of the home screen at 80×24 and 120×40 (wide characters must align)."""

from __future__ import annotations

import pytest

from core.edit import blank_form, set_field
from core.store import Store
from tui.app import JixiaoApp

from .conftest import form_id_of

SIZES = [(80, 24), (120, 40)]


def _with_a_draft(store: Store) -> None:
    store.clone_to_year(form_id_of(store, "维稳工作"))
    form = set_field(blank_form(2023), "project", "[bold]标记[/]项目")
    store.import_form(set_field(form, "implementer", "某某街道办事处"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_home(snap_compare, store: Store, db_path, size) -> None:
    _with_a_draft(store)
    assert snap_compare(JixiaoApp(db_path), terminal_size=size)


def test_home_filtered(snap_compare, store: Store, db_path) -> None:
    _with_a_draft(store)

    async def filter_by_unit(pilot) -> None:
        await pilot.press("slash", *"网络")
        await pilot.pause(0.3)
        await pilot.press("escape")

    assert snap_compare(JixiaoApp(db_path), terminal_size=(100, 30), run_before=filter_by_unit)


def test_help_on_home(snap_compare, store: Store, db_path) -> None:
    assert snap_compare(JixiaoApp(db_path), terminal_size=(100, 30), press=["f1"])
