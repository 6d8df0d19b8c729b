"""Our own xlsx export read back: the hidden ``_jixiao`` sheet, checked against the visible one.

Unedited, the visible 自评表 holds exactly what ``core.workbook.layout`` writes for the form
in ``_jixiao``, and the form comes back exactly. Where a person changed the visible sheet, the
visible sheet wins: it is read like any bureau workbook, and what it cannot show (the rule
set, the grades, the target locks, ``x-`` keys) is taken from ``_jixiao`` for the rows that are
still there; the cells that differ are named in a warning.
"""

from __future__ import annotations

from decimal import Decimal

from core.errors import FormReadError
from core.interchange import parse_form
from core.model import Form, Indicator
from core.scoring import score_form
from core.workbook.grid import CellValue, Grid, Percent, coord_name
from core.workbook.labels import label_of
from core.workbook.layout import FUNDS_ROW, PaperLayout, paper_layout
from core.workbook.units import MONEY_UNITS
from core.workbook.write import DATA_SHEET, cell_value

COMPUTED_KINDS = ("rate",)
"""COMPUTED_KINDS: cells the program computes (执行率): never an edit of the form"""


def hidden_form(grid: Grid) -> Form | None:
    """The form in a ``_jixiao`` sheet; None when it is missing or cannot be read."""
    pieces = []
    for row in range(1, grid.max_row + 1):
        value = grid.cells.get((row, 1))
        if not isinstance(value, str):
            break
        pieces.append(value)
    try:
        return parse_form("".join(pieces), DATA_SHEET)
    except FormReadError:
        return None


def sheet_unit(grid: Grid) -> str | None:
    """The money unit our layout wrote in the funds heading (A5)."""
    value = grid.cells.get((FUNDS_ROW, 1))
    unit = label_of(value).money_unit if isinstance(value, str) else None
    return unit if unit in MONEY_UNITS else None


def _same(expected: CellValue | None, found: CellValue | None) -> bool:
    if expected is None or expected == "":
        return found is None or (isinstance(found, str) and not found.strip())
    if isinstance(found, Percent):
        found = found.fraction
    if isinstance(expected, Decimal):
        return isinstance(found, Decimal) and found == expected
    return isinstance(found, str) and found == expected


def edited_cells(grid: Grid, layout: PaperLayout) -> list[str]:
    """Cells of the visible sheet that differ from what the export wrote (B14, …)."""
    placed = {(cell.row, cell.col): cell for cell in layout.cells}
    differ = []
    for (row, col), cell in sorted(placed.items()):
        if cell.kind in COMPUTED_KINDS or row == layout.total_row:
            continue
        if not _same(cell_value(cell), grid.cells.get((row, col))):
            differ.append((row, col))
    for coord, value in grid.cells.items():
        inside = coord[0] <= layout.total_row and coord[1] <= 10
        if coord not in placed and not (isinstance(value, str) and not value.strip()):
            covered = inside and grid.anchor(*coord) != coord
            if not covered or value != grid.cells.get(grid.anchor(*coord)):
                differ.append(coord)
    return [coord_name(*coord) for coord in sorted(set(differ))]


def unchanged(grid: Grid, form: Form) -> bool | list[str]:
    """True when the visible sheet is as exported for ``form``; else the cells that differ."""
    unit = sheet_unit(grid)
    if unit is None:
        return [coord_name(FUNDS_ROW, 1)]
    differ = edited_cells(grid, paper_layout(form, score_form(form), unit))  # type: ignore[arg-type]
    return differ or True


def keep_hidden_fields(visible: Form, hidden: Form) -> tuple[Form, list[str]]:
    """The visible sheet's form with what only ``_jixiao`` holds: rule set, grades, target locks
    and ``x-`` keys of the rows still there (matched by 一级, 二级 and 三级指标); and notes."""
    unused = list(hidden.indicators)
    rows: list[Indicator] = []
    notes: list[str] = []
    for number, row in enumerate(visible.indicators, start=1):
        match = next(
            (
                old
                for old in unused
                if (old.level1, old.level2, old.name) == (row.level1, row.level2, row.name)
            ),
            None,
        )
        if match is not None:
            unused.remove(match)
            kept = {"grade": match.grade, "target_locked": match.target_locked}
            if match.target_locked and match.target != row.target:
                kept["target_locked"] = False
                notes.append(
                    f"第 {number} 行“{row.name}”的年度指标值已锁定（{match.target}），"
                    f"表中改为“{row.target}”：以表中为准，导入后不再锁定"
                )
            row = row.model_copy(update={**kept, "extensions": match.extensions})
        rows.append(row)
    form = visible.model_copy(
        update={
            "indicators": rows,
            "rule_set": hidden.rule_set,
            "extensions": hidden.extensions,
            "stated_total": hidden.stated_total,
        }
    )
    return form, notes
