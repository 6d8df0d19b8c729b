"""The store's health on the command line: damaged forms reported by number and skipped,
``doctor``, backups of a damaged store, imports of final forms, read commands that never create
a store, and a store in a folder that cannot be written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from core.interchange import read_form, write_form
from core.store import Store
from tests.cli.helpers import run
from tests.run_cli import REPO
from tests.store.damage import damage_body, tamper
from tests.store.helpers import SAMPLES, sample


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "jixiao.db"
    with Store.open(path) as store:
        store.load_samples()
        store.create_form(sample(year=2023))
    return path


def test_a_damaged_form_is_reported_by_number_marked_in_lists_and_skipped(capsys, db, tmp_path):
    damage_body(db, 2)
    export = ["export", "2", "--format", "json", "-o", tmp_path / "2.json"]
    for command in (["show", "2"], ["history", "2"], export):
        result = run(capsys, db, *command)
        assert result.code == 2 and "表单 2 已损坏" in result.err
    assert "已损坏" in run(capsys, db, "list").out
    streamed = run(capsys, db, "list", "--all").out.splitlines()
    assert [line.split()[2] for line in streamed if line.split()[0] == "2"] == ["已损坏"]
    rows = json.loads(run(capsys, db, "search", "信访", "--json").out)
    assert [row["id"] for row in rows if row["damaged"]] == [2]
    assert run(capsys, db, "show", "3").code == 0
    exported = run(capsys, db, "export", "--all", "--format", "json", "-o", tmp_path / "all")
    assert exported.code == 1 and "已导出 4 份表单" in exported.out
    assert "1 份表单已损坏，未导出：编号 2" in exported.err
    written = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert written == ["1.json", "3.json", "4.json", "5.json"]


def test_doctor_names_every_damaged_form_and_history_entry(capsys, db):
    healthy = run(capsys, db, "doctor")
    assert (
        healthy.code == 0
        and "没有发现损坏" in healthy.out
        and "表单：5 份，全部完好" in healthy.out
    )
    damage_body(db, 2)
    tamper(db, "UPDATE forms SET grade = '差' WHERE id = 4")
    tamper(db, "UPDATE changes SET user = 'mallory' WHERE form_id = 5")
    result = run(capsys, db, "doctor")
    assert result.code == 1
    assert "表单：5 份，其中 2 份已损坏" in result.out
    assert "编号 2：表单内容与校验和不符" in result.out
    assert "编号 4：表单记录与校验和不符" in result.out
    assert "表单 5 的第" in result.out and "号修改记录" in result.out
    assert "文件结构：完好" in result.out


def test_backup_refuses_a_damaged_store_without_force(capsys, db, tmp_path):
    damage_body(db, 3)
    target = tmp_path / "backup.db"
    refused = run(capsys, db, "backup", target)
    assert refused.code == 1 and "1 份表单已损坏（编号 3）" in refused.err
    assert "--force" in refused.err and not target.exists()
    forced = run(capsys, db, "backup", target, "--force")
    assert forced.code == 0 and "已备份 5 份表单" in forced.out


def test_a_final_file_with_errors_is_stored_as_a_draft_and_says_why(capsys, tmp_path):
    db = tmp_path / "jixiao.db"
    result = run(capsys, db, "import", SAMPLES["维稳工作"])
    assert result.code == 0
    assert "文件标为定稿，但有 1 个错误，不能定稿，已存为草稿" in result.out
    assert "分值合计应为 100" in result.out
    with Store.open(db) as store:
        assert store.get_form(1).status == "draft"


def test_reimporting_an_unchanged_final_form_is_unchanged_and_a_changed_one_refused(
    capsys, tmp_path
):
    db = tmp_path / "jixiao.db"
    file = SAMPLES["课题与规划"]
    assert "→ 编号 1" in run(capsys, db, "import", file).out
    again = run(capsys, db, "import", file)
    assert again.code == 0 and "未改动" in again.out and "编号 1" in again.out
    form = read_form(file)
    goals = form.goals.model_copy(update={"actual": "另一种说法"})
    write_form(form.model_copy(update={"goals": goals}), tmp_path / "changed.json")
    refused = run(capsys, db, "import", tmp_path / "changed.json")
    assert refused.code == 2 and "已定稿" in refused.err


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["search", "信访"],
        ["show", "1"],
        ["history", "1"],
        ["doctor"],
        ["export", "1", "--format", "json", "-o", "out.json"],
        ["backup", "copy.db"],
    ],
)
def test_a_mistyped_db_on_a_read_command_creates_nothing(capsys, tmp_path, command):
    db = tmp_path / "typo" / "deeper" / "jixaio.db"
    result = run(capsys, db, *command)
    assert result.code == 2 and "不存在" in result.err and "--db" in result.err
    assert not (tmp_path / "typo").exists()


def _unprivileged() -> list[str]:
    """A prefix that runs a command as a user who cannot write where root can ([] unless root)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot test permissions")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    probe = [*prefix, sys.executable, "-c", "import core.cli"]
    if subprocess.run(probe, cwd="/", env=environment, capture_output=True).returncode != 0:
        pytest.skip("the checkout cannot be read by an unprivileged user")
    return prefix


def _jixiao(*args: object) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PYTHONIOENCODING": "utf-8"}
    code = "from tui.main import main; main()"
    command = [*_unprivileged(), sys.executable, "-c", code, *map(str, args)]
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=env, cwd="/", timeout=60
    )


@pytest.fixture
def read_only_folder():
    """A store in a folder its user may read but not write (made in /tmp so others can enter)."""
    folder = Path(tempfile.mkdtemp(prefix="jixiao-ro-"))
    store = folder / "store"
    store.mkdir()
    with Store.open(store / "jixiao.db") as opened:
        opened.load_samples()
    os.chmod(folder, 0o755)
    os.chmod(store / "jixiao.db", 0o644)
    os.chmod(store, 0o555)  # r-x for everyone
    yield store
    os.chmod(store, 0o755)
    shutil.rmtree(folder)


def test_a_folder_without_write_permission_is_not_called_damaged_and_reading_works(
    read_only_folder,
):
    db = read_only_folder / "jixiao.db"
    listed = _jixiao("--db", db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 4
    assert _jixiao("--db", db, "show", "1").returncode == 0
    written = _jixiao("--db", db, "import", SAMPLES["维稳工作"])
    assert written.returncode == 2
    assert "已损坏" not in written.stderr and "写入" in written.stderr and "权限" in written.stderr
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["jixiao.db"]
