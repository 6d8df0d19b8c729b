"""Compare: a form beside the same project's form of the year before, differences marked.

Indicators are matched by (一级, 二级, 三级 name); a row found in one year only is 新增 or 删除.
Every cell shows last year's value over this year's, and a changed value stands out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Header, Static

from core.checks import FUND_COLUMN_LABELS
from core.decimals import format_decimal, format_plain
from core.labels import FUND_ROW_PAPER_LABELS as FUND_ROW_LABELS
from core.labels import INDICATOR_LABELS
from core.model import FUND_COLUMNS, FUND_ROWS, Form, Indicator
from core.money import YUAN, MoneyFormat, shown_money
from core.safetext import safe_text, terminal_safe
from core.store import Store, StoredForm
from tui.commands import PaletteCommand
from tui.widgets.footer import KeyFooter

CHANGED = "bold black on yellow"
ADDED = "bold green"
REMOVED = "bold red"
MISSING = "—"
EMPTY = "（空）"
INDICATOR_FIELDS = tuple(
    (field, INDICATOR_LABELS[field]) for field in ("target", "actual", "weight", "score")
)


@dataclass(frozen=True)
class IndicatorPair:
    """One 三级指标 as it stood last year (``old``) and stands this year (``new``)."""

    old: Indicator | None
    new: Indicator | None

    @property
    def key(self) -> tuple[str, str, str]:
        row = self.new or self.old
        assert row is not None
        return (row.level1, row.level2, row.name)


def _key(indicator: Indicator) -> tuple[str, str, str]:
    return (indicator.level1, indicator.level2, indicator.name.strip())


def pair_indicators(old: list[Indicator], new: list[Indicator]) -> list[IndicatorPair]:
    """This year's rows in order, each with last year's row of the same key; then each row of
    last year that has no match, placed after the last row of its 二级指标 (or at the end)."""
    unmatched = list(old)
    pairs: list[IndicatorPair] = []
    for row in new:
        match = next((o for o in unmatched if _key(o) == _key(row)), None)
        if match is not None:
            unmatched.remove(match)
        pairs.append(IndicatorPair(match, row))
    for row in unmatched:
        group = (row.level1, row.level2)
        positions = [n for n, pair in enumerate(pairs) if pair.key[:2] == group]
        position = positions[-1] + 1 if positions else len(pairs)
        pairs.insert(position, IndicatorPair(row, None))
    return pairs


def _indicator_value(indicator: Indicator | None, field: str) -> str | None:
    if indicator is None:
        return None
    value = getattr(indicator, field)
    if field in ("weight", "score"):
        return format_plain(value)
    return value


def two_years(old: str | None, new: str | None, *, justify: str = "left") -> Text:
    """Last year's value (dim) over this year's; this year's highlighted when it differs."""
    changed = old is not None and new is not None and old != new
    empty = EMPTY if changed else " "
    cell = Text(justify=justify)  # type: ignore[arg-type]
    cell.append(MISSING if old is None else (old or empty), style="dim")
    cell.append("\n")
    cell.append(MISSING if new is None else (new or empty), style=CHANGED if changed else "")
    return cell


def side_by_side(before: str, after: str) -> tuple[Text, Text]:
    """Two cells of a row; this year's marked when it differs, an emptied value shown as such."""
    if before == after:
        return safe_text(before), safe_text(after)
    return safe_text(before), safe_text(after or EMPTY, style=CHANGED)


def _table(title: str) -> Table:
    return Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=box.SQUARE,
        show_lines=True,
        expand=True,
    )


def header_table(old: StoredForm, new: StoredForm) -> Table:
    """项目名称, units, 总分 and 等级 of both years."""
    table = _table("基本信息")
    table.add_column("", no_wrap=True)
    table.add_column(Text(f"{old.form.year} 年度"), ratio=1, overflow="fold")
    table.add_column(Text(f"{new.form.year} 年度"), ratio=1, overflow="fold")
    rows = [
        ("项目名称", old.form.project, new.form.project),
        ("主管部门", old.form.department, new.form.department),
        ("实施单位", old.form.implementer, new.form.implementer),
        ("总分", format_decimal(old.scorecard.total), format_decimal(new.scorecard.total)),
        ("等级", old.scorecard.grade, new.scorecard.grade),
    ]
    for label, before, after in rows:
        table.add_row(Text(label), *side_by_side(before, after))
    return table


def funds_table(old: Form, new: Form, money: MoneyFormat = YUAN) -> Table:
    """项目资金 in ``money``'s unit, every cent kept: each cell last year over this year."""
    table = _table(f"{money.heading}  上行：上一年度  下行：本年度")
    table.add_column("", no_wrap=True)
    for column in FUND_COLUMNS:
        table.add_column(FUND_COLUMN_LABELS[column], justify="right", no_wrap=True)
    for row in FUND_ROWS:
        old_row, new_row = getattr(old.funds, row), getattr(new.funds, row)
        cells = [
            two_years(
                money.exact(getattr(old_row, column)),
                money.exact(getattr(new_row, column)),
                justify="right",
            )
            for column in FUND_COLUMNS
        ]
        table.add_row(Text(FUND_ROW_LABELS[row]), *cells)
    return table


def goals_table(old: Form, new: Form) -> Table:
    """年度总体目标 of both years side by side."""
    table = _table("年度总体目标")
    table.add_column("", no_wrap=True)
    table.add_column(Text(f"{old.year} 年度"), ratio=1, overflow="fold")
    table.add_column(Text(f"{new.year} 年度"), ratio=1, overflow="fold")
    for label, field in (("预期目标", "expected"), ("实际完成情况", "actual")):
        before, after = getattr(old.goals, field), getattr(new.goals, field)
        table.add_row(Text(label), *side_by_side(before, after))
    return table


def indicators_table(old: Form, new: Form) -> Table:
    """绩效指标 matched by name: last year over this year, 新增 and 删除 marked."""
    table = _table("绩效指标  上行：上一年度  下行：本年度")
    # Every column keeps a width its values can be read in (a target is never printed one
    # character a line); below that the screen scrolls sideways (CompareScreen).
    table.add_column("一级指标", ratio=1, min_width=6, overflow="fold")
    table.add_column("二级指标", ratio=1, min_width=6, overflow="fold")
    table.add_column("三级指标", ratio=2, min_width=10, overflow="fold")
    table.add_column("", no_wrap=True, min_width=4)
    for _, label in INDICATOR_FIELDS:
        right = label in ("分值", "得分")
        table.add_column(
            label,
            justify="right" if right else "left",
            ratio=None if right else 1,
            min_width=None if right else 8,
            overflow="fold",
            no_wrap=right,
        )
    for pair in pair_indicators(list(old.indicators), list(new.indicators)):
        level1, level2, name = pair.key
        if pair.old is None:
            mark = Text("新增", style=ADDED)
        elif pair.new is None:
            mark = Text("删除", style=REMOVED)
        else:
            mark = Text("")
        cells = [
            two_years(
                _indicator_value(pair.old, field),
                _indicator_value(pair.new, field),
                justify="right" if field in ("weight", "score") else "left",
            )
            for field, _ in INDICATOR_FIELDS
        ]
        name_style = ADDED if pair.old is None else REMOVED if pair.new is None else ""
        table.add_row(Text(level1), Text(level2), Text(name, style=name_style), mark, *cells)
    return table


def comparison(old: StoredForm, new: StoredForm) -> RenderableType:
    """The whole comparison as one renderable; amounts in the unit this year's form shows them
    in (its rule set's, or the user's own setting), as the form screen does."""
    money = shown_money(new.scorecard.money)
    return Group(
        header_table(old, new),
        funds_table(old.form, new.form, money),
        goals_table(old.form, new.form),
        indicators_table(old.form, new.form),
    )


class CompareScreen(Screen[None]):
    """A form beside the previous year's form of the same project."""

    HELP_TITLE = "与上一年度对比"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "返回", id="compare.back", tooltip="回到上一页"),
    ]

    def __init__(self, store: Store, form_id: int) -> None:
        super().__init__()
        self.store = store
        self.current = store.get_form(form_id)
        self.previous = store.previous_form(form_id)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._banner(), id="banner")
        with ScrollableContainer(id="comparison"):
            if self.previous is None:
                yield Static(self._nothing_to_compare(), id="no-previous")
            else:
                yield Static(comparison(self.previous, self.current), id="compare-tables")
        yield KeyFooter()

    def _banner(self) -> Text:
        form = self.current.form
        banner = Text("对比：", style="bold")
        banner.append(terminal_safe(form.project, keep_newlines=False) or "（未填项目名称）")
        if self.previous is not None:
            banner.append(f"  {self.previous.form.year} 年度 → {form.year} 年度")
        return banner

    def _nothing_to_compare(self) -> Text:
        form = self.current.form
        text = Text("没有可对比的上一年度表单：存储中没有“")
        text.append(terminal_safe(form.project, keep_newlines=False))
        text.append(
            f"”（{form.implementer}）的 {form.year - 1} 年度表单，本表也不是由其他表单复制而来。"
        )
        return text

    def on_mount(self) -> None:
        self.sub_title = "对比上一年度"
        self.query_one("#comparison", ScrollableContainer).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list[PaletteCommand]:
        """Everything the compare screen can do, for the command palette."""
        return [PaletteCommand("导航: 返回", "回到上一页", self.action_back)]
