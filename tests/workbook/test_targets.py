"""A 目标申报表 becomes a draft 自评表 with its targets locked; a locked target is shown, not
changed, until it is unlocked with a reason the history keeps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from core.edit import set_field
from core.errors import InputError
from core.session import EditSession
from core.store import Store
from core.workbook.reading import read_file
from tests.cli.helpers import run
from tests.core.builders import form, indicator
from tests.workbook import bureau_forms


def _locked_form():
    rows = [
        indicator("=100%", "", "20", level1="产出指标", name="信访课题研究完成率"),
        indicator("提高", "", "10", level1="效益指标", level2="社会效益指标", name="满意度"),
    ]
    rows = [row.model_copy(update={"target_locked": True}) for row in rows]
    return form(rows, budget_score=None)


def test_target_form_reads_as_a_draft_with_planned_funds_and_locked_targets(write_file):
    reading = read_file(write_file(bureau_forms.target_form()))
    assert reading.ok, [str(p) for p in reading.problems]
    (read,) = reading.forms
    draft = read.form
    assert read.kind == "targets" and draft.year == 2023
    assert draft.funds.total.initial == Decimal("125000") and draft.funds.total.annual is None
    assert draft.funds.fiscal.initial == Decimal("125000")  # 其中：财政拨款
    assert (
        draft.goals.expected.startswith("推进信访系统理论研究课题工作") and not draft.goals.actual
    )
    assert len(draft.indicators) == 9
    assert all(row.target_locked and not row.actual for row in draft.indicators)
    assert draft.indicators[1].target == ">=85%" and draft.indicators[1].weight == 10


def test_a_self_evaluation_read_as_targets_when_asked(write_file):
    (read,) = read_file(write_file(bureau_forms.shanghai_district()), targets=True).forms
    assert read.kind == "targets"
    assert all(row.target_locked and row.actual == "" for row in read.form.indicators)
    assert read.form.funds.total.initial == Decimal("30000")


def test_a_locked_target_cannot_be_edited_or_deleted_but_other_fields_can():
    locked = _locked_form()
    with pytest.raises(InputError, match="已锁定"):
        set_field(locked, "indicators[0].target", ">=90%")
    with pytest.raises(InputError, match="没有这个字段"):
        set_field(locked, "indicators[0].target_locked", False)
    assert set_field(locked, "indicators[0].target", "=100%") == locked  # the same value
    assert set_field(locked, "indicators[0].actual", "98%").indicators[0].actual == "98%"


def test_store_refuses_locked_targets_and_unlocks_with_a_reason(tmp_path):
    with Store.open(tmp_path / "store.db") as store:
        stored = store.import_form(_locked_form())
        with pytest.raises(InputError, match="已锁定"):
            store.set_field(stored.id, "indicators[0].target", ">=90%")
        with pytest.raises(InputError, match="不能删除"):
            store.delete_indicator(stored.id, 0)
        with pytest.raises(InputError, match="原因"):
            store.unlock_target(stored.id, 0, "  ")
        unlocked = store.unlock_target(stored.id, 0, "预算调整后目标随之调整")
        assert not unlocked.form.indicators[0].target_locked
        assert unlocked.form.indicators[1].target_locked
        changed = store.set_field(stored.id, "indicators[0].target", ">=90%")
        assert changed.form.indicators[0].target == ">=90%"
        history = store.history(stored.id)
        unlock = next(c for c in history if c.path == "indicators[0].target_locked")
        assert (unlock.old, unlock.new, unlock.note) == (True, False, "预算调整后目标随之调整")
        assert store.form_at(stored.id, unlock.id).indicators[0].target_locked is False
        with pytest.raises(InputError, match="没有锁定"):
            store.unlock_target(stored.id, 0, "再次")


def test_edit_session_keeps_the_lock_and_unlocks_through_the_store(tmp_path):
    with Store.open(tmp_path / "store.db") as store:
        stored = store.import_form(_locked_form())
        session = EditSession(store, stored.id)
        assert session.is_target_locked(0) and not session.is_target_locked(5)
        session.edit("indicators[0].target", ">=90%")
        assert "已锁定" in session.errors["indicators[0].target"]
        session.edit("indicators[0].target", "=100%")
        assert session.write().refused == ()
        outcome = session.unlock_target(0, "目标调整经批准")
        assert not outcome.reloaded and not session.is_target_locked(0)
        session.edit("indicators[0].target", ">=90%")
        session.write()
        assert store.get_form(stored.id).form.indicators[0].target == ">=90%"


def test_cli_import_targets_makes_a_draft_and_never_replaces_a_form(capsys, tmp_path):
    db = tmp_path / "store.db"
    path = tmp_path / "目标.xlsx"
    path.write_bytes(bureau_forms.target_form())
    first = run(capsys, db, "import", path)
    assert first.code == 0 and "草稿" in first.out
    again = run(capsys, db, "import", "--targets", path)
    assert again.code == 2 and "已有项目“课题与规划”的表单（编号 1）" in again.err
    with Store.open(db) as store:
        (summary,) = store.list_forms()
        draft = store.get_form(summary.id).form
    assert summary.status == "draft" and all(row.target_locked for row in draft.indicators)


def test_locked_targets_survive_our_own_export(export_file):
    locked = _locked_form()
    (read,) = read_file(export_file(locked)).forms
    assert read.form == locked
