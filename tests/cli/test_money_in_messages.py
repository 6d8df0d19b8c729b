"""check, show and export quote amounts in the unit of what they show."""

from __future__ import annotations

import json

from core.interchange import read_form
from core.settings import update_settings
from core.store import Store
from tests.cli.helpers import run
from tests.store.helpers import SAMPLES


def _overspent(tmp_path):
    data = json.loads(SAMPLES["维稳工作"].read_text(encoding="utf-8"))
    total = data["funds"]["total"]
    assert total["annual"] == "3852396.53"
    total["executed"] = "3862396.53"  # 10,000 元 more than the budget
    form_file = tmp_path / "超支.json"
    form_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return form_file


def test_check_quotes_amounts_in_元_by_default(capsys, tmp_path):
    checked = run(capsys, tmp_path / "x.db", "check", _overspent(tmp_path))
    assert "全年执行数 3,862,396.53 元 超过全年预算数 3,852,396.53 元" in checked.out


def test_check_quotes_amounts_in_万元_where_the_user_sees_万元(capsys, tmp_path):
    update_settings(money_unit="万元")
    checked = run(capsys, tmp_path / "x.db", "check", _overspent(tmp_path))
    assert "全年执行数 386.239653 万元 超过全年预算数 385.239653 万元" in checked.out


def _stored_overspent(tmp_path):
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        form_id = store.create_form(read_form(_overspent(tmp_path))).id
    return db, form_id


def test_show_and_export_quote_amounts_in_the_unit_of_what_they_show(capsys, tmp_path):
    update_settings(money_unit="万元")
    db, form_id = _stored_overspent(tmp_path)
    shown = run(capsys, db, "show", form_id)
    assert "全年执行数 386.239653 万元 超过全年预算数 385.239653 万元" in shown.out
    run(capsys, db, "export", form_id, "--format", "text", "-o", tmp_path / "表.txt")
    text = (tmp_path / "表.txt").read_text(encoding="utf-8")
    assert "全年执行数 386.239653 万元" in text
    run(
        capsys,
        db,
        "export",
        form_id,
        "--format",
        "html",
        "--unit",
        "元",
        "-o",
        tmp_path / "表.html",
    )
    page = (tmp_path / "表.html").read_text(encoding="utf-8")
    assert "全年执行数 3,862,396.53 元 超过全年预算数 3,852,396.53 元" in page
