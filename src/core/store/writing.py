"""Writing the store: a new form (revision 1) and the next revision of a stored one.

A revision writes the forms row (with the total and grade core.scoring gives), the body, one
history entry per change and the search and indicator index. Every function runs inside the
caller's ``BEGIN IMMEDIATE`` transaction (``Store._write``).
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

from core.store.errors import ConflictError, DamagedForm, FinalFormError
from core.store.history import value_at
from core.store.integrity import (
    FORM_COLUMNS,
    ROW_DAMAGE,
    body_checksum,
    entry_checksum,
    row_checksum,
)
from core.store.labels import FORM_PATH
from core.store.packing import pack
from core.store.reading import (
    FormRow,
    RecentForms,
    body,
    form_of,
    form_row,
    same_project_row,
    stored,
    with_metadata,
)
from core.store.records import Imported, Status, StoredForm
from core.store.search import form_search_text, indexed, indicator_rows, search_key

if TYPE_CHECKING:
    from core.findings import Finding
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
    """One history entry, with its checksum."""
    path, old, new, note = entry
    packed_old = None if old is None else pack(old)
    packed_new = None if new is None else pack(new)
    at = now()
    checksum = entry_checksum(form_id, revision, path, packed_old, packed_new, at, user, note)
    conn.execute(
        "INSERT INTO changes (form_id, revision, path, old, new, at, user, note, checksum) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (form_id, revision, path, packed_old, packed_new, at, user, note, checksum),
    )


def index(
    conn: sqlite3.Connection, form_id: int, new: Form, old: Form | None, old_year: int | None
) -> None:
    """Keep the search text and the indicator rows in step with the form.

    ``old_year`` is None for a new form; ``old`` is None when the form before is unknown.
    """
    text = form_search_text(new)
    changed = old is None or old.year != new.year or form_search_text(old) != text
    if old_year is None or changed:
        if old_year is not None:
            # delete, then insert: REPLACE would skip the delete trigger that keeps the index exact
            conn.execute("DELETE FROM form_search WHERE key = ?", (search_key(old_year, form_id),))
        key = search_key(new.year, form_id)
        conn.execute("INSERT INTO form_search (key, text) VALUES (?, ?)", (key, text))
    rows = indicator_rows(form_id, new)
    if old is None or indicator_rows(form_id, old) != rows:
        conn.execute("DELETE FROM form_indicators WHERE form_id = ?", (form_id,))
        conn.executemany(
            "INSERT INTO form_indicators (form_id, position, level1, level2, name, target, "
            "weight) VALUES (:form_id, :position, :level1, :level2, :name, :target, :weight)",
            rows,
        )


def put_row(conn: sqlite3.Connection, values: tuple[Any, ...], *, new: bool) -> None:
    """Write a forms row (``values`` in the order of FORM_COLUMNS) with its checksum."""
    checksum = row_checksum(values)
    if new:
        conn.execute(_INSERT_ROW, (*values, checksum))
    else:
        conn.execute(_UPDATE_ROW, (*values[1:], checksum, values[0]))


_INSERT_ROW = (
    f"INSERT INTO forms ({', '.join(FORM_COLUMNS)}, checksum) "
    f"VALUES ({', '.join('?' * (len(FORM_COLUMNS) + 1))})"
)
_UPDATE_ROW = (
    f"UPDATE forms SET {', '.join(f'{name} = ?' for name in FORM_COLUMNS[1:])}, checksum = ? "
    "WHERE id = ?"
)


def put_body(conn: sqlite3.Connection, form_id: int, data: dict[str, Any], *, new: bool) -> int:
    """Write a form's body (packed) with its checksum; the checksum."""
    packed = pack(data)
    checksum = body_checksum(form_id, packed)
    if new:
        sql = "INSERT INTO form_bodies (data, checksum, id) VALUES (?, ?, ?)"
    else:
        sql = "UPDATE form_bodies SET data = ?, checksum = ? WHERE id = ?"
    conn.execute(sql, (packed, checksum, form_id))
    return checksum


def unlink_source(conn: sqlite3.Connection, form_id: int) -> None:
    """Forms cloned from ``form_id`` forget their source (it is being deleted).

    A damaged row keeps its old checksum: rewriting it would pass the damage off as intact.
    """
    columns = ", ".join(FORM_COLUMNS)
    clones = conn.execute(
        f"SELECT {columns}, checksum FROM forms WHERE source_id = ?", (form_id,)
    ).fetchall()
    at = FORM_COLUMNS.index("source_id")
    for *values, checksum in clones:
        if row_checksum(values) == checksum:
            put_row(conn, (*values[:at], None, *values[at + 1 :]), new=False)
        else:
            conn.execute("UPDATE forms SET source_id = NULL WHERE id = ?", (values[0],))


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
    form_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM forms").fetchone()[0]
    values = (
        form_id,
        form.year,
        form.project,
        form.department,
        form.implementer,
        status,
        1,
        str(card.total),
        card.grade,
        source_id,
        stamp,
        stamp,
    )
    put_row(conn, values, new=True)
    data = body_of(form)
    put_body(conn, form_id, data, new=True)
    record(conn, user, form_id, 1, (FORM_PATH, None, {**data, "status": status}, note))
    index(conn, form_id, form, None, None)
    return stored(_row(values), with_metadata(form, form_id, status, stamp), card)


def update(
    conn: sqlite3.Connection,
    user: str,
    row: FormRow,
    old: Form | None,
    new: Form,
    entries: list[Entry],
    status: Status | None = None,
    new_body: dict[str, Any] | None = None,
    *,
    reindex: bool = True,
    recent: RecentForms | None = None,
) -> StoredForm:
    """Store ``new`` and its history ``entries`` as the next revision of ``row``.

    ``old`` is the form before (None when it cannot be read: the index is rebuilt); with
    ``reindex`` false the change is known not to touch what the index holds. ``recent``
    remembers the new revision.
    """
    from core.scoring import score_form

    status = status or row.status
    card = score_form(new)
    stamp = now()
    values = (
        row.id,
        new.year,
        new.project,
        new.department,
        new.implementer,
        status,
        row.revision + 1,
        str(card.total),
        card.grade,
        row.source_id,
        row.created_at,
        stamp,
    )
    put_row(conn, values, new=False)
    checksum = put_body(conn, row.id, new_body or body_of(new), new=False)
    for entry in entries:
        record(conn, user, row.id, row.revision + 1, entry)
    if reindex:
        index(conn, row.id, new, old, row.year)
    form = with_metadata(new, row.id, status, stamp)
    if recent is not None:
        recent.put(row.id, row.revision + 1, checksum, form)
    return stored(_row(values), form, card)


def _row(values: tuple[Any, ...]) -> FormRow:
    """A FormRow of values just written (its body is not needed: the caller has the form)."""
    return FormRow(*values, 0, b"", 0)


def set_field(
    conn: sqlite3.Connection,
    user: str,
    form_id: int,
    path: str,
    value: Any,
    revision: int | None,
    recent: RecentForms | None = None,
) -> StoredForm:
    """Set one field (the value parsed as typed); clears a pending input at that path."""
    from core import edit

    row = form_row(conn, form_id)
    check_writable(conn, row, revision)
    old = form_of(row, recent)
    new = edit.set_field(old, path, value)
    conn.execute("DELETE FROM pending_inputs WHERE form_id = ? AND path = ?", (form_id, path))
    new_body = body_of(new)
    old_value, new_value = value_at(body(row), path), value_at(new_body, path)
    if old_value == new_value:
        return stored(row, old)
    entry = (path, old_value, new_value, None)
    return update(
        conn, user, row, old, new, [entry], None, new_body, reindex=indexed(path), recent=recent
    )


def finalize_blockers(form: Form, pending: dict[str, str] | None = None) -> list[Finding]:
    """What keeps ``form`` from 定稿: its errors and its pending inputs (core.scoring's rule)."""
    from core.scoring import score_form

    return list(score_form(form, pending_inputs=pending or {}).errors)


def import_form(conn: sqlite3.Connection, user: str, form: Form) -> Imported:
    """Store a form read from a file, replacing a draft of the same project and year.

    A form marked 定稿 is stored as 定稿 only if finalize would accept it; otherwise as a draft,
    with the errors that kept it from 定稿. A stored 定稿 is never replaced, but importing the
    same content again is "unchanged", not an error.
    """
    not_final: tuple[Finding, ...] = ()
    status: Status = form.status or "draft"
    if status == "final":
        not_final = tuple(finalize_blockers(form))
        status = "draft" if not_final else "final"
    existing = same_project_row(conn, form.project, form.implementer, form.year)
    if existing is None or not form.project.strip():  # blank drafts never match
        return Imported(insert(conn, user, form, status), "added", not_final)
    if existing.damage == ROW_DAMAGE:
        raise DamagedForm(existing.id, ROW_DAMAGE)
    new_body = body_of(form)
    if existing.damage:  # the content is lost: the file replaces it, and the history says so
        if existing.status == "final":
            raise DamagedForm(existing.id, existing.damage)
        entry = (FORM_PATH, None, {**new_body, "status": status}, "导入覆盖（原内容已损坏）")
        stored_form = update(conn, user, existing, None, form, [entry], status, new_body)
        return Imported(stored_form, "replaced", not_final)
    same = body(existing) == new_body
    if existing.status == "final":
        if same and form.status == "final":
            return Imported(stored(existing), "unchanged")
        raise FinalFormError(existing.id, "被导入覆盖")
    if same and status == existing.status:
        return Imported(stored(existing), "unchanged", not_final)
    old_body = body(existing)
    entry = (
        FORM_PATH,
        {**old_body, "status": existing.status},
        {**new_body, "status": status},
        "导入覆盖",
    )
    stored_form = update(conn, user, existing, form_of(existing), form, [entry], status, new_body)
    return Imported(stored_form, "replaced", not_final)
