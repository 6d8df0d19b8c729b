"""The cells of a legacy .xls (BIFF, Excel 97–2003), read through xlrd into Grids.

xlrd reads the whole file (capped by ``MAX_FILE_BYTES``); each sheet's size is checked before
its cells are taken. A .xls always stores a formula's result, so there is no uncalculated
formula to report here.
"""

from __future__ import annotations

import io
from decimal import Decimal

from core.workbook.grid import CellError, CellValue, Grid, Percent
from core.workbook.limits import MAX_CELLS, MAX_COLS, MAX_ROWS, MAX_SHEETS
from core.workbook.problems import refuse
from core.workbook.xlsx_cells import format_kind

DAMAGED = "文件已损坏，无法作为 .xls 工作簿读取"


def read_xls(data: bytes) -> list[Grid]:
    """Every worksheet of a .xls file, in order."""
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except xlrd.XLRDError as exc:  # its words are English: say what they mean instead
        if "encrypt" in str(exc).lower():
            raise refuse("工作簿已加密（设置了打开密码），请取消密码、另存后再导入") from None
        if "find workbook" in str(exc):
            raise refuse(
                "文件中没有 Excel 工作簿（可能是改了扩展名的 Word 或其他 Office 文件）"
            ) from None
        raise refuse(DAMAGED) from None
    except Exception:  # xlrd raises bare errors on damaged files (struct, Index, …)
        raise refuse(DAMAGED) from None
    try:
        if book.nsheets > MAX_SHEETS:
            raise refuse(f"工作表过多（超过 {MAX_SHEETS} 张），拒绝读取")
        return [_grid(book, index) for index in range(book.nsheets)]
    finally:
        book.release_resources()


def _grid(book: object, index: int) -> Grid:
    import xlrd

    try:
        sheet = book.sheet_by_index(index)  # type: ignore[attr-defined]
    except Exception as exc:
        kind = type(exc).__name__
        raise refuse(f"文件已损坏：第 {index + 1} 张工作表无法读取（{kind}）") from None
    grid = Grid(sheet.name, hidden=sheet.visibility != 0)
    if sheet.nrows > MAX_ROWS or sheet.nrows * sheet.ncols > MAX_CELLS * 4:
        raise refuse(
            f"工作表有 {sheet.nrows:,} 行，超过上限 {MAX_ROWS:,} 行，不像一张自评表；"
            "请删去多余的行、另存后再导入",
            sheet.name,
            f"A{sheet.nrows}",
        )
    for first_row, end_row, first_col, end_col in sheet.merged_cells:
        grid.merges.append((first_row + 1, first_col + 1, end_row, end_col))
    kinds = _format_kinds(book)
    for row in range(sheet.nrows):
        for col in range(min(sheet.row_len(row), MAX_COLS)):
            cell = sheet.cell(row, col)
            value = _value(cell, kinds, book.datemode, xlrd)  # type: ignore[attr-defined]
            if value is not None and value != "":
                grid.cells[(row + 1, col + 1)] = value
    return grid


def _format_kinds(book: object) -> dict[int, str]:
    """xf index → 'date', 'percent' or 'number'."""
    kinds: dict[int, str] = {}
    formats = book.format_map  # type: ignore[attr-defined]
    for index, xf in enumerate(book.xf_list):  # type: ignore[attr-defined]
        found = formats.get(xf.format_key)
        kinds[index] = format_kind(found.format_str) if found is not None else "number"
    return kinds


def _value(cell: object, kinds: dict[int, str], datemode: int, xlrd: object) -> CellValue | None:
    kind, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):  # type: ignore[attr-defined]
        return None
    if kind == xlrd.XL_CELL_TEXT:  # type: ignore[attr-defined]
        return str(value)
    if kind == xlrd.XL_CELL_BOOLEAN:  # type: ignore[attr-defined]
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:  # type: ignore[attr-defined]
        return CellError(xlrd.error_text_from_code.get(value, "#ERR"))  # type: ignore[attr-defined]
    if kind == xlrd.XL_CELL_DATE:  # type: ignore[attr-defined]
        try:
            return xlrd.xldate.xldate_as_datetime(value, datemode)  # type: ignore[attr-defined]
        except Exception:
            return Decimal(repr(float(value)))
    number = Decimal(repr(float(value)))
    if kinds.get(cell.xf_index) == "percent":  # type: ignore[attr-defined]
        return Percent(number)
    return number
