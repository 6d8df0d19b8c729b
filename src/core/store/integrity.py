"""Damage detection: a checksum beside every forms row, body and history entry; the full check.

SQLite's own checks find broken pages and indexes, not a changed byte inside a value, and they
read the whole file (a second at 100,000 forms). So each row carries a CRC-32 of what it holds,
written with it and compared whenever it is read: a damaged form is found the moment it is
touched and reported by number, and the rest of the store goes on working. The full check
(``jixiao doctor``, backups, the TUI in the background) adds SQLite's check of the structure and
compares every checksum.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

FORM_COLUMNS = (
    "id",
    "year",
    "project",
    "department",
    "implementer",
    "status",
    "revision",
    "total",
    "grade",
    "source_id",
    "created_at",
    "updated_at",
)
"""The columns of a forms row its checksum covers, in this order."""

UNREADABLE = "文件结构损坏（SQLite 无法读完整个文件）"
ROW_DAMAGE = "表单记录"
BODY_DAMAGE = "表单内容"
MISSING_BODY = "表单内容缺失"


def row_checksum(values: Sequence[object]) -> int:
    """The checksum of a forms row (``values`` in the order of FORM_COLUMNS)."""
    return zlib.crc32(_joined(values))


def body_checksum(form_id: int, data: bytes) -> int:
    """The checksum of a form's stored body."""
    return zlib.crc32(data, zlib.crc32(str(form_id).encode()))


def entry_checksum(
    form_id: int,
    revision: int,
    path: str,
    old: bytes | None,
    new: bytes | None,
    at: str,
    user: str,
    note: str | None,
) -> int:
    """The checksum of one history entry (old and new as stored)."""
    crc = zlib.crc32(_joined((form_id, revision, path, at, user, note)))
    for value in (old, new):
        crc = zlib.crc32(b"\x00" if value is None else b"\x01" + value, crc)
    return crc


def _joined(values: Iterable[object]) -> bytes:
    # only source_id and note may be NULL, and neither is ever the text "None" where it matters
    return "\x1f".join(map(str, values)).encode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class IntegrityReport:
    """What the full check found."""

    structure: str
    """structure: "ok", or what is wrong with it, in a few words"""
    details: tuple[str, ...] = ()
    """details: SQLite's own report of a broken structure (for whoever repairs the file)"""
    forms: int = 0
    entries: int = 0
    damaged_forms: dict[int, str] = field(default_factory=dict)
    """damaged_forms: form id → what of it is damaged"""
    damaged_entries: dict[int, list[int]] = field(default_factory=dict)
    """damaged_entries: form id → ids of its damaged history entries"""

    @property
    def ok(self) -> bool:
        return self.structure == "ok" and not self.damaged_forms and not self.damaged_entries


def check_structure(
    conn: sqlite3.Connection, *, thorough: bool = False
) -> tuple[str, tuple[str, ...]]:
    """SQLite's check of pages and indexes (quick, or thorough with the search index).

    "ok", or a few words on what is wrong, with SQLite's own lines.
    """
    pragma = "integrity_check" if thorough else "quick_check"
    problems = tuple(
        line for (text,) in conn.execute(f"PRAGMA {pragma}(20)") for line in text.splitlines()
    )
    if problems != ("ok",):
        return "文件结构损坏（SQLite 检查未通过）", problems
    if thorough:
        try:
            conn.execute(
                "INSERT INTO form_search_fts(form_search_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as exc:
            return "全文索引损坏（可重建）", (str(exc),)
    return "ok", ()


def check_contents(
    conn: sqlite3.Connection, structure: str = "ok", details: tuple[str, ...] = ()
) -> IntegrityReport:
    """Compare every checksum; read in batches by id, so memory stays flat."""
    damaged_forms: dict[int, str] = {}
    forms = 0
    columns = ", ".join(f"f.{name}" for name in FORM_COLUMNS)
    last = 0
    while True:
        rows = fetch_all(
            conn,
            f"SELECT {columns}, f.checksum, b.data, b.checksum FROM forms f "
            "LEFT JOIN form_bodies b ON b.id = f.id WHERE f.id > ? ORDER BY f.id LIMIT 2000",
            (last,),
        )
        if not rows:
            break
        for row in rows:
            damage = form_damage(row[:12], row[12], row[13], row[14])
            if damage:
                damaged_forms[row[0]] = damage
        forms += len(rows)
        last = rows[-1][0]
    entries, damaged_entries = _check_entries(conn)
    return IntegrityReport(structure, details, forms, entries, damaged_forms, damaged_entries)


def _check_entries(conn: sqlite3.Connection) -> tuple[int, dict[int, list[int]]]:
    damaged: dict[int, list[int]] = {}
    entries = 0
    last = 0
    while True:
        rows = fetch_all(
            conn,
            "SELECT id, form_id, revision, path, old, new, at, user, note, checksum FROM changes "
            "WHERE id > ? ORDER BY id LIMIT 5000",
            (last,),
        )
        if not rows:
            break
        for change_id, *values, stored in rows:
            if entry_checksum(*values) != stored:
                damaged.setdefault(values[0], []).append(change_id)
        entries += len(rows)
        last = rows[-1][0]
    return entries, damaged


def form_damage(
    values: Sequence[object], checksum: int, data: bytes | None, data_checksum: int | None
) -> str | None:
    """What is damaged of a form (its record, its content), or None when both are intact."""
    if row_checksum(values) != checksum:
        return ROW_DAMAGE
    if data is None:
        return MISSING_BODY
    if not isinstance(data, bytes) or body_checksum(values[0], data) != data_checksum:  # type: ignore[arg-type]
        return BODY_DAMAGE
    return None


def full_check(
    conn: sqlite3.Connection, *, thorough: bool = False, contents: bool = True
) -> IntegrityReport:
    """The structure, then every checksum (as far as the structure lets them be read)."""
    structure, details = check_structure(conn, thorough=thorough)
    if not contents:
        return IntegrityReport(structure, details)
    try:
        return check_contents(conn, structure, details)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_INTERRUPT":
            raise
        return IntegrityReport(structure, details)


def fetch_all(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    """``conn.execute(sql, params).fetchall()``, also when a damaged text is no longer UTF-8.

    Such a text is read with replacement characters, so that its checksum no longer matches
    and the row is reported as damaged instead of failing the whole query.
    """
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc):
            raise
    conn.text_factory = _lossy_text
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.text_factory = str


def _lossy_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")
