"""The 绩效目标申报表 (the targets approved at budget time) among a workbook's sheets.

A target form has the 自评表's header, planned funds, 年度目标 and indicator rows with their
指标值, but no 实际完成值: importing it makes a draft 自评表 of that year whose targets are
locked (``Indicator.target_locked``; ``core.edit`` refuses to change a locked target and
``Store.unlock_target`` unlocks one with a reason kept in the history).
"""

from __future__ import annotations

from core.workbook.bureau import FormKind, has_actuals, indicator_header
from core.workbook.labels import FORM_TITLES, TARGET_TITLES, fold
from core.workbook.sheet import LabeledSheet


def _title_says(sheet: LabeledSheet, words: tuple[str, ...]) -> bool:
    header = indicator_header(sheet)
    last = header[0] if header else 6
    return any(
        isinstance(value, str) and any(word in fold(value) for word in words)
        for (row, _), value in sheet.grid.cells.items()
        if row < min(last, 8)
    )


def sheet_kind(sheet: LabeledSheet, targets: bool | None = None) -> FormKind:
    """'targets' for a 目标申报表 (or when the user says so), else 'form'.

    Without the user's word: a title naming 目标申报表/绩效目标表 makes it one; a title naming
    自评表 does not; otherwise an indicator table without 实际完成值 does.
    """
    if targets is not None:
        return "targets" if targets else "form"
    if _title_says(sheet, TARGET_TITLES):
        return "targets"
    if _title_says(sheet, FORM_TITLES):
        return "form"
    return "form" if has_actuals(sheet) else "targets"
