"""Where command output leaves jixiao: the console, the exit codes and the one way to fail.

core.cli (the click group) and core.commands (the subcommands) both print through here, so
neither imports the other for it.

Two promises hold for everything printed here:
- nothing printed can drive the terminal: the views escape a form's text where they build it
  (core.safetext.safe_text), and every console made here escapes, as a last guard, any control,
  bidi or zero-width character that still reaches its output (the exports use it too);
- piped output is never hard-wrapped: messages keep each line whole, and a table takes its
  natural width, so ``jixiao check FILE | grep 没有发现问题`` finds the line however long the
  path. (The paper layout fills any width and its cells hold paragraphs: it takes
  ``PIPED_WIDTH`` and folds its cells.)
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import click
from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

from core.safetext import json_safe, terminal_safe

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
"""0: done, no error findings; 1: the form has error findings; 2: input that cannot be used."""
EXIT_INTERNAL = 3
"""A bug: one line on the screen, the details in a crash log."""
EXIT_INTERRUPTED = 130

PIPED_WIDTH = 100
"""The width of the paper layout on a pipe (it fills any width it gets): Chinese needs room."""
PIPED_MAX_WIDTH = 10_000
"""The room a piped table gets: it takes its natural width within it."""


class _Escaped:
    """A renderable whose text segments have every unsafe character made visible."""

    def __init__(self, renderable: ConsoleRenderable) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            text = segment.text
            if segment.control or not text or (text.isprintable() and "\t" not in text):
                yield segment
            else:
                yield Segment(terminal_safe(text), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class EscapeControls(RenderHook):
    """The last guard of a console: what it prints is escaped, whatever the caller forgot."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Escaped(renderable) for renderable in renderables]


def guarded(console: Console) -> Console:
    """``console``, with the last guard installed (see EscapeControls)."""
    console.push_render_hook(EscapeControls())
    return console


def new_console(stderr: bool = False, **settings: Any) -> Console:
    """A console for command output: no highlighting, no soft wrap, the last guard on."""
    return guarded(Console(stderr=stderr, highlight=False, **{"soft_wrap": False, **settings}))


def _piped(console: Console) -> bool:
    return not console.is_terminal and "COLUMNS" not in os.environ


def print_view(renderable: Any, stderr: bool = False, *, piped_width: int | None = None) -> None:
    """A Rich view on the terminal; piped, plain and never wrapped: its tables take their natural
    width, or ``piped_width`` for a layout that fills whatever width it gets (the paper form)."""
    console = new_console(stderr)
    if _piped(console):
        console = new_console(stderr, width=piped_width or PIPED_MAX_WIDTH, soft_wrap=True)
    console.print(renderable)


def say(message: str, err: bool = False) -> None:
    """One plain message line (or several), escaped, never wrapped."""
    click.echo(terminal_safe(message), err=err)


def say_json(data: Any) -> None:
    """JSON on standard output: readable Chinese, nothing raw that could act on a terminal."""
    import json

    click.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))


YES = frozenset({"y", "yes", "是", "是的", "好", "覆盖"})


def ask(question: str) -> bool:
    """A yes/no question on the terminal (stderr), no unless answered yes (y, 是); the end of
    input is a no. Click's own confirm answers a typo in English."""
    click.echo(terminal_safe(f"{question} [y/N] "), nl=False, err=True)
    answer = sys.stdin.readline()
    if not answer:
        click.echo(err=True)
    return answer.strip().lower() in YES


def fail(message: str, code: int = EXIT_UNREADABLE) -> NoReturn:
    """Print a user-facing error (never markup-parsed, never wrapped) and exit."""
    new_console(stderr=True).print(message, markup=False, style="red", soft_wrap=True)
    sys.exit(code)
