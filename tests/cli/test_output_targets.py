"""Export and backup never write over the store, and nothing reads or writes a special file.

``jixiao export 1 --format json -o <the store>`` once said 已导出 and every form was gone.
"""

from __future__ import annotations

import os
import socket
import stat

import pytest

from core.store import Store
from tests.cli.helpers import run
from tests.run_cli import run_jixiao
from tests.store.helpers import SAMPLES


@pytest.fixture
def loaded(tmp_path):
    db = tmp_path / "jixiao.db"
    with Store.open(db) as store:
        store.load_samples()
    return db


def _forms_in(db) -> int:
    with Store.open(db) as store:
        return len(store.list_forms())


def _device_node(folder):
    """A character device to write to. Not /dev/null itself when root: code that replaces its
    target by a rename would put a regular file in its place (it happened once)."""
    if os.geteuid() != 0:
        return "/dev/null"
    node = folder / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return node


def _companion(db, suffix: str):
    companion = db.with_name(db.name + suffix)
    companion.touch()
    return companion


@pytest.mark.parametrize("command", ["export", "backup"])
@pytest.mark.parametrize("target", ["store", "-wal", "-shm", "-journal", "symlink", "hardlink"])
def test_the_store_and_its_companions_are_refused_as_targets(capsys, loaded, command, target):
    if target == "store":
        path = loaded
    elif target == "symlink":
        path = loaded.with_name("看起来像导出.json")
        path.symlink_to(loaded)
    elif target == "hardlink":
        path = loaded.with_name("硬链接.json")
        os.link(loaded, path)
    else:
        path = _companion(loaded, target)
    before = path.read_bytes()
    if command == "export":
        result = run(capsys, loaded, "export", 1, "--format", "json", "-o", path)
    else:
        result = run(capsys, loaded, "backup", path)
    assert result.code == 2
    assert "存储文件" in result.err and str(path) in result.err
    assert not path.exists() or path.read_bytes() == before  # SQLite removes its -wal on close
    assert _forms_in(loaded) == len(SAMPLES)


def test_a_store_reached_through_a_symlinked_folder_is_refused(capsys, loaded, tmp_path):
    folder = tmp_path / "别名"
    folder.symlink_to(loaded.parent, target_is_directory=True)
    result = run(capsys, loaded, "export", 1, "--format", "text", "-o", folder / loaded.name)
    assert result.code == 2 and "存储文件" in result.err
    assert _forms_in(loaded) == len(SAMPLES)


@pytest.mark.parametrize("kind", ["fifo", "device", "socket", "folder", "missing folder"])
def test_special_files_and_folders_are_refused_as_export_targets(capsys, loaded, tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    elif kind == "device":
        path = _device_node(tmp_path)
    elif kind == "socket":
        path = tmp_path / "sock"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    elif kind == "folder":
        path = tmp_path
    else:
        path = tmp_path / "没有这个文件夹" / "表单.json"
    result = run(capsys, loaded, "export", 1, "--format", "json", "-o", path)
    assert result.code == 2
    assert str(path) in result.err
    assert "Errno" not in result.err and "denied" not in result.err


def test_an_export_to_a_new_file_and_over_an_old_export_still_works(capsys, loaded, tmp_path):
    path = tmp_path / "表单.json"
    assert run(capsys, loaded, "export", 1, "--format", "json", "-o", path).code == 0
    assert run(capsys, loaded, "export", 2, "--format", "json", "-o", path).code == 0
    assert '"format": "jixiao.form/1"' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["check", "import"])
def test_check_and_import_of_a_fifo_are_refused_without_waiting(tmp_path, command):
    fifo = tmp_path / "表单.json"
    os.mkfifo(fifo)
    result = run_jixiao("--db", tmp_path / "x.db", command, fifo)  # 60 s timeout: a hang fails
    assert result.returncode == 2
    assert "不是普通文件" in result.stderr and "管道" in result.stderr
    assert "Traceback" not in result.stderr
