"""Rebuilding a form from its history: every change names a path and its old and new values.

Values are JSON (the interchange shape), so a change replays without parsing anything typed.
"""

from __future__ import annotations

import copy
import json
import re
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from core.store.errors import StoreError
from core.store.labels import FORM_PATH, INDICATORS_PATH, STATUS_PATH
from core.store.records import Change

if TYPE_CHECKING:
    from core.model import Form

_INDICATOR_FIELD = re.compile(r"^indicators\[(\d+)\]\.(\w+)$")


def value_at(data: dict[str, Any], path: str) -> Any:
    """The JSON value at a path of a form's interchange dict."""
    if path == FORM_PATH:
        return data
    holder, key = _holder(data, path)
    return holder.get(key)


def put_value(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """The interchange dict with ``value`` at ``path`` (a new dict for ``form``)."""
    if path == FORM_PATH:
        return dict(value)
    holder, key = _holder(data, path)
    holder[key] = value
    return data


def _holder(data: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    match = _INDICATOR_FIELD.match(path)
    if match:
        return data["indicators"][int(match[1])], match[2]
    if path in (STATUS_PATH, INDICATORS_PATH) or "." not in path:
        return data, path
    *parents, key = path.split(".")
    holder = data
    for parent in parents:
        holder = holder.setdefault(parent, {})
    return holder, key


def replay(changes: Iterable[Change]) -> Form:
    """The form after the last of ``changes`` (oldest first, starting with its creation)."""
    from core.model import Form

    data: dict[str, Any] | None = None
    for change in changes:
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
    """Every history entry of a form, oldest first (its creation is the first)."""
    rows = conn.execute(
        "SELECT id, form_id, path, old, new, at, user, note FROM changes "
        "WHERE form_id = ? ORDER BY id",
        (form_id,),
    )
    return [_change(*row) for row in rows]


def _change(
    change_id: int,
    form_id: int,
    path: str,
    old: str | None,
    new: str | None,
    at: str,
    user: str,
    note: str | None,
) -> Change:
    return Change(
        id=change_id,
        form_id=form_id,
        path=path,
        old=None if old is None else json.loads(old),
        new=None if new is None else json.loads(new),
        at=at,
        user=user,
        note=note,
    )
