"""core.output: the last guard of every console, and piped views at their natural width."""

from __future__ import annotations

import io

from rich.table import Table
from rich.text import Text

from core.output import PIPED_WIDTH, natural_width, new_console


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


def test_a_table_measures_its_natural_width_and_the_paper_layout_has_none() -> None:
    console = new_console(file=io.StringIO(), width=80)
    table = Table("名称", "单位")
    table.add_row("信" * 70, "办公室")
    assert natural_width(console, table) > 140
    assert natural_width(console, Table("x", expand=True)) <= 6
    from core.interchange import read_form
    from core.render import paper_table
    from core.scoring import score_form
    from tests.core.builders import SAMPLES

    form = read_form(SAMPLES["维稳工作"])
    assert natural_width(console, paper_table(form, score_form(form))) == PIPED_WIDTH
