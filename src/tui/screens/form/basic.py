"""Step 1, 基本信息: 年度, 项目名称, 主管部门, 实施单位."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Label

from core.model import Form
from core.store import Store
from tui.shown import one_line
from tui.widgets.field_errors import FieldErrors
from tui.widgets.fields import FieldInput, YearInput

BASIC_FIELDS = (("year", "年度"), ("project", "项目名称"), ("department", "主管部门"))
BASIC_FIELDS += (("implementer", "实施单位"),)
IDENTITY_FIELDS = ("year", "project", "implementer")
"""年度, 项目名称 and 实施单位: a form like another in all three is likely a duplicate."""


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
        self.identity_edited = False
        """年度, 项目名称 or 实施单位 has been typed into since the last look for duplicates"""
        self._identity_checked: tuple[int, str, str] | None = None

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

    def warn_if_duplicate(self, store: Store, form_id: int, form: Form) -> None:
        """Once 年度, 项目名称 or 实施单位 has been typed into and left: say so when another
        stored form has all three (once for each three)."""
        if not self.identity_edited:
            return
        self.identity_edited = False
        identity = (form.year, form.project.strip(), form.implementer.strip())
        if not identity[1] or identity == self._identity_checked:
            return
        self._identity_checked = identity
        year, project, unit = identity
        others = [
            summary.id
            for summary in store.list_forms(year=year, implementer=unit or None, query=project)
            if summary.id != form_id
            and (summary.project.strip(), summary.implementer.strip()) == (project, unit)
        ]
        if others:
            of_unit = f"（{one_line(unit)}）" if unit else ""
            self.notify(
                f"存储中已有 {year} 年度“{one_line(project)}”{of_unit}的表单（编号 {others[0]}）。"
                "同一项目同一年度一般只填一份，请核对是否重复。",
                title="可能重复",
                severity="warning",
                markup=False,
                timeout=10,
            )
