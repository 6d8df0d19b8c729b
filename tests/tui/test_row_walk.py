"""The next-year workflow, walked with Enter only: every row of every sample form, and of its
clone for the next year, is entered field by field, a value typed over each field's value; the
keys of a row arrive in one burst, as from a fast typist.

Enter from the last field of a row into the next (already stored) row used to end the app
(``NoMatches`` on a row whose editor had been folded by a focus reset, then mounted twice).
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import OptionList

from core.model import Form
from core.store import Store
from tui.screens.form.groups import group_rows, level1_names, level2_names
from tui.screens.form.indicators import IndicatorsStep

from .conftest import SAMPLE_PROJECTS, form_id_of
from .form_helpers import draft_of, focused_path, form_app, sample
from .test_key_bursts import ENTER, send_burst, text_keys

TYPED = {
    "name": "指标{n}",
    "target": "≥90%",
    "actual": "95%",
    "weight": "5",
    "score": "4",
    "deviation": "原因{n}",
}
"""What is typed into each field of the n-th row walked."""


def typed(field: str, number: int) -> str:
    """The text typed into ``field`` of the ``number``-th row walked: every third row is
    qualitative and not met, so that a band is asked for."""
    if number % 3 == 2 and field == "target":
        return "提高"
    if number % 3 == 2 and field == "actual":
        return "部分提高"
    return TYPED[field].format(n=number)


def groups(form: Form, step: IndicatorsStep) -> list[tuple[str, str]]:
    """The (一级, 二级) groups of the form that hold rows, in the pickers' order."""
    return [
        (level1, level2)
        for level1 in level1_names(form, step.rules)
        for level2 in level2_names(form, step.rules, level1)
        if group_rows(form, (level1, level2))
    ]


def pick(app, picker: str, name: str) -> None:
    options = app.screen.query_one(f"#{picker}", OptionList)
    ids = [options.get_option_at_index(n).id for n in range(options.option_count)]
    options.highlighted = ids.index(name)


def row_keys(number: int) -> list[tuple[str, str | None]]:
    """The keys that fill the ``number``-th row walked, as one burst: each field's text, then
    Enter; the band's number where the row asks for one."""
    keys: list[tuple[str, str | None]] = []
    for field in ("name", "target", "actual", "weight", "score"):
        keys += [*text_keys(typed(field, number)), ENTER]
    if typed("actual", number) == "部分提高":
        keys += [("1", "1"), ENTER]
    return [*keys, *text_keys(typed("deviation", number)), ENTER]


async def walk_every_row(db_path: Path, form_id: int, form: Form) -> list[int]:
    """Walk every group of the form with Enter; the indices of the rows, in the order walked."""
    walked: list[int] = []
    async with form_app(db_path, form_id, size=(120, 40)) as (app, pilot):
        await pilot.press("f6")
        step = app.screen.query_one(IndicatorsStep)
        for level1, level2 in groups(form, step):
            app.screen.set_focus(app.screen.query_one("#level1", OptionList))
            pick(app, "level1", level1)
            await pilot.press("enter")
            pick(app, "level2", level2)
            await pilot.press("enter")
            rows = list(step.rows)
            for index, following in zip(rows, [*rows[1:], rows[-1] + 1], strict=True):
                assert focused_path(app) == f"indicators[{index}].name"
                send_burst(app, row_keys(len(walked)))
                await settle_on(pilot, app, f"indicators[{following}].name")
                walked.append(index)
            assert focused_path(app) == f"indicators[{rows[-1] + 1}].name", "a new last row"
            await pilot.press("escape")  # leaves the group; the blank row Enter added goes
            assert app.focused.id == "level2"
        assert app.return_code is None, "the app ended"
    return walked


async def settle_on(pilot, app, path: str, timeout: float = 10.0) -> None:
    """Wait until the cursor is in ``path`` (a burst takes a while on a busy machine), or give
    up after ``timeout`` seconds and leave the caller's assertion to say where it is."""
    deadline = time.monotonic() + timeout
    await pilot.pause()
    while focused_path(app) != path and time.monotonic() < deadline:
        await pilot.pause(0.05)


def cases() -> list[tuple[str, bool]]:
    return [(project, clone) for project in sorted(SAMPLE_PROJECTS) for clone in (False, True)]


@pytest.mark.parametrize(("project", "clone"), cases())
async def test_every_row_is_entered_with_enter_only(
    store: Store, db_path: Path, project: str, clone: bool
) -> None:
    if clone:
        form_id = store.clone_to_year(form_id_of(store, project)).id
    else:
        form_id = draft_of(store, sample(project))
    before = store.get_form(form_id).form

    walked = await walk_every_row(db_path, form_id, before)

    assert sorted(walked) == list(range(len(before.indicators)))
    after = store.get_form(form_id).form
    assert len(after.indicators) == len(before.indicators)
    assert store.pending_inputs(form_id) == {}
    for number, index in enumerate(walked):
        row = after.indicators[index]
        for field in ("name", "target", "actual"):
            assert getattr(row, field) == typed(field, number), (index, field)
        assert (row.weight, row.score) == (Decimal(5), Decimal(4)), index
        assert row.deviation.endswith(typed("deviation", number)), index
        assert (row.grade is not None) == (typed("actual", number) == "部分提高"), index
