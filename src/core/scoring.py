"""The scorecard of a form: pure functions from a form and a rule set to scores and findings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from core.budget import BudgetResult, score_budget
from core.checks import check_funds, check_header, check_structure
from core.edit import set_field
from core.errors import FieldInputError, InputError
from core.findings import Finding, error
from core.indicators import IndicatorResult, score_indicator
from core.model import Form
from core.rules import RuleSet, load_rule_set


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
    """total: 总分 — budget plus every indicator, each as entered where entered, else suggested"""
    grade: str
    """grade: 等级 of the total"""
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    def findings_at(self, path: str) -> tuple[Finding, ...]:
        """Findings about one field, or about anything below it (``indicators[2]``)."""
        return tuple(
            f
            for f in self.findings
            if f.path == path or f.path.startswith((path + ".", path + "["))
        )


def level_subtotals(
    form: Form, results: tuple[IndicatorResult, ...], rules: RuleSet
) -> tuple[LevelSubtotal, ...]:
    """Subtotals in the rule set's order, then any 一级指标 the rule set does not know."""
    names = [level.name for level in rules.levels]
    names += [i.level1 for i in form.indicators if i.level1 not in names]
    subtotals = []
    for name in dict.fromkeys(names):
        rows = [(i, r) for i, r in zip(form.indicators, results, strict=False) if i.level1 == name]
        level = rules.level(name)
        subtotals.append(
            LevelSubtotal(
                name=name,
                weight=sum((i.weight for i, _ in rows if i.weight is not None), Decimal(0)),
                advised_weight=level.weight if level else None,
                score=sum((r.effective for _, r in rows), Decimal(0)),
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


def score_form(
    form: Form, rules: RuleSet | None = None, pending_inputs: Mapping[str, str] | None = None
) -> Scorecard:
    """Score a form under ``rules`` (default: the rule set the form names).

    ``pending_inputs`` maps field paths to text typed there that could not be accepted; each
    is an error finding, so that a form with such text cannot be finalised.
    """
    rules = rules or load_rule_set(form.rule_set)
    budget = score_budget(form, rules)
    results = tuple(score_indicator(ind, n, rules) for n, ind in enumerate(form.indicators))
    total = budget.effective + sum((r.effective for r in results), Decimal(0))
    findings = [
        *pending_input_findings(form, pending_inputs or {}),
        *check_header(form),
        *check_funds(form),
        *budget.findings,
        *check_structure(form, rules),
        *(finding for result in results for finding in result.findings),
    ]
    return Scorecard(
        rule_set=rules.name,
        budget=budget,
        indicators=results,
        levels=level_subtotals(form, results, rules),
        total=total,
        grade=rules.grade_for(total),
        findings=tuple(findings),
    )
