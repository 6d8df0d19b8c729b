"""No English reaches a user: click's usage errors, the operating system's and JSON's words."""

from __future__ import annotations

import errno
import os
import re

import pytest

from core.files import describe_os_error
from tests.cli.helpers import run
from tests.store.helpers import SAMPLES

ENGLISH = re.compile(
    r"Usage:|Error:|No such|Try '|Missing|requires an|Got unexpected|Invalid|is a directory|"
    r"Too many|Permission|Expecting|Unterminated|Extra data|does not"
)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("lisst",), "没有命令 lisst"),
        (("--frob", "list"), "没有选项 --frob"),
        (("show", "1", "2"), "多余的参数：2"),
        (("check",), "缺少参数 FILE"),
        (("export", "1", "--format"), "选项 --format 后面应给出一个值"),
        (("list", "--json=3"), "选项 --json 不带值"),
        (("backup", "--forc", "x.db"), "是否想用 --force"),
    ],
)
def test_click_usage_errors_are_in_chinese(capsys, tmp_path, args, words):
    result = run(capsys, tmp_path / "x.db", *args)
    assert result.code == 2
    assert words in result.err and "--help" in result.err
    assert not ENGLISH.search(result.err), result.err


def test_a_missing_value_for_db_is_in_chinese(capsys):
    import sys

    from tui.main import main

    saved, sys.argv = sys.argv, ["jixiao", "--db"]
    try:
        with pytest.raises(SystemExit) as exit:
            main()
    finally:
        sys.argv = saved
    err = capsys.readouterr().err
    assert exit.value.code == 2 and "选项 --db 后面应给出一个值" in err
    assert not ENGLISH.search(err), err


def test_a_folder_given_as_db_is_explained_in_chinese(capsys, tmp_path):
    result = run(capsys, tmp_path, "list")
    assert result.code == 2 and "文件夹" in result.err
    assert not ENGLISH.search(result.err), result.err


def test_the_version_is_plain(capsys, tmp_path):
    result = run(capsys, tmp_path / "x.db", "--version")
    assert result.code == 0 and result.out.startswith("jixiao ") and "version" not in result.out


def test_a_symlink_loop_is_explained_in_chinese(capsys, tmp_path):
    loop = tmp_path / "循环.json"
    loop.symlink_to(loop)
    db = tmp_path / "x.db"
    assert run(capsys, db, "import", SAMPLES["维稳工作"]).code == 0
    for args in (
        ("check", loop),
        ("import", loop),
        ("export", "1", "--format", "json", "-o", loop),
        ("backup", "--force", loop),
    ):
        result = run(capsys, db, *args)
        assert result.code == 2, args
        assert "符号链接" in result.err and not ENGLISH.search(result.err), result.err


@pytest.mark.parametrize(
    "text",
    ["{", '{"format": "jixiao.form/1",}', '{"a" 1}', '{"a": "x', "{} 多余", '{"a": "\\q"}'],
)
def test_json_syntax_errors_are_in_chinese(capsys, tmp_path, text):
    broken = tmp_path / "坏.json"
    broken.write_text(text, encoding="utf-8")
    result = run(capsys, tmp_path / "x.db", "check", broken)
    assert result.code == 2 and "不是有效的 JSON" in result.err
    assert not ENGLISH.search(result.err), result.err


def test_every_operating_system_error_has_chinese_words():
    for number in errno.errorcode:
        words = describe_os_error(OSError(number, os.strerror(number)))
        assert os.strerror(number) not in words and re.search("[\u4e00-\u9fff]", words)
