"""Fuzz: thousands of hostile form files through check, import, show, export and history.

Every command ends in 0, 1 or 2 (never 3, never a traceback), prints no raw control character,
and a form that import stored reads back with exit 0, in every export format. 2,000 examples
by default, in-process; ``JIXIAO_FUZZ_EXAMPLES`` asks for more, ``JIXIAO_FUZZ_STATS=FILE``
writes the counts (examples, exit codes by command, seconds) as JSON.
"""

from __future__ import annotations

import json
import os
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.store import FinalFormError, Store
from tests.cli.fuzzing import RAW_CONTROL, Outcome, hostile_files, imported_id, jixiao

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "2000"))
READS = ["show", "history", "json", "text", "html", "svg"]
SEEN: Counter = Counter()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("fuzz")
    started = time.perf_counter()
    yield folder
    stats = {
        "examples": SEEN["examples"],
        "imported": SEEN["imported"],
        "exit_codes": {key: count for key, count in sorted(SEEN.items()) if ":" in key},
        "milliseconds": {key[3:]: count for key, count in sorted(SEEN.items()) if key[:3] == "ms "},
        "seconds": round(time.perf_counter() - started, 1),
    }
    print("fuzz:", json.dumps(stats, ensure_ascii=False))
    if os.environ.get("JIXIAO_FUZZ_STATS"):
        Path(os.environ["JIXIAO_FUZZ_STATS"]).write_text(json.dumps(stats, indent=2) + "\n")


def timed(db: Path, *args: object) -> Outcome:
    started = time.perf_counter()
    outcome = jixiao(db, *args)
    SEEN[f"ms {args[0]}"] += round((time.perf_counter() - started) * 1000)
    return outcome


def clean(command: str, outcome: Outcome, allowed: tuple[int, ...] = (0, 1, 2)) -> Outcome:
    SEEN[f"{command}:{outcome.code}"] += 1
    printed = outcome.out + outcome.err
    assert outcome.code in allowed, (command, outcome)
    assert "Traceback" not in printed
    assert not RAW_CONTROL.search(printed), (command, RAW_CONTROL.findall(printed)[:5])
    return outcome


def check_export(path: Path, export_format: str) -> None:
    text = path.read_bytes().decode("utf-8")
    assert not RAW_CONTROL.search(text), RAW_CONTROL.findall(text)[:5]
    if export_format == "svg":
        ElementTree.fromstring(text)
    if export_format == "json":
        json.loads(text)


def forget(db: Path, form_id: int) -> None:
    """Delete the form again, so the store stays small and every example starts alike."""
    with Store.open(db) as store:
        try:
            store.delete_form(form_id)
        except FinalFormError:
            store.reopen(form_id, "fuzz")
            store.delete_form(form_id)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    content=hostile_files(),
    read=st.sampled_from(READS),
    as_json=st.booleans(),
    import_anyway=st.integers(0, 3),
)
def test_no_hostile_file_crashes_a_command_or_reaches_the_terminal(
    workdir, content, read, as_json, import_anyway
):
    SEEN["examples"] += 1
    db, file = workdir / "fuzz.db", workdir / "表单.json"
    file.write_bytes(content)
    checked = clean("check", timed(db, "check", file, *(["--json"] if as_json else [])))
    if checked.code == 2 and import_anyway:  # import reads as check does: a quarter is enough
        return
    imported = clean("import", timed(db, "import", file))
    assert (imported.code == 2) == (checked.code == 2), (checked, imported)
    stored = imported_id(imported)
    if stored is None:
        return
    SEEN["imported"] += 1
    try:
        if read in ("show", "history"):
            clean(read, timed(db, read, stored), allowed=(0,))
        else:
            target = workdir / f"导出.{read}"
            clean("export", timed(db, "export", stored, "--format", read, "-o", target), (0,))
            check_export(target, read)
    finally:
        forget(db, stored)
