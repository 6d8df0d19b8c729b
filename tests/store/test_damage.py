"""A changed byte inside a stored value is found by its checksum: the form is reported by number
and skipped, the rest of the store goes on working, and nothing crashes."""

from __future__ import annotations

import pytest

from core.store import DamagedForm, Store, StoreDamaged, StoreError
from tests.store.damage import damage_body, tamper
from tests.store.helpers import open_store, sample


@pytest.fixture
def store_path(tmp_path):
    with open_store(tmp_path) as store:
        store.load_samples()
        draft = store.create_form(sample(year=2023))
        store.set_field(draft.id, "goals.actual", "全年完成。")
    return tmp_path / "jixiao.db"


def test_a_flipped_byte_in_a_body_is_reported_by_number_and_the_others_still_open(store_path):
    damage_body(store_path, 2)
    with Store.open(store_path) as store:
        with pytest.raises(DamagedForm, match="表单 2 已损坏（表单内容与校验和不符）"):
            store.get_form(2)
        assert [s.id for s in store.list_forms() if s.damaged] == [2]
        assert store.get_form(1).form.project and store.get_form(5).revision == 2
        skipped: list[int] = []
        assert [f.id for f in store.iter_forms(skipped=skipped)] == [1, 3, 4, 5]
        assert skipped == [2]
        report = store.check_integrity(thorough=True)
        assert report.structure == "ok" and report.damaged_forms == {2: "表单内容"}
        assert not report.ok and report.forms == 5


def test_a_changed_record_is_marked_in_the_list_and_cannot_be_opened(store_path):
    tamper(store_path, "UPDATE forms SET status = 'finaL' WHERE id = 3")
    tamper(store_path, "UPDATE forms SET total = 'x9' WHERE id = 4")
    with Store.open(store_path) as store:
        marked = {s.id: s for s in store.list_forms()}
        assert {i for i, s in marked.items() if s.damaged} == {3, 4}
        for form_id in (3, 4):
            with pytest.raises(DamagedForm, match=f"表单 {form_id} 已损坏（表单记录"):
                store.get_form(form_id)
        with pytest.raises(DamagedForm):
            store.set_field(3, "project", "改名")
        assert store.check_integrity().damaged_forms == {3: "表单记录", 4: "表单记录"}


def test_text_that_is_no_longer_utf8_is_damage_not_a_crash(store_path):
    tamper(store_path, "UPDATE forms SET project = CAST(x'e4bfa1e8aee5' AS TEXT) WHERE id = 1")
    with Store.open(store_path) as store:
        assert [s.id for s in store.list_forms() if s.damaged] == [1]
        assert store.count_forms(query="信访") == 5
        with pytest.raises(DamagedForm, match="表单 1"):
            store.get_form(1)
        assert store.check_integrity().damaged_forms == {1: "表单记录"}


def test_a_damaged_history_entry_is_marked_and_the_form_still_opens(store_path):
    changed = '"全年完成！"'.encode()
    tamper(store_path, "UPDATE changes SET new = ? WHERE form_id = 5 AND revision = 2", changed)
    with Store.open(store_path) as store:
        assert store.get_form(5).form.goals.actual == "全年完成。"
        first, second = store.history(5)
        assert not first.damaged and second.damaged and second.new is None
        with pytest.raises(StoreError, match="修改记录已损坏"):
            store.form_at(5, second.id)
        assert store.form_at(5, first.id).goals.actual != "全年完成。"
        assert store.check_integrity().damaged_entries == {5: [second.id]}


def test_a_backup_of_a_damaged_store_is_refused_unless_allowed(store_path, tmp_path):
    damage_body(store_path, 2)
    with Store.open(store_path) as store:
        with pytest.raises(StoreDamaged, match=r"1 份表单已损坏（编号 2）"):
            store.backup(tmp_path / "copy.db")
        assert not (tmp_path / "copy.db").exists()
        assert store.backup(tmp_path / "copy.db", allow_damaged=True) == 5


def test_importing_the_file_again_repairs_a_damaged_draft(store_path, tmp_path):
    from core.interchange import write_form

    with Store.open(store_path) as store:
        form = store.get_form(5).form
    write_form(form, tmp_path / "form.json")
    damage_body(store_path, 5)
    from core.interchange import read_form

    with Store.open(store_path) as store:
        outcome = store.import_with_outcome(read_form(tmp_path / "form.json"))
        assert outcome.action == "replaced" and outcome.stored.id == 5
        assert store.get_form(5).form.goals.actual == "全年完成。"
        assert store.history(5)[-1].note == "导入覆盖（原内容已损坏）"
        assert store.check_integrity().ok


def test_a_damaged_draft_can_be_deleted(store_path):
    damage_body(store_path, 5)
    with Store.open(store_path) as store:
        store.delete_form(5)
        assert store.check_integrity(thorough=True).ok
        assert store.count_forms(query="信访") == 4


def test_deleting_a_source_never_passes_a_damaged_clone_off_as_intact(store_path):
    with Store.open(store_path) as store:
        intact = store.clone_to_year(5)
        damaged = store.clone_to_year(5, 2025)
    tamper(store_path, "UPDATE forms SET project = '改过的项目' WHERE id = ?", damaged.id)
    with Store.open(store_path) as store:
        store.delete_form(5)
        assert store.get_form(intact.id).source_id is None
        with pytest.raises(DamagedForm):
            store.get_form(damaged.id)
        assert set(store.check_integrity().damaged_forms) == {damaged.id}
