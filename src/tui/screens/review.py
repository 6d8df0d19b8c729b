"""Review: one form read-only, in the paper form's layout, with its scores and findings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer
from textual.screen import Screen
from textual.widgets import Header, Static

from core.errors import JixiaoError
from core.money import shown_money
from core.render import paper_table
from core.report import findings_view
from core.safetext import terminal_safe
from core.scoring import in_unit
from core.store import Store
from core.vocabulary import STATUS_LABELS
from tui.commands import PaletteCommand
from tui.navigation import Navigator, navigator
from tui.screens.modals import ConfirmModal, TextPromptModal, reason_problem
from tui.shown import one_line
from tui.widgets.footer import KeyFooter
from tui.widgets.score_panel import ScorePanel


class ReviewScreen(Screen[None]):
    """A final form, or a form of an earlier year, shown read-only."""

    HELP_TITLE = "复核（只读）"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: what opens a screen runs before the keys typed after it are read.
        Binding(
            "v",
            "compare",
            "对比上一年度",
            priority=True,
            id="review.compare",
            tooltip="与上一年度的表单并排对比",
        ),
        Binding(
            "c",
            "clone",
            "复制到下一年度",
            priority=True,
            id="review.clone",
            tooltip="以本表为底稿新建下一年度",
        ),
        Binding(
            "r",
            "reopen",
            "退回修改",
            priority=True,
            id="review.reopen",
            tooltip="重新打开以修改（需填写原因）",
        ),
        Binding(
            "e",
            "export",
            "导出",
            priority=True,
            id="review.export",
            tooltip="导出为 JSON、文本、HTML 或 SVG",
        ),
        Binding(
            "s", "toggle_panel", "评分面板", id="review.panel", tooltip="显示或隐藏右侧评分面板"
        ),
        Binding("escape", "back", "返回", id="review.back", tooltip="回到上一页"),
    ]
    NARROW = 130
    """Below this width the paper layout needs every column; the score panel waits for ``s``."""

    def __init__(self, store: Store, form_id: int) -> None:
        super().__init__()
        self.store = store
        self.form_id = form_id
        self.stored = store.get_form(form_id)

    @property
    def navigator(self) -> Navigator:
        return navigator(self)

    def compose(self) -> ComposeResult:
        stored = self.stored
        card = in_unit(stored.form, stored.scorecard, shown_money(stored.scorecard.money))
        yield Header()
        yield Static(self._banner(), id="banner")
        with Horizontal(id="review-body"):
            with ScrollableContainer(id="paper"):
                yield Static(paper_table(stored.form, card, locks=True), id="paper-table")
                findings = findings_view(stored.form, card, paths=False)
                yield Static(findings, id="findings")
            panel = ScorePanel(id="score-panel")
            panel.scorecard = card
            yield panel
        yield KeyFooter()

    def _banner(self) -> Text:
        form = self.stored.form
        reason = STATUS_LABELS["final"] if self.stored.status == "final" else "往年表单"
        banner = Text(f"只读：{reason}  ", style="bold")
        banner.append(f"{form.year} 年度 · ", style="")
        banner.append(terminal_safe(form.project, keep_newlines=False) or "（未填项目名称）")
        banner.append(" · ")
        banner.append(terminal_safe(form.implementer, keep_newlines=False) or "（未填实施单位）")
        return banner

    def on_mount(self) -> None:
        self.sub_title = f"复核 · {self.stored.form.year} 年度"
        self.query_one("#paper", ScrollableContainer).focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "narrow")

    def action_toggle_panel(self) -> None:
        self.toggle_class("panel-toggled")

    def action_back(self) -> None:
        self.app.pop_screen()

    async def action_compare(self) -> None:
        from tui.screens.compare import CompareScreen

        await self.app.push_screen(CompareScreen(self.store, self.form_id))

    async def action_clone(self) -> None:
        try:
            clone = self.store.clone_to_year(self.form_id)
        except JixiaoError as exc:
            self.notify(str(exc), title="无法复制", severity="error", markup=False)
            return
        self.notify(
            f"已复制为 {clone.form.year} 年度“{one_line(clone.form.project)}”", markup=False
        )
        await self.app.pop_screen()
        await self.navigator.open_form(clone.id)

    async def action_reopen(self) -> None:
        if self.stored.status == "final":
            await self.app.push_screen(
                TextPromptModal(
                    "退回修改：请填写原因（将记入修改历史）",
                    then=self._reopen_with,
                    validate=reason_problem,
                )
            )
        else:
            await self.app.push_screen(
                ConfirmModal(
                    "这是往年的表单，已有更新年度的表单。仍要修改它吗？",
                    then=self._edit_if,
                    default=False,
                )
            )

    async def _reopen_with(self, reason: str | None) -> None:
        if not reason:
            return
        try:
            self.store.reopen(self.form_id, reason)
        except JixiaoError as exc:
            self.notify(str(exc), title="无法退回修改", severity="error", markup=False)
            return
        self.notify("已退回修改，表单恢复为草稿", markup=False)
        await self._edit()

    async def _edit_if(self, edit: bool | None) -> None:
        if edit:
            await self._edit()

    async def _edit(self) -> None:
        await self.app.pop_screen()
        await self.navigator.edit_form(self.form_id)

    async def action_export(self) -> None:
        from tui.screens.home import ask_export

        form = self.stored.form
        await ask_export(self, self.form_id, form.year, form.project)

    def palette_commands(self) -> list[PaletteCommand]:
        """Everything the review screen can do, for the command palette."""
        return [
            PaletteCommand("表单: 对比上一年度", "与上一年度的表单并排对比", self.action_compare),
            PaletteCommand("表单: 复制到下一年度", "以本表为底稿", self.action_clone),
            PaletteCommand("表单: 退回修改", "重新打开以修改（需填写原因）", self.action_reopen),
            PaletteCommand("表单: 导出", "导出为 JSON、文本、HTML 或 SVG", self.action_export),
            PaletteCommand("显示: 评分面板", "显示或隐藏右侧评分面板", self.action_toggle_panel),
            PaletteCommand("导航: 返回", "回到上一页", self.action_back),
        ]
