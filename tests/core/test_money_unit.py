"""Amounts in 元 or 万元: the rule set's [money] unit, the user's own, and what is typed."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from rich.console import Console

from core.edit import set_field
from core.errors import InputError
from core.export import render_export
from core.money import money_format, shown_money
from core.render import paper_table
from core.rules import parse_rule_set
from core.scoring import in_unit, score_form
from core.session import EditSession
from core.settings import update_settings
from tests.core.builders import SAMPLES, form, indicator
from tests.store.helpers import open_store, sample


def plain(renderable) -> str:
    console = Console(width=110, file=io.StringIO(), color_system=None, highlight=False)
    console.print(renderable)
    return console.file.getvalue()


def stability():
    from core.interchange import read_form

    return read_form(SAMPLES["维稳工作"])


def test_the_national_rule_set_shows_元():
    card = score_form(stability())
    assert card.money.unit == "元"
    text = plain(paper_table(stability(), card))
    assert "项目资金（元）" in text and "3,852,396.53" in text


def test_the_user_may_show_万元():
    update_settings(money_unit="万元")
    card = score_form(stability())
    assert shown_money(card.money).unit == "万元"
    text = plain(paper_table(stability(), card))
    assert "项目资金（万元）" in text and "385.24" in text and "3,852,396.53" not in text
    exported = render_export(stability(), card, "text")
    assert "项目资金（万元）" in exported and "385.24" in exported


def test_a_rule_set_in_万元_shows_万元_and_quotes_amounts_with_their_unit():
    rules = parse_rule_set(  # the national rule set with [money] in 万元
        'name = "wan"\ntitle = "万元"\nextends = "national-2020"\n[money]\nunit = "万元"\n',
        "wan.toml",
    )
    assert rules.money.unit == "万元"
    over = form([indicator("=100%", "100", "90", "90")], annual="100000", executed="103000")
    card = score_form(over, rules)
    assert card.money.unit == "万元"
    assert "全年执行数 10.30 万元 超过全年预算数 10.00 万元" in "".join(
        f.message for f in card.warnings
    )
    assert "项目资金（万元）" in plain(paper_table(over, card))


def test_findings_quote_amounts_in_the_unit_asked_for():
    over = form([indicator("=100%", "100", "90", "90")], annual="100000", executed="103000")
    over = set_field(over, "funds.total.initial", "100001")  # ≠ the sum of its parts
    messages = "".join(f.message for f in score_form(over, money=money_format("万元")).findings)
    assert "全年执行数 10.30 万元 超过全年预算数 10.00 万元" in messages
    assert "年初预算数：年度资金总额 10.0001 万元 ≠" in messages
    by_rule_set = "".join(f.message for f in score_form(over).findings)
    assert "全年执行数 103,000.00 元" in by_rule_set and "万元" not in by_rule_set


def test_a_scorecard_is_scored_again_only_for_a_reader_of_another_unit():
    over = form([indicator("=100%", "100", "90", "90")], annual="100000", executed="103000")
    card = score_form(over)
    assert in_unit(over, card, money_format("元")) is card
    in_wan = in_unit(over, card, money_format("万元"))
    assert "全年执行数 10.30 万元" in "".join(f.message for f in in_wan.warnings)
    assert (in_wan.total, in_wan.grade, in_wan.money) == (card.total, card.grade, card.money)
    assert in_unit(over, in_wan, money_format("万元")) is in_wan  # it quotes 万元 already
    back = in_unit(over, in_wan, money_format("元"))
    assert "全年执行数 103,000.00 元" in "".join(f.message for f in back.warnings)


def test_what_a_form_being_edited_says_quotes_amounts_in_the_unit_the_user_sees(tmp_path):
    update_settings(money_unit="万元")
    with open_store(tmp_path) as store:
        session = EditSession(store, store.create_form(sample()).id)
        session.edit("funds.total.executed", "1000")  # 1,000 万元: more than the budget
        warned = [f.message for f in session.card.warnings if f.path == "funds.total.executed"]
        assert warned and "全年执行数 1,000.00 万元 超过全年预算数" in warned[0]


def test_amounts_typed_where_万元_shows_are_in_万元(tmp_path):
    update_settings(money_unit="万元")
    with open_store(tmp_path) as store:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        assert session.money == money_format("万元")
        session.edit("funds.other.initial", "1.5")
        assert session.form.funds.other.initial == Decimal(15000)
        session.edit("funds.other.initial", "800元")
        assert session.form.funds.other.initial == Decimal(800)
        session.edit("funds.other.initial", "2万")
        assert session.form.funds.other.initial == Decimal(20000)
        session.edit("funds.other.initial", "0.0000001")
        assert "超过两位小数" in session.errors["funds.other.initial"]
        assert session.errors["funds.other.initial"].startswith("项目资金·其他资金·年初预算数")
        session.edit("funds.other.initial", "1.5")
        assert session.write().refused == ()
        assert store.get_form(form_id).form.funds.other.initial == Decimal(15000)


def test_amounts_typed_where_元_shows_are_in_元(tmp_path):
    with open_store(tmp_path) as store:
        session = EditSession(store, store.create_form(sample()).id)
        session.edit("funds.other.initial", "1.5")
        assert session.form.funds.other.initial == Decimal("1.5")
        session.edit("funds.other.initial", "1.5万元")
        assert session.form.funds.other.initial == Decimal(15000)


def test_a_sheet_handed_over_is_in_the_unit_asked_for_else_the_one_the_user_sees():
    from core.money import YUAN, export_money, money_unit

    wan = money_format("万元", 4)
    assert export_money(None, YUAN) == money_format("元")
    assert export_money(None, wan) == money_format("万元")  # a printed form's decimals
    assert export_money("wan", YUAN) == export_money(" 万 ", YUAN) == money_format("万元")
    update_settings(money_unit="万元")
    assert export_money(None, YUAN).unit == "万元"
    assert export_money("元", YUAN).unit == "元"  # asked for wins over the setting
    assert [money_unit(name) for name in (None, "元", "yuan", "万元", "万", "WAN")] == [
        None,
        "元",
        "元",
        "万元",
        "万元",
        "万元",
    ]
    with pytest.raises(InputError, match="金额单位应为 元 或 万元，收到“千元”"):
        money_unit("千元")
