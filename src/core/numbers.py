"""What people type for amounts, weights and scores, parsed into Decimal.

Accepted for an amount (money, in 元):
- plain or thousands-grouped digits: ``75248``, ``75248.00``, ``3,852,396.53``;
- the same with stray spaces, as OCR or a careless paste gives them: ``3, 852, 396. 53``;
- full-width digits and punctuation: ``１２０，０００``;
- a trailing unit 元, 万元 / 万 or 亿元 / 亿: ``11.5万`` is 115000 元;
- without a unit, the number is in ``default_unit`` (元, or 万元 where amounts are shown in 万元).
The result, in 元, must be ≥ 0 with at most two decimals (分). Anything else raises InputError.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from core.errors import InputError
from core.money import UNIT_FACTORS

_GROUPED = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
_PLAIN = r"\d+(?:\.\d+)?|\.\d+"
NUMBER_PATTERN = rf"(?:{_GROUPED}|{_PLAIN})"
_AMOUNT_RE = re.compile(
    rf"^(?P<sign>[-+]?)(?P<number>{NUMBER_PATTERN})(?P<unit>元|万元|万|亿元|亿)?$"
)
_NUMBER_RE = re.compile(rf"^(?P<sign>[-+]?)(?P<number>{NUMBER_PATTERN})$")

MONEY_SCALE = {**UNIT_FACTORS, "万": UNIT_FACTORS["万元"]}
MONEY_SCALE |= {"亿元": Decimal(100_000_000), "亿": Decimal(100_000_000)}
"""MONEY_SCALE: 元 per unit written after an amount (元, 万元 or 万, 亿元 or 亿)"""
MONEY_UNIT_CHARACTERS = frozenset("元万亿")
MAX_AMOUNT = Decimal("1e13")  # 10 万亿元: far above any project budget
MAX_INPUT_LENGTH = 64


def normalize_text(text: str) -> str:
    """NFKC (full-width → ASCII) and every kind of white space removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def decimal_places(value: Decimal) -> int:
    """How many digits stand after the decimal point (trailing zeros count: 1.50 → 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def to_decimal(number_text: str) -> Decimal:
    """A string already matched by NUMBER_PATTERN → Decimal."""
    try:
        return Decimal(number_text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
        raise InputError(f"“{number_text}”不是数字") from exc


def number_in(text: str) -> Decimal | None:
    """The number a normalized text is ('-1,234.5', '.5'), or None."""
    match = _NUMBER_RE.match(text)
    if not match:
        return None
    number = to_decimal(match["number"])
    return -number if match["sign"] == "-" else number


def amount_in(text: str) -> tuple[Decimal, str] | None:
    """The number of a normalized amount text and the unit written after it ('' for none):
    '11.5万' → (11.5, '万'); None when the text is no amount."""
    match = _AMOUNT_RE.match(text)
    if not match:
        return None
    number = to_decimal(match["number"])
    return (-number if match["sign"] == "-" else number), match["unit"] or ""


_EXPONENT_RE = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)[eE][-+]?\d+$")
_LOOKALIKE_DIGITS = {"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1"}
_CHINESE_NUMERALS = frozenset("零一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾佰仟")


def why_unreadable(text: str) -> str:
    """What in a number typed cannot be read, said so that the user can fix it ("" when
    nothing in particular): 1e9, a letter O typed for 0, a word."""
    text = normalize_text(text)
    if _EXPONENT_RE.match(text):
        return "不接受科学计数法，请写出全部数字"
    for character in text:
        if character in _LOOKALIKE_DIGITS:
            return f"含有字母“{character}”（若是数字，请输入 {_LOOKALIKE_DIGITS[character]}）"
    letters = [c for c in text if c.isalpha() and c not in MONEY_UNIT_CHARACTERS]
    if letters and letters[0] in _CHINESE_NUMERALS:
        return f"含有“{letters[0]}”，请用阿拉伯数字"
    if letters:
        return f"含有“{letters[0]}”"
    return ""


def _unreadable(what: str, value: object, examples: str) -> InputError:
    reason = why_unreadable(str(value))
    return InputError(
        f"{what}“{value}”无法识别：{reason + '；' if reason else ''}应为数字，如 {examples}"
    )


def _trim_zeros(value: Decimal, places: int) -> Decimal:
    """Drop trailing zeros beyond ``places`` decimals (1.500 → 1.50), keep the rest as is."""
    if decimal_places(value) <= places:
        return value
    quantized = value.quantize(Decimal(1).scaleb(-places))
    return quantized if quantized == value else value


def _coerce(value: object, what: str) -> str | Decimal:
    if isinstance(value, bool):
        raise InputError(f"{what}应为数字，收到 {value}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(f"{what}应为有限的数字")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        if len(value) > MAX_INPUT_LENGTH:
            raise InputError(f"{what}过长（{len(value)} 个字符），应为一个数字")
        return normalize_text(value)
    raise InputError(f"{what}应为数字，收到 {type(value).__name__}")


def parse_amount(value: object, default_unit: str = "元") -> Decimal:
    """An amount in 元 from what a person typed (see the module docstring).

    A number (not text) is in ``default_unit`` too; the interchange file passes 元.
    """
    coerced = _coerce(value, "金额")
    unit = ""
    if isinstance(coerced, Decimal):
        amount = coerced * MONEY_SCALE[default_unit]
    else:
        found = amount_in(coerced)
        if found is None:
            raise _unreadable("金额", value, "75248.00、3,852,396.53、11.5万 或 8000元")
        number, unit = found
        unit = unit or default_unit
        amount = number * MONEY_SCALE[unit]
    if amount < 0:
        raise InputError(f"金额不能为负数（收到 {value}）")
    if amount >= MAX_AMOUNT:
        raise InputError(f"金额 {value} 过大")
    amount = _trim_zeros(amount, 2)
    if decimal_places(amount) > 2:
        if MONEY_SCALE[unit or default_unit] != 1:
            raise InputError(f"金额 {value} 折合 {amount:f} 元，超过两位小数（到分）")
        raise InputError(f"金额最多两位小数（到分），收到 {value}")
    return amount


def parse_number(value: object, what: str = "数值", max_places: int = 2) -> Decimal:
    """A weight (分值) or score (得分): a plain decimal, at most ``max_places`` decimals.

    Negative numbers parse (so that a finding can say the score is below 0); a weight's
    or a score's range is a rule of scoring, not of parsing.
    """
    coerced = _coerce(value, what)
    if isinstance(coerced, Decimal):
        number = coerced
    else:
        found = number_in(coerced)
        if found is None:
            raise _unreadable(what, value, "10 或 7.5")
        number = found
    if abs(number) >= Decimal(1_000_000):
        raise InputError(f"{what} {value} 过大")
    number = _trim_zeros(number, max_places)
    if decimal_places(number) > max_places:
        raise InputError(f"{what}最多 {max_places} 位小数，收到 {value}")
    return number
