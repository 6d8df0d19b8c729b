"""One stored form being edited: what was typed, what is written, what could not be accepted.

An editor (the TUI's form screen) hands every edit to ``edit`` and asks for ``write`` when a field
is left or typing pauses. The session keeps the form as edited (valid fields only), the scorecard
of it, the text that could not be accepted (written as pending input, so it survives a restart and
blocks finalising), and the revision the store last returned, so that a change made elsewhere is
detected and reloaded instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.edit import get_field, set_field
from core.errors import FieldInputError, InputError, RuleSetError
from core.labels import field_label
from core.model import Form, Indicator
from core.money import MoneyFormat, shown_money
from core.rules import RuleSet, available_rule_sets, load_rule_set
from core.scoring import Scorecard, Scored, score_form
from core.store import ConflictError, FinalFormError, Store, StoredForm

RULE_SET = "rule_set"
BUDGET_WEIGHT = "budget_weight"


@dataclass(frozen=True)
class WriteOutcome:
    """What became of a write, for the editor to tell the user."""

    conflict: tuple[str, ...] | None = None
    """fields changed elsewhere: nothing more was written and the session has reloaded"""
    final: bool = False
    """the form was finalised elsewhere: nothing was written"""
    refused: tuple[str, ...] = ()
    """fields the store refused (now in ``errors``)"""

    @property
    def reloaded(self) -> bool:
        return self.conflict is not None


@dataclass(frozen=True)
class Undo:
    """How to take back one change of the form's structure."""

    what: str
    """what is taken back, for the notice: “删除第 3 行”"""
    operation: Callable[[int], StoredForm]
    """the inverse store operation, given the revision it applies to"""
    row: int
    """the row to show once it is taken back"""
    edits: int
    """the session's count of field edits when the change was made"""


class EditSession:
    """The editing state of one stored form."""

    def __init__(self, store: Store, form_id: int) -> None:
        self.store = store
        self.form_id = form_id
        stored = store.get_form(form_id)
        self.form: Form = stored.form
        """the form as edited so far, valid fields only"""
        self.rules: RuleSet = load_rule_set(self.form.rule_set)
        """the rule set the form names (chosen by editing ``rule_set``)"""
        self.money: MoneyFormat = shown_money(self.rules.money_format)
        """the unit amounts are shown and typed in: a bare number typed is in this unit"""
        self.pending: dict[str, str] = {}
        """text kept as typed in the store, by path"""
        self.bad_text: dict[str, str] = {}
        """text typed that cannot be accepted, by path"""
        self.errors: dict[str, str] = {}
        """the Chinese message of every field whose text cannot be accepted"""
        self._unwritten: dict[str, Any] = {}
        self._undo: list[Undo] = []
        self._edits = 0
        self._take(stored)
        self._scored: Scored | None = None
        self.card: Scorecard = self._rescore()

    # -- editing -----------------------------------------------------------------------------

    def edit(self, path: str, raw: Any) -> None:
        """One keystroke's worth: the form in memory and its scores; written by ``write``.

        An amount typed without a unit is in ``money``'s unit (7.5 is 75,000 元 where amounts
        show in 万元); 元 and 万 typed after it count as written.
        """
        self._edits += 1
        if path == RULE_SET:
            self._choose_rule_set(raw)
            return
        try:
            value = self._amount(path, raw)
        except InputError as exc:
            self._unwritten[path] = raw
            self.errors[path] = str(exc)
            self.bad_text[path] = _text(raw)
            self.card = self._rescore()
            return
        self._unwritten[path] = value
        try:
            self.form = set_field(self.form, path, value)
        except InputError as exc:
            self.errors[path] = str(exc)
            self.bad_text[path] = _text(raw)
        else:
            self.errors.pop(path, None)
            self.bad_text.pop(path, None)
        self.card = self._rescore()

    def _choose_rule_set(self, name: Any) -> None:
        """Score the form under another shipped rule set, amounts in its unit (unless the user
        chose one). A 预算执行 分值 that was the old rule set's follows to the new one's: it is
        no field the clerk types, and a weight left behind would only be warned about."""
        try:
            rules = load_rule_set(str(name or "") or None)
        except RuleSetError:
            known = "、".join(available_rule_sets())
            reason = f"没有名为“{name}”的规则集（已有：{known}）"
            self.errors[RULE_SET] = str(FieldInputError(field_label(RULE_SET, self.form), reason))
            self.bad_text[RULE_SET] = _text(name)
            self._unwritten[RULE_SET] = name
            self.card = self._rescore()
            return
        old = self.rules
        self.errors.pop(RULE_SET, None)
        self.bad_text.pop(RULE_SET, None)
        self.form = set_field(self.form, RULE_SET, rules.name)
        self._unwritten[RULE_SET] = rules.name
        if self.form.budget_weight == old.budget.weight != rules.budget.weight:
            self.form = set_field(self.form, BUDGET_WEIGHT, rules.budget.weight)
            self._unwritten[BUDGET_WEIGHT] = rules.budget.weight
        self._use_rules(rules)
        self.card = self._rescore()

    def _use_rules(self, rules: RuleSet) -> None:
        self.rules = rules
        self.money = shown_money(rules.money_format)

    def _amount(self, path: str, raw: Any) -> Any:
        """Typed text of an amount in 元 (a Decimal); anything else as it came."""
        if not path.startswith("funds.") or not isinstance(raw, str) or not raw.strip():
            return raw
        try:
            return self.money.parse(raw)
        except InputError as exc:
            raise FieldInputError(field_label(path, self.form), str(exc)) from None

    def is_unwritten(self, path: str | None = None) -> bool:
        """Whether the field (any field, without ``path``) has edits not yet written."""
        return path in self._unwritten if path is not None else bool(self._unwritten)

    # -- writing -----------------------------------------------------------------------------

    def write(self, path: str | None = None) -> WriteOutcome:
        """Write the edited fields (or one of them) to the store now."""
        refused: list[str] = []
        paths = [path] if path is not None else list(self._unwritten)
        for each in paths:
            if each not in self._unwritten:
                continue
            raw = self._unwritten.pop(each)
            try:
                self._write(each, raw)
            except ConflictError as conflict:
                self.reload()
                return WriteOutcome(conflict=conflict.paths, refused=tuple(refused))
            except FinalFormError:
                return WriteOutcome(final=True, refused=tuple(refused))
            except InputError as exc:
                self.errors[each] = str(exc)
                self.bad_text[each] = _text(raw)
                refused.append(each)
        return WriteOutcome(refused=tuple(refused))

    def _write(self, path: str, raw: Any) -> None:
        if path in self.errors:
            text = _text(raw)
            if self.pending.get(path) != text:
                self.store.set_pending_input(self.form_id, path, text)
                self.pending[path] = text
            return
        if get_field(self._stored, path) != get_field(self.form, path):
            self._take_revision(
                self.store.set_field(self.form_id, path, raw, revision=self._revision)
            )
        if path in self.pending:
            self.store.clear_pending_input(self.form_id, path)
            del self.pending[path]

    def change(self, operation: Callable[[int], StoredForm]) -> WriteOutcome:
        """A change of the form's structure (insert, delete or move a row), given the revision
        it applies to; the session takes the stored result as its form."""
        try:
            saved = operation(self._revision)
        except ConflictError as conflict:
            self.reload()
            return WriteOutcome(conflict=conflict.paths)
        except FinalFormError:
            return WriteOutcome(final=True)
        self._take(saved)
        self.card = self._rescore()
        return WriteOutcome()

    # -- rows ----------------------------------------------------------------------------------

    def insert_row(self, index: int, row: Indicator, *, undoable: bool = True) -> WriteOutcome:
        """Insert ``row`` as indicators[index]."""
        outcome = self.change(self._inserting(index, row))
        if undoable:
            self._remember(outcome, "新增的行", self._deleting(index), max(index - 1, 0))
        return outcome

    def delete_row(self, index: int, *, undoable: bool = True) -> WriteOutcome:
        """Delete indicators[index] (what was typed into it goes with it)."""
        removed = self.form.indicators[index]
        outcome = self.change(self._deleting(index))
        if undoable:
            name = f"“{removed.name}”" if removed.name else ""
            undo = self._inserting(index, removed)
            self._remember(outcome, f"删除的第 {index + 1} 行{name}", undo, index)
        return outcome

    def move_row(self, index: int, target: int) -> WriteOutcome:
        """Move indicators[index] to position ``target``."""
        outcome = self.change(self._moving(index, target))
        self._remember(outcome, "行的移动", self._moving(target, index), index)
        return outcome

    def can_undo(self) -> bool:
        """Whether the last change of the form was one of its structure (a field typed into
        since makes Ctrl+Z the field's own undo)."""
        return bool(self._undo) and self._undo[-1].edits == self._edits

    def undo(self) -> tuple[WriteOutcome, Undo] | None:
        """Take back the last change of the structure; None when there is none to take back."""
        if not self.can_undo():
            return None
        undo = self._undo.pop()
        return self.change(undo.operation), undo

    def _remember(
        self, outcome: WriteOutcome, what: str, operation: Callable[[int], StoredForm], row: int
    ) -> None:
        if not (outcome.final or outcome.reloaded):
            self._undo.append(Undo(what, operation, row, self._edits))

    def _inserting(self, index: int, row: Indicator) -> Callable[[int], StoredForm]:
        return lambda revision: self.store.insert_indicator(
            self.form_id, index, row, revision=revision
        )

    def _deleting(self, index: int) -> Callable[[int], StoredForm]:
        return lambda revision: self.store.delete_indicator(self.form_id, index, revision=revision)

    def _moving(self, index: int, target: int) -> Callable[[int], StoredForm]:
        return lambda revision: self.store.move_indicator(
            self.form_id, index, target, revision=revision
        )

    def unlock_target(self, index: int, reason: str) -> WriteOutcome:
        """Unlock row ``index``'s 年度指标值 (from the 目标申报表), with the reason for the history.

        Edits not yet written are written first; InputError when there is no reason.
        """
        outcome = self.write()
        if outcome.reloaded or outcome.final:
            return outcome
        return self.change(
            lambda revision: self.store.unlock_target(
                self.form_id, index, reason, revision=revision
            )
        )

    def is_target_locked(self, index: int) -> bool:
        """Whether row ``index``'s 年度指标值 is locked (shown, not editable)."""
        rows = self.form.indicators
        return 0 <= index < len(rows) and rows[index].target_locked

    def reload(self) -> None:
        """Start again from the store: edits not yet written are dropped, and so is what
        could be undone (it was made to another version of the form)."""
        self._unwritten.clear()
        self._undo.clear()
        self._take(self.store.get_form(self.form_id))
        self.card = self._rescore()

    # -- state -------------------------------------------------------------------------------

    def _take(self, stored: StoredForm) -> None:
        """The stored form becomes the edited one, with the text kept as typed laid over it:
        an error where it still cannot be accepted; where it can now (a row moved, a rule
        changed), an edit to write."""
        self._take_revision(stored)
        self.form = stored.form
        if (rules := load_rule_set(stored.form.rule_set)) is not self.rules:
            self._use_rules(rules)  # another rule set chosen elsewhere
        self.pending = dict(self.store.pending_inputs(self.form_id))
        self.bad_text, self.errors = {}, {}
        for path, raw in self.pending.items():
            try:
                value = self._amount(path, raw)
                self.form = set_field(self.form, path, value)
            except InputError as exc:
                self.errors[path] = str(exc)
                self.bad_text[path] = raw
            else:
                self._unwritten[path] = value

    def _take_revision(self, stored: StoredForm) -> None:
        self._stored = stored.form
        self._revision = stored.revision

    def _rescore(self) -> Scorecard:
        """The scorecard of the form as it is now; rows unchanged since the last one keep
        their results."""
        card = score_form(
            self.form, self.rules, self.bad_text, earlier=self._scored, money=self.money
        )
        self._scored = Scored(self.form, self.rules, card)
        return card


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw)
