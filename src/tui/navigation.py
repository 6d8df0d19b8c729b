"""What a screen may ask of the app: to open a form.

A Protocol, as the fields' FieldEditor is: the screens reach the app through it without
importing tui.app (which imports them). Opening is a call and not a message because its caller
awaits it: the keys typed after the key that opened a form are read once the form is shown.
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode


class Navigator(Protocol):
    """The app, as the screens see it."""

    async def open_form(self, form_id: int, focus_path: str | None = None) -> None:
        """Open a form: read-only when final or superseded, else in the form editor."""

    async def edit_form(self, form_id: int, focus_path: str | None = None) -> None:
        """Open a draft in the form editor even when a later year exists."""


def navigator(node: DOMNode) -> Navigator:
    """The app of ``node``, to open forms with."""
    return cast(Navigator, node.app)
