"""Reading a form's fields by path and showing them as a person types them."""

from __future__ import annotations

from decimal import Decimal

from core.decimals import format_plain
from core.edit import get_field
from core.model import Form
from core.money import MoneyFormat, shown_money
from core.rules import load_rule_set

MONEY_FIELDS = frozenset(("initial", "annual", "executed"))
NUMBER_FIELDS = frozenset(("weight", "score", "budget_weight", "budget_score"))


def shown_value(form: Form, path: str, money: MoneyFormat | None = None) -> str:
    """The text an input shows for the stored value: amounts grouped in the unit shown (every
    cent kept), numbers plain."""
    value = get_field(form, path)
    if value is None:
        return ""
    last = path.rsplit(".", 1)[-1]
    if last in MONEY_FIELDS and isinstance(value, Decimal):
        money = money or shown_money(load_rule_set(form.rule_set).money_format)
        return money.exact(value)
    if isinstance(value, Decimal):
        return format_plain(value)
    return str(value)
