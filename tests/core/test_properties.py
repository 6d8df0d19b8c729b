"""Properties that hold for any input: parsing fails only with our own error, scores stay in
their weights, totals are sums of their parts, and JSON round-trips."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.decimals import round_half_up
from core.errors import InputError
from core.interchange import form_to_json, parse_form
from core.model import Form
from core.numbers import parse_amount, parse_number
from core.rules import available_rule_sets, load_rule_set
from core.scoring import UNGRADED, score_form
from core.targets import parse_quantity, parse_target

RULES = load_rule_set()
# what a form field may hold: no controls, surrogates or format characters (bidi, zero-width)
form_text = st.characters(exclude_categories=("Cc", "Cs", "Cf"))
typed_text = st.text(
    alphabet=st.sampled_from(list("0123456789０１２３.,，。 %％元万亿天份<>=≥≤-+e_提高良好优差")),
    max_size=20,
) | st.text(max_size=30)


@given(typed_text)
def test_amount_parsing_raises_only_input_error(text):
    try:
        amount = parse_amount(text)
    except InputError:
        return
    assert amount >= 0
    assert -amount.as_tuple().exponent <= 2 or amount == amount.to_integral_value()


@given(typed_text)
def test_number_and_target_parsing_raise_only_input_error(text):
    for parse in (parse_number, parse_target):
        try:
            parse(text)
        except InputError:
            pass
    parse_quantity(text)


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=2))
def test_amount_with_thousands_separators_reads_back(amount):
    assert parse_amount(f"{amount:,.2f}") == amount


money = st.decimals(min_value=0, max_value=Decimal("1e9"), places=2).map(str)
weights = st.decimals(min_value=Decimal("0.5"), max_value=40, places=1)
targets = st.sampled_from(
    [">=95%", "≥85%", "=100%", "100%", "<=5%", "≤3天", "≥4篇", "=0", "≤0起", "提高", "良好", "下降"]
)
actuals = st.sampled_from(["100", "98", "90", "0", "8%", "3篇", "2天", "提高", "良好", "一般", ""])
taxonomy = [(level.name, level2) for level in RULES.levels for level2 in level.level2]


@st.composite
def indicators(draw):
    level1, level2 = draw(st.sampled_from(taxonomy))
    weight = draw(weights)
    score = draw(st.none() | st.decimals(min_value=0, max_value=weight, places=2))
    return {
        "level1": level1,
        "level2": level2,
        "name": draw(st.text(form_text, min_size=1, max_size=12)),
        "target": draw(targets),
        "actual": draw(actuals),
        "weight": str(weight),
        "score": None if score is None else str(score),
        "deviation": draw(st.sampled_from(["", "受疫情影响"])),
    }


@st.composite
def forms(draw):
    row = lambda: {"initial": draw(money), "annual": draw(money), "executed": draw(money)}  # noqa: E731
    return Form.model_validate(
        {
            "year": draw(st.integers(2000, 2100)),
            "project": draw(st.text(form_text, max_size=20)),
            "department": draw(st.text(form_text, max_size=20)),
            "implementer": draw(st.text(form_text, max_size=20)),
            "funds": {name: row() for name in ("total", "fiscal", "carryover", "other")},
            "budget_weight": "10",
            "budget_score": draw(st.none() | st.sampled_from(["10", "8.5", "0"])),
            "goals": {
                "expected": draw(st.text(form_text, max_size=30)),
                "actual": draw(st.text(form_text, max_size=30)),
            },
            "indicators": draw(st.lists(indicators(), max_size=12)),
        }
    )


settings.register_profile("forms", suppress_health_check=[HealthCheck.too_slow], max_examples=150)


@settings(settings.get_profile("forms"))
@given(forms())
def test_no_suggested_score_exceeds_its_weight(form):
    card = score_form(form, RULES)
    for indicator, result in zip(form.indicators, card.indicators, strict=True):
        if result.suggested is not None:
            assert 0 <= result.suggested <= indicator.weight
    if card.budget.suggested is not None:
        assert 0 <= card.budget.suggested <= card.budget.weight


@settings(settings.get_profile("forms"))
@given(forms())
def test_total_is_the_sum_of_its_parts(form):
    card = score_form(form, RULES)
    parts = card.budget.effective + sum((r.effective for r in card.indicators), Decimal(0))
    assert card.total == parts
    assert sum((level.score for level in card.levels), Decimal(0)) == parts - card.budget.effective
    if card.total <= 100:
        assert card.grade == RULES.grade_for(card.total)
    else:  # never 优 until the weights are put right, and an error says why
        assert card.grade == UNGRADED
        assert any("超过满分 100" in f.message for f in card.errors)
    weights = sum((i.weight for i in form.indicators), card.budget.weight)
    assert card.weight_total == weights


@settings(settings.get_profile("forms"))
@given(forms())
def test_json_round_trips(form):
    assert parse_form(form_to_json(form)) == form


@settings(settings.get_profile("forms"))
@given(forms(), st.sampled_from(available_rule_sets()))
def test_every_rule_set_scales_caps_and_grades_the_same_way(form, name):
    rules = load_rule_set(name)
    card = score_form(form, rules)
    rows = sum((r.effective for r in card.indicators), Decimal(0))
    scaled = rows if rules.indicator_scale == 1 else round_half_up(rows * rules.indicator_scale)
    assert card.uncapped_total == card.budget.effective + scaled
    cap = rules.budget.cap_for(card.budget.rate)
    assert card.total_cap == cap
    assert card.total == (card.uncapped_total if cap is None else min(card.uncapped_total, cap))
    if card.total <= rules.full_marks:
        assert card.grade == rules.grade_for(card.total)
    else:
        assert card.grade == UNGRADED
