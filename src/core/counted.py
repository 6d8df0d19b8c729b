"""The one rule of which score counts toward 总分 (scoring.md, Total and grade)."""

from __future__ import annotations

from decimal import Decimal


def counted_score(entered: Decimal | None, suggested: Decimal | None) -> Decimal:
    """As entered where entered, else as suggested, else 0 (a draft's total)."""
    if entered is not None:
        return entered
    return suggested if suggested is not None else Decimal(0)
