"""Deadlines (时效指标) as forms write them, and when an actual says the work was done.

A target such as ``2023年6月底前完成``, ``6月30日前``, ``年底前完成``, ``2023年12月``, ``当年完成``,
``上半年``, ``第三季度末`` is a deadline: the last day the work may be done (``前`` reads as
"by": on the day still meets it). A year left out is the form's year. A month is a month of
the calendar, never a number with a unit (``3个月`` is a duration and no deadline).

An actual is a span of days: ``2023年5月28日`` one day, ``5月完成`` any day of May, ``6月底``
the last ten days of June, ``6月底前`` any day up to June 30. It meets a deadline when its last
day is on or before it, misses it when its first day is after it; a span across the deadline
cannot tell, and the message asks for the date.

A deadline is a reverse target in time: days from the start of the form's year to the
deadline (A) against days to the last day of the actual (B), W × min(A / B, 1).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from core.confusables import fold

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = r"[〇零一二两三四五六七八九十]{1,3}"
_CN_BEFORE_UNIT = re.compile(rf"({_CN_NUMBER})(?=月|日|号|季度)")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})(?=年)")


def cn_number(text: str) -> int | None:
    """一 … 九十九 as written in dates (十二, 二十八, 三十一); None for anything else."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _arabic(text: str) -> str:
    """Chinese numerals of years, months, days and quarters → digits (十二月 → 12月)."""
    text = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[ch]) for ch in m[1]), text)

    def number(match: re.Match[str]) -> str:
        value = cn_number(match[1])
        return str(value) if value is not None else match[1]

    return _CN_BEFORE_UNIT.sub(number, text)


class Span(NamedTuple):
    """Days from ``first`` to ``last`` (one day where they are equal), and how it reads."""

    first: date
    last: date
    text: str
    """text: '2023年6月30日', '2023年5月', '2023年上半年'"""


_YEAR = r"(?P<year>(?:19|20|21)\d\d)年度?"
_DAY_WRITTEN = re.compile(rf"(?:{_YEAR})?(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})[日号]?")
_DAY_NUMERIC = re.compile(
    r"(?P<year>(?:19|20|21)\d\d)(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})[日号]?"
)
_MONTH = re.compile(rf"(?:{_YEAR})?(?P<month>\d{{1,2}})月份?(?P<part>底|末|中旬|上旬|下旬|初|中)?")
_PERIOD = re.compile(
    rf"(?:(?:{_YEAR}|当年度?|本年度?|今年|年度)?"
    r"(?P<period>年底|年末|年终|年内|全年|年中|上半年|下半年|"
    r"第?(?P<quarter>[1-4])季度(?:末|底)?|Q(?P<q>[1-4])))"
    r"|(?P<y2>(?:19|20|21)\d\d)年度?(?P<p2>底|末|内)"
)
_YEAR_ONLY = re.compile(rf"{_YEAR}|当年度?|本年度?|今年")
_BY = re.compile(r"^(?:前|之前|以前|止|为止|内|以内|之内|底前|末前)")
_LEAD = re.compile(
    r"^(?:[≤=]|计划|预计|力争|确保|要求|项目|工程|任务|实际|已经|已|均|全部|截至|截止|在|于|到|至)*$"
)
_DONE = re.compile(
    r"^(?:已经|已|全部|基本)?(?:完成|完工|竣工|办结|实施完毕|完毕|上线|交付|验收|到位|支付|"
    r"拨付|发放|结束|开展|启动|开工|实施|投入使用|建成|通过验收|完成验收|完成建设)?"
    r"(?:任务|工作|建设)?$"
)
_EARLY = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "中": (11, 20)}


def _month_end(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def _day_span(match: re.Match[str], year: int) -> Span | None:
    year = int(match["year"]) if match["year"] else year
    month, day = int(match["month"]), int(match["day"])
    if not 1 <= month <= 12 or not 1 <= day <= _month_end(year, month):
        return None
    when = date(year, month, day)
    return Span(when, when, f"{year}年{month}月{day}日")


def _month_span(match: re.Match[str], year: int) -> Span | None:
    year = int(match["year"]) if match["year"] else year
    month = int(match["month"])
    if not 1 <= month <= 12:
        return None
    end = _month_end(year, month)
    part = match["part"] or ""
    if part in _EARLY:
        first, last = _EARLY[part]
        return Span(date(year, month, first), date(year, month, last), f"{year}年{month}月{part}")
    if part in ("底", "末", "下旬"):
        return Span(date(year, month, 21), date(year, month, end), f"{year}年{month}月{part}")
    return Span(date(year, month, 1), date(year, month, end), f"{year}年{month}月")


_PERIODS = {
    "上半年": ((1, 1), (6, 30), "上半年"),
    "年中": ((6, 1), (6, 30), "年中"),
    "下半年": ((7, 1), (12, 31), "下半年"),
    "年底": ((12, 1), (12, 31), "年底"),
    "年末": ((12, 1), (12, 31), "年底"),
    "年终": ((12, 1), (12, 31), "年底"),
    "底": ((12, 1), (12, 31), "年底"),
    "末": ((12, 1), (12, 31), "年底"),
}


def _period_span(match: re.Match[str], year: int) -> Span:
    written_year = match["year"] or match["y2"]
    year = int(written_year) if written_year else year
    quarter = match["quarter"] or match["q"]
    if quarter:
        last_month = int(quarter) * 3
        first, last = date(year, last_month - 2, 1), date(year, last_month, 1)
        last = last.replace(day=_month_end(year, last_month))
        return Span(first, last, f"{year}年第{quarter}季度")
    period = match["period"] or match["p2"]
    (m1, d1), (m2, d2), shown = _PERIODS.get(period, ((1, 1), (12, 31), ""))
    return Span(date(year, m1, d1), date(year, m2, d2), f"{year}年{shown}")


class TimeReading(NamedTuple):
    """A text read as a time: its span, whether it says "by" (前, 以内), and the words around
    it (计划于, 完成), which the grammar allows but does not read."""

    span: Span
    by: bool
    """by: 前/之前/以内 follows: any day up to the span's end"""
    rest: str
    """rest: the words around the time (完成, 于, 项目) that were not read"""


_FINDERS = (
    (_DAY_WRITTEN, _day_span),
    (_DAY_NUMERIC, _day_span),
    (_MONTH, _month_span),
    (_PERIOD, _period_span),
)


def _year_only(match: re.Match[str], year: int) -> Span:
    year = int(match["year"]) if match["year"] else year
    return Span(date(year, 1, 1), date(year, 12, 31), f"{year}年")


@lru_cache(maxsize=4096)
def read_time(text: str, year: int) -> TimeReading | None:
    """The time a text names, where it names exactly one and holds no other number.

    ``'2023年6月底前完成'`` → June 21–30 of 2023, by; ``'6月30日前'`` → June 30, by;
    ``'年底前完成'`` → December of ``year``; ``'3个月'`` and ``'≥95%'`` → None.
    """
    compact = _arabic(fold(text))
    for pattern, span_of in (*_FINDERS, (_YEAR_ONLY, _year_only)):
        match = pattern.search(compact)
        if match is None or not match[0]:
            continue
        before, after = compact[: match.start()], compact[match.end() :]
        by = _BY.match(after)
        done = after[by.end() :] if by else after
        if not (_LEAD.match(before) and _DONE.match(done)):
            return None
        span = span_of(match, year)
        if span is None:
            return None
        return TimeReading(span, by is not None, before + done)
    return None


def deadline_of(reading: TimeReading) -> date:
    """The last day a target's time allows (6月30日前, 6月底, 6月: June 30)."""
    return reading.span.last


def actual_span(reading: TimeReading) -> Span:
    """The days an actual's time may mean: 6月底前 is any day up to June 30."""
    span = reading.span
    if reading.by:
        return Span(date(span.last.year, 1, 1), span.last, span.text + "前")
    return span


def days_into_year(day: date, year: int) -> int:
    """Days from January 1 of ``year`` to ``day``, both counted (January 1 is day 1)."""
    return (day - date(year, 1, 1)).days + 1


def show_date(day: date) -> str:
    """'2023年6月30日'."""
    return f"{day.year}年{day.month}月{day.day}日"
