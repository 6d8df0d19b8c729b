"""How a text was read shows under the row being edited, as it is typed: 按“≥ 95%”读取."""

from __future__ import annotations

from textual.widgets import Static

from core.store import Store
from core.vocabulary import SEVERITY_STYLES
from tui.screens.form.indicators import IndicatorsStep

from .conftest import plain
from .form_helpers import draft_of, focused_path, form_app, type_fast


def hint_of(app, index: int) -> Static:
    row = app.screen.query_one(IndicatorsStep).row_widget(index)
    assert row is not None
    return row.query_one(".hint", Static)


def note_spans(hint: Static) -> list[str]:
    """The parts of the hint drawn in the style of a note."""
    text = hint.content.text
    return [
        text.plain[span.start : span.end]
        for span in text.spans
        if SEVERITY_STYLES["note"] in str(span.style)
    ]


async def test_a_look_alike_comparator_is_read_as_it_is_typed(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].target", size=(80, 24)) as (app, pilot):
        assert focused_path(app) == "indicators[0].target"
        await type_fast(pilot, "≧95%")
        hint = hint_of(app, 0)
        assert "年度指标值按“≥ 95%”读取" in plain(hint)
        assert any("≥ 95%" in part for part in note_spans(hint)), "a note, quietly"
        await pilot.press("backspace", "backspace")
        await type_fast(pilot, "8%")
        assert "按“≥ 98%”读取" in plain(hint_of(app, 0))


async def test_a_deadline_written_as_a_date_is_read_as_a_date(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].target", size=(80, 24)) as (app, pilot):
        await type_fast(pilot, "6月底前完成", then="enter")
        await type_fast(pilot, "5月完成")
        shown = plain(hint_of(app, 0))
        assert "年度指标值按“≤ 2022年6月30日”读取" in shown
        assert "实际完成值按“2022年5月”读取" in shown


async def test_notes_come_after_what_must_be_put_right(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].target", size=(120, 40)) as (app, pilot):
        await type_fast(pilot, "≧95%", then="enter")
        await pilot.press("enter")
        assert focused_path(app) == "indicators[0].weight"
        await type_fast(pilot, "1.2.3")
        lines = [line for line in plain(hint_of(app, 0)).splitlines() if line.strip()]
        assert "分值" in lines[0] and "1.2.3" in lines[0]
        assert "按“≥ 95%”读取" in lines[-1]


async def test_the_rows_fields_stay_on_screen_with_notes_at_80x24(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].target", size=(80, 24)) as (app, pilot):
        await type_fast(pilot, "6月底前完成", then="enter")
        await type_fast(pilot, "≥2022年5月28日")
        await pilot.pause()
        row = app.screen.query_one(IndicatorsStep).row_widget(0)
        screen_region = app.screen.region
        for field in ("name", "target", "actual", "weight", "score", "deviation"):
            region = row.field_widget(field).region
            assert region.height and screen_region.contains_region(region), field
        assert hint_of(app, 0).region.height >= 1


async def test_an_actual_that_cannot_be_compared_says_so_under_the_row(
    store: Store, db_path
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].target", size=(80, 24)) as (app, pilot):
        await type_fast(pilot, "≧95%", then="enter")
        assert focused_path(app) == "indicators[0].actual"
        await type_fast(pilot, "达成预期指标")
        shown = plain(hint_of(app, 0))
        assert "实际完成值“达成预期指标”不是数值" in shown
        assert shown.index("不是数值") < shown.index("读取"), "what to look at before the notes"
