"""Chinese text wrapped as Chinese is set: no line starts with 。，、 or another closing mark,
none ends with an opening one (“（《), and numbers such as 95% or 2023 stay whole.

Rich wraps text without spaces one character at a time, wherever the width runs out, so a
line of a hint could begin with 。 or 、. ``ChineseText`` wraps at render time, for the width
it is given, keeping the styles of the Text it wraps.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

NO_LINE_START = frozenset("。．，、；：？！）」』》〉】〕｝］’”…·～%％‰,.;:?!)]}")
"""Marks that close or follow: a line never starts with one (it stays with the word before)."""
NO_LINE_END = frozenset("（「『《〈【〔｛［‘“([{≥≤≧≦＞＜>=<")
"""Marks that open, and comparators before a number: a line never ends with one (it goes
with the word after)."""
_OPENING = re.escape("".join(sorted(NO_LINE_END)))
_CLOSING = re.escape("".join(sorted(NO_LINE_START)))
_TOKEN = re.compile(rf"\s+|[{_OPENING}]*(?:[A-Za-z0-9.%+\-_/:]+|.)[{_CLOSING}]*", re.DOTALL)
"""What a line is not broken within: a word or number, or one character, with the opening marks
before it and the closing marks after it."""


def break_offsets(line: str, width: int) -> list[int]:
    """Where one line of text (no line breaks) is broken to fit ``width`` cells."""
    if width <= 0:
        return []
    tokens = [(match.start(), match.group()) for match in _TOKEN.finditer(line)]
    breaks: list[int] = []
    start = used = position = 0
    while position < len(tokens):
        offset, token = tokens[position]
        size = cell_len(token)
        if used + size <= width:
            used += size
            position += 1
        elif offset == start:  # wider than a line by itself: folded
            cut = _fold(token, width)
            tokens[position : position + 1] = [(offset, token[:cut]), (offset + cut, token[cut:])]
        else:
            if token.isspace():  # the next line starts after the space it broke at
                position += 1
                offset = tokens[position][0] if position < len(tokens) else len(line)
            start, used = offset, 0
            breaks.append(start)
    return [offset for offset in breaks if 0 < offset < len(line)]


def _fold(token: str, width: int) -> int:
    """Where a token wider than a line is cut: as late as fits, neither before a closing mark
    nor after an opening one, unless the piece would be empty."""
    used, cut = 0, len(token)
    for index, character in enumerate(token):
        used += cell_len(character)
        if used > width:
            cut = index
            break
    while 1 < cut < len(token) and (token[cut] in NO_LINE_START or token[cut - 1] in NO_LINE_END):
        cut -= 1
    return max(cut, 1)


class ChineseText:
    """A Text rendered with Chinese line breaking (see the module docstring)."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = Text("\n").join(self._lines(width)) if self.text.plain else Text()
        lines.no_wrap = True
        lines.overflow = "fold"
        yield lines

    def _lines(self, width: int) -> list[Text]:
        lines: list[Text] = []
        for line in self.text.split("\n", allow_blank=True):
            offsets = break_offsets(line.plain, width)
            for piece in line.divide(offsets) if offsets else [line]:
                piece.rstrip()
                lines.append(piece)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(longest, 2), longest)
