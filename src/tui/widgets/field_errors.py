"""The Chinese message under a field (or a group of fields) whose text cannot be accepted."""

from __future__ import annotations

from collections.abc import Mapping

from textual.widgets import Static

from core.safetext import terminal_safe
from tui.widgets.wrapping import ChineseText


class FieldErrors(Static):
    """Shows the input errors of the fields it watches; hidden while there are none."""

    DEFAULT_CSS = """
    FieldErrors { color: $error; height: auto; }
    FieldErrors.-empty { display: none; }
    """

    def __init__(self, *paths: str, id: str | None = None) -> None:
        super().__init__("", id=id, classes="-empty", markup=False)
        self.paths = paths
        self._shown = ""

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Messages already name their field (core.edit puts the label in front)."""
        text = "\n".join(errors[path] for path in self.paths if path in errors)
        if text == self._shown:
            return
        self._shown = text
        self.update(ChineseText(terminal_safe(text)))
        self.set_class(not text, "-empty")
