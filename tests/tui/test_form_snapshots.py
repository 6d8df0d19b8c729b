"""Snapshots of the five steps of the form screen at 80×24 and 120×40.

The form is a draft of 网络信息系统运行与维护 with one finding (a score below its weight
without a reason), so the panel, the row hint and the 复核 list all have something to show.
Cursor blinking is switched off before the picture is taken.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual.widgets import Input, TextArea

from core.edit import set_field
from core.model import Form
from core.store import Store
from tui.app import JixiaoApp

from .form_helpers import draft_of, sample

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
STEPS = {
    "basic": "project",
    "funds": "funds.total.executed",
    "goals": "goals.expected",
    "indicators": "indicators[4].score",
    "review": None,
}


def _opened_at(form_id: int, path: str | None):
    async def run_before(pilot) -> None:
        app = pilot.app
        await app.edit_form(form_id, path)
        await pilot.pause()
        if path is None:
            await pilot.press("f7")
        for widget in app.screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", list(STEPS))
def test_form_step(snap_compare, store: Store, db_path, step: str, size) -> None:
    form_id = draft_of(store, set_field(sample(), "indicators[4].score", "8"))
    app = JixiaoApp(db_path)
    assert snap_compare(app, terminal_size=size, run_before=_opened_at(form_id, STEPS[step]))


def _long_group() -> Form:
    """The sample with six rows in 数量指标, the cursor's row in the middle: one locked, one
    with an error (a score above its weight), one unnamed and long enough to be cut short."""
    form = sample()
    first = form.indicators[0]
    copies = [
        first.model_copy(update={"name": f"{first.name}（{n}）", "target_locked": n == 1})
        for n in range(1, 5)
    ]
    copies[2] = copies[2].model_copy(update={"score": Decimal(25)})
    copies[3] = copies[3].model_copy(update={"name": "", "actual": "完成率" * 20})
    rows = [form.indicators[0], *copies, *form.indicators[1:]]
    return form.model_copy(update={"indicators": rows})


@pytest.mark.parametrize("size", SIZES)
def test_folded_rows(snap_compare, store: Store, db_path, size) -> None:
    """A group of six rows: the one being edited, the others folded above and below it."""
    form_id = draft_of(store, _long_group())
    app = JixiaoApp(db_path)
    assert snap_compare(
        app, terminal_size=size, run_before=_opened_at(form_id, "indicators[2].actual")
    )
