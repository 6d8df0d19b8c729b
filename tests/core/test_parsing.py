"""What people type for amounts and targets: what is accepted, and what is said about the rest."""

from decimal import Decimal

import pytest

from core.errors import InputError
from core.numbers import parse_amount, parse_number
from core.targets import Quantity, TargetKind, convert, parse_quantity, parse_target


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("3,852,396.53", "3852396.53"),
        ("3, 852, 396. 53", "3852396.53"),  # OCR or a careless paste
        ("１２０，０００", "120000"),  # full-width digits and comma
        ("11.5万", "115000"),
        ("11.5万元", "115000"),
        ("1.2亿", "120000000"),
        ("75248.00元", "75248.00"),
        (" 0 ", "0"),
        (100, "100"),
        (Decimal("0.5"), "0.5"),
    ],
)
def test_amounts_accepted(typed, amount):
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("-5", "负数"),
        ("1.005", "两位小数"),
        ("12,34", "无法识别"),
        ("1e5", "无法识别"),
        ("1_000", "无法识别"),
        ("abc", "应为数字"),
        (True, "应为数字"),
        ("9" * 80, "过长"),
        ("99999999999999", "过大"),
    ],
)
def test_amounts_refused_with_what_was_expected(typed, says):
    with pytest.raises(InputError, match=says):
        parse_amount(typed)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1e9", "不接受科学计数法"),
        ("1O00", "含有字母“O”（若是数字，请输入 0）"),
        ("1l0", "含有字母“l”（若是数字，请输入 1）"),
        ("五千", "含有“五”，请用阿拉伯数字"),
        ("abc", "含有“a”"),
        ("1.2.3", "无法识别：应为数字"),
    ],
)
def test_an_unreadable_amount_says_what_in_it_cannot_be_read(typed, says):
    with pytest.raises(InputError) as refused:
        parse_amount(typed)
    assert f"金额“{typed}”无法识别" in str(refused.value)
    assert says in str(refused.value)


def test_weights_and_scores():
    assert parse_number("7.5", "分值") == Decimal("7.5")
    assert parse_number("7. 5") == Decimal("7.5")
    assert parse_number("-1", "得分") == Decimal(-1)  # the range is a scoring rule
    with pytest.raises(InputError, match="分值“十”无法识别"):
        parse_number("十", "分值")


@pytest.mark.parametrize(
    ("typed", "kind", "number", "unit"),
    [
        ("=100%", TargetKind.EXACT, "100", "%"),
        ("100%", TargetKind.EXACT, "100", "%"),
        (">=85%", TargetKind.POSITIVE, "85", "%"),
        ("≥ 95%", TargetKind.POSITIVE, "95", "%"),
        ("＞＝９５％", TargetKind.POSITIVE, "95", "%"),
        (">90", TargetKind.POSITIVE, "90", ""),
        ("≥95份", TargetKind.POSITIVE, "95", "份"),
        ("不低于95%", TargetKind.POSITIVE, "95", "%"),
        ("95%以上", TargetKind.POSITIVE, "95", "%"),
        ("<=5%", TargetKind.REVERSE, "5", "%"),
        ("≤5天", TargetKind.REVERSE, "5", "天"),
        ("3天以内", TargetKind.REVERSE, "3", "天"),
        ("≤300,000元", TargetKind.REVERSE, "300000", "元"),
        ("100份", TargetKind.EXACT, "100", "份"),
        ("=20场", TargetKind.EXACT, "20", "场"),
        ("=0", TargetKind.ZERO, "0", ""),
        ("≤0起", TargetKind.ZERO, "0", "起"),
    ],
)
def test_quantitative_targets(typed, kind, number, unit):
    target = parse_target(typed)
    assert (target.kind, target.number, target.unit) == (kind, Decimal(number), unit)


@pytest.mark.parametrize("word", ["提高", "下降", "良好", "有效", "及时", "减少", "改善", "达标"])
def test_qualitative_targets_direction_words_included(word):
    target = parse_target(word)
    assert target.kind is TargetKind.QUALITATIVE and target.number is None


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "不能为空"),
        (">=abc", "缺少数字"),
        ("不低于95%以下", "前后两个比较词方向相反"),
        ("一季度90%，二季度95%", "不止一个数字"),
        ("≥95%≥98%", "不止一个数字"),
    ],
)
def test_targets_refused_with_what_was_expected(typed, says):
    with pytest.raises(InputError, match=says):
        parse_target(typed)


def test_actuals_and_unit_conversion():
    assert parse_quantity("255,900元") == Quantity(Decimal(255900), "元")
    assert parse_quantity("98") == Quantity(Decimal(98), "")
    assert parse_quantity("提高") is None
    assert convert(Quantity(Decimal(30), "万元"), "元") == Decimal(300000)
    assert convert(Quantity(Decimal(98), ""), "%") == Decimal(98)
    assert convert(Quantity(Decimal(3), "天"), "%") is None
