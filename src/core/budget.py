"""预算执行: the execution rate and the suggested budget score (scoring.md, Budget)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from core.counted import counted_score
from core.decimals import HUNDRED, format_decimal, format_plain, round_half_up
from core.findings import Finding, error, warning
from core.model import Form
from core.money import MoneyFormat
from core.rules import RuleSet


@dataclass(frozen=True)
class BudgetResult:
    """执行率 and 得分 of the 年度资金总额 row."""

    weight: Decimal
    rate: Decimal | None
    """rate: 执行率 in percent, rounded half-up to two places"""
    suggested: Decimal | None
    entered: Decimal | None
    findings: tuple[Finding, ...]

    @property
    def effective(self) -> Decimal:
        """The score that counts toward 总分."""
        return counted_score(self.entered, self.suggested)


def score_budget(form: Form, rules: RuleSet, money: MoneyFormat | None = None) -> BudgetResult:
    """Execution rate, suggested score and the findings on both (pure); amounts are quoted in
    ``money`` (default: the rule set's unit)."""
    money = money or rules.money_format
    weight = form.budget_weight if form.budget_weight is not None else rules.budget.weight
    annual, executed = form.funds.total.annual, form.funds.total.executed
    findings: list[Finding] = []
    rate = suggested = None
    if form.budget_weight is not None and form.budget_weight != rules.budget.weight:
        findings.append(
            warning(
                "budget_weight",
                f"预算执行分值为 {format_plain(weight)}，"
                f"规则集“{rules.title}”建议为 {format_plain(rules.budget.weight)}",
            )
        )
    if annual is None or executed is None:
        pass  # a missing amount is reported once, by the funds check
    elif annual == 0:
        findings.append(error("funds.total.annual", "全年预算数为 0，无法计算执行率"))
    else:
        ratio = executed / annual
        rate = round_half_up(ratio * HUNDRED)
        suggested = round_half_up(weight * min(ratio, Decimal(1)))
        if executed > annual:
            findings.append(
                warning(
                    "funds.total.executed",
                    f"全年执行数 {money.with_unit(executed)} 超过全年预算数 "
                    f"{money.with_unit(annual)}（执行率 {format_decimal(rate)}%），"
                    "得分按 100% 封顶",
                )
            )
    findings.extend(_check_entered(form.budget_score, weight, suggested))
    findings.extend(_check_explained(form, rules, rate))
    return BudgetResult(weight, rate, suggested, form.budget_score, tuple(findings))


def _check_explained(form: Form, rules: RuleSet, rate: Decimal | None) -> Iterator[Finding]:
    """A rule set may ask why the execution rate is low (``[budget] explain_below``)."""
    below = rules.budget.explain_below
    if below is None or rate is None or rate >= below or form.budget_deviation.strip():
        return
    yield error(
        "budget_deviation",
        f"执行率 {format_decimal(rate)}% 低于 {format_plain(below)}%：按规则集“{rules.title}”"
        "须填写预算执行偏差原因",
    )


def _check_entered(entered: Decimal | None, weight: Decimal, suggested: Decimal | None):
    path = "budget_score"
    if entered is None:
        yield error(path, "预算执行得分未填写")
        return
    if entered < 0 or entered > weight:
        yield error(
            path, f"预算执行得分 {format_plain(entered)} 应在 0 到 {format_plain(weight)} 之间"
        )
    elif suggested is not None and entered < suggested:
        yield warning(
            path,
            f"预算执行得分 {format_plain(entered)} 低于按执行率计算的建议得分 "
            f"{format_decimal(suggested)}（以填报为准）",
        )
    elif suggested is not None and entered > suggested:
        yield warning(
            path,
            f"预算执行得分 {format_plain(entered)} 高于按执行率计算的建议得分 "
            f"{format_decimal(suggested)}",
        )
