"""Files that are not a current jixiao store are reported and never written to; migrations
start from a verified copy."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from core.interchange import form_to_data
from core.store import Store, StoreError
from core.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from core.store.search import form_search_text, indicator_rows
from tests.store.helpers import open_store, sample


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path, message):
    before = _digest(path)
    with pytest.raises(StoreError, match=message) as raised:
        Store.open(path)
    assert str(path) in str(raised.value)
    assert _digest(path) == before
    return raised.value


def test_garbage_bytes_are_not_a_store(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"\x00\x01garbage, not a database\n" * 200)
    _refused(path, "不是 jixiao 存储文件")


def test_a_text_file_is_not_a_store(tmp_path):
    path = tmp_path / "form.json"
    path.write_text(json.dumps(form_to_data(sample()), ensure_ascii=False), encoding="utf-8")
    _refused(path, "不是 jixiao 存储文件")


def test_a_foreign_sqlite_database_is_not_a_store(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO accounts (name) VALUES ('x')")
    conn.commit()
    conn.close()
    _refused(path, "别的程序")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("accounts",)]


def test_a_newer_store_is_refused(tmp_path):
    path = tmp_path / "jixiao.db"
    with Store.open(path) as store:
        store.load_samples()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version=999")
    conn.close()
    _refused(path, "版本（999）比本程序支持的")


def test_a_damaged_structure_is_found_by_the_full_check_and_then_nothing_is_written(tmp_path):
    path = tmp_path / "jixiao.db"
    with Store.open(path) as store:
        store.load_samples()
        for year in range(2000, 2040):
            store.create_form(sample(year=year))
    size = path.stat().st_size
    assert size > 8 * 4096
    with path.open("r+b") as stream:  # scribble over pages in the middle of the file
        stream.seek(3 * 4096)
        stream.write(b"\xde\xad\xbe\xef" * 2048)
    before = _digest(path)
    with Store.open(path) as store:  # opening checks the header and the tables only: fast
        report = store.check_integrity()
        assert report.structure != "ok" and not report.ok
        with pytest.raises(StoreError, match=r"结构损坏.*已停止写入"):
            store.create_form(sample(year=2050))
    assert _digest(path) == before


def test_an_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "jixiao.db"
    path.write_bytes(b"")
    with Store.open(path) as store:
        assert store.is_empty()


def _old_store(path, version):
    """A store as an earlier version of the schema wrote it, holding one form."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    migrate(conn, target=version)
    form = sample()
    body = form_to_data(form)
    body.pop("status", None)
    header = (body["year"], body["project"], body["department"], body["implementer"])
    if version < 3:  # version 3 moved the body into a table of its own
        conn.execute(
            "INSERT INTO forms (year, project, department, implementer, status, revision, data, "
            "total, grade, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', 1, ?, '100', "
            "'优', '2023-01-05T09:00:00+08:00', '2023-01-05T09:00:00+08:00')",
            (*header, json.dumps(body)),
        )
    else:
        conn.execute(
            "INSERT INTO forms (year, project, department, implementer, status, revision, "
            "total, grade, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', 1, '100', "
            "'优', '2023-01-05T09:00:00+08:00', '2023-01-05T09:00:00+08:00')",
            header,
        )
        conn.execute("INSERT INTO form_bodies (id, data) VALUES (1, ?)", (json.dumps(body),))
    conn.execute(
        "INSERT INTO changes (form_id, revision, path, old, new, at, user) "
        "VALUES (1, 1, 'form', NULL, ?, '2023-01-05T09:00:00+08:00', 'clerk')",
        (json.dumps({**body, "status": "draft"}),),
    )
    if version >= 2:  # version 2 added the search text and the indicator rows
        conn.execute("INSERT INTO form_search (id, text) VALUES (1, ?)", (form_search_text(form),))
        for row in indicator_rows(1, form):
            conn.execute(
                "INSERT INTO form_indicators VALUES (:form_id, :position, :level1, :level2, "
                ":name, :target, :weight)",
                row,
            )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_migration_keeps_a_verified_copy_first_and_the_data(tmp_path, version):
    path = tmp_path / "jixiao.db"
    _old_store(path, version)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == version
    with Store.open(path) as store:
        assert [s.project for s in store.list_forms(query="信访接待")] == [sample().project]
        assert {k["name"] for k in store.known_indicators()} == {
            i.name for i in sample().indicators
        }
        stored = store.get_form(1)
        assert stored.form.project == sample().project and stored.scorecard.total == 100
        assert store.form_at(1, store.history(1)[0].id) == sample(status="draft")
        assert store.set_field(1, "project", "改名后的项目").revision == 2
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    backups = list(tmp_path.glob(f"jixiao.db.v{version}-*.bak"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA user_version").fetchone()[0] == version
    assert copy.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert copy.execute("SELECT count(*) FROM forms").fetchone()[0] == 1


def test_a_current_store_is_opened_without_a_copy(tmp_path):
    with open_store(tmp_path) as store:
        store.load_samples()
    with open_store(tmp_path) as store:
        assert store.count_forms() == 4
    assert not list(tmp_path.glob("*.bak"))


def test_backup_is_a_checked_copy(tmp_path):
    with open_store(tmp_path) as store:
        store.load_samples()
        assert store.backup(tmp_path / "copy.db") == 4
        with pytest.raises(StoreError, match="不存在"):
            store.backup(tmp_path / "missing" / "copy.db")
    with Store.open(tmp_path / "copy.db") as copy:
        assert copy.count_forms() == 4
