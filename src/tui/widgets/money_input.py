"""An amount field: a text Input that takes what people type for money.

Digits (also full-width), thousands separators, a decimal point and 万/亿/元 pass the
restrict; core.money.MoneyFormat.parse decides (a bare number is in the unit shown). Once the
field is left, a valid amount shows with thousands separators in that unit (3,852,396.53 元,
385.239653 万元); an invalid one stays as typed.
"""

from __future__ import annotations

from core.errors import InputError
from core.money import YUAN, MoneyFormat
from tui.widgets.fields import FieldInput

MONEY_RESTRICT = r"[0-9０-９,，.．。 万亿元]*"


class MoneyInput(FieldInput):
    """One cell of the 项目资金 grid."""

    DEFAULT_CSS = """
    MoneyInput { text-align: right; }
    """

    def __init__(self, field_path: str, **kwargs) -> None:
        super().__init__(field_path, restrict=MONEY_RESTRICT, max_length=24, **kwargs)

    money: MoneyFormat = YUAN
    """money: the unit the form shows amounts in (the screen sets it from its session)"""

    def _on_blur(self, event) -> None:
        super()._on_blur(event)
        self.show(grouped(self.value, self.money))


def grouped(text: str, money: MoneyFormat = YUAN) -> str:
    """'75248' → '75,248.00' (元); blank stays blank; what cannot be read stays as typed."""
    if not text.strip():
        return ""
    try:
        return money.exact(money.parse(text))
    except InputError:
        return text
