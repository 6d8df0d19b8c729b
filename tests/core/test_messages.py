"""Every refusal of a form's input reads in Chinese: none of pydantic's English reaches a user."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.errors import FormReadError
from core.interchange import form_from_data
from core.messages import MESSAGES, first_problem
from core.model import FROM_OUTSIDE, Form
from tests.core.builders import SAMPLES

SAMPLE = json.loads(SAMPLES["维稳工作"].read_text(encoding="utf-8"))
ENGLISH = re.compile(r"Input should|Field required|valid |unable to|Extra inputs| or ")
SPECIAL = {"value_error", "string_too_long", "string_too_short", "too_long", "too_short"}
SPECIAL |= {"greater_than", "greater_than_equal", "less_than", "less_than_equal", "literal_error"}


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list) and value:
        found += _paths(value[0], (*prefix, 0))
    return found


PATHS = [*_paths(SAMPLE), ("unknown",), ("funds", "spent"), ("indicators", 0, "weigth")]
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.decimals()
    | st.text(max_size=8)
    | st.sampled_from(["2022", "final", "", "１２", "10元"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def _put(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(path=st.sampled_from(PATHS), value=VALUES)
def test_every_refusal_is_in_chinese(path, value):
    data = json.loads(json.dumps(SAMPLE))
    _put(data, path, value)
    try:
        Form.model_validate(data, context=FROM_OUTSIDE)
    except ValidationError as exc:
        for error in exc.errors():
            assert error["type"] in MESSAGES or error["type"] in SPECIAL, error
        _, message = first_problem(exc)
        assert not ENGLISH.search(message), message
    try:
        form_from_data(data, "表单.json")
    except FormReadError as exc:
        assert not ENGLISH.search(str(exc)), str(exc)


def test_a_choice_is_offered_in_chinese():
    data = json.loads(json.dumps(SAMPLE))
    data["status"] = "done"
    try:
        form_from_data(data, "表单.json")
    except FormReadError as exc:
        assert exc.path == "status" and "'draft' 或 'final'" in exc.message
