"""``jixiao export --format xlsx`` and ``jixiao import`` of workbooks, as a user runs them."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook

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
