"""A form as the workbook the bureau hands out: 自评表 in the paper layout, 明细, ``_jixiao``.

- 自评表: the layout of ``core.workbook.layout`` with merged cells, 宋体 11 pt, thin borders,
  wrapped text, row heights that fit the text, A4 portrait fitted to one page wide, the
  indicator header repeated on every printed page. Numbers are numbers: amounts in the unit
  asked for with the decimals it needs, 执行率 as a percentage, scores with two decimals.
- 明细: one indicator a row, the same headings, no merges, a filter on the header.
- ``_jixiao`` (hidden): the interchange JSON, so that our own export reads back exactly.
"""

from __future__ import annotations

import io
import json
import math
import unicodedata
from copy import copy
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from core.decimals import format_plain
from core.interchange import form_to_data
from core.model import Form
from core.scoring import Scorecard
from core.workbook.layout import (
    INDICATOR_HEADINGS,
    CellValue,
    PaperLayout,
    Placed,
    cell_text,
    paper_layout,
)
from core.workbook.units import NUMBER_FORMATS, MoneyUnit

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORM_SHEET = "自评表"
DETAIL_SHEET = "明细"
DATA_SHEET = "_jixiao"
DATA_CHUNK = 30_000
"""DATA_CHUNK: characters of JSON per cell of ``_jixiao`` (a cell holds at most 32,767)"""
FONT_NAME = "宋体"
FONT_SIZE = 11
TITLE_SIZE = 16
LINE_HEIGHT = 16.5
"""LINE_HEIGHT: points per line of 11 pt text (with the CJK fallback fonts' leading)"""
ROW_PADDING = 6.0
MIN_ROW_HEIGHT = 20.0
DETAIL_WIDTHS = (12.0, 20.0, 30.0, 12.0, 12.0, 8.0, 8.0, 40.0)
SCORE_FORMAT = "0.00"
RATE_FORMAT = "0.00%"
MAX_NUMBER_DIGITS = 15
"""MAX_NUMBER_DIGITS: a text of more significant digits stays text (a double keeps ~15)"""


WIDE_UNITS = 1.75
"""WIDE_UNITS: column units a Chinese character takes at 11 pt (measured on LibreOffice's
rendering: about 29 characters fill 48 units)"""


def text_units(text: str) -> float:
    """Column units ``text`` takes in a cell."""
    return sum(WIDE_UNITS if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped ``text`` takes in a cell ``width`` units wide."""
    usable = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(text_units(part) / usable)) for part in text.split("\n"))


def number_from_text(text: str) -> Decimal | None:
    """A canonical decimal text ('100', '7.5') as a number for its cell; None for other text.

    Only texts that read back the same (no '+', no leading or trailing zeros, at most
    MAX_NUMBER_DIGITS digits) become numbers, so a round trip gives back the very text.
    """
    if not text or len(text) > MAX_NUMBER_DIGITS + 1 or text.strip() != text:
        return None
    if not all(ch.isascii() and (ch.isdigit() or ch == ".") for ch in text):
        return None
    try:
        number = Decimal(text)
    except ArithmeticError:
        return None
    return number if format_plain(number) == text else None


class SheetStyles:
    """The few styles of the sheet, built once per workbook.

    openpyxl looks every style object up by hashing it on each assignment, which made styling
    cost most of an export: each kind of cell is styled once, and later cells of that kind get
    a copy of its style indexes.
    """

    def __init__(self, unit: MoneyUnit) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        self._indexes: dict[tuple[str, bool], object] = {}
        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT_NAME, size=FONT_SIZE)
        self.title_font = Font(name=FONT_NAME, size=TITLE_SIZE, bold=True)
        self.money_format = NUMBER_FORMATS[unit]

        def aligned(horizontal: str) -> Alignment:
            return Alignment(horizontal=horizontal, vertical="center", wrap_text=True)

        self.alignment = {
            "detail": Alignment(vertical="top", wrap_text=True),
            "detail-score": Alignment(vertical="top"),
            "title": aligned("center"),
            "subtitle": aligned("center"),
            "label": aligned("center"),
            "center": aligned("center"),
            "text": aligned("left"),
            "long": Alignment(horizontal="left", vertical="top", wrap_text=True),
            "money": aligned("right"),
            "weight": aligned("center"),
            "score": aligned("center"),
            "rate": aligned("center"),
        }

    def number_format(self, kind: str) -> str | None:
        formats = {"money": self.money_format, "score": SCORE_FORMAT, "detail-score": SCORE_FORMAT}
        return {**formats, "rate": RATE_FORMAT}.get(kind)

    def apply(self, cell: Any, kind: str, framed: bool) -> None:
        """Style ``cell`` as a cell of ``kind`` (``frame``: a bordered cell under a merge)."""
        key = (kind, framed)
        indexes = self._indexes.get(key)
        if indexes is not None:
            cell._style = copy(indexes)
            return
        cell.font = self.title_font if kind == "title" else self.font
        if framed:
            cell.border = self.border
        if kind in self.alignment:
            cell.alignment = self.alignment[kind]
        number_format = self.number_format(kind)
        if number_format:
            cell.number_format = number_format
        self._indexes[key] = copy(cell._style)


def cell_value(placed: Placed) -> CellValue:
    """What the sheet holds for a placed cell: a texts of a plain number becomes that number."""
    if placed.kind == "center" and isinstance(placed.value, str):
        number = number_from_text(placed.value)
        if number is not None:
            return number
    return placed.value


def put_value(sheet: Worksheet, row: int, col: int, value: CellValue) -> object:
    cell = sheet.cell(row=row, column=col)
    if value is None or value == "":
        return cell
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text such as "=100%" is never a formula
    return cell


def row_heights(layout: PaperLayout) -> dict[int, float]:
    """Heights that show every wrapped text whole (spreadsheets do not grow merged rows)."""
    heights: dict[int, float] = {}
    spanning: list[tuple[Placed, float]] = []
    for placed in layout.cells:
        if not isinstance(placed.value, str) or placed.kind in ("title", "subtitle"):
            continue
        width = sum(layout.widths[placed.col - 1 : placed.last_col])
        needed = lines_needed(placed.value, width) * LINE_HEIGHT + ROW_PADDING
        if placed.rows == 1:
            heights[placed.row] = max(heights.get(placed.row, MIN_ROW_HEIGHT), needed)
        else:
            spanning.append((placed, needed))
    for placed, needed in spanning:
        rows = range(placed.row, placed.last_row + 1)
        have = sum(heights.get(row, MIN_ROW_HEIGHT) for row in rows)
        if have < needed:
            heights[placed.last_row] = heights.get(placed.last_row, MIN_ROW_HEIGHT) + needed - have
    heights[1] = 30.0
    return heights


def write_layout(sheet: Worksheet, layout: PaperLayout, styles: SheetStyles) -> None:
    """Every cell of ``layout`` on ``sheet``: values, merges, fonts, borders, formats, row
    heights, and A4 portrait fitted to one page wide with the heading row repeated."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    for index, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    placed_at = set()
    for placed in layout.cells:
        placed_at.add((placed.row, placed.col))
        cell = put_value(sheet, placed.row, placed.col, cell_value(placed))
        styles.apply(cell, placed.kind, placed.row >= layout.framed_from)
        if placed.rows > 1 or placed.cols > 1:
            # added as a range: merge_cells() would rebuild every covered cell and its borders
            sheet.merged_cells.add(
                CellRange(
                    min_row=placed.row,
                    min_col=placed.col,
                    max_row=placed.last_row,
                    max_col=placed.last_col,
                )
            )
    for row in range(layout.framed_from, layout.total_row + 1):  # merged ranges framed whole
        for col in range(1, len(layout.widths) + 1):
            if (row, col) not in placed_at:
                styles.apply(sheet.cell(row=row, column=col), "frame", True)
    for row, height in row_heights(layout).items():
        sheet.row_dimensions[row].height = height
    _print_setup(sheet, layout)


def fit_to_width(sheet: Worksheet, orientation: str) -> None:
    """A4, fitted to one page wide (as many pages down as it takes), centred."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def _print_setup(sheet: Worksheet, layout: PaperLayout) -> None:
    from openpyxl.utils import get_column_letter

    fit_to_width(sheet, sheet.ORIENTATION_PORTRAIT)
    sheet.print_title_rows = f"{layout.indicator_header_row}:{layout.indicator_header_row}"
    sheet.print_area = f"A1:{get_column_letter(len(layout.widths))}{layout.total_row}"


def _detail_sheet(sheet: Worksheet, form: Form, styles: SheetStyles) -> None:
    from openpyxl.utils import get_column_letter

    sheet.append(list(INDICATOR_HEADINGS))
    for indicator in form.indicators:
        row = [
            cell_text(indicator.level1),
            cell_text(indicator.level2),
            cell_text(indicator.name),
            cell_text(indicator.target),
            cell_text(indicator.actual),
            indicator.weight,
            indicator.score,
            cell_text(indicator.deviation),
        ]
        sheet.append([None] * len(row))
        for col, value in enumerate(row, start=1):
            if col in (4, 5) and isinstance(value, str):
                number = number_from_text(value)
                value = value if number is None else number
            cell = put_value(sheet, sheet.max_row, col, value)
            styles.apply(cell, "detail-score" if col == 7 else "detail", False)
    for col, width in enumerate(DETAIL_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
        sheet.cell(row=1, column=col).font = styles.font
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:H{max(1, sheet.max_row)}"
    fit_to_width(sheet, sheet.ORIENTATION_LANDSCAPE)
    sheet.print_title_rows = "1:1"


def _data_sheet(sheet: Worksheet, form: Form) -> None:
    text = json.dumps(form_to_data(form), ensure_ascii=True, separators=(",", ":"))
    for row, start in enumerate(range(0, len(text), DATA_CHUNK), start=1):
        put_value(sheet, row, 1, text[start : start + DATA_CHUNK])
    put_value(sheet, 1, 2, "jixiao 导出的表单数据，请勿修改")
    sheet.sheet_state = "hidden"


def workbook_bytes(form: Form, card: Scorecard, unit: MoneyUnit = "元") -> bytes:
    """The xlsx file of one form, amounts in ``unit``."""
    from openpyxl import Workbook

    layout = paper_layout(form, card, unit)
    styles = SheetStyles(unit)
    book = Workbook()
    form_sheet = book.active
    form_sheet.title = FORM_SHEET
    write_layout(form_sheet, layout, styles)
    _detail_sheet(book.create_sheet(DETAIL_SHEET), form, styles)
    _data_sheet(book.create_sheet(DATA_SHEET), form)
    book.properties.creator = "jixiao"
    book.properties.title = cell_text(f"{form.year}年度 {form.project} 项目支出绩效自评表")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
