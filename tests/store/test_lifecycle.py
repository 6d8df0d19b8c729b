"""draft → final → reopened: what finalising needs and what a final form refuses."""

from __future__ import annotations

import pytest

from core.errors import InputError
from core.model import Indicator
from core.store import FinalFormError, FinalizeRefused
from tests.store.helpers import open_store, sample


def test_finalize_is_refused_while_errors_remain_and_lists_them(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample(project="", goals={"expected": "", "actual": "x"}))
        with pytest.raises(FinalizeRefused) as refused:
            store.finalize(stored.id)
        paths = {f.path for f in refused.value.findings}
        assert {"project", "goals.expected"} <= paths
        assert all(f.severity == "error" for f in refused.value.findings)
        assert "不能定稿" in str(refused.value)
        assert store.get_form(stored.id).status == "draft"
        assert len(store.history(stored.id)) == 1


def test_finalize_is_refused_while_input_is_pending(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        store.set_pending_input(stored.id, "indicators[0].actual", "百分百")
        with pytest.raises(FinalizeRefused) as refused:
            store.finalize(stored.id)
        assert [f.path for f in refused.value.findings] == ["indicators[0].actual"]
        assert "百分百" in refused.value.findings[0].message
        store.clear_pending_input(stored.id, "indicators[0].actual")
        assert store.finalize(stored.id).status == "final"


def test_a_final_form_cannot_change_by_any_path(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        final = store.finalize(stored.id)
        row = Indicator(level1="产出指标", level2="数量指标", name="x", target="=1", weight="1")
        attempts = [
            lambda: store.set_field(stored.id, "project", "改名"),
            lambda: store.insert_indicator(stored.id, 0, row),
            lambda: store.delete_indicator(stored.id, 0),
            lambda: store.move_indicator(stored.id, 0, 1),
            lambda: store.set_pending_input(stored.id, "project", "x"),
            lambda: store.import_form(sample(budget_score="1")),
            lambda: store.delete_form(stored.id),
            lambda: store.finalize(stored.id),
        ]
        for attempt in attempts:
            with pytest.raises(FinalFormError, match="已定稿"):
                attempt()
        again = store.get_form(stored.id)
        assert again.form == final.form and again.revision == final.revision
        assert len(store.history(stored.id)) == 2


def test_reopen_needs_a_reason_and_records_it(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        with pytest.raises(Exception, match="不是定稿"):
            store.reopen(stored.id, "原因")
        store.finalize(stored.id)
        for reason in ("", "   "):
            with pytest.raises(InputError, match="原因"):
                store.reopen(stored.id, reason)
        assert store.get_form(stored.id).status == "final"
        reopened = store.reopen(stored.id, "  财政局退回：补充偏差原因  ")
        assert reopened.status == "draft"
        last = store.history(stored.id)[-1]
        assert (last.path, last.old, last.new) == ("status", "final", "draft")
        assert last.note == "财政局退回：补充偏差原因"
        assert store.set_field(stored.id, "indicators[0].deviation", "补充").revision == 4


def test_import_keeps_the_status_of_the_file(tmp_path):
    with open_store(tmp_path) as store:
        final = store.import_form(sample(status="final"))
        draft = store.import_form(sample(year=2023))
        assert (final.status, draft.status) == ("final", "draft")
