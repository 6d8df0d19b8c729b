"""Where command output leaves jixiao: the console, the exit codes and the one way to fail.

core.cli (the click group) and core.commands (the subcommands) both print through here, so
neither imports the other for it.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from rich.console import Console

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
"""0: done, no error findings; 1: the form has error findings; 2: input that cannot be used."""
EXIT_INTERNAL = 3
"""A bug: one line on the screen, the details in a crash log."""
EXIT_INTERRUPTED = 130


def new_console(stderr: bool = False) -> Console:
    """A console for command output: no highlighting, no soft wrap."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = EXIT_UNREADABLE) -> NoReturn:
    """Print a user-facing error (never markup-parsed) and exit."""
    new_console(stderr=True).print(message, markup=False, style="red", soft_wrap=True)
    sys.exit(code)
