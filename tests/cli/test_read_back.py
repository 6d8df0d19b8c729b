"""Whatever import stores, every command can read: a property over mutated sample forms.

Each mutated file is imported; a refusal must be clean (exit 2, a message). A form that was
stored must then show, list, search, export in every format, show its history, be reopened
(when final) and finalised again, every command exiting 0 (finalize: 0 or 1), and its JSON
export must check as a form again. Before this held, an ``extensions`` key naming a form field
was stored and then crashed show, export, history and reopen, and with ``"status": "final"``
the form could be neither reopened nor deleted.
"""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings

from core.vocabulary import STATUS_LABELS
from tests.cli.fuzzing import RAW_CONTROL, Outcome, hostile_files, imported_id, jixiao

EXAMPLES = max(40, int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "2000")) // 25)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("read-back")


def ok(outcome: Outcome, *codes: int) -> Outcome:
    assert outcome.code in (codes or (0,)), outcome
    assert not RAW_CONTROL.search(outcome.out + outcome.err)
    return outcome


@settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
@given(content=hostile_files(damaged=False))
def test_every_command_reads_what_import_stored(workdir, content):
    folder = workdir / "example"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    db, file = folder / "store.db", folder / "表单.json"
    file.write_bytes(content)
    imported = ok(jixiao(db, "import", file), 0, 2)
    form_id = imported_id(imported)
    if form_id is None:
        assert imported.code == 2 and imported.err.strip()
        return
    ok(jixiao(db, "show", form_id))
    ok(jixiao(db, "list"))
    ok(jixiao(db, "list", "--json"))
    ok(jixiao(db, "search", "信访"))
    ok(jixiao(db, "history", form_id))
    for export_format in ("json", "text", "html", "svg"):
        ok(
            jixiao(
                db,
                "export",
                form_id,
                "--format",
                export_format,
                "-o",
                folder / f"x.{export_format}",
            )
        )
    ok(jixiao(db, "check", folder / "x.json"), 0, 1)
    if (
        f"，{STATUS_LABELS['final']}）" in imported.out
    ):  # stored as 定稿 (a 定稿 with errors is stored as a draft)
        ok(jixiao(db, "reopen", form_id, "--reason", "复核"))
        ok(jixiao(db, "history", form_id))
    ok(jixiao(db, "finalize", form_id), 0, 1)
    ok(jixiao(db, "show", form_id))
