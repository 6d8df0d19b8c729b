"""What ``jixiao import`` says about a file it does not import: the file's name once, then why."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.commands import not_imported_line
from core.errors import FormReadError
from tests.cli.helpers import run

BAD_FILES = {
    "field.json": '{"format": "jixiao.form/1", "year": "明年"}',
    "format.json": '{"format": 1}',
    "syntax.json": "{",
    "list.json": "[1]",
    "empty.json": "",
    "unknown.txt": "不是表单",
    "broken.xlsx": "PK\x03\x04 已损坏",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_the_failure_line_names_the_file_once(capsys, tmp_path: Path, name: str):
    bad = tmp_path / name
    bad.write_text(BAD_FILES[name], encoding="utf-8")
    result = run(capsys, tmp_path / "x.db", "import", bad)
    assert result.code == 2
    line = next(line for line in result.err.splitlines() if line.startswith("未导入"))
    assert line.startswith(f"未导入 {bad}：") and line.count(name) == 1, line


def test_a_read_error_that_names_its_file_is_not_named_twice(tmp_path: Path):
    bad = tmp_path / "bad.json"
    error = FormReadError(str(bad), "year", "应为整数")
    assert str(error) == f"{bad}：字段 year：应为整数"  # on its own, it says which file
    assert not_imported_line(bad, error) == f"未导入 {bad}：字段 year：应为整数"
    assert not_imported_line(bad, FormReadError(str(bad), "", "文件为空")) == (
        f"未导入 {bad}：文件为空"
    )
