"""Exports of one form: xlsx (the bureau's workbook), json (the interchange file), html (a
table that prints on A4), and text and svg of the paper layout.

Every export is written atomically (core.files.write_atomic) and reads only the form and its
scorecard: the store is never touched.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Console, Group

from core.errors import InputError
from core.files import check_output_target, write_atomic
from core.interchange import form_to_json
from core.model import Form
from core.output import guarded
from core.render import paper_table
from core.report import findings_view
from core.safetext import json_safe, terminal_safe
from core.scoring import Scorecard

FORMATS = ("xlsx", "json", "text", "html", "svg")
"""FORMATS: what ``export`` writes, the bureau's workbook first"""
MONEY_FORMATS = ("xlsx", "html")
"""MONEY_FORMATS: the exports whose amounts follow the money unit (元 or 万元)"""
EXPORT_WIDTH = 100


def _console() -> Console:
    """A recording console behind the last guard: no raw control character reaches a file."""
    return guarded(
        Console(
            record=True,
            width=EXPORT_WIDTH,
            file=io.StringIO(),
            force_terminal=True,
            color_system="truecolor",
            highlight=False,
            legacy_windows=False,
        )
    )


def render_export(
    form: Form, scorecard: Scorecard, export_format: str, unit: str | None = None
) -> str | bytes:
    """The content of an export (bytes for xlsx); ValueError for an unknown format.

    ``unit`` (元 or 万元) is the money unit of an xlsx or html export; None follows the user's
    setting, else the form's rule set.
    """
    if export_format == "json":
        return form_to_json(form)
    if export_format not in FORMATS:
        raise ValueError(export_format)
    if export_format in MONEY_FORMATS:
        from core.workbook.units import export_unit

        money_unit = export_unit(form.rule_set, unit)
        if export_format == "xlsx":
            from core.workbook.write import workbook_bytes

            return workbook_bytes(form, scorecard, money_unit)
        from core.workbook.html import form_html

        return form_html(form, scorecard, money_unit)
    console = _console()
    console.print(Group(paper_table(form, scorecard), findings_view(form, scorecard)))
    title = terminal_safe(f"{form.year} 年度 {form.project}", keep_newlines=False)
    if export_format == "text":
        return console.export_text(styles=False)
    return console.export_svg(title=title)


def export_form(
    form: Form,
    scorecard: Scorecard,
    export_format: str,
    path: Path | str,
    *,
    store_path: Path | None = None,
    unit: str | None = None,
) -> None:
    """Write one form to ``path`` in ``export_format`` (xlsx, json, text, html or svg).

    ``path`` is refused (InputError) when it is the store at ``store_path`` or a file beside it
    that SQLite uses, a folder, or a special file (core.files.check_output_target).
    """
    path = Path(path)
    check_output_target(path, store=store_path, what="导出文件")
    write_atomic(path, render_export(form, scorecard, export_format, unit))


def export_all_json(forms: Iterable[dict[str, Any]], folder: Path | str) -> int:
    """Every form's interchange file into a new ``folder`` (``<id>.json``); how many.

    The files are written into a staging folder beside it, flushed to disk once, and the
    folder is renamed into place: a reader sees no folder or the complete one.
    """
    folder = Path(folder)
    if folder.exists():
        raise InputError(f"{folder} 已存在，请给出一个新的文件夹")
    if not folder.parent.is_dir():
        raise InputError(f"输出位置 {folder.parent} 不存在")
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    count = 0
    try:
        for data in forms:
            text = json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
            (staging / f"{data['id']}.json").write_bytes(text.encode("utf-8"))
            count += 1
        _flush(staging)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _flush(folder: Path) -> None:
    """Everything written under ``folder`` on disk: one sync where the OS has it."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in folder.iterdir():  # Windows: no global sync
        with path.open("rb+") as stream:
            os.fsync(stream.fileno())
