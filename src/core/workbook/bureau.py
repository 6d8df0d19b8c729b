"""One sheet in a bureau's layout read as a form, by its labels (xlsx-layout.md, "Import").

The labels are found wherever they stand; each value is taken beside or under its label, or in
its label's column on its row. Read this way: the header (项目名称, 主管部门, 实施单位), the year
(from the title's （2022年度） or a 年度 cell), 项目资金 in 元 or 万元 (said by the sheet, else
asked for, never guessed), the budget's 分值 and 得分, 年度总体目标, and every indicator row with
一级/二级 carried down over merged or blank cells. A 绩效目标申报表 reads the same way into a
draft whose targets are locked (``core.workbook.targets`` says which sheets are such).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import ValidationError

from core import fieldpaths
from core.labels import INDICATOR_LABELS
from core.messages import all_problems
from core.model import FUND_COLUMNS, MAX_YEAR, MIN_YEAR, Form
from core.numbers import normalize_text
from core.workbook.grid import Coord, Grid, coord_name
from core.workbook.labels import (
    BUDGET_COLUMNS,
    FUND_ROWS,
    FUNDS_HEADING,
    GOAL_LABELS,
    HEADER_LABELS,
    INDICATOR_COLUMNS,
    TOTAL_ROW,
    YEAR_LABELS,
    indicator_column,
    kind_in,
    unit_in_text,
)
from core.workbook.labels import FUND_COLUMNS as FUND_COLUMN_WORDS
from core.workbook.problems import CellProblem
from core.workbook.sheet import LabeledSheet
from core.workbook.values import CellReader, describe

FormKind = Literal["form", "targets"]
_YEAR = re.compile(r"(\d{4})\s*年(度)?")
_INLINE_GOAL = re.compile(r"^\s*(?:年度目标|年度绩效目标|预期目标)\s*[:：]\s*")
_LEVEL_WEIGHT = re.compile(r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[）)]\s*$")
_COMPARATORS = {
    "≥": "≥",
    "≧": "≥",
    ">=": "≥",
    "大于等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "正向": "≥",
    "正向指标": "≥",
    "≤": "≤",
    "≦": "≤",
    "<=": "≤",
    "小于等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "不多于": "≤",
    "反向": "≤",
    "反向指标": "≤",
    "=": "=",
    "等于": "=",
    ">": ">",
    "大于": ">",
    "<": "<",
    "小于": "<",
    "定性": "",
    "定量": "",
}
INDICATOR_WORDS = INDICATOR_LABELS
"""INDICATOR_WORDS: the paper form's word for each indicator field, for messages"""


@dataclass
class SheetReading:
    """What one sheet gave: the form (None when a problem stopped it), problems and notes."""

    sheet: str
    kind: FormKind
    form: Form | None = None
    problems: list[CellProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    """cells: field path → the cell it was read from (B14)"""
    unit: str | None = None
    """unit: the money unit the amounts were read in"""


def indicator_header(sheet: LabeledSheet) -> Coord | None:
    """The 三级指标 header cell, where the indicator table starts."""
    found = sheet.find(INDICATOR_COLUMNS["name"])
    return found[0] if found else None


def is_form_sheet(sheet: LabeledSheet) -> bool:
    """A 自评表 or 目标申报表: a 三级指标 header below a 项目名称 label (inline or not)."""
    header = indicator_header(sheet)
    if header is None:
        return False
    above = range(1, header[0])
    if sheet.find(HEADER_LABELS["project"], rows=above):
        return True
    return any(
        label.words in HEADER_LABELS["project"] and coord[0] < header[0]
        for coord, (label, _) in sheet.inline.items()
    )


def has_actuals(sheet: LabeledSheet) -> bool:
    """Whether the indicator header has an 实际完成值 column (a 自评表 does, a target form not)."""
    header = indicator_header(sheet)
    if header is None:
        return False
    rows = range(header[0], _header_end(sheet, header) + 1)
    return bool(sheet.find(INDICATOR_COLUMNS["actual"], rows=rows))


def _header_end(sheet: LabeledSheet, header: Coord) -> int:
    """The last row of the indicator header (a header may span two rows)."""
    last = header[0]
    for col in range(1, sheet.grid.max_col + 1):
        merge = sheet.grid.merge_at(header[0], col)
        label = sheet.labels.get((header[0], col))
        if merge and label is not None and indicator_column(label):
            last = max(last, merge[2])
    return min(last, header[0] + 2)


class _FormReader:
    """Reads one sheet's fields into the interchange shape, cell by cell."""

    def __init__(self, sheet: LabeledSheet, kind: FormKind, unit: str | None) -> None:
        self.sheet = sheet
        self.grid: Grid = sheet.grid
        self.kind = kind
        self.asked_unit = unit
        self.cells = CellReader(self.grid)
        self.paths: dict[str, tuple[str, str]] = {}
        header = indicator_header(sheet)
        assert header is not None
        self.header = header
        self.above = range(1, header[0])
        self.unit: str | None = None

    def _at(self, path: str, coord: Coord, what: str) -> Coord:
        self.paths[path] = (coord_name(*coord), what)
        return coord

    # -- header and year ---------------------------------------------------------------------

    def year(self) -> int | None:
        for coord in self.sheet.find(YEAR_LABELS, rows=self.above):
            place = self.sheet.right_of(coord)
            if place is not None:
                value = self.grid.cells.get(place)
                found = _YEAR.search(describe(value) + "年") if value is not None else None
                if found:
                    return self._year_in_range(int(found[1]), place)
        candidates = []
        for (row, col), value in sorted(self.grid.cells.items()):
            if row >= self.header[0] or not isinstance(value, str):
                continue
            found = _YEAR.search(normalize_text(value))
            if found:
                candidates.append((found[2] is None, (row, col), int(found[1])))
        if candidates:
            _, coord, year = min(candidates)  # a 年度 title before a bare 年
            return self._year_in_range(year, coord)
        self.cells.problem(
            (1, 1), "找不到年度：标题中没有“（2022年度）”这样的年度，也没有“年度”单元格"
        )
        return None

    def _year_in_range(self, year: int, coord: Coord) -> int | None:
        self.paths["year"] = (coord_name(*coord), "年度")
        if MIN_YEAR <= year <= MAX_YEAR:
            return year
        self.cells.problem(coord, f"年度 {year} 不在 {MIN_YEAR} 到 {MAX_YEAR} 之间")
        return None

    def header_text(self, field_name: str) -> str:
        words = HEADER_LABELS[field_name]
        what = words[0]
        for coord in self.sheet.find(words, rows=self.above):
            place = self.sheet.right_of(coord)
            if place is None:
                return ""
            return self.cells.text(self._at(field_name, place, what), what)
        for coord, (label, value) in self.sheet.inline.items():
            if label.words in words and coord[0] < self.header[0]:
                self._at(field_name, coord, what)
                return self.cells.clean(coord, value, what, False)
        self.cells.problem((1, 1), f"找不到“{what}”")
        return ""

    # -- funds -------------------------------------------------------------------------------

    def _fund_heading(self) -> tuple[int | None, dict[str, int], dict[str, int]]:
        """The row of 年初预算数/全年预算数/全年执行数, their columns, and 分值/执行率/得分'."""
        by_row: dict[int, dict[str, int]] = {}
        for coord, label in self.sheet.labels.items():
            kind = kind_in(label, FUND_COLUMN_WORDS)
            if kind and coord[0] in self.above:
                by_row.setdefault(coord[0], {}).setdefault(kind, coord[1])
        if not by_row:
            return None, {}, {}
        row = max(by_row, key=lambda r: (len(by_row[r]), -r))
        budget: dict[str, int] = {}
        for col in range(1, self.grid.max_col + 1):
            label = self.sheet.labels.get((row, col))
            kind = kind_in(label, BUDGET_COLUMNS) if label else None
            if kind:
                budget.setdefault(kind, col)
        return row, by_row[row], budget

    def money_unit(self, heading_row: int | None) -> str | None:
        """万元 or 元: from the 项目资金 label, a heading's suffix or a 单位：万元 note."""
        said: list[tuple[str, Coord]] = []
        for coord, label in self.sheet.labels.items():
            if coord[0] not in self.above:
                continue
            unit = None
            if label.words.startswith(FUNDS_HEADING) or coord[0] == heading_row:
                unit = label.money_unit or unit_in_text(label.words)
            if unit is None:
                unit = unit_in_text(str(self.grid.cells[coord]))
            if unit:
                said.append((unit, coord))
        units = {unit for unit, _ in said}
        if len(units) > 1:
            where = "、".join(f"{coord_name(*c)}（{u}）" for u, c in said)
            self.cells.problem(said[-1][1], f"金额单位前后不一：{where}")
            return None
        if said:
            unit = said[0][0]
            if self.asked_unit and self.asked_unit != unit:
                ignored = f"未用 --unit {self.asked_unit}"
                self.cells.note(said[0][1], f"表中写明金额单位为{unit}，按{unit}读取（{ignored}）")
            return unit
        return self.asked_unit

    def funds(self) -> tuple[dict[str, Any], Decimal | None, Decimal | None]:
        heading_row, columns, budget = self._fund_heading()
        rows_after = range((heading_row or 0) + 1, self.header[0])
        fund_rows: dict[str, Coord] = {}
        for name, words in FUND_ROWS.items():
            found = self.sheet.find(words, rows=rows_after)
            if found:
                fund_rows[name] = found[0]
        places = self._fund_places(fund_rows, columns)
        if not places:
            return {}, None, None
        self.unit = self.money_unit(heading_row)
        if self.unit is None:
            if any(self.grid.value(*coord) is not None for coord in places.values()):
                first = min(places.values())
                self.cells.problem(
                    first,
                    "表中没有写明金额单位（元或万元）；请用 --unit 元 或 --unit 万元 指定",
                )
            return {}, None, None
        funds: dict[str, dict[str, Decimal | None]] = {}
        for (name, column), coord in places.items():
            what = f"{FUND_ROWS[name][0]}·{FUND_COLUMN_WORDS[column][0]}"
            self._at(f"funds.{name}.{column}", coord, what)
            funds.setdefault(name, {})[column] = self.cells.amount(coord, what, self.unit)
        weight = score = None
        if self.kind == "form" and "total" in fund_rows:
            row = fund_rows["total"][0]
            if "weight" in budget:
                coord = self._at("budget_weight", (row, budget["weight"]), "预算执行分值")
                weight = self.cells.number(coord, "预算执行分值")
            if "score" in budget:
                coord = self._at("budget_score", (row, budget["score"]), "预算执行得分")
                score = self.cells.number(coord, "预算执行得分")
        return funds, weight, score

    def _fund_places(
        self, fund_rows: dict[str, Coord], columns: dict[str, int]
    ) -> dict[tuple[str, str], Coord]:
        """Where each amount stands: under its column heading on its row; in a target form
        without headings, beside its row label (or under it, when the labels form a row)."""
        places: dict[tuple[str, str], Coord] = {}
        if columns:
            wanted = FUND_COLUMNS if self.kind == "form" else ("initial", "annual", "executed")
            for name, label in fund_rows.items():
                for column in wanted:
                    if column in columns:
                        places[(name, column)] = (label[0], columns[column])
            if self.kind == "targets":  # the planned amount is the 年初预算数
                for name in fund_rows:
                    planned = places.get((name, "initial")) or places.get((name, "annual"))
                    for column in ("initial", "annual", "executed"):
                        places.pop((name, column), None)
                    if planned:
                        places[(name, "initial")] = planned
            return places
        in_one_row = len({coord[0] for coord in fund_rows.values()}) == 1 and len(fund_rows) > 1
        for name, label in fund_rows.items():
            place = self.sheet.below(label) if in_one_row else self.sheet.right_of(label)
            if place is not None:
                places[(name, "initial")] = place
        return places

    # -- goals -------------------------------------------------------------------------------

    def goal(self, which: str) -> str:
        words = GOAL_LABELS[which]
        what = "年度目标" if self.kind == "targets" else words[0]
        for coord in self.sheet.find(words, rows=self.above):
            place = self.sheet.below(coord) or self.sheet.right_of(coord)
            if place is not None:
                self._at(f"goals.{which}", place, what)
                return self.cells.text(place, what, multiline=True)
            return ""
        if which == "expected":
            for coord in self.sheet.find(GOAL_LABELS["heading"], rows=self.above):
                place = self.sheet.right_of(coord)
                if place is not None:
                    self._at("goals.expected", place, what)
                    text = self.cells.text(place, what, multiline=True)
                    return _INLINE_GOAL.sub("", text, count=1)
        return ""

    # -- indicators --------------------------------------------------------------------------

    def indicator_columns(self) -> tuple[dict[str, int], int]:
        """Column of each indicator field, and the first data row."""
        last = _header_end(self.sheet, self.header)
        columns: dict[str, int] = {}
        for row in range(self.header[0], last + 1):
            for col in range(1, self.grid.max_col + 1):
                if self.grid.anchor(row, col) != (row, col):
                    continue
                label = self.sheet.labels.get((row, col))
                kind = indicator_column(label) if label else None
                if kind and (row == self.header[0] or kind not in ("weight", "score")):
                    columns[kind] = col
        return columns, last + 1

    def indicators(self) -> tuple[list[dict[str, Any]], Decimal | None]:
        columns, first = self.indicator_columns()
        rows: list[dict[str, Any]] = []
        stated_total = None
        level1 = level2 = ""
        stated_weights: dict[Coord, tuple[str, Decimal]] = {}
        for row in range(first, self.grid.max_row + 1):
            if self._is_total_row(row):
                if self.kind == "form" and "score" in columns:
                    coord = self._at("stated_total", (row, columns["score"]), "总分")
                    stated_total = self.cells.number(coord, "总分")
                break
            fields = self._row_fields(row, columns, len(rows))
            new_level1 = self._level(row, columns, "level1", len(rows), stated_weights)
            if new_level1 is not None and new_level1 != level1:
                level1, level2 = new_level1, ""
            new_level2 = self._level(row, columns, "level2", len(rows), None)
            if new_level2 is not None:
                level2 = new_level2
            if fields is None:
                continue
            rows.append({"level1": level1, "level2": level2, **fields})
        self._check_stated_weights(rows, stated_weights)
        if not rows:
            self.cells.problem(self.header, "没有任何绩效指标行（三级指标表头下方为空）")
        return rows, stated_total

    def _is_total_row(self, row: int) -> bool:
        for col in range(1, min(self.grid.max_col, 12) + 1):
            label = self.sheet.labels.get((row, col))
            if label is not None and label.words in TOTAL_ROW:
                return True
        return False

    def _own(self, row: int, col: int) -> Coord | None:
        """The cell at (row, col) unless it is the lower part of a merged range."""
        anchor = self.grid.anchor(row, col)
        return anchor if anchor[0] == row else None

    def _level(
        self,
        row: int,
        columns: dict[str, int],
        which: str,
        index: int,
        stated: dict[Coord, tuple[str, Decimal]] | None,
    ) -> str | None:
        """The 一级/二级 name starting on this row (a merged cell counts once), else None."""
        if which not in columns:
            return None
        anchor = self.grid.anchor(row, columns[which])
        if anchor[0] != row:
            return None
        what = INDICATOR_WORDS[which]
        text = self.cells.text(self._at(fieldpaths.indicator(index, which), anchor, what), what)
        if not text:
            return None
        weight = _LEVEL_WEIGHT.search(text)
        if weight and stated is not None:
            text = text[: weight.start()].strip()
            stated[anchor] = (text, Decimal(weight[1]))
        return text

    def _row_fields(self, row: int, columns: dict[str, int], index: int) -> dict[str, Any] | None:
        """The fields of one indicator row; None for a blank row or a repeated header."""
        fields: dict[str, Any] = {}
        texts = ["name", "actual", "deviation"] if self.kind == "form" else ["name"]
        for name in texts:
            coord = self._own(row, columns[name]) if name in columns else None
            if coord is None:
                fields[name] = ""
                continue
            what = INDICATOR_WORDS[name]
            self._at(fieldpaths.indicator(index, name), coord, what)
            fields[name] = self.cells.text(coord, what, multiline=name == "deviation")
        fields["target"] = self._target(row, columns, index)
        numbers = ["weight", "score"] if self.kind == "form" else ["weight"]
        for name in numbers:
            coord = self._own(row, columns[name]) if name in columns else None
            what = INDICATOR_WORDS[name]
            if coord is not None:
                self._at(fieldpaths.indicator(index, name), coord, what)
            fields[name] = self.cells.number(coord, what) if coord is not None else None
        if fields["name"] in INDICATOR_COLUMNS["name"]:
            return None  # the header again, as on a printed second page
        if not any(value not in (None, "") for value in fields.values()):
            return None
        if self.kind == "targets":
            fields["target_locked"] = True
        return fields

    def _target(self, row: int, columns: dict[str, int], index: int) -> str:
        """年度指标值, joined from 指标性质 + 指标值 + 度量单位 where the sheet splits them."""
        parts = {}
        for name in ("nature", "target", "measure"):
            coord = self._own(row, columns[name]) if name in columns else None
            if coord is not None:
                self._at(fieldpaths.indicator(index, "target"), coord, "年度指标值")
                parts[name] = self.cells.text(coord, "年度指标值")
        value = parts.get("target", "")
        nature = normalize_text(parts.get("nature", ""))
        measure = parts.get("measure", "")
        if measure and value and not value.endswith(measure):
            value += measure
        if nature and value and not value.startswith(tuple(_COMPARATORS)):
            value = _COMPARATORS.get(nature, nature) + value
        return value

    def _check_stated_weights(
        self, rows: list[dict[str, Any]], stated: dict[Coord, tuple[str, Decimal]]
    ) -> None:
        for coord, (name, weight) in stated.items():
            weights = [r["weight"] for r in rows if r["level1"] == name and r["weight"] is not None]
            total = sum(weights, Decimal(0))
            if weights and total != weight:
                self.cells.note(
                    coord, f"{name}写明 {weight} 分，其下各行分值合计 {total} 分（以各行为准）"
                )


def read_sheet(grid: Grid, kind: FormKind, unit: str | None = None) -> SheetReading:
    """One form sheet (``is_form_sheet``) read as a 自评表 or as a 目标申报表's draft."""
    sheet = LabeledSheet(grid)
    reader = _FormReader(sheet, kind, unit)
    reading = SheetReading(grid.name, kind)
    reading.problems.extend(sheet.merge_problems())
    data: dict[str, Any] = {
        "year": reader.year(),
        "project": reader.header_text("project"),
        "department": reader.header_text("department"),
        "implementer": reader.header_text("implementer"),
    }
    funds, budget_weight, budget_score = reader.funds()
    data["funds"] = funds
    if budget_weight is not None:
        data["budget_weight"] = budget_weight
    data["budget_score"] = budget_score
    data["goals"] = {"expected": reader.goal("expected")}
    if kind == "form":
        data["goals"]["actual"] = reader.goal("actual")
    data["indicators"], data["stated_total"] = reader.indicators()
    reading.unit = reader.unit
    reading.problems.extend(reader.cells.problems)
    reading.notes.extend(reader.cells.notes)
    if reader.cells.formulas_read:
        shown = "、".join(dict.fromkeys(reader.cells.formulas_read))
        reading.notes.append(f"以下单元格是公式，取其保存的计算结果：{shown}")
    reading.cells = {path: cell for path, (cell, _) in reader.paths.items()}
    if reading.problems:
        return reading
    try:
        reading.form = Form.model_validate(data)
    except ValidationError as exc:
        for path, message in all_problems(exc):
            cell, what = reader.paths.get(path, (None, path))
            reading.problems.append(CellProblem(f"{what}：{message}", grid.name, cell))
    return reading
