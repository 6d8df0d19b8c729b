"""The command line's click group: ``jixiao [--db PATH] SUBCOMMAND``.

The console script lives in tui.main: it runs ``main`` here with a way to open the TUI when no
subcommand is named, so core never imports the TUI. Only a subcommand imports core.commands
(pydantic, scoring, the exporters): each path loads what it needs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from core.errors import JixiaoError
from core.output import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_UNREADABLE, fail

OpenHome = Callable[[Path | None], None]
"""What ``jixiao`` without a subcommand does with the store path (the TUI opens it)."""


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
        open_home: OpenHome | None = context.obj.get("open_home")
        if open_home is None:
            click.echo(context.get_help())
            return
        open_home(db_path)


def main(open_home: OpenHome | None = None) -> None:
    """Run the command line on ``sys.argv``: the project's errors become one message, never a
    traceback. Without a subcommand, ``open_home(db_path)`` runs (or the help is printed)."""
    try:
        cli.main(standalone_mode=False, prog_name="jixiao", obj={"open_home": open_home})
    except click.exceptions.Abort:
        fail("已取消", 1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_UNREADABLE)
    except JixiaoError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("已中断", EXIT_INTERRUPTED)
    except Exception as exc:  # a bug: say so plainly, keep the details in a file
        from core.crashlog import write_crash_log

        log = write_crash_log(exc)
        where = f"详情已写入 {log}" if log else "详情无法写入文件"
        fail(f"内部错误（{type(exc).__name__}）。{where}，请联系维护人员。", EXIT_INTERNAL)
