"""Verified copies of a store: SQLite's online backup, then integrity_check and a form count."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from core.files import describe_os_error
from core.store.errors import StoreError


def count_forms(conn: sqlite3.Connection) -> int:
    """How many forms the database behind ``conn`` holds."""
    return conn.execute("SELECT count(*) FROM forms").fetchone()[0]


def verified_copy(source: sqlite3.Connection, target: Path) -> int:
    """Copy ``source`` to ``target`` atomically and check the copy; the number of forms in it.

    The copy is written beside the target and renamed only once it passed integrity_check
    and holds as many forms as the source.
    """
    target = Path(target)
    if target.is_dir():
        raise StoreError(f"{target} 是一个文件夹，请给出备份文件的路径")
    if not target.parent.is_dir():
        raise StoreError(f"备份位置 {target.parent} 不存在")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(temporary)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            expected = count_forms(source)
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            copied = count_forms(copy)
        finally:
            copy.close()
        if verdict != "ok":
            raise StoreError(f"备份 {target} 校验失败（integrity_check：{verdict}），未保存")
        if copied != expected:
            raise StoreError(f"备份 {target} 的表单数 {copied} 与原存储 {expected} 不符，未保存")
        os.replace(temporary, target)
        return copied
    except sqlite3.Error as exc:
        raise StoreError(f"无法写入备份 {target}：{exc}") from None
    except OSError as exc:
        raise StoreError(f"无法写入备份 {target}：{describe_os_error(exc)}") from None
    finally:
        temporary.unlink(missing_ok=True)
