"""The store reads field paths with core.fieldpaths: history values, the search index, and
pending inputs that follow their row."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import fieldpaths
from core.edit import editable_paths
from core.model import Indicator
from core.store.history import put_value, value_at
from core.store.search import indexed
from tests.store.helpers import open_store, sample

FORM = sample()
DATA = FORM.model_dump(mode="json")
PATHS = editable_paths(FORM)


@given(st.sampled_from(PATHS))
def test_a_history_value_is_read_and_put_where_the_path_says(path: str) -> None:
    located = fieldpaths.indicator_of(path)
    if located is not None:
        expected = DATA["indicators"][located[0]].get(located[1])
    else:
        expected = DATA
        for name in fieldpaths.names(path):
            expected = expected.get(name)
    assert value_at(DATA, path) == expected
    changed = put_value(FORM.model_dump(mode="json"), path, "新值")
    assert value_at(changed, path) == "新值"
    assert {p for p in PATHS if value_at(changed, p) != value_at(DATA, p)} == {path}


def test_a_whole_row_path_names_the_row() -> None:
    assert value_at(DATA, fieldpaths.indicator(1)) == DATA["indicators"][1]
    assert value_at(DATA, fieldpaths.indicator(len(DATA["indicators"]))) is None


def test_what_the_search_index_reads() -> None:
    assert indexed("project") and indexed("year")
    assert not indexed("funds.total.executed") and not indexed("goals.actual")
    assert indexed("indicators") and indexed(fieldpaths.indicator(3))
    for field in ("name", "target", "weight", "level1", "level2"):
        assert indexed(fieldpaths.indicator(3, field))
    for field in ("actual", "score", "deviation", "target_locked"):
        assert not indexed(fieldpaths.indicator(3, field))


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 4), st.integers(0, 4))
def test_pending_inputs_follow_a_moved_row(tmp_path_factory, index: int, new_index: int) -> None:
    tmp_path = tmp_path_factory.mktemp("pending")
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        count = len(stored.form.indicators)
        assert count > 4
        for row in range(count):
            store.set_pending_input(stored.id, fieldpaths.indicator(row, "actual"), f"第{row}行")
        store.set_pending_input(stored.id, fieldpaths.indicator(count + 3, "actual"), "无此行")
        store.set_pending_input(stored.id, "funds.total.executed", "七万五")
        moved = store.move_indicator(stored.id, index, new_index).form
        pending = store.pending_inputs(stored.id)
    order = list(range(count))
    order.insert(new_index, order.pop(index))
    assert pending == {
        "funds.total.executed": "七万五",
        **{fieldpaths.indicator(new, "actual"): f"第{old}行" for new, old in enumerate(order)},
    }
    assert moved.indicators[new_index].name == stored.form.indicators[index].name


def test_pending_inputs_of_a_deleted_row_go_with_it(tmp_path) -> None:
    with open_store(tmp_path) as store:
        stored = store.create_form(sample())
        store.set_pending_input(stored.id, fieldpaths.indicator(0, "actual"), "甲")
        store.set_pending_input(stored.id, fieldpaths.indicator(1, "score"), "乙")
        store.delete_indicator(stored.id, 0)
        assert store.pending_inputs(stored.id) == {fieldpaths.indicator(0, "score"): "乙"}
        blank = Indicator(level1="", level2="", name="", target="", weight=None)
        store.insert_indicator(stored.id, 0, blank)
        assert store.pending_inputs(stored.id) == {fieldpaths.indicator(1, "score"): "乙"}
