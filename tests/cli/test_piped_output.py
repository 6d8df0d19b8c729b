"""Piped output is never hard-wrapped: a line a script greps for stays one line.

``jixiao check FILE | grep 没有发现问题`` failed when FILE's path was long: Rich wrapped the
line at 80 columns on a pipe.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.cli.helpers import run
from tests.run_cli import run_jixiao
from tests.store.helpers import SAMPLES

CLEAN = "网络信息系统运行与维护"  # the sample with no findings


@pytest.fixture(autouse=True)
def no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture
def long_path(tmp_path: Path) -> Path:
    folder = tmp_path / ("很长的文件夹名称" * 8) / ("another-long-folder-name-" * 4)
    folder.mkdir(parents=True)
    return folder / f"{CLEAN}.json"


def test_check_on_a_pipe_keeps_the_verdict_on_the_line_of_its_path(capsys, tmp_path, long_path):
    shutil.copy(SAMPLES[CLEAN], long_path)
    result = run(capsys, tmp_path / "x.db", "check", long_path)
    assert result.code == 0
    assert f"{long_path}：没有发现问题。" in result.out.splitlines()


def test_the_same_through_a_real_pipe(long_path):
    shutil.copy(SAMPLES[CLEAN], long_path)
    done = run_jixiao("check", long_path)
    assert done.returncode == 0, done.stderr
    assert any(
        line.endswith("没有发现问题。") and str(long_path) in line
        for line in done.stdout.splitlines()
    )


def test_an_error_message_with_a_long_path_is_one_line(capsys, tmp_path, long_path):
    result = run(capsys, tmp_path / "x.db", "check", long_path)  # it does not exist
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and str(long_path) in result.err


def test_a_table_on_a_pipe_takes_its_natural_width(capsys, tmp_path):
    data = json.loads(SAMPLES[CLEAN].read_text(encoding="utf-8"))
    data["project"] = "区级信访信息系统运行与维护及网上信访平台数据对接" * 3
    data["implementer"] = "上海市松江区人民政府信访办公室（区网上信访受理中心）"
    form_file = tmp_path / "long.json"
    form_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "x.db"
    assert run(capsys, db, "import", form_file).code == 0
    for args in (("list",), ("search", "信访")):
        out = run(capsys, db, *args).out
        row = [line for line in out.splitlines() if data["project"] in line]
        assert row and data["implementer"] in row[0], out


def test_the_paper_layout_on_a_pipe_keeps_its_width(capsys, tmp_path):
    db = tmp_path / "x.db"
    assert run(capsys, db, "import", SAMPLES[CLEAN]).code == 0
    lines = run(capsys, db, "show", "1").out.splitlines()
    assert max(cell_len(line) for line in lines) == 100
