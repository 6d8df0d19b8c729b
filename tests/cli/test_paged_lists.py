"""``list`` and ``search`` show the newest page and say how to see the rest; ``--all`` and
``--json`` stream every form; ``--year``, ``--unit`` and ``--status`` narrow both."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from core import commands
from core.store import Store
from tests.cli.helpers import run
from tests.store.helpers import sample

UNITS = ("上海市松江区人民政府信访办公室", "上海市松江区道路管理所")


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """60 forms: years 2000–2059, two units in turn, every third one final."""
    path = tmp_path_factory.mktemp("many") / "jixiao.db"
    with Store.open(path) as store:
        for number in range(60):
            unit = UNITS[number % 2]
            stored = store.create_form(
                sample(year=2000 + number, project=f"道路养护{number}期", implementer=unit)
            )
            if number % 3 == 0:
                store.finalize(stored.id)
    return path


def _ids(text: str) -> list[int]:
    """The ids in the first column of a table or of streamed lines."""
    ids = []
    for line in text.splitlines():
        cell = line.strip("│ ").split(" ")[0].strip("│")
        if cell.isdigit():
            ids.append(int(cell))
    return ids


def test_list_shows_the_newest_page_and_says_how_to_see_more(capsys, many):
    result = run(capsys, many, "list")
    assert result.code == 0
    assert _ids(result.out) == list(range(60, 10, -1))
    assert "第 1–50 份，共 60 份" in result.out
    assert "还有 10 份未列出：--offset 50 看下一页" in result.out
    assert "--all" in result.out and "--json" in result.out and "--limit" in result.out
    rest = run(capsys, many, "list", "--offset", "50")
    assert _ids(rest.out) == list(range(10, 0, -1)) and "还有" not in rest.out
    assert _ids(run(capsys, many, "list", "--limit", "3", "--offset", "1").out) == [59, 58, 57]


def test_list_all_streams_one_line_a_form_in_aligned_columns(capsys, many):
    result = run(capsys, many, "list", "--all")
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["编号", "年度", "状态"] and len(lines) == 61
    assert _ids(result.out) == list(range(60, 0, -1))
    unit_column = {line.index("上海市") for line in lines[1:]}
    widths = {cell_len(line[: line.index("上海市")]) for line in lines[1:]}
    assert len(widths) == 1 and unit_column  # the 实施单位 starts at the same cell everywhere
    assert "┃" not in result.out and "还有" not in result.out


def test_json_lists_every_form_unless_limited(capsys, many):
    rows = json.loads(run(capsys, many, "list", "--json").out)
    assert [row["id"] for row in rows] == list(range(60, 0, -1))
    assert {row["damaged"] for row in rows} == {False}
    limited = json.loads(run(capsys, many, "list", "--json", "--limit", "2", "--offset", "5").out)
    assert [row["id"] for row in limited] == [55, 54]
    assert json.loads(run(capsys, many, "list", "--json", "--year", "1999").out) == []


def test_year_unit_and_status_narrow_the_list_as_they_do_a_search(capsys, many):
    final = json.loads(run(capsys, many, "list", "--status", "定稿", "--json").out)
    assert [row["id"] for row in final] == list(range(58, 0, -3))
    unit = json.loads(run(capsys, many, "list", "--unit", UNITS[1], "--json").out)
    assert [row["id"] for row in unit] == list(range(60, 0, -2))
    both = run(capsys, many, "list", "--unit", UNITS[0], "--status", "final", "--year", "2006")
    assert _ids(both.out) == [7] and "共 1 份" in both.out
    found = json.loads(run(capsys, many, "search", "养护", "--unit", UNITS[0], "--json").out)
    assert [row["id"] for row in found] == list(range(59, 0, -2))


def test_search_pages_like_the_list(capsys, many):
    result = run(capsys, many, "search", "道路养护")
    assert _ids(result.out) == list(range(60, 10, -1))
    assert "查找“道路养护”（第 1–50 份，共 60 份）" in result.out
    assert "还有 10 份未列出" in result.out
    tail = run(capsys, many, "search", "道路养护", "--offset", "55", "--all")
    assert _ids(tail.out) == [5, 4, 3, 2, 1]


def test_a_search_with_very_many_hits_says_more_than(capsys, many, monkeypatch):
    monkeypatch.setattr(commands, "SEARCH_COUNTED_UP_TO", 20)
    result = run(capsys, many, "search", "养护", "--limit", "5")
    assert "第 1–5 份，超过 20 份" in result.out
    assert "还有超过 15 份未列出" in result.out


def test_bad_paging_gets_a_chinese_message(capsys, many):
    for args, words in (
        (["--limit", "0"], "--limit 应为不小于 1 的整数"),
        (["--offset", "-1"], "--offset 应为不小于 0 的整数"),
        (["--limit", "十"], "--limit 应为不小于 1 的整数"),
        (["--status", "done"], "状态应为"),
    ):
        result = run(capsys, many, "list", *args)
        assert result.code == 2 and words in result.err


def test_an_offset_beyond_the_end_says_so(capsys, many):
    result = run(capsys, many, "list", "--offset", "100")
    assert result.code == 0 and "没有更多表单" in result.out
