"""Labels for history paths: the form's own words, plus the store's whole-form paths."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.vocabulary import STATUS_LABELS as STATUS_LABELS  # the one word for each state

if TYPE_CHECKING:
    from core.model import Form

FORM_PATH = "form"
"""FORM_PATH: a change that replaces the whole form (created, imported over, cloned)."""
STATUS_PATH = "status"
"""STATUS_PATH: a change of 状态 (finalised, reopened)."""
INDICATORS_PATH = "indicators"
"""INDICATORS_PATH: rows inserted, deleted or moved; old and new are the whole list."""

STORE_LABELS = {FORM_PATH: "整张表单", STATUS_PATH: "状态", INDICATORS_PATH: "绩效指标（行）"}


def change_label(path: str, form: Form | None = None) -> str:
    """'funds.total.executed' → '项目资金·年度资金总额·全年执行数'; 'status' → '状态'."""
    from core.labels import field_label

    return STORE_LABELS.get(path) or field_label(path, form)
