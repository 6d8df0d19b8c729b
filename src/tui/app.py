"""The jixiao app: opens the store, shows the home screen, resumes where the user left off.

``open_form`` is the one place that decides how a form opens: a final form, or a form that a
later year's form of the same project has superseded, opens read-only (ReviewScreen); any
other draft opens for editing (FormScreen).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.screen import Screen

from core.store import Cursor, Store, StoredForm, StoreError
from core.store.errors import damage_summary
from tui.commands import JixiaoCommands, JixiaoPalette, PaletteCommand
from tui.screens.help import HelpScreen, keys_of
from tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from tui.launch import StoreOpening


WARM_UP_DELAY = 0.3
INTEGRITY_CHECK_DELAY = 1.0
WARM_UP_MODULES = (
    "sqlite_utils",  # the store's writes
    "core.model",  # pydantic: the largest step, ~80 ms
    "core.scoring",
    "core.edit",
    "tui.screens.form",
    "tui.screens.review",
)


class JixiaoApp(App[None]):
    """项目支出绩效自评表 in the terminal, over one local store."""

    TITLE = "绩效 jixiao"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {JixiaoCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "退出",
            show=False,
            priority=True,
            id="app.quit",
            tooltip="退出 jixiao（已填写的内容都已保存）",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "命令",
            key_display="^p",
            show=False,
            priority=True,
            id="app.command_palette",
            tooltip="搜索并执行任何操作",
        ),
        Binding("f1", "help", "帮助", id="app.help", tooltip="列出本页的按键"),
        Binding(
            "question_mark", "help", "帮助", show=False, id="app.help_alt", tooltip="列出本页的按键"
        ),
    ]

    def __init__(
        self,
        db_path: Path | None = None,
        *,
        store: Store | None = None,
        opening: StoreOpening | None = None,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.store: Store = store  # type: ignore[assignment]  # set in on_mount when None
        self._opening = opening
        self.title = "绩效 jixiao"
        self.startup_error: str | None = None
        self._resume_cursor: Cursor | None = None

    def get_default_screen(self) -> Screen[Any]:
        """The home screen is the bottom of the stack: nothing is drawn before it."""
        if self.store is None:
            try:
                if self._opening is not None:
                    self.store = self._opening.result()
                else:
                    self.store = Store.open(self.db_path)
            except StoreError as exc:
                self.startup_error = str(exc)
                return Screen()  # on_mount exits with the message
        # read before home exists: home clears the cursor when it is resumed
        self._resume_cursor = self._saved_cursor()
        return HomeScreen(self.store)

    async def on_mount(self) -> None:
        if self.startup_error is not None:
            message = Text(f"无法打开存储：{self.startup_error}", style="red")
            self.exit(return_code=2, message=message)
            return
        # once home is drawn, load what opening a form needs, so the first Enter is quick
        self.set_timer(WARM_UP_DELAY, partial(self._warm_up, WARM_UP_MODULES))
        self.set_timer(INTEGRITY_CHECK_DELAY, self.check_store_in_background)
        cursor = self._resume_cursor
        if cursor is not None and cursor.form_id is not None:
            await self.open_form(cursor.form_id, cursor.path)
        self._cover_if_too_small()

    def on_resize(self) -> None:
        self._cover_if_too_small()

    def _cover_if_too_small(self) -> None:
        """Below the minimum size a message covers the app instead of a broken screen."""
        from tui.screens.too_small import TooSmallScreen, too_small

        if not self.screen_stack or isinstance(self.screen, TooSmallScreen):
            return
        if too_small(*self.size):
            self.push_screen(TooSmallScreen())

    def _warm_up(self, modules: tuple[str, ...]) -> None:
        """Import the form model, scoring and the form screens, which home is shown without.

        One module per turn of the event loop, so a key pressed meanwhile waits for one import
        at most; on the main thread, because importing on a thread while Textual runs has
        crashed before.
        """
        if not modules:
            return
        importlib.import_module(modules[0])
        self.set_timer(0.01, partial(self._warm_up, modules[1:]))

    @work(thread=True, exclusive=True, group="integrity", exit_on_error=False)
    def check_store_in_background(self) -> None:
        """SQLite's check of the store's structure, off the start-up path (a second at 100,000
        forms, on a connection of its own). On damage the store stops writing; the user is told.
        Each form's own checksums are compared whenever it is listed or opened."""
        try:
            report = self.store.check_integrity(contents=False)
        except StoreError:  # interrupted by quitting, or not to be run: nothing to tell
            return
        if not report.ok:
            message = (
                f"{damage_summary(report)}。已停止写入；请退出后运行 jixiao doctor，或从备份恢复"
            )
            self.call_from_thread(
                self.notify, message, title="存储文件有损坏", severity="error", timeout=60
            )

    def _saved_cursor(self) -> Cursor | None:
        """The cursor of the last session, if it points at a draft that still exists."""
        try:
            cursor = self.store.load_cursor()
            if cursor is None or cursor.form_id is None:
                return None
            if self.store.get_form(cursor.form_id).status != "draft":
                return None
        except StoreError:
            return None
        return cursor

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    # -- opening forms ---------------------------------------------------------------------------

    def is_superseded(self, stored: StoredForm) -> bool:
        """A later year's form of the same project and 实施单位 exists in the store."""
        form = stored.form
        if not form.project.strip():
            return False
        candidates = self.store.list_forms(implementer=form.implementer, query=form.project)
        return any(s.project == form.project and s.year > form.year for s in candidates)

    async def open_form(self, form_id: int, focus_path: str | None = None) -> None:
        """Open a form: read-only when final or superseded, else in the form editor.

        Returns once the form is shown with the cursor in it, so that keys typed meanwhile
        (awaiting callers run on the app's task) land in the form.
        """
        from tui.screens.review import ReviewScreen

        try:
            stored = self.store.get_form(form_id)
        except StoreError as exc:
            self.notify(str(exc), title="无法打开表单", severity="error", markup=False)
            return
        if stored.status == "final" or self.is_superseded(stored):
            await self.push_screen(ReviewScreen(self.store, form_id))
            return
        await self.edit_form(form_id, focus_path)

    async def edit_form(self, form_id: int, focus_path: str | None = None) -> None:
        """Open a draft in the form editor even when a later year exists (asked for by the user)."""
        from tui.screens.form import FormScreen

        await self.push_screen(FormScreen(self.store, form_id, focus_path=focus_path))

    # -- app-wide actions ------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        title = getattr(screen, "HELP_TITLE", None) or screen.title or self.title
        self.push_screen(HelpScreen(title, keys_of(self, screen)))

    def action_command_palette(self) -> None:
        """The command palette, asking in Chinese."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(JixiaoPalette(id="--command-palette", placeholder="搜索命令…"))

    def action_help_quit(self) -> None:
        """Ctrl+C copies in a text field; whoever pressed it to quit is told how."""
        self.notify("按 Ctrl+Q 退出（已填写的内容都已保存）", title="要退出吗？", markup=False)

    def action_go_home(self) -> None:
        """Close every screen above the home screen."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def palette_commands(self, screen: Screen[Any]) -> list[PaletteCommand]:
        """Commands offered on every screen."""
        commands = [
            PaletteCommand("帮助: 本页按键", "列出当前页面的所有按键", self.action_help),
            PaletteCommand("外观: 切换主题", "选择颜色主题", self.action_change_theme),
            PaletteCommand("应用: 退出", "退出 jixiao（已填写的内容都已保存）", self.exit),
        ]
        if not isinstance(screen, HomeScreen):
            commands.insert(
                0, PaletteCommand("导航: 返回首页", "回到表单列表", self.action_go_home)
            )
        return commands

    # -- never a traceback on the user's screen ---------------------------------------------------

    def _print_error_renderables(self) -> None:
        # Only the one Chinese line of _fatal_error: Textual would add an English note
        # ("1 of 2 errors shown. Run with textual run --dev …") when more than one came.
        if self._exit_renderables:
            self.error_console.print(self._exit_renderables[0])
        self._exit_renderables.clear()

    def _forget_cursor(self) -> None:
        """After a crash the next start must not bring the user back to where it failed: it
        opens the form at its first field (or the home, if the form failed while opening)."""
        cursor = Cursor(None, None, None)
        for screen in self.screen_stack:
            after_crash = getattr(screen, "cursor_after_crash", None)
            if after_crash is not None:
                cursor = after_crash()
        try:
            self.store.save_cursor(cursor)
        except Exception:  # the store may be what failed; the crash log says so
            pass

    def _fatal_error(self) -> None:
        """A bug: keep the details in a file and tell the user in one line."""
        from core.crashlog import write_crash_log

        crash_log = write_crash_log()
        self._forget_cursor()
        where = f"详情已写入 {crash_log}" if crash_log else "详情无法写入文件"
        self.bell()
        self._exit_renderables.append(
            Text(f"内部错误。已填写的内容都已保存；{where}，请联系维护人员。", style="red")
        )
        self._close_messages_no_wait()
