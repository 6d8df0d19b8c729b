"""core.jsontext.indented: the store's compact JSON as the interchange file is written
(json.dumps(indent=2), escaped), byte for byte, whatever the strings hold."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from core.jsontext import indented
from core.safetext import json_safe

from .builders import form, indicator

AWKWARD = ["", '"', "\\", '\\"', '","', '":"', "{}", "[]", ",", ":", "\n", "\u202e", "信访"]
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.sampled_from(AWKWARD)
)
KEYS = st.text() | st.sampled_from(AWKWARD)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


def _compact(value: object) -> bytes:
    """As the store writes it."""
    return json_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":"))).encode()


def _expected(value: object) -> bytes:
    """As the interchange file is written."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2)).encode("utf-8")


@given(VALUES)
def test_the_same_text_as_json_dumps(value: object) -> None:
    assert indented(_compact(value)) == _expected(value)


@given(st.lists(st.sampled_from(AWKWARD), min_size=1, max_size=3), st.integers(0, 3))
def test_forms_of_one_structure_share_a_layout_yet_keep_their_values(texts, rows) -> None:
    for text in texts:
        value = {"name": text, "rows": [{"target": text, "weight": None}] * rows, "empty": {}}
        assert indented(_compact(value)) == _expected(value)


def test_text_written_otherwise_is_parsed() -> None:
    spaced = b'{"a": [1, 2], "b": {"c": "d"}}'
    assert indented(spaced) == _expected(json.loads(spaced))
    assert indented(b'{"x":NaN,"y":Infinity}') == b'{\n  "x": NaN,\n  "y": Infinity\n}'


def test_a_form() -> None:
    data = form([indicator("≥95%", "98%", "10"), indicator("提高", "提高", "5")]).model_dump(
        mode="json"
    )
    assert indented(_compact(data)) == _expected(data)
