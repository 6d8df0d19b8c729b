"""The command line: ``jixiao`` opens the TUI; the subcommands make the same store scriptable.

Only ``jixiao`` without a subcommand imports textual, and only a subcommand imports
core.commands (pydantic, scoring, the exporters): each path loads what it needs.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click
from rich.console import Console

from core.errors import JixiaoError

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def new_console(stderr: bool = False) -> Console:
    """A console for command output: no highlighting, no soft wrap."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def fail(message: str, code: int = EXIT_UNREADABLE) -> None:
    """Print a user-facing error (never markup-parsed) and exit."""
    new_console(stderr=True).print(message, markup=False, style="red", soft_wrap=True)
    sys.exit(code)


class SubcommandsOnDemand(click.Group):
    """A group whose subcommands are imported from core.commands when one is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from core.commands import COMMANDS

        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from core.commands import COMMANDS

        return COMMANDS.get(cmd_name)


@click.group(cls=SubcommandsOnDemand, invoke_without_command=True)
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
