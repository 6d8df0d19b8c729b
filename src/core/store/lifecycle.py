"""The life of a form: 定稿 (finalize), 退回修改 (reopen), 复制到新年度 (clone), deletion."""

from __future__ import annotations

import sqlite3

from core.errors import InputError
from core.store.errors import FinalFormError, FinalizeRefused, StoreError
from core.store.labels import STATUS_PATH
from core.store.pending import pending_inputs
from core.store.reading import form_of, form_row, project_form_id
from core.store.records import StoredForm
from core.store.writing import body_of, check_writable, insert, update


def finalize(conn: sqlite3.Connection, user: str, form_id: int) -> StoredForm:
    """定稿; FinalizeRefused (with the findings) while errors or pending inputs remain."""
    from core.scoring import score_form

    row = form_row(conn, form_id)
    check_writable(conn, row, None, "再次定稿")
    form = form_of(row)
    blocking = list(score_form(form, pending_inputs=pending_inputs(conn, form_id)).errors)
    if blocking:
        raise FinalizeRefused(form_id, blocking)
    return update(conn, user, row, form, form, [(STATUS_PATH, "draft", "final", None)], "final")


def reopen(conn: sqlite3.Connection, user: str, form_id: int, reason: str) -> StoredForm:
    """退回修改: a final form becomes a draft again; the reason goes into the history."""
    if not reason or not reason.strip():
        raise InputError("退回修改需要填写原因")
    row = form_row(conn, form_id)
    if row.status != "final":
        raise StoreError(f"表单 {form_id} 不是定稿，无需退回修改")
    form = form_of(row)
    entry = (STATUS_PATH, "final", "draft", reason.strip())
    return update(conn, user, row, form, form, [entry], "draft")


def clone_to_year(
    conn: sqlite3.Connection, user: str, form_id: int, year: int | None
) -> StoredForm:
    """A new draft for ``year`` (default: the next) from a stored form.

    Header, expected goal, indicators with targets and weights are kept; funds, actuals,
    scores, deviations and grades are left empty. The source is linked.
    """
    from pydantic import ValidationError

    from core.messages import first_problem
    from core.model import MAX_YEAR, MIN_YEAR, Form

    source = form_of(form_row(conn, form_id))
    year = source.year + 1 if year is None else year
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(f"年度应在 {MIN_YEAR} 到 {MAX_YEAR} 之间，收到 {year}")
    duplicate = project_form_id(conn, source.project, source.implementer, year)
    if duplicate:
        raise StoreError(f"{year} 年度已有项目“{source.project}”的表单（编号 {duplicate}），未复制")
    data = body_of(source)
    data.update(
        year=year,
        funds={},
        budget_score=None,
        goals={"expected": source.goals.expected, "actual": ""},
        indicators=[
            {
                "level1": row.level1,
                "level2": row.level2,
                "name": row.name,
                "target": row.target,
                "weight": row.weight,
            }
            for row in source.indicators
        ],
    )
    try:
        clone = Form.model_validate(data)
    except ValidationError as exc:
        path, message = first_problem(exc)
        raise InputError(f"无法复制到 {year} 年度：{path}：{message}") from None
    return insert(conn, user, clone, "draft", source_id=form_id, note=f"由表单 {form_id} 复制")


def delete_form(conn: sqlite3.Connection, form_id: int) -> None:
    """Delete a draft with its history; a final form cannot be deleted."""
    if form_row(conn, form_id).status == "final":
        raise FinalFormError(form_id, "删除")
    conn.execute("UPDATE forms SET source_id = NULL WHERE source_id = ?", (form_id,))
    for table in ("changes", "pending_inputs", "form_indicators", "cursor"):
        conn.execute(f"DELETE FROM {table} WHERE form_id = ?", (form_id,))
    for table in ("form_search", "form_bodies", "forms"):
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (form_id,))
