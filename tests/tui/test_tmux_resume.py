"""The real app under tmux: type Chinese, kill it with SIGKILL, start it again, nothing is lost.

A new form is opened from the home screen; its 项目名称, one 项目资金 amount and the 预期目标
are typed with ``tmux send-keys -l`` (as an input method delivers text) and each is left with
Tab; the app is killed while the cursor is in 实际完成情况. After a restart every field that had
been left is in the store and on screen, and the app is back in the field the user was in.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from core.store import Store

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 120, 40

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)"
)


class Terminal:
    """One tmux server of our own (-L), one session running the app."""

    def __init__(self, socket: str, db_path: Path) -> None:
        self.socket, self.db_path = socket, db_path
        self.environment = {
            **os.environ,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "xterm-256color",
            "PYTHONPATH": str(ROOT / "src"),
        }
        self.environment.pop("TMUX", None)

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.environment,
            check=False,
        ).stdout

    def start(self) -> None:
        command = (
            f"exec {sys.executable} -c 'from tui.main import main; main()' --db '{self.db_path}'"
        )
        self.tmux("new-session", "-d", "-s", "app", "-x", str(WIDTH), "-y", str(HEIGHT), command)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def wait_for(self, seen: Callable[[str], bool], what: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if seen(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"waited {timeout} s for {what}; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "app", key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "app", "-l", text)
        time.sleep(0.3)

    def app_pid(self) -> int:
        return int(self.tmux("list-panes", "-t", "app", "-F", "#{pane_pid}").split()[0])

    def cursor_row(self) -> int:
        """The screen row of the terminal cursor, which Textual keeps in the focused field."""
        return int(self.tmux("display-message", "-p", "-t", "app", "#{cursor_y}").strip())

    def stop(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    db_path = tmp_path / "jixiao.db"
    with Store.open(db_path) as store:
        store.load_samples()
    terminal = Terminal(f"jixiao-test-{os.getpid()}", db_path)
    yield terminal
    terminal.stop()


def test_a_killed_app_loses_no_field_that_was_left(terminal: Terminal) -> None:
    terminal.start()
    terminal.wait_for(lambda s: "网络信息系统运行与维护" in s, "the home screen")
    terminal.keys("n")
    terminal.wait_for(lambda s: "新建表单：年度" in s, "the year prompt")
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "F3 基本信息" in s, "the new form")

    terminal.type("网络安全运维")  # the year was given: the cursor is in 项目名称
    terminal.keys("Tab")
    terminal.keys("F4")  # 项目资金: 年度资金总额 · 年初预算数
    terminal.wait_for(lambda s: "年初预算数" in s, "the funds step")
    terminal.type("１２０，０００")
    terminal.keys("Tab")
    terminal.wait_for(lambda s: "120,000.00" in s, "the amount shown with separators")
    terminal.keys("F5")  # 年度目标: 预期目标
    terminal.wait_for(lambda s: "预期目标" in s, "the goals step")
    terminal.type("保障网络信息系统安全稳定运行")
    terminal.keys("Tab")  # into 实际完成情况, where the user stays
    time.sleep(0.5)

    os.kill(terminal.app_pid(), signal.SIGKILL)
    terminal.wait_for(lambda s: "网络安全运维" not in s, "the app to die", timeout=5)
    terminal.stop()

    with Store.open(terminal.db_path) as store:
        summary = next(s for s in store.list_forms() if s.project == "网络安全运维")
        form = store.get_form(summary.id).form
        cursor = store.load_cursor()
    assert form.funds.total.initial == Decimal("120000")
    assert form.goals.expected == "保障网络信息系统安全稳定运行"
    assert cursor is not None
    assert (cursor.form_id, cursor.path) == (summary.id, "goals.actual")

    terminal.start()
    screen = terminal.wait_for(lambda s: "保障网络信息系统安全稳定运行" in s, "the form reopened")
    assert "网络安全运维" in screen
    assert "实际完成情况" in screen
    # The terminal cursor stands in the field the user was in: the line below its label.
    lines = screen.splitlines()
    label_row = next(n for n, line in enumerate(lines) if "实际完成情况" in line)
    assert terminal.cursor_row() == label_row + 1
    terminal.keys("F3")
    terminal.wait_for(lambda s: "网络安全运维" in s and "项目名称" in s, "the basic step")
    terminal.keys("F4")
    terminal.wait_for(lambda s: "120,000.00" in s, "the amount after the restart")
