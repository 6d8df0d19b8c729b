"""Units of 年度指标值 and 实际完成值: the words forms use for them, and which ones compare.

A unit as written (``万元``, ``百分比``, ``km``, ``万人次``) reads as a known unit, with a factor
where a multiplier (万, 亿, 千) stands before it. Two quantities compare:
- in one unit, or where one of them has none (the seed writes 100 for a target of =100%);
- exactly converted within a family (元/万元/亿元, %/‰, 米/公里, 吨/千克, 分钟/小时/天);
- loosely, where forms mix words that count the same thing (人次/人/名, 个/项/件, 次/场/期,
  户/家): the reading is shown, since a person reads them as one.
Anything else does not compare: a warning names both units.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple


class Unit(NamedTuple):
    """A unit of a family: ``factor`` of the family's base unit (万元 = 10000 元)."""

    name: str
    family: str
    factor: Decimal
    written: tuple[str, ...]


def _unit(name: str, family: str, factor: str | int, *written: str) -> Unit:
    return Unit(name, family, Decimal(factor), (name, *written))


# Exact families: a quantity converts into any unit of its family.
_KNOWN: tuple[Unit, ...] = (
    _unit("%", "percent", 1, "百分比", "百分率", "个百分比", "pct"),
    _unit("‰", "percent", "0.1", "千分比"),
    _unit("元", "money", 1, "块", "元钱"),
    _unit("千克", "mass", 1, "公斤", "kg", "KG", "Kg"),
    _unit("克", "mass", "0.001", "g"),
    _unit("吨", "mass", 1000, "t", "T"),
    _unit("斤", "mass", "0.5"),
    _unit("米", "length", 1, "m"),
    _unit("厘米", "length", "0.01", "cm"),
    _unit("公里", "length", 1000, "千米", "km", "KM", "Km"),
    _unit("平方米", "area", 1, "㎡", "m2", "m²", "平米", "平方"),
    _unit("公顷", "area", 10000, "ha"),
    _unit("平方公里", "area", 1_000_000, "km2", "km²", "k㎡"),
    _unit("立方米", "volume", 1, "方", "m3", "m³"),
    _unit("分钟", "duration", 1, "min", "mins"),
    _unit("小时", "duration", 60, "h", "个小时", "时"),
    _unit("天", "duration", 1440, "日", "自然日", "d"),
    _unit("周", "duration", 10080, "星期", "个星期"),
    _unit("工作日", "workdays", 1, "个工作日"),
    _unit("个月", "months", 1),
    _unit("年", "years", 1),
    _unit("千瓦时", "energy", 1, "度", "kWh", "kwh"),
    _unit("百分点", "points", 1, "个百分点"),
)
# 1 亩 = 1/15 公顷: kept as a fraction of the 公顷 so that 15 亩 is exactly 1 公顷.
_MU = Unit("亩", "area", Decimal(10000) / Decimal(15), ("亩",))

# Count words: each its own unit, and loosely one with the others of its group. 个 is the
# general classifier, loosely one with every count word.
LOOSE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("人次", "人", "名", "位", "人员"),
    ("个", "项", "件"),
    ("次", "场", "期", "轮", "批次"),
    ("户", "家"),
    ("本", "册"),
    ("篇", "份"),
    ("台", "套", "台套"),
)
GENERAL_CLASSIFIER = "个"
_COUNT_WORDS = ("所", "座", "处", "条", "辆", "批", "类", "部", "张", "块", "株", "棵", "头", "只")

MULTIPLIERS: dict[str, Decimal] = {
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "千": Decimal(1_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
}


class UnitReading(NamedTuple):
    """A unit as read: its known name (``万人次`` reads as 10000 × 人次)."""

    name: str
    """name: the unit shown in a reading (万人次, %, 元)"""
    base: str
    """base: the known unit without the multiplier (人次)"""
    factor: Decimal
    """factor: how many ``base`` one of it holds (10000)"""


def _table() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    for unit in (*_KNOWN, _MU):
        for written in unit.written:
            table[written] = unit
    for group in LOOSE_GROUPS:
        for word in group:
            table.setdefault(word, Unit(word, "count", Decimal(1), (word,)))
    for word in _COUNT_WORDS:
        table.setdefault(word, Unit(word, "count", Decimal(1), (word,)))
    return table


UNITS: dict[str, Unit] = _table()
"""UNITS: every written form of a known unit → the unit"""
_LONGEST_UNIT = max(map(len, UNITS))


def unit_word_at(text: str) -> str:
    """The longest written unit at the start of ``text`` ('' where none is)."""
    for length in range(min(_LONGEST_UNIT, len(text)), 0, -1):
        if text[:length] in UNITS:
            return text[:length]
    return ""


def _multiplier_at(text: str) -> str:
    return next((m for m in ("百万", "千万", "万", "亿", "千") if text.startswith(m)), "")


def read_unit_at(text: str) -> tuple[UnitReading | None, str]:
    """The known unit at the start of ``text`` (with a multiplier before it), and the rest.

    ``'万人次以上'`` → (万人次 = 10000 × 人次, '以上'); ``'株'`` → (None, '株').
    """
    unit = unit_word_at(text)
    multiplier = _multiplier_at(text)
    if multiplier:
        rest = text[len(multiplier) :]
        after = unit_word_at(rest)
        factor = MULTIPLIERS[multiplier]
        if after:
            known = UNITS[after]
            return UnitReading(multiplier + known.name, known.name, factor), rest[len(after) :]
        if not unit:  # 3万: a number
            return UnitReading(multiplier, "", factor), rest
    if unit:  # also 千克, 千米: units of their own that start like a multiplier
        known = UNITS[unit]
        return UnitReading(known.name, known.name, Decimal(1)), text[len(unit) :]
    return None, text


def plain_unit(name: str) -> UnitReading:
    """A unit nobody listed (株, 尾): itself, compared by its name only."""
    return UnitReading(name, name, Decimal(1))


class Conversion(NamedTuple):
    """A number carried into another unit; ``loose`` where the units only count alike."""

    value: Decimal
    loose: bool = False


def _is_count(name: str) -> bool:
    unit = UNITS.get(name)
    return unit is not None and unit.family == "count"


def _loose(one: str, other: str) -> bool:
    if GENERAL_CLASSIFIER in (one, other):
        return _is_count(one) and _is_count(other)
    return any(one in group and other in group for group in LOOSE_GROUPS)


@lru_cache(maxsize=1024)
def convert_units(number: Decimal, unit: UnitReading, to: UnitReading) -> Conversion | None:
    """``number`` of ``unit`` in ``to``; None where they do not compare.

    A bare number (no unit) is in the target's unit, and a bare multiplier (3万) is a number.
    """
    if unit.base == "" or to.base == "" or unit.base == to.base:
        return Conversion(number * unit.factor / to.factor)
    one, other = UNITS.get(unit.base), UNITS.get(to.base)
    if one is not None and other is not None and one.family == other.family != "count":
        return Conversion(number * unit.factor * one.factor / (to.factor * other.factor))
    if _loose(unit.base, to.base):
        return Conversion(number * unit.factor / to.factor, loose=True)
    return None
