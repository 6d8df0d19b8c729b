"""A file to the forms it holds: our JSON, our own xlsx export, a bureau's xlsx or xls, with
one form a sheet, and everything that could not be read, cell by cell.

``read_file`` never stores anything and never raises for a bad file: a ``FileReading`` with
problems is the answer, and the caller stores nothing from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from core.errors import FormReadError
from core.files import describe_os_error, input_file_problem
from core.interchange import MAX_FILE_BYTES as JSON_MAX_BYTES
from core.model import Form
from core.workbook.bureau import SheetReading, is_form_sheet, read_sheet
from core.workbook.grid import Grid
from core.workbook.limits import MAX_FILE_BYTES
from core.workbook.own import hidden_form, keep_hidden_fields, unchanged
from core.workbook.problems import CellProblem, UnreadableWorkbook
from core.workbook.sheet import LabeledSheet
from core.workbook.sniff import sniff
from core.workbook.targets import sheet_kind
from core.workbook.write import DATA_SHEET

ReadKind = Literal["json", "own", "form", "targets"]
KIND_LABELS = {
    "json": "JSON 表单文件",
    "own": "jixiao 导出的工作簿",
    "form": "自评表",
    "targets": "绩效目标申报表（生成草稿，年度指标值锁定）",
}


@dataclass(frozen=True)
class FormReading:
    """One form read from a file, where it came from, and what is worth saying about it."""

    form: Form
    kind: ReadKind
    sheet: str | None = None
    notes: tuple[str, ...] = ()
    unit: str | None = None


@dataclass
class FileReading:
    """Everything one file gave: its forms, or the problems that keep them out."""

    path: Path
    forms: list[FormReading] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """skipped: sheets that are not forms (明细, 说明…)"""

    @property
    def ok(self) -> bool:
        return bool(self.forms) and not self.problems


def read_file(
    path: Path | str, *, unit: str | None = None, targets: bool | None = None
) -> FileReading:
    """Every form in the file at ``path``, read by its content (see the module docstring).

    ``unit`` (元 or 万元) is the money unit of sheets that do not say theirs; ``targets`` True
    reads every form sheet as a 目标申报表, False as a 自评表, None tells them apart.
    """
    path = Path(path)
    reading = FileReading(path)
    try:
        data = _file_bytes(path)
        kind = sniff(data, path.suffix)
        if kind == "json" and len(data) > JSON_MAX_BYTES:
            limit = JSON_MAX_BYTES // 1024 // 1024
            reading.problems.append(CellProblem(f"文件过大（超过 {limit} MB）"))
        elif kind == "json":
            reading.forms.append(FormReading(_json_form(data, path), "json"))
        elif kind == "encrypted":
            reading.problems.append(
                CellProblem("工作簿已加密（设置了打开密码），请取消密码、另存后再导入")
            )
        elif kind == "unknown":
            reading.problems.append(
                CellProblem("不是 jixiao 能读取的文件：既不是 JSON 表单，也不是 xlsx/xls 工作簿")
            )
        else:
            _read_workbook(reading, _grids(data, kind), unit, targets)
    except UnreadableWorkbook as exc:
        reading.forms.clear()
        reading.problems.append(exc.problem)
    return reading


def _file_bytes(path: Path) -> bytes:
    problem = input_file_problem(path)
    if problem is not None:
        raise UnreadableWorkbook(CellProblem(problem))
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnreadableWorkbook(CellProblem(f"无法读取：{describe_os_error(exc)}")) from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024 // 1024
        raise UnreadableWorkbook(CellProblem(f"文件过大（超过 {limit} MB），不像一份自评表"))
    if not data:
        raise UnreadableWorkbook(CellProblem("文件为空"))
    return data


def _json_form(data: bytes, path: Path) -> Form:
    from core.interchange import parse_form

    try:
        return parse_form(data.decode("utf-8-sig"), str(path))
    except UnicodeDecodeError as exc:
        message = f"不是 UTF-8 编码的文本（第 {exc.start} 个字节无法解码）"
        raise UnreadableWorkbook(CellProblem(message)) from None
    except FormReadError as exc:
        where = f"字段 {exc.path}：" if exc.path else ""
        raise UnreadableWorkbook(CellProblem(where + exc.message)) from None


def _grids(data: bytes, kind: str) -> list[Grid]:
    if kind == "xls":
        from core.workbook.xls_cells import read_xls

        return read_xls(data)
    from core.workbook.package import XlsxPackage
    from core.workbook.xlsx_cells import Workbook

    book = Workbook(XlsxPackage(data))
    return [book.grid(index) for index in range(len(book.package.sheets))]


def _read_workbook(
    reading: FileReading, grids: list[Grid], unit: str | None, targets: bool | None
) -> None:
    hidden = next((grid for grid in grids if grid.name == DATA_SHEET), None)
    own = hidden_form(hidden) if hidden is not None else None
    if hidden is not None and own is None:
        reading.skipped.append(f"{DATA_SHEET}（jixiao 的隐藏数据无法读取，按表中内容导入）")
    form_sheets = []
    for grid in grids:
        if grid is hidden:
            continue
        sheet = LabeledSheet(grid)
        if grid.hidden or not is_form_sheet(sheet):
            reading.skipped.append(grid.name)
        else:
            form_sheets.append(sheet)
    if not form_sheets:
        names = "、".join(grid.name for grid in grids) or "（没有工作表）"
        reading.problems.append(
            CellProblem(
                "不是项目支出绩效自评表：没有一张工作表同时有“项目名称”和“三级指标”等表头"
                f"（工作表：{names}）"
            )
        )
        return
    for sheet in form_sheets:
        if own is not None and len(form_sheets) == 1 and targets is not True:
            _read_own(reading, sheet, own, unit)
        else:
            _take(reading, read_sheet(sheet.grid, sheet_kind(sheet, targets), unit))


def _take(reading: FileReading, sheet: SheetReading, extra_notes: list[str] | None = None) -> None:
    reading.problems.extend(sheet.problems)
    if sheet.form is not None and not sheet.problems:
        notes = tuple([*(extra_notes or []), *sheet.notes])
        reading.forms.append(FormReading(sheet.form, sheet.kind, sheet.sheet, notes, sheet.unit))


def _read_own(reading: FileReading, sheet: LabeledSheet, own: Form, unit: str | None) -> None:
    same = unchanged(sheet.grid, own)
    if same is True:
        reading.forms.append(FormReading(own, "own", sheet.grid.name))
        return
    visible = read_sheet(sheet.grid, "form", unit)
    if visible.form is None or visible.problems:
        _take(reading, visible)
        return
    form, notes = keep_hidden_fields(visible.form, own)
    shown = "、".join(same[:20]) + ("等" if len(same) > 20 else "")
    edited = f"表中内容在导出后被修改过，以表中为准（与隐藏数据不同的单元格：{shown}）"
    reading.forms.append(
        FormReading(form, "own", sheet.grid.name, (edited, *notes, *visible.notes), visible.unit)
    )
