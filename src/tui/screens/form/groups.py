"""The 绩效指标 as the step groups them: pure functions of a form and its rule set (which rows
form a group, where a new row goes, which row is blank, what a row's hints say), tested
without the TUI."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from core import fieldpaths
from core.model import Form, Indicator
from core.rules import RuleSet
from core.scoring import Scorecard

if TYPE_CHECKING:
    from tui.widgets.indicator_row import Hint

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
) -> list[Hint]:
    """What the row must say right under it: input errors, a missing reason, a band; then
    what is worth a look (an actual that cannot be compared with its target); then how its
    texts were read (the notes of scoring: 按“≥ 95%”读取)."""
    prefix = fieldpaths.indicator(index) + "."
    hints = [("error", message) for path, message in errors.items() if path.startswith(prefix)]
    warnings: list[Hint] = []
    notes: list[Hint] = []
    for finding in card.findings_at(fieldpaths.indicator(index)):
        field = finding.path.removeprefix(prefix)
        if finding.severity in ("note", "warning"):
            (notes if finding.severity == "note" else warnings).append(
                (finding.severity, finding.message)
            )
            continue
        if finding.severity != "error" or field in ("weight", "actual", "name", "target"):
            continue
        if field == "score" and indicator.score is None:
            continue
        hints.append(("error", finding.message))
    return hints + warnings + notes
