"""Scoring an edited form from its earlier scorecard gives what scoring it afresh gives."""

from hypothesis import given, settings
from hypothesis import strategies as st

from core.edit import blank_indicator, delete_indicator, insert_indicator, move_indicator, set_field
from core.errors import InputError
from core.interchange import read_form
from core.rules import load_rule_set
from core.scoring import Scored, score_form
from tests.core.builders import SAMPLES

NETWORK = read_form(SAMPLES["网络信息系统运行与维护"])
RULES = load_rule_set(NETWORK.rule_set)
ROWS = len(NETWORK.indicators)

ROW_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "grade")
TYPED = st.one_of(
    st.sampled_from(["", "10", "7.5", "0", "100", "≥95%", "≤2天", "达成年度指标", "6月底前完成"]),
    st.text(max_size=8),
)
EDITS = st.one_of(
    st.tuples(st.just("field"), st.integers(0, ROWS - 1), st.sampled_from(ROW_FIELDS), TYPED),
    st.tuples(st.just("year"), st.sampled_from([2021, 2022, 2023])),
    st.tuples(st.just("insert"), st.integers(0, ROWS)),
    st.tuples(st.just("delete"), st.integers(0, ROWS - 1)),
    st.tuples(st.just("move"), st.integers(0, ROWS - 1), st.integers(0, ROWS - 1)),
)


def _edited(form, edit):
    kind, *args = edit
    rows = len(form.indicators)
    try:
        if kind == "field" and args[0] < rows:
            index, field, value = args
            return set_field(form, f"indicators[{index}].{field}", value)
        if kind == "year":
            return set_field(form, "year", args[0])
        if kind == "insert":
            blank = blank_indicator("产出指标", "数量指标")
            return insert_indicator(form, min(args[0], rows), blank)
        if kind == "delete" and args[0] < rows and rows > 1:
            return delete_indicator(form, args[0])
        if kind == "move" and max(args) < rows:
            return move_indicator(form, *args)
    except InputError:
        pass
    return form


@settings(max_examples=150, deadline=None)
@given(edits=st.lists(EDITS, max_size=8))
def test_a_scorecard_from_the_earlier_one_equals_a_fresh_one(edits):
    form, card = NETWORK, score_form(NETWORK, RULES)
    for edit in edits:
        form, earlier = _edited(form, edit), Scored(form, RULES, card)
        card = score_form(form, RULES, earlier=earlier)
        assert card == score_form(form, RULES)


def test_rows_left_alone_keep_their_results_and_the_edited_row_is_scored_again():
    card = score_form(NETWORK, RULES)
    edited = set_field(NETWORK, "indicators[2].actual", "0")
    again = score_form(edited, RULES, earlier=Scored(NETWORK, RULES, card))
    for n in range(ROWS):
        assert (again.indicators[n] is card.indicators[n]) == (n != 2)
    assert again.indicators[2] == score_form(edited, RULES).indicators[2]
    assert again.indicators[2] != card.indicators[2]


def test_nothing_is_kept_under_another_rule_set_or_year():
    card = score_form(NETWORK, RULES)
    other = load_rule_set("execution-caps")
    assert other is not RULES
    under_other = score_form(NETWORK, other, earlier=Scored(NETWORK, RULES, card))
    assert not any(a is b for a, b in zip(under_other.indicators, card.indicators, strict=True))
    next_year = NETWORK.model_copy(update={"year": NETWORK.year + 1})  # the very same rows
    assert next_year.indicators[0] is NETWORK.indicators[0]
    moved_on = score_form(next_year, RULES, earlier=Scored(NETWORK, RULES, card))
    assert not any(a is b for a, b in zip(moved_on.indicators, card.indicators, strict=True))
