"""An xlsx file as a zip container, checked before any part of it is parsed.

Checked from the zip's directory alone (``zipfile`` holds a part to its declared size and CRC
when it is read): the number of entries, each part's and all parts' decompressed size, the
compression ratio of large parts (a zip bomb), encrypted entries, and the parts an xlsx must
have. Then the workbook's own small parts name the sheets and where each one lives.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from typing import IO

from core.workbook.limits import (
    MAX_ENTRIES,
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_SHEETS,
    MAX_TOTAL_BYTES,
    RATIO_FLOOR,
)
from core.workbook.problems import refuse
from core.workbook.xmlparts import local_name, parse_part

WORKBOOK_PART = "xl/workbook.xml"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_MB = 1024 * 1024


@dataclass(frozen=True)
class SheetEntry:
    """One worksheet of the workbook: its name, its part, whether it is hidden."""

    name: str
    part: str
    hidden: bool


class XlsxPackage:
    """The checked container: its sheets, shared strings, styles and date system."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError):
            raise refuse("文件已损坏，不是有效的 xlsx 工作簿（无法作为 zip 打开）") from None
        self._check_entries()
        self.sheets: list[SheetEntry] = []
        self.date1904 = False
        self.shared_strings_part: str | None = None
        self.styles_part: str | None = None
        self._read_workbook()

    def _check_entries(self) -> None:
        entries = self._zip.infolist()
        names = {entry.filename for entry in entries}
        if "mimetype" in names and self._zip.read("mimetype").startswith(ODS_MIMETYPE):
            raise refuse("这是 ODS 电子表格（WPS/LibreOffice 格式），请另存为 xlsx 后再导入")
        if len(entries) > MAX_ENTRIES:
            raise refuse(f"文件结构异常：包含 {len(entries)} 个部件，超过上限 {MAX_ENTRIES}")
        total = 0
        for entry in entries:
            if entry.flag_bits & 0x1:
                raise refuse("工作簿已加密（设置了打开密码），请取消密码、另存后再导入")
            if entry.file_size > MAX_PART_BYTES:
                raise refuse(
                    f"文件结构异常：部件 {entry.filename} 解压后有 {entry.file_size // _MB} MB，"
                    f"超过上限 {MAX_PART_BYTES // _MB} MB"
                )
            ratio = entry.file_size / max(1, entry.compress_size)
            if entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise refuse(f"疑似压缩炸弹：部件 {entry.filename} 压缩比 {ratio:.0f}:1，拒绝读取")
            total += entry.file_size
        if total > MAX_TOTAL_BYTES:
            raise refuse(
                f"文件解压后共 {total // _MB} MB，超过上限 {MAX_TOTAL_BYTES // _MB} MB，拒绝读取"
            )
        if WORKBOOK_PART not in names:
            raise refuse("不是 Excel 工作簿：zip 文件中没有 xl/workbook.xml")

    def open_part(self, part: str) -> IO[bytes]:
        """A part's decompressed bytes as a stream."""
        try:
            return self._zip.open(part)
        except KeyError:
            raise refuse(f"文件已损坏：缺少部件 {part}") from None
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError):
            raise refuse(f"文件已损坏：部件 {part} 无法解压") from None

    def has_part(self, part: str) -> bool:
        return part in self._zip.NameToInfo

    def _read_workbook(self) -> None:
        relations = self._relations()
        listed: list[tuple[str, str, bool]] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            tag = local_name(name)
            if tag == "sheet":
                rel = next((v for k, v in attrs.items() if "}" in k and local_name(k) == "id"), "")
                hidden = attrs.get("state", "visible") != "visible"
                listed.append((attrs.get("name", ""), rel, hidden))
                if len(listed) > MAX_SHEETS:
                    raise refuse(f"工作表过多（超过 {MAX_SHEETS} 张），拒绝读取")
            elif tag == "workbookPr":
                self.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")

        with self.open_part(WORKBOOK_PART) as stream:
            parse_part(stream, WORKBOOK_PART, start)
        for name, rel, hidden in listed:
            target, kind = relations.get(rel, ("", ""))
            if kind.endswith("/worksheet") and self.has_part(target):
                self.sheets.append(SheetEntry(name, target, hidden))
        for target, kind in relations.values():
            if kind.endswith("/sharedStrings") and self.has_part(target):
                self.shared_strings_part = target
            elif kind.endswith("/styles") and self.has_part(target):
                self.styles_part = target

    def _relations(self) -> dict[str, tuple[str, str]]:
        """Relationship id → (part, type) of the workbook's relationships."""
        part = "xl/_rels/workbook.xml.rels"
        found: dict[str, tuple[str, str]] = {}
        if not self.has_part(part):
            return found

        def start(name: str, attrs: dict[str, str]) -> None:
            if local_name(name) == "Relationship" and attrs.get("TargetMode") != "External":
                target = _resolve(attrs.get("Target", ""))
                found[attrs.get("Id", "")] = (target, attrs.get("Type", ""))

        with self.open_part(part) as stream:
            parse_part(stream, part, start)
        return found


def _resolve(target: str) -> str:
    """A relationship's target as a part name: '/xl/worksheets/sheet1.xml' or 'worksheets/…'."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))
