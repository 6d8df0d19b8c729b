"""The store commands run in a real process without textual, and print plain text when piped."""

from __future__ import annotations

import json

from tests.run_cli import run_jixiao
from tests.store.helpers import SAMPLES


def test_store_commands_in_a_real_process(tmp_path):
    db = tmp_path / "jixiao.db"
    imported = run_jixiao("--db", db, "import", *SAMPLES.values())
    assert imported.returncode == 0, imported.stderr
    listed = run_jixiao("list", "--json", env={"JIXIAO_DB": str(db)})  # the variable works too
    assert len(json.loads(listed.stdout)) == 4
    shown = run_jixiao("--db", db, "show", "2")
    assert shown.returncode == 0 and "\x1b[" not in shown.stdout
    assert "维稳工作" in shown.stdout and "得分 90.00" in shown.stdout


def test_store_commands_never_load_textual(tmp_path):
    script = (
        "import sys\n"
        "from core.cli import cli\n"
        "for args in (['import', sys.argv[2]], ['list'], ['show', '1'], ['history', '1']):\n"
        "    try:\n"
        "        cli.main(['--db', sys.argv[1], *args], standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = run_jixiao_script(script, tmp_path / "jixiao.db", SAMPLES["维稳工作"])
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split("\n")[-2].split())
    assert "core.store" in loaded and "textual" not in loaded


def run_jixiao_script(script, *args):
    import subprocess
    import sys

    from tests.run_cli import REPO

    return subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src")},
    )
