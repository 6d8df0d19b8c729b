"""Step 1, 基本信息: 年度, 项目名称, 主管部门, 实施单位, and the rule set that scores the form."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Label, Select, Static

from core.model import Form
from core.rules import shipped_rule_sets
from core.safetext import terminal_safe
from core.store import Store
from tui.screens.form.steps import editing
from tui.shown import one_line
from tui.widgets.field_errors import FieldErrors
from tui.widgets.fields import FieldInput, YearInput
from tui.widgets.wrapping import ChineseText

BASIC_FIELDS = (("year", "年度"), ("project", "项目名称"), ("department", "主管部门"))
BASIC_FIELDS += (("implementer", "实施单位"),)
IDENTITY_FIELDS = ("year", "project", "implementer")
"""年度, 项目名称 and 实施单位: a form like another in all three is likely a duplicate."""


class BasicStep(VerticalScroll):
    """The form's header fields, and the rule set that scores it (a setting, not a field of
    the paper: Tab reaches it, the Enter path of a form keyed from paper passes it by)."""

    can_focus = False

    DEFAULT_CSS = """
    BasicStep .field-line { height: 1; margin-top: 1; }
    BasicStep .field-label { width: 10; }
    BasicStep FieldInput { width: 1fr; max-width: 70; }
    BasicStep YearInput { width: 8; }
    BasicStep FieldErrors { padding-left: 10; }
    BasicStep #f-rule_set { width: 1fr; max-width: 70; }
    BasicStep #rule-set-description { padding-left: 10; color: $text-muted; height: auto; }
    """

    def __init__(self, organisations: list[str], rule_set: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._organisations = organisations
        self._rule_sets = {rules.name: rules for rules in shipped_rule_sets()}
        self._rule_set = rule_set
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
        with Horizontal(classes="field-line"):
            yield Label("规则集", classes="field-label")
            yield Select(
                [(Text(rules.title), name) for name, rules in self._rule_sets.items()],
                value=self._rule_set,
                allow_blank=False,
                compact=True,
                id="f-rule_set",
            )
        yield FieldErrors("rule_set")
        yield Static(self._description(self._rule_set), id="rule-set-description")

    def _description(self, name: object) -> ChineseText:
        rules = self._rule_sets.get(str(name))
        text = Text(terminal_safe(rules.description if rules else ""))
        text.append("（空格或 ↓ 另选）", style="dim")
        return ChineseText(text)

    def show_rule_set(self, name: str) -> None:
        """Show the form's rule set (not an edit: the form has it already)."""
        select = self.query_one("#f-rule_set", Select)
        if select.value != name and name in self._rule_sets:
            select.value = name

    @on(Select.Changed, "#f-rule_set")
    def _rule_set_chosen(self, event: Select.Changed) -> None:
        """Another rule set: the form is scored under it at once and it is written (recorded
        in the history like any field)."""
        self.query_one("#rule-set-description", Static).update(self._description(event.value))
        form_editing = editing(self)
        if event.value != form_editing.session.rules.name:
            form_editing.edit_field("rule_set", event.value, event.select)
            form_editing.flush("rule_set")
            form_editing.rules_changed()

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
