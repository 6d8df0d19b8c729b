"""实际完成值 read against its target: a number in the target's unit, or a time against a deadline.

What forms write as actuals, and how each reads:
- a number, bare or with a unit: ``98``, ``98%``, ``255,900元``, ``25.59万元`` (in 元), ``620人``
  against 人次 (loosely the same: the reading is shown);
- the comparator repeated: ``≥98%`` reads as 98% (a warning asks for the value itself);
- words around the number: ``完成98%``, ``100%覆盖``, ``达到98%以上``;
- words alone: ``全部完成``/``全覆盖`` against a percent target read as 100%, ``无``/``未发生``
  against a zero target as 0 (the rule set's full_words and zero_words);
- a time against a deadline: ``2023年5月28日``, ``5月完成``, ``6月底前``, or ``按期完成``.
Every reading that is not the text itself is returned, for the note that says how it was read.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from core.confusables import compact
from core.deadlines import actual_span, days_into_year, read_time, show_date
from core.decimals import format_plain
from core.qualitative import Verdict
from core.rules import RuleSet
from core.targets import (
    QuantityText,
    Target,
    TargetKind,
    UnreadableQuantity,
    convert_to,
    read_quantity,
    standard_form,
)
from core.units import UnitReading


class ActualNumber(NamedTuple):
    """An actual as a number in the target's unit."""

    value: Decimal
    reading: str | None = None
    """reading: how the text was read, where that is not the text itself ('98%', '620人次')"""
    repeated_comparator: str | None = None
    """repeated_comparator: the ≥ or ≤ an actual should not carry (≥98%)"""
    label: str = ""


class Unread(NamedTuple):
    """Why an actual gives no number to compare, in the user's words."""

    message: str


def _quantity(text: str) -> QuantityText | Unread | None:
    try:
        return read_quantity(text)
    except UnreadableQuantity as exc:
        return Unread(f"实际完成值“{text.strip()}”{exc}，无法读成一个数值")


def _from_words(text: str, target: Target, rules: RuleSet) -> ActualNumber | None:
    words = compact(text).strip("。.，,")
    if target.kind is TargetKind.ZERO and words in rules.quantitative.zero_words:
        return ActualNumber(Decimal(0), f"0{target.unit}")
    if target.unit == "%" and words in rules.quantitative.full_words:
        return ActualNumber(Decimal(100), "100%")
    return None


_MEMO_SIZE = 8192


def read_actual_number(text: str, target: Target, rules: RuleSet) -> ActualNumber | Unread:
    """The actual in the target's unit, or why it cannot be compared with the target."""
    memo = rules.readings
    key = ("number", text, target)
    read = memo.get(key)
    if read is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        read = memo[key] = _read_actual_number(text, target, rules)
    return read


def _read_actual_number(text: str, target: Target, rules: RuleSet) -> ActualNumber | Unread:
    quantity = _quantity(text)
    if isinstance(quantity, Unread):
        return quantity
    if quantity is None:
        from_words = _from_words(text, target, rules)
        if from_words is not None:
            return from_words
        return Unread(
            f"实际完成值“{text.strip()}”不是数值，无法与年度指标值 {target.text} 比较："
            f"请填写实际达到的数值（如 {_example(target)}）"
        )
    if quantity.upper is not None:
        return Unread(f"实际完成值“{text.strip()}”是一个区间：请填写实际达到的一个数值")
    converted = convert_to(quantity.number, quantity.unit, target)
    if converted is None:
        return Unread(
            f"实际完成值的单位“{quantity.unit_name}”与年度指标值的单位“{target.unit}”不同，"
            "无法换算，不给建议得分"
        )
    repeated = quantity.comparator if quantity.comparator in ("≥", "≤", ">", "<") else None
    reading = _reading(text, quantity, converted.value, target, converted.loose)
    return ActualNumber(converted.value, reading, repeated, quantity.label)


def _example(target: Target) -> str:
    number = format_plain(target.number) if target.number is not None else "100"
    return f"{number}{target.unit}"


def _reading(
    text: str, quantity: QuantityText, value: Decimal, target: Target, loose: bool
) -> str | None:
    """How the actual was read, where that differs from what was written."""
    as_written = f"{quantity.number_text}{quantity.unit_name}"
    in_target_unit = f"{format_plain(value)}{target.unit}"
    unit: UnitReading | None = quantity.unit
    converted = unit is not None and unit.base != "" and unit.name != target.unit
    shown = in_target_unit if converted or loose else as_written
    if shown == standard_form(text) or (unit is None and value == quantity.number):
        return None
    return shown


class ActualTime(NamedTuple):
    """An actual against a deadline: met, late (with the days counted), or not to tell."""

    met: bool | None
    """met: True on time, False late, None where the text cannot tell"""
    reading: str | None = None
    last_day: date | None = None
    message: str = ""


def read_actual_time(text: str, target: Target, rules: RuleSet, year: int) -> ActualTime:
    """When an actual says the work was done, against the target's deadline."""
    deadline = target.deadline
    assert deadline is not None
    due = show_date(deadline)
    words = compact(text)
    late = next((word for word in rules.time.late_words if word in words), None)
    if late is not None:  # 延期至11月完成: the month after the word still counts
        when = read_time(words.replace(late, "", 1), year)
        if when is not None and actual_span(when).first > deadline:
            return ActualTime(False, actual_span(when).text, actual_span(when).last)
        return ActualTime(
            False,
            message=f"实际完成值“{text.strip()}”表明未在期限 {due} 前完成：请写明完成日期，"
            "以便按时间计算建议得分，或直接填写得分并说明偏差原因",
        )
    time = read_time(text, year)
    if time is not None:
        span = actual_span(time)
        if span.last <= deadline:
            return ActualTime(True, span.text, span.last)
        if span.first > deadline:
            return ActualTime(False, span.text, span.last)
        return ActualTime(
            None,
            span.text,
            message=f"实际完成值“{text.strip()}”（{span.text}）跨过期限 {due}，无法判断是否按期："
            f"请写明完成日期（如 {due}），或直接填写得分",
        )
    if any(word in words for word in rules.time.on_time_words):
        return ActualTime(True)
    # A self-evaluation is written after the year: "done" meets a deadline at the year's end.
    year_end = deadline >= date(year, 12, 31)
    if year_end and rules.qualitative.wording.judge("完成", text).verdict is Verdict.MET:
        return ActualTime(True)
    return ActualTime(
        None,
        message=f"实际完成值“{text.strip()}”没有写明完成时间，无法判断是否在期限 {due} 前完成："
        f"请写明完成日期（如 {show_date(deadline)}），或写“按期完成”，或直接填写得分",
    )


def time_ratio(deadline: date, done: date, year: int) -> Decimal | None:
    """A deadline as a reverse target in time: days into the year allowed / days taken."""
    allowed, taken = days_into_year(deadline, year), days_into_year(done, year)
    if allowed <= 0 or taken <= 0:
        return None
    return min(Decimal(allowed) / Decimal(taken), Decimal(1))
