"""Writing the store: a new form (revision 1) and the next revision of a stored one.

A revision writes the forms row (with the total and grade core.scoring gives), the body, one
history entry per change and the search and indicator index. Every function runs inside the
caller's ``BEGIN IMMEDIATE`` transaction (``Store._write``).
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.store.errors import ConflictError, FinalFormError
from core.store.history import value_at
from core.store.labels import FORM_PATH
from core.store.reading import FormRow, form_of, form_row, same_project_row, stored, with_metadata
from core.store.records import Status, StoredForm
from core.store.schema import indicator_rows
from core.store.search import form_search_text

if TYPE_CHECKING:
    from core.model import Form

METADATA = ("status", "id", "updated_at")
"""Interchange keys the store keeps in the forms row, never in the body."""

Entry = tuple[str, Any, Any, "str | None"]
"""One history entry to write: path, old value, new value, note."""


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def os_user() -> str:
    """The login name written into history entries."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers, some Windows services)
        return os.environ.get("USERNAME") or os.environ.get("USER") or "未知用户"


def body_of(form: Form) -> dict[str, Any]:
    """The interchange dict that is stored: the form without store metadata."""
    from core.interchange import form_to_data

    data = form_to_data(form)
    for key in METADATA:
        data.pop(key, None)
    return data


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def check_writable(
    conn: sqlite3.Connection, row: FormRow, revision: int | None, action: str = "修改"
) -> None:
    """FinalFormError for a final form; ConflictError when ``revision`` is not the current one."""
    if row.status == "final":
        raise FinalFormError(row.id, action)
    if revision is not None and revision != row.revision:
        paths = [
            path
            for (path,) in conn.execute(
                "SELECT path FROM changes WHERE form_id = ? AND revision > ? ORDER BY id",
                (row.id, revision),
            )
        ]
        raise ConflictError(row.id, revision, row.revision, paths)


def record(
    conn: sqlite3.Connection,
    user: str,
    form_id: int,
    revision: int,
    entry: Entry,
) -> None:
    """One history entry."""
    path, old, new, note = entry
    conn.execute(
        "INSERT INTO changes (form_id, revision, path, old, new, at, user, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            form_id,
            revision,
            path,
            None if old is None else dumps(old),
            None if new is None else dumps(new),
            now(),
            user,
            note,
        ),
    )


def index(conn: sqlite3.Connection, form_id: int, old: Form | None, new: Form) -> None:
    """Keep the search text and the indicator rows in step with the form."""
    text = form_search_text(new)
    if old is None or form_search_text(old) != text:
        # delete, then insert: REPLACE would skip the delete trigger that keeps the index exact
        conn.execute("DELETE FROM form_search WHERE id = ?", (form_id,))
        conn.execute("INSERT INTO form_search (id, text) VALUES (?, ?)", (form_id, text))
    rows = indicator_rows(form_id, new)
    if old is None or indicator_rows(form_id, old) != rows:
        conn.execute("DELETE FROM form_indicators WHERE form_id = ?", (form_id,))
        conn.executemany(
            "INSERT INTO form_indicators (form_id, position, level1, level2, name, target, "
            "weight) VALUES (:form_id, :position, :level1, :level2, :name, :target, :weight)",
            rows,
        )


def insert(
    conn: sqlite3.Connection,
    user: str,
    form: Form,
    status: Status,
    source_id: int | None = None,
    note: str | None = None,
) -> StoredForm:
    """Store ``form`` as a new form at revision 1."""
    from core.scoring import score_form

    card = score_form(form)
    stamp = now()
    body = body_of(form)
    cursor = conn.execute(
        "INSERT INTO forms (year, project, department, implementer, status, revision, "
        "total, grade, source_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
        (
            form.year,
            form.project,
            form.department,
            form.implementer,
            status,
            str(card.total),
            card.grade,
            source_id,
            stamp,
            stamp,
        ),
    )
    form_id = cursor.lastrowid
    assert form_id is not None
    conn.execute("INSERT INTO form_bodies (id, data) VALUES (?, ?)", (form_id, dumps(body)))
    record(conn, user, form_id, 1, (FORM_PATH, None, {**body, "status": status}, note))
    index(conn, form_id, None, form)
    row = FormRow(form_id, "", status, 1, stamp, source_id)
    return stored(row, with_metadata(form, form_id, status, stamp), card)


def update(
    conn: sqlite3.Connection,
    user: str,
    row: FormRow,
    old: Form | None,
    new: Form,
    entries: list[Entry],
    status: Status | None = None,
    new_body: dict[str, Any] | None = None,
) -> StoredForm:
    """Store ``new`` and its history ``entries`` as the next revision of ``row``."""
    from core.scoring import score_form

    old = old or form_of(row)
    new_body = new_body or body_of(new)
    status = status or row.status
    card = score_form(new)
    stamp = now()
    revision = row.revision + 1
    conn.execute(
        "UPDATE forms SET year = ?, project = ?, department = ?, implementer = ?, "
        "status = ?, revision = ?, total = ?, grade = ?, updated_at = ? WHERE id = ?",
        (
            new.year,
            new.project,
            new.department,
            new.implementer,
            status,
            revision,
            str(card.total),
            card.grade,
            stamp,
            row.id,
        ),
    )
    conn.execute("UPDATE form_bodies SET data = ? WHERE id = ?", (dumps(new_body), row.id))
    for entry in entries:
        record(conn, user, row.id, revision, entry)
    index(conn, row.id, old, new)
    written = FormRow(row.id, "", status, revision, stamp, row.source_id)
    return stored(written, with_metadata(new, row.id, status, stamp), card)


def set_field(
    conn: sqlite3.Connection, user: str, form_id: int, path: str, value: Any, revision: int | None
) -> StoredForm:
    """Set one field (the value parsed as typed); clears a pending input at that path."""
    from core import edit

    row = form_row(conn, form_id)
    check_writable(conn, row, revision)
    old = form_of(row)
    new = edit.set_field(old, path, value)
    conn.execute("DELETE FROM pending_inputs WHERE form_id = ? AND path = ?", (form_id, path))
    new_body = body_of(new)
    old_value, new_value = value_at(json.loads(row.data), path), value_at(new_body, path)
    if old_value == new_value:
        return stored(row, old)
    return update(conn, user, row, old, new, [(path, old_value, new_value, None)], None, new_body)


def import_form(conn: sqlite3.Connection, user: str, form: Form) -> StoredForm:
    """Store a form read from a file, replacing a draft of the same project and year."""
    status: Status = form.status or "draft"
    existing = same_project_row(conn, form.project, form.implementer, form.year)
    if existing is None or not form.project.strip():  # blank drafts never match
        return insert(conn, user, form, status)
    if existing.status == "final":
        raise FinalFormError(existing.id, "被导入覆盖")
    old_body, new_body = json.loads(existing.data), body_of(form)
    if old_body == new_body and status == existing.status:
        return stored(existing)
    entry = (
        FORM_PATH,
        {**old_body, "status": existing.status},
        {**new_body, "status": status},
        "导入覆盖",
    )
    return update(conn, user, existing, None, form, [entry], status, new_body)
