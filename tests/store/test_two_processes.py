"""Two processes on one file: a stale writer gets a conflict naming what changed; readers go on."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from core.store import ConflictError
from tests.run_cli import REPO
from tests.store.helpers import open_store, sample


def _python(script: str, *args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        cwd=REPO,
        env={"PYTHONPATH": f"{REPO / 'src'}"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


EDIT = """
import sys
from core.store import Store
with Store.open(sys.argv[1]) as store:
    done = store.set_field(int(sys.argv[2]), sys.argv[3], sys.argv[4], revision=int(sys.argv[5]))
    print(done.revision)
"""

HOLD_WRITE_LOCK = """
import sys
from core.store import Store
with Store.open(sys.argv[1]) as store:
    store._conn.execute("BEGIN IMMEDIATE")
    store._conn.execute("UPDATE forms SET updated_at = updated_at")
    print("locked", flush=True)
    sys.stdin.readline()
    store._conn.execute("COMMIT")
"""


def test_a_stale_writer_gets_a_conflict_naming_the_changed_fields(tmp_path):
    path = tmp_path / "jixiao.db"
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        seen = stored.revision
        other = _python(EDIT, path, stored.id, "funds.total.executed", "70000", seen)
        out, err = other.communicate(timeout=60)
        assert other.returncode == 0, err
        assert int(out) == seen + 1
        with pytest.raises(ConflictError) as conflict:
            store.set_field(stored.id, "goals.actual", "我的修改", revision=seen)
        assert conflict.value.paths == ("funds.total.executed",)
        assert "项目资金·年度资金总额·全年执行数" in str(conflict.value)
        fresh = store.get_form(stored.id)
        assert fresh.form.funds.total.executed == 70000  # the other write stands
        assert fresh.form.goals.actual == sample().goals.actual  # ours was not written
        assert store.set_field(stored.id, "goals.actual", "我的修改", revision=fresh.revision)


def test_the_other_process_sees_our_change_as_a_conflict_too(tmp_path):
    path = tmp_path / "jixiao.db"
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        store.set_field(stored.id, "project", "改名", revision=stored.revision)
    other = _python(EDIT, path, stored.id, "project", "又改名", stored.revision)
    _, err = other.communicate(timeout=60)
    assert other.returncode != 0
    assert "ConflictError" in err and "项目名称" in err


def test_readers_are_not_blocked_while_another_process_writes(tmp_path):
    path = tmp_path / "jixiao.db"
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
    holder = _python(HOLD_WRITE_LOCK, path)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with open_store(tmp_path) as store:
            started = time.perf_counter()
            assert store.get_form(stored.id).form.project == sample().project
            assert store.count_forms() == 1
            assert time.perf_counter() - started < 1.0
            holder.stdin.write("\n")  # let go soon: our write waits for it, then goes in
            holder.stdin.flush()
            assert store.set_field(stored.id, "project", "等待后写入").revision == 2
    finally:
        holder.communicate(timeout=60)
    assert holder.returncode == 0


CRASH_AFTER_WRITE = """
import os, sys
from core.store import Store
store = Store.open(sys.argv[1])
store.set_field(int(sys.argv[2]), "goals.actual", "写入后立即崩溃")
os._exit(9)  # no close, no checkpoint: only what the commit made durable remains
"""


def test_a_write_survives_the_process_dying_right_after_it(tmp_path):
    path = tmp_path / "jixiao.db"
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
    crashed = _python(CRASH_AFTER_WRITE, path, stored.id)
    crashed.communicate(timeout=60)
    assert crashed.returncode == 9
    with open_store(tmp_path) as store:
        again = store.get_form(stored.id)
        assert again.form.goals.actual == "写入后立即崩溃" and again.revision == 2
        assert store.history(stored.id)[-1].new == "写入后立即崩溃"
