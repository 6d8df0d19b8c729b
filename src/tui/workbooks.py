"""The home's workbook actions: import a file (after showing what it holds) and write the
year's 自评汇总表. The dialogs ask; core reads, stores and writes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.errors import JixiaoError

if TYPE_CHECKING:
    from textual.screen import Screen

    from core.store import Store
    from core.workbook.reading import FileReading


def ask_import(screen: Screen[Any], store: Store, imported: Callable[[list[int]], None]) -> None:
    """Ask for a file, read it in the background, show the report, store on the user's yes."""
    from tui.screens.workbook_dialogs import ImportPathModal

    def chosen(answer: tuple[Path, str | None] | None) -> None:
        if answer is None:
            return
        path, unit = answer
        screen.notify(f"正在读取 {path.name}……", markup=False, timeout=2)

        def read() -> None:
            from core.workbook.reading import read_file

            reading = read_file(path, unit=unit)
            screen.app.call_from_thread(_show_report, screen, store, reading, imported)

        screen.run_worker(read, thread=True, exclusive=True, group="import")

    screen.app.push_screen(ImportPathModal(), chosen)


def _show_report(
    screen: Screen[Any], store: Store, reading: FileReading, imported: Callable[[list[int]], None]
) -> None:
    from tui.screens.workbook_dialogs import ImportReportModal

    def answered(store_it: bool | None) -> None:
        if not store_it:
            return
        from core.workbook.storing import store_reading

        try:
            stored = store_reading(store, reading)
        except JixiaoError as exc:
            screen.notify(str(exc), title="未导入", severity="error", markup=False, timeout=10)
            return
        names = "、".join(f"{each.form.year} 年度“{each.form.project}”" for each in stored[:3])
        more = f"等 {len(stored)} 份" if len(stored) > 3 else ""
        screen.notify(f"已导入 {names}{more}", title="导入完成", markup=False)
        imported([each.id for each in stored])

    screen.app.push_screen(ImportReportModal(reading), answered)


def ask_summary(screen: Screen[Any], store: Store, year: int) -> None:
    """Ask for a year, a format and a file, then write that year's 自评汇总表 there."""
    from tui.screens.modals import write_unless_declined
    from tui.screens.workbook_dialogs import SummaryModal

    def answered(choice: tuple[int, str, Path] | None) -> None:
        if choice is None:
            return
        chosen_year, fmt, path = choice

        def write() -> None:
            try:
                count = write_summary(store, chosen_year, fmt, path)
            except (JixiaoError, OSError) as exc:
                screen.notify(str(exc), title="未导出汇总表", severity="error", markup=False)
                return
            screen.notify(
                f"{chosen_year} 年度 {count} 个项目，已导出到 {path.resolve()}",
                title="自评汇总表",
                markup=False,
            )

        write_unless_declined(screen, path, write)

    screen.app.push_screen(SummaryModal(year), answered)


def write_summary(store: Store, year: int, fmt: str, path: Path) -> int:
    """Write the year's summary to ``path``; how many projects it holds."""
    from core.errors import InputError
    from core.files import check_output_target, write_atomic
    from core.workbook.summary import summary_html, summary_text, summary_xlsx, year_summary
    from core.workbook.units import export_unit

    summary = year_summary(store, year)
    if not summary.rows:
        raise InputError(f"{year} 年度没有表单，未生成汇总表")
    check_output_target(path, store=store.path, what="汇总表文件")
    writers = {"xlsx": summary_xlsx, "html": summary_html, "text": summary_text}
    write_atomic(path, writers[fmt](summary, export_unit(None)))
    return len(summary.rows)
