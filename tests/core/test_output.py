"""core.output: the last guard of every console."""

from __future__ import annotations

import io

from rich.table import Table
from rich.text import Text

from core.output import new_console


def test_the_last_guard_escapes_text_that_skipped_safe_text() -> None:
    stream = io.StringIO()
    console = new_console(file=stream, force_terminal=True, width=80)
    console.print(Text("项目\x1b]0;pwned\x07\u202e"), style="bold")
    table = Table("名称")
    table.add_row("单位\x9b31m")
    console.print(table)
    out = stream.getvalue()
    assert "\x07" not in out and "\x9b" not in out and "\u202e" not in out
    assert "\\x1b]0;pwned" in out and "<U+202E>" in out and "\\x9b31m" in out
    assert "\x1b[1m" in out  # Rich's own styles still pass
