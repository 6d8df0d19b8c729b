"""Inputs bound to a field path of the form: the screen reads ``field_path`` to edit the form.

Every field is one of Textual's own Input or TextArea, so the terminal cursor sits where an
input method expects it. A field in error carries the ``-bad`` class.

An edit is handed to the screen at once, by a direct call to its ``edit_field`` (the
``FieldEditor`` protocol), not by a bubbling Changed message: a message climbs the DOM one
queue at a time, and the frame that shows the keystroke would go out before the score panel
has the new scores. Values shown by the program (``show``) are not edits.
"""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, TextArea

from core.safetext import strip_controls, terminal_safe


@runtime_checkable
class FieldEditor(Protocol):
    """What a screen offers the fields on it: one call per edit."""

    def edit_field(self, path: str, raw: Any, widget: Widget | None = None) -> None: ...


def tell_editor(widget: Widget, path: str, raw: Any) -> None:
    """Hand an edit to the widget's screen, if that screen edits fields."""
    if not widget.is_mounted:
        return
    screen = widget.screen
    if isinstance(screen, FieldEditor):
        screen.edit_field(path, raw, widget)


def keep_terminal_cursor(field: Input | TextArea) -> None:
    """A focused field that has just been laid out puts the terminal cursor (where an input
    method opens its window) on itself: keys that reached it before the layout (a burst
    right after a step switch) placed it by a region the field did not have yet."""
    if field.has_focus:
        field.app.cursor_position = field.cursor_screen_offset


class FieldInput(Input):
    """A one-line text field of the form, used like a spreadsheet cell: the cursor arriving in
    it selects its whole value, so typing replaces it (last year's value in a clone); F2 or →
    edits the value in place, from its end."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "edit_in_place", "修改", show=False, tooltip="在原值末尾继续修改"),
    ]

    def on_resize(self) -> None:
        keep_terminal_cursor(self)

    def __init__(
        self,
        field_path: str,
        *,
        value: str = "",
        placeholder: str = "",
        max_length: int = 200,
        suggester: Suggester | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            value,
            placeholder=placeholder,
            max_length=max_length,
            suggester=suggester,
            select_on_focus=True,
            compact=True,
            id=id,
            classes=classes,
        )
        self.field_path = field_path
        self._showing = False
        # Every edit is handed to the screen directly (tell_editor). Input's Changed message
        # would only bubble up through a dozen containers on every key, read by none of them.
        self.disable_messages(Input.Changed)

    def show(self, text: str) -> None:
        """Show a value without telling the screen (it is not an edit)."""
        self._showing = True
        try:
            self.value = text
            self.cursor_position = len(text)
        finally:
            self._showing = False

    def _watch_value(self, value: str) -> None:
        # Input sets its virtual size to the text's width; as virtual_size is a layout
        # reactive, every key would lay out the whole screen again (some sixty widgets on the
        # form). The size is set here first, quietly: the field's own size never changes
        # with its text, only how far it can scroll, which Input reads from virtual_size.
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
        if not self._showing:
            tell_editor(self, self.field_path, value)

    def action_edit_in_place(self) -> None:
        self.cursor_position = len(self.value)

    def _on_paste(self, event: events.Paste) -> None:
        # Instead of Input's own, which keeps only the first line of the text, silently.
        event.stop()
        event.prevent_default()
        lines = [line.strip() for line in strip_controls(event.text, multiline=True).split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        text = joined_lines(lines)
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
        if len(lines) > 1:
            self.notify(
                f"粘贴的 {len(lines)} 行已合并为一行（本栏只有一行）：{terminal_safe(text)[:40]}",
                title="已合并粘贴的多行",
                markup=False,
            )


class NumberInput(FieldInput):
    """分值 or 得分. Whatever is typed stays as typed: core reads it, and what it cannot read
    (a letter O for 0, -5, 1e2) is named under the field, never silently dropped."""


class YearInput(FieldInput):
    """年度, read by core like every other field."""


def joined_lines(lines: list[str]) -> str:
    """Lines of one text (a name wrapped in a PDF, a cell copied from a sheet) as one line:
    Chinese runs on without a space, other text gets one."""
    text = lines[0]
    for line in lines[1:]:
        wide = _is_wide(text[-1]) and _is_wide(line[0])
        text += line if wide else f" {line}"
    return text


def _is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


class FieldTextArea(TextArea):
    """A long text field (预期目标, 实际完成情况, 偏差原因): wraps; Tab moves on; the cursor
    arrives at the end of the text.

    Enter accepts the field like any other (the form screen takes it), so Ctrl+J starts a new
    line.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+j", "new_line", "换行", show=False, tooltip="在长文本中另起一行"),
    ]

    def __init__(
        self,
        field_path: str,
        *,
        text: str = "",
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
        self.disable_messages(TextArea.Changed)  # as FieldInput's: edits go to the screen

    @property
    def value(self) -> str:
        return self.text

    def on_resize(self) -> None:
        keep_terminal_cursor(self)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual 8.2 can paint a TextArea whose component styles are not there (yet, or any
        # more: a row folded while a frame was being drawn) and raises KeyError
        # (textual#6528); such a frame shows the field blank, the next one draws it.
        try:
            return super().render_lines(crop)
        except KeyError:
            return [Strip.blank(crop.width)] * crop.height

    def _on_focus(self, event: events.Focus) -> None:
        if not event.from_app_focus:
            self.move_cursor(self.document.end)  # long text is added to, from its end

    def show(self, text: str) -> None:
        """Show a value without telling the screen (it is not an edit)."""
        if text == self.text:
            return
        self.load_text(text)

    async def _on_paste(self, event: events.Paste) -> None:
        # Textual's own handler runs after this one, with the text made safe here.
        event.text = strip_controls(event.text, multiline=True)

    def edit(self, edit: Any) -> Any:
        """Every change of the text (typing, paste, undo) passes here."""
        result = super().edit(edit)
        tell_editor(self, self.field_path, self.text)
        return result

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "ctrl+j":
            event.stop()
            event.prevent_default()
            self.action_new_line()
            return
        await super()._on_key(event)

    def action_new_line(self) -> None:
        self.insert("\n")
