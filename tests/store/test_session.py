"""An edit session on a real store file: edits, writes, text kept as typed, conflicts."""

from __future__ import annotations

from decimal import Decimal

from core.model import Indicator
from core.session import EditSession
from tests.store.helpers import open_store, sample


def test_an_edit_is_scored_at_once_and_stored_when_written(tmp_path):
    with open_store(tmp_path) as store:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        total = session.card.total
        session.edit("indicators[0].score", "0")
        assert session.card.total < total
        assert session.is_unwritten("indicators[0].score") and session.is_unwritten()
        assert store.get_form(form_id).form.indicators[0].score != Decimal(0)
        assert session.write().refused == ()
        assert not session.is_unwritten()
        assert store.get_form(form_id).form.indicators[0].score == Decimal(0)


def test_text_that_cannot_be_accepted_is_kept_as_typed_and_survives_a_new_session(tmp_path):
    with open_store(tmp_path) as store:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        session.edit("funds.total.executed", "12,34")
        assert "无法识别" in session.errors["funds.total.executed"]
        assert [f.path for f in session.card.errors] == ["funds.total.executed"]
        session.write("funds.total.executed")
        assert store.pending_inputs(form_id) == {"funds.total.executed": "12,34"}

        again = EditSession(store, form_id)
        assert again.pending == {"funds.total.executed": "12,34"}
        assert again.bad_text == {"funds.total.executed": "12,34"}
        assert "funds.total.executed" in again.errors
        again.edit("funds.total.executed", "1,234")
        again.write()
        assert store.pending_inputs(form_id) == {}
        assert store.get_form(form_id).form.funds.total.executed == Decimal(1234)


def test_kept_text_that_is_accepted_now_becomes_an_edit_to_write(tmp_path):
    with open_store(tmp_path) as store:
        form_id = store.create_form(sample()).id
        store.set_pending_input(form_id, "project", "网络运维")
        session = EditSession(store, form_id)
        assert session.form.project == "网络运维" and not session.errors
        assert session.is_unwritten("project")
        session.write()
        assert store.get_form(form_id).form.project == "网络运维"
        assert store.pending_inputs(form_id) == {}


def test_a_change_made_elsewhere_is_reloaded_not_overwritten(tmp_path):
    with open_store(tmp_path) as store, open_store(tmp_path) as elsewhere:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        elsewhere.set_field(form_id, "project", "别处改过")
        session.edit("project", "这里改的")
        outcome = session.write()
        assert outcome.reloaded and outcome.conflict == ("project",)
        assert session.form.project == "别处改过"
        assert not session.is_unwritten()
        assert store.get_form(form_id).form.project == "别处改过"


def test_nothing_is_written_to_a_form_finalised_elsewhere(tmp_path):
    with open_store(tmp_path) as store, open_store(tmp_path) as elsewhere:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        elsewhere.finalize(form_id)
        session.edit("project", "这里改的")
        assert session.write().final
        assert store.get_form(form_id).form.project == sample().project


def test_a_row_inserted_through_the_session_is_its_form_and_is_scored(tmp_path):
    with open_store(tmp_path) as store:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        rows = len(session.form.indicators)
        row = Indicator(level1="产出指标", level2="数量指标", name="新增", target="=1", weight="1")
        outcome = session.change(
            lambda revision: store.insert_indicator(form_id, 0, row, revision=revision)
        )
        assert not outcome.reloaded and not outcome.final
        assert len(session.form.indicators) == rows + 1
        assert len(session.card.indicators) == rows + 1
        assert session.form.indicators[0].name == "新增"


def test_a_row_change_on_a_stale_revision_is_refused_and_reloaded(tmp_path):
    with open_store(tmp_path) as store, open_store(tmp_path) as elsewhere:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        elsewhere.delete_indicator(form_id, 0)
        rows = len(store.get_form(form_id).form.indicators)
        outcome = session.change(
            lambda revision: store.delete_indicator(form_id, 0, revision=revision)
        )
        assert outcome.reloaded
        assert len(session.form.indicators) == rows
