"""The one grammar of field paths: built and read back the same way everywhere."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core import fieldpaths
from core.edit import editable_paths
from core.findings import indicator_path

from .builders import form, indicator

FIELDS = st.sampled_from(["", "name", "target", "actual", "weight", "score", "grade", "deviation"])


@given(st.integers(0, 499), FIELDS)
def test_a_row_path_reads_back_as_built(index: int, field: str) -> None:
    path = fieldpaths.indicator(index, field)
    assert fieldpaths.indicator_of(path) == (index, field)
    assert fieldpaths.step_of(path) == "indicators"
    assert indicator_path(index, field) == path


def test_paths_outside_the_rows() -> None:
    assert fieldpaths.indicator_of("funds.total.executed") is None
    assert fieldpaths.indicator_of("indicators[x].name") is None
    assert fieldpaths.indicator_of("indicators[3].name.extra") is None
    assert [fieldpaths.step_of(p) for p in ("year", "funds.other.annual", "budget_score")] == [
        "basic",
        "funds",
        "funds",
    ]
    assert fieldpaths.step_of("goals.actual") == "goals"
    assert fieldpaths.step_of("indicators") == "indicators"


def test_every_editable_path_has_a_step() -> None:
    steps = {
        fieldpaths.step_of(path) for path in editable_paths(form([indicator("≥95%", "98%", "10")]))
    }
    assert steps == {"basic", "funds", "goals", "indicators"}


def test_row_paths_follow_their_rows() -> None:
    moves = {3: 2, 2: 3, 5: None}
    assert fieldpaths.moved("indicators[3].score", moves) == "indicators[2].score"
    assert fieldpaths.moved("indicators[2]", moves) == "indicators[3]"
    assert fieldpaths.moved("indicators[5].name", moves) is None
    assert fieldpaths.moved("indicators[7].name", moves) == "indicators[7].name"
    assert fieldpaths.moved("funds.total.annual", moves) == "funds.total.annual"
