"""Amounts shown in a unit: 元 or 万元, as the rule set's ``[money]`` or the user's setting says.

Money is stored in 元 (exact Decimal); only what is shown or typed changes with the unit.
``MoneyFormat.show`` rounds to the unit's decimals as a printed form does (7.52 万元);
``MoneyFormat.exact`` keeps every cent (7.5248 万元) for input fields and messages, where a
difference of one 元 must stay visible; ``MoneyFormat.parse`` reads what a person typed, a
bare number being in the unit shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from core.decimals import round_half_up

MoneyUnit = Literal["元", "万元"]
MONEY_UNITS: tuple[MoneyUnit, ...] = ("元", "万元")
UNIT_FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10_000)}
DEFAULT_DECIMALS: dict[str, int] = {"元": 2, "万元": 2}
EXACT_DECIMALS: dict[str, int] = {"元": 2, "万元": 6}
"""EXACT_DECIMALS: places that keep every cent (0.01 元 = 0.000001 万元)"""


@dataclass(frozen=True)
class MoneyFormat:
    """How amounts are shown: the unit and the decimals of a printed cell."""

    unit: MoneyUnit = "元"
    decimals: int = 2

    @property
    def factor(self) -> Decimal:
        """元 per unit: 1 or 10000."""
        return UNIT_FACTORS[self.unit]

    def in_unit(self, amount: Decimal) -> Decimal:
        """An amount in 元 expressed in this unit, exactly."""
        return amount / self.factor

    def show(self, amount: Decimal | None) -> str:
        """'3,852,396.53' in 元, '385.24' in 万元 (2 decimals); None → ''."""
        if amount is None:
            return ""
        places = Decimal(1).scaleb(-self.decimals)
        return f"{round_half_up(self.in_unit(amount), places):,.{self.decimals}f}"

    def exact(self, amount: Decimal | None) -> str:
        """Every cent kept, trailing zeros beyond the unit's decimals dropped: '7.5248' 万元."""
        if amount is None:
            return ""
        value = self.in_unit(amount)
        text = f"{value.quantize(Decimal(1).scaleb(-EXACT_DECIMALS[self.unit])):,f}"
        whole, _, fraction = text.partition(".")
        fraction = fraction.rstrip("0").ljust(min(self.decimals, EXACT_DECIMALS[self.unit]), "0")
        return f"{whole}.{fraction}" if fraction else whole

    def with_unit(self, amount: Decimal | None) -> str:
        """``exact`` followed by the unit, for messages: '103,000.00 元', '10.3 万元'."""
        return f"{self.exact(amount)} {self.unit}" if amount is not None else ""

    @property
    def heading(self) -> str:
        """The funds table's title: 项目资金（元） or 项目资金（万元）."""
        return f"项目资金（{self.unit}）"

    def parse(self, typed: object) -> Decimal:
        """An amount in 元 from what a person typed; a bare number is in this unit."""
        from core.numbers import parse_amount

        return parse_amount(typed, default_unit=self.unit)


YUAN = MoneyFormat()


def money_format(unit: str, decimals: int | None = None) -> MoneyFormat:
    """The format of a unit; ``decimals`` defaults to what printed forms use for it."""
    if unit not in UNIT_FACTORS:
        raise ValueError(f"金额单位应为 元 或 万元，收到 {unit!r}")
    return MoneyFormat(unit, DEFAULT_DECIMALS[unit] if decimals is None else decimals)  # type: ignore[arg-type]


def format_money_in(amount: Decimal | None, unit: str = "元", decimals: int | None = None) -> str:
    """An amount in 元 shown in ``unit`` with thousands separators ('385.24' for 万元)."""
    return money_format(unit, decimals).show(amount)


def shown_money(rule_money: MoneyFormat) -> MoneyFormat:
    """The format this user sees amounts in: the rule set's (``Scorecard.money``), unless the
    user's settings name a unit (``core.settings.UserSettings.money_unit``)."""
    from core.settings import load_settings

    unit = load_settings().money_unit
    if unit is None or unit == rule_money.unit:
        return rule_money
    return money_format(unit)
