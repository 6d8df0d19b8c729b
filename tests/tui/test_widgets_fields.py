"""Field widgets on their own: what a money cell accepts and shows, a new line in a long text."""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, TextArea

from tui.widgets.fields import FieldInput, FieldTextArea, NumberInput
from tui.widgets.money_input import MoneyInput, grouped


class FieldsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield MoneyInput("funds.total.annual", id="money")
        yield NumberInput("budget_score", id="number")
        yield FieldTextArea("goals.expected", id="goal")


def test_grouped_shows_amounts_as_people_read_them() -> None:
    assert grouped("75248") == "75,248.00"
    assert grouped("11.5万") == "115,000.00"
    assert grouped("１２０，０００") == "120,000.00"
    assert grouped("12,34") == "12,34"
    assert grouped("  ") == ""


async def test_a_money_cell_keeps_what_is_typed_and_groups_when_left() -> None:
    app = FieldsApp()
    async with app.run_test() as pilot:
        money = app.query_one("#money", MoneyInput)
        money.focus()
        await pilot.press(*"1a2b0,0x00.5", "万")
        assert money.value == "1a2b0,0x00.5万", "nothing typed is dropped"
        money.value = ""
        await pilot.press(*"3852396.53")
        await pilot.press("tab")
        assert money.value == "3,852,396.53"
        assert app.focused.id == "number"
        await pilot.press(*"-7.5e")
        assert app.focused.value == "-7.5e"


async def test_ctrl_j_breaks_the_line_in_a_goal() -> None:
    app = FieldsApp()
    async with app.run_test() as pilot:
        goal = app.query_one("#goal", FieldTextArea)
        goal.focus()
        await pilot.press(*"完成", "ctrl+j", *"良好")
        assert goal.text == "完成\n良好"
        goal.show("别的")
        assert goal.text == "别的"


class EditingScreen(Screen[None]):
    """A screen that edits fields (tui.widgets.fields.FieldEditor) and notes what bubbles."""

    def __init__(self) -> None:
        super().__init__()
        self.edits: list[tuple[str, object]] = []
        self.bubbled: list[Message] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield FieldInput("indicators[0].actual", id="actual")
            yield FieldTextArea("indicators[0].deviation", id="deviation")

    def edit_field(self, path: str, raw: object, widget: object = None) -> None:
        self.edits.append((path, raw))

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _bubbled(self, message: Message) -> None:
        self.bubbled.append(message)


async def test_an_edit_goes_to_the_screen_and_no_changed_message_bubbles() -> None:
    app = App[None]()
    async with app.run_test() as pilot:
        screen = EditingScreen()
        await app.push_screen(screen)
        screen.query_one("#actual", FieldInput).focus()
        await pilot.press(*"98%")
        screen.query_one("#deviation", FieldTextArea).focus()
        await pilot.press(*"略低")
        await pilot.pause()
        assert screen.edits[-1] == ("indicators[0].deviation", "略低")
        assert ("indicators[0].actual", "98%") in screen.edits
        assert screen.bubbled == []
