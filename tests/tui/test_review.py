"""The review screen: a final or superseded form read-only; compare, clone, reopen, export."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, Static

from core.edit import set_field
from core.money import money_format
from core.settings import update_settings
from core.store import Store
from tui.screens.compare import CompareScreen
from tui.screens.home import HomeScreen
from tui.screens.modals import ConfirmModal, ExportModal, TextPromptModal
from tui.screens.review import ReviewScreen
from tui.widgets.score_panel import ScorePanel

from .conftest import form_id_of, plain, reopened


def text_of(app, selector: str) -> str:
    return plain(app.screen.query_one(selector, Static))


async def open_review(app, pilot, form_id: int) -> None:
    await pilot.pause()
    await app.open_form(form_id)
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)


async def test_a_final_form_opens_read_only_with_scores(store: Store, make_app) -> None:
    form_id = form_id_of(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        assert text_of(app, "#banner").startswith("只读：已定稿")
        assert "课题与规划" in text_of(app, "#banner")
        panel = app.screen.query_one(ScorePanel)
        assert panel.scorecard is not None
        assert str(panel.scorecard.total) in ("100", "100.00")
        assert "发现 0 个错误、2 个警告" in text_of(app, "#findings")
        assert "满意度指标分值合计 5" in text_of(app, "#findings")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_superseded_draft_opens_read_only(store: Store, make_app) -> None:
    form_id = reopened(store, "维稳工作")
    store.clone_to_year(form_id)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        assert text_of(app, "#banner").startswith("只读：往年表单")
        assert "错误" in text_of(app, "#findings")


async def test_v_compares_with_the_previous_year(store: Store, make_app) -> None:
    clone = store.clone_to_year(form_id_of(store, "维稳工作"))
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(app.store, clone.id))
        await pilot.pause()
        await pilot.press("v")
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_c_clones_a_reviewed_form(store: Store, make_app) -> None:
    form_id = form_id_of(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
    assert [s.project for s in store.list_forms(year=2023)] == ["课题与规划"]


async def test_r_reopens_a_final_form_with_a_reason(store: Store, make_app) -> None:
    from tui.screens.form import FormScreen

    form_id = form_id_of(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        await pilot.press("r")
        assert isinstance(app.screen, TextPromptModal)
        await pilot.press("enter")
        assert "原因" in str(app.screen.query_one("#problem", Label).render())
        app.screen.query_one("#answer", Input).value = "更正实施单位名称"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
    assert store.get_form(form_id).status == "draft"
    assert any(change.note == "更正实施单位名称" for change in store.history(form_id))


async def test_escape_keeps_a_final_form_final(store: Store, make_app) -> None:
    form_id = form_id_of(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        await pilot.press("r", "escape")
        assert isinstance(app.screen, ReviewScreen)
    assert store.get_form(form_id).status == "final"


async def test_r_on_a_superseded_draft_asks_first(store: Store, make_app) -> None:
    form_id = reopened(store, "维稳工作")
    store.clone_to_year(form_id)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert isinstance(app.screen, ReviewScreen)


async def test_e_exports_text(store: Store, make_app, tmp_path: Path) -> None:
    form_id = form_id_of(store, "课题与规划")
    target = tmp_path / "课题.txt"
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        await pilot.press("e")
        assert isinstance(app.screen, ExportModal)
        await pilot.press("shift+tab", "down", "enter")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert "课题与规划" in target.read_text(encoding="utf-8")


async def test_markup_in_user_text_shows_as_typed(empty_store: Store, make_app) -> None:
    from core.edit import blank_form, blank_indicator, insert_indicator, set_field

    form = set_field(blank_form(2022), "project", "[/]")
    form = set_field(form, "implementer", "[bold]x")
    form = insert_indicator(form, 0, blank_indicator("产出指标", "数量指标"))
    form = set_field(form, "indicators[0].name", "[red]指标[/red]")
    form = set_field(form, "goals.expected", "目标[/]")
    stored = empty_store.import_form(form)
    clone = empty_store.clone_to_year(stored.id)
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(app.store, stored.id))
        await pilot.pause()
        assert "[/]" in text_of(app, "#banner") and "[bold]x" in text_of(app, "#banner")
        assert "[red]指标[/red]" in text_of(app, "#paper-table")
        await pilot.press("v")
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape", "escape")
        app.push_screen(CompareScreen(app.store, clone.id))
        await pilot.pause()
        assert "[red]指标[/red]" in text_of(app, "#compare-tables")
        assert "目标[/]" in text_of(app, "#compare-tables")


async def test_the_review_shows_amounts_in_the_unit_the_form_shows(store: Store, make_app) -> None:
    """The user's 万元 (core.settings money_unit) in the read-only review as on the funds step."""
    update_settings(money_unit="万元")
    form_id = form_id_of(store, "课题与规划")
    annual = store.get_form(form_id).form.funds.total.annual
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        paper = text_of(app, "#paper-table")
    assert "项目资金（万元）" in paper
    assert money_format("万元").show(annual) in paper
    assert money_format("元").show(annual) not in paper


async def test_findings_of_a_read_only_form_quote_amounts_in_the_unit_shown(
    store: Store, make_app
) -> None:
    update_settings(money_unit="万元")
    form = store.get_form(form_id_of(store, "课题与规划")).form  # 100,000.00 元 budgeted
    for row in ("total", "fiscal"):
        form = set_field(form, f"funds.{row}.executed", "103000")
    form_id = store.create_form(form.model_copy(update={"year": 2023})).id
    store.finalize(form_id)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await open_review(app, pilot, form_id)
        assert "全年执行数 10.30 万元 超过全年预算数 10.00 万元" in text_of(app, "#findings")
