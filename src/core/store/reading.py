"""Reading the store: rows by name, row → Form / StoredForm / FormSummary, lists and searches.

Every function takes an open connection; the caller (``Store``) holds its lock and translates
SQLite's errors.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from core.store.errors import FormNotFound
from core.store.records import FormSummary, Status, StoredForm
from core.store.search import match_expression

if TYPE_CHECKING:
    from core.model import Form
    from core.scoring import Scorecard

KNOWN_INDICATORS_RECENT_FORMS = 1000
"""Completion without an implementer draws on this many of the latest forms."""


class FormRow(NamedTuple):
    """One row of ``ROW_SELECT``: forms joined with form_bodies."""

    id: int
    data: str
    status: Status
    revision: int
    updated_at: str
    source_id: int | None


ROW_SELECT = (
    "SELECT f.id, b.data, f.status, f.revision, f.updated_at, f.source_id "
    "FROM forms f JOIN form_bodies b ON b.id = f.id"
)
_SUMMARY_COLUMNS = "id, year, project, department, implementer, status, total, grade, updated_at"


def find_row(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> FormRow | None:
    """The first row of ``ROW_SELECT`` + ``where``, or None."""
    row = conn.execute(f"{ROW_SELECT} {where}", params).fetchone()
    return None if row is None else FormRow._make(row)


def form_row(conn: sqlite3.Connection, form_id: int) -> FormRow:
    """The row of form ``form_id``; FormNotFound when there is none."""
    row = find_row(conn, "WHERE f.id = ?", (form_id,))
    if row is None:
        raise FormNotFound(form_id)
    return row


def same_project_row(
    conn: sqlite3.Connection, project: str, implementer: str, year: int
) -> FormRow | None:
    """The latest stored form of this project, 实施单位 and year."""
    return find_row(
        conn,
        "WHERE f.project = ? AND f.implementer = ? AND f.year = ? ORDER BY f.id DESC LIMIT 1",
        (project, implementer, year),
    )


def form_of(row: FormRow) -> Form:
    """The form of a row, with its id, status and updated_at."""
    from core.model import Form

    form = Form.model_validate_json(row.data)
    return with_metadata(form, row.id, row.status, row.updated_at)


def with_metadata(form: Form, form_id: int, status: str, updated_at: str) -> Form:
    """``form`` carrying the store's metadata."""
    return form.model_copy(update={"status": status, "id": form_id, "updated_at": updated_at})


def stored(row: FormRow, form: Form | None = None, card: Scorecard | None = None) -> StoredForm:
    """The StoredForm of a row; ``form`` and ``card`` when the caller already has them."""
    from core.scoring import score_form

    form = form or form_of(row)
    return StoredForm(
        id=row.id,
        form=form,
        status=row.status,
        revision=row.revision,
        updated_at=row.updated_at,
        source_id=row.source_id,
        scorecard=card or score_form(form),
    )


def rows_after(conn: sqlite3.Connection, last_id: int, batch: int) -> list[FormRow]:
    """Up to ``batch`` rows with ids above ``last_id``, by id (bulk reads, one batch a lock)."""
    rows = conn.execute(
        f"{ROW_SELECT} WHERE f.id > ? ORDER BY f.id LIMIT ?", (last_id, batch)
    ).fetchall()
    return [FormRow._make(row) for row in rows]


def interchange_data(row: FormRow) -> dict[str, Any]:
    """A row as its interchange dict (with status, id, updated_at), without validating it.

    The stored JSON was validated when written, so bulk exports skip re-validating it.
    """
    body = json.loads(row.data)
    body.update(status=row.status, id=row.id, updated_at=row.updated_at)
    return body


def is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM forms LIMIT 1").fetchone() is None


class Filters(NamedTuple):
    """What ``list_forms`` and ``count_forms`` narrow to; None (or empty) means any."""

    year: int | None = None
    implementer: str | None = None
    status: str | None = None
    query: str | None = None


def _where(filters: Filters) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if filters.year is not None:
        clauses.append("year = ?")
        params.append(filters.year)
    if filters.implementer:
        clauses.append("implementer = ?")
        params.append(filters.implementer)
    if filters.status:
        clauses.append("status = ?")
        params.append(filters.status)
    expression = match_expression(filters.query) if filters.query else None
    if expression:
        clauses.append("id IN (SELECT rowid FROM form_search_fts WHERE form_search_fts MATCH ?)")
        params.append(expression)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def summaries(
    conn: sqlite3.Connection, filters: Filters, limit: int | None, offset: int
) -> list[FormSummary]:
    """Summaries, newest year first, filtered and searched."""
    where, params = _where(filters)
    sql = f"SELECT {_SUMMARY_COLUMNS} FROM forms{where} ORDER BY year DESC, id DESC"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    rows = conn.execute(sql, params).fetchall()
    # positional: thousands of rows, and keyword arguments cost a third more here
    return [
        FormSummary(r[0], r[1], r[2], r[3], r[4], r[5], Decimal(r[6]), r[7], r[8]) for r in rows
    ]


def count(conn: sqlite3.Connection, filters: Filters) -> int:
    """How many forms ``summaries`` would return without a limit."""
    where, params = _where(filters)
    return conn.execute(f"SELECT count(*) FROM forms{where}", params).fetchone()[0]


def known_indicators(
    conn: sqlite3.Connection, implementer: str | None, limit: int
) -> list[dict[str, Any]]:
    """Indicators of earlier stored forms (most used first), for completion."""
    sql = (
        "SELECT i.level1, i.level2, i.name, i.target, max(i.weight), count(*) AS uses "
        "FROM form_indicators i"
    )
    params: list[Any] = []
    if implementer:
        sql += " JOIN forms f ON f.id = i.form_id WHERE f.implementer = ? AND i.name != ''"
        params.append(implementer)
    else:  # the latest forms are enough to complete from, and keep this instant
        sql += (
            " WHERE i.name != '' AND i.form_id IN (SELECT id FROM forms ORDER BY id DESC LIMIT ?)"
        )
        params.append(KNOWN_INDICATORS_RECENT_FORMS)
    sql += " GROUP BY i.level1, i.level2, i.name, i.target ORDER BY uses DESC, i.name LIMIT ?"
    params.append(limit)
    keys = ("level1", "level2", "name", "target", "weight", "uses")
    return [dict(zip(keys, row, strict=True)) for row in conn.execute(sql, params)]


def previous_form(conn: sqlite3.Connection, form_id: int) -> StoredForm | None:
    """The form to compare with: the clone source, else the same project a year earlier."""
    row = form_row(conn, form_id)
    if row.source_id is not None:
        source = find_row(conn, "WHERE f.id = ?", (row.source_id,))
        if source is not None:
            return stored(source)
    form = form_of(row)
    earlier = same_project_row(conn, form.project, form.implementer, form.year - 1)
    return stored(earlier) if earlier else None


def project_form_id(
    conn: sqlite3.Connection, project: str, implementer: str, year: int
) -> int | None:
    """The id of a stored form of this project, 实施单位 and year."""
    found = conn.execute(
        "SELECT id FROM forms WHERE project = ? AND implementer = ? AND year = ?",
        (project, implementer, year),
    ).fetchone()
    return found[0] if found else None


def iter_batches(fetch: Any, batch: int) -> Iterator[list[FormRow]]:
    """Batches from ``fetch(last_id, batch)`` until one comes back empty."""
    last = 0
    while rows := fetch(last, batch):
        yield rows
        last = rows[-1].id
