"""The command line's click group: ``jixiao [--db PATH] SUBCOMMAND``.

The console script lives in tui.main: it runs ``main`` here with a way to open the TUI when no
subcommand is named, so core never imports the TUI. Only a subcommand imports core.commands
(pydantic, scoring, the exporters): each path loads what it needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import click
from rich.cells import cell_len

from core.errors import JixiaoError
from core.output import EXIT_INTERNAL, EXIT_INTERRUPTED, fail

OpenHome = Callable[[Path | None], None]
"""What ``jixiao`` without a subcommand does with the store path (the TUI opens it)."""


CLICK_WORDS = {
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示此帮助并退出。",
    "OPTIONS": "选项",
    "COMMAND": "命令",
    "ARGS": "参数",
}
"""The English click writes into a help page (headings, the help option, usage metavars)."""
PLACEHOLDERS = {
    "TEXT": "文字",
    "PATH": "路径",
    "INTEGER": "整数",
    "FILE": "文件",
    "FILES": "文件",
    "TARGET": "目标文件",
    "FORM_ID": "表单编号",
    "QUERY": "查找内容",
}
"""What click writes for a value to give (an option's type, an argument's name), in Chinese."""
_CHINESE_WORDS = {**CLICK_WORDS, **PLACEHOLDERS}
_USAGE_WORDS = re.compile(r"\b(OPTIONS|COMMAND|ARGS|" + "|".join(PLACEHOLDERS) + r")\b")


def chinese_placeholders(text: str) -> str:
    """A usage line or an option's term with click's English placeholders in Chinese."""
    return _USAGE_WORDS.sub(lambda found: _CHINESE_WORDS[found[1]], text)


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help page in Chinese: click writes its own words in English (through gettext,
    with no catalogue of ours to give it), so they are translated where they are written."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(
            prog, chinese_placeholders(args), "用法：" if prefix is None else prefix
        )

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{CLICK_WORDS.get(heading, heading)}：\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """click's definition list, its columns lined up by the cells a term takes on the
        terminal (click counts characters, and a Chinese placeholder takes two cells each)."""
        rows = [(chinese_placeholders(term), CLICK_WORDS.get(text, text)) for term, text in rows]
        first_col = min(max((cell_len(term) for term, _ in rows), default=0), col_max)
        first_col += col_spacing
        indent = " " * self.current_indent
        for term, text in rows:
            self.write(f"{indent}{term}")
            if not text:
                self.write("\n")
                continue
            if cell_len(term) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(term)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            wrapped = click.wrap_text(text, max(self.width - first_col - 2, 10))
            lines = wrapped.splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{'':>{first_col}}{line}\n")


class ChineseHelpContext(click.Context):
    formatter_class = ChineseHelpFormatter


class SubcommandsOnDemand(click.Group):
    """A group whose subcommands are imported from core.commands when one is asked for; the
    group and every subcommand write their help in Chinese."""

    context_class = ChineseHelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        from core.commands import COMMANDS

        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from core.commands import COMMANDS

        command = COMMANDS.get(cmd_name)
        if command is not None:
            command.context_class = ChineseHelpContext
        return command


@click.group(cls=SubcommandsOnDemand, invoke_without_command=True)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path),  # the store says what is wrong with it, in Chinese
    envvar="JIXIAO_DB",
    help="存储文件（默认：每个用户一个本地文件）",
)
@click.version_option(
    package_name="jixiao",
    prog_name="jixiao",
    message="%(prog)s %(version)s",
    help="显示版本号并退出。",
)
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
        fail(usage_message(exc))
    except JixiaoError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail("已中断", EXIT_INTERRUPTED)
    except Exception as exc:  # a bug: say so plainly, keep the details in a file
        from core.crashlog import write_crash_log

        log = write_crash_log(exc)
        where = f"详情已写入 {log}" if log else "详情无法写入文件"
        fail(f"内部错误（{type(exc).__name__}）。{where}，请联系维护人员。", EXIT_INTERNAL)


def usage_message(exc: click.ClickException) -> str:
    """One of click's own errors (a mistyped command line) in Chinese, with where to look."""
    context = getattr(exc, "ctx", None)
    command = context.command_path if context else "jixiao"
    return f"{_usage_words(exc, context)}（用法：{command} --help）"


def _usage_words(exc: click.ClickException, context: click.Context | None) -> str:
    message = exc.format_message()
    if isinstance(exc, click.NoSuchOption):
        guess = "、".join(exc.possibilities or ())
        return f"没有选项 {exc.option_name}" + (f"，是否想用 {guess}？" if guess else "")
    if isinstance(exc, click.BadOptionUsage):
        if "requires an argument" in message:
            return f"选项 {exc.option_name} 后面应给出一个值"
        if "does not take a value" in message:
            return f"选项 {exc.option_name} 不带值"
        return f"选项 {exc.option_name} 的用法不对"
    if isinstance(exc, click.MissingParameter):
        parameter = exc.param
        name = parameter.human_readable_name if parameter else ""
        if isinstance(parameter, click.Option):
            return f"缺少选项 {'/'.join(parameter.opts)}"
        return f"缺少参数 {chinese_placeholders(name)}".rstrip()
    if isinstance(exc, click.BadParameter):
        hint = exc.param_hint or (exc.param.human_readable_name if exc.param else "参数")
        if not isinstance(hint, str):
            hint = "/".join(hint)
        return f"{hint} 的值无效：{exc.message}"
    unknown = re.match(r"No such command '(.*)'", message)
    if unknown:
        offered = "、".join(context.command.list_commands(context)) if context else ""
        return f"没有命令 {unknown[1]}" + (f"；可用的命令：{offered}" if offered else "")
    extra = re.match(r"Got unexpected extra arguments? \((.*)\)", message)
    if extra:
        return f"多余的参数：{extra[1]}"
    if message.startswith("Missing command"):
        return "缺少命令"
    return f"命令行有误：{message}"
