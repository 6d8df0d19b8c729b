"""网络信息系统运行与维护, entered completely from the keyboard on a new form.

Every character is a key event (nothing is inserted behind the app's back): navigation
(Enter, Escape, arrows, F7) through ``pilot.press``; the characters of a field's text and
numbers, and the Enter that ends the field, as the terminal's driver delivers keys
(form_helpers.type_fast): one key event per character with its character set, because
Pilot cannot look up full-width punctuation (，、。) by key name and waits ~60 ms after
each key. The store is read at the end and
compared with the sample file.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from core.interchange import form_to_data
from core.model import FUND_COLUMNS, FUND_ROWS
from core.store import Store
from tui.app import JixiaoApp
from tui.screens.form import FormScreen

from .form_helpers import NETWORK, focused_path, sample, type_fast

IGNORED = ("status", "id", "updated_at")


async def type_field(pilot: Pilot, text: str, then: str = "enter") -> None:
    await type_fast(pilot, text, then)


async def enter_row(pilot: Pilot, indicator, last_of_group: bool) -> None:
    for text in (indicator.name, indicator.target, indicator.actual):
        await type_field(pilot, text)
    await type_field(pilot, str(indicator.weight))
    await type_field(pilot, str(indicator.score))
    # deviation: empty here; Enter on it adds the next row of the group, Escape closes it
    await pilot.press("escape" if last_of_group else "enter")


async def test_the_network_form_typed_in_equals_the_sample(store: Store, db_path: Path) -> None:
    target = sample(NETWORK)
    app = JixiaoApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "backspace", "backspace", "backspace", "backspace", *"2022")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        form_id = app.screen.form_id
        assert focused_path(app) == "project", "the year was given in the dialog"
        for text in (target.project, target.department, target.implementer):
            await type_field(pilot, text)
        assert focused_path(app) == "funds.total.initial"
        for row in FUND_ROWS:
            for column in FUND_COLUMNS:
                amount = getattr(getattr(target.funds, row), column)
                await type_field(pilot, f"{amount:f}")
        assert focused_path(app) == "budget_score"
        await type_field(pilot, str(target.budget_score))
        assert focused_path(app) == "budget_deviation"
        await type_field(pilot, target.budget_deviation)
        assert focused_path(app) == "goals.expected"
        await type_field(pilot, target.goals.expected)
        await type_field(pilot, target.goals.actual)
        assert app.focused.id == "level1"

        # 产出指标: 数量, 质量, 时效 — one row each
        await pilot.press("enter", "enter")
        await enter_row(pilot, target.indicators[0], last_of_group=True)
        await pilot.press("down", "enter")
        await enter_row(pilot, target.indicators[1], last_of_group=True)
        await pilot.press("down", "enter")
        await enter_row(pilot, target.indicators[2], last_of_group=True)
        # 效益指标: 经济, 社会, 可持续影响
        await pilot.press("escape", "down", "enter", "enter")
        await enter_row(pilot, target.indicators[3], last_of_group=True)
        await pilot.press("down", "enter")
        await enter_row(pilot, target.indicators[4], last_of_group=True)
        await pilot.press("down", "down", "enter")
        await enter_row(pilot, target.indicators[5], last_of_group=True)
        # 满意度指标: two rows of 服务对象满意度指标
        await pilot.press("escape", "down", "enter", "enter")
        await enter_row(pilot, target.indicators[6], last_of_group=False)
        await enter_row(pilot, target.indicators[7], last_of_group=True)
        await pilot.press("f7")
        assert "没有发现问题" in str(
            app.screen.query_one("#findings").get_option_at_index(0).prompt
        )

    with Store.open(db_path) as reopened:
        entered = reopened.get_form(form_id).form
    expected = {k: v for k, v in form_to_data(target).items() if k not in IGNORED}
    assert {k: v for k, v in form_to_data(entered).items() if k not in IGNORED} == expected
