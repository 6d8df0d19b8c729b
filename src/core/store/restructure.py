"""Inserting, deleting and moving indicator rows; pending inputs follow their row.

A restructure is one history entry holding the whole indicator list before and after.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from core import fieldpaths
from core.store.labels import INDICATORS_PATH
from core.store.reading import body, form_of, form_row
from core.store.records import StoredForm
from core.store.writing import body_of, check_writable, update

if TYPE_CHECKING:
    from core.model import Form, Indicator

Moves = dict[int, int | None]
"""Old row index → new row index (None: the row is gone)."""


def insert_indicator(
    conn: sqlite3.Connection,
    user: str,
    form_id: int,
    index: int,
    indicator: Indicator,
    revision: int | None,
) -> StoredForm:
    """Insert an indicator row before ``index`` (at the end when index ≥ row count)."""
    from core import edit

    def moves(count: int) -> Moves:
        at = max(0, min(index, count))
        return {k: (k if k < at else k + 1) for k in range(count)}

    return _restructure(
        conn,
        user,
        form_id,
        revision,
        lambda form: edit.insert_indicator(form, index, indicator),
        moves,
    )


def delete_indicator(
    conn: sqlite3.Connection, user: str, form_id: int, index: int, revision: int | None
) -> StoredForm:
    """Delete indicator row ``index``."""
    from core import edit

    def moves(count: int) -> Moves:
        return {k: (k if k < index else None if k == index else k - 1) for k in range(count)}

    return _restructure(
        conn, user, form_id, revision, lambda form: edit.delete_indicator(form, index), moves
    )


def move_indicator(
    conn: sqlite3.Connection,
    user: str,
    form_id: int,
    index: int,
    new_index: int,
    revision: int | None,
) -> StoredForm:
    """Move indicator row ``index`` to ``new_index``."""
    from core import edit

    def moves(count: int) -> Moves:
        order = list(range(count))
        order.insert(new_index, order.pop(index))
        return {old: new for new, old in enumerate(order)}

    return _restructure(
        conn,
        user,
        form_id,
        revision,
        lambda form: edit.move_indicator(form, index, new_index),
        moves,
    )


def _restructure(
    conn: sqlite3.Connection,
    user: str,
    form_id: int,
    revision: int | None,
    change: Callable[[Form], Form],
    moves: Callable[[int], Moves],
) -> StoredForm:
    row = form_row(conn, form_id)
    check_writable(conn, row, revision)
    old = form_of(row)
    new = change(old)
    remap_pending(conn, form_id, moves(len(old.indicators)))
    old_rows, new_body = body(row)["indicators"], body_of(new)
    entry = (INDICATORS_PATH, old_rows, new_body["indicators"], None)
    return update(conn, user, row, old, new, [entry], None, new_body)


def remap_pending(conn: sqlite3.Connection, form_id: int, moves: Moves) -> None:
    """Pending inputs follow their indicator row when rows are inserted, deleted, moved; those
    of a row that is gone (or that the form no longer has) go with it."""
    pending = conn.execute(
        "SELECT path, raw FROM pending_inputs WHERE form_id = ? AND path LIKE 'indicators[%'",
        (form_id,),
    ).fetchall()
    if not pending:
        return
    conn.execute(
        "DELETE FROM pending_inputs WHERE form_id = ? AND path LIKE 'indicators[%'", (form_id,)
    )
    for path, raw in pending:
        located = fieldpaths.indicator_of(path)
        if located is None or located[0] not in moves:  # no row of this form: nothing to follow
            continue
        target = fieldpaths.moved(path, moves)
        if target is not None:
            conn.execute(
                "INSERT INTO pending_inputs (form_id, path, raw) VALUES (?, ?, ?)",
                (form_id, target, raw),
            )
