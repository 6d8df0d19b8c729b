"""Step 4, 绩效指标, level by level: pick the 一级, then the 二级, then edit its 三级 rows.

The step shows; the form screen edits (it owns the form and the store). Pure helpers here
say which rows belong to a group and where a new row of a group goes.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from core import fieldpaths
from core.decimals import format_plain
from core.model import Form, Indicator
from core.rules import RuleSet
from core.safetext import safe_text
from core.scoring import Scorecard
from tui.widgets.completion import Completions
from tui.widgets.indicator_row import IndicatorRow, RowSummary, needs_grade

Group = tuple[str, str]
"""(一级指标, 二级指标)"""


def level1_names(form: Form, rules: RuleSet) -> list[str]:
    """The rule set's 一级指标, then any other the form uses."""
    names = [level.name for level in rules.levels]
    return list(dict.fromkeys(names + [i.level1 for i in form.indicators if i.level1]))


def level2_names(form: Form, rules: RuleSet, level1: str) -> list[str]:
    """The rule set's 二级指标 of a 一级, then any other the form uses under it."""
    level = rules.level(level1)
    names = list(level.level2) if level else []
    names += [i.level2 for i in form.indicators if i.level1 == level1 and i.level2]
    return list(dict.fromkeys(names))


def group_rows(form: Form, group: Group) -> list[int]:
    """Indices of the rows of one (一级, 二级) group, in form order."""
    return [n for n, i in enumerate(form.indicators) if (i.level1, i.level2) == group]


def _group_order(rules: RuleSet, indicator: Indicator) -> tuple[int, int]:
    names = [level.name for level in rules.levels]
    first = names.index(indicator.level1) if indicator.level1 in names else len(names)
    level = rules.level(indicator.level1)
    seconds = list(level.level2) if level else []
    second = seconds.index(indicator.level2) if indicator.level2 in seconds else len(seconds)
    return first, second


def new_row_index(form: Form, rules: RuleSet, group: Group) -> int:
    """Where a new row of a group goes: after its last row, else where the paper puts it."""
    rows = group_rows(form, group)
    if rows:
        return rows[-1] + 1
    key = _group_order(
        rules, Indicator(level1=group[0], level2=group[1], name="", target="", weight=None)
    )
    for index, indicator in enumerate(form.indicators):
        if _group_order(rules, indicator) > key:
            return index
    return len(form.indicators)


def is_blank(indicator: Indicator) -> bool:
    """A row nobody has typed into yet."""
    texts = (indicator.name, indicator.target, indicator.actual, indicator.deviation)
    return (
        not any(t.strip() for t in texts)
        and indicator.weight is None
        and (indicator.score is None and not indicator.grade)
    )


def row_hints(
    index: int, indicator: Indicator, card: Scorecard, errors: Mapping[str, str]
) -> list[str]:
    """What the row must say right under it: input errors, a missing reason, a band."""
    prefix = fieldpaths.indicator(index) + "."
    hints = [message for path, message in errors.items() if path.startswith(prefix)]
    for finding in card.findings_at(fieldpaths.indicator(index)):
        field = finding.path.removeprefix(prefix)
        if finding.severity != "error" or field in ("weight", "actual", "name", "target"):
            continue
        if field == "score" and indicator.score is None:
            continue
        if field == "deviation" and indicator.score is not None and indicator.weight is not None:
            if indicator.score < indicator.weight:
                hints.append("得分低于分值：请在“偏差原因”中说明原因及改进措施")
                continue
        hints.append(finding.message)
    return hints


class IndicatorsStep(Vertical):
    """The level pickers above, the rows of the chosen group below."""

    SHORT = 30
    """Below this height (in lines) the pickers fold away while a row is edited (the group's
    title says where the rows belong), and the line of keys is left to the footer."""

    DEFAULT_CSS = """
    IndicatorsStep #pickers { height: auto; max-height: 8; max-width: 110; }
    IndicatorsStep.-short.-in-rows #pickers { display: none; }
    IndicatorsStep.-short .keys { display: none; }
    IndicatorsStep OptionList { width: 1fr; height: auto; max-height: 7; }
    IndicatorsStep #group-title { height: 1; text-style: bold; margin-top: 1; }
    IndicatorsStep #rows { height: 1fr; }
    IndicatorsStep .keys { color: $text-muted; height: auto; }
    """

    def __init__(self, rules: RuleSet, completions: Completions, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rules = rules
        self.completions = completions
        self.group: Group | None = None
        self.rows: list[int] = []
        self._row_widgets: list[IndicatorRow] = []
        self.expanded: int | None = None
        self._level2_of: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="pickers"):
            yield OptionList(id="level1")
            yield OptionList(id="level2")
        yield Label("", id="group-title")
        yield VerticalScroll(id="rows", can_focus=False)
        yield Static(
            Text(
                "Enter 选择/下一项　Esc 返回上一层　ctrl+n 新增行　ctrl+o 插入行　"
                "ctrl+d 删除行　ctrl+↑↓ 移动行　ctrl+y 采用建议得分",
                style="dim",
            ),
            classes="keys",
        )

    def on_resize(self) -> None:
        self.set_class(self.size.height < self.SHORT, "-short")

    # -- pickers -----------------------------------------------------------------------------

    def fill_level1(self, form: Form, card: Scorecard) -> None:
        """(Re)write the 一级 list: name, rows, subtotal against the weight."""
        options = self.query_one("#level1", OptionList)
        levels = {level.name: level for level in card.levels}
        prompts = []
        for name in level1_names(form, self.rules):
            count = sum(1 for i in form.indicators if i.level1 == name)
            level = levels.get(name)
            weight = format_plain(level.weight) if level else "0"
            prompts.append(Option(safe_text(f"{name}　{count} 行　分值 {weight}"), id=name))
        _replace_options(options, prompts)

    def fill_level2(self, form: Form, level1: str) -> None:
        """(Re)write the 二级 list of one 一级 with the count of its rows."""
        options = self.query_one("#level2", OptionList)
        prompts = []
        for name in level2_names(form, self.rules, level1):
            count = len(group_rows(form, (level1, name)))
            prompts.append(Option(safe_text(f"{name}　{count} 行"), id=name))
        if self._level2_of != level1:
            self._level2_of = level1
            options.highlighted = None
        _replace_options(options, prompts)

    def highlighted_level1(self) -> str | None:
        options = self.query_one("#level1", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def highlighted_level2(self) -> str | None:
        options = self.query_one("#level2", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def highlight(self, level1: str, level2: str | None = None) -> None:
        """Put the pickers' highlights on a group."""
        first = self.query_one("#level1", OptionList)
        for index in range(first.option_count):
            if first.get_option_at_index(index).id == level1:
                first.highlighted = index
        if level2 is not None:
            second = self.query_one("#level2", OptionList)
            for index in range(second.option_count):
                if second.get_option_at_index(index).id == level2:
                    second.highlighted = index

    # -- rows --------------------------------------------------------------------------------

    async def show_group(
        self, form: Form, group: Group | None, card: Scorecard, expanded: int | None = None
    ) -> None:
        """Mount the rows of a group (nothing for None); only row ``expanded`` has editors."""
        self.group = group
        self.rows = group_rows(form, group) if group else []
        if expanded not in self.rows:
            expanded = self.rows[0] if self.rows else None
        self.expanded = expanded
        container = self.query_one("#rows", VerticalScroll)
        self._row_widgets = []
        await container.remove_children()
        title = self.query_one("#group-title", Label)
        if group is None:
            title.update("选择一级指标、二级指标后按 Enter 编辑三级指标")
            return
        title.update(safe_text(f"{group[0]} › {group[1]}　三级指标 {len(self.rows)} 行"))
        widgets = [
            self._editor(index, number) if index == expanded else self._summary(form, card, index)
            for number, index in enumerate(self.rows, start=1)
        ]
        await container.mount_all(widgets)
        self._row_widgets = [w for w in widgets if isinstance(w, IndicatorRow)]

    def _editor(self, index: int, number: int) -> IndicatorRow:
        bands = [band.name for band in self.rules.qualitative.bands]
        return IndicatorRow(index, number, bands, self.completions)

    def _summary(self, form: Form, card: Scorecard, index: int) -> RowSummary:
        findings = card.findings_at(fieldpaths.indicator(index))
        flagged = any(f.severity == "error" for f in findings)
        number = self.rows.index(index) + 1
        return RowSummary(index, number, form.indicators[index], flagged)

    async def open_row(self, form: Form, card: Scorecard, index: int) -> IndicatorRow | None:
        """Mount the editor of row ``index`` above its summary; ``fold`` finishes the change.

        The two halves let the caller move the focus into the new editor in between: removing
        the widget that has the focus makes Textual focus a neighbour, and a neighbouring
        summary that gets the focus asks for its own row to be opened.
        """
        if index not in self.rows:
            return None
        editor = self.row_widget(index)
        if editor is not None:
            return editor
        container = self.query_one("#rows", VerticalScroll)
        editor = self._editor(index, self.rows.index(index) + 1)
        await container.mount(editor, before=container.query_one(f"#summary-{index}"))
        self._row_widgets.append(editor)
        return editor

    async def fold(self, form: Form, card: Scorecard, index: int) -> None:
        """Leave row ``index`` the only one with editors: drop its summary, fold the others."""
        container = self.query_one("#rows", VerticalScroll)
        for summary in container.query(f"#summary-{index}"):
            await summary.remove()
        for editor in [e for e in self._row_widgets if e.index != index]:
            await container.mount(self._summary(form, card, editor.index), before=editor)
            self._row_widgets.remove(editor)
            await editor.remove()
        self.expanded = index

    def row_widgets(self) -> list[IndicatorRow]:
        """The mounted row editors (kept as a list: a DOM query per keystroke is slow)."""
        return list(self._row_widgets)

    def next_row(self, index: int) -> int | None:
        position = self.rows.index(index) + 1 if index in self.rows else len(self.rows)
        return self.rows[position] if position < len(self.rows) else None

    def row_widget(self, index: int) -> IndicatorRow | None:
        return next((row for row in self._row_widgets if row.index == index), None)

    def update_rows(self, form: Form, card: Scorecard, errors: Mapping[str, str]) -> None:
        """Suggested scores, band pickers and hints of the mounted rows."""
        for row in self._row_widgets:
            if row.index >= len(form.indicators):
                continue
            indicator = form.indicators[row.index]
            result = card.indicators[row.index]
            row.update_status(indicator, result, row_hints(row.index, indicator, card, errors))


def _replace_options(options: OptionList, prompts: list[Option]) -> None:
    current = [
        (str(options.get_option_at_index(n).prompt), options.get_option_at_index(n).id)
        for n in range(options.option_count)
    ]
    if current == [(str(o.prompt), o.id) for o in prompts]:
        return
    highlighted = options.highlighted
    options.clear_options()
    options.add_options(prompts)
    if prompts:
        options.highlighted = min(highlighted or 0, len(prompts) - 1)


__all__ = ["IndicatorsStep", "group_rows", "is_blank", "needs_grade", "new_row_index"]
