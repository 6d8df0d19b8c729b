"""Step 1, 基本信息: 年度, 项目名称, 主管部门, 实施单位."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Label

from tui.widgets.field_errors import FieldErrors
from tui.widgets.fields import FieldInput, YearInput

BASIC_FIELDS = (("year", "年度"), ("project", "项目名称"), ("department", "主管部门"))
BASIC_FIELDS += (("implementer", "实施单位"),)


class BasicStep(VerticalScroll):
    """The form's header fields."""

    can_focus = False

    DEFAULT_CSS = """
    BasicStep .field-line { height: 1; margin-top: 1; }
    BasicStep .field-label { width: 10; }
    BasicStep FieldInput { width: 1fr; max-width: 70; }
    BasicStep YearInput { width: 8; }
    BasicStep FieldErrors { padding-left: 10; }
    """

    def __init__(self, organisations: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self._organisations = organisations

    def compose(self) -> ComposeResult:
        organisations = SuggestFromList(self._organisations) if self._organisations else None
        for path, label in BASIC_FIELDS:
            with Horizontal(classes="field-line"):
                yield Label(label, classes="field-label")
                if path == "year":
                    yield YearInput(path, id=f"f-{path}")
                else:
                    suggester = organisations if path in ("department", "implementer") else None
                    yield FieldInput(path, suggester=suggester, id=f"f-{path}")
            yield FieldErrors(path)
