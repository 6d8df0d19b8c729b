"""``jixiao backup`` asks before it replaces a file: --force, or a yes on a terminal."""

from __future__ import annotations

import io

import pytest

from core.store import Store
from tests.cli.helpers import run


class Terminal(io.StringIO):
    """Standard input that is a terminal, with the user's answer typed in."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def loaded(tmp_path):
    db = tmp_path / "jixiao.db"
    with Store.open(db) as store:
        store.load_samples()
    return db


@pytest.fixture
def earlier(tmp_path):
    target = tmp_path / "上周的备份.db"
    target.write_bytes(b"an earlier backup")
    return target


def test_on_a_pipe_an_existing_file_is_refused_without_force(capsys, loaded, earlier):
    result = run(capsys, loaded, "backup", earlier)
    assert result.code == 2 and "--force" in result.err and "已存在" in result.err
    assert earlier.read_bytes() == b"an earlier backup"


def test_force_replaces_it(capsys, loaded, earlier):
    result = run(capsys, loaded, "backup", "--force", earlier)
    assert result.code == 0, result.err
    with Store.open(earlier) as copy:
        assert len(copy.list_forms()) == 4


@pytest.mark.parametrize(("answer", "replaced"), [("y\n", True), ("是\n", True), ("n\n", False)])
def test_on_a_terminal_the_user_is_asked(capsys, loaded, earlier, monkeypatch, answer, replaced):
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    result = run(capsys, loaded, "backup", earlier)
    assert "已存在，要覆盖吗？" in result.err
    assert (result.code == 0) == replaced
    assert (earlier.read_bytes() != b"an earlier backup") == replaced
    if not replaced:
        assert result.code == 1 and "已取消" in result.err


def test_a_new_file_is_written_without_a_question(capsys, loaded, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", Terminal(""))
    result = run(capsys, loaded, "backup", tmp_path / "新备份.db")
    assert result.code == 0 and "要覆盖吗" not in result.err
