"""Targets (年度指标值) and actuals (实际完成值) as real forms write them.

A target is quantitative — a comparator, a number and a unit —, a deadline, or a word:

| kind         | written as                                                        |
| ------------ | ----------------------------------------------------------------- |
| positive     | ``>=85%``, ``≧95%``, ``》=95%``, ``不低于95%``, ``95%以上``, ``达到90%`` |
| reverse      | ``<=5%``, ``≦3天``, ``不超过3天``, ``3天以内``, ``控制在50万元以内``     |
| exact        | ``=100%``, ``═100%``, ``100%``, ``100份``, ``百分之百``, ``约95%``   |
| zero         | ``=0``, ``≤0起``, ``0起``                                          |
| range        | ``95%-100%``, ``3～5天``                                            |
| deadline     | ``2023年6月底前完成``, ``6月30日前``, ``年底前完成``, ``当年完成``       |
| qualitative  | 提高, 下降, 良好, 有效, 及时, 按时完成, 符合相关规定, …                   |

Look-alike symbols and comparator words come from one table (core.confusables), units from
another (core.units), deadlines from core.deadlines. Words before the comparator (完成率,
满意度) and after the unit (覆盖, 完成, （含）) are not part of the quantity; where anything of
the kind was read differently from how it stands, ``reading`` says how (``≥ 95%``), so that a
message can show it. A text with digits that fits none of these is refused with a message
that says what could not be read and what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from core.confusables import compact, fold, leading_comparator, trailing_comparator
from core.deadlines import read_time, show_date
from core.errors import InputError
from core.numbers import NUMBER_PATTERN, normalize_text, to_decimal
from core.units import (
    UNITS,
    Conversion,
    UnitReading,
    convert_units,
    plain_unit,
    read_unit_at,
    unit_word_at,
)


class TargetKind(str, Enum):
    """How a target is scored (see scoring.md)."""

    POSITIVE = "positive"
    REVERSE = "reverse"
    EXACT = "exact"
    ZERO = "zero"
    RANGE = "range"
    DEADLINE = "deadline"
    QUALITATIVE = "qualitative"


MAX_TARGET_LENGTH = 200
TARGET_HINT = (
    "年度指标值应为 ≥95%、≤3天、=100%、100份、2023年6月30日前 这样的数值或期限，"
    "或 提高、良好 这样的定性词"
)
_KINDS = {
    "≥": TargetKind.POSITIVE,
    ">": TargetKind.POSITIVE,
    "≤": TargetKind.REVERSE,
    "<": TargetKind.REVERSE,
    "=": TargetKind.EXACT,
}
_CN_NUMERAL = "〇零一二两三四五六七八九十百千"
_NUMBER_RE = re.compile(NUMBER_PATTERN)
_RANGE_SEPARATORS = frozenset("-~～至到—–")
_PER = re.compile(r"^/([\u4e00-\u9fff]{1,4}|[a-zA-Z²2]{1,4})")
_PER_LABEL = re.compile(r"(每(年|季度|季|月|周|天|日|人|户|家|次|场|批)|(人|户|年|月|日)均)$")
_UNKNOWN_UNIT = re.compile(r"^[^\d(（/]{1,4}")
_ANNOTATION = re.compile(r"^\((?P<inner>[^()]*)\)$|^\((?P<open>[^()]*)$")
_HAS_DIGIT = re.compile(r"\d")
# Units spelt with a digit (NFKC makes ㎡ "m2"): read as words so that the digit is no number.
DIGIT_UNITS = {"km2": "平方公里", "m2": "平方米", "m3": "立方米", "km²": "平方公里", "m²": "平方米"}
_DIGIT_UNITS = re.compile(r"(?<=[\d.])(?:km2|km²|m2|m²|m3)(?![\d.])")
_PERCENT_WORDS = ("百分之",)
# A letter against a digit is a code (ISO9001, 5G), unless the letters are a unit (50km, 24h).
_LATIN_UNITS = "|".join(sorted((w for w in UNITS if w.isascii() and w.isalpha()), key=len)[::-1])
_CODE = re.compile(rf"[A-Za-z]\d|\d(?!(?:{_LATIN_UNITS})(?![A-Za-z]))[A-Za-z]")


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
    reading: str | None = None
    """reading: how the text was read ('≥ 95%', '≤ 2023年6月30日') where it was normalised"""
    upper: Decimal | None = None
    """upper: the top of a range (95%-100% → 100)"""
    deadline: date | None = None
    """deadline: the last day a deadline allows"""
    label: str = ""
    """label: the words before the quantity (完成率, 提高), for a direction"""
    unit_read: UnitReading | None = field(default=None, compare=False, repr=False)

    @property
    def quantitative(self) -> bool:
        return self.kind is not TargetKind.QUALITATIVE

    @property
    def shown(self) -> str:
        """How it reads, or the text itself where nothing was normalised."""
        return self.reading or self.text


class QuantityText(NamedTuple):
    """A quantity as written: comparator, number (or range), unit, and the words around it."""

    comparator: str | None
    number: Decimal
    number_text: str
    unit: UnitReading | None
    upper: Decimal | None = None
    upper_text: str = ""
    label: str = ""
    annotation: str = ""

    @property
    def unit_name(self) -> str:
        return self.unit.name if self.unit else ""

    def shown(self) -> str:
        """'≥ 95%', '95%–100%', '100份'."""
        amount = f"{self.number_text}{self.unit_name}"
        if self.upper is not None:
            return f"{self.number_text}–{self.upper_text}{self.unit_name}"
        return f"{self.comparator} {amount}" if self.comparator else amount


class UnreadableQuantity(Exception):
    """A number stands in a text that cannot be read as one quantity; the reason in words."""


def cn_integer(text: str) -> int | None:
    """Chinese numerals below 10000 (三, 十二, 一百零五, 两千) → int; None for anything else."""
    digits = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
    digits |= {"六": 6, "七": 7, "八": 8, "九": 9}
    places = {"十": 10, "百": 100, "千": 1000}
    total, digit = 0, None
    for char in text:
        if char in digits:
            digit = digits[char]
        elif char in places:
            total += (1 if digit is None else digit) * places[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


_CN_RUN = re.compile(rf"(?P<cn>[{_CN_NUMERAL}]+)")
_CN_PERCENT = re.compile(rf"百分之(?P<cn>[{_CN_NUMERAL}]+|百)")


def _arabic_quantity(text: str) -> str:
    """Chinese numerals before a unit (两次, 三篇) and 百分之九十五 → digits; only where the text
    has no digits of its own."""
    if _HAS_DIGIT.search(text):
        return text

    def percent(match: re.Match[str]) -> str:
        value = 100 if match["cn"] == "百" else cn_integer(match["cn"])
        return f"{value}%" if value is not None else match[0]

    def number(match: re.Match[str]) -> str:
        value = cn_integer(match["cn"])
        before_unit = unit_word_at(match.string[match.end() :])
        return str(value) if value and before_unit else match[0]

    return _CN_RUN.sub(number, _CN_PERCENT.sub(percent, text))


def _unit_at(tail: str) -> tuple[UnitReading | None, str]:
    """The unit at the start of the text after a number (known, else a short unknown word)."""
    if tail.startswith("百分之"):
        return None, tail
    unit, rest = read_unit_at(tail)
    if unit is None:
        comparator, _, _ = trailing_comparator(tail)
        if comparator is None:
            unknown = _UNKNOWN_UNIT.match(tail)
            if unknown:
                word = unknown[0]
                for cut in range(1, len(word) + 1):  # stop where a comparator word begins
                    if trailing_comparator(word[cut:])[0] is not None and cut < len(word):
                        word = word[:cut]
                        break
                unit, rest = plain_unit(word), tail[len(word) :]
    per = _per_unit(rest)
    if unit is not None and per:
        name = f"{unit.name}/{per}"
        unit, rest = UnitReading(name, f"{unit.base}/{per}", unit.factor), rest[len(per) + 1 :]
    return unit, rest


def _per_unit(rest: str) -> str:
    """The unit after a slash (元/公里, 次/年): a known unit, else a short word before any
    comparator word ('' where no slash stands)."""
    match = _PER.match(rest)
    if match is None:
        return ""
    known = unit_word_at(rest[1:])
    if known:
        return known
    word = match[1]
    for cut in range(1, len(word)):
        if trailing_comparator(word[cut:])[0] is not None:
            return word[:cut]
    return word


def _with_per_label(unit: UnitReading | None, label: str) -> tuple[UnitReading | None, str]:
    """每月≥1次 → 1 次/月; 人均≥2次 → 2 次/人."""
    per = _PER_LABEL.search(label)
    if per is None or unit is None or "/" in unit.name:
        return unit, label
    per_word = per[2] or per[3]
    name = f"{unit.name}/{per_word}"
    return UnitReading(name, f"{unit.base}/{per_word}", unit.factor), label[: per.start()]


def _unit_names(text: str) -> tuple[str, ...]:
    """``text`` where it is exactly one unit (the % of 95%-100%), else nothing."""
    unit, rest = read_unit_at(text)
    return (text,) if unit is not None and not rest else ()


def _annotation(rest: str) -> str:
    """What stands after the quantity: '(含)' → '含', '覆盖' → '覆盖'."""
    match = _ANNOTATION.match(rest)
    if match:
        return match["inner"] if match["inner"] is not None else match["open"]
    return rest


def _agreeing(first: str | None, second: str | None) -> str | None:
    if first is None or second is None:
        return first or second
    if _KINDS[first] is not _KINDS[second]:
        raise UnreadableQuantity("前后两个比较词方向相反，只保留一个")
    return first if first in "≥≤" else second


@lru_cache(maxsize=8192)
def read_quantity(text: str) -> QuantityText | None:
    """A quantity in a text: ``'完成率不低于95%'`` → ≥ 95% (label 完成率); None without a
    number. Raises UnreadableQuantity where a number stands but the text cannot be read as one."""
    written = _DIGIT_UNITS.sub(lambda m: DIGIT_UNITS[m[0]], fold(text))
    folded = _arabic_quantity(written)
    numbers = list(_NUMBER_RE.finditer(folded))
    if not numbers:
        return None
    in_words = folded != written  # 两次, 百分之九十五: only where nothing else stands around
    first = numbers[0]
    if _CODE.search(folded):  # ISO9001, GB50300, 5G, 3A级: a name with digits, not a number
        return None
    upper = None
    if len(numbers) == 2:
        between = folded[first.end() : numbers[1].start()]
        if between[-1:] not in _RANGE_SEPARATORS or between[:-1] not in (
            "",
            *_unit_names(between[:-1]),
        ):
            raise UnreadableQuantity("含有不止一个数字")
        upper = numbers[1]
    elif len(numbers) > 2:
        raise UnreadableQuantity("含有不止一个数字")
    head = folded[: first.start()]
    tail = folded[(upper or first).end() :]
    if head.endswith(_PERCENT_WORDS):
        head, tail = head[: -len("百分之")], "%" + tail
    comparator, label, _ = leading_comparator(head)
    if label and label[-1] in "≥≤><=":
        raise UnreadableQuantity("比较符重复或位置不对")
    unit, rest = _unit_at(tail)
    after, rest, _ = trailing_comparator(rest)
    comparator = _agreeing(comparator, after)
    unit, label = _with_per_label(unit, label)
    if (rest and rest[0] in "≥≤><=") or _HAS_DIGIT.search(rest):
        raise UnreadableQuantity("数字后还有比较符或数字")
    if upper is not None and comparator is not None:
        raise UnreadableQuantity("区间前后不应再有比较词")
    if in_words and (label or rest):  # 一次性补助到位 is a word, not 1 次
        return None
    return QuantityText(
        comparator=comparator,
        number=to_decimal(first[0]),
        number_text=first[0],
        unit=unit,
        upper=to_decimal(upper[0]) if upper else None,
        upper_text=upper[0] if upper else "",
        label=label,
        annotation=_annotation(rest),
    )


def standard_form(text: str) -> str:
    """The text as the samples write it, which needs no note: >= and <= as ≥ and ≤."""
    return compact(text).replace(">=", "≥").replace("<=", "≤")


def _kind(quantity: QuantityText) -> TargetKind:
    if quantity.upper is not None:
        return TargetKind.RANGE
    kind = _KINDS[quantity.comparator] if quantity.comparator else TargetKind.EXACT
    if quantity.number == 0 and kind in (TargetKind.EXACT, TargetKind.REVERSE):
        return TargetKind.ZERO
    return kind


@lru_cache(maxsize=8192)
def parse_target(text: str, year: int = 0) -> Target:
    """Parse a 年度指标值; ``year`` is the form's, for a deadline written without one.

    Raises InputError for text with digits that fits no pattern, saying what was expected.
    """
    if len(text) > MAX_TARGET_LENGTH:
        raise InputError(f"年度指标值过长（{len(text)} 个字符）")
    stripped = text.strip()
    folded = fold(text)
    if not folded:
        raise InputError("年度指标值不能为空")
    time = read_time(text, year or 2000)
    if time is not None:
        if any(symbol in time.rest for symbol in "≥>"):
            raise InputError(f"年度指标值“{stripped}”是一个期限，应写成 ≤ 日期 或 某月底前完成")
        last = time.span.last
        shown = show_date(last) if year or last.year != 2000 else f"{last.month}月{last.day}日"
        return Target(TargetKind.DEADLINE, stripped, reading=f"≤ {shown}", deadline=last)
    try:
        quantity = read_quantity(text)
    except UnreadableQuantity as exc:
        raise InputError(f"年度指标值“{stripped}”{exc}：{TARGET_HINT}") from None
    if quantity is None:
        if folded[0] in "≥≤><=" or folded in ("不低于", "不高于", "不超过", "不少于"):
            raise InputError(f"年度指标值“{stripped}”的比较符后缺少数字：{TARGET_HINT}")
        return Target(TargetKind.QUALITATIVE, stripped)
    shown = quantity.shown()
    reading = None if shown.replace(" ", "") == standard_form(text) else shown
    return Target(
        _kind(quantity),
        stripped,
        quantity.number,
        quantity.unit_name,
        reading=reading,
        upper=quantity.upper,
        label=quantity.label,
        unit_read=quantity.unit,
    )


def parse_quantity(text: str) -> Quantity | None:
    """An actual written as a number with an optional unit (``98``, ``8%``, ``255,900元``).

    None when the text is no quantity (a word such as 提高, or garbled input).
    """
    try:
        quantity = read_quantity(text)
    except UnreadableQuantity:
        return None
    if quantity is None or quantity.upper is not None:
        return None
    return Quantity(quantity.number, quantity.unit_name)


def has_digits(text: str) -> bool:
    """True where the text holds a digit (after full-width digits are normalised)."""
    return bool(_HAS_DIGIT.search(normalize_text(text)))


def unit_reading(unit: str) -> UnitReading:
    """A unit name as read (``万元``, ``%``, ``株``)."""
    if not unit:
        return UnitReading("", "", Decimal(1))
    known, rest = read_unit_at(unit)
    return known if known is not None and not rest else plain_unit(unit)


def convert_to(number: Decimal, unit: UnitReading | None, target: Target) -> Conversion | None:
    """A number of an actual in the target's unit; None where the units do not compare."""
    to = target.unit_read or unit_reading(target.unit)
    return convert_units(number, unit or unit_reading(""), to)


def convert(quantity: Quantity, to_unit: str) -> Decimal | None:
    """The quantity's number in ``to_unit``; None when the units do not convert.

    A bare number takes the target's unit: the seed forms write 100 for a target of =100%.
    """
    converted = convert_units(quantity.number, unit_reading(quantity.unit), unit_reading(to_unit))
    return None if converted is None else converted.value
