"""Step 5, 复核: the findings (Enter jumps to the field), the form in the paper's layout, 定稿.

The paper view takes the width there is (up to the paper's 110 columns), never less than its
columns can be read in (77), and scrolls sideways below that rather than squeezing a target
into a column one character wide.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.message import Message
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from core.findings import Finding
from core.model import Form
from core.render import paper_table
from core.report import finding_line
from core.scoring import Scorecard


def paper_view(form: Form, card: Scorecard) -> RenderableType:
    """The whole form as the paper prints it (the renderer of `jixiao show`)."""
    return paper_table(form, card, locks=True)


class ReviewStep(Vertical):
    """复核 and 定稿."""

    DEFAULT_CSS = """
    ReviewStep #review-head { height: 1; }
    ReviewStep #review-head Label { width: 1fr; }
    ReviewStep #finalize { min-width: 14; height: 1; border: none; margin-left: 1; }
    ReviewStep #findings { height: auto; max-height: 40%; }
    ReviewStep #paper { height: 1fr; }
    ReviewStep #paper-table { width: 100%; min-width: 77; max-width: 110; }
    """

    class FindingChosen(Message):
        """Enter on a finding: go to its field."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    class FinalizeAsked(Message):
        """The 定稿 button was pressed."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._paths: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-head"):
            yield Label("", id="review-summary")
            yield Button("定稿 (F9)", id="finalize", variant="primary", compact=True)
        yield OptionList(id="findings")
        with ScrollableContainer(id="paper"):
            yield Static("", id="paper-table")

    def show(self, form: Form, card: Scorecard, findings: Iterable[Finding] | None = None) -> None:
        """Rewrite the findings list (the scorecard's, unless others are given) and the paper
        view."""
        findings = list(card.findings if findings is None else findings)
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        summary = f"错误 {errors} 个　警告 {warnings} 个"
        summary += "　（有错误时不能定稿）" if errors else "　可以定稿"
        self.query_one("#review-summary", Label).update(Text(summary))
        options = self.query_one("#findings", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        self._paths = [f.path for f in findings]
        if findings:
            options.add_options(Option(finding_line(f, form, path=False)) for f in findings)
            options.highlighted = min(highlighted or 0, len(findings) - 1)
        else:
            options.add_option(Option(Text("没有发现问题"), disabled=True))
        self.query_one("#paper-table", Static).update(paper_view(form, card))

    def highlighted_path(self) -> str | None:
        """The field of the finding under the cursor, if any."""
        index = self.query_one("#findings", OptionList).highlighted
        return self._paths[index] if index is not None and index < len(self._paths) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._paths):
            self.post_message(self.FindingChosen(self._paths[event.option_index]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.FinalizeAsked())
