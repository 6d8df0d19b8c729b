"""Read and write the interchange file ``jixiao.form/1`` (form-format.md).

Reading never raises anything but FormReadError, whose message names the file and the field.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from core.errors import FormReadError
from core.files import describe_os_error, input_file_problem, write_atomic
from core.messages import first_problem, json_error_words
from core.model import FORMAT_TAG, FROM_OUTSIDE, Form
from core.safetext import json_safe

MAX_FILE_BYTES = 20 * 1024 * 1024


class _DuplicateKey(ValueError):
    pass


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _integer(digits: str) -> int | Decimal:
    """A JSON integer; too long for any field, it stays a Decimal (an int of more than 4,300
    digits cannot even be made), for the field that holds it to refuse, naming itself."""
    return int(digits) if len(digits) <= 40 else Decimal(digits)


def _load_json(text: str, source: str) -> Any:
    if not text.strip():
        raise FormReadError(source, "", "文件为空")
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=_integer,
            parse_constant=Decimal,  # NaN and Infinity: refused by the field that holds them
            object_pairs_hook=_reject_duplicates,
        )
    except _DuplicateKey as exc:
        raise FormReadError(source, str(exc), "字段重复出现（后一个会覆盖前一个）") from None
    except json.JSONDecodeError as exc:
        raise FormReadError(
            source,
            "",
            f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{json_error_words(exc.msg)}",
        ) from None
    except RecursionError:
        raise FormReadError(source, "", "JSON 嵌套过深") from None


def form_from_data(data: Any, source: str) -> Form:
    """A form from already-decoded data (a JSON file, a workbook): the one door for forms from
    outside, validated with ``FROM_OUTSIDE`` (text no field may hold and ``x-`` values that could
    not be read back are refused here, naming the field)."""
    if not isinstance(data, dict):
        kind = "列表" if isinstance(data, list) else type(data).__name__
        raise FormReadError(source, "", f"应为一个表单对象 {{…}}，收到{kind}")
    tag = data.get("format")
    if tag != FORMAT_TAG:
        shown = "缺少" if tag is None else f"为 {tag!r}，"
        raise FormReadError(source, "format", f"{shown}应为 {FORMAT_TAG!r}")
    try:
        return Form.model_validate(data, context=FROM_OUTSIDE)
    except ValidationError as exc:
        path, message = first_problem(exc)
        raise FormReadError(source, path, message) from None


def parse_form(text: str, source: str = "<输入>") -> Form:
    """A form from the text of an interchange file."""
    return form_from_data(_load_json(text, source), source)


def read_form(path: Path | str) -> Form:
    """A form from an interchange file on disk."""
    path = Path(path)
    source = str(path)
    problem = input_file_problem(path)
    if problem is not None:
        raise FormReadError(source, "", problem)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FormReadError(source, "", f"无法读取：{describe_os_error(exc)}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise FormReadError(source, "", f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormReadError(
            source, "", f"不是 UTF-8 编码的文本（第 {exc.start} 个字节无法解码）"
        ) from None
    return parse_form(text, source)


def form_to_data(form: Form) -> dict[str, Any]:
    """The interchange dict of a form: decimals as strings, in the documented key order."""
    return form.model_dump(mode="json")


def form_to_json(form: Form) -> str:
    """The interchange text of a form (UTF-8, readable Chinese, two-space indent)."""
    return json_safe(json.dumps(form_to_data(form), ensure_ascii=False, indent=2)) + "\n"


def write_form(form: Form, path: Path | str) -> None:
    """Write a form's interchange file atomically."""
    write_atomic(Path(path), form_to_json(form))
