"""Rebuilding a form from its history: every change names a path and its old and new values.

Values are JSON (the interchange shape), so a change replays without parsing anything typed.
"""

from __future__ import annotations

import copy
import sqlite3
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from core import fieldpaths
from core.store.errors import StoreError
from core.store.integrity import entry_checksum, fetch_all
from core.store.labels import FORM_PATH, INDICATORS_PATH, STATUS_PATH
from core.store.packing import unpack
from core.store.records import Change

if TYPE_CHECKING:
    from core.model import Form


def value_at(data: dict[str, Any], path: str) -> Any:
    """The JSON value at a path of a form's interchange dict."""
    if path == FORM_PATH:
        return data
    holder, key = _holder(data, path)
    if isinstance(holder, list):  # a whole row
        return holder[key] if key < len(holder) else None
    return holder.get(key)


def put_value(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """The interchange dict with ``value`` at ``path`` (a new dict for ``form``)."""
    if path == FORM_PATH:
        return dict(value)
    holder, key = _holder(data, path)
    holder[key] = value
    return data


def _holder(data: dict[str, Any], path: str) -> tuple[Any, Any]:
    """The dict (or, for a whole row, the list of rows) that holds a path's value, and its key."""
    located = fieldpaths.indicator_of(path)
    if located is not None:
        index, field = located
        rows = data[fieldpaths.INDICATORS]
        return (rows[index], field) if field else (rows, index)
    if path in (STATUS_PATH, INDICATORS_PATH):
        return data, path
    *parents, key = fieldpaths.names(path)
    holder = data
    for parent in parents:
        holder = holder.setdefault(parent, {})
    return holder, key


def replay(changes: Iterable[Change]) -> Form:
    """The form after the last of ``changes`` (oldest first, starting with its creation)."""
    from core.model import Form

    data: dict[str, Any] | None = None
    for change in changes:
        if change.damaged:
            raise StoreError(
                f"表单 {change.form_id} 的第 {change.id} 号修改记录已损坏，无法重建这一版本"
            )
        if data is None:
            if change.path != FORM_PATH:
                raise StoreError(f"表单 {change.form_id} 的历史不完整，无法重建")
            data = copy.deepcopy(change.new)
            continue
        data = put_value(data, change.path, copy.deepcopy(change.new))
    if data is None:
        raise StoreError("没有可重建的历史")
    return Form.model_validate(data)


def changes(conn: sqlite3.Connection, form_id: int) -> list[Change]:
    """Every history entry of a form, oldest first (its creation is the first).

    An entry whose checksum does not match is handed out marked ``damaged``, without values.
    """
    rows = fetch_all(
        conn,
        "SELECT id, form_id, revision, path, old, new, at, user, note, checksum FROM changes "
        "WHERE form_id = ? ORDER BY id",
        (form_id,),
    )
    return [_change(*row) for row in rows]


def _change(
    change_id: int,
    form_id: int,
    revision: int,
    path: str,
    old: bytes | None,
    new: bytes | None,
    at: str,
    user: str,
    note: str | None,
    checksum: int,
) -> Change:
    damaged = entry_checksum(form_id, revision, path, old, new, at, user, note) != checksum
    if not damaged:
        try:
            old_value = None if old is None else unpack(old)
            new_value = None if new is None else unpack(new)
        except (ValueError, zlib.error):  # a damaged value the checksum did not catch
            damaged = True
    if damaged:
        old_value = new_value = None
    return Change(
        id=change_id,
        form_id=form_id,
        path=path,
        old=old_value,
        new=new_value,
        at=at,
        user=user,
        note=note,
        damaged=damaged,
    )
