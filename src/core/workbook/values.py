"""One cell read as what the form needs there: a text, an amount, a weight or score.

Blank, "—", "/" and "无" are empty; numbers stored as text are numbers; a formula gives its
saved result (and one that was never calculated is reported, not evaluated). Whatever cannot be
read becomes a ``CellProblem`` naming the cell, and the field stays empty.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from core.decimals import format_plain, round_half_up
from core.numbers import decimal_places, normalize_text, to_decimal
from core.safetext import INVISIBLE_FORMAT, terminal_safe, unsafe_characters
from core.workbook.grid import CellError, CellValue, Coord, Grid, Percent, coord_name
from core.workbook.problems import CellProblem, quoted
from core.workbook.units import to_yuan

BLANKS = frozenset(["", "-", "--", "—", "——", "–", "/", "//", "\\", "无", "N/A", "n/a", "空"])
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_AMOUNT_UNIT = re.compile(r"^(?P<number>.*?)(?P<unit>元|万元|万)?$")
_SCORE_UNIT = re.compile(r"^(?P<number>.*?)分?$")
_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE_FORMAT)) + "]")
_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
NOISE = Decimal("0.0001")
"""NOISE: a difference from whole cents below this is the float's, not the sheet's"""


def is_wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in "WF"


def one_line(text: str) -> str:
    """Lines of a wrapped cell joined: no space between Chinese characters, one elsewhere."""
    lines = [line.strip() for line in text.replace("\t", " ").split("\n") if line.strip()]
    joined = ""
    for line in lines:
        if joined and not (is_wide(joined[-1]) and is_wide(line[0])):
            joined += " "
        joined += line
    return joined


def describe(value: CellValue) -> str:
    """A cell's value as a person sees it, for messages."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == time() else value.isoformat(" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Percent):
        return value.text
    if isinstance(value, Decimal):
        return format_plain(value)
    if isinstance(value, CellError):
        return value.code
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return quoted(str(value))


class CellReader:
    """Reads cells of one grid, collecting problems and notes as it goes."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.problems: list[CellProblem] = []
        self.notes: list[str] = []
        self.formulas_read: list[str] = []
        self._uncalculated = set(grid.formulas_without_value)

    def problem(self, coord: Coord, message: str) -> None:
        self.problems.append(CellProblem(message, self.grid.name, coord_name(*coord)))

    def note(self, coord: Coord, message: str) -> None:
        self.notes.append(f"{coord_name(*coord)}：{message}")

    def _cell(self, coord: Coord, what: str) -> CellValue | None:
        """The value at ``coord`` (merges filled); None for empty or unreadable."""
        anchor = self.grid.anchor(*coord)
        if anchor in self._uncalculated:
            self.problem(
                anchor,
                f"{what}是公式，但文件中没有保存计算结果；请在 Excel 或 WPS 中打开并保存一次，"
                "或把公式改为数值",
            )
            return None
        value = self.grid.cells.get(anchor)
        if anchor in self.grid.formula_cells and value is not None:
            self.formulas_read.append(coord_name(*anchor))
        if isinstance(value, CellError):
            self.problem(anchor, f"{what}的公式出错（{value.code}）")
            return None
        if isinstance(value, str) and fold_blank(value):
            return None
        return value

    def text(self, coord: Coord, what: str, *, multiline: bool = False) -> str:
        """A text field; numbers become their text (95 → '95', 95% → '95%')."""
        value = self._cell(coord, what)
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return format_plain(value)
        if isinstance(value, Percent):
            return value.text
        if isinstance(value, (datetime, date, time)):
            self.problem(
                coord,
                f"{what}是日期（{describe(value)}），应为文字；请把单元格格式设为“文本”后重新填写",
            )
            return ""
        if isinstance(value, bool):
            self.problem(coord, f"{what}是逻辑值 {describe(value)}，应为文字")
            return ""
        return self.clean(coord, str(value), what, multiline)

    def clean(self, coord: Coord, text: str, what: str, multiline: bool) -> str:
        text = _XML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
            self.note(coord, f"{what}中的零宽字符已去掉")
        bad = unsafe_characters(text)
        if bad:
            shown_bad = "、".join(bad[:3])
            self.problem(coord, f"{what}含有控制字符或方向控制字符（{shown_bad}），拒绝导入")
            return ""
        text = text.strip()
        return text if multiline else one_line(text)

    def amount(self, coord: Coord, what: str, unit: str) -> Decimal | None:
        """An amount in 元 from a cell in ``unit`` (a text may carry its own: 11.5万)."""
        value = self._cell(coord, what)
        if value is None:
            return None
        number: Decimal | None = None
        cell_unit = unit
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, str):
            text = normalize_text(_XML_ESCAPE.sub("", value))
            found = _AMOUNT_UNIT.match(text)
            if found and found["unit"]:
                cell_unit = "万元" if found["unit"].startswith("万") else "元"
            number = _plain_number(found["number"] if found else text)
        if number is None:
            self.problem(coord, f"{what}“{describe(value)}”不是金额")
            return None
        if number < 0:
            self.problem(coord, f"{what} {describe(value)} 为负数，金额不能为负")
            return None
        yuan = to_yuan(number, cell_unit)
        if decimal_places(yuan) > 2:
            cents = round_half_up(yuan)
            if abs(cents - yuan) >= NOISE:
                shown_value = f"{describe(value)} {cell_unit}"
                self.note(coord, f"{what} {shown_value}不是整分，按四舍五入取 {cents} 元")
            yuan = cents
        return yuan

    def number(self, coord: Coord, what: str) -> Decimal | None:
        """A weight or score: a number with at most two decimals (rounded half-up beyond)."""
        value = self._cell(coord, what)
        if value is None:
            return None
        number: Decimal | None = None
        if isinstance(value, Decimal):
            number = value
        elif isinstance(value, str):
            text = normalize_text(_XML_ESCAPE.sub("", value))
            found = _SCORE_UNIT.match(text)
            number = _plain_number(found["number"] if found else text)
        if number is None:
            self.problem(coord, f"{what}“{describe(value)}”不是数字")
            return None
        if decimal_places(number) > 2:
            rounded = round_half_up(number)
            if abs(rounded - number) >= NOISE:
                self.note(coord, f"{what} {describe(value)} 按四舍五入取 {rounded}")
            number = rounded
        return number


def fold_blank(text: str) -> bool:
    """Whether a cell's text means "nothing here": blank, —, /, 无."""
    return "".join(text.split()) in BLANKS or normalize_text(text) in BLANKS


def _plain_number(text: str) -> Decimal | None:
    if not text or not _NUMBER.match(text) or text in ("+", "-", "."):
        return None
    if not any(ch.isdigit() for ch in text):
        return None
    return to_decimal(text)


def shown(text: str) -> str:
    """A text for a one-line report."""
    return terminal_safe(text, keep_newlines=False)
