"""复核: findings as 级别 位置 说明, Enter jumps to the field, 定稿 refused and accepted."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from core.edit import set_field
from core.store import Store
from tui.screens.form import FormScreen
from tui.screens.form.review import ReviewStep
from tui.screens.modals import ConfirmModal

from .conftest import plain
from .form_helpers import draft_of, focused_path, form_app, sample


def finding_lines(app) -> list[str]:
    findings = app.screen.query_one("#findings", OptionList)
    return [str(findings.get_option_at_index(n).prompt) for n in range(findings.option_count)]


async def test_findings_read_level_place_message(store: Store, db_path) -> None:
    form = set_field(sample(), "indicators[4].score", "8")
    form_id = draft_of(store, form)
    async with form_app(db_path, form_id) as (app, pilot):
        await pilot.press("f7")
        assert app.focused.id == "findings"
        lines = finding_lines(app)
        assert (
            "错误  绩效指标第5行“信访便民率”·偏差原因分析及改进措施：得分 8 低于分值 10，"
            "请填写偏差原因分析及改进措施"
        ) in lines
        summary = str(app.screen.query_one("#review-summary").render())
        assert summary.startswith("错误 1 个")
        paper = app.screen.query_one("#paper-table", Static)
        assert paper.render() is not None


async def test_enter_on_a_finding_jumps_to_its_row_and_field(store: Store, db_path) -> None:
    form = set_field(sample(), "indicators[4].score", "8")
    form_id = draft_of(store, form)
    async with form_app(db_path, form_id) as (app, pilot):
        await pilot.press("f7", "enter")
        await pilot.pause()
        assert app.screen.active_step == "indicators"
        assert focused_path(app) == "indicators[4].deviation"
        level2 = app.screen.query_one("#level2", OptionList)
        assert level2.get_option_at_index(level2.highlighted).id == "社会效益指标"


async def test_enter_on_a_funds_finding_jumps_to_the_cell(store: Store, db_path) -> None:
    form = set_field(sample(), "funds.total.executed", "")
    form_id = draft_of(store, form)
    async with form_app(db_path, form_id) as (app, pilot):
        await pilot.press("f7", "enter")
        await pilot.pause()
        assert focused_path(app) == "funds.total.executed"


async def test_finalize_is_refused_while_errors_remain(store: Store, db_path) -> None:
    form = set_field(sample(), "goals.actual", "")
    form_id = draft_of(store, form)
    async with form_app(db_path, form_id, "project") as (app, pilot):
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.active_step == "review"
        assert any("实际完成情况未填写" in line for line in finding_lines(app))
        assert store.get_form(form_id).status == "draft"


async def test_bad_input_blocks_finalize(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "indicators[0].weight") as (app, pilot):
        await pilot.press("end", ".", "1", "2", "3", "tab")
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen.active_step == "review"
        assert any("20.123" in line for line in finding_lines(app))
        assert store.get_form(form_id).status == "draft"


async def test_finalize_from_the_review_step(store: Store, db_path) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id) as (app, pilot):
        await pilot.press("f7")
        assert finding_lines(app) == ["没有发现问题"]
        app.screen.query_one(ReviewStep).query_one("#finalize").press()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert type(app.screen).__name__ == "ReviewScreen"
        assert store.get_form(form_id).status == "final"


async def test_user_text_with_markup_shows_as_typed(store: Store, db_path) -> None:
    form = set_field(sample(), "project", "[bold]运维[/]")
    form = set_field(form, "indicators[4].name", "便民[/]率")
    form = set_field(form, "indicators[4].score", "8")
    form_id = draft_of(store, form)
    async with form_app(db_path, form_id, "indicators[4].name") as (app, pilot):
        assert "[bold]运维[/]" in str(app.screen.query_one("#form-title").render())
        assert app.focused.value == "便民[/]率"
        await pilot.press("f7")
        assert any("“便民[/]率”" in line for line in finding_lines(app))
        app.screen.notify(app.screen.session.card.findings[0].message, markup=False)
        await pilot.pause()


async def test_f9_shows_total_and_grade_and_asks_once_defaulting_to_no(
    store: Store, db_path
) -> None:
    form_id = draft_of(store)
    async with form_app(db_path, form_id, "project") as (app, pilot):
        await pilot.press("f9")
        assert isinstance(app.screen, ConfirmModal)
        question = plain(app.screen.query_one(".dialog-question", Static))
        assert "总分 100.00" in question and "等级 优" in question
        await pilot.press("enter")  # the cursor starts on 否
        assert isinstance(app.screen, FormScreen)
        assert store.get_form(form_id).status == "draft"
        await pilot.press("f9", "y")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
    assert store.get_form(form_id).status == "final"
