"""Verified copies of a store: SQLite's online backup, then integrity_check and a form count."""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import time
from pathlib import Path

from core.files import describe_os_error
from core.store.errors import StoreError, describe_sqlite_error


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
    temporary = temporary_beside(target)
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
        raise StoreError(f"无法写入备份 {target}：{describe_sqlite_error(exc, target)}") from None
    except OSError as exc:
        raise StoreError(f"无法写入备份 {target}：{describe_os_error(exc)}") from None
    finally:
        temporary.unlink(missing_ok=True)


def temporary_beside(target: Path) -> Path:
    """The name this process writes ``target`` under until it is complete (``.<name>.<pid>.tmp``
    beside it), free: stale temporaries of ``target`` and one a dead process of the same id
    left are removed first."""
    remove_stale_temporaries(target.parent, f".{glob.escape(target.name)}.*.tmp")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if temporary.is_dir() and not temporary.is_symlink():
        shutil.rmtree(temporary, ignore_errors=True)
    else:
        temporary.unlink(missing_ok=True)
    return temporary


def remove_stale_temporaries(folder: Path, pattern: str) -> None:
    """Remove the temporary copies (files or folders) matching ``pattern`` in ``folder`` that no
    process is writing.

    A temporary copy is named ``….<pid>.tmp`` after the process that writes it: it is stale when
    that process is gone, or when it has not been written to for a day (the id may be reused).
    """
    for temporary in folder.glob(pattern):
        pid_text = temporary.name.rsplit(".", 2)[-2]
        try:
            idle = time.time() - temporary.stat().st_mtime
        except OSError:
            continue
        if pid_text.isdigit() and _process_alive(int(pid_text)) and idle < STALE_AFTER_SECONDS:
            continue
        if temporary.is_dir() and not temporary.is_symlink():
            shutil.rmtree(temporary, ignore_errors=True)
        else:
            temporary.unlink(missing_ok=True)


STALE_AFTER_SECONDS = 24 * 3600


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: is there such a process (nothing is sent)
    except ProcessLookupError:
        return False
    except PermissionError:  # there is, and it belongs to someone else
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
