"""The store file: opening it safely, its schema version, and the migrations between versions.

A file is written to only once it is known to be a jixiao store of this version or older
(``PRAGMA application_id`` marks it, ``PRAGMA user_version`` numbers its schema). Before a
migration a verified copy of the file is taken beside it.
"""

from __future__ import annotations

import glob
import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core.store.backup import remove_stale_temporaries, verified_copy
from core.store.errors import StoreError, describe_sqlite_error

APPLICATION_ID = 0x4A584958  # "JXIX"
SCHEMA_VERSION = 4
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
TABLES = frozenset(
    {
        "forms",
        "form_bodies",
        "changes",
        "pending_inputs",
        "cursor",
        "form_search",
        "form_search_fts",
        "form_indicators",
    }
)
"""The tables a store of the current version has (the full-text index's own aside)."""

_PERMISSION_ERRORS = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")

if TYPE_CHECKING:
    from sqlite_utils import Database


def connect(
    path: Path,
    *,
    for_reading: bool = False,
    announce: Callable[[str], None] | None = None,
) -> sqlite3.Connection:
    """A connection to a checked, current store (created or migrated as needed).

    Checked means cheap checks only: the file's header, its application id, its version and its
    tables. The full check is ``integrity.full_check`` (jixiao doctor, backups, the TUI after
    its home is shown).

    ``for_reading``: the caller only reads. The file must exist (nothing is created, no folder
    either), and one that cannot be written where it lies is opened read-only.
    ``announce`` is told, in a line for the user, when a migration starts (it can take a while).
    """
    path = Path(path)
    _check_file(path, create=not for_reading)
    conn = _open(path)
    try:
        version = _inspect(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if not (for_reading and _is_permission_error(exc)):
            raise StoreError(_opening_problem(exc, path)) from None
        return _open_read_only(path)
    except BaseException:
        conn.close()
        raise
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        if version < SCHEMA_VERSION:
            _upgrade(conn, path, version, announce)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"无法使用存储文件：{describe_sqlite_error(exc, path)}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _open(path: Path, uri: str | None = None) -> sqlite3.Connection:
    try:
        return sqlite3.connect(
            uri or path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            uri=uri is not None,
        )
    except sqlite3.Error as exc:
        raise StoreError(f"无法打开存储文件：{describe_sqlite_error(exc, path)}") from None


def _is_permission_error(exc: sqlite3.Error) -> bool:
    return (getattr(exc, "sqlite_errorname", "") or "").startswith(_PERMISSION_ERRORS)


def _opening_problem(exc: sqlite3.Error, path: Path) -> str:
    if _is_permission_error(exc):
        return (
            f"{describe_sqlite_error(exc, path)}。查看表单（list、show、search、history、export）"
            "仍可只读进行；要修改，请把存储文件放到有写入权限的文件夹"
        )
    if (getattr(exc, "sqlite_errorname", "") or "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return f"存储文件 {path} 已损坏，无法读取，未做任何改动；请从备份恢复"
    return f"无法打开存储文件：{describe_sqlite_error(exc, path)}"


def _open_read_only(path: Path) -> sqlite3.Connection:
    """The store opened read-only where it cannot be written (immutable: no -shm file needed).

    Changes still waiting in a -wal file would be invisible that way, so such a file is refused.
    """
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"存储文件 {path} 旁有尚未合并的改动（{wal.name}），而这里没有写入权限，"
            "只读打开会看不到它们；请让有写入权限的用户打开一次，或把两个文件一起复制出来"
        )
    conn = _open(path, f"{path.resolve().as_uri()}?mode=ro&immutable=1")
    try:
        version = _inspect(conn, path)
        conn.execute("PRAGMA query_only=ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(_opening_problem(exc, path)) from None
    except BaseException:
        conn.close()
        raise
    if version < SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"存储文件 {path} 是旧版本（{version}），需要先升级才能读取，而这里没有写入权限；"
            "请让有写入权限的用户打开一次"
        )
    return conn


def open_second_connection(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """Another connection to an open store, for reading beside it (the full check)."""
    if read_only:
        return _open(path, f"{path.resolve().as_uri()}?mode=ro&immutable=1")
    conn = _open(path)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
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


def _check_file(path: Path, *, create: bool) -> None:
    """StoreError unless ``path`` is a SQLite file, or may become one (``create``)."""
    from core.files import describe_os_error

    if path.is_dir():
        raise StoreError(f"{path} 是一个文件夹，不是 jixiao 存储文件")
    if not path.exists():
        if not create:
            raise StoreError(f"存储文件 {path} 不存在；请检查 --db（或 JIXIAO_DB）给出的路径")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"无法创建存储文件夹 {path.parent}：{describe_os_error(exc)}"
            ) from None
        return
    try:
        with path.open("rb") as stream:
            head = stream.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"无法读取存储文件 {path}：{describe_os_error(exc)}") from None
    if head and head != SQLITE_HEADER:
        raise StoreError(f"{path} 不是 jixiao 存储文件（不是 SQLite 数据库），未做任何改动")


def _inspect(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of the file; StoreError for anything that must not be written.

    sqlite3.DatabaseError when SQLite cannot read the file's first page (damage, permissions).
    """
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
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
    missing = TABLES - tables if version == SCHEMA_VERSION else set()
    if missing:
        raise StoreError(
            f"存储文件 {path} 已损坏：缺少 {'、'.join(sorted(missing))}，未做任何改动；请从备份恢复"
        )
    return version


def _upgrade(
    conn: sqlite3.Connection, path: Path, version: int, announce: Callable[[str], None] | None
) -> None:
    """Create (version 0) or migrate the store; a migration keeps a verified copy first."""
    if version == 0:
        migrate(conn)
        return
    if announce:
        announce(f"正在升级存储文件 {path.name}（版本 {version} → {SCHEMA_VERSION}），请稍候……")
    backup_before_migration(conn, path, version)
    migrate(conn)
    if version < 4:  # version 4 packs bodies and history: give the space back to the disk
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A verified copy of the store beside it, named after the version it holds.

    Copies left by earlier attempts at this same migration (the store is still at ``version``,
    so they were interrupted) are removed once the new one is verified, and so are their
    temporary files when the process that wrote them is gone.
    """
    pattern = f"{glob.escape(path.name)}.v{version}-*.bak"
    remove_stale_temporaries(path.parent, f".{pattern}.*.tmp")
    earlier = sorted(path.parent.glob(pattern))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    verified_copy(conn, target)
    for leftover in earlier:
        if leftover != target:
            leftover.unlink(missing_ok=True)
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


def _v4_checksums_packing_and_search_keys(db: Database) -> None:
    """A checksum beside every forms row, body and history entry; bodies and long history
    values zlib-packed into BLOBs (a third of the size); the search index keyed by
    ``year << 32 | id`` so that its order is the list's; indicator rows without a rowid and
    without the name index nothing used.
    """
    from core.store.integrity import FORM_COLUMNS, body_checksum, entry_checksum, row_checksum
    from core.store.packing import pack_text

    conn = db.conn
    db["forms"].add_column("checksum", int, not_null_default=0)
    columns = ", ".join(FORM_COLUMNS)
    conn.executemany(
        "UPDATE forms SET checksum = ? WHERE id = ?",
        ((row_checksum(row), row[0]) for row in conn.execute(f"SELECT {columns} FROM forms")),
    )

    def packed_bodies() -> Iterator[dict[str, object]]:
        for form_id, data in conn.execute("SELECT id, data FROM form_bodies ORDER BY id"):
            packed = pack_text(data)
            yield {"id": form_id, "data": packed, "checksum": body_checksum(form_id, packed)}

    db["form_bodies_packed"].create(
        {"id": int, "data": bytes, "checksum": int}, pk="id", not_null=["data", "checksum"]
    )
    db["form_bodies_packed"].insert_all(packed_bodies(), batch_size=500)
    db["form_bodies"].drop()
    db.rename_table("form_bodies_packed", "form_bodies")

    def packed_entries() -> Iterator[dict[str, object]]:
        for change_id, form_id, revision, path, old, new, at, user, note in conn.execute(
            "SELECT id, form_id, revision, path, old, new, at, user, note FROM changes ORDER BY id"
        ):
            old = None if old is None else pack_text(old)
            new = None if new is None else pack_text(new)
            checksum = entry_checksum(form_id, revision, path, old, new, at, user, note)
            yield {
                "id": change_id,
                "form_id": form_id,
                "revision": revision,
                "path": path,
                "old": old,
                "new": new,
                "at": at,
                "user": user,
                "note": note,
                "checksum": checksum,
            }

    db["changes_packed"].create(
        {
            "id": int,
            "form_id": int,
            "revision": int,
            "path": str,
            "old": bytes,
            "new": bytes,
            "at": str,
            "user": str,
            "note": str,
            "checksum": int,
        },
        pk="id",
        not_null=["form_id", "revision", "path", "at", "user", "checksum"],
    )
    db["changes_packed"].insert_all(packed_entries(), batch_size=1000)
    db["changes"].drop()
    db.rename_table("changes_packed", "changes")
    db["changes"].create_index(["form_id", "revision"], index_name="changes_by_form")

    # The full-text index is rebuilt by hand: sqlite-utils' enable_fts runs executescript,
    # which would commit this migration half done. The statements are the ones it writes.
    for trigger in ("form_search_ai", "form_search_ad", "form_search_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE IF EXISTS form_search_fts")
    conn.execute("DELETE FROM form_search WHERE id NOT IN (SELECT id FROM forms)")
    conn.execute("ALTER TABLE form_search RENAME COLUMN id TO key")
    conn.execute(
        "UPDATE form_search SET key = "
        "((SELECT year FROM forms WHERE forms.id = form_search.key) << 32) | key"
    )
    for statement in SEARCH_INDEX:
        conn.execute(statement)
    conn.execute("INSERT INTO form_search_fts(form_search_fts) VALUES ('rebuild')")

    conn.execute(
        "CREATE TABLE form_indicators_compact (form_id INTEGER, position INTEGER, level1 TEXT, "
        "level2 TEXT, name TEXT, target TEXT, weight TEXT, PRIMARY KEY (form_id, position)) "
        "WITHOUT ROWID"  # sqlite-utils cannot create one; the rows are found by form only
    )
    conn.execute("INSERT INTO form_indicators_compact SELECT * FROM form_indicators")
    db["form_indicators"].drop()
    db.rename_table("form_indicators_compact", "form_indicators")


SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE form_search_fts USING FTS5 "
    "(text, tokenize='unicode61', content='form_search')",
    "CREATE TRIGGER form_search_ai AFTER INSERT ON form_search BEGIN "
    "INSERT INTO form_search_fts (rowid, text) VALUES (new.rowid, new.text); END",
    "CREATE TRIGGER form_search_ad AFTER DELETE ON form_search BEGIN "
    "INSERT INTO form_search_fts (form_search_fts, rowid, text) "
    "VALUES ('delete', old.rowid, old.text); END",
    "CREATE TRIGGER form_search_au AFTER UPDATE ON form_search BEGIN "
    "INSERT INTO form_search_fts (form_search_fts, rowid, text) "
    "VALUES ('delete', old.rowid, old.text); "
    "INSERT INTO form_search_fts (rowid, text) VALUES (new.rowid, new.text); END",
)
"""The full-text index over form_search and the triggers that keep it in step."""


INDEXED_FIELDS = frozenset({"year", "project", "department", "implementer"})
"""Fields of a form that the search index reads (with indicator names: form_search_text)."""
INDEXED_INDICATOR_FIELDS = frozenset({"level1", "level2", "name", "target", "weight"})
"""Fields of an indicator row that the search index or ``form_indicators`` hold."""


def indexed(path: str) -> bool:
    """Whether a change at ``path`` can change the search index or the indicator rows."""
    if path.startswith("indicators"):
        return path.rpartition(".")[2] in INDEXED_INDICATOR_FIELDS or "." not in path
    return path in INDEXED_FIELDS


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
    4: _v4_checksums_packing_and_search_keys,
}
