"""No English reaches a user: click's usage errors, the operating system's and JSON's words."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil

import pytest
from rich.cells import cell_len

from core.commands import COMMANDS
from core.files import describe_os_error
from core.resources import rules_dir
from core.rules import load_rule_set
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
        (("check",), "缺少参数 文件"),
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


HELP_ENGLISH = re.compile(
    r"Usage|Options|Commands|Arguments|OPTIONS|COMMAND|ARGS|Show (this|the)"
    r"|\b(TEXT|PATH|INTEGER|FILE|FILES|TARGET|FORM_ID|QUERY|BOOLEAN)\b"
)


def test_the_help_of_jixiao_is_in_chinese(capsys, tmp_path):
    result = run(capsys, tmp_path / "x.db", "--help")
    assert result.code == 0
    assert result.out.startswith("用法：jixiao [选项] [命令] [参数]...")
    for words in ("\n选项：\n", "\n命令：\n", "显示此帮助并退出", "显示版本号并退出", "存储文件"):
        assert words in result.out, result.out
    assert not HELP_ENGLISH.search(result.out), result.out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_help_of_every_command_is_in_chinese(capsys, tmp_path, command):
    result = run(capsys, tmp_path / "x.db", command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"用法：jixiao {command} [选项]"), result.out
    assert "\n选项：\n" in result.out and "显示此帮助并退出" in result.out
    assert not HELP_ENGLISH.search(result.out), result.out


@pytest.fixture
def rules_folder(tmp_path, monkeypatch):
    """A copy of the shipped rule sets that a test may add a broken file to."""
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    monkeypatch.setattr("core.rules.rules_dir", lambda: folder)
    load_rule_set.cache_clear()
    yield folder
    load_rule_set.cache_clear()


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ('name = "local"\n[budget\nweight = "20"\n', "第 2 行第 8 列", "表名缺少结尾的 ]"),
        ('name = "local"\ntitle = \n', "第 2 行第 9 列", "值无效"),
        ('name = "local"\nname = "again"\n', "第 2 行第 15 列", "键重复"),
        ('name = "local"\ntitle "本地"\n', "第 2 行第 7 列", "缺少等号"),
        ('name = "local"\ntitle = "未结束\n', "第 2 行第 13 列", "不允许的字符"),
        ('name = "local"\ntitle = "未结束', "文件末尾", "缺少结尾的引号"),
    ],
)
def test_a_broken_rule_file_is_explained_in_chinese_with_line_and_column(
    capsys, tmp_path, rules_folder, text, where, words
):
    (rules_folder / "local.toml").write_text(text, encoding="utf-8")
    form = json.loads(SAMPLES["维稳工作"].read_text(encoding="utf-8"))
    form["rule_set"] = "local"
    path = tmp_path / "form.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    result = run(capsys, tmp_path / "x.db", "check", path)
    assert result.code == 2
    assert "local.toml" in result.err and "不是有效的 TOML" in result.err
    assert where in result.err and words in result.err, result.err
    said = result.err.split("不是有效的 TOML：", 1)[1]
    assert not re.search(r"[A-Za-z]{3,}", said), result.err


@pytest.mark.parametrize("command", ["list", "summary", "export"])
def test_the_options_and_their_help_stand_in_two_lined_up_columns(capsys, tmp_path, command):
    """Placeholders in Chinese take two cells a character; the help column still lines up."""
    result = run(capsys, tmp_path / "x.db", command, "--help")
    options = result.out.split("\n选项：\n")[1].splitlines()
    starts = set()
    for line in options:
        text = line.strip().partition("  ")[2]
        if text.strip():
            starts.add(cell_len(line) - cell_len(text.lstrip()))
    assert len(starts) == 1, result.out
    assert "--year 年度" in result.out or command == "export"
