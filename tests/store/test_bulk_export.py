"""``export --all`` into a folder: each file as the single export writes it, named by number
whatever the form holds, the folder in place only when complete, and nothing else touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import bulk_export
from core.bulk_export import export_all
from core.errors import InputError
from core.export import FORMATS, render_export
from tests.store.helpers import open_store, sample

HOSTILE = st.sampled_from(
    ["CON", "nul.txt", "..", "../../etc/passwd", "a/b\\c", "x:y*?<>|", "项目" * 100, "\x1b]0;t\x07"]
) | st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60)


def _single_export(store, form_id: int) -> bytes:
    stored = store.get_form(form_id)
    return render_export(stored.form, stored.scorecard, "json").encode("utf-8")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(projects=st.lists(HOSTILE, min_size=1, max_size=3))
def test_every_file_is_the_single_export_and_named_by_number(tmp_path_factory, projects) -> None:
    tmp_path = tmp_path_factory.mktemp("bulk")
    with open_store(tmp_path) as store:
        ids = [store.create_form(sample(project=p.strip() or "项目")).id for p in projects]
        store.set_field(ids[0], "indicators[0].deviation", 'a "quoted" \\ text\u202e')
        before = sorted(p.name for p in tmp_path.iterdir())
        result = export_all(store, "json", tmp_path / "out", formats=FORMATS)
        assert result.written == len(ids) and not result.skipped
        files = sorted((tmp_path / "out").iterdir())
        assert [f.name for f in files] == sorted(f"{form_id}.json" for form_id in ids)
        for form_id in ids:
            assert (tmp_path / "out" / f"{form_id}.json").read_bytes() == _single_export(
                store, form_id
            )
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "out"])


def test_other_formats_are_the_single_export_too(tmp_path) -> None:
    with open_store(tmp_path) as store:
        store.load_samples()
        export_all(store, "text", tmp_path / "text", formats=FORMATS)
        for form in store.iter_forms():
            stored = store.get_form(form.id)
            expected = render_export(stored.form, stored.scorecard, "text")
            assert (tmp_path / "text" / f"{form.id}.txt").read_text("utf-8") == expected


def test_an_existing_folder_is_refused_empty_or_not(tmp_path) -> None:
    with open_store(tmp_path) as store:
        store.load_samples()
        (tmp_path / "empty").mkdir()
        (tmp_path / "full").mkdir()
        (tmp_path / "full" / "1.json").write_text("mine", encoding="utf-8")
        for existing in ("empty", "full"):
            with pytest.raises(InputError, match="已存在"):
                export_all(store, "json", tmp_path / existing, formats=FORMATS)
        assert (tmp_path / "full" / "1.json").read_text(encoding="utf-8") == "mine"
        assert not any((tmp_path / "empty").iterdir())
        with pytest.raises(InputError, match="不存在"):
            export_all(store, "json", tmp_path / "no" / "such", formats=FORMATS)


def test_a_failed_export_leaves_no_folder_and_no_file_behind(tmp_path, monkeypatch) -> None:
    with open_store(tmp_path) as store:
        store.load_samples()
        real_write = bulk_export._write_all
        calls = []

        def fail_on_the_third(handle: int, content: bytes) -> None:
            calls.append(handle)
            if len(calls) == 3:
                os.write(handle, content[:10])
                raise OSError(28, "No space left on device")
            real_write(handle, content)

        monkeypatch.setattr(bulk_export, "_write_all", fail_on_the_third)
        with pytest.raises(OSError):
            export_all(store, "json", tmp_path / "out", formats=FORMATS)
        assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("jixiao.db")] == []


def test_what_a_killed_export_left_is_cleared_by_the_next(tmp_path) -> None:
    with open_store(tmp_path) as store:
        store.load_samples()
        stale = tmp_path / ".out.99999.tmp"
        stale.mkdir()
        (stale / "1.json").write_text("{", encoding="utf-8")
        os.utime(stale, (0, 0))
        export_all(store, "json", tmp_path / "out", formats=FORMATS)
    assert not stale.exists()
    assert Path(tmp_path / "out" / "1.json").read_text(encoding="utf-8").startswith("{\n")
