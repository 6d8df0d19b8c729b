"""Pydantic's validation errors as one plain Chinese message with the field's path."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


def field_path(location: tuple[int | str, ...]) -> str:
    """('indicators', 4, 'weight') → 'indicators[4].weight'."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _describe(error: dict[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    given = error.get("input")
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    messages = {
        "missing": "缺少这一字段",
        "extra_forbidden": "未知字段（是否拼写有误？以 x- 开头的字段会被保留并忽略）",
        "string_type": "应为文字",
        "int_type": "应为整数",
        "int_parsing": "应为整数",
        "int_from_float": "应为整数",
        "bool_type": "应为 true 或 false",
        "dict_type": "应为对象 {…}",
        "model_type": "应为对象 {…}",
        "model_attributes_type": "应为对象 {…}",
        "list_type": "应为列表 […]",
        "decimal_type": "应为数字",
        "decimal_parsing": "应为数字",
        "none_required": "应为空",
    }
    if kind in messages:
        return messages[kind]
    if kind == "string_too_long":
        length = len(given) if isinstance(given, str) else "?"
        return f"文字过长：最多 {ctx.get('max_length')} 个字符，收到 {length} 个"
    if kind == "string_too_short":
        return f"至少需要 {ctx.get('min_length')} 个字符"
    if kind == "too_long":
        return f"条目过多：最多 {ctx.get('max_length')} 条"
    if kind == "too_short":
        return f"至少需要 {ctx.get('min_length')} 条"
    if kind in ("greater_than_equal", "greater_than"):
        return f"应不小于 {ctx.get('ge', ctx.get('gt'))}，收到 {_short(given)}"
    if kind in ("less_than_equal", "less_than"):
        return f"应不大于 {ctx.get('le', ctx.get('lt'))}，收到 {_short(given)}"
    if kind == "literal_error":
        return f"应为 {ctx.get('expected')}，收到 {_short(given)}"
    return str(error.get("msg", "无效的值"))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def first_problem(exc: ValidationError) -> tuple[str, str]:
    """(field path, Chinese message) of the first error, noting how many more there are."""
    errors = exc.errors()
    first = errors[0]
    message = _describe(first)
    if len(errors) > 1:
        message += f"（另有 {len(errors) - 1} 处问题）"
    return field_path(first["loc"]), message


def all_problems(exc: ValidationError) -> list[tuple[str, str]]:
    """(field path, Chinese message) of every error, in the order pydantic found them."""
    return [(field_path(error["loc"]), _describe(error)) for error in exc.errors()]
