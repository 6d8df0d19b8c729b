"""The key footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys (a dozen widgets, each styled anew) whenever the focus
moves, because the active bindings may have changed. On the form screen the focus moves with
every Enter, and the keys shown rarely change: skipping the rebuild when nothing it would show
differs saves most of the work of a move from field to field.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that recomposes only when its keys, their state or its own options change."""

    _shown: Hashable = None

    def _what_it_shows(self) -> Hashable:
        keys = tuple(
            (binding.key, binding.key_display, binding.description, binding.group, enabled, tip)
            for _, binding, enabled, tip in self.screen.active_bindings.values()
            if binding.show
        )
        return (keys, self.compact, self.show_command_palette, self.combine_groups)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self._what_it_shows()
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
