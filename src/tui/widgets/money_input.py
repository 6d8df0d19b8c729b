"""An amount field: a text Input that takes what people type for money.

Whatever is typed or pasted stays as typed: core.money.MoneyFormat.parse decides (digits,
also full-width, thousands separators, a decimal point, 元/万元/万/亿; a bare number is in the
unit shown), and what it cannot read (1e9, a letter O, -5) is named under the grid, never
dropped or turned into another number. Once the field is left, a valid amount shows with
thousands separators in that unit (3,852,396.53 元, 385.239653 万元); an invalid one stays as
typed.
"""

from __future__ import annotations

from core.errors import InputError
from core.money import YUAN, MoneyFormat
from tui.widgets.fields import FieldInput


class MoneyInput(FieldInput):
    """One cell of the 项目资金 grid."""

    DEFAULT_CSS = """
    MoneyInput { text-align: right; }
    """

    money: MoneyFormat = YUAN
    """money: the unit the form shows amounts in (the screen sets it from its session)"""

    def _on_blur(self) -> None:  # Textual calls Input's own handler as well
        self.show(grouped(self.value, self.money))


def grouped(text: str, money: MoneyFormat = YUAN) -> str:
    """'75248' → '75,248.00' (元); blank stays blank; what cannot be read stays as typed."""
    if not text.strip():
        return ""
    try:
        return money.exact(money.parse(text))
    except InputError:
        return text
