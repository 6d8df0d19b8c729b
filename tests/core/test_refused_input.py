"""What a file may put in a form: text without controls, numbers a field can hold, ``x-`` values
that can be stored and read back. Anything else is refused at import, naming the field."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.errors import FormReadError
from core.interchange import form_to_json, parse_form
from core.messages import MAX_EXTENSION_DEPTH, MAX_EXTENSION_SIZE
from core.model import Form
from tests.core.builders import SAMPLES

ONE_LINE = [
    "project",
    "department",
    "implementer",
    "rule_set",
    "indicators[0].level1",
    "indicators[0].level2",
    "indicators[0].name",
    "indicators[0].target",
    "indicators[0].actual",
    "indicators[0].grade",
]
MULTI_LINE = ["goals.expected", "goals.actual", "indicators[0].deviation"]
UNSAFE = {
    "ESC": "\x1b]0;pwned\x07",
    "NUL": "\x00",
    "C1 CSI": "\x9b2J",
    "DEL": "\x7f",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "ZWSP": "\u200b",
    "BOM": "\ufeff",
    "tag": "\U000e0041",
}


def sample_data(name: str = "网络信息系统运行与维护") -> dict[str, Any]:
    return json.loads(SAMPLES[name].read_text(encoding="utf-8"))


def put(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    *parents, key = path.replace("[0]", ".0").split(".")
    holder: Any = data
    for part in parents:
        holder = holder[int(part)] if part.isdigit() else holder[part]
    holder[key] = value
    return data


def get(data: dict[str, Any], path: str) -> Any:
    holder: Any = data
    for part in path.replace("[0]", ".0").split("."):
        holder = holder[int(part)] if part.isdigit() else holder[part]
    return holder


def refused(text: str) -> FormReadError:
    with pytest.raises(FormReadError) as caught:
        parse_form(text, "表单.json")
    return caught.value


@pytest.mark.parametrize("path", ONE_LINE + MULTI_LINE)
@pytest.mark.parametrize("kind", list(UNSAFE))
def test_a_control_bidi_or_zero_width_character_is_refused_naming_the_field(path, kind):
    data = put(sample_data(), path, f"信访{UNSAFE[kind]}课题")
    error = refused(json.dumps(data, ensure_ascii=False))
    assert error.path == path
    assert "不能保存在表单中的字符" in error.message
    assert UNSAFE[kind] not in str(error)


@pytest.mark.parametrize("path", ONE_LINE)
@pytest.mark.parametrize("line_break", ["\n", "\t", "\r"])
def test_a_one_line_field_refuses_line_breaks(path, line_break):
    data = put(sample_data(), path, f"信访{line_break}课题")
    error = refused(json.dumps(data, ensure_ascii=False))
    assert error.path == path and "应为一行文字" in error.message


@pytest.mark.parametrize("path", MULTI_LINE)
def test_a_multi_line_field_keeps_its_lines_with_windows_line_ends_made_plain(path):
    data = put(sample_data(), path, "第一行\r\n第二行\r第三行\t完")
    form = parse_form(json.dumps(data, ensure_ascii=False))
    shown = get(form.model_dump(), path)
    assert shown == "第一行\n第二行\n第三行\t完"


def test_a_lone_surrogate_is_refused_in_a_field_and_in_an_x_value():
    text = json.dumps(sample_data(), ensure_ascii=False)
    in_field = refused(text.replace('"project": "', '"project": "\\ud800', 1))
    assert in_field.path == "project" and "代理字符" in in_field.message
    in_extension = refused(text[:-1].rstrip() + ', "x-note": {"a": ["\\udc00"]}}')
    assert in_extension.path == "x-note.a[0]"
    for path in NUMBER_PATHS:  # a number field quotes what it cannot read: not this
        in_number = refused(json.dumps(put(sample_data(), path, "1\ud800")))
        assert in_number.path == path and "代理字符" in in_number.message


def test_the_store_reads_text_an_older_version_let_in():
    data = put(sample_data(), "project", "信访\x1b[2J课题")
    assert Form.model_validate(data).project == "信访\x1b[2J课题"


@pytest.mark.parametrize("where", ["", "indicators[0]."])
@pytest.mark.parametrize("content", [{"project": "另一个项目"}, {"name": 1}, {"x-ok": 1}, {}])
def test_extensions_is_a_reserved_key(where, content):
    data = sample_data()
    (data if not where else data["indicators"][0])["extensions"] = content
    error = refused(json.dumps(data, ensure_ascii=False))
    assert error.path == f"{where}extensions" and "保留" in error.message


def _nested(depth: int) -> Any:
    value: Any = "最里层"
    for level in range(depth):
        value = [value] if level % 2 else {"层": value}
    return value


def test_x_values_nest_at_most_so_deep():
    data = sample_data()
    data["x-ok"] = _nested(MAX_EXTENSION_DEPTH - 1)
    form = parse_form(json.dumps(data, ensure_ascii=False))
    assert parse_form(form_to_json(form)) == form
    data["x-deep"] = _nested(250)
    error = refused(json.dumps(data, ensure_ascii=False))
    assert error.path.startswith("x-deep") and "嵌套" in error.message


def test_x_values_are_bounded_in_size():
    data = sample_data()
    data["x-big"] = ["备注" * 1000] * 60
    error = refused(json.dumps(data, ensure_ascii=False))
    assert error.path.startswith("x-big") and str(MAX_EXTENSION_SIZE) in error.message


NUMBER_PATHS = ["indicators[0].weight", "indicators[0].score", "budget_score", "funds.total.annual"]


@pytest.mark.parametrize("path", NUMBER_PATHS)
@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_naming_the_field(path, literal):
    text = json.dumps(put(sample_data(), path, "@@"), ensure_ascii=False)
    error = refused(text.replace('"@@"', literal))
    assert error.path == path and "有限的数字" in error.message


@pytest.mark.parametrize("path", [*NUMBER_PATHS, "year", "id", "x-count", "x-list"])
@pytest.mark.parametrize(
    "digits",
    ["9" * 45, "9" * 5000, "1." + "0" * 5000 + "1"],
    ids=["45 digits", "5000 digits", "5000 decimals"],
)
def test_a_huge_number_is_refused_naming_the_field(path, digits):
    data = sample_data()
    if path == "x-list":
        data["x-list"] = [1, "@@"]
    else:
        put(data, path, "@@")
    error = refused(json.dumps(data, ensure_ascii=False).replace('"@@"', digits))
    expected_path = "x-list[1]" if path == "x-list" else path
    assert error.path == expected_path
    assert len(str(error)) < 200  # the number is described, never printed whole


def test_nan_in_an_x_value_is_refused():
    text = json.dumps(sample_data(), ensure_ascii=False)
    error = refused(text[:-1].rstrip() + ', "x-ratio": [1, NaN]}')
    assert error.path == "x-ratio[1]" and "有限的数字" in error.message
