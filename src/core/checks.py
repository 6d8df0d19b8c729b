"""Checks of a whole form that are not one indicator's score: header, funds, structure."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from core.decimals import format_plain
from core.findings import Finding, error, indicator_path, note, warning
from core.model import FUND_COLUMNS, Form
from core.money import YUAN, MoneyFormat
from core.rules import RuleSet

FUND_ROW_LABELS = {
    "total": "年度资金总额",
    "fiscal": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
FUND_COLUMN_LABELS = {"initial": "年初预算数", "annual": "全年预算数", "executed": "全年执行数"}
HEADER_LABELS = {"project": "项目名称", "department": "主管部门", "implementer": "实施单位"}
GOAL_LABELS = {"expected": "预期目标", "actual": "实际完成情况"}
TOTAL_WEIGHT = Decimal(100)
"""TOTAL_WEIGHT: the national full marks; a rule set's own is ``RuleSet.full_marks``"""

LevelNames = tuple[tuple[str, str], ...]
"""LevelNames: each row's (一级指标, 二级指标) as the rule set reads them"""


def check_header(form: Form) -> Iterator[Finding]:
    """项目名称, 主管部门, 实施单位 and both goals must be filled in."""
    for field, label in HEADER_LABELS.items():
        if not getattr(form, field).strip():
            yield error(field, f"{label}未填写")
    for field, label in GOAL_LABELS.items():
        if not getattr(form.goals, field).strip():
            yield error(f"goals.{field}", f"年度总体目标的{label}未填写")


FUND_PARTS = ("fiscal", "carryover", "other")


def sum_of_parts(form: Form, column: str) -> Decimal | None:
    """当年财政拨款 + 上年结转资金 + 其他资金 of one column, over the parts filled in so far.

    None when no part is filled in: there is nothing to make a 年度资金总额 from.
    """
    parts = [getattr(getattr(form.funds, row), column) for row in FUND_PARTS]
    filled = [part for part in parts if part is not None]
    return sum(filled, Decimal(0)) if filled else None


def check_funds(form: Form, money: MoneyFormat = YUAN) -> Iterator[Finding]:
    """Every cell filled; 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, to the cent
    (amounts quoted in ``money``'s unit, every cent shown)."""
    funds = form.funds
    for column in FUND_COLUMNS:
        column_label = FUND_COLUMN_LABELS[column]
        cells = {row: getattr(getattr(funds, row), column) for row in FUND_ROW_LABELS}
        for row, amount in cells.items():
            if amount is None:
                yield error(
                    f"funds.{row}.{column}",
                    f"{FUND_ROW_LABELS[row]}的{column_label}未填写（没有请填 0）",
                )
        if any(amount is None for amount in cells.values()):
            continue
        parts = sum_of_parts(form, column)
        if cells["total"] != parts:
            yield error(
                f"funds.total.{column}",
                f"{column_label}：年度资金总额 {money.with_unit(cells['total'])} ≠ 当年财政拨款 + "
                f"上年结转资金 + 其他资金 = {money.with_unit(parts)}",
            )


def read_levels(form: Form, rules: RuleSet) -> LevelNames:
    """Each row's 一级/二级 in the rule set's words (进度指标 → 时效指标, via its label table)."""
    return tuple(
        (rules.read_level1(row.level1), rules.read_level2(row.level2)) for row in form.indicators
    )


def _label_notes(form: Form, levels: LevelNames) -> Iterator[Finding]:
    for index, (row, (level1, level2)) in enumerate(zip(form.indicators, levels, strict=True)):
        if level1 != row.level1:
            yield note(indicator_path(index, "level1"), f"一级指标“{row.level1}”按“{level1}”读取")
        if level2 != row.level2:
            yield note(indicator_path(index, "level2"), f"二级指标“{row.level2}”按“{level2}”读取")


def check_structure(
    form: Form, rules: RuleSet, levels: LevelNames | None = None
) -> Iterator[Finding]:
    """Taxonomy, names, the weights that add up to the full marks, and the advised level weights.

    ``levels`` are the rows' labels as read (``read_levels``); a label another template uses
    for a known one is read as that one, with a note.
    """
    levels = levels if levels is not None else read_levels(form, rules)
    yield from _label_notes(form, levels)
    for index, (indicator, (level1, level2)) in enumerate(
        zip(form.indicators, levels, strict=True)
    ):
        level = rules.level(level1)
        if level is None:
            known = "、".join(level.name for level in rules.levels)
            yield error(
                indicator_path(index, "level1"),
                f"一级指标“{indicator.level1}”不在规则集“{rules.title}”中（应为 {known}）",
            )
        elif level2 not in level.level2:
            yield error(
                indicator_path(index, "level2"),
                f"二级指标“{indicator.level2}”不属于一级指标“{level.name}”"
                f"（应为 {'、'.join(level.level2)}）",
            )
        if not indicator.name.strip():
            yield error(indicator_path(index, "name"), "三级指标名称未填写")
    yield from _check_weights(form, rules, levels)


def weight_sum(form: Form, rules: RuleSet) -> Decimal:
    """分值合计 as 总分 counts it: the budget weight plus the rows' weights × the rule set's scale
    (100 on a complete form; 110 where the weights add up to 110)."""
    rows = sum((i.weight for i in form.indicators if i.weight is not None), Decimal(0))
    return budget_weight_of(form, rules) + rows * rules.indicator_scale


def budget_weight_of(form: Form, rules: RuleSet) -> Decimal:
    """预算执行 分值: the form's, else the rule set's."""
    return form.budget_weight if form.budget_weight is not None else rules.budget.weight


def _check_weights(form: Form, rules: RuleSet, levels: LevelNames) -> Iterator[Finding]:
    budget_weight = budget_weight_of(form, rules)
    indicator_weights = [i.weight for i in form.indicators if i.weight is not None]
    indicator_total = sum(indicator_weights, Decimal(0))
    scale = rules.indicator_scale
    total = budget_weight + indicator_total * scale
    if total != rules.full_marks:
        scaled = f" × {format_plain(scale)}" if scale != 1 else ""
        yield error(
            "indicators",
            f"分值合计应为 {format_plain(rules.full_marks)}：预算执行 {format_plain(budget_weight)}"
            f" + 绩效指标 {format_plain(indicator_total)}{scaled} = {format_plain(total)}",
        )
    level_weights: dict[str, Decimal] = {}
    for row, (level1, _) in zip(form.indicators, levels, strict=True):
        weight = row.weight if row.weight is not None else Decimal(0)
        level_weights[level1] = level_weights.get(level1, Decimal(0)) + weight
    for level in rules.levels:
        level_weight = level_weights.get(level.name)
        if level_weight is None:
            if level.name in ("产出指标", "效益指标"):
                yield warning("indicators", f"表中没有{level.name}")
            continue
        if level_weight != level.weight:
            yield warning(
                "indicators",
                f"{level.name}分值合计 {format_plain(level_weight)}，"
                f"规则集建议为 {format_plain(level.weight)}（原则上）",
            )
