"""The path from ``jixiao`` to the home screen loads no more than the home needs.

Start-up time is measured by bench/tui_startup.py; this test keeps the cause of most of it in
check: pydantic, scoring, sqlite-utils and the subcommands are loaded after the home is shown,
and the workbook machinery (openpyxl, xlrd) only when a workbook is read or written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.core.builders import SAMPLES
from tests.run_cli import REPO, run_jixiao

LOADED_AT_HOME = """
import sys
from functools import partialmethod

sys.argv = ["jixiao", "--db", sys.argv[1]]
import textual.app
from tui.screens.home import HomeScreen

home_mounted = HomeScreen.on_mount

def report_modules(self):
    home_mounted(self)
    print("ROWS", self.table.row_count)
    print("MODULES", " ".join(sorted(sys.modules)))
    self.app.exit()

HomeScreen.on_mount = report_modules
textual.app.App.run = partialmethod(textual.app.App.run, headless=True)
from tui.main import main
main()
"""

LATER = {"pydantic", "core.model", "core.scoring", "core.commands", "sqlite_utils", "core.export"}
WORKBOOKS = {"openpyxl", "xlrd", "et_xmlfile", "core.workbook"}
"""WORKBOOKS: read and written only when a workbook is imported, exported or summarised"""


def test_the_home_is_shown_before_the_form_machinery_is_loaded(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    imported = run_jixiao("--db", db, "import", *SAMPLES.values())
    assert imported.returncode == 0, imported.stderr
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", LOADED_AT_HOME, str(db)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert lines.get("ROWS") == "4", done.stdout + done.stderr
    assert not set(lines["MODULES"].split()) & (LATER | WORKBOOKS)
