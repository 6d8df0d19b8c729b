"""Text that cannot drive a terminal: the one place that decides how stored text is shown.

A form's texts come from files, workbooks and keyboards; any of them may hold an escape
sequence (ESC [ 2 J clears the screen, OSC 52 writes the clipboard, OSC 0 retitles the window)
or characters that reorder or hide what is shown (bidi overrides, zero-width characters).

- ``terminal_safe`` is for output: every such character becomes a visible escape such as
  ``\\x1b`` or ``<U+202E>``, so a reader sees that it is there and nothing acts on it. Line
  breaks and tabs stay as they are unless ``keep_newlines`` is false.
- ``strip_controls`` is for input: what a user types or pastes into a field keeps its text
  and loses the characters no form field has a use for.
- ``unsafe_characters`` names what a text holds, for messages that refuse it at import.
- ``safe_text`` is ``terminal_safe`` as a Rich ``Text`` (never parsed as markup), for every
  table cell and line that shows a form's text; ``json_safe`` does the same for JSON text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import JustifyMethod

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Characters that change the direction of the text after them (Trojan Source)."""

INVISIBLE_FORMAT = frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
"""Zero-width and invisible formatting characters: a name holding one looks like another."""

LINE_BREAKS = frozenset("\n\t")
"""The whitespace controls a multi-line text may keep (CR is folded into LF first)."""

_C0_C1_DEL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_TAGS = "\U000e0000-\U000e007f"  # invisible "tag" letters, used to smuggle text past a reader
_UNSAFE = re.compile(
    f"[{_C0_C1_DEL}{''.join(sorted(BIDI_CONTROLS | INVISIBLE_FORMAT))}{_TAGS}\ud800-\udfff\n\t\r]"
)


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


def _visible(char: str) -> str:
    code = ord(char)
    if _is_control(char):
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def terminal_safe(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control, bidi, zero-width and surrogate character made visible.

    CR LF and lone CR count as one line break. With ``keep_newlines`` false, line breaks and
    tabs are escaped too (for one-line places: table cells of one line, messages, titles).
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _UNSAFE.search(text) is None:
        return text

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char in LINE_BREAKS:
            return char
        return _visible(char)

    return _UNSAFE.sub(replace, text)


def strip_controls(text: str, *, multiline: bool = False) -> str:
    """What a user typed or pasted, without the characters a form field has no use for.

    Controls, bidi overrides, zero-width characters and lone surrogates go; in a multi-line
    field line breaks and tabs stay (CR LF becomes LF), in a single-line field they become
    spaces.
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _UNSAFE.search(text) is None:
        return text

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char in LINE_BREAKS:
            return char if multiline else " "
        return ""

    return _UNSAFE.sub(replace, text)


def unsafe_characters(text: str) -> list[str]:
    """The characters of ``text`` no form field may hold, shown visibly, once each.

    Line breaks and tabs are not among them: whether a field may span lines is the field's
    own rule.
    """
    found: dict[str, None] = {}
    for char in _UNSAFE.findall(text):
        if char not in LINE_BREAKS and char != "\r":
            found[_visible(char)] = None
    return list(found)


def safe_text(
    text: str | None,
    style: str = "",
    *,
    justify: JustifyMethod | None = None,
    keep_newlines: bool = True,
) -> Text:
    """Stored or read text as a Rich ``Text`` that cannot drive a terminal (see terminal_safe)."""
    shown = terminal_safe(text or "", keep_newlines=keep_newlines)
    return Text(shown, style=style, justify=justify)


_JSON_UNSAFE = re.compile(
    f"[\x7f-\x9f{''.join(sorted(BIDI_CONTROLS | INVISIBLE_FORMAT))}{_TAGS}\ud800-\udfff]"
)


def _json_escape(match: re.Match[str]) -> str:
    units = match.group().encode("utf-16-le", "surrogatepass")
    return "".join(
        f"\\u{int.from_bytes(units[i : i + 2], 'little'):04x}" for i in range(0, len(units), 2)
    )


def json_safe(json_text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with every character that could act on
    a terminal or hide itself written as a ``\\uXXXX`` escape: the same JSON value, readable
    Chinese, and nothing raw. (``json.dumps`` already escapes C0 controls inside strings.)"""
    return _JSON_UNSAFE.sub(_json_escape, json_text)
