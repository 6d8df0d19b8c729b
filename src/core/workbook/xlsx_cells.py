"""The cells of an xlsx, read straight from its XML in one bounded pass per sheet.

Read: shared and inline strings (without their phonetic runs), numbers exactly as shown,
numbers formatted as dates or percentages, booleans, error values, and formulas — their saved
result, or a note of the cell when a formula was never calculated. Merged ranges come with the
sheet. Every limit of ``core.workbook.limits`` is checked while reading, and the first one
passed stops the reading with the sheet and cell that passed it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from core.workbook.grid import CellError, CellValue, Grid, Percent, parse_coord, parse_range
from core.workbook.limits import (
    MAX_CELLS,
    MAX_COLS,
    MAX_ROWS,
    MAX_STRINGS,
    MAX_TEXT,
    MAX_WORKBOOK_CELLS,
)
from core.workbook.package import XlsxPackage
from core.workbook.problems import refuse
from core.workbook.xmlparts import local_name, parse_part

# Built-in number formats (ECMA-376 18.8.30), with the Chinese locale's date formats 27–36 and
# 50–58, which Excel and WPS in China give to dates typed as 2022年6月30日.
DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
PERCENT_FORMAT_IDS = frozenset([9, 10])
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_DATE_LETTERS = re.compile(r"[ymdhsYMDHS]")
EXCEL_EPOCH = datetime(1899, 12, 30)
EPOCH_1904 = datetime(1904, 1, 1)


def format_kind(code: str) -> str:
    """'date', 'percent' or 'number' for a custom number format code."""
    bare = _QUOTED.sub("", code.split(";")[0])
    if "%" in bare:
        return "percent"
    if _DATE_LETTERS.search(bare.replace("General", "")):
        return "date"
    return "number"


class Workbook:
    """One xlsx read sheet by sheet: the shared strings and styles are read once."""

    def __init__(self, package: XlsxPackage) -> None:
        self.package = package
        self.strings = self._shared_strings()
        self.style_kinds = self._style_kinds()
        self.cells_read = 0

    def _shared_strings(self) -> list[str]:
        part = self.package.shared_strings_part
        strings: list[str] = []
        if part is None:
            return strings
        state = {"depth": 0, "phonetic": 0, "in_text": False}
        pieces: list[str] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = local_name(name)
            if tag == "si":
                pieces.clear()
            elif tag == "rPh":
                state["phonetic"] += 1
            elif tag == "t" and not state["phonetic"]:
                state["in_text"] = True

        def end(name: str) -> None:
            tag = local_name(name)
            if tag == "si":
                strings.append("".join(pieces))
                if len(strings) > MAX_STRINGS:
                    raise refuse(f"共享字符串过多（超过 {MAX_STRINGS:,} 个），拒绝读取")
            elif tag == "rPh":
                state["phonetic"] -= 1
            elif tag == "t":
                state["in_text"] = False

        def text(data: str) -> None:
            if state["in_text"]:
                pieces.append(data)

        with self.package.open_part(part) as stream:
            parse_part(stream, part, start, end, text)
        return strings

    def _style_kinds(self) -> list[str]:
        """For each cell style (``s`` index): 'date', 'percent' or 'number'."""
        part = self.package.styles_part
        kinds: list[str] = []
        if part is None:
            return kinds
        custom: dict[int, str] = {}
        xf_ids: list[int] = []
        inside = {"cellXfs": False}

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = local_name(name)
            if tag == "numFmt":
                try:
                    custom[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
                except ValueError:
                    pass
            elif tag == "cellXfs":
                inside["cellXfs"] = True
            elif tag == "xf" and inside["cellXfs"]:
                try:
                    xf_ids.append(int(attrs.get("numFmtId", "0")))
                except ValueError:
                    xf_ids.append(0)

        def end(name: str) -> None:
            if local_name(name) == "cellXfs":
                inside["cellXfs"] = False

        with self.package.open_part(part) as stream:
            parse_part(stream, part, start, end)
        for number in xf_ids:
            if number in custom:
                kinds.append(format_kind(custom[number]))
            elif number in DATE_FORMAT_IDS:
                kinds.append("date")
            elif number in PERCENT_FORMAT_IDS:
                kinds.append("percent")
            else:
                kinds.append("number")
        return kinds

    def grid(self, index: int) -> Grid:
        """The sheet at ``index`` of ``package.sheets`` as a Grid."""
        entry = self.package.sheets[index]
        reader = _SheetReader(self, Grid(entry.name, hidden=entry.hidden))
        with self.package.open_part(entry.part) as stream:
            parse_part(stream, entry.part, reader.start, reader.end, reader.text)
        return reader.grid


class _SheetReader:
    """The expat handlers of one sheet part: cells as they close, merges, the limits."""

    def __init__(self, book: Workbook, grid: Grid) -> None:
        self.book = book
        self.grid = grid
        self.row = 0
        self.col = 0
        self.cells = 0
        self.cell: dict[str, str] | None = None
        self.formula = False
        self.has_value = False
        self.pieces: list[str] = []
        self.collecting = False
        self.phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = local_name(name)
        if tag == "c":
            self._open_cell(attrs)
        elif self.cell is not None:
            if tag in ("v", "t") and not self.phonetic:
                self.collecting = True
                self.has_value = True
            elif tag == "f":
                self.formula = True
            elif tag == "rPh":
                self.phonetic += 1
        elif tag == "row":
            number = attrs.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            self.col = 0
            if self.row > MAX_ROWS:
                raise refuse(
                    f"工作表用到第 {self.row:,} 行，超过上限 {MAX_ROWS:,} 行，不像一张自评表；"
                    "请删去多余的行、另存后再导入",
                    self.grid.name,
                    f"A{self.row}",
                )
        elif tag == "mergeCell":
            try:
                self.grid.merges.append(parse_range(attrs.get("ref", "")))
            except ValueError:
                pass

    def _open_cell(self, attrs: dict[str, str]) -> None:
        reference = attrs.get("r")
        if reference:
            try:
                self.row, self.col = parse_coord(reference)
            except ValueError:
                message = f"文件已损坏：单元格编号“{reference[:20]}”无效"
                raise refuse(message, self.grid.name) from None
        else:
            self.col += 1
        self.cells += 1
        self.book.cells_read += 1
        if self.cells > MAX_CELLS or self.book.cells_read > MAX_WORKBOOK_CELLS:
            raise refuse(
                f"单元格过多（超过 {MAX_CELLS:,} 个），不像一张自评表，拒绝读取",
                self.grid.name,
                _name(self.row, self.col),
            )
        if self.row > MAX_ROWS:
            raise refuse(
                f"工作表用到第 {self.row:,} 行，超过上限 {MAX_ROWS:,} 行，不像一张自评表；"
                "请删去多余的行、另存后再导入",
                self.grid.name,
                _name(self.row, self.col),
            )
        self.cell = attrs
        self.formula = False
        self.has_value = False
        self.pieces = []

    def end(self, name: str) -> None:
        tag = local_name(name)
        if tag in ("v", "t"):
            self.collecting = False
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "c" and self.cell is not None:
            self._close_cell()

    def text(self, data: str) -> None:
        if self.collecting:
            self.pieces.append(data)
            if len(self.pieces) > 64 and sum(map(len, self.pieces)) > MAX_TEXT * 4:
                raise refuse("单元格文字过长", self.grid.name, _name(self.row, self.col))

    def _close_cell(self) -> None:
        attrs, self.cell = self.cell or {}, None
        coord = (self.row, self.col)
        raw = "".join(self.pieces)
        if self.formula and (not self.has_value or (raw == "" and attrs.get("t") != "str")):
            # no saved result: an empty <v/> is what generators write for "not calculated"
            self.grid.formulas_without_value.append(coord)
            return
        value = self._value(attrs, raw)
        if value is None or value == "":
            return
        if self.col > MAX_COLS:
            raise refuse(
                f"内容超出第 {MAX_COLS} 列，不像一张自评表，拒绝读取",
                self.grid.name,
                _name(self.row, self.col),
            )
        self.grid.cells[coord] = value
        if self.formula:
            self.grid.formula_cells.add(coord)

    def _value(self, attrs: dict[str, str], raw: str) -> CellValue | None:
        kind = attrs.get("t", "n")
        if kind == "s":
            try:
                return self.book.strings[int(raw)]
            except (ValueError, IndexError):
                raise refuse(
                    "文件已损坏：共享字符串编号无效", self.grid.name, _name(self.row, self.col)
                ) from None
        if kind in ("inlineStr", "str"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "e":
            return CellError(raw.strip())
        if kind == "d":
            try:
                return datetime.fromisoformat(raw.strip())
            except ValueError:
                return raw
        return self._number(attrs, raw.strip())

    def _number(self, attrs: dict[str, str], raw: str) -> CellValue | None:
        if not raw:
            return None
        try:
            number = Decimal(repr(float(raw)))  # as Excel shows it: 15 significant digits
        except (ValueError, InvalidOperation, OverflowError):
            return raw
        if not number.is_finite():
            return raw
        style = attrs.get("s", "0")
        kinds = self.book.style_kinds
        kind = kinds[int(style)] if style.isdigit() and int(style) < len(kinds) else "number"
        if kind == "percent":
            return Percent(number)
        if kind == "date":
            return _date(number, self.book.package.date1904)
        return number


def _date(serial: Decimal, date1904: bool) -> CellValue:
    if serial < 0 or serial > 2_958_465:  # beyond 9999-12-31: not a date after all
        return serial
    if date1904:
        return EPOCH_1904 + timedelta(days=float(serial))
    if serial < 61:  # Excel's 1900 counts a 29 February that never was
        serial += 1
    return EXCEL_EPOCH + timedelta(days=float(serial))


def _name(row: int, col: int) -> str:
    from core.workbook.grid import coord_name

    return coord_name(row, max(col, 1))
