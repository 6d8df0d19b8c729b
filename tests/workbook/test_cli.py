"""``jixiao export --format xlsx`` and ``jixiao import`` of workbooks, as a user runs them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

from core.output import PIPED_WIDTH
from core.store import Store
from tests.cli.helpers import run
from tests.core.builders import SAMPLES
from tests.workbook import bureau_forms


def test_export_xlsx_in_the_unit_asked_for_and_import_it_back(capsys, tmp_path):
    db = tmp_path / "store.db"
    assert run(capsys, db, "import", SAMPLES["维稳工作"]).code == 0
    target = tmp_path / "维稳工作.xlsx"
    result = run(capsys, db, "export", "1", "--format", "xlsx", "--unit", "万元", "-o", target)
    assert result.code == 0, result.err
    assert load_workbook(target)["自评表"]["A5"].value == "项目资金（万元）"
    other = tmp_path / "other.db"
    imported = run(capsys, other, "import", target)
    assert imported.code == 0 and "工作表“自评表” → 编号 1" in imported.out
    with Store.open(db) as first, Store.open(other) as second:
        assert second.get_form(1).form.model_dump(exclude={"updated_at"}) == first.get_form(
            1
        ).form.model_dump(exclude={"updated_at"})


def test_export_refuses_an_unknown_unit(capsys, tmp_path):
    db = tmp_path / "store.db"
    run(capsys, db, "import", SAMPLES["维稳工作"])
    result = run(
        capsys, db, "export", "1", "--format", "xlsx", "--unit", "千元", "-o", tmp_path / "x"
    )
    assert result.code == 2 and "金额单位应为 元 或 万元" in result.err
    assert not (tmp_path / "x").exists()


def test_dry_run_shows_what_would_be_stored_and_stores_nothing(capsys, tmp_path):
    db = tmp_path / "store.db"
    path = tmp_path / "湖北.xlsx"
    path.write_bytes(bureau_forms.hubei_two_projects())
    result = run(capsys, db, "import", "--dry-run", path)
    assert result.code == 0, result.err
    assert "将导入 工作表“项目1” → 2022 年度 社区矫正经费（武汉市司法局），3 行指标" in result.out
    assert "跳过的工作表（不是自评表）：填表说明" in result.out
    assert "项目支出绩效自评表（2022 年度）" in result.out  # the form in the paper layout
    with Store.open(db) as store:
        assert store.is_empty()


def test_a_piped_dry_run_lays_the_paper_form_out_at_a_readable_width(capsys, tmp_path):
    db = tmp_path / "store.db"
    assert run(capsys, db, "import", SAMPLES["宣传与推广"]).code == 0
    target = tmp_path / "宣传与推广.xlsx"
    assert run(capsys, db, "export", "1", "--format", "xlsx", "-o", target).code == 0
    result = run(capsys, db, "import", "--dry-run", target)
    assert result.code == 0, result.err
    assert "经济效益指标" in result.out
    table_lines = [line for line in result.out.splitlines() if line[:1] in "┏┃┡│├└"]
    assert table_lines and max(map(cell_len, table_lines)) <= PIPED_WIDTH + 20  # as `show` does


def test_dry_run_lists_every_cell_it_could_not_read(capsys, tmp_path):
    book = load_workbook(__import__("io").BytesIO(bureau_forms.shanghai_district()))
    sheet = book.active
    sheet["G13"] = "十"
    sheet["H14"] = "满分"
    path = tmp_path / "bad.xlsx"
    book.save(path)
    result = run(capsys, tmp_path / "store.db", "import", "--dry-run", path)
    assert result.code == 2
    assert "无法读取 2 处，这个文件不会导入" in result.out
    assert "工作表“课题与规划” G13：分值“十”不是数字" in result.out
    assert "工作表“课题与规划” H14：得分“满分”不是数字" in result.out
    plain = run(capsys, tmp_path / "store.db", "import", path)
    assert "（另有 1 处无法读取，用 --dry-run 查看全部）" in plain.err


def test_import_asks_for_the_unit_when_the_sheet_has_none(capsys, tmp_path):
    book = load_workbook(__import__("io").BytesIO(bureau_forms.hubei_two_projects()))
    for name in ("项目1", "项目2"):
        book[name]["A4"] = "项目资金"
    path = tmp_path / "no-unit.xlsx"
    book.save(path)
    db = tmp_path / "store.db"
    refused = run(capsys, db, "import", path)
    assert refused.code == 2 and "--unit 元 或 --unit 万元" in refused.err
    accepted = run(capsys, db, "import", "--unit", "元", path)
    assert accepted.code == 0, accepted.err
    with Store.open(db) as store:
        assert store.count_forms() == 2
        executed = {
            s.project: store.get_form(s.id).form.funds.total.executed for s in store.list_forms()
        }
    assert executed == {"社区矫正经费": Decimal("84000"), "法律援助": Decimal("150000")}


def _with_hidden_copy(path, change) -> None:
    """Rewrite the form data in ``_jixiao`` of an export (``change`` takes and gives its JSON)."""
    book = load_workbook(path)
    sheet = book["_jixiao"]
    sheet["A1"] = change(sheet["A1"].value)
    book.save(path)


def _hostile_project(text: str) -> str:
    data = json.loads(text)
    data["project"] = "维稳\x1b[2J工作"
    return json.dumps(data, ensure_ascii=True)


def _unknown_rule_set(text: str) -> str:
    return json.dumps({**json.loads(text), "rule_set": "外省-2030"}, ensure_ascii=True)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (_hostile_project, "项目名称：含有不能保存在表单中的字符 \\x1b"),
        (lambda text: text[:-40], "不是有效的 JSON：第 1 行第"),
        (_unknown_rule_set, "规则集：没有名为 外省-2030 的规则集"),
    ],
)
def test_a_hidden_copy_that_cannot_be_taken_is_named_with_why(capsys, tmp_path, change, why):
    db = tmp_path / "store.db"
    assert run(capsys, db, "import", SAMPLES["维稳工作"]).code == 0
    path = tmp_path / "维稳工作.xlsx"
    assert run(capsys, db, "export", "1", "--format", "xlsx", "-o", path).code == 0
    _with_hidden_copy(path, change)
    other = tmp_path / "other.db"
    for args in (("--dry-run", path), (path, SAMPLES["课题与规划"])):
        result = run(capsys, other, "import", *args)
        assert result.code == 0, result.err
        warning = next(line for line in result.out.splitlines() if "_jixiao" in line)
        assert "未采用隐藏工作表 _jixiao" in warning and why in warning, warning
        assert "按表中内容读取" in warning
    assert "已导入" in result.out and "课题与规划" in result.out  # the next file too
    with Store.open(other) as store:
        assert sorted(s.project for s in store.list_forms()) == ["维稳工作", "课题与规划"]
