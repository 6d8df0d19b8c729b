"""core.safetext: no text that leaves jixiao can drive a terminal or hide what it holds."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from core.safetext import (
    BIDI_CONTROLS,
    INVISIBLE_FORMAT,
    strip_controls,
    terminal_safe,
    unsafe_characters,
)


def _dangerous(char: str) -> bool:
    category = unicodedata.category(char)
    return (
        category in ("Cc", "Cs")
        or char in BIDI_CONTROLS
        or char in INVISIBLE_FORMAT
        or char == "\x1b"
    )


def test_an_escape_sequence_in_a_project_name_is_shown_not_obeyed() -> None:
    name = "宣传\x1b]0;pwned\x07与推广\x1b[2J\x1b]52;c;ZXZpbA==\x07"
    shown = terminal_safe(name)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "宣传\\x1b]0;pwned\\x07与推广\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07"


def test_c1_controls_del_bidi_and_zero_width_are_made_visible() -> None:
    assert terminal_safe("a\x9bb\x7fc") == "a\\x9bb\\x7fc"
    assert terminal_safe("评分\u202e反转\u200b") == "评分<U+202E>反转<U+200B>"


def test_line_breaks_stay_in_long_texts_and_are_escaped_on_one_line() -> None:
    assert terminal_safe("第一行\r\n第二行\r第三行\t完") == "第一行\n第二行\n第三行\t完"
    assert terminal_safe("第一行\n第二行", keep_newlines=False) == "第一行\\x0a第二行"


def test_typed_text_loses_controls_and_keeps_its_words() -> None:
    assert strip_controls("信访\x1b[31m课题\u202e") == "信访[31m课题"
    assert strip_controls("一\r\n二\t三") == "一 二 三"
    assert strip_controls("一\r\n二\t三", multiline=True) == "一\n二\t三"


def test_unsafe_characters_are_named_once_each_and_line_breaks_are_not_among_them() -> None:
    assert unsafe_characters("a\x1bb\x1b\u200bc\nd\te") == ["\\x1b", "<U+200B>"]
    assert unsafe_characters("普通的文字，100%") == []


@given(st.text())
def test_nothing_dangerous_survives_terminal_safe(text: str) -> None:
    shown = terminal_safe(text, keep_newlines=False)
    assert not any(_dangerous(char) for char in shown)
    kept = terminal_safe(text)
    assert not any(_dangerous(char) and char not in "\n\t" for char in kept)


@given(st.text())
def test_nothing_dangerous_survives_strip_controls(text: str) -> None:
    assert not any(_dangerous(char) for char in strip_controls(text))
    multiline = strip_controls(text, multiline=True)
    assert not any(_dangerous(char) and char not in "\n\t" for char in multiline)


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs", "Cf"))))
def test_ordinary_text_is_left_as_it_is(text: str) -> None:
    assert terminal_safe(text) == text
    assert strip_controls(text) == text
    assert unsafe_characters(text) == []
