"""The console script ``jixiao``: core's command line, and the TUI when no subcommand is named.

Textual is imported only on the way to the TUI, so ``jixiao check`` and the other subcommands
start without it.
"""

from __future__ import annotations

from pathlib import Path

from core.cli import main as run_command_line


def open_home(db_path: Path | None) -> None:
    """Open the TUI on the store at ``db_path`` (None: the per-user default store)."""
    from tui.launch import launch

    launch(db_path)


def main() -> None:
    """``jixiao [--db PATH] [SUBCOMMAND …]``."""
    run_command_line(open_home=open_home)
