"""Exports of every stored form (``jixiao export --all``), streamed: memory stays flat.

- ``json`` into a new folder: one interchange file per form, ``<id>.json``, byte for byte as
  ``jixiao export ID --format json`` writes it, laid out from the stored JSON without parsing it
  (core.jsontext).
- ``json`` into a ``.jsonl`` file: one form a line (the fastest: the stored JSON is passed
  through with its id, status and updated_at, never parsed).

Like every JSON the program writes, what could act on a terminal is escaped (json_safe).
- any other single-form format (text, html, svg, and those added to core.export later) into a
  new folder, ``<id>.<suffix>``: each form is read, scored and rendered as one export.

A folder is written beside its final name and renamed into place once complete; a file is
written to a temporary name and renamed. Damaged forms are left out and reported by number.
File names are the forms' numbers: nothing a form holds ever names a file. Each file is created
new (O_EXCL) in a folder this export made, so the per-file checks of a single export (the store,
a special file, an existing file) have nothing to find; the files are flushed to disk once,
together, before the folder takes its name.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import InputError
from core.files import check_output_target
from core.store.backup import temporary_beside

if TYPE_CHECKING:
    from core.model import Form
    from core.store import Store

JSON_LINES_SUFFIX = ".jsonl"
SUFFIXES = {"json": ".json", "text": ".txt", "html": ".html", "svg": ".svg", "xlsx": ".xlsx"}
"""File name suffix of each format in a folder export (a format not named here: .<format>)."""


@dataclass
class BulkExport:
    """What an export of every form wrote."""

    target: Path
    written: int = 0
    skipped: list[int] = field(default_factory=list)
    """skipped: ids of damaged forms left out"""


def export_all(
    store: Store,
    export_format: str,
    target: Path | str,
    *,
    formats: Iterable[str],
    unit: str | None = None,
) -> BulkExport:
    """Every stored form in ``export_format`` (one of ``formats``) to a new folder or a .jsonl;
    ``unit`` is the money unit of the formats that have one (core.export)."""
    target = Path(target)
    lines = target.suffix.lower() == JSON_LINES_SUFFIX
    if not lines and (target.exists() or target.is_symlink()):
        raise InputError(f"{target} 已存在，请给出一个新的文件夹（或一个新的 .jsonl 文件）")
    check_output_target(target, store=store.path, what="导出位置")
    result = BulkExport(target)
    if lines:
        if export_format != "json":
            raise InputError(f"{JSON_LINES_SUFFIX} 文件只能导出 json 格式，请改用一个新文件夹")
        result.written = write_json_lines(store.iter_form_lines(skipped=result.skipped), target)
    elif export_format == "json":
        files = (
            (f"{form_id}.json", text)
            for form_id, text in store.iter_form_files(skipped=result.skipped)
        )
        result.written = write_folder(target, partial(_write_new_files, files))
    elif export_format in formats:
        forms = store.iter_forms(skipped=result.skipped)
        files = _rendered(forms, export_format, unit)
        result.written = write_folder(target, partial(_write_new_files, files))
    else:
        raise InputError(f"导出格式应为 {'、'.join(formats)}，收到“{export_format}”")
    return result


def _rendered(
    forms: Iterable[Form], export_format: str, unit: str | None
) -> Iterator[tuple[str, bytes]]:
    """Each form's file name and content, as ``jixiao export ID --format export_format``
    writes it."""
    from core.export import render_export
    from core.scoring import score_form

    suffix = SUFFIXES.get(export_format, f".{export_format}")
    for form in forms:
        content = render_export(form, score_form(form), export_format, unit)
        yield f"{form.id}{suffix}", content.encode("utf-8") if isinstance(content, str) else content


def _write_new_files(files: Iterable[tuple[str, bytes]], folder: Path) -> int:
    """Each (name, content) as a new file in ``folder``; how many. The files are opened relative
    to the open folder where the OS allows it (no walk of the whole path for each file)."""
    count = 0
    with _folder_handle(folder) as folder_fd:
        for name, content in files:
            where = name if folder_fd is not None else folder / name
            handle = os.open(where, _NEW_FILE, 0o666, dir_fd=folder_fd)
            try:
                _write_all(handle, content)
            finally:
                os.close(handle)
            count += 1
    return count


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
"""A new file, opened to write (its mode as the umask gives any new file); os.open is several
times quicker than open() for 100,000 small files."""


@contextmanager
def _folder_handle(folder: Path) -> Iterator[int | None]:
    """The open folder, for os.open(dir_fd=…); None where the OS has no such open (Windows)."""
    if os.open not in os.supports_dir_fd:
        yield None
        return
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        yield handle
    finally:
        os.close(handle)


def _write_all(handle: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        view = view[os.write(handle, view) :]


def write_folder(folder: Path, write_into: Callable[[Path], int]) -> int:
    """A new ``folder`` holding what ``write_into(staging)`` writes; how many files.

    The files are written into a staging folder beside it, flushed to disk once, and the folder
    is renamed into place: a reader sees no folder or the complete one. What a killed export
    left there is removed first.
    """
    if folder.exists():
        raise InputError(f"{folder} 已存在，请给出一个新的文件夹")
    if not folder.parent.is_dir():
        raise InputError(f"输出位置 {folder.parent} 不存在")
    staging = temporary_beside(folder)
    staging.mkdir()
    try:
        count = write_into(staging)
        _flush(staging)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _flush_entries(folder.parent)
    return count


def write_json_lines(lines: Iterable[bytes], path: Path) -> int:
    """One line of UTF-8 JSON each into ``path`` (replaced atomically once complete); how many.

    The lines are passed through as they come: they are the store's own JSON, escaped already.
    """
    if not path.parent.is_dir():
        raise InputError(f"输出位置 {path.parent} 不存在")
    temporary = temporary_beside(path)
    count = 0
    try:
        with open(os.open(temporary, _NEW_FILE, 0o666), "wb", closefd=True) as stream:
            for line in lines:
                stream.write(line)
                stream.write(b"\n")
                count += 1
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _flush_entries(path.parent)
    return count


def _flush(folder: Path) -> None:
    """Everything written under ``folder`` on disk: one sync where the OS has it."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in folder.iterdir():  # Windows: no global sync
        with path.open("rb+") as stream:
            os.fsync(stream.fileno())


def _flush_entries(folder: Path) -> None:
    """The names in ``folder`` on disk, so that a rename into it survives a power cut (POSIX:
    Windows opens no folder to sync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
