"""A bug ends in one line naming a crash log of its own, in the user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import core.commands
from core.crashlog import KEEP, crash_log_folder, write_crash_log
from tests.cli.helpers import run
from tests.core.builders import SAMPLES


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "jixiao" / "crash-logs"


def test_each_crash_of_the_command_line_gets_a_file_of_its_own(
    capsys, tmp_path, data_home, monkeypatch
):
    def broken_scoring(form):
        raise RuntimeError("a bug in scoring")

    monkeypatch.setattr(core.commands, "score_form", broken_scoring)
    sample = SAMPLES["维稳工作"]
    first = run(capsys, tmp_path / "x.db", "check", sample)
    second = run(capsys, tmp_path / "x.db", "check", sample)
    assert first.code == second.code == 3
    logs = sorted(data_home.glob("jixiao-crash-*.log"))
    assert len(logs) == 2
    assert str(logs[0]) in first.err.replace("\n", "") and str(logs[1]) in second.err.replace(
        "\n", ""
    )
    text = logs[0].read_text(encoding="utf-8")
    assert "RuntimeError: a bug in scoring" in text and "argv:" in text
    assert crash_log_folder() == data_home


def test_an_unwritable_data_folder_falls_back_to_the_temporary_folder(
    tmp_path, monkeypatch: pytest.MonkeyPatch
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    try:
        raise ValueError("boom")
    except ValueError as exc:
        path = write_crash_log(exc)
    assert path is not None and path.parent == tmp_path / "tmp"
    assert "ValueError: boom" in path.read_text(encoding="utf-8")


def test_only_the_newest_logs_are_kept(data_home):
    for _ in range(KEEP + 5):
        write_crash_log(RuntimeError("again"))
    assert len(list(data_home.glob("jixiao-crash-*.log"))) == KEEP
