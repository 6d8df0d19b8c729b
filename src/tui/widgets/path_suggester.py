"""Completion of file names as a path is typed: the rest of the first matching entry.

Folders come first (ending in ``/``), then workbooks and JSON forms, then other files; names are
matched from their beginning, case-insensitively. A folder too large to list quickly is only
partly looked at.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

MAX_ENTRIES = 2000
FORM_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".json", ".et")


def complete_path(typed: str, base: Path | None = None) -> str | None:
    """``typed`` completed to the first matching entry of its folder, or None."""
    if not typed:
        return None
    folder_text, _, partial = typed.rpartition("/")
    folder = Path(os.path.expanduser(folder_text + "/" if folder_text or typed[0] == "/" else "."))
    if not folder.is_absolute() and base is not None:
        folder = base / folder
    candidates: list[tuple[int, str]] = []
    try:
        with os.scandir(folder) as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_ENTRIES:
                    break
                name = entry.name
                if not name.lower().startswith(partial.lower()) or name == partial:
                    continue
                if name.startswith(".") and not partial.startswith("."):
                    continue
                is_dir = entry.is_dir()
                rank = 0 if is_dir else 1 if name.lower().endswith(FORM_SUFFIXES) else 2
                candidates.append((rank, name + ("/" if is_dir else "")))
    except OSError:
        return None
    if not candidates:
        return None
    _, best = min(candidates, key=lambda item: (item[0], item[1].lower()))
    return typed[: len(typed) - len(partial)] + best


class PathSuggester(Suggester):
    """Suggests the completed path as the user types (→ or End accepts it)."""

    def __init__(self, base: Path | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.base = base

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value, self.base)
