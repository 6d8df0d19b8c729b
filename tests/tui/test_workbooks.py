"""The home's workbook actions: i imports a file after showing what it holds, s writes the
year's 自评汇总表, e offers the bureau's xlsx first."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from textual.widgets import Input, Static

from core.store import Store
from tests.workbook import bureau_forms
from tui.screens.home import HomeScreen
from tui.screens.modals import ExportModal
from tui.screens.workbook_dialogs import ImportPathModal, ImportReportModal, SummaryModal
from tui.widgets.path_suggester import complete_path

from .conftest import plain
from .test_home import move_to, rows


async def _wait_for(pilot, app, screen_type, tries: int = 100) -> None:
    for _ in range(tries):
        if isinstance(app.screen, screen_type):
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{screen_type.__name__} never came; on {type(app.screen).__name__}")


async def _import(pilot, app, path: Path) -> None:
    await pilot.press("i")
    await _wait_for(pilot, app, ImportPathModal)
    app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await _wait_for(pilot, app, ImportReportModal)


async def test_i_shows_what_a_workbook_holds_and_stores_it_on_yes(
    store: Store, make_app, tmp_path: Path
) -> None:
    path = tmp_path / "湖北.xlsx"
    path.write_bytes(bureau_forms.hubei_two_projects())
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _import(pilot, app, path)
        report = plain(app.screen.query_one("#report-text", Static))
        assert "将导入 工作表“项目1” → 2022 年度 社区矫正经费（武汉市司法局）" in report
        assert "跳过的工作表（不是自评表）：填表说明" in report
        assert store.count_forms() == 4  # nothing stored before the answer
        await pilot.press("y")
        await _wait_for(pilot, app, HomeScreen)
        projects = {cells[1] for cells in rows(app)}
        assert {"社区矫正经费", "法律援助"} <= projects
    assert store.count_forms() == 6


async def test_i_on_a_bad_workbook_lists_the_cells_and_stores_nothing(
    store: Store, make_app, tmp_path: Path
) -> None:
    book = load_workbook(__import__("io").BytesIO(bureau_forms.shanghai_district()))
    book.active["G13"] = "十"
    path = tmp_path / "bad.xlsx"
    book.save(path)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _import(pilot, app, path)
        report = plain(app.screen.query_one("#report-text", Static))
        assert "工作表“课题与规划” G13：分值“十”不是数字" in report
        assert not app.screen.query("#store")
        await pilot.press("y")  # no store button, no storing
        assert isinstance(app.screen, ImportReportModal)
        await pilot.press("escape")
        await _wait_for(pilot, app, HomeScreen)
    assert store.count_forms() == 4


async def test_the_import_dialog_names_a_missing_file_and_asks_for_a_unit(
    store: Store, make_app, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        await _wait_for(pilot, app, ImportPathModal)
        app.screen.query_one("#path", Input).value = str(tmp_path / "没有.xlsx")
        await pilot.press("enter")
        assert "文件不存在" in str(app.screen.query_one("#problem").render())
        assert isinstance(app.screen, ImportPathModal)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


def test_file_names_complete_as_they_are_typed(tmp_path: Path) -> None:
    (tmp_path / "2022年自评表.xlsx").write_bytes(b"")
    (tmp_path / "2022年说明.docx").write_bytes(b"")
    (tmp_path / "2022年度").mkdir()
    typed = f"{tmp_path}/2022"
    assert complete_path(typed) == f"{tmp_path}/2022年度/"  # folders first
    assert complete_path(f"{tmp_path}/2022年自") == f"{tmp_path}/2022年自评表.xlsx"
    assert complete_path(f"{tmp_path}/nothing") is None
    assert complete_path("") is None


async def test_s_writes_the_years_summary(store: Store, make_app, tmp_path: Path) -> None:
    target = tmp_path / "汇总.xlsx"
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        move_to(app, "维稳工作")
        await pilot.press("s")
        await _wait_for(pilot, app, SummaryModal)
        assert app.screen.query_one("#year", Input).value == "2022"
        assert app.screen.query_one("#path", Input).value.endswith("2022-自评汇总表.xlsx")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await _wait_for(pilot, app, HomeScreen)
    sheet = load_workbook(target)["汇总表"]
    assert sheet["A2"].value == "（2022年度）" and sheet["A9"].value.startswith("合计（4 个项目")


async def test_export_offers_the_workbook_first(store: Store, make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        move_to(app, "维稳工作")
        await pilot.press("e")
        await _wait_for(pilot, app, ExportModal)
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith("2022-维稳工作.xlsx")
        path_input.value = str(tmp_path / "维稳.xlsx")
        await pilot.press("enter")
        await _wait_for(pilot, app, HomeScreen)
    assert load_workbook(tmp_path / "维稳.xlsx")["自评表"]["C3"].value == "维稳工作"
