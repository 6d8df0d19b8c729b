"""Pending inputs (text kept as typed that could not be accepted) and the resume cursor."""

from __future__ import annotations

import sqlite3

from core.store.errors import FinalFormError
from core.store.reading import form_row
from core.store.records import Cursor


def pending_inputs(conn: sqlite3.Connection, form_id: int) -> dict[str, str]:
    """Path → raw text of every input of the form kept as typed."""
    rows = conn.execute(
        "SELECT path, raw FROM pending_inputs WHERE form_id = ? ORDER BY path", (form_id,)
    )
    return dict(rows.fetchall())


def set_pending_input(conn: sqlite3.Connection, form_id: int, path: str, raw: str) -> None:
    """Keep input that could not be accepted, as typed; FinalFormError on a final form."""
    if form_row(conn, form_id).status == "final":
        raise FinalFormError(form_id)
    conn.execute(
        "INSERT OR REPLACE INTO pending_inputs (form_id, path, raw) VALUES (?, ?, ?)",
        (form_id, path, raw),
    )


def clear_pending_input(conn: sqlite3.Connection, form_id: int, path: str) -> None:
    conn.execute("DELETE FROM pending_inputs WHERE form_id = ? AND path = ?", (form_id, path))


def save_cursor(conn: sqlite3.Connection, cursor: Cursor) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO cursor (id, form_id, step, path) VALUES (1, ?, ?, ?)",
        (cursor.form_id, cursor.step, cursor.path),
    )


def load_cursor(conn: sqlite3.Connection) -> Cursor | None:
    """Where the user was; None when nothing was saved or that form is gone."""
    row = conn.execute(
        "SELECT c.form_id, c.step, c.path FROM cursor c "
        "LEFT JOIN forms f ON f.id = c.form_id "
        "WHERE c.id = 1 AND (c.form_id IS NULL OR f.id IS NOT NULL)"
    ).fetchone()
    return Cursor(*row) if row else None
