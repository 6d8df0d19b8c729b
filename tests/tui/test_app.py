"""The app shell: opening the store, resuming where the user was, F1 help, the command palette."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, Static

from core.store import Cursor, Store
from tui.app import JixiaoApp
from tui.screens.help import HelpScreen
from tui.screens.home import HomeScreen
from tui.screens.modals import ExportModal

from .conftest import form_id_of, plain, reopened


def help_text(app) -> str:
    return "\n".join(plain(static) for static in app.screen.query(Static))


async def test_f1_lists_the_keys_of_the_home_screen(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for words in ("首页", "新建", "复制到下一年度", "导出", "删除", "筛选", "f1 / ?"):
            assert words in text
        assert "Focus Next" not in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_question_mark_is_help_on_the_table_and_text_in_the_filter(
    store: Store, make_app
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "slash", "question_mark")
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#filter", Input).value == "?"


async def test_the_palette_offers_every_home_action(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"导出")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)


async def test_the_palette_names_commands_by_category(store: Store, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)):
        names = [command.name for command in app.screen.palette_commands()]
        names += [command.name for command in app.palette_commands(app.screen)]
    assert {"表单: 新建", "表单: 导出", "表单: 复制到下一年度", "首页: 筛选", "应用: 退出"} <= set(
        names
    )
    assert all(": " in name for name in names)


async def test_the_palette_goes_home_from_a_pushed_screen(store: Store, make_app) -> None:
    form_id = form_id_of(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.open_form(form_id)
        await pilot.pause()
        await pilot.press("ctrl+p", *"返回首页")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_file_that_is_not_a_store_is_refused_plainly(tmp_path: Path) -> None:
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("这不是数据库", encoding="utf-8")
    app = JixiaoApp(not_a_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert app.return_code == 2
    assert app.startup_error
    assert not_a_store.read_text(encoding="utf-8") == "这不是数据库"


async def test_start_reopens_the_form_at_the_field_the_user_was_in(store: Store, make_app) -> None:
    from tui.screens.form import FormScreen

    form_id = reopened(store, "网络信息系统运行与维护")
    store.save_cursor(Cursor(form_id, "项目资金", "funds.total.executed"))
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_id == form_id
        assert getattr(app.screen.focused, "field_path", None) == "funds.total.executed"


async def test_a_cursor_on_a_final_form_is_not_resumed(store: Store, make_app) -> None:
    form_id = form_id_of(store, "课题与规划")
    store.save_cursor(Cursor(form_id, "基本信息", "project"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_back_on_home_clears_the_cursor(store: Store, make_app) -> None:
    form_id = form_id_of(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.open_form(form_id)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    cursor = store.load_cursor()
    assert cursor is None or cursor.form_id is None


async def test_the_palette_on_the_form_offers_its_keys_in_chinese(store: Store, make_app) -> None:
    from tui.commands import is_chinese, screen_commands

    form_id = reopened(store, "课题与规划")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await app.open_form(form_id)
        await pilot.pause()
        names = [command.name for command in screen_commands(app.screen)]
        names += [command.name for command in app.palette_commands(app.screen)]
    assert "导航: 返回首页" in names
    assert any(name.endswith("定稿") for name in names)
    assert all(is_chinese(name) for name in names), names


def test_jixiao_on_a_file_that_is_not_a_store_says_so_in_one_line(tmp_path: Path) -> None:
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("这不是数据库", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", "from tui.main import main; main()", "--db", str(not_a_store)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "无法打开存储" in result.stderr and "不是 jixiao 存储文件" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout == ""
