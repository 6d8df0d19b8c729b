"""Snapshots of the compare screen at 80×24 and 120×40."""

from __future__ import annotations

import pytest

from core.edit import blank_indicator
from core.store import Store
from tui.app import JixiaoApp
from tui.screens.compare import CompareScreen

from .conftest import form_id_of

SIZES = [(80, 24), (120, 40)]


def _changed_clone(store: Store) -> int:
    clone = store.clone_to_year(form_id_of(store, "网络信息系统运行与维护"))
    store.set_field(clone.id, "project", "网络信息系统运行与维护（二期）")
    store.set_field(clone.id, "funds.total.annual", "4,100,000")
    store.set_field(clone.id, "indicators[0].target", ">=99%")
    store.delete_indicator(clone.id, 1)
    count = len(store.get_form(clone.id).form.indicators)
    store.insert_indicator(clone.id, count, blank_indicator("产出指标", "数量指标"))
    store.set_field(clone.id, f"indicators[{count}].name", "新增巡检次数")
    return clone.id


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_compare(snap_compare, store: Store, db_path, size) -> None:
    clone_id = _changed_clone(store)

    async def open_compare(pilot) -> None:
        pilot.app.push_screen(CompareScreen(pilot.app.store, clone_id))
        await pilot.pause()

    assert snap_compare(JixiaoApp(db_path), terminal_size=size, run_before=open_compare)


def test_compare_indicators(snap_compare, store: Store, db_path) -> None:
    clone_id = _changed_clone(store)

    async def scroll_to_indicators(pilot) -> None:
        pilot.app.push_screen(CompareScreen(pilot.app.store, clone_id))
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(
        JixiaoApp(db_path), terminal_size=(160, 45), run_before=scroll_to_indicators
    )
