"""The subcommands of ``jixiao``: the store and the form files, scriptable.

Loaded by core.cli only when a subcommand is named, so plain ``jixiao`` (the TUI) starts without
pydantic, scoring or the exporters.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Group
from rich.text import Text

from core.errors import FormReadError, InputError, JixiaoError
from core.export import FORMATS, export_form
from core.files import check_output_target, describe_os_error
from core.interchange import read_form
from core.labels import field_label
from core.listing import PAGE_SIZE, lines, more_hint, page_title, summary_table, write_json_array
from core.money import money_unit, shown_money
from core.output import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNREADABLE,
    PIPED_WIDTH,
    ask,
    fail,
    print_view,
    say,
    say_json,
)
from core.render import history_table, paper_table
from core.report import check_view, findings_view, scorecard_data
from core.safetext import safe_text, strip_controls, terminal_safe
from core.scoring import in_unit, score_form
from core.store.doctor import doctor_report
from core.vocabulary import STATUS_LABELS

if TYPE_CHECKING:
    from core.store import Imported


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出评分与问题")
def check(file: Path, as_json: bool) -> None:
    """校验并评分一个表单文件（不存储）。退出码：0 无错误，1 有错误，2 无法读取。"""
    form = read_form(file)
    card = score_form(form)
    card = in_unit(form, card, shown_money(card.money))
    if as_json:
        say_json(scorecard_data(card))
    else:
        print_view(check_view(form, card, str(file)))
    sys.exit(EXIT_FINDINGS if card.errors else EXIT_OK)


def _open_store(context: click.Context, *, for_reading: bool = False):  # -> Store, lazily
    """The store of ``--db``; ``for_reading``: a read command, which never creates one."""
    from core.store import Store

    path = context.obj.get("db_path") if context.obj else None
    return Store.open(path, for_reading=for_reading, announce=_announce)


def _announce(line: str) -> None:
    say(line, err=True)


def _count_option(text: str | None, name: str, default: int, least: int) -> int:
    if text is None:
        return default
    stripped = text.strip()
    if not stripped.isdigit() or int(stripped) < least:
        raise InputError(f"{name} 应为不小于 {least} 的整数，收到“{text}”")
    return int(stripped)


def _form_id(text: str | None) -> int:
    if text is None:
        raise InputError("请给出表单编号（jixiao list 可查看编号）")
    stripped = text.strip()
    if not stripped.isdigit() or int(stripped) == 0:
        raise InputError(f"表单编号应为正整数，收到“{text}”")
    return int(stripped)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    stripped = text.strip()
    if not (stripped.isdigit() and len(stripped) == 4):
        raise InputError(f"年度应为四位数字，如 2023，收到“{text}”")
    return int(stripped)


def _status(text: str | None) -> str | None:
    if text is None:
        return None
    status = STATUS_NAMES.get(text.strip())
    if status is None:
        raise InputError(f"状态应为 draft（草稿）或 final（定稿），收到“{text}”")
    return status


STATUS_NAMES = {"draft": "draft", "final": "final", "草稿": "draft", "定稿": "final"}


@click.command("import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--unit", help="工作簿没有写明金额单位时按此读取：元 或 万元")
@click.option("--targets", is_flag=True, help="作为绩效目标申报表导入：生成草稿，年度指标值锁定")
@click.option("--dry-run", is_flag=True, help="只显示将导入的内容和无法读取的单元格，不存储")
@click.pass_context
def import_files(
    context: click.Context, files: tuple[Path, ...], unit: str | None, targets: bool, dry_run: bool
) -> None:
    """导入表单文件（JSON、xlsx、xls，可多个）；无法读取的文件整个不导入并报告，其余照常导入。

    标为定稿的表单只有能够定稿（没有错误）时才存为定稿，否则存为草稿并说明原因；内容未变的
    表单报告“未改动”。退出码：0 全部导入（包括存为草稿的），2 有文件未导入。
    """
    from core.workbook.reading import read_file
    from core.workbook.report import reading_view
    from core.workbook.storing import store_reading_with_outcome

    if not files:
        raise InputError("请给出要导入的表单文件，例如 jixiao import 表单.xlsx")
    asked_unit = money_unit(unit)
    failed = 0
    if dry_run:
        for file in files:
            reading = read_file(file, unit=asked_unit, targets=True if targets else None)
            failed += not reading.ok
            print_view(reading_view(reading), piped_width=PIPED_WIDTH)
        if failed:
            fail(f"{len(files)} 个文件中有 {failed} 个无法导入（未存储任何内容）", EXIT_UNREADABLE)
        return
    with _open_store(context) as store:
        for file in files:
            reading = read_file(file, unit=asked_unit, targets=True if targets else None)
            try:
                outcomes = store_reading_with_outcome(store, reading)
            except JixiaoError as exc:
                failed += 1
                say(not_imported_line(file, exc), err=True)
                continue
            for each, outcome in zip(reading.forms, outcomes, strict=True):
                sheet = f" 工作表“{_one_line(each.sheet)}”" if each.sheet else ""
                say(_import_message(f"{_shown_path(file)}{sheet}", outcome))
                for finding in outcome.not_final:
                    label = field_label(finding.path, outcome.stored.form)
                    say(f"  {label}：{_one_line(finding.message)}")
                for note in each.notes:
                    say(f"  · {_one_line(note)}")
    if failed:
        fail(f"{len(files)} 个文件中有 {failed} 个未导入", EXIT_UNREADABLE)


def not_imported_line(file: Path, error: JixiaoError) -> str:
    """'未导入 F：why': the file named once (a FormReadError names its file itself)."""
    reason = error.reason if isinstance(error, FormReadError) else str(error)
    return f"未导入 {_shown_path(file)}：{reason}"


def _one_line(text: str) -> str:
    from core.safetext import terminal_safe

    return terminal_safe(text, keep_newlines=False)


def _shown_path(path: Path) -> str:
    return _one_line(str(path))


def _import_message(source: str, outcome: Imported) -> str:
    stored = outcome.stored
    project = _one_line(stored.form.project)
    what = f"{stored.form.year} 年度 {project}，{STATUS_LABELS[stored.status]}"
    if outcome.action == "unchanged":
        text = f"未改动 {source}：与已存储的编号 {stored.id} 相同（{what}）"
    elif outcome.action == "replaced":
        text = f"已导入 {source} → 编号 {stored.id}（{what}），替换了原有内容，修改记录中可查"
    else:
        text = f"已导入 {source} → 编号 {stored.id}（{what}）"
    if outcome.not_final:
        text += f"；文件标为定稿，但有 {len(outcome.not_final)} 个错误，不能定稿，已存为草稿："
    return text


SEARCH_COUNTED_UP_TO = 10_000
"""A search counts its hits up to this many; beyond, the line says "超过"."""


def _list_options(command: Callable[..., None]) -> Callable[..., None]:
    options = [
        click.option("--year", metavar="年度", help="只列出这一年度"),
        click.option("--unit", help="只列出这个实施单位的表单"),
        click.option("--status", help="draft（草稿）或 final（定稿）"),
        click.option("--limit", metavar="份数", help=f"每页份数（默认 {PAGE_SIZE}）"),
        click.option("--offset", metavar="份数", help="跳过最新的多少份（翻页）"),
        click.option("--all", "everything", is_flag=True, help="逐行列出全部"),
        click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（默认全部）"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command("list")
@_list_options
@click.pass_context
def list_command(context: click.Context, **options: Any) -> None:
    """列出已存储的表单（新年度在前），默认显示最新的 50 份。"""
    _show_forms(context, None, "已存储的表单", **options)


@click.command()
@click.argument("query", required=False)
@_list_options
@click.pass_context
def search(context: click.Context, query: str | None, **options: Any) -> None:
    """按项目名称、单位和指标名称全文查找（中文两个字以上即可），默认显示最新的 50 份。"""
    if not query or not query.strip():
        raise InputError("请给出要查找的词，例如 jixiao search 信访")
    _show_forms(context, query, f"查找“{terminal_safe(query, keep_newlines=False)}”", **options)


def _show_forms(
    context: click.Context,
    query: str | None,
    title: str,
    *,
    year: str | None,
    unit: str | None,
    status: str | None,
    limit: str | None,
    offset: str | None,
    everything: bool,
    as_json: bool,
) -> None:
    """A page as a table with a line on what is left; all of them (--all, --json) streamed."""
    filters = {"year": _year(year), "implementer": unit, "status": _status(status), "query": query}
    start = _count_option(offset, "--offset", 0, 0)
    streamed = everything or as_json
    size = _count_option(limit, "--limit", 0 if streamed else PAGE_SIZE, 1) or None
    with _open_store(context, for_reading=True) as store:
        if streamed:
            summaries = itertools.islice(
                store.iter_summaries(**filters), start, None if size is None else start + size
            )
            if as_json:
                write_json_array(summaries, sys.stdout)
            else:
                for line in lines(summaries):
                    click.echo(line)
            return
        page = store.list_forms(**filters, limit=size, offset=start)
        cap = SEARCH_COUNTED_UP_TO if query else None
        total = store.count_forms(**filters, at_most=cap)
    counted_all = cap is None or total < cap
    print_view(summary_table(page, page_title(title, start, len(page), total, counted_all)))
    hint = more_hint(start, len(page), total, counted_all)
    if hint:
        say(hint)


@click.command()
@click.argument("form_id", required=False)
@click.pass_context
def show(context: click.Context, form_id: str | None) -> None:
    """按纸质表的样式显示一份表单及其评分。"""
    with _open_store(context, for_reading=True) as store:
        stored = store.get_form(_form_id(form_id))
        pending = store.pending_inputs(stored.id)
    status = Text(f"编号 {stored.id} · {STATUS_LABELS[stored.status]} · 更新于 {stored.updated_at}")
    card = in_unit(stored.form, stored.scorecard, shown_money(stored.scorecard.money))
    parts: list = [status, paper_table(stored.form, card)]
    for path, raw in pending.items():
        parts.append(safe_text(f"未保存的输入 {field_label(path, stored.form)}：“{raw}”", "red"))
    parts.append(findings_view(stored.form, card))
    print_view(Group(*parts), piped_width=PIPED_WIDTH)


@click.command()
@click.argument("form_id", required=False)
@click.option("--format", "export_format", help="xlsx、json、text、html 或 svg")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="输出文件")
@click.option("--unit", help="xlsx 与 html 的金额单位：元 或 万元（默认按设置或规则集）")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="导出全部表单：-o 新文件夹（每份一个文件）或 -o 文件.jsonl",
)
@click.pass_context
def export(
    context: click.Context,
    form_id: str | None,
    export_format: str | None,
    output: Path | None,
    unit: str | None,
    everything: bool,
) -> None:
    """把一份表单导出到文件（xlsx、json、text、html、svg）；--all 导出全部表单。"""
    if output is None:
        raise InputError("请用 -o 给出输出文件，例如 -o 表单.xlsx")
    export_format = (export_format or "").strip().lower()
    if export_format not in FORMATS:
        raise InputError(f"导出格式应为 xlsx、json、text、html 或 svg，收到“{export_format}”")
    money = money_unit(unit)
    if everything:
        _export_all(context, form_id, export_format, output, money)
        return
    with _open_store(context, for_reading=True) as store:
        stored = store.get_form(_form_id(form_id))
        try:
            export_form(
                stored.form,
                stored.scorecard,
                export_format,
                output,
                store_path=store.path,
                unit=money,
            )
        except OSError as exc:
            raise InputError(f"无法写入 {output}：{describe_os_error(exc)}") from None
    say(f"已导出表单 {stored.id} 到 {output}")


def _export_all(
    context: click.Context, form_id: str | None, export_format: str, output: Path, money: str
) -> None:
    from core.bulk_export import export_all

    if form_id is not None:
        raise InputError("--all 导出全部表单，不需要表单编号")
    with _open_store(context, for_reading=True) as store:
        try:
            result = export_all(store, export_format, output, formats=FORMATS, unit=money)
        except OSError as exc:
            raise InputError(f"无法写入 {output}：{describe_os_error(exc)}") from None
    say(f"已导出 {result.written} 份表单到 {output}")
    if result.skipped:
        ids = "、".join(map(str, result.skipped))
        fail(
            f"{len(result.skipped)} 份表单已损坏，未导出：编号 {ids}（jixiao doctor 可查看）",
            EXIT_FINDINGS,
        )


@click.command()
@click.argument("form_id", required=False)
@click.pass_context
def history(context: click.Context, form_id: str | None) -> None:
    """列出一份表单的修改记录（时间、用户、字段、原值、新值）。"""
    with _open_store(context, for_reading=True) as store:
        stored = store.get_form(_form_id(form_id))
        changes = store.history(stored.id)
    print_view(history_table(changes, stored.form))


@click.command()
@click.argument("form_id", required=False)
@click.pass_context
def finalize(context: click.Context, form_id: str | None) -> None:
    """定稿：没有错误时才可定稿，定稿后不能再修改。"""
    from core.store import FinalizeRefused

    with _open_store(context) as store:
        try:
            stored = store.finalize(_form_id(form_id))
        except FinalizeRefused as refused:
            say(str(refused), err=True)
            form = store.get_form(refused.form_id).form
            for finding in refused.findings:
                label = field_label(finding.path, form)
                say(f"  {label}（{finding.path}）：{finding.message}", err=True)
            sys.exit(EXIT_FINDINGS)
    say(f"表单 {stored.id} 已定稿")


@click.command()
@click.argument("form_id", required=False)
@click.option("--reason", default="", help="退回修改的原因（记入修改记录）")
@click.pass_context
def reopen(context: click.Context, form_id: str | None, reason: str) -> None:
    """退回修改：定稿的表单重新变为草稿，需填写原因。"""
    if not reason.strip():
        raise InputError('退回修改需要填写原因，例如 --reason "补充偏差原因"')
    with _open_store(context) as store:
        stored = store.reopen(_form_id(form_id), strip_controls(reason))
    say(f"表单 {stored.id} 已退回修改（草稿）")


@click.command()
@click.argument("form_id", required=False)
@click.option("--year", metavar="年度", help="新表单的年度（默认：下一年度）")
@click.pass_context
def clone(context: click.Context, form_id: str | None, year: str | None) -> None:
    """复制到新年度：保留表头、预期目标与指标（年度指标值、分值），清空完成情况与得分。"""
    with _open_store(context) as store:
        stored = store.clone_to_year(_form_id(form_id), _year(year))
    say(f"已复制为 {stored.form.year} 年度草稿，编号 {stored.id}（来源 {stored.source_id}）")


SUMMARY_FORMATS = ("xlsx", "text", "html")


@click.command()
@click.option("--year", metavar="年度", help="年度，如 2022（必填）")
@click.option("--unit", "implementer", help="只汇总这个实施单位的表单")
@click.option("--money", help="金额单位：元 或 万元（默认按设置或规则集）")
@click.option("--format", "summary_format", default="text", help="xlsx、text 或 html（默认 text）")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="输出文件（text 可省略）")
@click.pass_context
def summary(
    context: click.Context,
    year: str | None,
    implementer: str | None,
    money: str | None,
    summary_format: str,
    output: Path | None,
) -> None:
    """自评汇总表：一个年度（可限定实施单位）全部项目的预算执行、总分与等级，带合计。"""
    from core.files import check_output_target, write_atomic
    from core.workbook.summary import (
        summary_html,
        summary_money,
        summary_table,
        summary_text,
        summary_xlsx,
        year_summary,
    )

    chosen_year = _year(year)
    if chosen_year is None:
        raise InputError("请用 --year 给出年度，例如 jixiao summary --year 2022")
    summary_format = summary_format.strip().lower()
    if summary_format not in SUMMARY_FORMATS:
        raise InputError(f"汇总表格式应为 xlsx、text 或 html，收到“{summary_format}”")
    if output is None and summary_format != "text":
        raise InputError("请用 -o 给出输出文件，例如 -o 汇总表.xlsx")
    shown = summary_money(money)
    with _open_store(context, for_reading=True) as store:
        result = year_summary(store, chosen_year, implementer)
        if not result.rows:
            scope = f"实施单位“{_one_line(implementer)}”" if implementer else ""
            raise InputError(f"{chosen_year} 年度{scope}没有表单，未生成汇总表")
        if output is None:
            print_view(summary_table(result, shown))
            return
        check_output_target(output, store=store.path, what="汇总表文件")
        writers = {"xlsx": summary_xlsx, "text": summary_text, "html": summary_html}
        try:
            write_atomic(output, writers[summary_format](result, shown))
        except OSError as exc:
            raise InputError(f"无法写入 {output}：{describe_os_error(exc)}") from None
    say(f"已导出 {chosen_year} 年度自评汇总表（{len(result.rows)} 个项目）到 {output}")


@click.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="目标文件已存在时直接覆盖、不再询问；存储中有损坏的表单时仍然备份（原样复制）",
)
@click.pass_context
def backup(context: click.Context, target: Path, force: bool) -> None:
    """把整个存储备份到文件（联机备份，校验通过后才算成功）。

    目标文件已存在时先询问。先核对每份表单的校验和：有损坏时不备份（退出码 1）。
    加上 --force 则两者都不拦。
    """
    from core.store import StoreDamaged

    with _open_store(context, for_reading=True) as store:
        if not force and os.path.lexists(target):
            check_output_target(target, store=store.path, what="备份文件")  # the store, folders…
            _confirm_replace(target)
        try:
            count = store.backup(target, allow_damaged=force)
        except StoreDamaged as damaged:
            fail(f"{damaged}；未备份。加上 --force 仍可备份（损坏之处原样复制）", EXIT_FINDINGS)
    say(f"已备份 {count} 份表单到 {target}（完整性已校验）")


def _confirm_replace(target: Path) -> None:
    """Ask before a backup replaces a file; on a pipe nobody can answer, so refuse."""
    if not sys.stdin.isatty():
        raise InputError(f"备份文件 {target} 已存在；要覆盖它，请加 --force")
    if not ask(f"备份文件 {target} 已存在，要覆盖吗？"):
        raise click.exceptions.Abort


@click.command()
@click.pass_context
def doctor(context: click.Context) -> None:
    """检查整个存储：文件结构，以及每份表单和每条修改记录的校验和，列出损坏之处。

    退出码：0 完好，1 发现损坏，2 无法打开。
    """
    with _open_store(context, for_reading=True) as store:
        report = store.check_integrity(thorough=True)
        path = store.path
    for line in doctor_report(report, path):
        say(line)
    if not report.ok:
        sys.exit(EXIT_FINDINGS)


COMMANDS: dict[str, click.Command] = {
    command.name: command  # type: ignore[misc]
    for command in (
        check,
        import_files,
        list_command,
        search,
        show,
        export,
        history,
        finalize,
        reopen,
        clone,
        summary,
        backup,
        doctor,
    )
}
