"""Storing what a file gave: all of its forms in one transaction, or none of them.

One rule for the command line and the TUI: a file with any problem stores nothing, and a
目标申报表 makes a new draft but never replaces a form that already exists for its project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.errors import InputError
from core.safetext import terminal_safe
from core.workbook.reading import FileReading
from core.workbook.report import first_problem_message

if TYPE_CHECKING:
    from core.store import Store, StoredForm


def store_reading(store: Store, reading: FileReading) -> list[StoredForm]:
    """Store every form of ``reading``; InputError (nothing stored) when it cannot be."""
    if not reading.ok:
        raise InputError(first_problem_message(reading))
    for each in reading.forms:
        if each.kind == "targets":
            _refuse_over_existing(store, each.form)
    return store.import_forms([each.form for each in reading.forms])


def _refuse_over_existing(store: Store, form) -> None:
    for summary in store.list_forms(year=form.year, implementer=form.implementer):
        if summary.project == form.project:
            project = terminal_safe(form.project, keep_newlines=False)
            raise InputError(
                f"{form.year} 年度已有项目“{project}”的表单（编号 {summary.id}），"
                "目标申报表未导入；如需重新生成，请先删除该表单"
            )
