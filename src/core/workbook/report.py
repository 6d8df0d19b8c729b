"""What an import read and could not read, as the command line and the TUI show it.

The same words in both places: one line per form that would be stored, the notes worth a
look, and every cell that could not be read (``工作表“自评表” B14：分值“十”不是数字``).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from core.safetext import terminal_safe
from core.workbook.reading import KIND_LABELS, FileReading, FormReading

MAX_PROBLEMS_SHOWN = 200


def one_line(text: str) -> str:
    return terminal_safe(text, keep_newlines=False)


def form_line(reading: FormReading) -> str:
    """'工作表“自评表” → 2022 年度 维稳工作（实施单位），20 行指标，金额单位 元，自评表'."""
    form = reading.form
    where = f"工作表“{one_line(reading.sheet)}” → " if reading.sheet else ""
    unit = f"，金额单位 {reading.unit}" if reading.unit else ""
    implementer = f"（{one_line(form.implementer)}）" if form.implementer else ""
    return (
        f"{where}{form.year} 年度 {one_line(form.project) or '（未命名项目）'}{implementer}，"
        f"{len(form.indicators)} 行指标{unit}，{KIND_LABELS[reading.kind]}"
    )


def first_problem_message(reading: FileReading) -> str:
    """The one message for a file that is not imported: its first problem, and how many more."""
    message = str(reading.problems[0])
    more = len(reading.problems) - 1
    if more:
        message += f"（另有 {more} 处无法读取，用 --dry-run 查看全部）"
    return message


def reading_view(reading: FileReading, *, with_forms: bool = True) -> RenderableType:
    """Everything about one file: what would be stored (each form in the paper layout when
    ``with_forms``), the notes, the sheets skipped and every cell that could not be read."""
    from core.render import paper_table
    from core.scoring import score_form

    parts: list[RenderableType] = [Text(one_line(str(reading.path)), style="bold")]
    for form_reading in reading.forms:
        parts.append(Text("  将导入 " + form_line(form_reading)))
        for note in form_reading.notes:
            parts.append(Text("    · " + one_line(note), style="yellow"))
        if with_forms and not reading.problems:
            parts.append(paper_table(form_reading.form, score_form(form_reading.form)))
    if reading.skipped:
        skipped = "、".join(one_line(name) for name in reading.skipped)
        parts.append(Text(f"  跳过的工作表（不是自评表）：{skipped}", style="dim"))
    if reading.problems:
        parts.append(
            Text(f"  无法读取 {len(reading.problems)} 处，这个文件不会导入：", style="bold red")
        )
        for problem in reading.problems[:MAX_PROBLEMS_SHOWN]:
            parts.append(Text("    " + one_line(str(problem)), style="red"))
        if len(reading.problems) > MAX_PROBLEMS_SHOWN:
            parts.append(Text(f"    ……另有 {len(reading.problems) - MAX_PROBLEMS_SHOWN} 处"))
    return Group(*parts)
