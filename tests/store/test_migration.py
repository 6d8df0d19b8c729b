"""Version 4 (checksums, packed bodies, search keyed in list order) from a store that the code of
version 3 wrote (tests/store/fixtures/make_store_v3.py says how it was made)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from core.interchange import form_to_data
from core.store import Store, StoreError, migrations
from core.store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"
OLD_STORE = FIXTURES / "store-v3.db"
EXPECTED = json.loads((FIXTURES / "store-v3.json").read_text(encoding="utf-8"))


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "jixiao.db"
    shutil.copy(OLD_STORE, path)
    return path


def _content(form) -> dict:
    data = form_to_data(form)
    for key in ("id", "status", "updated_at"):
        data.pop(key, None)
    return data


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_every_form_history_and_pending_input_reads_back_as_version_3_read_them(old_store):
    assert _version(old_store) == 3
    with Store.open(old_store) as store:
        assert store.check_integrity(thorough=True).ok
        assert sorted(s.id for s in store.list_forms()) == sorted(map(int, EXPECTED))
        for id_text, expected in EXPECTED.items():
            form_id = int(id_text)
            stored = store.get_form(form_id)
            assert form_to_data(stored.form) == expected["form"]
            history = store.history(form_id)
            assert [
                {"path": c.path, "old": c.old, "new": c.new, "note": c.note, "user": c.user}
                for c in history
            ] == expected["history"]
            assert store.pending_inputs(form_id) == expected["pending"]
            assert _content(store.form_at(form_id, history[-1].id)) == _content(stored.form)
        assert store.load_cursor().form_id == 6
    assert _version(old_store) == SCHEMA_VERSION


def _containing(text: str, year: int | None = None) -> list[int]:
    """Ids of the fixture's forms holding ``text`` where search looks, newest first."""
    hits = []
    for id_text, expected in EXPECTED.items():
        form = expected["form"]
        fields = [form["project"], form["department"], form["implementer"]]
        fields += [row["name"] for row in form["indicators"]]
        if any(text in field for field in fields) and year in (None, form["year"]):
            hits.append((form["year"], int(id_text)))
    return [form_id for _, form_id in sorted(hits, reverse=True)]


def test_the_migrated_store_searches_lists_and_writes(old_store):
    with Store.open(old_store) as store:
        for text in ("信访接待", "复制后改名", "满意度", "松江"):
            assert [s.id for s in store.list_forms(query=text)] == _containing(text)
            assert [s.id for s in store.list_forms(query=text, year=2023)] == _containing(
                text, 2023
            )
            assert store.count_forms(query=text) == len(_containing(text))
        years = [s.year for s in store.list_forms()]
        assert years == sorted(years, reverse=True)
        changed = store.set_field(5, "project", "信访接待系统运行维护")
        assert changed.revision == 9
        assert [s.id for s in store.list_forms(query="运行维护", year=2023)] == [5]
        assert store.check_integrity(thorough=True).ok


def test_the_migrated_store_is_smaller_and_a_verified_copy_of_version_3_is_kept(old_store):
    before = old_store.stat().st_size
    with Store.open(old_store):
        pass
    assert old_store.stat().st_size < before
    (backup,) = old_store.parent.glob("jixiao.db.v3-*.bak")
    assert _version(backup) == 3
    assert backup.read_bytes() != b""
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT count(*) FROM forms").fetchone()[0] == len(EXPECTED)
    copy.close()


def test_a_migration_that_fails_leaves_version_3_and_the_next_run_keeps_one_copy(
    old_store, monkeypatch
):
    def broken(db):
        db.execute("DELETE FROM form_bodies")  # half done …
        raise sqlite3.OperationalError("disk I/O error")  # … and then the disk fails

    monkeypatch.setitem(migrations.MIGRATIONS, 4, broken)
    with pytest.raises(StoreError):
        Store.open(old_store)
    assert _version(old_store) == 3
    assert len(list(old_store.parent.glob("jixiao.db.v3-*.bak"))) == 1
    monkeypatch.undo()

    (old_store.parent / "jixiao.db.v3-20200101-000000.bak").write_bytes(b"an older attempt")
    with Store.open(old_store) as store:
        assert store.get_form(5).form.project == "信访接待系统维护"
    assert len(list(old_store.parent.glob("jixiao.db.v3-*.bak"))) == 1


def _finished_process_id() -> int:
    command = [sys.executable, "-c", "import os; print(os.getpid())"]
    child = subprocess.run(command, check=True, capture_output=True, text=True)
    return int(child.stdout)


def test_temporary_copies_of_dead_processes_are_removed_and_live_ones_kept(old_store):
    folder = old_store.parent
    dead = folder / f".jixiao.db.v3-20200101-000000.bak.{_finished_process_id()}.tmp"
    dead.write_bytes(b"half a copy")
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as other:
        live = folder / f".jixiao.db.v3-20200101-000001.bak.{other.pid}.tmp"
        live.write_bytes(b"being written")
        try:
            with Store.open(old_store) as store:
                target = folder / "copy.db"
                stale_backup = folder / f".copy.db.{_finished_process_id()}.tmp"
                stale_backup.write_bytes(b"a killed backup")
                store.backup(target)
            assert not dead.exists() and not stale_backup.exists()
            assert live.exists()
        finally:
            other.kill()


def test_what_a_killed_export_left_is_removed_by_the_next_one(old_store):
    from core.bulk_export import export_all
    from core.export import FORMATS

    folder = old_store.parent
    dead = _finished_process_id()
    staging = folder / f".forms.{dead}.tmp"
    staging.mkdir()
    (staging / "1.json").write_text("{}", encoding="utf-8")
    half_lines = folder / f".forms.jsonl.{dead}.tmp"
    half_lines.write_text("{}\n", encoding="utf-8")
    with Store.open(old_store) as store:
        assert export_all(store, "json", folder / "forms", formats=FORMATS).written == 6
        assert export_all(store, "json", folder / "forms.jsonl", formats=FORMATS).written == 6
    assert not staging.exists() and not half_lines.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
