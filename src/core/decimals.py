"""Decimal helpers: half-up rounding (四舍五入) and display with thousands separators."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round_half_up(value: Decimal, places: Decimal = CENT) -> Decimal:
    """Round to two places the way printed forms do (0.005 → 0.01), never banker's rounding."""
    return value.quantize(places, rounding=ROUND_HALF_UP)


def format_decimal(value: Decimal | None, places: int = 2) -> str:
    """'1234567.5' → '1234567.50'; None → ''."""
    if value is None:
        return ""
    return f"{round_half_up(value, Decimal(1).scaleb(-places)):.{places}f}"


def format_plain(value: Decimal | None) -> str:
    """A weight or score without trailing zeros: 7.50 → '7.5', 20.00 → '20'; None → ''."""
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
