"""The stored forms on the command line (``jixiao list`` and ``jixiao search``).

A page (50 forms by default) is a Rich table with a line telling how many more there are and
how to see them. Everything (``--all``) is streamed, one line a form in columns of fixed width,
so that 100,000 forms start to show at once and never sit in memory as one table; ``--json``
streams a JSON array the same way. Every stored text goes through ``terminal_safe``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from core.decimals import format_decimal
from core.safetext import json_safe, terminal_safe
from core.store.records import FormSummary
from core.vocabulary import STATUS_LABELS

PAGE_SIZE = 50
"""Forms shown when no --limit, --all or --json is asked for."""
DAMAGED_LABEL = "已损坏"
MISSING = "—"
_HEADER = ("编号", "年度", "状态", "总分", "等级", "更新时间", "项目名称", "实施单位")


def _one_line(text: str) -> str:
    return terminal_safe(text, keep_newlines=False)


def _cells(summary: FormSummary) -> tuple[str, ...]:
    damaged = summary.damaged
    return (
        str(summary.id),
        str(summary.year),
        DAMAGED_LABEL if damaged else STATUS_LABELS.get(summary.status, _one_line(summary.status)),
        MISSING if damaged else format_decimal(summary.total),
        MISSING if damaged else _one_line(summary.grade),
        _one_line(summary.updated_at[:16].replace("T", " ")),
        _one_line(summary.project) or MISSING,
        _one_line(summary.implementer) or MISSING,
    )


def summary_table(summaries: list[FormSummary], title: str) -> Table:
    """A page of forms as a table; damaged forms are marked 已损坏 in red."""
    table = Table(title=Text(title), title_justify="left")
    table.add_column("编号", justify="right", no_wrap=True)
    table.add_column("年度", no_wrap=True)
    table.add_column("项目名称", overflow="fold")
    table.add_column("实施单位", overflow="fold")
    table.add_column("状态", no_wrap=True)
    table.add_column("总分", justify="right", no_wrap=True)
    table.add_column("等级", no_wrap=True)
    table.add_column("更新时间", no_wrap=True)
    for summary in summaries:
        number, year, status, total, grade, updated, project, unit = _cells(summary)
        table.add_row(
            Text(number),
            Text(year),
            Text(project),
            Text(unit),
            Text(status, style="red" if summary.damaged else ""),
            Text(total),
            Text(grade),
            Text(updated),
        )
    return table


def header_line() -> str:
    """The first line of a streamed list."""
    return _line(*_HEADER)


def summary_line(summary: FormSummary) -> str:
    """One form as a line of the streamed list (columns of fixed width, 实施单位 last)."""
    return _line(*_cells(summary))


def _line(*cells: str) -> str:
    # widths in terminal cells; Chinese takes two, so those columns are padded by cell_len
    number, year, status, total, grade, updated, project, unit = cells
    return (
        f"{_right(number, 6)}  {_left(year, 4)}  {_left(status, 6)}  {_right(total, 6)}  "
        f"{_left(grade, 4)}  {_left(updated, 16)}  {_left(project, 28)}  {unit}"
    )


def _left(text: str, width: int) -> str:
    return text + " " * (width - cell_len(text)) if not text.isascii() else text.ljust(width)


def _right(text: str, width: int) -> str:
    return " " * (width - cell_len(text)) + text if not text.isascii() else text.rjust(width)


def summary_data(summary: FormSummary) -> dict[str, Any]:
    """One form as a JSON object of ``list --json``."""
    return {
        "id": summary.id,
        "year": summary.year,
        "project": summary.project,
        "department": summary.department,
        "implementer": summary.implementer,
        "status": summary.status,
        "total": format_decimal(summary.total),
        "grade": summary.grade,
        "updated_at": summary.updated_at,
        "damaged": summary.damaged,
    }


def write_json_array(summaries: Iterable[FormSummary], stream: IO[str]) -> None:
    """A JSON array of ``summary_data``, written as the forms come (two-space indent)."""
    stream.write("[")
    written = False
    for summary in summaries:
        text = json_safe(json.dumps(summary_data(summary), ensure_ascii=False, indent=2))
        stream.write(("," if written else "") + "\n  " + text.replace("\n", "\n  "))
        written = True
    stream.write("\n]\n" if written else "]\n")


def page_title(title: str, offset: int, shown: int, total: int, counted_all: bool) -> str:
    """'已存储的表单（第 1–50 份，共 100000 份）'."""
    if not shown:
        return f"{title}（没有{'更多' if offset else ''}表单）"
    of = f"共 {total} 份" if counted_all else f"超过 {total} 份"
    return f"{title}（第 {offset + 1}–{offset + shown} 份，{of}）"


def more_hint(offset: int, shown: int, total: int, counted_all: bool) -> str | None:
    """The line under a page that says how many more there are and how to see them."""
    remaining = total - offset - shown
    if remaining <= 0:
        return None
    more = f"还有 {remaining} 份" if counted_all else f"还有超过 {remaining} 份"
    return (
        f"{more}未列出：--offset {offset + shown} 看下一页，--limit N 改每页份数，"
        "--all 逐行列出全部，--json 输出 JSON"
    )


def lines(summaries: Iterable[FormSummary]) -> Iterator[str]:
    """The streamed list: the header, then one line a form."""
    yield header_line()
    for summary in summaries:
        yield summary_line(summary)
