"""The score panel shows the scorecard it is given; user text in it stays text."""

from __future__ import annotations

from decimal import Decimal

from textual.app import App, ComposeResult

from core.decimals import format_decimal
from core.edit import set_field
from core.scoring import score_form
from tui.widgets.score_panel import ScorePanel

from .form_helpers import sample


def panel_text(panel: ScorePanel) -> str:
    """What the panel draws on the screen."""
    return "\n".join(shown_lines(panel))


def shown_lines(panel: ScorePanel) -> list[str]:
    """What the panel draws on the screen, line by line."""
    return [
        panel.render_line(y).text.rstrip() for y in range(panel.scrollable_content_region.height)
    ]


class PanelApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ScorePanel()


async def test_the_panel_shows_what_it_is_given() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 24)):
        panel = app.query_one(ScorePanel)
        assert "尚无评分" in panel_text(panel)
        form = set_field(sample(), "funds.total.executed", "64000")
        panel.scorecard = score_form(form)
        text = panel_text(panel)
        assert "85.05%" in text and "8.51" in text
        assert "总分" in text and "100.00" in text and "优" in text  # the entered 10 stands
        for line in ("产出指标", "50.00/50", "效益指标", "30.00/30", "满意度指标", "10.00/10"):
            assert line in text
        assert "错误" in text and "警告" in text


async def test_a_level_name_with_markup_shows_as_typed() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 24)):
        panel = app.query_one(ScorePanel)
        form = set_field(sample(), "indicators[0].level1", "[bold]自定[/]")
        card = score_form(form)
        assert any(level.name == "[bold]自定[/]" for level in card.levels)
        panel.scorecard = card
        await app.workers.wait_for_complete()
        assert "[bold]自定[/]" in panel_text(panel)
        assert card.budget.entered == Decimal(10)


async def test_the_screen_shows_the_lines_and_a_new_card_redraws_only_what_changed() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 24)) as pilot:
        panel = app.query_one(ScorePanel)
        form = sample()
        panel.scorecard = score_form(form)
        await pilot.pause()
        before = shown_lines(panel)
        assert any(line.startswith("总分") and line.endswith("100.00/100") for line in before)
        assert all(len(line) <= 28 for line in before)
        refreshed: list[int] = []
        panel.refresh_line = refreshed.append  # type: ignore[method-assign]
        panel.scorecard = score_form(set_field(form, "indicators[0].score", "5"))
        after = shown_lines(panel)
        assert refreshed == [
            y for y, (a, b) in enumerate(zip(before, after, strict=True)) if a != b
        ]
        assert any(line.startswith("总分") and not line.endswith("100.00/100") for line in after)
        assert 0 < len(refreshed) <= 5  # the row's 一级指标, 总分, 等级, the counts of findings


async def test_the_total_stands_over_the_weights_core_adds_up() -> None:
    """分值合计 is core's (Scorecard.weight_total): 110 where the rows add up to 110."""
    app = PanelApp()
    async with app.run_test(size=(40, 30)):
        panel = app.query_one(ScorePanel)
        form = set_field(sample(), "indicators[0].weight", str(sample().indicators[0].weight + 10))
        card = score_form(form)
        assert card.weight_total == Decimal(110)
        panel.scorecard = card
        assert "/110" in panel_text(panel)


async def test_a_scaled_rule_set_and_a_cap_by_execution_rate_are_shown() -> None:
    app = PanelApp()
    async with app.run_test(size=(40, 30)):
        panel = app.query_one(ScorePanel)
        scaled = set_field(sample(), "rule_set", "budget-20")
        panel.scorecard = score_form(scaled)
        assert "绩效指标 × 0.8" in panel_text(panel)
        capped = set_field(
            set_field(sample(), "rule_set", "execution-caps"), "funds.total.executed", "40000"
        )
        card = score_form(capped)
        assert card.total_cap == Decimal(69) and card.uncapped_total > card.total
        panel.scorecard = card
        text = panel_text(panel)
        assert "执行率封顶" in text and "≤ 69" in text
        assert "各项合计" in text and format_decimal(card.uncapped_total) in text
        assert "69.00/100" in text


async def test_the_panel_takes_the_colours_of_another_theme() -> None:
    """The panel looks its colours up once, and again whenever its styles change."""
    app = PanelApp()
    async with app.run_test(size=(40, 24)) as pilot:
        panel = app.query_one(ScorePanel)
        panel.scorecard = score_form(sample())
        before = next(iter(panel.render_line(0))).style.bgcolor
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = next(iter(panel.render_line(0))).style.bgcolor
        assert after == panel.rich_style.bgcolor
        assert after != before
