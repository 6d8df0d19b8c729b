"""Field paths: the one grammar of ``funds.total.executed`` and ``indicators[4].score``.

A path names one field of a form the way findings, the store's history and the TUI name it:
``year``, ``project``, ``funds.<row>.<column>``, ``budget_score``, ``goals.expected``, and
``indicators[<index>].<field>`` for a row's field (``indicators[<index>]`` for the row itself).
Every place that builds or reads such a path does it here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_INDICATOR = re.compile(r"^indicators\[(\d+)\](?:\.(\w+))?$")
INDICATORS = "indicators"

BUDGET_FIELDS = frozenset(("budget_weight", "budget_score", "budget_deviation"))
"""The fields of 预算执行 outside ``funds.``: they belong with the 项目资金."""


def indicator(index: int, field: str = "") -> str:
    """``indicators[4]`` (the row), or ``indicators[4].score`` (one of its fields)."""
    return f"{INDICATORS}[{index}]" + (f".{field}" if field else "")


def indicator_of(path: str) -> tuple[int, str] | None:
    """``indicators[4].score`` → (4, "score"); ``indicators[4]`` → (4, ""); None for a path
    that names no row."""
    match = _INDICATOR.match(path)
    return (int(match[1]), match[2] or "") if match else None


def names(path: str) -> list[str]:
    """The dotted names of a path outside the rows, outermost first: ``funds.total.executed`` →
    ["funds", "total", "executed"], ``year`` → ["year"]."""
    return path.split(".")


def is_indicator(path: str) -> bool:
    """Whether the path is within the 绩效指标 (a row, a row's field, or all of them)."""
    return path == INDICATORS or path.startswith(f"{INDICATORS}[")


def step_of(path: str) -> str:
    """The part of the form that holds a path: basic, funds, goals or indicators."""
    if is_indicator(path):
        return "indicators"
    if path.startswith("funds.") or path in BUDGET_FIELDS:
        return "funds"
    if path.startswith("goals."):
        return "goals"
    return "basic"


def moved(path: str, moves: Mapping[int, int | None]) -> str | None:
    """A row path after rows moved: ``moves`` maps old row indices to new ones (None: the row
    is gone, and so is the path). Paths outside the rows, and rows not in ``moves``, stay."""
    located = indicator_of(path)
    if located is None or located[0] not in moves:
        return path
    index = moves[located[0]]
    return None if index is None else indicator(index, located[1])
