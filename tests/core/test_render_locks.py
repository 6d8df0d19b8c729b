"""A 年度指标值 locked from the 目标申报表 is marked in the paper layout on screen only."""

import io

from rich.console import Console

from core.render import paper_table
from core.scoring import score_form
from core.vocabulary import LOCKED_LABEL
from tests.core.builders import form, indicator


def plain(renderable) -> str:
    console = Console(width=140, file=io.StringIO(), color_system=None, highlight=False)
    console.print(renderable)
    return console.file.getvalue()


def locked_form():
    rows = [indicator("=100%", "100", "45", "45", name="甲"), indicator("≥90%", "95%", "45")]
    rows[0] = rows[0].model_copy(update={"target_locked": True})
    return form(rows)


def test_the_screen_layout_marks_a_locked_target_and_only_it():
    shown = locked_form()
    text = plain(paper_table(shown, score_form(shown), locks=True))
    assert text.count(LOCKED_LABEL) == 1
    line = next(line for line in text.splitlines() if "甲" in line)
    below = text.splitlines()[text.splitlines().index(line) + 1]
    assert LOCKED_LABEL in line + below


def test_the_paper_and_the_exports_carry_no_mark():
    shown = locked_form()
    assert LOCKED_LABEL not in plain(paper_table(shown, score_form(shown)))
