"""An amount field: a text Input that takes what people type for money.

Digits (also full-width), thousands separators, a decimal point and 万/亿/元 pass the
restrict; core.numbers.parse_amount decides. Once the field is left, a valid amount shows
with thousands separators (3,852,396.53); an invalid one stays as typed.
"""

from __future__ import annotations

from core.decimals import format_money
from core.errors import InputError
from core.numbers import parse_amount
from tui.widgets.fields import FieldInput

MONEY_RESTRICT = r"[0-9０-９,，.．。 万亿元]*"


class MoneyInput(FieldInput):
    """One cell of the 项目资金 grid."""

    DEFAULT_CSS = """
    MoneyInput { text-align: right; }
    """

    def __init__(self, field_path: str, **kwargs) -> None:
        super().__init__(field_path, restrict=MONEY_RESTRICT, max_length=24, **kwargs)

    def _on_blur(self, event) -> None:
        super()._on_blur(event)
        self.show(grouped(self.value))


def grouped(text: str) -> str:
    """'75248' → '75,248.00'; blank stays blank; what cannot be read stays as typed."""
    if not text.strip():
        return ""
    try:
        return format_money(parse_amount(text))
    except InputError:
        return text
