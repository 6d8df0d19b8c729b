"""Chinese line breaking: no line starts with a closing mark or ends with an opening one,
numbers stay whole, and nothing of the text is lost."""

from __future__ import annotations

import io
import itertools

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from tui.widgets.wrapping import NO_LINE_END, NO_LINE_START, ChineseText, break_offsets

HINT = "得分低于分值：请在“偏差原因”中说明原因及改进措施。实际完成值为95%，未达到年度指标值≥98%。"


def lines_of(text: str, width: int) -> list[str]:
    offsets = [0, *break_offsets(text, width), len(text)]
    return [text[start:end] for start, end in itertools.pairwise(offsets)]


def test_a_hint_wraps_without_a_line_starting_with_punctuation() -> None:
    for width in range(8, 40):
        lines = lines_of(HINT, width)
        assert "".join(lines) == HINT
        assert all(cell_len(line) <= width for line in lines), width
        assert not any(line[0] in NO_LINE_START for line in lines[1:]), (width, lines)
        assert not any(line[-1] in NO_LINE_END for line in lines[:-1]), (width, lines)
        assert not any("95%" in HINT and line.endswith("95") for line in lines)


def test_the_renderable_keeps_the_text_and_its_lines() -> None:
    console = Console(width=14, file=io.StringIO(), record=True, color_system=None)
    console.print(ChineseText(HINT))
    shown = console.export_text().splitlines()
    assert "".join(shown) == HINT
    assert not any(line[:1] in NO_LINE_START for line in shown)


CHINESE = st.sampled_from("信访制度知晓率得分低于分值请在偏差原因中说明")
MARKS = st.sampled_from(sorted(NO_LINE_START | NO_LINE_END))
NUMBERS = st.sampled_from(["95%", "2023", "12.5", "≥98%"])


@given(
    st.lists(st.one_of(CHINESE, CHINESE, CHINESE, MARKS, NUMBERS), max_size=60), st.integers(6, 40)
)
def test_any_chinese_text_breaks_by_the_rules(pieces: list[str], width: int) -> None:
    text = "".join(pieces)
    lines = lines_of(text, width)
    assert "".join(lines) == text
    for before, after in itertools.pairwise(lines):
        # a rule gives way only where keeping it would leave a line with nothing else on it
        assert (
            after[0] not in NO_LINE_START
            or len(before) == 1
            or all(c in NO_LINE_START for c in before)
        ), (before, after)
