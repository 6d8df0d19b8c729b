"""The local store: one SQLite file, per-field durable writes, history, lifecycle, search.

Screens and commands call the named methods of ``Store``; nothing outside this package sees
SQL. Each method takes the store's lock, opens a transaction and calls one function of the
module that does that job (reading, writing, restructure, lifecycle, pending, history). Every
write is one short ``BEGIN IMMEDIATE`` transaction on a WAL file with ``synchronous=FULL``:
when a method returns, its change is on disk.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import fieldpaths
from core.errors import InputError
from core.resources import sample_files
from core.store import history, integrity, lifecycle, pending, reading, restructure, writing
from core.store.backup import verified_copy
from core.store.errors import StoreDamaged, StoreError, describe_sqlite_error
from core.store.integrity import IntegrityReport
from core.store.location import default_db_path
from core.store.reading import Filters
from core.store.records import Change, Cursor, FormSummary, Imported, StoredForm
from core.store.schema import connect, open_second_connection

if TYPE_CHECKING:
    from core.model import Form, Indicator

# The form model (pydantic), scoring and sqlite_utils are imported where they are first used:
# listing forms for the home screen needs none of them, and they cost a third of the start-up.


class Store:
    """One jixiao store file. Open with ``Store.open(path)``; close, or use ``with``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._user = writing.os_user()
        self._refusal: str | None = None
        self._checking: sqlite3.Connection | None = None
        self._recent = reading.RecentForms()
        self.path = path

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        for_reading: bool = False,
        announce: Callable[[str], None] | None = None,
    ) -> Store:
        """Open (creating or migrating) the store at ``path``; None → the per-user default.

        ``for_reading``: the caller only reads, so a missing file is an error (nothing is
        created) and a file that cannot be written there is opened read-only.
        ``announce`` receives a line for the user when a migration starts.
        """
        path = Path(path) if path is not None else default_db_path()
        return cls(connect(path, for_reading=for_reading, announce=announce), path)

    @property
    def read_only(self) -> bool:
        """Opened read-only (``for_reading`` where the file cannot be written)."""
        with self._read() as conn:
            return bool(conn.execute("PRAGMA query_only").fetchone()[0])

    def close(self) -> None:
        """Close the file (and interrupt a running check); the store cannot be used afterwards."""
        checking = self._checking
        if checking is not None:
            checking.interrupt()
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One durable transaction holding the write lock from its first read."""
        with self._lock, self._sqlite_errors():
            if self._refusal:
                raise StoreError(self._refusal)
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:  # SQLite may have rolled back already
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._sqlite_errors():
            yield self._conn

    @contextmanager
    def _sqlite_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(describe_sqlite_error(exc, self.path)) from None

    # -- reading -------------------------------------------------------------------------

    def get_form(self, form_id: int) -> StoredForm:
        """The whole form, its lifecycle and its scorecard (computed on read)."""
        with self._read() as conn:
            row = reading.form_row(conn, form_id)
            return reading.stored(row, reading.form_of(row, self._recent))

    def iter_forms(self, *, batch: int = 500, skipped: list[int] | None = None) -> Iterator[Form]:
        """Every stored form (with id, status, updated_at), by id, unscored: for bulk export.

        Damaged forms are left out; their ids go into ``skipped`` when one is given.
        """
        for row in reading.iter_intact(self._rows_after, batch, skipped):
            yield reading.form_of(row)

    def iter_form_files(
        self, *, batch: int = 500, skipped: list[int] | None = None
    ) -> Iterator[tuple[int, bytes]]:
        """Every stored form's id and its interchange file as ``jixiao export ID --format json``
        writes it, by id, made from the stored JSON without parsing it. Damaged forms are left
        out; their ids go into ``skipped`` when one is given.
        """
        for row in reading.iter_intact(self._rows_after, batch, skipped):
            yield row.id, reading.interchange_file(row)

    def iter_form_lines(
        self, *, batch: int = 500, skipped: list[int] | None = None
    ) -> Iterator[bytes]:
        """Every stored form as one line of compact interchange JSON in UTF-8, by id, passed
        through unparsed (JSON lines). Damaged forms are left out; their ids go into
        ``skipped`` when one is given.
        """
        for row in reading.iter_intact(self._rows_after, batch, skipped):
            yield reading.interchange_line(row)

    def iter_summaries(
        self,
        *,
        year: int | None = None,
        implementer: str | None = None,
        status: str | None = None,
        query: str | None = None,
        batch: int = 1000,
    ) -> Iterator[FormSummary]:
        """``list_forms`` without a limit, read a batch at a time (the lock is let go between)."""
        filters = Filters(year, implementer, status, query)
        after = None
        while True:
            with self._read() as conn:
                page = reading.summaries(conn, filters, batch, 0, after)
            yield from page
            if len(page) < batch:
                return
            after = (page[-1].year, page[-1].id)

    def _rows_after(self, last_id: int, batch: int) -> list[reading.FormRow]:
        with self._read() as conn:
            return reading.rows_after(conn, last_id, batch)

    def is_empty(self) -> bool:
        """True while no form is stored."""
        with self._read() as conn:
            return reading.is_empty(conn)

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
        filters = Filters(year, implementer, status, query)
        with self._read() as conn:
            return reading.summaries(conn, filters, limit, offset)

    def count_forms(
        self,
        *,
        year: int | None = None,
        implementer: str | None = None,
        status: str | None = None,
        query: str | None = None,
        at_most: int | None = None,
    ) -> int:
        """How many forms ``list_forms`` would return without a limit.

        With ``at_most``, counting stops there: a search that matches most of a large store is
        counted in a few milliseconds as "at least ``at_most``".
        """
        with self._read() as conn:
            return reading.count(conn, Filters(year, implementer, status, query), at_most)

    def known_indicators(self, implementer: str | None = None, limit: int = 500) -> list[dict]:
        """Indicators of earlier stored forms (most used first), for completion.

        With an implementer, from all of its forms; without, from the latest 1,000 forms.
        Each is a dict with level1, level2, name, target, weight (a string or None) and uses.
        """
        with self._read() as conn:
            return reading.known_indicators(conn, implementer, limit)

    def previous_form(self, form_id: int) -> StoredForm | None:
        """The form to compare with: the clone source, else the same project a year earlier."""
        with self._read() as conn:
            return reading.previous_form(conn, form_id)

    # -- history -------------------------------------------------------------------------

    def history(self, form_id: int) -> list[Change]:
        """Every change of a form, oldest first (its creation is the first)."""
        with self._read() as conn:
            reading.form_row(conn, form_id)
            return history.changes(conn, form_id)

    def form_at(self, form_id: int, change_id: int) -> Form:
        """The form as it was right after change ``change_id``, rebuilt from its history."""
        changes = self.history(form_id)
        if not any(change.id == change_id for change in changes):
            raise StoreError(f"表单 {form_id} 的历史中没有第 {change_id} 号改动")
        return history.replay(change for change in changes if change.id <= change_id)

    # -- writing -------------------------------------------------------------------------

    def create_form(self, form: Form) -> StoredForm:
        """Store a new draft."""
        with self._write() as conn:
            return writing.insert(conn, self._user, form, "draft")

    def import_form(self, form: Form) -> StoredForm:
        """Store a form read from a file, with the status it carries (draft by default).

        A stored form of the same year, project and implementer is replaced (its history
        keeps the old content); a final one is never replaced. See ``import_with_outcome``.
        """
        return self.import_with_outcome(form).stored

    def import_with_outcome(self, form: Form) -> Imported:
        """``import_form``, saying what it did: added, replaced or unchanged, and why a form
        marked 定稿 was stored as a draft (finalize would not have accepted it)."""
        with self._write() as conn:
            return writing.import_form(conn, self._user, form)

    def import_forms(self, forms: list[Form]) -> list[StoredForm]:
        """Store the forms read from one file (a workbook of forms): all of them or none, in one
        transaction, each as ``import_form`` stores it."""
        return [outcome.stored for outcome in self.import_forms_with_outcome(forms)]

    def import_forms_with_outcome(self, forms: list[Form]) -> list[Imported]:
        """``import_forms``, saying what became of each (see ``import_with_outcome``)."""
        with self._write() as conn:
            return [writing.import_form(conn, self._user, form) for form in forms]

    def load_samples(self) -> list[int]:
        """Store the shipped sample forms not yet stored; the ids of all of them.

        The samples keep the status they ship with: they are real 2022 forms, stamped as they
        are (two of them with weights that add up to 90), not files a user asks to import.
        """
        from core.interchange import read_form

        ids = []
        for path in sample_files():
            form = read_form(path)
            with self._write() as conn:
                found = reading.project_form_id(conn, form.project, form.implementer, form.year)
                if found is None:
                    found = writing.insert(conn, self._user, form, form.status or "draft").id
            ids.append(found)
        return ids

    def set_field(
        self, form_id: int, path: str, value: Any, *, revision: int | None = None
    ) -> StoredForm:
        """Set one field (the value parsed as typed); clears a pending input at that path.

        InputError for a value that cannot be accepted, ConflictError when ``revision`` is
        given and the form moved on, FinalFormError when the form is final.
        """
        with self._write() as conn:
            return writing.set_field(conn, self._user, form_id, path, value, revision, self._recent)

    def insert_indicator(
        self, form_id: int, index: int, indicator: Indicator, *, revision: int | None = None
    ) -> StoredForm:
        """Insert an indicator row before ``index`` (at the end when index ≥ row count)."""
        with self._write() as conn:
            return restructure.insert_indicator(
                conn, self._user, form_id, index, indicator, revision
            )

    def delete_indicator(
        self, form_id: int, index: int, *, revision: int | None = None
    ) -> StoredForm:
        """Delete indicator row ``index``."""
        with self._write() as conn:
            return restructure.delete_indicator(conn, self._user, form_id, index, revision)

    def move_indicator(
        self, form_id: int, index: int, new_index: int, *, revision: int | None = None
    ) -> StoredForm:
        """Move indicator row ``index`` to ``new_index``."""
        with self._write() as conn:
            return restructure.move_indicator(conn, self._user, form_id, index, new_index, revision)

    # -- lifecycle -----------------------------------------------------------------------

    def finalize(self, form_id: int) -> StoredForm:
        """定稿; FinalizeRefused (with the findings) while errors or pending inputs remain."""
        with self._write() as conn:
            return lifecycle.finalize(conn, self._user, form_id)

    def reopen(self, form_id: int, reason: str) -> StoredForm:
        """退回修改: a final form becomes a draft again; the reason goes into the history."""
        with self._write() as conn:
            return lifecycle.reopen(conn, self._user, form_id, reason)

    def unlock_target(
        self, form_id: int, index: int, reason: str, *, revision: int | None = None
    ) -> StoredForm:
        """解锁 one row's 年度指标值 (locked from the 目标申报表); the reason goes into history."""
        from core import edit

        if not reason or not reason.strip():
            raise InputError("解锁年度指标值需要填写原因")
        with self._write() as conn:
            row = reading.form_row(conn, form_id)
            writing.check_writable(conn, row, revision, "解锁")
            old = reading.form_of(row)
            new = edit.unlock_target(old, index)
            path = fieldpaths.indicator(index, edit.LOCK_FIELD)
            entry = (path, True, False, reason.strip())
            return writing.update(conn, self._user, row, old, new, [entry])

    def clone_to_year(self, form_id: int, year: int | None = None) -> StoredForm:
        """A new draft for ``year`` (default: the next) from a stored form.

        Header, expected goal, indicators with targets and weights are kept; funds,
        actuals, scores, deviations and grades are left empty. The source is linked.
        """
        with self._write() as conn:
            return lifecycle.clone_to_year(conn, self._user, form_id, year)

    def delete_form(self, form_id: int) -> None:
        """Delete a draft with its history; a final form cannot be deleted."""
        with self._write() as conn:
            lifecycle.delete_form(conn, form_id)

    # -- pending inputs and cursor -------------------------------------------------------

    def set_pending_input(self, form_id: int, path: str, raw: str) -> None:
        """Keep input that could not be accepted, as typed; it blocks finalising."""
        with self._write() as conn:
            pending.set_pending_input(conn, form_id, path, raw)

    def clear_pending_input(self, form_id: int, path: str) -> None:
        """Forget the pending input at ``path`` (no error when there is none)."""
        with self._write() as conn:
            pending.clear_pending_input(conn, form_id, path)

    def pending_inputs(self, form_id: int) -> dict[str, str]:
        """Path → raw text of every input kept as typed."""
        with self._read() as conn:
            return pending.pending_inputs(conn, form_id)

    def save_cursor(self, cursor: Cursor) -> None:
        """Remember where the user is (one place per store)."""
        with self._write() as conn:
            pending.save_cursor(conn, cursor)

    def load_cursor(self) -> Cursor | None:
        """Where the user was; None when nothing was saved or that form is gone."""
        with self._read() as conn:
            return pending.load_cursor(conn)

    # -- copies --------------------------------------------------------------------------

    def backup(self, target: Path | str, *, allow_damaged: bool = False) -> int:
        """A verified copy of the whole store at ``target``; the number of forms in it.

        The store itself and the files SQLite keeps beside it are refused as targets. Every
        checksum is compared first: a store holding damaged forms is copied only with
        ``allow_damaged`` (StoreDamaged otherwise, naming them).
        """
        from core.errors import InputError
        from core.files import check_output_target

        try:
            check_output_target(Path(target), store=self.path, what="备份文件")
        except InputError as refused:
            raise StoreError(str(refused)) from None
        with self._read() as conn:
            if not allow_damaged:
                report = integrity.check_contents(conn)
                if not report.ok:
                    raise StoreDamaged(report)
            return verified_copy(conn, Path(target))

    # -- integrity -----------------------------------------------------------------------

    def check_integrity(self, *, thorough: bool = False, contents: bool = True) -> IntegrityReport:
        """The full check: SQLite's check of the structure, then every checksum.

        It reads on a connection of its own, so the store stays usable meanwhile (the TUI runs
        it on a thread once its home is shown, ``contents`` false: the structure only, which
        SQLite checks without holding Python's lock). A broken structure makes the store refuse
        writes from then on: writing into damaged pages can spread the damage. ``thorough`` adds
        the index and full-text checks (``jixiao doctor``). Closing the store interrupts it
        (StoreError).
        """
        conn = open_second_connection(self.path, read_only=self.read_only)
        self._checking = conn
        try:
            report = integrity.full_check(conn, thorough=thorough, contents=contents)
        except sqlite3.Error as exc:
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_INTERRUPT":
                raise StoreError("存储检查已中断") from None
            report = integrity.IntegrityReport(integrity.UNREADABLE, (str(exc),))
        finally:
            self._checking = None
            conn.close()
        if report.structure != "ok":
            self._refusal = (
                f"存储文件 {self.path} {report.structure}，为免损坏扩大，已停止写入；"
                "请运行 jixiao doctor 查看，或从备份恢复"
            )
        return report
