"""Damaging a store the way a disk does: one byte changed inside a stored value."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def flip_byte_in_file(path: Path, value: bytes) -> None:
    """Change one byte in the middle of where ``value`` lies in the (checkpointed) file."""
    data = path.read_bytes()
    middle = len(value) // 2
    probe = value[middle - 16 : middle + 16]
    at = data.find(probe)
    assert at > 0 and data.find(probe, at + 1) < 0, "the value should lie once in the file"
    with path.open("r+b") as stream:
        stream.seek(at + 16)
        stream.write(bytes([data[at + 16] ^ 0x20]))


def stored_body(path: Path, form_id: int) -> bytes:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT data FROM form_bodies WHERE id = ?", (form_id,)).fetchone()[0]


def damage_body(path: Path, form_id: int) -> None:
    """Flip a byte of form ``form_id``'s stored body in the file itself."""
    flip_byte_in_file(path, stored_body(path, form_id))


def tamper(path: Path, sql: str, *params: object) -> None:
    """Change a stored value behind the store's back (its checksum is left as it was)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql, params)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
