"""总分 as the form has it: the weights' sum on its line, a total above 100, the printed 总分."""

import io
from decimal import Decimal

from rich.console import Console

from core.money import MoneyFormat, format_money_in, money_format
from core.render import paper_table
from core.report import score_table, scorecard_data
from core.scoring import UNGRADED, score_form
from tests.core.builders import form, indicator


def plain(renderable) -> str:
    console = Console(width=120, file=io.StringIO(), color_system=None, highlight=False)
    console.print(renderable)
    return console.file.getvalue()


def rows(*weights: str) -> list:
    return [indicator("=100%", "100", w, w, name=f"指标{n}") for n, w in enumerate(weights)]


def test_the_total_line_shows_the_weights_the_form_has():
    card = score_form(form(rows("50", "30", "20")))  # 10 + 100 = 110
    assert card.weight_total == Decimal(110)
    text = plain(paper_table(form(rows("50", "30", "20")), card))
    assert "总分 110" in text and "总分 100" not in text
    table = plain(score_table(form(rows("50", "30", "20")), card))
    assert "110" in table.split("总分", 1)[1].splitlines()[0]


def test_a_total_above_100_is_an_error_and_is_not_graded_excellent():
    card = score_form(form(rows("50", "30", "20")))
    assert card.total == Decimal(110)
    assert card.grade == UNGRADED
    messages = [f.message for f in card.errors]
    assert "总分 110.00 超过满分 100：请核对各项分值与得分；改正前不评定等级" in messages
    assert any(m.startswith("分值合计应为 100") for m in messages)  # the weights, on their own


def test_weights_of_90_show_90_and_keep_their_grade():
    card = score_form(form(rows("40", "30", "20")))
    assert card.weight_total == Decimal(100) and card.grade == "优"
    lost = score_form(form(rows("40", "30", "10")))
    assert lost.weight_total == Decimal(90) and lost.total == Decimal(90) and lost.grade == "优"


def test_a_stated_total_that_differs_is_a_warning_quoting_both():
    card = score_form(form(rows("40", "30", "20"), stated_total="98"))
    warnings = [f for f in card.warnings if f.path == "stated_total"]
    assert [f.message for f in warnings] == [
        "表上所填总分 98 与各项得分合计 100.00 不一致（以各项得分合计为准）"
    ]
    same = score_form(form(rows("40", "30", "20"), stated_total="100.00"))
    assert not [f for f in same.findings if f.path == "stated_total"]


def test_check_json_keeps_its_shape_and_adds_the_weights():
    data = scorecard_data(score_form(form(rows("40", "30", "20"))))
    assert data["total"] == "100.00" and data["grade"] == "优" and data["weights"] == "100.00"
    over = scorecard_data(score_form(form(rows("50", "30", "20"))))
    assert (over["weights"], over["total"], over["grade"]) == ("110.00", "110.00", "待定")


def test_money_in_a_unit():
    amount = Decimal("3852396.53")
    assert format_money_in(amount) == "3,852,396.53"
    assert format_money_in(amount, "万元") == "385.24"
    assert format_money_in(amount, "万元", 4) == "385.2397"
    wan = money_format("万元")
    assert wan.exact(amount) == "385.239653" and wan.exact(Decimal("75248")) == "7.5248"
    assert wan.with_unit(Decimal("103000")) == "10.30 万元"
    assert MoneyFormat().with_unit(Decimal("103000")) == "103,000.00 元"
    assert wan.heading == "项目资金（万元）"


def test_amounts_typed_where_万元_is_shown():
    wan = money_format("万元")
    assert wan.parse("7.5248") == Decimal("75248")
    assert wan.parse("75248元") == Decimal("75248")
    assert wan.parse("7.5248万") == Decimal("75248")
    assert MoneyFormat().parse("7.5248万元") == Decimal("75248")
