"""Run ``jixiao`` in this process (fast) exactly as the console script does."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.main import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture, db: Path, *args: object) -> Result:
    """``jixiao --db DB ARGS``: exit code, stdout, stderr."""
    capsys.readouterr()
    saved = sys.argv
    sys.argv = ["jixiao", "--db", str(db), *map(str, args)]
    code = 0
    try:
        main()
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    finally:
        sys.argv = saved
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return Result(code, captured.out, captured.err)
