"""The scorecard of a form: pure functions from a form and a rule set to scores and findings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from core.budget import BudgetResult, score_budget
from core.checks import (
    LevelNames,
    check_funds,
    check_header,
    check_structure,
    read_levels,
    weight_sum,
)
from core.decimals import format_decimal, format_plain, round_half_up
from core.edit import set_field
from core.errors import FieldInputError, InputError
from core.findings import Finding, error, note, warning
from core.indicators import IndicatorResult, score_indicator
from core.model import Form
from core.money import YUAN, MoneyFormat
from core.rules import RuleSet, load_rule_set

UNGRADED = "待定"
"""UNGRADED: the grade of a total above the full marks, until the weights are put right"""


@dataclass(frozen=True)
class LevelSubtotal:
    """One 一级指标: the weights and scores of its rows, against the rule set's advice."""

    name: str
    weight: Decimal
    advised_weight: Decimal | None
    score: Decimal


@dataclass(frozen=True)
class Scorecard:
    """Everything the program says about a form's scores; readers only read it."""

    rule_set: str
    budget: BudgetResult
    indicators: tuple[IndicatorResult, ...]
    levels: tuple[LevelSubtotal, ...]
    total: Decimal
    """total: 总分 — budget plus every indicator (each as entered where entered, else suggested),
    the indicators × ``indicator_scale``, at most ``total_cap``"""
    grade: str
    """grade: 等级 of the total; 待定 (UNGRADED) while the total is above the full marks"""
    findings: tuple[Finding, ...]
    weight_total: Decimal = Decimal(100)
    """weight_total: 分值合计 — the budget weight plus the rows' weights × ``indicator_scale``;
    the 总分 line shows it (110 where the weights add up to 110)"""
    full_marks: Decimal = Decimal(100)
    """full_marks: 满分 of the rule set; a total above it is an error"""
    total_cap: Decimal | None = None
    """total_cap: the most 总分 may be under the rule set's caps by execution rate; None: no cap"""
    uncapped_total: Decimal | None = None
    """uncapped_total: 总分 before ``total_cap`` (equal to ``total`` where no cap applies)"""
    indicator_scale: Decimal = Decimal(1)
    """indicator_scale: row points → 总分 points (0.8 where rows of 100 points count for 80)"""
    money: MoneyFormat = YUAN
    """money: the rule set's unit for amounts (元 or 万元) and its decimals"""
    quoted: MoneyFormat = YUAN
    """quoted: the unit the findings quote amounts in (``money`` unless the reader's is asked
    for: see ``in_unit``)"""

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def notes(self) -> tuple[Finding, ...]:
        """How texts were read (说明): never a problem, always worth showing."""
        return tuple(f for f in self.findings if f.severity == "note")

    def findings_at(self, path: str) -> tuple[Finding, ...]:
        """Findings about one field, or about anything below it (``indicators[2]``)."""
        return tuple(
            f
            for f in self.findings
            if f.path == path or f.path.startswith((path + ".", path + "["))
        )


def level_subtotals(
    form: Form,
    results: tuple[IndicatorResult, ...],
    rules: RuleSet,
    levels: LevelNames | None = None,
) -> tuple[LevelSubtotal, ...]:
    """Subtotals in the rule set's order, then any 一级指标 the rule set does not know; in row
    points (before any scale), each row under its 一级指标 as read."""
    read = levels if levels is not None else read_levels(form, rules)
    weights: dict[str, Decimal] = {level.name: Decimal(0) for level in rules.levels}
    scores = dict(weights)
    for row, result, (level1, _) in zip(form.indicators, results, read, strict=False):
        if level1 not in weights:
            weights[level1] = scores[level1] = Decimal(0)
        if row.weight is not None:
            weights[level1] += row.weight
        scores[level1] += result.effective
    subtotals = []
    for name, weight in weights.items():
        level = rules.level(name)
        subtotals.append(
            LevelSubtotal(
                name=name,
                weight=weight,
                advised_weight=level.weight if level else None,
                score=scores[name],
            )
        )
    return tuple(subtotals)


def pending_input_findings(form: Form, pending_inputs: Mapping[str, str]) -> Iterator[Finding]:
    """An error for every value that was typed but not saved (kept as typed): finalising would
    lose it. The finding names its field by its path, so the message says only what is wrong.
    """
    for path, raw in pending_inputs.items():
        try:
            set_field(form, path, raw)
        except InputError as exc:
            reason = exc.reason if isinstance(exc, FieldInputError) else str(exc)
            if raw.strip() not in reason:
                reason = f"“{raw}”：{reason}"
            yield error(path, f"{reason}（输入尚未保存）")
        else:
            yield error(path, f"输入“{raw}”尚未保存")


@dataclass(frozen=True)
class Scored:
    """A form and the scorecard ``score_form`` gave it under a rule set: what the next score
    of an edited copy may take unchanged rows' results from."""

    form: Form
    rules: RuleSet
    card: Scorecard


def score_form(
    form: Form,
    rules: RuleSet | None = None,
    pending_inputs: Mapping[str, str] | None = None,
    *,
    earlier: Scored | None = None,
    money: MoneyFormat | None = None,
) -> Scorecard:
    """Score a form under ``rules`` (default: the rule set the form names).

    ``pending_inputs`` maps field paths to text typed there that could not be accepted; each
    is an error finding, so that a form with such text cannot be finalised. ``earlier`` saves
    work while a form is edited: see ``score_rows``. ``money``: the unit the findings quote
    amounts in, where the reader sees amounts in another one than the rule set's.
    """
    rules = rules or load_rule_set(form.rule_set)
    money = money or rules.money_format
    budget = score_budget(form, rules, money)
    results = score_rows(form, rules, earlier)
    levels = read_levels(form, rules)
    scale = rules.indicator_scale
    rows = sum((r.effective for r in results), Decimal(0))
    uncapped = budget.effective + (rows if scale == 1 else round_half_up(rows * scale))
    cap = rules.budget.cap_for(budget.rate)
    total = min(uncapped, cap) if cap is not None else uncapped
    weights = weight_sum(form, rules)
    findings = [
        *pending_input_findings(form, pending_inputs or {}),
        *check_header(form),
        *check_funds(form, money),
        *budget.findings,
        *check_structure(form, rules, levels),
        *(finding for result in results for finding in result.findings),
        *_total_findings(form, rules, total, uncapped, cap, budget.rate),
    ]
    return Scorecard(
        rule_set=rules.name,
        budget=budget,
        indicators=results,
        levels=level_subtotals(form, results, rules, levels),
        total=total,
        grade=rules.grade_for(total) if total <= rules.full_marks else UNGRADED,
        findings=tuple(findings),
        weight_total=weights,
        full_marks=rules.full_marks,
        total_cap=cap,
        uncapped_total=uncapped,
        indicator_scale=scale,
        money=rules.money_format,
        quoted=money,
    )


def in_unit(form: Form, card: Scorecard, money: MoneyFormat) -> Scorecard:
    """``card`` (``form``'s, as ``score_form`` gave it) for a reader who sees amounts in
    ``money``: its findings quote amounts in that unit. The form is scored again only where
    its findings quote another."""
    if money.unit == card.quoted.unit:
        return card
    return score_form(form, load_rule_set(card.rule_set), money=money)


def score_rows(
    form: Form, rules: RuleSet, earlier: Scored | None = None
) -> tuple[IndicatorResult, ...]:
    """Each row's result. A row that ``earlier`` held at the same place as the very same
    (immutable) object, under the same rule set and year, keeps the result it had there: a
    keystroke rescores one row, not sixty."""
    year = form.year
    if earlier is None or earlier.rules is not rules or earlier.form.year != year:
        return tuple(score_indicator(row, n, rules, year) for n, row in enumerate(form.indicators))
    before, results = earlier.form.indicators, earlier.card.indicators
    return tuple(
        results[n] if n < len(before) and before[n] is row else score_indicator(row, n, rules, year)
        for n, row in enumerate(form.indicators)
    )


def _total_findings(
    form: Form,
    rules: RuleSet,
    total: Decimal,
    uncapped: Decimal,
    cap: Decimal | None,
    rate: Decimal | None,
) -> Iterator[Finding]:
    """总分 above the full marks, a cap by execution rate, and the 总分 printed on the form."""
    if total > rules.full_marks:
        yield error(
            "indicators",
            f"总分 {format_decimal(total)} 超过满分 {format_plain(rules.full_marks)}："
            "请核对各项分值与得分；改正前不评定等级",
        )
    if cap is not None and uncapped > cap:
        yield note(
            "budget_score",
            f"执行率 {format_decimal(rate)}%，按规则集“{rules.title}”总分最高 "
            f"{format_plain(cap)} 分（各项合计 {format_decimal(uncapped)}）",
        )
    stated = form.stated_total
    if stated is not None and round_half_up(stated) != round_half_up(total):
        yield warning(
            "stated_total",
            f"表上所填总分 {format_plain(stated)} 与各项得分合计 {format_decimal(total)} 不一致"
            "（以各项得分合计为准）",
        )
