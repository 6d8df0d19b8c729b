"""The command palette (Ctrl+P): every action of the current screen and of the app.

Commands are named "类别: 动作". A screen lists its own through ``palette_commands()``; a screen
without that method contributes every described binding of its own under "表单: …".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets.option_list import Option


def is_chinese(text: str) -> bool:
    """Whether the text holds a CJK character (our own descriptions all do)."""
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the palette: its name ("表单: 导出"), a line of help, what it runs."""

    name: str
    help: str
    run: Callable[[], Any]


def commands_from_bindings(screen: Screen[Any], category: str = "表单") -> list[PaletteCommand]:
    """A command for each described binding of the screen itself (not of its widgets)."""
    commands = []
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        # Textual's own bindings (Tab: "Focus Next") are described in English: not offered.
        if active.node is not screen or not is_chinese(binding.description):
            continue
        run = partial(screen.run_action, binding.action)
        commands.append(PaletteCommand(f"{category}: {binding.description}", binding.tooltip, run))
    return commands


def screen_commands(screen: Screen[Any]) -> list[PaletteCommand]:
    """The commands of one screen: its own list, or its bindings."""
    own: Callable[[], Iterable[PaletteCommand]] | None = getattr(screen, "palette_commands", None)
    return list(own()) if own is not None else commands_from_bindings(screen)


class JixiaoCommands(Provider):
    """Offers the current screen's commands, then the app's (navigation, help, quit)."""

    def _commands(self) -> list[PaletteCommand]:
        app_commands: Callable[[Screen[Any]], list[PaletteCommand]] | None = getattr(
            self.app, "palette_commands", None
        )
        own = screen_commands(self.screen)
        shared = app_commands(self.screen) if app_commands is not None else []
        names = {command.name for command in own}
        return own + [command for command in shared if command.name not in names]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)


class JixiaoPalette(CommandPalette):
    """The command palette, saying in Chinese what Textual's says in English."""

    NO_MATCHES = "没有找到匹配的命令"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2 adds a fixed English line ("No matches found") half a second after a
        # search found nothing; the same line, in Chinese, replaces it.
        super()._start_no_matches_countdown(search_value)
        if self._no_matches_timer is not None:
            self._no_matches_timer.stop()

        def show_no_matches() -> None:
            if not search_value:
                self._list_visible = False
                return
            notice = Option(Align.center(Text(self.NO_MATCHES)), self._NO_MATCHES, disabled=True)
            self.query_one(CommandList).add_option(notice)
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
