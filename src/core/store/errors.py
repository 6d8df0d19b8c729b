"""What the store reports: every failure is a StoreError (a JixiaoError) with a Chinese message."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import JixiaoError
from core.findings import Finding

if TYPE_CHECKING:
    from core.store.integrity import IntegrityReport


class StoreError(JixiaoError):
    """The store cannot do what was asked; the message says why, in the user's words."""


class FormNotFound(StoreError):
    """No stored form has this id."""

    def __init__(self, form_id: int) -> None:
        self.form_id = form_id
        super().__init__(f"没有编号为 {form_id} 的表单")


class FinalFormError(StoreError):
    """The form is final (定稿): nothing may change it until it is reopened with a reason."""

    def __init__(self, form_id: int, action: str = "修改") -> None:
        self.form_id = form_id
        super().__init__(f"表单 {form_id} 已定稿，不能{action}；如需修改，请先退回修改并填写原因")


class ConflictError(StoreError):
    """The form changed under the writer: ``paths`` are the fields changed since its revision."""

    def __init__(self, form_id: int, revision: int, current: int, paths: Sequence[str]) -> None:
        self.form_id = form_id
        self.revision = revision
        self.current = current
        self.paths = tuple(paths)
        from core.store.labels import change_label

        changed = "、".join(dict.fromkeys(change_label(p) for p in self.paths)) or "表单"
        super().__init__(
            f"表单 {form_id} 已被他人修改（版本 {revision} → {current}），"
            f"改动了：{changed}。请重新打开后再修改"
        )


class FinalizeRefused(StoreError):
    """Finalising was refused: ``findings`` are the errors (and pending inputs) still open."""

    def __init__(self, form_id: int, findings: Sequence[Finding]) -> None:
        self.form_id = form_id
        self.findings = tuple(findings)
        super().__init__(f"表单 {form_id} 还有 {len(self.findings)} 个错误，不能定稿")


class DamagedForm(StoreError):
    """A form whose stored record or content no longer matches its checksum."""

    def __init__(self, form_id: int, what: str) -> None:
        self.form_id = form_id
        self.what = what
        super().__init__(
            f"表单 {form_id} 已损坏（{what}与校验和不符），无法读取；"
            "其余表单不受影响。请运行 jixiao doctor 查看，或从备份恢复"
        )


class StoreDamaged(StoreError):
    """The full check found damage: ``report`` says what (core.store.integrity)."""

    def __init__(self, report: IntegrityReport) -> None:
        self.report = report
        super().__init__(damage_summary(report))


def damage_summary(report: IntegrityReport, shown: int = 20) -> str:
    """One line naming what the full check found damaged."""
    parts = []
    if report.structure != "ok":
        parts.append(report.structure)
    if report.damaged_forms:
        parts.append(
            f"{len(report.damaged_forms)} 份表单已损坏（编号 {_ids(report.damaged_forms, shown)}）"
        )
    if report.damaged_entries:
        count = sum(len(ids) for ids in report.damaged_entries.values())
        parts.append(f"{count} 条修改记录已损坏（属于表单 {_ids(report.damaged_entries, shown)}）")
    return "；".join(parts) or "没有发现损坏"


def _ids(ids: Iterable[int], shown: int) -> str:
    ordered = sorted(ids)
    text = "、".join(map(str, ordered[:shown]))
    return text if len(ordered) <= shown else f"{text} 等 {len(ordered)} 份"


def describe_sqlite_error(exc: sqlite3.Error, path: Path) -> str:
    """What went wrong with the store file, in the user's words (SQLite's own are English)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"存储文件 {path} 正被其他程序写入，请稍后再试"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return f"存储文件 {path} 已损坏；请运行 jixiao doctor 检查，或从备份恢复"
    if name == "SQLITE_READONLY_DIRECTORY":
        return (
            f"没有在文件夹 {path.parent} 中写入的权限（打开存储文件需要在它旁边建立临时文件）；"
            "文件本身没有损坏"
        )
    if name.startswith("SQLITE_READONLY"):
        return f"存储文件 {path} 只能读取：没有写入它的权限，或它以只读方式打开；未做任何改动"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"无法打开存储文件 {path}：文件或所在文件夹不存在，或没有读写权限"
    if name.startswith("SQLITE_FULL"):
        return f"磁盘已满，未能写入存储文件 {path}；此前已保存的内容不受影响"
    if name.startswith(("SQLITE_IOERR", "SQLITE_PERM", "SQLITE_AUTH")):
        return f"读写存储文件 {path} 时出错（磁盘、权限或文件系统问题，{name}）"
    return f"存储文件 {path} 出错（{name or type(exc).__name__}）"
