"""Exports of one form: xlsx (the bureau's workbook), json (the interchange file), html (a
table that prints on A4), and text and svg of the paper layout.

Every export is written atomically (core.files.write_atomic) and reads only the form and its
scorecard: the store is never touched.
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console, Group

from core.files import check_output_target, write_atomic
from core.interchange import form_to_json
from core.model import Form
from core.money import export_money, shown_money
from core.output import guarded
from core.render import paper_table
from core.report import findings_view
from core.safetext import terminal_safe
from core.scoring import Scorecard, in_unit

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
        money = export_money(unit, scorecard.money)
        scorecard = in_unit(form, scorecard, money)
        if export_format == "xlsx":
            from core.workbook.write import workbook_bytes

            return workbook_bytes(form, scorecard, money)
        from core.workbook.html import form_html

        return form_html(form, scorecard, money)
    scorecard = in_unit(form, scorecard, shown_money(scorecard.money))
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
