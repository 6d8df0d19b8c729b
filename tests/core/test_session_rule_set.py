"""Choosing a form's rule set in an edit session: rescored at once, amounts in its unit, the
budget weight that followed the old rule set following the new one, recorded in history."""

from __future__ import annotations

from decimal import Decimal

from core.rules import load_rule_set, shipped_rule_sets
from core.session import EditSession
from core.settings import update_settings
from tests.store.helpers import open_store, sample


def test_every_shipped_rule_set_has_a_chinese_title_and_description_default_first():
    rule_sets = shipped_rule_sets()
    assert rule_sets[0].name == "national-2020"
    assert {r.name for r in rule_sets} >= {"budget-20", "execution-caps", "deviation-deduct"}
    for rules in rule_sets:
        assert rules.title and rules.description, rules.name
        assert any("\u4e00" <= c <= "\u9fff" for c in rules.description), rules.name
    assert len({r.description for r in rule_sets}) == len(rule_sets), "each says its own"


def test_another_rule_set_rescores_and_is_written_with_history(tmp_path):
    with open_store(tmp_path) as store:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        assert session.card.weight_total == Decimal(100)
        session.edit("rule_set", "budget-20")
        assert session.rules.name == "budget-20" and session.card.rule_set == "budget-20"
        assert session.form.budget_weight == Decimal(20), "the weight follows the rule set"
        assert session.card.indicator_scale == Decimal("0.8")
        assert session.write().refused == ()
        stored = store.get_form(form_id).form
        assert (stored.rule_set, stored.budget_weight) == ("budget-20", Decimal(20))
        paths = [change.path for change in store.history(form_id)]
        assert "rule_set" in paths and "budget_weight" in paths
        assert EditSession(store, form_id).rules.name == "budget-20"


def test_a_weight_of_the_units_own_stays(tmp_path):
    with open_store(tmp_path) as store:
        form = sample().model_copy(update={"budget_weight": Decimal(15)})
        session = EditSession(store, store.create_form(form).id)
        session.edit("rule_set", "budget-20")
        assert session.form.budget_weight == Decimal(15)


def test_the_money_unit_follows_the_rule_set_unless_the_user_chose_one(tmp_path, monkeypatch):
    wan = load_rule_set("national-2020").model_copy(
        update={"money": load_rule_set().money.model_copy(update={"unit": "万元"})}
    )
    real = load_rule_set

    def rule_sets(name=None):
        return wan if name == "wan" else real(name)

    monkeypatch.setattr("core.session.load_rule_set", rule_sets)
    with open_store(tmp_path) as store:
        session = EditSession(store, store.create_form(sample()).id)
        assert session.money.unit == "元"
        session._use_rules(rule_sets("wan"))
        assert session.money.unit == "万元"
        update_settings(money_unit="元")
        session._use_rules(rule_sets("wan"))
        assert session.money.unit == "元"


def test_an_unknown_rule_set_is_named_in_chinese_and_nothing_changes(tmp_path):
    with open_store(tmp_path) as store:
        form_id = store.create_form(sample()).id
        session = EditSession(store, form_id)
        session.edit("rule_set", "no-such")
        assert session.errors["rule_set"].startswith("规则集：没有名为“no-such”的规则集")
        assert session.rules.name == "national-2020"
        assert session.card.errors, "it blocks 定稿 like any text not accepted"
        session.write()
        assert store.get_form(form_id).form.rule_set is None
