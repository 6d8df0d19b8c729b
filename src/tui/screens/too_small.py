"""Said instead of a screen that cannot be drawn whole: the terminal is below the minimum size."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 18
"""The smallest terminal the screens are laid out for (80×24 shows every field of a row)."""


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(ModalScreen[None]):
    """Covers the app while the terminal is too small; goes once it is large enough. Keys
    pressed meanwhile do nothing (nothing that could be seen would answer them)."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: auto; max-width: 100%; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-message")

    def on_mount(self) -> None:
        self._say()

    def on_resize(self) -> None:
        if too_small(*self.app.size):
            self._say()
        elif self.is_current:
            self.dismiss()

    def _say(self) -> None:
        width, height = self.app.size
        self.query_one(Static).update(
            Text(
                f"终端窗口太小（{width}×{height}），请放大到至少 {MIN_WIDTH}×{MIN_HEIGHT}。"
                "已填写的内容都已保存。"
            )
        )
