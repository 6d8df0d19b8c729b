"""The command line: ``jixiao`` opens the TUI; the subcommands make the same store scriptable.

Only ``jixiao`` without a subcommand imports textual, so headless commands start fast.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import click
from rich.console import Console

from core.errors import JixiaoError
from core.interchange import read_form
from core.report import check_view, scorecard_data
from core.scoring import score_form

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = EXIT_UNREADABLE) -> None:
    """Print a user-facing error (never markup-parsed) and exit."""
    _console(stderr=True).print(message, markup=False, style="red")
    sys.exit(code)


@click.group(invoke_without_command=True)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="JIXIAO_DB",
    help="存储文件（默认：每个用户一个本地文件）",
)
@click.version_option(package_name="jixiao", prog_name="jixiao")
@click.pass_context
def cli(context: click.Context, db_path: Path | None) -> None:
    """jixiao（绩效）：项目支出绩效自评表的填报、评分、复核与导出。"""
    context.ensure_object(dict)
    context.obj["db_path"] = db_path
    if context.invoked_subcommand is None:
        from tui.launch import launch  # textual only for the TUI

        launch(db_path)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出评分与问题")
def check(file: Path, as_json: bool) -> None:
    """校验并评分一个表单文件（不存储）。退出码：0 无错误，1 有错误，2 无法读取。"""
    form = read_form(file)
    card = score_form(form)
    if as_json:
        click.echo(json.dumps(scorecard_data(card), ensure_ascii=False, indent=2))
    else:
        _console().print(check_view(form, card, str(file)))
    sys.exit(EXIT_FINDINGS if card.errors else EXIT_OK)


def main() -> None:
    """Console-script entry: the project's errors become one message, never a traceback."""
    try:
        cli.main(standalone_mode=False, prog_name="jixiao")
    except click.exceptions.Abort:
        fail("已取消", 1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_UNREADABLE)
    except JixiaoError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("已中断", 130)
    except Exception as exc:  # a bug: say so plainly, keep the details in a file
        log = _write_crash_log()
        fail(f"内部错误（{type(exc).__name__}）。详情已写入 {log}，请联系维护人员。", 3)


def _write_crash_log() -> Path:
    import tempfile

    path = Path(tempfile.gettempdir()) / "jixiao-crash.log"
    with path.open("a", encoding="utf-8") as stream:
        stream.write(traceback.format_exc() + "\n")
    return path
