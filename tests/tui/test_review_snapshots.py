"""Snapshots of the review screen at 80×24 and 120×40."""

from __future__ import annotations

import pytest

from core.store import Store
from tui.app import JixiaoApp

from .conftest import form_id_of

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_review(snap_compare, store: Store, db_path, size) -> None:
    form_id = form_id_of(store, "维稳工作")

    async def open_review(pilot) -> None:
        await pilot.app.open_form(form_id)
        await pilot.pause()

    assert snap_compare(JixiaoApp(db_path), terminal_size=size, run_before=open_review)


def test_review_findings(snap_compare, store: Store, db_path) -> None:
    form_id = form_id_of(store, "维稳工作")

    async def scroll_to_findings(pilot) -> None:
        await pilot.app.open_form(form_id)
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(JixiaoApp(db_path), terminal_size=(160, 45), run_before=scroll_to_findings)
