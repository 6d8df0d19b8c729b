"""The schema, version by version: each migration brings a store up one version, in one
transaction (core.store.schema takes a verified copy first and calls ``migrate``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from core.store.search import indicator_rows

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x4A584958  # "JXIX"
SCHEMA_VERSION = 4


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Bring the schema up to ``target``, one version per transaction."""
    from sqlite_utils import Database  # only to create or migrate: opening needs none of it

    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= target:
                conn.execute("COMMIT")
                return
            MIGRATIONS[version + 1](Database(conn, execute_plugins=False))
            conn.execute(f"PRAGMA user_version={version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _v1_forms_and_history(db: Database) -> None:
    """Forms (the whole form as JSON, with cached total and grade), history, pending, cursor."""
    db.execute(f"PRAGMA application_id={APPLICATION_ID}")
    db["forms"].create(
        {
            "id": int,
            "year": int,
            "project": str,
            "department": str,
            "implementer": str,
            "status": str,
            "revision": int,
            "data": str,
            "total": str,
            "grade": str,
            "source_id": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null=[
            "year",
            "project",
            "department",
            "implementer",
            "status",
            "revision",
            "data",
            "total",
            "grade",
            "created_at",
            "updated_at",
        ],
        foreign_keys=[("source_id", "forms", "id")],
    )
    db["forms"].create_index(["year", "id"], index_name="forms_by_year")
    db["forms"].create_index(["implementer", "year"], index_name="forms_by_implementer")
    db["forms"].create_index(["status", "year"], index_name="forms_by_status")
    db["forms"].create_index(["project", "implementer", "year"], index_name="forms_by_project")
    db["changes"].create(
        {
            "id": int,
            "form_id": int,
            "revision": int,
            "path": str,
            "old": str,
            "new": str,
            "at": str,
            "user": str,
            "note": str,
        },
        pk="id",
        not_null=["form_id", "revision", "path", "at", "user"],
    )
    db["changes"].create_index(["form_id", "revision"], index_name="changes_by_form")
    db["pending_inputs"].create(
        {"form_id": int, "path": str, "raw": str},
        pk=("form_id", "path"),
        not_null=["raw"],
    )
    db["cursor"].create({"id": int, "form_id": int, "step": str, "path": str}, pk="id")


def _v2_search_and_indicators(db: Database) -> None:
    """Full-text search (bigram text, FTS5) and the indicator rows of every form."""
    from core.model import Form
    from core.store.search import form_search_text

    db["form_search"].create({"id": int, "text": str}, pk="id", not_null=["text"])
    db["form_search"].enable_fts(
        ["text"], fts_version="FTS5", create_triggers=True, tokenize="unicode61"
    )
    db["form_indicators"].create(
        {
            "form_id": int,
            "position": int,
            "level1": str,
            "level2": str,
            "name": str,
            "target": str,
            "weight": str,
        },
        pk=("form_id", "position"),
    )
    db["form_indicators"].create_index(["name"], index_name="form_indicators_by_name")
    for form_id, data in db.execute("SELECT id, data FROM forms").fetchall():
        form = Form.model_validate(json.loads(data))
        db["form_search"].insert({"id": form_id, "text": form_search_text(form)})
        db["form_indicators"].insert_all(indicator_rows(form_id, form))


def _v3_form_bodies_apart(db: Database) -> None:
    """Each form's JSON in a table of its own: lists read small rows, never a form's body."""
    db["form_bodies"].create({"id": int, "data": str}, pk="id", not_null=["data"])
    db.execute("INSERT INTO form_bodies (id, data) SELECT id, data FROM forms")
    db["forms"].transform(drop={"data"})


def _v4_checksums_packing_and_search_keys(db: Database) -> None:
    """A checksum beside every forms row, body and history entry; bodies and long history
    values zlib-packed into BLOBs (a third of the size); the search index keyed by
    ``year << 32 | id`` so that its order is the list's; indicator rows without a rowid and
    without the name index nothing used.
    """
    from core.store.integrity import FORM_COLUMNS, body_checksum, entry_checksum, row_checksum
    from core.store.packing import pack_text

    conn = db.conn
    db["forms"].add_column("checksum", int, not_null_default=0)
    columns = ", ".join(FORM_COLUMNS)
    conn.executemany(
        "UPDATE forms SET checksum = ? WHERE id = ?",
        ((row_checksum(row), row[0]) for row in conn.execute(f"SELECT {columns} FROM forms")),
    )

    def packed_bodies() -> Iterator[dict[str, object]]:
        for form_id, data in conn.execute("SELECT id, data FROM form_bodies ORDER BY id"):
            packed = pack_text(data)
            yield {"id": form_id, "data": packed, "checksum": body_checksum(form_id, packed)}

    db["form_bodies_packed"].create(
        {"id": int, "data": bytes, "checksum": int}, pk="id", not_null=["data", "checksum"]
    )
    db["form_bodies_packed"].insert_all(packed_bodies(), batch_size=500)
    db["form_bodies"].drop()
    db.rename_table("form_bodies_packed", "form_bodies")

    def packed_entries() -> Iterator[dict[str, object]]:
        for change_id, form_id, revision, path, old, new, at, user, note in conn.execute(
            "SELECT id, form_id, revision, path, old, new, at, user, note FROM changes ORDER BY id"
        ):
            old = None if old is None else pack_text(old)
            new = None if new is None else pack_text(new)
            checksum = entry_checksum(form_id, revision, path, old, new, at, user, note)
            yield {
                "id": change_id,
                "form_id": form_id,
                "revision": revision,
                "path": path,
                "old": old,
                "new": new,
                "at": at,
                "user": user,
                "note": note,
                "checksum": checksum,
            }

    db["changes_packed"].create(
        {
            "id": int,
            "form_id": int,
            "revision": int,
            "path": str,
            "old": bytes,
            "new": bytes,
            "at": str,
            "user": str,
            "note": str,
            "checksum": int,
        },
        pk="id",
        not_null=["form_id", "revision", "path", "at", "user", "checksum"],
    )
    db["changes_packed"].insert_all(packed_entries(), batch_size=1000)
    db["changes"].drop()
    db.rename_table("changes_packed", "changes")
    db["changes"].create_index(["form_id", "revision"], index_name="changes_by_form")

    # The full-text index is rebuilt by hand: sqlite-utils' enable_fts runs executescript,
    # which would commit this migration half done. The statements are the ones it writes.
    for trigger in ("form_search_ai", "form_search_ad", "form_search_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE IF EXISTS form_search_fts")
    conn.execute("DELETE FROM form_search WHERE id NOT IN (SELECT id FROM forms)")
    conn.execute("ALTER TABLE form_search RENAME COLUMN id TO key")
    conn.execute(
        "UPDATE form_search SET key = "
        "((SELECT year FROM forms WHERE forms.id = form_search.key) << 32) | key"
    )
    for statement in SEARCH_INDEX:
        conn.execute(statement)
    conn.execute("INSERT INTO form_search_fts(form_search_fts) VALUES ('rebuild')")

    conn.execute(
        "CREATE TABLE form_indicators_compact (form_id INTEGER, position INTEGER, level1 TEXT, "
        "level2 TEXT, name TEXT, target TEXT, weight TEXT, PRIMARY KEY (form_id, position)) "
        "WITHOUT ROWID"  # sqlite-utils cannot create one; the rows are found by form only
    )
    conn.execute("INSERT INTO form_indicators_compact SELECT * FROM form_indicators")
    db["form_indicators"].drop()
    db.rename_table("form_indicators_compact", "form_indicators")


SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE form_search_fts USING FTS5 "
    "(text, tokenize='unicode61', content='form_search')",
    "CREATE TRIGGER form_search_ai AFTER INSERT ON form_search BEGIN "
    "INSERT INTO form_search_fts (rowid, text) VALUES (new.rowid, new.text); END",
    "CREATE TRIGGER form_search_ad AFTER DELETE ON form_search BEGIN "
    "INSERT INTO form_search_fts (form_search_fts, rowid, text) "
    "VALUES ('delete', old.rowid, old.text); END",
    "CREATE TRIGGER form_search_au AFTER UPDATE ON form_search BEGIN "
    "INSERT INTO form_search_fts (form_search_fts, rowid, text) "
    "VALUES ('delete', old.rowid, old.text); "
    "INSERT INTO form_search_fts (rowid, text) VALUES (new.rowid, new.text); END",
)
"""The full-text index over form_search and the triggers that keep it in step."""


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    1: _v1_forms_and_history,
    2: _v2_search_and_indicators,
    3: _v3_form_bodies_apart,
    4: _v4_checksums_packing_and_search_keys,
}
