"""Rich renderables of a scorecard: the score summary and the findings (``jixiao check``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from core.decimals import format_decimal, format_plain
from core.labels import field_label
from core.model import Form
from core.safetext import safe_text, terminal_safe
from core.scoring import Scorecard

SEVERITY_LABELS = {"error": "错误", "warning": "警告"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow"}


def _num(value: Decimal | None) -> Text:
    return Text(format_decimal(value) if value is not None else "—", justify="right")


def scorecard_data(card: Scorecard) -> dict[str, Any]:
    """The ``check --json`` object (form-format.md)."""

    def text(value: Decimal | None) -> str | None:
        return None if value is None else format_decimal(value)

    return {
        "budget": {
            "rate": text(card.budget.rate),
            "suggested": text(card.budget.suggested),
            "score": text(card.budget.entered),
        },
        "indicators": [
            {"suggested": text(result.suggested), "score": text(result.entered)}
            for result in card.indicators
        ],
        "levels": {
            level.name: {"weight": text(level.weight), "score": text(level.score)}
            for level in card.levels
        },
        "total": text(card.total),
        "grade": card.grade,
        "findings": [
            {"severity": f.severity, "path": f.path, "message": f.message} for f in card.findings
        ],
    }


def score_table(form: Form, card: Scorecard) -> Table:
    """Budget and every indicator: weight, suggested and entered score."""
    table = Table(title=safe_text(f"{form.year} 年度 {form.project}"), title_justify="left")
    table.add_column("项目")
    table.add_column("年度指标值")
    table.add_column("实际完成值")
    table.add_column("分值", justify="right")
    table.add_column("建议得分", justify="right")
    table.add_column("得分", justify="right")
    rate = f"执行率 {format_decimal(card.budget.rate)}%" if card.budget.rate is not None else "—"
    table.add_row(
        Text("预算执行"),
        Text(""),
        Text(rate),
        Text(format_plain(card.budget.weight), justify="right"),
        _num(card.budget.suggested),
        _num(card.budget.entered),
    )
    for indicator, result in zip(form.indicators, card.indicators, strict=False):
        table.add_row(
            safe_text(indicator.name),
            safe_text(indicator.target),
            safe_text(indicator.actual),
            Text(format_plain(indicator.weight), justify="right"),
            _num(result.suggested),
            _num(result.entered),
        )
    table.add_section()
    for level in card.levels:
        advised = f"（建议 {format_plain(level.advised_weight)}）" if level.advised_weight else ""
        table.add_row(
            Text(f"{level.name}小计", style="bold"),
            Text(""),
            Text(advised),
            Text(format_plain(level.weight), justify="right"),
            Text(""),
            _num(level.score),
        )
    table.add_row(
        Text("总分", style="bold"),
        Text(""),
        Text(f"等级 {card.grade}", style="bold"),
        Text("100", justify="right"),
        Text(""),
        Text(format_decimal(card.total), style="bold", justify="right"),
    )
    return table


def findings_view(form: Form | None, card: Scorecard, source: str = "") -> Group:
    """Every finding on its own line: severity, the field in the form's words, its path, why."""
    where = f"{terminal_safe(source, keep_newlines=False)}：" if source else ""
    if not card.findings:
        return Group(Text(f"{where}没有发现问题。", style="green"))
    heading = Text(
        f"{where}发现 {len(card.errors)} 个错误、{len(card.warnings)} 个警告", style="bold"
    )
    lines = [heading]
    for finding in card.findings:
        line = Text()
        line.append(SEVERITY_LABELS[finding.severity], style=SEVERITY_STYLES[finding.severity])
        line.append(terminal_safe(f"  {field_label(finding.path, form)}（{finding.path}）："))
        line.append(terminal_safe(finding.message))
        lines.append(line)
    return Group(*lines)


def check_view(form: Form, card: Scorecard, source: str = "") -> Group:
    """The human view of ``jixiao check``: the scores, then the findings."""
    return Group(score_table(form, card), findings_view(form, card, source))
