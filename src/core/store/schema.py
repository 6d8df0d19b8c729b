"""The store file: opening it safely, its schema version, and the migrations between versions.

A file is written to only once it is known to be a jixiao store of this version or older
(``PRAGMA application_id`` marks it, ``PRAGMA user_version`` numbers its schema). Before a
migration a verified copy of the file is taken beside it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core.files import describe_os_error
from core.store.backup import verified_copy
from core.store.errors import StoreError

APPLICATION_ID = 0x4A584958  # "JXIX"
SCHEMA_VERSION = 3
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

if TYPE_CHECKING:
    from sqlite_utils import Database


def connect(path: Path) -> sqlite3.Connection:
    """A connection to a checked, current store (created or migrated as needed)."""
    path = Path(path)
    _refuse_foreign_bytes(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"无法打开存储文件 {path}：{exc}") from None
    try:
        version = _inspect(conn, path)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        if version < SCHEMA_VERSION:
            if version > 0:
                backup_before_migration(conn, path, version)
            migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"无法使用存储文件 {path}：{exc}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def needs_migration(path: Path) -> bool:
    """Whether opening the file at ``path`` would create or migrate its schema.

    Read from the file's header (user_version at byte 60), without opening it as a database.
    """
    try:
        with Path(path).open("rb") as stream:
            head = stream.read(64)
    except OSError:
        return True
    if len(head) < 64 or not head.startswith(SQLITE_HEADER):
        return True
    return int.from_bytes(head[60:64], "big") < SCHEMA_VERSION


def _refuse_foreign_bytes(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path} 是一个文件夹，不是 jixiao 存储文件")
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = describe_os_error(exc)
            raise StoreError(f"无法创建存储文件夹 {path.parent}：{why}") from None
        return
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"无法读取存储文件 {path}：{describe_os_error(exc)}") from None
    if head and head != SQLITE_HEADER:
        raise StoreError(f"{path} 不是 jixiao 存储文件（不是 SQLite 数据库），未做任何改动")


def _inspect(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of the file; StoreError for anything that must not be written."""
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0] if tables else "ok"
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"存储文件 {path} 已损坏，无法读取（{exc}），未做任何改动") from None
    if verdict != "ok":
        raise StoreError(f"存储文件 {path} 已损坏（{verdict}），未做任何改动；请从备份恢复")
    if application_id != APPLICATION_ID:
        if tables or version:
            raise StoreError(
                f"{path} 是别的程序的 SQLite 数据库，不是 jixiao 存储文件，未做任何改动"
            )
        return 0
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"存储文件 {path} 的版本（{version}）比本程序支持的（{SCHEMA_VERSION}）新，"
            "请使用新版 jixiao 打开；未做任何改动"
        )
    return version


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A verified copy of the store beside it, named after the version it holds."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    verified_copy(conn, target)
    return target


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Bring the schema up to ``target``, one version per transaction."""
    from sqlite_utils import Database  # only to create or migrate: opening needs none of it

    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= target:
                conn.execute("COMMIT")
                return
            MIGRATIONS[version + 1](Database(conn, execute_plugins=False))
            conn.execute(f"PRAGMA user_version={version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _v1_forms_and_history(db: Database) -> None:
    """Forms (the whole form as JSON, with cached total and grade), history, pending, cursor."""
    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
    db["forms"].create(
        {
            "id": int,
            "year": int,
            "project": str,
            "department": str,
            "implementer": str,
            "status": str,
            "revision": int,
            "data": str,
            "total": str,
            "grade": str,
            "source_id": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null=[
            "year",
            "project",
            "department",
            "implementer",
            "status",
            "revision",
            "data",
            "total",
            "grade",
            "created_at",
            "updated_at",
        ],
        foreign_keys=[("source_id", "forms", "id")],
    )
    db["forms"].create_index(["year", "id"], index_name="forms_by_year")
    db["forms"].create_index(["implementer", "year"], index_name="forms_by_implementer")
    db["forms"].create_index(["status", "year"], index_name="forms_by_status")
    db["forms"].create_index(["project", "implementer", "year"], index_name="forms_by_project")
    db["changes"].create(
        {
            "id": int,
            "form_id": int,
            "revision": int,
            "path": str,
            "old": str,
            "new": str,
            "at": str,
            "user": str,
            "note": str,
        },
        pk="id",
        not_null=["form_id", "revision", "path", "at", "user"],
    )
    db["changes"].create_index(["form_id", "revision"], index_name="changes_by_form")
    db["pending_inputs"].create(
        {"form_id": int, "path": str, "raw": str},
        pk=("form_id", "path"),
        not_null=["raw"],
    )
    db["cursor"].create({"id": int, "form_id": int, "step": str, "path": str}, pk="id")


def _v2_search_and_indicators(db: Database) -> None:
    """Full-text search (bigram text, FTS5) and the indicator rows of every form."""
    from core.model import Form
    from core.store.search import form_search_text

    db["form_search"].create({"id": int, "text": str}, pk="id", not_null=["text"])
    db["form_search"].enable_fts(
        ["text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61"
    )
    db["form_indicators"].create(
        {
            "form_id": int,
            "position": int,
            "level1": str,
            "level2": str,
            "name": str,
            "target": str,
            "weight": str,
        },
        pk=("form_id", "position"),
    )
    db["form_indicators"].create_index(["name"], index_name="form_indicators_by_name")
    for form_id, data in db.execute("SELECT id, data FROM forms").fetchall():
        form = Form.model_validate(json.loads(data))
        db["form_search"].insert({"id": form_id, "text": form_search_text(form)})
        db["form_indicators"].insert_all(indicator_rows(form_id, form))


def _v3_form_bodies_apart(db: Database) -> None:
    """Each form's JSON in a table of its own: lists read small rows, never a form's body."""
    db["form_bodies"].create({"id": int, "data": str}, pk="id", not_null=["data"])
    db.execute("INSERT INTO form_bodies (id, data) SELECT id, data FROM forms")
    db["forms"].transform(drop={"data"})


def indicator_rows(form_id: int, form: object) -> list[dict[str, object]]:
    """The rows of ``form_indicators`` for one form."""
    return [
        {
            "form_id": form_id,
            "position": position,
            "level1": row.level1,
            "level2": row.level2,
            "name": row.name,
            "target": row.target,
            "weight": None if row.weight is None else str(row.weight),
        }
        for position, row in enumerate(form.indicators)  # type: ignore[attr-defined]
    ]


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    1: _v1_forms_and_history,
    2: _v2_search_and_indicators,
    3: _v3_form_bodies_apart,
}
