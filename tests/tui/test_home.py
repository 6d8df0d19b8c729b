"""The home screen: the list of forms, the filter, and n / c / Enter / e / d / q."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import DataTable, Input, Label, Static

from core.edit import blank_form, set_field
from core.store import Store
from tui.screens.home import PAGE_SIZE, HomeScreen
from tui.screens.modals import ConfirmModal, ExportModal, TextPromptModal
from tui.screens.review import ReviewScreen

from .conftest import SAMPLE_PROJECTS, form_id_of, reopened


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#forms", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


def move_to(app, project: str) -> None:
    table = app.screen.query_one("#forms", DataTable)
    row = next(n for n, cells in enumerate(rows(app)) if cells[1] == project)
    table.move_cursor(row=row)


async def test_lists_the_samples_with_scores(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.title == "绩效 jixiao"
        listed = rows(app)
        assert {cells[1] for cells in listed} == SAMPLE_PROJECTS
        by_project = {cells[1]: cells for cells in listed}
        assert by_project["维稳工作"][0] == "2022"
        assert by_project["维稳工作"][3] == "已定稿"
        assert by_project["维稳工作"][4] == "90.00"
        assert by_project["宣传与推广"][4] == "88.00"
        assert "共 4 份" in status(app)


async def test_newest_year_first(store: Store, make_app) -> None:
    store.clone_to_year(form_id_of(store, "课题与规划"))
    async with make_app().run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert rows(pilot.app)[0][:2] == ["2023", "课题与规划"]


async def test_filter_narrows_as_you_type_in_chinese(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen.focused, Input)
        await pilot.press(*"维稳")
        await pilot.pause(0.4)
        assert [cells[1] for cells in rows(app)] == ["维稳工作"]
        assert "共 1 份" in status(app)
        app.screen.query_one("#filter", Input).value = "信访"
        await pilot.pause(0.4)
        assert len(rows(app)) == 4
        app.screen.query_one("#filter", Input).value = "没有这个项目"
        await pilot.pause(0.4)
        assert rows(app) == []
        assert "没有符合的表单" in status(app)
        await pilot.press("escape")
        assert isinstance(app.screen.focused, DataTable)


async def test_letters_in_the_filter_are_typed_not_run(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash", "n", "q", "d")
        assert app.screen.query_one("#filter", Input).value == "nqd"
        assert isinstance(app.screen, HomeScreen)


async def test_enter_opens_a_final_form_read_only(store: Store, make_app) -> None:
    form_id = form_id_of(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        move_to(app, "课题与规划")
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.form_id == form_id


async def test_enter_opens_a_draft_for_editing(store: Store, make_app) -> None:
    from tui.screens.form import FormScreen

    reopened(store, "维稳工作")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        move_to(app, "维稳工作")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)


async def test_n_creates_a_form_of_the_year_asked(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, TextPromptModal)
        prompt = app.screen.query_one("#answer", Input)
        prompt.value = "20x4"
        await pilot.press("enter")
        assert isinstance(app.screen, TextPromptModal)
        assert "四位数字" in str(app.screen.query_one("#problem", Label).render())
        prompt.value = "２０２４年"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, (TextPromptModal, HomeScreen))
    assert store.count_forms(year=2024) == 1


async def test_escape_cancels_a_new_form(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("n", "escape")
        assert isinstance(app.screen, HomeScreen)
    assert store.count_forms() == 4


async def test_c_clones_into_the_next_year(store: Store, make_app) -> None:
    source = form_id_of(store, "维稳工作")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        move_to(app, "维稳工作")
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)
    clones = store.list_forms(year=2023)
    assert [s.project for s in clones] == ["维稳工作"]
    assert store.get_form(clones[0].id).source_id == source


async def test_e_exports_to_the_path_given(store: Store, make_app, tmp_path: Path) -> None:
    target = tmp_path / "维稳.json"
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        move_to(app, "维稳工作")
        await pilot.press("e")
        assert isinstance(app.screen, ExportModal)
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith("2022-维稳工作.xlsx")  # the bureau's workbook first
        path_input.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert json.loads(target.read_text(encoding="utf-8"))["project"] == "维稳工作"


async def test_export_format_changes_the_extension(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("e")
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith(".xlsx")
        await pilot.press("shift+tab", "down", "enter")
        assert path_input.value.endswith(".json")
        await pilot.press("tab", "down", "down")
        assert path_input.value.endswith(".html")
        await pilot.press("down", "down")
        assert path_input.value.endswith(".xlsx")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_d_deletes_a_draft_after_yes(store: Store, make_app) -> None:
    reopened(store, "维稳工作")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        move_to(app, "维稳工作")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert store.count_forms() == 4
        await pilot.press("d", "y")
        await pilot.pause()
        assert "维稳工作" not in {cells[1] for cells in rows(app)}
    assert store.count_forms() == 3


async def test_d_then_enter_keeps_the_draft(store: Store, make_app) -> None:
    reopened(store, "维稳工作")
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        move_to(app, "维稳工作")
        await pilot.press("d", "enter")  # the cursor starts on 否
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert store.count_forms() == 4


async def test_d_refuses_a_final_form(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        move_to(app, "课题与规划")
        await pilot.press("d")
        assert isinstance(app.screen, HomeScreen)
        assert any("不能删除" in n.message for n in app._notifications)
    assert store.count_forms() == 4


async def test_q_quits(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_an_empty_store_offers_the_samples(empty_store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause(0.3)
        assert {cells[1] for cells in rows(app)} == SAMPLE_PROJECTS
        # what a user sees: whole names, not names cut to the width of the column label
        table = app.screen.query_one("#forms", DataTable)
        shown = "\n".join(table.render_line(y).text for y in range(1, 5))
        assert "网络信息系统运行与维护" in shown and "上海市松江区人民政府信访办公室" in shown


async def test_declining_the_samples_leaves_the_store_empty(empty_store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert rows(app) == []
        assert "按 n 新建" in status(app)
    assert empty_store.is_empty()


async def test_user_text_with_markup_shows_as_typed(empty_store: Store, make_app) -> None:
    form = set_field(blank_form(2022), "project", "[/]")
    form = set_field(form, "implementer", "[bold]x")
    empty_store.import_form(form)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert rows(app)[0][1:3] == ["[/]", "[bold]x"]
        await pilot.press("c")
        await pilot.pause()
        assert any("[/]" in n.message for n in app._notifications)
        await pilot.pause()
    assert empty_store.count_forms(year=2023) == 1


def _many_forms(store: Store, count: int) -> None:
    template = store.get_form(form_id_of(store, "网络信息系统运行与维护")).form
    for number in range(count):
        store.import_form(template.model_copy(update={"project": f"项目{number:04d}"}))


async def test_a_large_store_is_listed_page_by_page(store: Store, make_app) -> None:
    _many_forms(store, 996)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#forms", DataTable)
        assert table.row_count == PAGE_SIZE == 200
        assert "共 1000 份" in status(app)
        assert "已列出 200 份" in status(app)
        await pilot.press("end")
        assert table.row_count == 400
        await pilot.press("end", "end", "end", "end")
        assert table.row_count == 1000
        assert "已列出" not in status(app)
        assert len({tuple(cells[:3]) for cells in rows(app)}) == 1000
        app.screen.query_one("#filter", Input).value = "项目0995"
        await pilot.pause(0.4)
        assert [cells[1] for cells in rows(app)] == ["项目0995"]


async def test_the_list_is_current_when_the_user_comes_back(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        move_to(app, "课题与规划")
        await pilot.press("enter")
        store.clone_to_year(form_id_of(store, "宣传与推广"))
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app)[0][:2] == ["2023", "宣传与推广"]
        assert rows(app)[pilot.app.screen.table.cursor_row][1] == "课题与规划"


async def test_v_compares_the_highlighted_form(store: Store, make_app) -> None:
    from tui.screens.compare import CompareScreen

    store.clone_to_year(form_id_of(store, "维稳工作"))
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("v")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.previous is not None
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
