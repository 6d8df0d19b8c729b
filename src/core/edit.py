"""Changing one field of a form by its path: the one way the store and the TUI edit forms.

Paths are the ones findings use: ``project``, ``funds.total.executed``, ``goals.expected``,
``budget_score``, ``indicators[3].actual``. Every edit returns a new, validated form; a value
that cannot be accepted raises InputError with a message that names the field.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import ValidationError

from core import fieldpaths
from core.errors import FieldInputError, InputError
from core.labels import field_label
from core.messages import first_problem
from core.model import FUND_COLUMNS, FUND_ROWS, Form, Indicator

Model = TypeVar("Model", Form, Indicator)

_INDICATOR_FIELDS = tuple(Indicator.model_fields)
LOCK_FIELD = "target_locked"
"""LOCK_FIELD: set from a 目标申报表, cleared only by unlocking (Store.unlock_target)"""
_ROW_FIELDS = frozenset(_INDICATOR_FIELDS) - {"extensions", LOCK_FIELD}
"""_ROW_FIELDS: the fields of a row that set_field sets"""
LOCKED_TARGET = "年度指标值来自批复的绩效目标申报表，已锁定；如需修改，请先解锁并填写原因"
TOP_FIELDS = (
    "year",
    "project",
    "department",
    "implementer",
    "budget_weight",
    "budget_score",
    "budget_deviation",
    "rule_set",
)


def editable_paths(form: Form) -> list[str]:
    """Every field path of the form a person can edit, in the order of the paper form."""
    paths = ["year", "project", "department", "implementer"]
    paths += [f"funds.{row}.{column}" for row in FUND_ROWS for column in FUND_COLUMNS]
    paths += ["budget_weight", "budget_score", "budget_deviation", "goals.expected", "goals.actual"]
    for index in range(len(form.indicators)):
        paths += [
            fieldpaths.indicator(index, field)
            for field in _INDICATOR_FIELDS
            if field not in ("extensions", LOCK_FIELD)
        ]
    return paths


def _locate(data: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    """The dict that holds the field, and the field's key; InputError for an unknown path."""
    located = fieldpaths.indicator_of(path)
    if located is not None and located[1]:
        index, field = located
        if (
            index >= len(data["indicators"])
            or field not in _INDICATOR_FIELDS
            or field == "extensions"
        ):
            raise InputError(f"没有这个字段：{path}")
        return data["indicators"][index], field
    parts = fieldpaths.names(path)
    if len(parts) == 1 and parts[0] in TOP_FIELDS:
        return data, parts[0]
    if (
        len(parts) == 3
        and parts[0] == "funds"
        and parts[1] in FUND_ROWS
        and parts[2] in FUND_COLUMNS
    ):
        return data["funds"][parts[1]], parts[2]
    if len(parts) == 2 and parts[0] == "goals" and parts[1] in ("expected", "actual"):
        return data["goals"], parts[1]
    raise InputError(f"没有这个字段：{path}")


def _validated(data: dict[str, Any], form: Form, path: str, model: type[Model] = Form) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        _, message = first_problem(exc)
        raise FieldInputError(field_label(path, form), message) from None


def get_field(form: Form, path: str) -> Any:
    """The current value at a path (Decimal, str, int or None; None for a row the form does not
    have), read by attribute: no copy of the form, so it is cheap enough for every keystroke."""
    located = fieldpaths.indicator_of(path)
    if located is not None and located[1]:
        index, field = located
        if index >= len(form.indicators):
            return None
        holder: Any = form.indicators[index]
        names = [field]
    else:
        holder, names = form, fieldpaths.names(path)
    try:
        for name in names:
            holder = getattr(holder, name)
    except AttributeError:
        raise InputError(f"没有这个字段：{path}") from None
    return holder


def set_field(form: Form, path: str, value: Any) -> Form:
    """A copy of the form with one field set; the value is parsed as if typed.

    A locked target (``Indicator.target_locked``) is refused unless the value is the same, and
    the lock itself is no field to set: only unlocking clears it.
    """
    located = fieldpaths.indicator_of(path)
    if located is not None and located[0] < len(form.indicators) and located[1] in _ROW_FIELDS:
        return _set_indicator_field(form, *located, value)
    data = form.model_dump()
    holder, key = _locate(data, path)
    if key == LOCK_FIELD:
        raise InputError(f"没有这个字段：{path}")
    if key == "year" and isinstance(value, str):
        value = _parse_year(value)
    if key == "target" and holder.get(LOCK_FIELD) and value != holder["target"]:
        raise FieldInputError(field_label(path, form), LOCKED_TARGET)
    holder[key] = value
    return _validated(data, form, path)


def _set_indicator_field(form: Form, index: int, field: str, value: Any) -> Form:
    """set_field for one row: only the row is dumped and validated (a keystroke's cost must
    not grow with the form), and the rest of the form is shared with the old one. Form has no
    validator across rows, so this is the same as validating the whole form."""
    path = fieldpaths.indicator(index, field)
    row = form.indicators[index]
    if field == "target" and row.target_locked and value != row.target:
        raise FieldInputError(field_label(path, form), LOCKED_TARGET)
    data = row.model_dump()
    data[field] = value
    rows = list(form.indicators)
    rows[index] = _validated(data, form, path, Indicator)
    return form.model_copy(update={"indicators": rows})


def unlock_target(form: Form, index: int) -> Form:
    """A copy with row ``index``'s target unlocked (the caller records why)."""
    if not 0 <= index < len(form.indicators):
        raise InputError(f"没有第 {index + 1} 行指标")
    if not form.indicators[index].target_locked:
        raise InputError(f"第 {index + 1} 行的年度指标值没有锁定")
    rows = list(form.indicators)
    rows[index] = rows[index].model_copy(update={LOCK_FIELD: False})
    return form.model_copy(update={"indicators": rows})


def _parse_year(text: str) -> int | str:
    stripped = text.strip()
    if not stripped.isdigit():
        raise InputError(f"年度“{text}”应为四位数字，如 2023")
    return int(stripped)


def blank_indicator(level1: str = "", level2: str = "") -> Indicator:
    """A new, empty 三级指标 row under the given levels."""
    return Indicator(level1=level1, level2=level2, name="", target="", weight=None)


def insert_indicator(form: Form, index: int, indicator: Indicator) -> Form:
    """A copy with ``indicator`` inserted before row ``index`` (at the end if index = len)."""
    rows = list(form.indicators)
    rows.insert(max(0, min(index, len(rows))), indicator)
    return form.model_copy(update={"indicators": rows})


def delete_indicator(form: Form, index: int) -> Form:
    """A copy without row ``index``."""
    if not 0 <= index < len(form.indicators):
        raise InputError(f"没有第 {index + 1} 行指标")
    if form.indicators[index].target_locked:
        raise InputError(
            f"第 {index + 1} 行的年度指标值来自批复的绩效目标申报表，已锁定，不能删除；"
            "请先解锁并填写原因"
        )
    rows = list(form.indicators)
    del rows[index]
    return form.model_copy(update={"indicators": rows})


def move_indicator(form: Form, index: int, new_index: int) -> Form:
    """A copy with row ``index`` moved to ``new_index``."""
    if not 0 <= index < len(form.indicators) or not 0 <= new_index < len(form.indicators):
        raise InputError(f"无法把第 {index + 1} 行移到第 {new_index + 1} 行")
    rows = list(form.indicators)
    rows.insert(new_index, rows.pop(index))
    return form.model_copy(update={"indicators": rows})


def blank_form(year: int, rule_set: str | None = None) -> Form:
    """A new, empty draft of the given year."""
    from core.rules import load_rule_set

    rules = load_rule_set(rule_set)
    return Form(
        year=year,
        project="",
        department="",
        implementer="",
        funds={},
        budget_weight=rules.budget.weight,
        goals={},
        indicators=[],
        rule_set=rule_set,
        status="draft",
    )
