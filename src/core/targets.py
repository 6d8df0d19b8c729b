"""Targets (年度指标值) and actuals (实际完成值) as people write them.

A target is quantitative — a comparator, a number and a unit — or a qualitative word:

| kind         | written as                                   |
| ------------ | -------------------------------------------- |
| positive     | ``>=85%``, ``≥ 95%``, ``>90``, ``不低于95%``, ``95%以上`` |
| reverse      | ``<=5%``, ``≤3天``, ``<10``, ``不超过3天``, ``3天以内``   |
| exact        | ``=100%``, ``100%``, ``100份``, ``=20场``          |
| zero         | ``=0``, ``≤0起``, ``0起``                          |
| qualitative  | 提高, 下降, 良好, 有效, 及时, 减少, 改善, 达标, …      |

A text with digits that fits none of these is refused with a message that says what was
expected. A direction word (下降, 减少) stays qualitative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from core.errors import InputError
from core.numbers import NUMBER_PATTERN, normalize_text, to_decimal


class TargetKind(str, Enum):
    """How a target is scored (see scoring.md)."""

    POSITIVE = "positive"
    REVERSE = "reverse"
    EXACT = "exact"
    ZERO = "zero"
    QUALITATIVE = "qualitative"


_PREFIXES: dict[str, TargetKind] = {
    ">=": TargetKind.POSITIVE,
    "≥": TargetKind.POSITIVE,
    "≧": TargetKind.POSITIVE,
    ">": TargetKind.POSITIVE,
    "不低于": TargetKind.POSITIVE,
    "不少于": TargetKind.POSITIVE,
    "大于等于": TargetKind.POSITIVE,
    "大于": TargetKind.POSITIVE,
    "高于": TargetKind.POSITIVE,
    "至少": TargetKind.POSITIVE,
    "<=": TargetKind.REVERSE,
    "≤": TargetKind.REVERSE,
    "≦": TargetKind.REVERSE,
    "<": TargetKind.REVERSE,
    "不高于": TargetKind.REVERSE,
    "不超过": TargetKind.REVERSE,
    "不多于": TargetKind.REVERSE,
    "小于等于": TargetKind.REVERSE,
    "小于": TargetKind.REVERSE,
    "低于": TargetKind.REVERSE,
    "==": TargetKind.EXACT,
    "=": TargetKind.EXACT,
    "等于": TargetKind.EXACT,
}
_SUFFIXES: dict[str, TargetKind] = {
    "以上": TargetKind.POSITIVE,
    "及以上": TargetKind.POSITIVE,
    "以下": TargetKind.REVERSE,
    "及以下": TargetKind.REVERSE,
    "以内": TargetKind.REVERSE,
}
_PREFIX_RE = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
_UNIT_RE = r"[^\d\s<>=≥≤≧≦.,+\-]{1,6}"
_TARGET_RE = re.compile(
    rf"^(?P<prefix>{_PREFIX_RE})?(?P<number>{NUMBER_PATTERN})(?P<unit>{_UNIT_RE})?$"
)
_COMPARATOR_START = re.compile(r"^[<>=≥≤≧≦]")
_QUANTITY_RE = re.compile(rf"^(?P<number>{NUMBER_PATTERN})(?P<unit>{_UNIT_RE})?$")
_HAS_DIGIT = re.compile(r"\d")

MAX_TARGET_LENGTH = 200

# Units that convert into one another: factor to the family's base unit.
UNIT_FAMILIES: tuple[dict[str, Decimal], ...] = (
    {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)},
    {"%": Decimal(1), "‰": Decimal("0.1")},
)

TARGET_HINT = "年度指标值应为 ≥95%、≤3天、=100%、100份 这样的数值，或 提高、良好 这样的定性词"


@dataclass(frozen=True)
class Quantity:
    """A number with its unit ('' when none was written)."""

    number: Decimal
    unit: str


@dataclass(frozen=True)
class Target:
    """A parsed 年度指标值: its kind and, when quantitative, its number and unit."""

    kind: TargetKind
    text: str
    number: Decimal | None = None
    unit: str = ""

    @property
    def quantitative(self) -> bool:
        return self.kind is not TargetKind.QUALITATIVE


def _strip_unit_suffix(unit: str) -> tuple[str, TargetKind | None]:
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if unit.endswith(suffix):
            return unit[: -len(suffix)], _SUFFIXES[suffix]
    return unit, None


def parse_target(text: str) -> Target:
    """Parse a 年度指标值. Raises InputError for text with digits that fits no pattern."""
    if len(text) > MAX_TARGET_LENGTH:
        raise InputError(f"年度指标值过长（{len(text)} 个字符）")
    compact = normalize_text(text)
    if not compact:
        raise InputError("年度指标值不能为空")
    if not _HAS_DIGIT.search(compact):
        if _COMPARATOR_START.match(compact):
            raise InputError(f"年度指标值“{text.strip()}”的比较符后缺少数字：{TARGET_HINT}")
        return Target(TargetKind.QUALITATIVE, text.strip())
    match = _TARGET_RE.match(compact)
    if not match:
        raise InputError(f"无法识别年度指标值“{text.strip()}”：{TARGET_HINT}")
    unit, suffix_kind = _strip_unit_suffix(match["unit"] or "")
    prefix = match["prefix"]
    if prefix and suffix_kind:
        raise InputError(f"年度指标值“{text.strip()}”同时有前后两个比较词，只保留一个")
    kind = _PREFIXES[prefix] if prefix else (suffix_kind or TargetKind.EXACT)
    number = to_decimal(match["number"])
    if number == 0 and kind in (TargetKind.EXACT, TargetKind.REVERSE):
        kind = TargetKind.ZERO
    return Target(kind, text.strip(), number, unit)


def parse_quantity(text: str) -> Quantity | None:
    """An actual written as a number with an optional unit (``98``, ``8%``, ``255,900元``).

    None when the text is not of that shape (a word such as 提高, or garbled input).
    """
    compact = normalize_text(text)
    match = _QUANTITY_RE.match(compact)
    if not match:
        return None
    return Quantity(to_decimal(match["number"]), match["unit"] or "")


def has_digits(text: str) -> bool:
    """True where the text holds a digit (after full-width digits are normalised)."""
    return bool(_HAS_DIGIT.search(normalize_text(text)))


def convert(quantity: Quantity, to_unit: str) -> Decimal | None:
    """The quantity's number in ``to_unit``; None when the units do not convert.

    A bare number takes the target's unit: the seed forms write 100 for a target of =100%.
    """
    if quantity.unit in ("", to_unit):
        return quantity.number
    for family in UNIT_FAMILIES:
        if quantity.unit in family and to_unit in family:
            return quantity.number * family[quantity.unit] / family[to_unit]
    return None
