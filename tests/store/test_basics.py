"""The store API end to end on a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

import pytest

from core.errors import InputError
from core.model import Indicator
from core.store import Cursor, FormNotFound, Store
from core.store.migrations import APPLICATION_ID, SCHEMA_VERSION
from tests.store.helpers import SAMPLES, open_store, sample


def test_a_new_store_is_a_marked_wal_file_of_the_current_version(tmp_path):
    path = tmp_path / "sub" / "jixiao.db"
    with Store.open(path) as store:
        assert store.is_empty()
        assert store.path == path
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_writes_are_synchronous_full(tmp_path):
    with open_store(tmp_path) as store:
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_samples_load_once_and_list_newest_year_first(tmp_path):
    with open_store(tmp_path) as store:
        ids = store.load_samples()
        assert len(ids) == len(SAMPLES) == 4
        assert store.load_samples() == ids
        store.create_form(sample(year=2023))
        summaries = store.list_forms()
        assert [s.year for s in summaries] == [2023, 2022, 2022, 2022, 2022]
        assert store.count_forms() == 5
        assert store.count_forms(year=2022) == 4
        assert store.count_forms(status="final") == 4
        assert store.count_forms(status="draft") == 1
        assert [s.id for s in store.list_forms(limit=2, offset=1)] == [ids[3], ids[2]]


def test_list_caches_the_total_and_grade_that_scoring_gives(tmp_path):
    with open_store(tmp_path) as store:
        store.load_samples()
        for summary in store.list_forms():
            stored = store.get_form(summary.id)
            assert summary.total == stored.scorecard.total
            assert summary.grade == stored.scorecard.grade
            assert summary.project == stored.form.project
        totals = {s.project: s.total for s in store.list_forms()}
        assert totals["维稳工作"] == Decimal(90)


def test_get_form_reads_the_whole_form_with_its_metadata(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        again = store.get_form(stored.id)
        assert again.form == stored.form
        assert again.status == "draft" and again.revision == 1 and again.source_id is None
        assert again.form.id == stored.id and again.form.status == "draft"
        assert again.scorecard.total == Decimal(100)
        with pytest.raises(FormNotFound, match="没有编号为 999 的表单"):
            store.get_form(999)


def test_set_field_is_durable_scored_and_recorded(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        changed = store.set_field(stored.id, "funds.total.executed", "37,624.00")
        assert changed.revision == 2
        assert changed.form.funds.total.executed == Decimal("37624.00")
        assert changed.scorecard.budget.rate == Decimal("50.00")
    with open_store(tmp_path) as store:  # a new connection sees it: it is on disk
        again = store.get_form(stored.id)
        assert again.form.funds.total.executed == Decimal("37624.00")
        last = store.history(stored.id)[-1]
        assert (last.path, last.old, last.new) == ("funds.total.executed", "75248.00", "37624.00")
        assert last.user


def test_bad_input_changes_nothing(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        with pytest.raises(InputError, match="全年执行数"):
            store.set_field(stored.id, "funds.total.executed", "七万")
        with pytest.raises(InputError, match="没有这个字段"):
            store.set_field(stored.id, "funds.total.nothing", "1")
        again = store.get_form(stored.id)
        assert again.revision == 1 and again.form == stored.form
        assert len(store.history(stored.id)) == 1


def test_setting_the_same_value_adds_no_revision(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        same = store.set_field(stored.id, "project", stored.form.project)
        assert same.revision == 1
        assert len(store.history(stored.id)) == 1


def test_indicator_rows_insert_delete_move(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        names = [i.name for i in stored.form.indicators]
        row = Indicator(
            level1="产出指标", level2="数量指标", name="新指标", target="=100%", weight="5"
        )
        after = store.insert_indicator(stored.id, 1, row, revision=1)
        assert [i.name for i in after.form.indicators] == [names[0], "新指标", *names[1:]]
        moved = store.move_indicator(stored.id, 1, 0, revision=after.revision)
        assert moved.form.indicators[0].name == "新指标"
        gone = store.delete_indicator(stored.id, 0, revision=moved.revision)
        assert [i.name for i in gone.form.indicators] == names
        assert [c.path for c in store.history(stored.id)][1:] == ["indicators"] * 3
        with pytest.raises(InputError):
            store.delete_indicator(stored.id, 99)


def test_pending_inputs_survive_reopening_and_follow_their_row(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        store.set_pending_input(stored.id, "funds.total.executed", "七万五")
        store.set_pending_input(stored.id, "indicators[2].actual", "九十九")
    with open_store(tmp_path) as store:
        assert store.pending_inputs(stored.id) == {
            "funds.total.executed": "七万五",
            "indicators[2].actual": "九十九",
        }
        store.insert_indicator(
            stored.id, 0, Indicator(level1="", level2="", name="", target="", weight=None)
        )
        assert "indicators[3].actual" in store.pending_inputs(stored.id)
        store.delete_indicator(stored.id, 3)
        assert store.pending_inputs(stored.id) == {"funds.total.executed": "七万五"}
        store.set_field(stored.id, "funds.total.executed", "75248")  # accepted: no longer pending
        assert store.pending_inputs(stored.id) == {}
        store.set_pending_input(stored.id, "project", "x")
        store.clear_pending_input(stored.id, "project")
        assert store.pending_inputs(stored.id) == {}


def test_cursor_is_remembered_across_restarts(tmp_path):
    with open_store(tmp_path) as store:
        assert store.load_cursor() is None
        stored = store.create_form(sample())
        store.save_cursor(Cursor(stored.id, "绩效指标", "indicators[2].actual"))
    with open_store(tmp_path) as store:
        assert store.load_cursor() == Cursor(stored.id, "绩效指标", "indicators[2].actual")
        store.save_cursor(Cursor(None, None, None))
        assert store.load_cursor() == Cursor(None, None, None)
        store.save_cursor(Cursor(stored.id, "基本信息", "project"))
        store.delete_form(stored.id)
        assert store.load_cursor() is None


def test_clone_keeps_plan_and_empties_results(tmp_path):
    with open_store(tmp_path) as store:
        source_id = store.load_samples()[0]
        source = store.get_form(source_id)
        clone = store.clone_to_year(source_id)
        form = clone.form
        assert clone.status == "draft" and clone.source_id == source_id
        assert form.year == source.form.year + 1
        assert (form.project, form.department, form.implementer) == (
            source.form.project,
            source.form.department,
            source.form.implementer,
        )
        assert form.goals.expected == source.form.goals.expected and form.goals.actual == ""
        assert [(i.name, i.target, i.weight) for i in form.indicators] == [
            (i.name, i.target, i.weight) for i in source.form.indicators
        ]
        assert all(
            i.actual == "" and i.score is None and i.deviation == "" for i in form.indicators
        )
        assert form.funds.total.executed is None and form.budget_score is None
        assert store.previous_form(clone.id).id == source_id
        with pytest.raises(Exception, match="已有项目"):
            store.clone_to_year(source_id)


def test_previous_form_falls_back_to_same_project_a_year_earlier(tmp_path):
    with open_store(tmp_path) as store:
        earlier = store.create_form(sample())
        later = store.create_form(sample(year=2023))
        other = store.create_form(sample(year=2023, project="别的项目"))
        assert store.previous_form(later.id).id == earlier.id
        assert store.previous_form(other.id) is None
        assert store.previous_form(earlier.id) is None


def test_delete_form_removes_a_draft_and_its_history(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        clone = store.clone_to_year(stored.id)
        store.delete_form(stored.id)
        assert store.get_form(clone.id).source_id is None
        with pytest.raises(FormNotFound):
            store.history(stored.id)
        assert store.count_forms(query="信访") == 1


def test_known_indicators_come_from_stored_forms(tmp_path):
    with open_store(tmp_path) as store:
        assert store.known_indicators() == []
        store.load_samples()
        store.create_form(sample(implementer="别的单位", project="别的项目"))
        known = store.known_indicators()
        names = {k["name"] for k in known}
        assert {"群众满意度", "信访稳定例会完成率"} <= names
        first = next(k for k in known if k["name"] == "群众满意度")
        assert first["level1"] == "满意度指标" and first["target"]
        assert {k["name"] for k in store.known_indicators("别的单位")} == {
            i.name for i in sample().indicators
        }


def test_bulk_export_writes_every_form_into_a_new_folder_or_one_json_lines_file(tmp_path):
    from core.bulk_export import export_all
    from core.export import FORMATS
    from core.interchange import read_form

    with open_store(tmp_path) as store:
        store.load_samples()
        store.create_form(sample(year=2023))
        assert export_all(store, "json", tmp_path / "export", formats=FORMATS).written == 5
        lines = export_all(store, "json", tmp_path / "all.jsonl", formats=FORMATS)
        assert lines.written == 5 and not lines.skipped
        rows = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
        for form, row in zip(store.iter_forms(), rows, strict=True):
            written = read_form(tmp_path / "export" / f"{form.id}.json")
            assert written == form == store.get_form(form.id).form
            (tmp_path / "one.json").write_text(row, encoding="utf-8")
            assert read_form(tmp_path / "one.json") == form
        with pytest.raises(InputError, match="已存在"):
            export_all(store, "json", tmp_path / "export", formats=FORMATS)
        with pytest.raises(InputError):
            export_all(store, "json", store.path, formats=FORMATS)
        text = export_all(store, "text", tmp_path / "text", formats=FORMATS)
        assert sorted(p.name for p in (tmp_path / "text").iterdir())[0] == "1.txt"
        assert text.written == 5
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_default_store_is_one_file_per_user(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    with Store.open() as store:
        assert store.path.name == "jixiao.db" and store.path.parent.name == "jixiao"
        assert store.path.is_file()
        assert str(tmp_path) in str(store.path)


def test_a_blank_draft_renders_and_scores(tmp_path):
    import io

    from rich.console import Console

    from core.edit import blank_form
    from core.render import paper_table

    with open_store(tmp_path) as store:
        stored = store.create_form(blank_form(2024))
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(paper_table(stored.form, stored.scorecard))
        text = console.export_text()
        assert "（尚无指标）" in text and "2024 年度" in text
        assert store.list_forms()[0].project == ""
        with pytest.raises(Exception, match="不能定稿"):
            store.finalize(stored.id)


def test_clone_refuses_a_year_out_of_range(tmp_path):
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        with pytest.raises(InputError, match="2000 到 2100"):
            store.clone_to_year(stored.id, 2200)
        assert store.count_forms() == 1


def test_importing_a_blank_draft_never_replaces_another(tmp_path):
    from core.edit import blank_form

    with open_store(tmp_path) as store:
        first = store.import_form(blank_form(2024))
        second = store.import_form(blank_form(2024))
        assert first.id != second.id and store.count_forms() == 2


def test_stored_json_holds_nothing_raw_that_could_act_on_a_terminal(tmp_path):
    from core.bulk_export import export_all
    from core.export import FORMATS

    with open_store(tmp_path) as store:
        stored = store.create_form(sample(project="项目\u202e名称\u200b"))
        export_all(store, "json", tmp_path / "all.jsonl", formats=FORMATS)
        assert store.get_form(stored.id).form.project == "项目\u202e名称\u200b"
    line = (tmp_path / "all.jsonl").read_text(encoding="utf-8")
    assert "\u202e" not in line and "\u200b" not in line
    assert "\\u202e" in line and json.loads(line)["project"] == "项目\u202e名称\u200b"
