"""Small forms for tests, built the way the paper form reads."""

from __future__ import annotations

from typing import Any

from core.model import Form, Indicator
from core.resources import sample_files


def indicator(
    target: str,
    actual: str,
    weight: str,
    score: str | None = None,
    *,
    level1: str = "产出指标",
    level2: str = "数量指标",
    name: str = "信访课题研究完成率",
    deviation: str = "",
    grade: str | None = None,
) -> Indicator:
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        target=target,
        actual=actual,
        weight=weight,
        score=score,
        deviation=deviation,
        grade=grade,
    )


def funds(annual: str, executed: str, initial: str | None = None) -> dict[str, Any]:
    zero = {"initial": "0", "annual": "0", "executed": "0"}
    row = {"initial": initial or annual, "annual": annual, "executed": executed}
    return {"total": row, "fiscal": dict(row), "carryover": zero, "other": dict(zero)}


def form(
    indicators: list[Indicator] | None = None,
    *,
    annual: str = "75248.00",
    executed: str = "75248.00",
    budget_score: str | None = "10",
    **header: Any,
) -> Form:
    fields: dict[str, Any] = {
        "year": 2022,
        "project": "网络信息系统运行与维护",
        "department": "上海市松江区人民政府信访办公室",
        "implementer": "上海市松江区人民政府信访办公室",
        "funds": funds(annual, executed),
        "budget_weight": "10",
        "budget_score": budget_score,
        "goals": {"expected": "进一步畅通信访渠道", "actual": "畅通信访渠道"},
        "indicators": indicators or [],
    }
    fields.update(header)
    return Form.model_validate(fields)


SAMPLES = {path.stem: path for path in sample_files()}
