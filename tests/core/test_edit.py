"""Editing one field by its path: the value is parsed as typed, a bad one is refused by name."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.edit import (
    blank_form,
    blank_indicator,
    delete_indicator,
    editable_paths,
    get_field,
    insert_indicator,
    move_indicator,
    set_field,
)
from core.errors import InputError
from core.interchange import read_form
from core.model import Form
from tests.core.builders import SAMPLES

NETWORK = read_form(SAMPLES["网络信息系统运行与维护"])


def test_amount_typed_with_separators_and_wan():
    form = set_field(NETWORK, "funds.total.executed", "7.5248万")
    assert form.funds.total.executed == Decimal("75248")
    assert NETWORK.funds.total.executed == Decimal("75248.00")  # the original is untouched


def test_bad_value_names_the_field_in_chinese():
    with pytest.raises(InputError, match="项目资金·其他资金·年初预算数：金额不能为负数"):
        set_field(NETWORK, "funds.other.initial", "-3")
    with pytest.raises(InputError, match="绩效指标第2行“信访信息化水平”·分值"):
        set_field(NETWORK, "indicators[1].weight", "abc")
    with pytest.raises(InputError, match="年度"):
        set_field(NETWORK, "year", "二〇二三")


def test_unknown_paths_are_refused():
    for path in ("funds.total.spent", "indicators[99].name", "indicators[0].extensions", "id"):
        with pytest.raises(InputError, match="没有这个字段"):
            set_field(NETWORK, path, "1")


def test_every_editable_path_reads_and_writes():
    for path in editable_paths(NETWORK):
        assert set_field(NETWORK, path, get_field(NETWORK, path)) == NETWORK


def test_rows_insert_delete_move():
    row = blank_indicator("产出指标", "数量指标")
    form = insert_indicator(NETWORK, 1, row)
    assert form.indicators[1] == row and len(form.indicators) == 9
    assert delete_indicator(form, 1) == NETWORK
    moved = move_indicator(NETWORK, 0, 2)
    assert [i.name for i in moved.indicators[:3]] == [
        "信访信息化水平",
        "信访信息化工作开展及时率",
        "信访接待系统维保完成率",
    ]


def test_blank_form_is_a_draft_with_the_rule_sets_budget_weight():
    form = blank_form(2023)
    assert form.year == 2023 and form.status == "draft"
    assert form.budget_weight == Decimal(10) and form.indicators == []


def test_text_that_was_not_accepted_is_an_error_finding():
    from core.scoring import score_form

    card = score_form(NETWORK, pending_inputs={"funds.total.executed": "12,34"})
    assert [(f.path, f.severity) for f in card.errors] == [("funds.total.executed", "error")]
    message = card.errors[0].message
    assert "12,34" in message and "无法识别" in message and "尚未保存" in message
    # the finding carries its field; the message names neither the field nor the text twice
    assert "年度资金总额" not in message and message.count("12,34") == 1


def test_text_kept_as_typed_is_an_error_even_where_it_would_be_accepted_now():
    from core.scoring import score_form

    card = score_form(NETWORK, pending_inputs={"indicators[0].actual": "百分百"})
    assert [f.path for f in card.errors] == ["indicators[0].actual"]
    assert card.errors[0].message == "输入“百分百”尚未保存"


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    import os
    import stat

    from core.files import write_atomic

    target = tmp_path / "导出.json"
    write_atomic(target, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert target.read_text(encoding="utf-8") == "{}"


def test_total_from_its_parts_counts_only_what_is_filled():
    from core.checks import sum_of_parts

    assert sum_of_parts(NETWORK, "annual") == Decimal("75248.00")
    partial = set_field(set_field(NETWORK, "funds.other.annual", None), "funds.fiscal.annual", "1")
    assert sum_of_parts(partial, "annual") == Decimal("1")
    empty = NETWORK
    for row in ("fiscal", "carryover", "other"):
        empty = set_field(empty, f"funds.{row}.initial", None)
    assert sum_of_parts(empty, "initial") is None


ROW_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
TYPED = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "10", "7.5", "-1", "1e9", "100.001", "≥95%", "达成年度指标", " 5 "]),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(
    index=st.integers(0, len(NETWORK.indicators) - 1),
    field=st.sampled_from(ROW_FIELDS),
    value=TYPED,
)
def test_a_row_field_is_set_as_if_the_whole_form_were_validated(index, field, value):
    """set_field validates only the row a row field is in; the outcome is the whole form's."""
    data = NETWORK.model_dump()
    data["indicators"][index][field] = value
    try:
        expected = Form.model_validate(data)
    except ValidationError:
        expected = None
    try:
        edited = set_field(NETWORK, f"indicators[{index}].{field}", value)
    except InputError:
        assert expected is None
    else:
        assert edited == expected
        assert edited.model_dump() == expected.model_dump()
