"""绩效指标, level by level: pickers, row editor keys, suggestions, hints and bands."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import OptionList, Static

from core.edit import blank_form, set_field
from core.store import Store
from tui.screens.form.indicators import IndicatorsStep
from tui.widgets.folded_rows import FoldedRows
from tui.widgets.indicator_row import BandPicker, IndicatorRow

from .conftest import plain
from .form_helpers import blank_draft, draft_of, focused_path, form_app, sample, type_text


def options(app, picker: str) -> list[str]:
    option_list = app.screen.query_one(f"#{picker}", OptionList)
    return [option_list.get_option_at_index(n).id for n in range(option_list.option_count)]


def rows(app) -> list[IndicatorRow]:
    return list(app.screen.query(IndicatorRow))


def hint(row: IndicatorRow) -> str:
    return plain(row.query_one(".hint", Static)).strip()


async def test_levels_come_from_the_rule_set_and_open_their_rows(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id) as (app, pilot):
        await pilot.press("f6")
        assert app.focused.id == "level1"
        assert options(app, "level1") == ["产出指标", "效益指标", "满意度指标"]
        assert options(app, "level2") == ["数量指标", "质量指标", "时效指标", "成本指标"]
        await pilot.press("down", "enter")
        assert app.focused.id == "level2"
        assert options(app, "level2")[:2] == ["经济效益指标", "社会效益指标"]
        await pilot.press("down", "enter")
        assert [row.index for row in rows(app)] == [4]
        assert focused_path(app) == "indicators[4].name"
        assert app.focused.value == "信访便民率"


async def test_a_2021_form_offers_the_cost_level(store: Store, db_path) -> None:
    form_id = store.create_form(blank_form(2023, "national-2021")).id
    async with form_app(db_path, form_id) as (app, pilot):
        await pilot.press("f6")
        assert "成本指标" in options(app, "level1")


async def test_enter_on_the_last_field_adds_a_row_and_escape_drops_it_blank(
    store: Store, db_path
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[6].deviation") as (app, pilot):
        assert app.screen.query_one(IndicatorsStep).rows == [6, 7]
        assert [row.index for row in rows(app)] == [6], "only the row being edited has inputs"
        folded = app.screen.query_one("#folded-below", FoldedRows).rows
        assert [(row.index, row.indicator.name) for row in folded] == [(7, "受益对象满意度")]
        await pilot.press("tab")
        assert focused_path(app) == "indicators[7].name"
        for _ in range(5):
            await pilot.press("enter")
        assert focused_path(app) == "indicators[7].deviation"
        await pilot.press("enter")
        assert focused_path(app) == "indicators[8].name"
        assert len(store.get_form(form_id).form.indicators) == 9
        await pilot.press("escape")
        assert app.focused.id == "level2"
        assert len(store.get_form(form_id).form.indicators) == 8


async def test_a_click_on_a_folded_row_opens_it_and_tab_walks_the_rows(
    store: Store, db_path
) -> None:
    form_id = draft_of(store, _three_in_a_group())
    async with form_app(db_path, form_id, "indicators[0].name", size=(120, 40)) as (app, pilot):
        below = app.screen.query_one("#folded-below", FoldedRows)
        assert [(row.index, row.number) for row in below.rows] == [(1, 2), (2, 3)]
        await pilot.click(below, offset=(10, 1))  # the blank line after row 2: nothing
        assert focused_path(app) == "indicators[0].name"
        await pilot.click(below, offset=(10, 2))  # row 3
        await pilot.pause()
        assert focused_path(app) == "indicators[2].name"
        above = app.screen.query_one("#folded-above", FoldedRows)
        assert [row.index for row in above.rows] == [0, 1]
        assert not below.display, "nothing below the last row"
        assert [row.index for row in rows(app)] == [2]
        await pilot.press("shift+tab")
        assert focused_path(app) == "indicators[1].deviation"
        assert ([r.index for r in above.rows], [r.index for r in below.rows]) == ([0], [2])
        await pilot.press("tab")
        assert focused_path(app) == "indicators[2].name"
        assert [row.index for row in rows(app)] == [2]


def _three_in_a_group():
    """The sample with its first group (数量指标) three rows long."""
    form = sample()
    first = form.indicators[0]
    copies = [first.model_copy(update={"name": f"{first.name}{n}"}) for n in (2, 3)]
    return form.model_copy(update={"indicators": [first, *copies, *form.indicators[1:]]})


async def test_a_new_row_is_typed_in_and_scored(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].name") as (app, pilot):
        await pilot.press("ctrl+n")
        assert focused_path(app) == "indicators[1].name"
        await type_text(pilot, "系统故障响应及时率")
        await pilot.press("enter")
        await type_text(pilot, ">=95%")
        await pilot.press("enter")
        await type_text(pilot, "90")
        await pilot.press("enter")
        await type_text(pilot, "6")
        await pilot.press("enter")
        row = app.screen.query_one(IndicatorsStep).row_widget(1)
        assert "建议 5.68" in str(row.query_one(".suggestion").render())
        await pilot.press("ctrl+y")
        assert row.field_widget("score").value == "5.68"
        assert "偏差原因" in hint(row)
        await pilot.press("enter")
        assert focused_path(app) == "indicators[1].deviation"
        await type_text(pilot, "个别故障需厂家到场")
        assert hint(row) == ""
        await pilot.press("tab")
        added = store.get_form(form_id).form.indicators[1]
        assert (added.level1, added.level2, added.name) == (
            "产出指标",
            "数量指标",
            "系统故障响应及时率",
        )
        assert (added.target, added.actual, added.weight) == (">=95%", "90", Decimal(6))
        assert added.score == Decimal("5.68")
        assert added.deviation == "个别故障需厂家到场"


async def test_a_qualitative_row_not_met_asks_for_a_band(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[1].actual") as (app, pilot):
        row = app.screen.query_one(IndicatorsStep).row_widget(1)
        assert not row.has_class("-needs-grade")
        await pilot.press(*["backspace"] * 2)
        await type_text(pilot, "部分提高")
        await pilot.press("tab")
        assert row.has_class("-needs-grade")
        assert "评价等级" in hint(row)
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, BandPicker)
        await pilot.press("2", "enter")
        assert store.get_form(form_id).form.indicators[1].grade == "部分达成年度指标并具有一定效果"
        assert "9" in hint(row) and "12" in hint(row)
        assert focused_path(app) == "indicators[1].deviation", "a band picked moves on"
        await pilot.press("shift+tab", "shift+tab")
        assert focused_path(app) == "indicators[1].score"
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "10")
        await pilot.press("tab", "tab")
        assert "9" not in hint(row)
        assert store.get_form(form_id).form.indicators[1].score == Decimal(10)


async def test_rows_are_deleted_after_confirmation_and_moved(store: Store, db_path) -> None:
    form_id = draft_of(store)
    names = [i.name for i in sample().indicators]
    async with form_app(db_path, form_id, "indicators[7].name") as (app, pilot):
        await pilot.press("ctrl+up")
        assert focused_path(app) == "indicators[6].name"
        moved = [i.name for i in store.get_form(form_id).form.indicators]
        assert moved[6:] == [names[7], names[6]]
        await pilot.press("ctrl+d")
        await pilot.press("n")
        assert len(store.get_form(form_id).form.indicators) == 8
        await pilot.press("ctrl+d")
        await pilot.press("y")
        left = [i.name for i in store.get_form(form_id).form.indicators]
        assert left == [*names[:6], names[6]]
        assert focused_path(app) == "indicators[6].name"


async def test_names_complete_from_the_catalogue(store: Store, db_path) -> None:
    form_id = blank_draft(store)
    async with form_app(db_path, form_id) as (app, pilot):
        await pilot.press("f6", "enter", "enter")
        assert focused_path(app) == "indicators[0].name"
        await type_text(pilot, "信访接待")
        await pilot.pause()
        await pilot.press("right")
        assert app.focused.value == "信访接待系统维保完成率"


async def test_names_complete_from_the_units_earlier_forms(store: Store, db_path) -> None:
    earlier = set_field(sample(), "indicators[0].name", "独有的维保响应指标")
    store.import_form(earlier.model_copy(update={"status": "final", "year": 2021}))
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].name") as (app, pilot):
        await pilot.press(*["backspace"] * 12)
        await type_text(pilot, "独有")
        await pilot.pause()
        await pilot.press("right")
        assert app.focused.value == "独有的维保响应指标"
