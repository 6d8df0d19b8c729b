"""Stored text in a place of one line (a notice, a title): nothing in it acts on the terminal,
and a line break in it shows as ``\\n`` instead of breaking the line."""

from __future__ import annotations

from core.safetext import terminal_safe


def one_line(text: str) -> str:
    return terminal_safe(text, keep_newlines=False)
