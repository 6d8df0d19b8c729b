"""The store file: opening it safely and checking what it is (cheaply: its header, version and
tables), before the migrations (core.store.migrations) bring an older one up to date.

A file is written to only once it is known to be a jixiao store of this version or older
(``PRAGMA application_id`` marks it, ``PRAGMA user_version`` numbers its schema). Before a
migration a verified copy of the file is taken beside it.
"""

from __future__ import annotations

import glob
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from core.store.backup import remove_stale_temporaries, verified_copy
from core.store.errors import StoreError, describe_sqlite_error
from core.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate

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
    version = _header_version(path)
    return version is None or version < SCHEMA_VERSION


def upgrade_ahead(path: Path) -> str | None:
    """A line for the user when opening ``path`` will migrate it (which takes a while on a
    large store), else None. Read from the file's header."""
    version = _header_version(path)
    if version is None or not 0 < version < SCHEMA_VERSION:
        return None
    return f"正在升级存储文件 {Path(path).name}（版本 {version} → {SCHEMA_VERSION}），请稍候……"


def _header_version(path: Path) -> int | None:
    try:
        with Path(path).open("rb") as stream:
            head = stream.read(64)
    except OSError:
        return None
    if len(head) < 64 or not head.startswith(SQLITE_HEADER):
        return None
    return int.from_bytes(head[60:64], "big")


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
    line = upgrade_ahead(path)
    if announce and line:
        announce(line)
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
