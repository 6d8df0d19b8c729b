"""How the store keeps JSON: UTF-8 bytes in a BLOB, zlib-compressed when that pays.

A form's body is about 4 KB of JSON and compresses to a quarter of that; a history entry for
one field is a few bytes and is kept as it is. Both are BLOBs, so a damaged byte never stops
SQLite from handing the row over (a TEXT column that is not UTF-8 any more cannot be read): the
checksum beside it says whether it is intact. A zlib stream starts with the byte ``x``, which no
JSON text does, so the first byte tells the two kinds apart.

What could act on a terminal is escaped before it is stored (core.safetext.json_safe: the same
JSON value), so stored JSON can be passed through to a file unparsed (``export --all`` to JSON
lines).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from core.safetext import json_safe

COMPRESS_FROM = 256
"""Bytes of JSON from which a value is compressed (below it zlib saves little or nothing)."""
_LEVEL = 6
_ZLIB_FIRST_BYTE = b"x"


def dumps(value: Any) -> str:
    """Compact JSON, non-ASCII kept as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pack_text(text: str) -> bytes:
    """What is stored for a JSON text."""
    data = json_safe(text).encode("utf-8")
    return zlib.compress(data, _LEVEL) if len(data) >= COMPRESS_FROM else data


def pack(value: Any) -> bytes:
    """What is stored for a JSON value."""
    return pack_text(dumps(value))


def unpack_bytes(stored: bytes) -> bytes:
    """The UTF-8 JSON of a stored value (zlib.error if it is damaged)."""
    return zlib.decompress(stored) if stored[:1] == _ZLIB_FIRST_BYTE else stored


def unpack_text(stored: bytes) -> str:
    """The JSON text of a stored value (zlib.error or UnicodeDecodeError if it is damaged)."""
    return unpack_bytes(stored).decode("utf-8")


def unpack(stored: bytes) -> Any:
    """The JSON value of a stored value."""
    return json.loads(unpack_text(stored))
