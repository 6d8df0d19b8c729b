"""What could not be read, and where: a sheet and a cell, in the user's words.

A ``CellProblem`` is a value (a reading collects all of them); ``UnreadableWorkbook`` stops the
reading of a file where going on makes no sense (encrypted, a zip bomb, a sheet too large).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import JixiaoError
from core.safetext import terminal_safe


@dataclass(frozen=True)
class CellProblem:
    """One thing that could not be read: ``B14：分值“十”不是数字``, on sheet ``sheet``."""

    message: str
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.sheet is not None:
            where += f"工作表“{terminal_safe(self.sheet, keep_newlines=False)}” "
        if self.cell:
            where += f"{self.cell}："
        elif where:
            where = where.rstrip() + "："
        return where + self.message


class UnreadableWorkbook(JixiaoError):
    """A file that cannot be read at all; ``problem`` says where and why."""

    def __init__(self, problem: CellProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def refuse(message: str, sheet: str | None = None, cell: str | None = None) -> UnreadableWorkbook:
    """The exception for a file that cannot be read (raise it)."""
    return UnreadableWorkbook(CellProblem(message, sheet, cell))


def quoted(text: str, limit: int = 30) -> str:
    """A cell's text for a message: one line, visible controls, cut after ``limit`` characters."""
    shown = terminal_safe(text, keep_newlines=False)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
