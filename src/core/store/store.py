"""The local store: one SQLite file, per-field durable writes, history, lifecycle, search.

Screens and commands call the named methods of ``Store``; nothing outside this package
sees SQL. Every write is one short ``BEGIN IMMEDIATE`` transaction on a WAL file with
``synchronous=FULL``: when a method returns, its change is on disk.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import InputError
from core.resources import sample_files
from core.store.backup import verified_copy
from core.store.errors import (
    ConflictError,
    FinalFormError,
    FinalizeRefused,
    FormNotFound,
    StoreError,
)
from core.store.history import replay, value_at
from core.store.labels import FORM_PATH, INDICATORS_PATH, STATUS_PATH
from core.store.paths import default_db_path
from core.store.records import Change, Cursor, FormSummary, Status, StoredForm
from core.store.schema import connect, indicator_rows
from core.store.search import form_search_text, match_expression

if TYPE_CHECKING:
    from sqlite_utils import Database

    from core.model import Form, Indicator
    from core.scoring import Scorecard

# The form model (pydantic), scoring and sqlite_utils are imported where they are first used:
# listing forms for the home screen needs none of them, and they cost a third of the start-up.

_METADATA = ("status", "id", "updated_at")
KNOWN_INDICATORS_RECENT_FORMS = 1000
_SUMMARY_COLUMNS = "id, year, project, department, implementer, status, total, grade, updated_at"
_ROW_SELECT = (
    "SELECT f.id, b.data, f.status, f.revision, f.updated_at, f.source_id "
    "FROM forms f JOIN form_bodies b ON b.id = f.id"
)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers, some Windows services)
        return os.environ.get("USERNAME") or os.environ.get("USER") or "未知用户"


def _body(form: Form) -> dict[str, Any]:
    """The interchange dict that is stored: the form without store metadata."""
    from core.interchange import form_to_data

    data = form_to_data(form)
    for key in _METADATA:
        data.pop(key, None)
    return data


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Store:
    """One jixiao store file. Open with ``Store.open(path)``; close, or use ``with``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._user = _os_user()
        self.path = path

    @cached_property
    def _db(self) -> Database:
        from sqlite_utils import Database

        return Database(self._conn, execute_plugins=False)

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open (creating or migrating) the store at ``path``; None → the per-user default."""
        path = Path(path) if path is not None else default_db_path()
        return cls(connect(path), path)

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One durable transaction holding the write lock from its first read."""
        with self._lock, self._sqlite_errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:  # SQLite may have rolled back already
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[None]:
        with self._lock, self._sqlite_errors():
            yield

    @contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(f"存储文件 {self.path} 正被其他程序写入，请稍后再试") from None
            raise StoreError(f"存储文件 {self.path} 出错：{exc}") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"存储文件 {self.path} 出错：{exc}") from None

    # -- reading -------------------------------------------------------------------------

    def _row(self, form_id: int) -> sqlite3.Row | tuple:
        row = self._conn.execute(f"{_ROW_SELECT} WHERE f.id = ?", (form_id,)).fetchone()
        if row is None:
            raise FormNotFound(form_id)
        return row

    @staticmethod
    def _form_of(row: tuple) -> Form:
        from core.model import Form

        form_id, data, status, _, updated_at, _ = row
        form = Form.model_validate_json(data)
        return form.model_copy(update={"status": status, "id": form_id, "updated_at": updated_at})

    def _stored(
        self, row: tuple, form: Form | None = None, card: Scorecard | None = None
    ) -> StoredForm:
        from core.scoring import score_form

        form = form or self._form_of(row)
        return StoredForm(
            id=row[0],
            form=form,
            status=row[2],
            revision=row[3],
            updated_at=row[4],
            source_id=row[5],
            scorecard=card or score_form(form),
        )

    def get_form(self, form_id: int) -> StoredForm:
        """The whole form, its lifecycle and its scorecard (computed on read)."""
        with self._read():
            return self._stored(self._row(form_id))

    def iter_forms(self, *, batch: int = 500) -> Iterator[Form]:
        """Every stored form (with id, status, updated_at), by id, unscored: for bulk export."""
        last = 0
        while True:
            with self._read():
                rows = self._conn.execute(
                    f"{_ROW_SELECT} WHERE f.id > ? ORDER BY f.id LIMIT ?", (last, batch)
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._form_of(row)
            last = rows[-1][0]

    def iter_form_data(self, *, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every stored form as its interchange dict (with status, id, updated_at), by id.

        The stored JSON was validated when written, so bulk exports skip re-validating it.
        """
        last = 0
        while True:
            with self._read():
                rows = self._conn.execute(
                    "SELECT f.id, b.data, f.status, f.updated_at FROM forms f "
                    "JOIN form_bodies b ON b.id = f.id WHERE f.id > ? ORDER BY f.id LIMIT ?",
                    (last, batch),
                ).fetchall()
            if not rows:
                return
            for form_id, data, status, updated_at in rows:
                body = json.loads(data)
                body.update(status=status, id=form_id, updated_at=updated_at)
                yield body
            last = rows[-1][0]

    def is_empty(self) -> bool:
        """True while no form is stored."""
        with self._read():
            return self._conn.execute("SELECT 1 FROM forms LIMIT 1").fetchone() is None

    def _where(
        self, year: int | None, implementer: str | None, status: str | None, query: str | None
    ) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if year is not None:
            clauses.append("year = ?")
            params.append(year)
        if implementer:
            clauses.append("implementer = ?")
            params.append(implementer)
        if status:
            clauses.append("status = ?")
            params.append(status)
        expression = match_expression(query) if query else None
        if expression:
            clauses.append(
                "id IN (SELECT rowid FROM form_search_fts WHERE form_search_fts MATCH ?)"
            )
            params.append(expression)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def list_forms(
        self,
        *,
        year: int | None = None,
        implementer: str | None = None,
        status: str | None = None,
        query: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[FormSummary]:
        """Summaries of the stored forms, newest year first, filtered and searched."""
        where, params = self._where(year, implementer, status, query)
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM forms{where} ORDER BY year DESC, id DESC"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        with self._read():
            rows = self._conn.execute(sql, params).fetchall()
        # positional: thousands of rows, and keyword arguments cost a third more here
        return [
            FormSummary(r[0], r[1], r[2], r[3], r[4], r[5], Decimal(r[6]), r[7], r[8]) for r in rows
        ]

    def count_forms(
        self,
        *,
        year: int | None = None,
        implementer: str | None = None,
        status: str | None = None,
        query: str | None = None,
    ) -> int:
        """How many forms ``list_forms`` would return without a limit."""
        where, params = self._where(year, implementer, status, query)
        with self._read():
            return self._conn.execute(f"SELECT count(*) FROM forms{where}", params).fetchone()[0]

    def known_indicators(self, implementer: str | None = None, limit: int = 500) -> list[dict]:
        """Indicators of earlier stored forms (most used first), for completion.

        With an implementer, from all of its forms; without, from the latest 1,000 forms.
        Each is a dict with level1, level2, name, target, weight (a string or None) and uses.
        """
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
                " WHERE i.name != '' AND i.form_id IN "
                "(SELECT id FROM forms ORDER BY id DESC LIMIT ?)"
            )
            params.append(KNOWN_INDICATORS_RECENT_FORMS)
        sql += " GROUP BY i.level1, i.level2, i.name, i.target ORDER BY uses DESC, i.name LIMIT ?"
        params.append(limit)
        with self._read():
            rows = self._conn.execute(sql, params).fetchall()
        keys = ("level1", "level2", "name", "target", "weight", "uses")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    # -- history -------------------------------------------------------------------------

    def history(self, form_id: int) -> list[Change]:
        """Every change of a form, oldest first (its creation is the first)."""
        with self._read():
            self._row(form_id)
            rows = self._conn.execute(
                "SELECT id, form_id, path, old, new, at, user, note FROM changes "
                "WHERE form_id = ? ORDER BY id",
                (form_id,),
            ).fetchall()
        return [self._change(row) for row in rows]

    @staticmethod
    def _change(row: tuple) -> Change:
        change_id, form_id, path, old, new, at, user, note = row
        return Change(
            id=change_id,
            form_id=form_id,
            path=path,
            old=None if old is None else json.loads(old),
            new=None if new is None else json.loads(new),
            at=at,
            user=user,
            note=note,
        )

    def form_at(self, form_id: int, change_id: int) -> Form:
        """The form as it was right after change ``change_id``, rebuilt from its history."""
        changes = self.history(form_id)
        if not any(change.id == change_id for change in changes):
            raise StoreError(f"表单 {form_id} 的历史中没有第 {change_id} 号改动")
        return replay(change for change in changes if change.id <= change_id)

    # -- writing -------------------------------------------------------------------------

    def _check_writable(self, row: tuple, revision: int | None, action: str = "修改") -> None:
        form_id, _, status, current, *_ = row
        if status == "final":
            raise FinalFormError(form_id, action)
        if revision is not None and revision != current:
            paths = [
                path
                for (path,) in self._conn.execute(
                    "SELECT path FROM changes WHERE form_id = ? AND revision > ? ORDER BY id",
                    (form_id, revision),
                )
            ]
            raise ConflictError(form_id, revision, current, paths)

    def _record(
        self, form_id: int, revision: int, path: str, old: Any, new: Any, note: str | None = None
    ) -> None:
        self._conn.execute(
            "INSERT INTO changes (form_id, revision, path, old, new, at, user, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                form_id,
                revision,
                path,
                None if old is None else _dumps(old),
                None if new is None else _dumps(new),
                _now(),
                self._user,
                note,
            ),
        )

    def _index(self, form_id: int, old: Form | None, new: Form) -> None:
        """Keep the search text and the indicator rows in step with the form."""
        text = form_search_text(new)
        if old is None or form_search_text(old) != text:
            self._conn.execute(
                "INSERT OR REPLACE INTO form_search (id, text) VALUES (?, ?)", (form_id, text)
            )
        rows = indicator_rows(form_id, new)
        if old is None or indicator_rows(form_id, old) != rows:
            self._conn.execute("DELETE FROM form_indicators WHERE form_id = ?", (form_id,))
            self._db["form_indicators"].insert_all(rows)

    def _insert(
        self, form: Form, status: Status, source_id: int | None = None, note: str | None = None
    ) -> StoredForm:
        from core.scoring import score_form

        card = score_form(form)
        now = _now()
        body = _body(form)
        cursor = self._conn.execute(
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
                now,
                now,
            ),
        )
        form_id = cursor.lastrowid
        self._conn.execute(
            "INSERT INTO form_bodies (id, data) VALUES (?, ?)", (form_id, _dumps(body))
        )
        self._record(form_id, 1, FORM_PATH, None, {**body, "status": status}, note)
        self._index(form_id, None, form)
        return self._stored(
            (form_id, None, status, 1, now, source_id), self._meta(form, form_id, status, now), card
        )

    @staticmethod
    def _meta(form: Form, form_id: int, status: str, updated_at: str) -> Form:
        return form.model_copy(update={"status": status, "id": form_id, "updated_at": updated_at})

    def _update(
        self,
        row: tuple,
        old: Form | None,
        new: Form,
        changes: list[tuple[str, Any, Any, str | None]],
        status: Status | None = None,
        new_body: dict[str, Any] | None = None,
    ) -> StoredForm:
        """Store the new form and its changes as the next revision."""
        form_id, _, old_status, revision, _, source_id = row
        old = old or self._form_of(row)
        new_body = new_body or _body(new)
        status = status or old_status
        from core.scoring import score_form

        card = score_form(new)
        now = _now()
        revision += 1
        self._conn.execute(
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
                now,
                form_id,
            ),
        )
        self._conn.execute(
            "UPDATE form_bodies SET data = ? WHERE id = ?", (_dumps(new_body), form_id)
        )
        for path, old_value, new_value, note in changes:
            self._record(form_id, revision, path, old_value, new_value, note)
        self._index(form_id, old, new)
        return self._stored(
            (form_id, None, status, revision, now, source_id),
            self._meta(new, form_id, status, now),
            card,
        )

    def create_form(self, form: Form) -> StoredForm:
        """Store a new draft."""
        with self._write():
            return self._insert(form, "draft")

    def import_form(self, form: Form) -> StoredForm:
        """Store a form read from a file, with the status it carries (draft by default).

        A stored form of the same year, project and implementer is replaced (its history
        keeps the old content); a final one is never replaced.
        """
        with self._write():
            return self._import(form)

    def import_forms(self, forms: list[Form]) -> list[StoredForm]:
        """Store the forms read from one file (a workbook of forms): all of them or none, in one
        transaction, each as ``import_form`` stores it."""
        with self._write():
            return [self._import(form) for form in forms]

    def _import(self, form: Form) -> StoredForm:
        status: Status = form.status or "draft"
        existing = self._conn.execute(
            f"{_ROW_SELECT} WHERE f.project = ? AND f.implementer = ? AND f.year = ? "
            "ORDER BY f.id DESC LIMIT 1",
            (form.project, form.implementer, form.year),
        ).fetchone()
        if existing is None or not form.project.strip():  # blank drafts never match
            return self._insert(form, status)
        if existing[2] == "final":
            raise FinalFormError(existing[0], "被导入覆盖")
        old_body, new_body = json.loads(existing[1]), _body(form)
        if old_body == new_body and status == existing[2]:
            return self._stored(existing)
        change = (
            FORM_PATH,
            {**old_body, "status": existing[2]},
            {**new_body, "status": status},
            "导入覆盖",
        )
        return self._update(existing, None, form, [change], status, new_body)

    def load_samples(self) -> list[int]:
        """Import the shipped sample forms not yet stored; the ids of all of them."""
        from core.interchange import read_form

        ids = []
        for path in sample_files():
            form = read_form(path)
            with self._read():
                found = self._conn.execute(
                    "SELECT id FROM forms WHERE project = ? AND implementer = ? AND year = ?",
                    (form.project, form.implementer, form.year),
                ).fetchone()
            ids.append(found[0] if found else self.import_form(form).id)
        return ids

    def set_field(
        self, form_id: int, path: str, value: Any, *, revision: int | None = None
    ) -> StoredForm:
        """Set one field (the value parsed as typed); clears a pending input at that path.

        InputError for a value that cannot be accepted, ConflictError when ``revision`` is
        given and the form moved on, FinalFormError when the form is final.
        """
        from core import edit

        with self._write():
            row = self._row(form_id)
            self._check_writable(row, revision)
            old = self._form_of(row)
            new = edit.set_field(old, path, value)
            self._conn.execute(
                "DELETE FROM pending_inputs WHERE form_id = ? AND path = ?", (form_id, path)
            )
            new_body = _body(new)
            old_value, new_value = value_at(json.loads(row[1]), path), value_at(new_body, path)
            if old_value == new_value:
                return self._stored(row, old)
            change = (path, old_value, new_value, None)
            return self._update(row, old, new, [change], new_body=new_body)

    def _restructure(
        self, form_id: int, revision: int | None, change: Any, moves: Any
    ) -> StoredForm:
        with self._write():
            row = self._row(form_id)
            self._check_writable(row, revision)
            old = self._form_of(row)
            new = change(old)
            self._remap_pending(form_id, moves(len(old.indicators)))
            old_rows, new_body = json.loads(row[1])["indicators"], _body(new)
            change = (INDICATORS_PATH, old_rows, new_body["indicators"], None)
            return self._update(row, old, new, [change], new_body=new_body)

    def insert_indicator(
        self, form_id: int, index: int, indicator: Indicator, *, revision: int | None = None
    ) -> StoredForm:
        """Insert an indicator row before ``index`` (at the end when index ≥ row count)."""
        from core import edit

        def moves(count: int) -> dict[int, int | None]:
            at = max(0, min(index, count))
            return {k: (k if k < at else k + 1) for k in range(count)}

        return self._restructure(
            form_id, revision, lambda f: edit.insert_indicator(f, index, indicator), moves
        )

    def delete_indicator(
        self, form_id: int, index: int, *, revision: int | None = None
    ) -> StoredForm:
        """Delete indicator row ``index``."""
        from core import edit

        def moves(count: int) -> dict[int, int | None]:
            return {k: (k if k < index else None if k == index else k - 1) for k in range(count)}

        return self._restructure(
            form_id, revision, lambda f: edit.delete_indicator(f, index), moves
        )

    def move_indicator(
        self, form_id: int, index: int, new_index: int, *, revision: int | None = None
    ) -> StoredForm:
        """Move indicator row ``index`` to ``new_index``."""
        from core import edit

        def moves(count: int) -> dict[int, int | None]:
            order = list(range(count))
            order.insert(new_index, order.pop(index))
            return {old: new for new, old in enumerate(order)}

        return self._restructure(
            form_id, revision, lambda f: edit.move_indicator(f, index, new_index), moves
        )

    def _remap_pending(self, form_id: int, moves: dict[int, int | None]) -> None:
        """Pending inputs follow their indicator row when rows are inserted, deleted, moved."""
        pending = self._conn.execute(
            "SELECT path, raw FROM pending_inputs WHERE form_id = ? AND path LIKE 'indicators[%'",
            (form_id,),
        ).fetchall()
        if not pending:
            return
        self._conn.execute(
            "DELETE FROM pending_inputs WHERE form_id = ? AND path LIKE 'indicators[%'", (form_id,)
        )
        for path, raw in pending:
            index_text, _, rest = path[len("indicators[") :].partition("]")
            target = moves.get(int(index_text))
            if target is not None:
                self._conn.execute(
                    "INSERT INTO pending_inputs (form_id, path, raw) VALUES (?, ?, ?)",
                    (form_id, f"indicators[{target}]{rest}", raw),
                )

    # -- lifecycle -----------------------------------------------------------------------

    def finalize(self, form_id: int) -> StoredForm:
        """定稿; FinalizeRefused (with the findings) while errors or pending inputs remain."""
        with self._write():
            row = self._row(form_id)
            self._check_writable(row, None, "再次定稿")
            form = self._form_of(row)
            from core.scoring import score_form

            blocking = list(score_form(form, pending_inputs=self._pending(form_id)).errors)
            if blocking:
                raise FinalizeRefused(form_id, blocking)
            change = (STATUS_PATH, "draft", "final", None)
            return self._update(row, form, form, [change], "final")

    def reopen(self, form_id: int, reason: str) -> StoredForm:
        """退回修改: a final form becomes a draft again; the reason goes into the history."""
        if not reason or not reason.strip():
            raise InputError("退回修改需要填写原因")
        with self._write():
            row = self._row(form_id)
            if row[2] != "final":
                raise StoreError(f"表单 {form_id} 不是定稿，无需退回修改")
            form = self._form_of(row)
            change = (STATUS_PATH, "final", "draft", reason.strip())
            return self._update(row, form, form, [change], "draft")

    def unlock_target(
        self, form_id: int, index: int, reason: str, *, revision: int | None = None
    ) -> StoredForm:
        """解锁 one row's 年度指标值 (locked from the 目标申报表); the reason goes into history."""
        from core import edit

        if not reason or not reason.strip():
            raise InputError("解锁年度指标值需要填写原因")
        with self._write():
            row = self._row(form_id)
            self._check_writable(row, revision, "解锁")
            old = self._form_of(row)
            new = edit.unlock_target(old, index)
            change = (f"indicators[{index}].{edit.LOCK_FIELD}", True, False, reason.strip())
            return self._update(row, old, new, [change])

    def clone_to_year(self, form_id: int, year: int | None = None) -> StoredForm:
        """A new draft for ``year`` (default: the next) from a stored form.

        Header, expected goal, indicators with targets and weights are kept; funds,
        actuals, scores, deviations and grades are left empty. The source is linked.
        """
        from pydantic import ValidationError

        from core.messages import first_problem
        from core.model import MAX_YEAR, MIN_YEAR, Form

        with self._write():
            source = self._form_of(self._row(form_id))
            year = source.year + 1 if year is None else year
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise InputError(f"年度应在 {MIN_YEAR} 到 {MAX_YEAR} 之间，收到 {year}")
            duplicate = self._conn.execute(
                "SELECT id FROM forms WHERE project = ? AND implementer = ? AND year = ?",
                (source.project, source.implementer, year),
            ).fetchone()
            if duplicate:
                raise StoreError(
                    f"{year} 年度已有项目“{source.project}”的表单（编号 {duplicate[0]}），未复制"
                )
            data = _body(source)
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
            return self._insert(clone, "draft", source_id=form_id, note=f"由表单 {form_id} 复制")

    def previous_form(self, form_id: int) -> StoredForm | None:
        """The form to compare with: the clone source, else the same project a year earlier."""
        with self._read():
            row = self._row(form_id)
            source_id = row[5]
            if source_id is not None:
                source = self._conn.execute(
                    f"{_ROW_SELECT} WHERE f.id = ?", (source_id,)
                ).fetchone()
                if source is not None:
                    return self._stored(source)
            form = self._form_of(row)
            earlier = self._conn.execute(
                f"{_ROW_SELECT} WHERE f.project = ? AND f.implementer = ? AND f.year = ? "
                "ORDER BY f.id DESC LIMIT 1",
                (form.project, form.implementer, form.year - 1),
            ).fetchone()
            return self._stored(earlier) if earlier else None

    def delete_form(self, form_id: int) -> None:
        """Delete a draft with its history; a final form cannot be deleted."""
        with self._write():
            row = self._row(form_id)
            if row[2] == "final":
                raise FinalFormError(form_id, "删除")
            self._conn.execute("UPDATE forms SET source_id = NULL WHERE source_id = ?", (form_id,))
            for table in ("changes", "pending_inputs", "form_indicators"):
                self._conn.execute(f"DELETE FROM {table} WHERE form_id = ?", (form_id,))
            self._conn.execute("DELETE FROM form_search WHERE id = ?", (form_id,))
            self._conn.execute("DELETE FROM form_bodies WHERE id = ?", (form_id,))
            self._conn.execute("DELETE FROM cursor WHERE form_id = ?", (form_id,))
            self._conn.execute("DELETE FROM forms WHERE id = ?", (form_id,))

    # -- pending inputs and cursor -------------------------------------------------------

    def _pending(self, form_id: int) -> dict[str, str]:
        rows = self._conn.execute(
            "SELECT path, raw FROM pending_inputs WHERE form_id = ? ORDER BY path", (form_id,)
        )
        return dict(rows.fetchall())

    def set_pending_input(self, form_id: int, path: str, raw: str) -> None:
        """Keep input that could not be accepted, as typed; it blocks finalising."""
        with self._write():
            row = self._row(form_id)
            if row[2] == "final":
                raise FinalFormError(form_id)
            self._conn.execute(
                "INSERT OR REPLACE INTO pending_inputs (form_id, path, raw) VALUES (?, ?, ?)",
                (form_id, path, raw),
            )

    def clear_pending_input(self, form_id: int, path: str) -> None:
        """Forget the pending input at ``path`` (no error when there is none)."""
        with self._write():
            self._conn.execute(
                "DELETE FROM pending_inputs WHERE form_id = ? AND path = ?", (form_id, path)
            )

    def pending_inputs(self, form_id: int) -> dict[str, str]:
        """Path → raw text of every input kept as typed."""
        with self._read():
            return self._pending(form_id)

    def save_cursor(self, cursor: Cursor) -> None:
        """Remember where the user is (one place per store)."""
        with self._write():
            self._conn.execute(
                "INSERT OR REPLACE INTO cursor (id, form_id, step, path) VALUES (1, ?, ?, ?)",
                (cursor.form_id, cursor.step, cursor.path),
            )

    def load_cursor(self) -> Cursor | None:
        """Where the user was; None when nothing was saved or that form is gone."""
        with self._read():
            row = self._conn.execute(
                "SELECT c.form_id, c.step, c.path FROM cursor c "
                "LEFT JOIN forms f ON f.id = c.form_id "
                "WHERE c.id = 1 AND (c.form_id IS NULL OR f.id IS NOT NULL)"
            ).fetchone()
        return Cursor(*row) if row else None

    # -- copies --------------------------------------------------------------------------

    def backup(self, target: Path | str) -> int:
        """A verified copy of the whole store at ``target``; the number of forms in it.

        The store itself and the files SQLite keeps beside it are refused as targets.
        """
        from core.files import check_output_target

        try:
            check_output_target(Path(target), store=self.path, what="备份文件")
        except InputError as refused:
            raise StoreError(str(refused)) from None
        with self._read():
            return verified_copy(self._conn, Path(target))
