"""The console script lives in the TUI package; core's command line runs without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from core.cli import main as core_main
from tests.run_cli import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_the_console_script_is_the_tui_entry_point():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["jixiao"] == "tui.main:main"
    declared = {requirement.split(">")[0].split("=")[0] for requirement in project["dependencies"]}
    assert {"click", "platformdirs"} <= declared  # core imports them itself


def test_core_without_a_subcommand_prints_the_help(capsys: pytest.CaptureFixture, tmp_path: Path):
    saved = sys.argv
    sys.argv = ["jixiao", "--db", str(tmp_path / "x.db")]
    try:
        core_main()
    finally:
        sys.argv = saved
    out = capsys.readouterr().out
    assert "import" in out and "check" in out
    assert not (tmp_path / "x.db").exists()
