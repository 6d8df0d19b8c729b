"""Reading the store: rows by name, row → Form / StoredForm / FormSummary, lists and searches.

Every row handed out has had its checksums compared (core.store.integrity): a damaged form
raises DamagedForm where one form is asked for, and is marked ``damaged`` in a list. Every
function takes an open connection; the caller (``Store``) holds its lock and translates
SQLite's errors.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, NamedTuple

from core.jsontext import indented
from core.store.errors import DamagedForm, FormNotFound
from core.store.integrity import BODY_DAMAGE, fetch_all, form_damage
from core.store.packing import unpack_bytes, unpack_text
from core.store.records import FormSummary, Status, StoredForm
from core.store.search import SEARCH_KEY_SHIFT, match_expression, search_key

if TYPE_CHECKING:
    from core.model import Form
    from core.scoring import Scorecard

KNOWN_INDICATORS_RECENT_FORMS = 1000
"""Completion without an implementer draws on this many of the latest forms."""


class FormRow(NamedTuple):
    """One row of ``ROW_SELECT``: a forms row, its checksum, and the body beside it."""

    id: int
    year: int
    project: str
    department: str
    implementer: str
    status: Status
    revision: int
    total: str
    grade: str
    source_id: int | None
    created_at: str
    updated_at: str
    checksum: int
    data: bytes
    """data: the body as stored (core.store.packing)"""
    data_checksum: int

    @property
    def damage(self) -> str | None:
        """What of this form is damaged, or None."""
        return form_damage(self[:12], self.checksum, self.data, self.data_checksum)


_COLUMNS = (
    "f.id, f.year, f.project, f.department, f.implementer, f.status, f.revision, f.total, "
    "f.grade, f.source_id, f.created_at, f.updated_at, f.checksum, b.data, b.checksum"
)
ROW_SELECT = f"SELECT {_COLUMNS} FROM forms f LEFT JOIN form_bodies b ON b.id = f.id"


def find_row(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> FormRow | None:
    """The first row of ``ROW_SELECT`` + ``where`` (checksums not yet compared), or None."""
    rows = fetch_all(conn, f"{ROW_SELECT} {where}", params)
    return FormRow._make(rows[0]) if rows else None


def intact(row: FormRow) -> FormRow:
    """``row``, or DamagedForm when its checksums do not match."""
    damage = row.damage
    if damage:
        raise DamagedForm(row.id, damage)
    return row


def form_row(conn: sqlite3.Connection, form_id: int) -> FormRow:
    """The intact row of form ``form_id``; FormNotFound, DamagedForm."""
    row = find_row(conn, "WHERE f.id = ?", (form_id,))
    if row is None:
        raise FormNotFound(form_id)
    return intact(row)


def same_project_row(
    conn: sqlite3.Connection, project: str, implementer: str, year: int
) -> FormRow | None:
    """The latest stored form of this project, 实施单位 and year (not yet checked)."""
    return find_row(
        conn,
        "WHERE f.project = ? AND f.implementer = ? AND f.year = ? ORDER BY f.id DESC LIMIT 1",
        (project, implementer, year),
    )


def body_text(row: FormRow) -> str:
    """The JSON text of an intact row's body."""
    try:
        return unpack_text(row.data)
    except (zlib.error, UnicodeDecodeError):  # the checksum matched a damaged value
        raise DamagedForm(row.id, BODY_DAMAGE) from None


def body(row: FormRow) -> dict[str, Any]:
    """The interchange dict of an intact row's body (no store metadata)."""
    return json.loads(body_text(row))


def form_of(row: FormRow, recent: RecentForms | None = None) -> Form:
    """The form of an intact row, with its id, status and updated_at (from ``recent`` when it
    holds this very revision)."""
    from core.model import Form

    form = recent.get(row) if recent is not None else None
    if form is None:
        form = Form.model_validate_json(body_text(row))
        form = with_metadata(form, row.id, row.status, row.updated_at)
        if recent is not None:
            recent.put(row.id, row.revision, row.data_checksum, form)
    return form


class RecentForms:
    """The forms last read or written through one store, validated, by id.

    The TUI writes one field of the same form after another; validating the form's JSON again
    for each write is the largest cost of a write after the disk's. An entry is used only for
    the revision and the stored bytes (their checksum) it was made from. Forms are frozen
    models, so handing the same one out twice is safe.
    """

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._forms: OrderedDict[int, tuple[int, int, Form]] = OrderedDict()

    def get(self, row: FormRow) -> Form | None:
        entry = self._forms.get(row.id)
        if entry is None or entry[:2] != (row.revision, row.data_checksum):
            return None
        self._forms.move_to_end(row.id)
        return entry[2]

    def put(self, form_id: int, revision: int, data_checksum: int, form: Form) -> None:
        self._forms[form_id] = (revision, data_checksum, form)
        self._forms.move_to_end(form_id)
        while len(self._forms) > self._size:
            self._forms.popitem(last=False)


def with_metadata(form: Form, form_id: int, status: str, updated_at: str) -> Form:
    """``form`` carrying the store's metadata."""
    return form.model_copy(update={"status": status, "id": form_id, "updated_at": updated_at})


def stored(row: FormRow, form: Form | None = None, card: Scorecard | None = None) -> StoredForm:
    """The StoredForm of an intact row; ``form`` and ``card`` when the caller has them."""
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
    rows = fetch_all(conn, f"{ROW_SELECT} WHERE f.id > ? ORDER BY f.id LIMIT ?", (last_id, batch))
    return [FormRow._make(row) for row in rows]


def iter_intact(
    fetch: Callable[[int, int], list[FormRow]],
    batch: int,
    skipped: list[int] | None,
) -> Iterator[FormRow]:
    """The intact rows of batches from ``fetch(last_id, batch)``; damaged ids into ``skipped``."""
    last = 0
    while rows := fetch(last, batch):
        for row in rows:
            if row.damage is None:
                yield row
            elif skipped is not None:
                skipped.append(row.id)
        last = rows[-1].id


def interchange_file(row: FormRow) -> bytes:
    """An intact row as ``jixiao export ID --format json`` writes it (UTF-8, two-space indent,
    status, id and updated_at last), made from the stored JSON without parsing it
    (core.jsontext): what could act on a terminal is escaped in it already."""
    body = indented(_stored_json(row))
    metadata = _METADATA_ITEMS.encode(
        {"status": row.status, "id": row.id, "updated_at": row.updated_at}
    )
    return body[:-2] + b",\n  " + metadata[1:-1].encode("utf-8") + b"\n}\n"


_METADATA_ITEMS = json.JSONEncoder(ensure_ascii=False, separators=(",\n  ", ": "))
"""The store's metadata as items of a form's top level (two spaces in), in one C call."""


def interchange_line(row: FormRow) -> bytes:
    """An intact row as one line of compact interchange JSON (UTF-8), the stored JSON passed
    through unparsed: the body is an object, and its metadata goes in before the closing brace.
    """
    data = _stored_json(row)
    metadata = json.dumps({"status": row.status, "id": row.id, "updated_at": row.updated_at})
    return data[:-1] + b"," + metadata[1:].encode("ascii")


def is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM forms LIMIT 1").fetchone() is None


class Filters(NamedTuple):
    """What ``list_forms`` and ``count_forms`` narrow to; None (or empty) means any."""

    year: int | None = None
    implementer: str | None = None
    status: str | None = None
    query: str | None = None


class _Selection(NamedTuple):
    source: str
    where: str
    params: list[Any]
    order: str


MANY_HITS = 20_000
"""A search with a 实施单位 and fewer hits than this collects its hits first."""


def _selection(
    conn: sqlite3.Connection,
    filters: Filters,
    after: tuple[int, int] | None = None,
    *,
    rows: bool = True,
) -> _Selection:
    """Which forms ``filters`` select (``f`` is the forms table), and in which order.

    The order is the list's: newest year first, then newest form. A search walks the full-text
    index, whose keys are in that order (core.store.search), so its first page is read without
    collecting every hit. With a 实施单位, that unit's forms are walked instead (a few hundred
    at most), against the search's hits collected once, or, when there are very many of them,
    looking each form up in the index. ``after`` (year, id) starts after that form; ``rows``
    false leaves out the forms table where the index alone answers (a count).
    """
    expression = match_expression(filters.query) if filters.query else None
    clauses, params = [], []
    if expression and not filters.implementer:
        source = "form_search_fts s"
        if rows or filters.status:
            source += " JOIN forms f ON f.id = s.rowid & 0xFFFFFFFF"
        clauses.append("form_search_fts MATCH ?")
        params.append(expression)
        if filters.year is not None:
            clauses.append("s.rowid >= ? AND s.rowid < ?")
            params += [search_key(filters.year, 0), search_key(filters.year + 1, 0)]
        if after:
            clauses.append("s.rowid < ?")
            params.append(search_key(*after))
        order = "s.rowid DESC"
    else:
        source = "forms f"
        if filters.year is not None:
            clauses.append("f.year = ?")
            params.append(filters.year)
        if filters.implementer:
            clauses.append("f.implementer = ?")
            params.append(filters.implementer)
        if expression:
            key = f"(f.year << {SEARCH_KEY_SHIFT}) + f.id"
            if _many_hits(conn, expression):
                clauses.append(
                    "EXISTS (SELECT 1 FROM form_search_fts WHERE form_search_fts MATCH ? "
                    f"AND rowid = {key})"
                )
            else:
                clauses.append(
                    f"{key} IN (SELECT rowid FROM form_search_fts WHERE form_search_fts MATCH ?)"
                )
            params.append(expression)
        if after:
            clauses.append("(f.year, f.id) < (?, ?)")
            params += list(after)
        order = "f.year DESC, f.id DESC"
    if filters.status:
        clauses.append("f.status = ?")
        params.append(filters.status)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return _Selection(source, where, params, order)


def _many_hits(conn: sqlite3.Connection, expression: str) -> bool:
    sql = (
        "SELECT count(*) FROM (SELECT 1 FROM form_search_fts WHERE form_search_fts MATCH ? LIMIT ?)"
    )
    return conn.execute(sql, (expression, MANY_HITS)).fetchone()[0] >= MANY_HITS


def summaries(
    conn: sqlite3.Connection,
    filters: Filters,
    limit: int | None,
    offset: int,
    after: tuple[int, int] | None = None,
) -> list[FormSummary]:
    """Summaries, newest year first, filtered and searched; damaged forms marked.

    ``after`` (year, id of the last form of the previous page) pages without OFFSET's cost.
    """
    source, where, params, order = _selection(conn, filters, after)
    sql = (
        f"SELECT {_COLUMNS} FROM {source} LEFT JOIN form_bodies b ON b.id = f.id"
        f"{where} ORDER BY {order}"
    )
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    return [summary_of(FormRow._make(row)) for row in fetch_all(conn, sql, params)]


def summary_of(row: FormRow) -> FormSummary:
    """The list's view of a row (positional: thousands of rows, keywords cost a third more)."""
    damaged = row.damage is not None
    try:
        total = Decimal(row.total)
    except (InvalidOperation, TypeError):
        total, damaged = Decimal(0), True
    return FormSummary(
        row.id,
        row.year,
        row.project,
        row.department,
        row.implementer,
        row.status,
        total,
        row.grade,
        row.updated_at,
        damaged,
    )


def count(conn: sqlite3.Connection, filters: Filters, at_most: int | None = None) -> int:
    """How many forms ``summaries`` would return without a limit; counting stops at ``at_most``."""
    source, where, params, _ = _selection(conn, filters, rows=False)
    if at_most is None:
        return conn.execute(f"SELECT count(*) FROM {source}{where}", params).fetchone()[0]
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {source}{where} LIMIT ?)"
    return conn.execute(sql, [*params, at_most]).fetchone()[0]


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
    return [dict(zip(keys, row, strict=True)) for row in fetch_all(conn, sql, params)]


def previous_form(conn: sqlite3.Connection, form_id: int) -> StoredForm | None:
    """The form to compare with: the clone source, else the same project a year earlier."""
    row = form_row(conn, form_id)
    if row.source_id is not None:
        source = find_row(conn, "WHERE f.id = ?", (row.source_id,))
        if source is not None:
            return stored(intact(source))
    earlier = same_project_row(conn, row.project, row.implementer, row.year - 1)
    return stored(intact(earlier)) if earlier else None


def project_form_id(
    conn: sqlite3.Connection, project: str, implementer: str, year: int
) -> int | None:
    """The id of a stored form of this project, 实施单位 and year."""
    found = conn.execute(
        "SELECT id FROM forms WHERE project = ? AND implementer = ? AND year = ?",
        (project, implementer, year),
    ).fetchone()
    return found[0] if found else None


def _stored_json(row: FormRow) -> bytes:
    """The compact UTF-8 JSON of an intact row's body (an object)."""
    try:
        return unpack_bytes(row.data)
    except zlib.error:  # the checksum matched a damaged value
        raise DamagedForm(row.id, BODY_DAMAGE) from None
