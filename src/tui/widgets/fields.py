"""Inputs bound to a field path of the form: the screen reads ``field_path`` to edit the form.

Every field is one of Textual's own Input or TextArea, so the terminal cursor sits where an
input method expects it. A field in error carries the ``-bad`` class.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, TextArea

NUMBER_RESTRICT = r"[0-9０-９.．]*"
YEAR_RESTRICT = r"[0-9０-９]*"


class FieldInput(Input):
    """A one-line text field of the form."""

    def __init__(
        self,
        field_path: str,
        *,
        value: str = "",
        placeholder: str = "",
        restrict: str | None = None,
        max_length: int = 200,
        suggester: Suggester | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            value,
            placeholder=placeholder,
            restrict=restrict,
            max_length=max_length,
            suggester=suggester,
            select_on_focus=False,
            compact=True,
            id=id,
            classes=classes,
        )
        self.field_path = field_path

    def show(self, text: str) -> None:
        """Show a value without telling the screen (it is not an edit)."""
        with self.prevent(Input.Changed):
            self.value = text
            self.cursor_position = len(text)


class NumberInput(FieldInput):
    """分值 or 得分: digits and a decimal point only."""

    def __init__(self, field_path: str, **kwargs) -> None:
        super().__init__(field_path, restrict=NUMBER_RESTRICT, max_length=12, **kwargs)


class YearInput(FieldInput):
    """年度: four digits."""

    def __init__(self, field_path: str, **kwargs) -> None:
        super().__init__(field_path, restrict=YEAR_RESTRICT, max_length=4, **kwargs)


class FieldTextArea(TextArea):
    """A long text field (预期目标, 实际完成情况, 偏差原因): wraps; Tab moves on.

    With ``enter_moves``, Enter accepts the field like any other and Ctrl+J starts a new line.
    """

    class Accepted(Message):
        """Enter in a field where Enter moves on rather than starting a new line."""

        def __init__(self, area: FieldTextArea) -> None:
            super().__init__()
            self.area = area

        @property
        def control(self) -> FieldTextArea:
            return self.area

    def __init__(
        self,
        field_path: str,
        *,
        text: str = "",
        enter_moves: bool = False,
        placeholder: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            compact=True,
            placeholder=placeholder,
            id=id,
            classes=classes,
        )
        self.field_path = field_path
        self.enter_moves = enter_moves

    @property
    def value(self) -> str:
        return self.text

    def show(self, text: str) -> None:
        """Show a value without telling the screen (it is not an edit)."""
        if text == self.text:
            return
        with self.prevent(TextArea.Changed):
            self.load_text(text)

    async def _on_key(self, event: events.Key) -> None:
        if self.enter_moves and event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Accepted(self))
            return
        if self.enter_moves and event.key == "ctrl+j":
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        await super()._on_key(event)
