"""What a file is, by its first bytes, not by its name: JSON, xlsx, legacy xls, or none of them.

An xlsx with an opening password is no zip at all but an OLE compound file (like a .xls)
holding an ``EncryptedPackage`` stream: it is told apart by that stream's name.
"""

from __future__ import annotations

from typing import Literal

FileKind = Literal["json", "xlsx", "xls", "encrypted", "unknown"]
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ett")


def sniff(data: bytes, suffix: str = "") -> FileKind:
    """The kind of a file from its content (its suffix only breaks a tie for text)."""
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        return "encrypted" if any(name in data for name in ENCRYPTED_STREAMS) else "xls"
    text = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"{", b"[")) or suffix.lower() == ".json":
        return "json"
    return "unknown"
