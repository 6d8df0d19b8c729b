"""Money on a sheet: 元 or 万元, converted exactly, shown with the decimals the unit needs.

Amounts are stored in 元 with at most two decimals; in 万元 the same amount needs up to six
(0.01 元 = 0.000001 万元), so a sheet in 万元 keeps every cent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from core.errors import InputError

MoneyUnit = Literal["元", "万元"]
MONEY_UNITS: tuple[MoneyUnit, ...] = ("元", "万元")
FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10_000)}
NUMBER_FORMATS = {"元": "#,##0.00", "万元": "#,##0.00####"}
"""NUMBER_FORMATS: 元 with two decimals; 万元 with two to six, as many as the value has"""


def money_unit(text: str | None) -> MoneyUnit | None:
    """'万元' / '元' (also '万', 'wan', 'yuan') → the unit; None for None; InputError else."""
    if text is None:
        return None
    key = text.strip().lower()
    units = {"元": "元", "yuan": "元", "万元": "万元", "万": "万元", "wan": "万元"}
    if key not in units:
        raise InputError(f"金额单位应为 元 或 万元，收到“{text}”")
    return units[key]  # type: ignore[return-value]


def in_unit(amount: Decimal, unit: str) -> Decimal:
    """An amount in 元 expressed in ``unit``, exactly: 75248.00 元 → 7.5248 万元."""
    if unit == "元":
        return amount
    value = (amount / FACTORS[unit]).normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def to_yuan(value: Decimal, unit: str) -> Decimal:
    """A value in ``unit`` back in 元 (not rounded: the caller decides about stray cents)."""
    return value * FACTORS[unit]


def export_unit(rule_set: str | None, requested: str | None = None) -> MoneyUnit:
    """The unit of an export: asked for, else the user's setting, else the form's rule set."""
    chosen = money_unit(requested)
    if chosen is not None:
        return chosen
    from core.settings import load_settings

    saved = load_settings().money_unit
    if saved is not None:
        return saved
    from core.rules import load_rule_set

    return load_rule_set(rule_set).money.unit


def show_money(value: Decimal, unit: str) -> str:
    """A value already in ``unit`` as printed: '75,248.00' 元, '7.5248' 万元 (every cent kept)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    places = 2 if unit == "元" else max(2, min(places, 6))
    return f"{value:,.{places}f}"
