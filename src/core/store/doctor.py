"""What ``jixiao doctor`` says about a store: the full check's findings in the user's words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.store.integrity import IntegrityReport

REMEDY = (
    "损坏的表单无法打开，其余表单照常可用。可以从备份恢复整个存储；或重新导入该表单的文件"
    "（草稿会换成文件中的内容）；或删除该草稿。动手之前，请先用 jixiao backup --force "
    "把现在的存储另存一份。"
)


def doctor_report(report: IntegrityReport, path: Path) -> Iterator[str]:
    """The lines of the report: the file, its structure, every damaged form and entry."""
    yield f"存储文件：{path}"
    if report.structure == "ok":
        yield "文件结构：完好"
    else:
        yield f"文件结构：{report.structure}"
        yield from (f"  SQLite：{line}" for line in report.details)
    damaged = report.damaged_forms
    if damaged:
        yield f"表单：{report.forms} 份，其中 {len(damaged)} 份已损坏："
        yield from (
            f"  编号 {form_id}：{what}与校验和不符" for form_id, what in sorted(damaged.items())
        )
    else:
        yield f"表单：{report.forms} 份，全部完好"
    entries = report.damaged_entries
    if entries:
        count = sum(len(ids) for ids in entries.values())
        yield f"修改记录：{report.entries} 条，其中 {count} 条已损坏："
        for form_id, ids in sorted(entries.items()):
            yield f"  表单 {form_id} 的第 {'、'.join(map(str, ids))} 号修改记录"
    else:
        yield f"修改记录：{report.entries} 条，全部完好"
    if report.ok:
        yield "没有发现损坏。"
    else:
        yield REMEDY
