"""Every earlier state of a form can be rebuilt from its history."""

from __future__ import annotations

import pytest

from core.model import Indicator
from core.store import StoreError
from tests.store.helpers import open_store, sample


def _strip(form):
    return form.model_copy(update={"id": None, "updated_at": None})


def test_replaying_every_change_gives_every_snapshot(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        form_id = stored.id
        snapshots = [stored.form]
        row = Indicator(
            level1="效益指标", level2="社会效益指标", name="群众来访量", target="下降", weight="0"
        )
        steps = [
            lambda: store.set_field(form_id, "project", "网络信息系统运行维护（二期）"),
            lambda: store.set_field(form_id, "funds.total.executed", "70000"),
            lambda: store.set_field(form_id, "funds.fiscal.executed", "70000"),
            lambda: store.insert_indicator(form_id, 2, row),
            lambda: store.set_field(form_id, "indicators[2].actual", "下降"),
            lambda: store.set_field(form_id, "indicators[0].score", "18.5"),
            lambda: store.move_indicator(form_id, 2, 0),
            lambda: store.set_field(form_id, "goals.actual", "畅通信访渠道，系统全年运行"),
            lambda: store.delete_indicator(form_id, 0),
            lambda: store.set_field(form_id, "indicators[0].deviation", "维保合同延后签订"),
            lambda: store.set_field(form_id, "budget_score", ""),
            lambda: store.set_field(form_id, "year", "2023"),
        ]
        for step in steps:
            snapshots.append(step().form)
        history = store.history(form_id)
        assert len(history) == len(snapshots)
        assert history[0].path == "form" and history[0].old is None
        for change, snapshot in zip(history, snapshots, strict=True):
            assert store.form_at(form_id, change.id) == _strip(snapshot), change.path


def test_lifecycle_and_import_over_are_replayable(tmp_path):
    with open_store(tmp_path) as store:
        first = store.import_form(sample())
        over = store.import_form(sample(budget_score="9"))
        assert over.id == first.id and over.form.budget_score == 9
        final = store.finalize(first.id)
        reopened = store.reopen(first.id, "主管部门要求补充偏差说明")
        history = store.history(first.id)
        assert [c.path for c in history] == ["form", "form", "status", "status"]
        assert history[-1].note == "主管部门要求补充偏差说明"
        assert store.form_at(first.id, history[1].id).budget_score == 9
        assert store.form_at(first.id, history[2].id).status == "final" == final.status
        assert store.form_at(first.id, history[3].id).status == "draft" == reopened.status
        assert store.form_at(first.id, history[0].id).budget_score == 10


def test_form_at_refuses_a_change_of_another_form(tmp_path):
    with open_store(tmp_path) as store:
        one = store.create_form(sample())
        two = store.create_form(sample(year=2023))
        other_change = store.history(two.id)[0].id
        with pytest.raises(StoreError, match="没有第"):
            store.form_at(one.id, other_change)
