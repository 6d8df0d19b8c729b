"""The store's commands: import, list, show, export, history, finalize, reopen, clone, search,
backup — bad input gives a Chinese message, a non-zero exit and an unchanged store."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3

import pytest
from rich.cells import cell_len

from core.interchange import read_form
from core.store import Store
from tests.cli.helpers import run
from tests.store.helpers import SAMPLES, sample

NAMES = sorted(SAMPLES)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "jixiao.db"


@pytest.fixture
def loaded(db):
    with Store.open(db) as store:
        store.load_samples()
    return db


def _bare(form):
    return form.model_copy(update={"status": None, "id": None, "updated_at": None})


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_of_three_files_with_a_bad_second_stores_first_and_third(capsys, db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "jixiao.form/1", "year": "明年"}', encoding="utf-8")
    first, third = SAMPLES["维稳工作"], SAMPLES["课题与规划"]
    result = run(capsys, db, "import", first, bad, third)
    assert result.code != 0
    assert str(bad) in result.err and "未导入" in result.err
    assert "3 个文件中有 1 个未导入" in result.err
    with Store.open(db) as store:
        assert sorted(s.project for s in store.list_forms()) == ["维稳工作", "课题与规划"]


def test_list_as_json_and_by_year(capsys, loaded):
    with Store.open(loaded) as store:
        store.clone_to_year(1)
    rows = json.loads(run(capsys, loaded, "list", "--json").out)
    assert [r["year"] for r in rows] == [2023, 2022, 2022, 2022, 2022]
    assert {r["total"] for r in rows if r["project"] == "维稳工作"} == {"90.00"}
    assert len(json.loads(run(capsys, loaded, "list", "--year", "2023", "--json").out)) == 1
    table = run(capsys, loaded, "list").out
    assert "维稳工作" in table and "定稿" in table and "草稿" in table
    bad = run(capsys, loaded, "list", "--year", "去年")
    assert bad.code != 0 and "年度应为四位数字" in bad.err


def test_show_prints_the_paper_layout_plain_and_within_100_columns(capsys, loaded):
    result = run(capsys, loaded, "show", "2")
    assert result.code == 0
    out = result.out
    assert "\x1b[" not in out  # piped: plain
    assert all(cell_len(line) <= 100 for line in out.splitlines())
    for words in (
        "项目支出绩效自评表",
        "年度资金总额",
        "执行率",
        "100.00%",
        "建议得分",
        "总分 90",  # 维稳工作 lost rows: the 总分 line shows the weights it has
    ):
        assert words in out, words
    assert "得分 90.00" in out and "等级 优" in out
    table = out.split("一级指标", 1)[1].split("总分 90", 1)[0]
    assert table.count("产出指标") == 1 and table.count("社会效益") == 1  # group cells span
    assert table.index("产出指标") < table.index("效益指标") < table.index("满意度指标")


def test_show_never_reads_user_text_as_markup(capsys, db):
    with Store.open(db) as store:
        stored = store.create_form(sample(project="[bold]信访[/]系统[red]维护"))
        store.set_field(stored.id, "indicators[0].name", "完成率[/]")
    out = run(capsys, db, "show", "1").out
    assert "[bold]信访[/]系统[red]维护" in out
    assert "完成率[/]" in out
    assert "[bold]信访[/]系统" in run(capsys, db, "list").out
    assert "[bold]信访[/]系统" in run(capsys, db, "search", "信访").out
    assert "完成率[/]" in run(capsys, db, "history", "1").out


def test_export_json_of_each_sample_reimports_to_an_equal_form(capsys, loaded, tmp_path):
    for form_id, name in enumerate(sorted(SAMPLES, key=lambda n: str(SAMPLES[n])), 1):
        target = tmp_path / f"{form_id}.json"
        assert run(capsys, loaded, "export", form_id, "--format", "json", "-o", target).code == 0
        exported = read_form(target)
        assert exported.status == "final" and exported.id == form_id
        assert _bare(exported) == _bare(read_form(SAMPLES[name]))
        other = tmp_path / "other.db"
        assert run(capsys, other, "import", target).code == 0
        with Store.open(other) as store:
            again = store.list_forms(query=exported.project)[0]
            assert _bare(store.get_form(again.id).form) == _bare(exported)


def test_exports_in_every_format_leave_the_store_alone(capsys, db, tmp_path):
    with Store.open(db) as store:
        store.create_form(sample(project="<script>alert(1)</script>系统维护"))
    before = _digest(db)
    for fmt in ("text", "html", "svg"):
        target = tmp_path / f"form.{fmt}"
        result = run(capsys, db, "export", "1", "--format", fmt, "-o", target)
        assert result.code == 0, result.err
        content = target.read_text(encoding="utf-8")
        assert "年度资金总额" in content or "年度资金总额" in content.replace("&#160;", " ")
    assert "<script>alert" not in (tmp_path / "form.html").read_text(encoding="utf-8")
    assert "项目支出绩效自评表" in (tmp_path / "form.text").read_text(encoding="utf-8")
    assert _digest(db) == before
    assert not list(tmp_path.glob(".form.*"))  # no temporary file left behind


def test_export_refuses_bad_arguments(capsys, loaded, tmp_path):
    cases = [
        (["export", "1", "--format", "pdf", "-o", tmp_path / "x.pdf"], "导出格式"),
        (["export", "1", "--format", "json", "-o", tmp_path / "no" / "x.json"], "不存在"),
        (["export", "1", "--format", "json", "-o", tmp_path], "文件夹"),
        (["export", "99", "--format", "json", "-o", tmp_path / "x.json"], "没有编号为 99"),
        (["show", "abc"], "表单编号应为正整数"),
        (["show", "0"], "表单编号应为正整数"),
    ]
    for args, message in cases:
        result = run(capsys, loaded, *args)
        assert result.code != 0 and message in result.err, (args, result.err)
    assert not (tmp_path / "x.json").exists()


def test_finalize_refusal_lists_errors_and_final_forms_refuse_changes(capsys, db, tmp_path):
    with Store.open(db) as store:
        store.create_form(sample(project=""))
        store.create_form(sample(year=2023))
    refused = run(capsys, db, "finalize", "1")
    assert refused.code == 1
    assert "不能定稿" in refused.err and "项目名称（project）" in refused.err
    assert run(capsys, db, "finalize", "2").code == 0
    revision = Store.open(db).get_form(2).revision
    exported = tmp_path / "over.json"
    data = json.loads(
        json.dumps(
            {**json.loads(Store.open(db).get_form(2).form.model_dump_json()), "budget_score": "1"}
        )
    )
    for key in ("id", "updated_at", "status"):
        data.pop(key)
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    over = run(capsys, db, "import", exported)
    assert over.code != 0 and "已定稿" in over.err
    again = run(capsys, db, "finalize", "2")
    assert again.code != 0 and "已定稿" in again.err
    assert Store.open(db).get_form(2).revision == revision


def test_reopen_needs_a_reason_and_history_shows_it(capsys, db):
    with Store.open(db) as store:
        store.finalize(store.create_form(sample()).id)
    missing = run(capsys, db, "reopen", "1")
    assert missing.code != 0
    empty = run(capsys, db, "reopen", "1", "--reason", "  ")
    assert empty.code != 0 and "原因" in empty.err
    assert run(capsys, db, "reopen", "1", "--reason", "补充偏差说明").code == 0
    history = run(capsys, db, "history", "1").out
    assert "补充偏差说明" in history and "定稿" in history and "草稿" in history


def test_clone_to_a_year(capsys, loaded):
    result = run(capsys, loaded, "clone", "2", "--year", "2024")
    assert result.code == 0 and "2024 年度草稿" in result.err + result.out
    with Store.open(loaded) as store:
        clone = store.list_forms(year=2024)[0]
        assert clone.project == "维稳工作" and clone.status == "draft"
    again = run(capsys, loaded, "clone", "2", "--year", "2024")
    assert again.code != 0 and "已有项目" in again.err


def test_search_with_filters(capsys, loaded):
    with Store.open(loaded) as store:
        store.clone_to_year(2)
    found = json.loads(run(capsys, loaded, "search", "维稳", "--json").out)
    assert [(r["project"], r["year"]) for r in found] == [("维稳工作", 2023), ("维稳工作", 2022)]
    final = json.loads(run(capsys, loaded, "search", "维稳", "--status", "定稿", "--json").out)
    assert [r["year"] for r in final] == [2022]
    by_year = run(capsys, loaded, "search", "满意", "--year", "2023", "--json").out
    assert [r["project"] for r in json.loads(by_year)] == ["维稳工作"]
    unit = "上海市松江区人民政府信访办公室"
    assert len(json.loads(run(capsys, loaded, "search", "信访", "--unit", unit, "--json").out)) == 5
    bad = run(capsys, loaded, "search", "维稳", "--status", "done")
    assert bad.code != 0 and "状态应为" in bad.err


def test_backup_is_checked_before_success(capsys, loaded, tmp_path):
    target = tmp_path / "backup.db"
    result = run(capsys, loaded, "backup", target)
    assert result.code == 0 and "已备份 4 份表单" in result.out
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM forms").fetchone()[0] == 4
    nowhere = run(capsys, loaded, "backup", tmp_path / "missing" / "b.db")
    assert nowhere.code != 0 and "不存在" in nowhere.err


def test_a_file_that_is_not_a_store_is_reported_and_left_alone(capsys, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("会议记录\n" * 50, encoding="utf-8")
    before = _digest(path)
    for args in (["list"], ["import", SAMPLES["维稳工作"]], ["show", "1"]):
        result = run(capsys, path, *args)
        assert result.code != 0 and "不是 jixiao 存储文件" in result.err
        assert str(path) in result.err
    assert _digest(path) == before


def test_missing_arguments_get_chinese_messages(capsys, loaded):
    cases = [
        (["show"], "请给出表单编号"),
        (["history"], "请给出表单编号"),
        (["import"], "请给出要导入的表单文件"),
        (["search"], "请给出要查找的词"),
        (["export", "1", "--format", "json"], "请用 -o 给出输出文件"),
        (["reopen", "1"], "需要填写原因"),
        (["clone", "1", "--year", "明年"], "年度应为四位数字"),
    ]
    for args, message in cases:
        result = run(capsys, loaded, *args)
        assert result.code != 0 and message in result.err, (args, result.err)
    with Store.open(loaded) as store:
        assert store.count_forms() == 4
        assert all(len(store.history(s.id)) == 1 for s in store.list_forms())


def test_the_paper_table_keeps_every_amount_whole_on_a_narrow_screen(loaded):
    from rich.console import Console

    from core.render import paper_table

    with Store.open(loaded) as store:
        stored = store.get_form(2)
    for width in (80, 100, 140):
        console = Console(width=width, record=True, file=io.StringIO())
        console.print(paper_table(stored.form, stored.scorecard))
        text = console.export_text()
        assert all(cell_len(line) <= width for line in text.splitlines())
        assert "3,852,396.53" in text and "100.00%" in text and "…" not in text
