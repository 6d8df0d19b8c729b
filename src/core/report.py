"""Rich renderables of a scorecard: the score summary and the findings (``jixiao check``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from core.decimals import format_decimal, format_plain
from core.findings import Finding
from core.labels import field_label
from core.model import Form
from core.safetext import safe_text, terminal_safe
from core.scoring import Scorecard
from core.vocabulary import SEVERITY_LABELS, SEVERITY_STYLES


def _num(value: Decimal | None) -> Text:
    return Text(format_decimal(value) if value is not None else "—", justify="right")


def scorecard_data(card: Scorecard) -> dict[str, Any]:
    """The ``check --json`` object (form-format.md), with ``weights``, the weights' sum the 总分
    line shows; ``findings`` also hold the notes (severity ``note``: how a text was read)."""

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
        "weights": text(card.weight_total),
        "grade": card.grade,
        "findings": [
            {"severity": f.severity, "path": f.path, "message": f.message} for f in card.findings
        ],
    }


def read_as(written: str, reading: str | None, *, short: bool = False) -> Text:
    """A text as written, with how it was read under it where that differs: '≧95%' over
    '按“≥ 95%”读取' (``short``: over '→ ≥ 95%', for the narrow cells of the paper layout)."""
    text = safe_text(written)
    if reading:
        shown = terminal_safe(reading, keep_newlines=False)
        text.append(f"\n→ {shown}" if short else f"\n按“{shown}”读取", style="dim cyan")
    return text


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
            read_as(indicator.target, result.target_reading),
            read_as(indicator.actual, result.actual_reading),
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
    capped = card.uncapped_total is not None and card.total != card.uncapped_total
    scale = card.indicator_scale
    table.add_row(
        Text("总分", style="bold"),
        Text(f"绩效指标 × {format_plain(scale)}" if scale != 1 else ""),
        Text(f"等级 {card.grade}", style="bold"),
        Text(format_plain(card.weight_total), justify="right"),
        Text(f"封顶 {format_plain(card.total_cap)}" if capped else "", justify="right"),
        Text(format_decimal(card.total), style="bold", justify="right"),
    )
    return table


def finding_line(finding: Finding, form: Form | None, *, path: bool = True) -> Text:
    """'错误  绩效指标第5行“…”·得分（indicators[4].score）：…', user text never markup; the
    path in brackets only where it is asked for (the command line, files; not the TUI)."""
    line = Text()
    line.append(SEVERITY_LABELS[finding.severity], style=SEVERITY_STYLES[finding.severity])
    where = f"（{finding.path}）" if path else ""
    line.append(terminal_safe(f"  {field_label(finding.path, form)}{where}："))
    line.append(terminal_safe(finding.message))
    return line


def findings_view(
    form: Form | None, card: Scorecard, source: str = "", *, paths: bool = True
) -> Group:
    """Every finding on its own line: severity, the field in the form's words, its path, why.

    Errors and warnings come first; the notes (说明: how a text was read) follow them.
    """
    where = f"{terminal_safe(source, keep_newlines=False)}：" if source else ""
    problems = [f for f in card.findings if f.severity != "note"]
    if problems:
        heading = Text(
            f"{where}发现 {len(card.errors)} 个错误、{len(card.warnings)} 个警告", style="bold"
        )
    else:
        heading = Text(f"{where}没有发现问题。", style="green")
    if card.notes:
        heading.append(f"（{len(card.notes)} 条说明）", style="")
    lines = [heading]
    lines += [finding_line(finding, form, path=paths) for finding in problems]
    lines += [finding_line(finding, form, path=paths) for finding in card.notes]
    return Group(*lines)


def check_view(form: Form, card: Scorecard, source: str = "") -> Group:
    """The human view of ``jixiao check``: the scores, then the findings."""
    return Group(score_table(form, card), findings_view(form, card, source))
