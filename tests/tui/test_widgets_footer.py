"""The key footer follows the keys that apply, and is not rebuilt when the focus moves between
widgets with the same keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from tui.widgets.footer import KeyFooter


class KeyedInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+k", "noop", "甲键")]

    def action_noop(self) -> None:
        pass


class FooterApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="first")
        yield Input(id="second")
        yield KeyedInput(id="keyed")
        yield KeyFooter()


def shown(app: FooterApp) -> list[str]:
    return [key.description for key in app.query(FooterKey)]


async def test_the_footer_is_rebuilt_only_when_its_keys_change() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        keys = list(app.query(FooterKey))
        assert "甲键" not in shown(app)
        app.set_focus(app.query_one("#second"))
        await pilot.pause()
        assert list(app.query(FooterKey)) == keys, "same keys: the same widgets"
        app.set_focus(app.query_one("#keyed"))
        await pilot.pause()
        assert "甲键" in shown(app)
        app.set_focus(app.query_one("#first"))
        await pilot.pause()
        assert "甲键" not in shown(app)
