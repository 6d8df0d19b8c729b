"""Compare: indicators matched by name across two years, differences marked."""

from __future__ import annotations

from textual.widgets import Static

from core.edit import blank_indicator
from core.model import Indicator
from core.money import money_format
from core.settings import update_settings
from core.store import Store
from tui.screens.compare import CHANGED, CompareScreen, pair_indicators, two_years

from .conftest import form_id_of, plain


def row(name: str, target: str = "=100%", level2: str = "数量指标") -> Indicator:
    return Indicator(level1="产出指标", level2=level2, name=name, target=target, weight="5")


def test_rows_are_matched_by_their_three_levels() -> None:
    old = [row("培训次数"), row("覆盖率", level2="质量指标"), row("已取消", level2="时效指标")]
    new = [row("覆盖率", "=95%", level2="质量指标"), row("培训次数"), row("新指标")]
    pairs = pair_indicators(old, new)
    assert [(p.old is not None, p.new is not None, p.key[2]) for p in pairs] == [
        (True, True, "覆盖率"),
        (True, True, "培训次数"),
        (False, True, "新指标"),
        (True, False, "已取消"),
    ]
    assert pairs[0].old.target == "=100%" and pairs[0].new.target == "=95%"


def test_a_changed_value_is_highlighted_and_an_equal_one_is_not() -> None:
    changed = two_years("=100%", "=95%")
    same = two_years("=100%", "=100%")
    assert changed.plain == "=100%\n=95%"
    assert CHANGED in [span.style for span in changed.spans]
    assert CHANGED not in [span.style for span in same.spans]
    assert two_years(None, "5").plain == "—\n5"


async def test_compare_shows_both_years_and_marks_changes(store: Store, make_app) -> None:
    source = store.get_form(form_id_of(store, "维稳工作"))
    clone = store.clone_to_year(source.id)
    first_name = source.form.indicators[0].name
    store.set_field(clone.id, "indicators[0].target", "=99%")
    form = store.get_form(clone.id).form
    store.insert_indicator(clone.id, len(form.indicators), blank_indicator("产出指标", "数量指标"))
    store.set_field(clone.id, f"indicators[{len(form.indicators)}].name", "新增的指标")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.push_screen(CompareScreen(app.store, clone.id))
        await pilot.pause()
        tables = plain(app.screen.query_one("#compare-tables", Static))
        banner = plain(app.screen.query_one("#banner", Static))
    assert "2022 年度 → 2023 年度" in banner
    assert first_name[:4] in tables
    assert "=99%" in tables
    assert "新增" in tables and "新增的指标" in tables


async def test_compare_without_a_previous_year_says_so(store: Store, make_app) -> None:
    form_id = form_id_of(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.push_screen(CompareScreen(app.store, form_id))
        await pilot.pause()
        message = plain(app.screen.query_one("#no-previous", Static))
    assert "没有可对比的上一年度表单" in message
    assert "2021" in message


def test_deleted_rows_are_kept_in_their_group() -> None:
    old = [row("甲"), row("乙"), row("丙", level2="质量指标")]
    new = [row("甲"), row("丙", level2="质量指标")]
    assert [p.key[2] for p in pair_indicators(old, new)] == ["甲", "乙", "丙"]


async def test_compare_shows_amounts_in_the_unit_the_form_shows(store: Store, make_app) -> None:
    """The user's 万元 (core.settings money_unit) on the compare screen as on the funds step."""
    update_settings(money_unit="万元")
    source = store.get_form(form_id_of(store, "维稳工作"))
    clone = store.clone_to_year(source.id)
    annual = source.form.funds.total.annual
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.push_screen(CompareScreen(app.store, clone.id))
        await pilot.pause()
        tables = plain(app.screen.query_one("#compare-tables", Static))
    assert "项目资金（万元）" in tables and "项目资金（元）" not in tables
    assert money_format("万元").exact(annual) in tables
    assert money_format("元").exact(annual) not in tables
