"""Checks of a whole form that are not one indicator's score: header, funds, structure."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from core.decimals import format_money, format_plain
from core.findings import Finding, error, indicator_path, warning
from core.model import FUND_COLUMNS, Form
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


def check_funds(form: Form) -> Iterator[Finding]:
    """Every cell filled; 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, to the cent."""
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
                f"{column_label}：年度资金总额 {format_money(cells['total'])} ≠ 当年财政拨款 + "
                f"上年结转资金 + 其他资金 = {format_money(parts)}",
            )


def check_structure(form: Form, rules: RuleSet) -> Iterator[Finding]:
    """Taxonomy, names, the weights that add up to 100, and the advised level weights."""
    for index, indicator in enumerate(form.indicators):
        level = rules.level(indicator.level1)
        if level is None:
            known = "、".join(level.name for level in rules.levels)
            yield error(
                indicator_path(index, "level1"),
                f"一级指标“{indicator.level1}”不在规则集“{rules.title}”中（应为 {known}）",
            )
        elif indicator.level2 not in level.level2:
            yield error(
                indicator_path(index, "level2"),
                f"二级指标“{indicator.level2}”不属于一级指标“{level.name}”"
                f"（应为 {'、'.join(level.level2)}）",
            )
        if not indicator.name.strip():
            yield error(indicator_path(index, "name"), "三级指标名称未填写")
    yield from _check_weights(form, rules)


def _check_weights(form: Form, rules: RuleSet) -> Iterator[Finding]:
    budget_weight = form.budget_weight if form.budget_weight is not None else rules.budget.weight
    indicator_weights = [i.weight for i in form.indicators if i.weight is not None]
    indicator_total = sum(indicator_weights, Decimal(0))
    if budget_weight + indicator_total != TOTAL_WEIGHT:
        yield error(
            "indicators",
            f"分值合计应为 100：预算执行 {format_plain(budget_weight)} + 绩效指标 "
            f"{format_plain(indicator_total)} = {format_plain(budget_weight + indicator_total)}",
        )
    present = {indicator.level1 for indicator in form.indicators}
    for level in rules.levels:
        level_weight = sum(
            (i.weight for i in form.indicators if i.level1 == level.name and i.weight is not None),
            Decimal(0),
        )
        if level.name not in present:
            if level.name in ("产出指标", "效益指标"):
                yield warning("indicators", f"表中没有{level.name}")
            continue
        if level_weight != level.weight:
            yield warning(
                "indicators",
                f"{level.name}分值合计 {format_plain(level_weight)}，"
                f"规则集建议为 {format_plain(level.weight)}（原则上）",
            )
