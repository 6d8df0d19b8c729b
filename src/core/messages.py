"""What is wrong with a form's input, in plain Chinese: pydantic's errors with the field's path,
and the words of the model's own refusals (unsafe text, numbers no field can hold, ``x-`` values
that could not be stored and read back)."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from core.errors import NestedInputError
from core.safetext import terminal_safe, unsafe_characters

MAX_DIGITS = 30
"""More digits than any amount, weight or score has: a number like that is a mistake."""
MAX_EXTENSION_DEPTH = 16
"""How deep an ``x-`` value may nest (lists and objects inside each other)."""
MAX_EXTENSION_SIZE = 100_000
"""How many characters (keys, texts, numbers) all ``x-`` values of one object may hold."""


def field_path(location: tuple[int | str, ...]) -> str:
    """('indicators', 4, 'weight') → 'indicators[4].weight'; a key is shown escaped."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            key = terminal_safe(str(part), keep_newlines=False)
            path += f".{key}" if path else key
    return path


MESSAGES = {
    "missing": "缺少这一字段",
    "extra_forbidden": "未知字段（是否拼写有误？以 x- 开头的字段会被保留并忽略）",
    "invalid_key": "字段名应为文字",
    "string_type": "应为文字",
    "string_sub_type": "应为文字",
    "string_unicode": "含有无法保存的字符（不成对的代理字符）",
    "string_pattern_mismatch": "格式不对",
    "string_not_ascii": "应只含英文字母、数字和符号",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_parsing_size": "整数过大",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "multiple_of": "数值不符合要求",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "dict_type": "应为对象 {…}",
    "mapping_type": "应为对象 {…}",
    "model_type": "应为对象 {…}",
    "model_attributes_type": "应为对象 {…}",
    "list_type": "应为列表 […]",
    "tuple_type": "应为列表 […]",
    "set_type": "应为列表 […]",
    "iterable_type": "应为列表 […]",
    "iteration_error": "列表无法读取",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "整数部分位数过多",
    "none_required": "应为空",
    "is_instance_of": "类型不对",
    "json_invalid": "不是有效的 JSON",
    "json_type": "应为 JSON 文字",
    "recursion_loop": "内容循环引用自身",
    "recursion_depth_exceeded": "嵌套过深",
    "frozen_field": "这一字段不能修改",
    "frozen_instance": "表单不能这样修改",
    "union_tag_invalid": "类型不对",
    "union_tag_not_found": "类型不对",
    "assertion_error": "值无效",
    "enum": "不是可选的值之一",
}
"""Chinese for every kind of error pydantic can report about our models' input."""


def _describe(error: dict[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    given = error.get("input")
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if kind in MESSAGES:
        return MESSAGES[kind]
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
        expected = str(ctx.get("expected", "")).replace(" or ", " 或 ")
        return f"应为 {expected}，收到 {_short(given)}"
    return f"无法接受这个值（{kind}）"


def _short(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS:
        return f"一个 {_int_digits(value)} 位的整数"
    text = terminal_safe(repr(value), keep_newlines=False)
    return text if len(text) <= 40 else text[:37] + "…"


def first_problem(exc: ValidationError) -> tuple[str, str]:
    """(field path, Chinese message) of the first error, noting how many more there are."""
    errors = exc.errors()
    first = errors[0]
    location = _location(first)
    message = _describe(first)
    if len(errors) > 1:
        message += f"（另有 {len(errors) - 1} 处问题）"
    return field_path(location), message


JSON_ERRORS = {
    "Expecting value": "这里应有一个值（文字、数字、对象或列表）",
    "Expecting property name enclosed in double quotes": (
        "这里应有一个用双引号括起的字段名（或多了一个逗号）"
    ),
    "Expecting ':' delimiter": "字段名后缺少冒号 :",
    "Expecting ',' delimiter": "缺少逗号 ,",
    "Unterminated string starting at": "文字缺少结尾的双引号",
    "Invalid control character at": "文字中有未转义的控制字符（如换行应写作 \\n）",
    "Invalid \\escape": "无效的转义符 \\",
    "Invalid \\uXXXX escape": "无效的 \\u 转义（应为 \\u 加四位十六进制数）",
    "Extra data": "JSON 结束后还有多余的内容",
    "Illegal trailing comma before end of object": "对象末尾多了一个逗号",
    "Illegal trailing comma before end of array": "列表末尾多了一个逗号",
}
"""The json module's complaints, in Chinese."""


def json_error_words(message: str) -> str:
    """What a JSON syntax error means (``json.JSONDecodeError.msg``), in Chinese."""
    return JSON_ERRORS.get(message, "格式错误")


# -- the model's own refusals --------------------------------------------------------------------


def unsafe_text_problem(text: str, *, multiline: bool) -> str | None:
    """Why no form field may hold ``text`` (controls, bidi overrides, zero-width characters, and
    line breaks where the field is one line), or None."""
    found = unsafe_characters(text)
    if found:
        shown = "、".join(found[:5]) + ("等" if len(found) > 5 else "")
        return (
            f"含有不能保存在表单中的字符 {shown}（控制字符、方向控制符或零宽字符），请删除后再导入"
        )
    if not multiline and any(char in text for char in "\n\r\t"):
        return "应为一行文字，不能含有换行符或制表符"
    return None


def _int_digits(value: int) -> int:
    return len(str(abs(value))) if abs(value) < 10**4000 else int(value.bit_length() * 0.30103) + 1


def number_problem(value: Any, what: str) -> str | None:
    """Why no number field can hold ``value`` (NaN, an infinity, a huge number), or None.

    Text is parsed later (core.numbers); this catches what a file's JSON numbers can be, and
    text that no message can quote.
    """
    if isinstance(value, str) and _has_surrogate(value):  # pydantic cannot even quote it
        return f"{what}含有无法保存的字符（不成对的代理字符）"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{what}应为有限的数字，收到 {value}"
    if isinstance(value, Decimal):
        if not value.is_finite():
            return f"{what}应为有限的数字，收到 {value}"
        digits = len(value.as_tuple().digits)
        if digits > MAX_DIGITS:
            return f"{what}位数过多（{digits} 位），应为一个数字"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS:
        return f"{what}位数过多（{_int_digits(value)} 位），应为一个数字"
    return None


def reserved_key_message(key: str) -> str:
    """The refusal of a file's key that the model keeps for itself."""
    return f"“{key}”是保留的字段名，文件中不能使用；自己的内容请放在以 x- 开头的字段中"


def extension_problem(extensions: dict[str, Any]) -> tuple[tuple[str | int, ...], str] | None:
    """(where, why) when ``x-`` values could not be stored and read back, or None: nested
    deeper than MAX_EXTENSION_DEPTH, larger than MAX_EXTENSION_SIZE, holding NaN, an infinity,
    a huge number or a lone surrogate."""
    size = 0
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(extensions, ())]
    while pending:
        value, where = pending.pop()
        if len(where) > MAX_EXTENSION_DEPTH:
            return where, f"嵌套超过 {MAX_EXTENSION_DEPTH} 层"
        if isinstance(value, dict):
            for key, inner in value.items():
                if not isinstance(key, str) or _has_surrogate(key):
                    return where, "字段名含有无法保存的字符"
                size += len(key)
                pending.append((inner, (*where, key)))
        elif isinstance(value, list):
            pending += [(inner, (*where, index)) for index, inner in enumerate(value)]
        elif isinstance(value, str):
            if _has_surrogate(value):
                return where, "含有无法保存的字符（不成对的代理字符）"
            size += len(value)
        elif value is None or isinstance(value, bool):
            pass
        elif isinstance(value, (int, float, Decimal)):
            problem = number_problem(value, "数字")
            if problem:
                return where, problem
        else:
            return where, "不是 JSON 的值"
        size += 1
        if size > MAX_EXTENSION_SIZE:
            return where, f"x- 字段的内容过大（超过 {MAX_EXTENSION_SIZE} 个字符）"
    return None


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


_SURROGATE = re.compile("[\ud800-\udfff]")


def all_problems(exc: ValidationError) -> list[tuple[str, str]]:
    """(field path, Chinese message) of every error, in the order pydantic found them."""
    return [(field_path(_location(error)), _describe(error)) for error in exc.errors()]


def _location(error: Any) -> tuple[str | int, ...]:
    location = tuple(error["loc"])
    raised = (error.get("ctx") or {}).get("error")
    if isinstance(raised, NestedInputError):
        location += raised.where
    return location
