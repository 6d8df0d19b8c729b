"""The values the store hands out: plain frozen dataclasses, no database handles inside."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from core.findings import Finding
    from core.model import Form
    from core.scoring import Scorecard

Status = Literal["draft", "final"]


@dataclass(frozen=True)
class StoredForm:
    """One stored form as read whole: the form, its lifecycle and its scorecard."""

    id: int
    form: Form
    status: Status
    revision: int
    """revision: grows by one with every change; writers pass it back to detect conflicts"""
    updated_at: str
    source_id: int | None
    """source_id: the form this one was cloned from, if any"""
    scorecard: Scorecard


@dataclass(frozen=True)
class FormSummary:
    """One row of the list of forms (no form body: cheap to list thousands)."""

    id: int
    year: int
    project: str
    department: str
    implementer: str
    status: Status
    total: Decimal
    grade: str
    updated_at: str
    damaged: bool = False
    """damaged: the stored record or content no longer matches its checksum (shown, not opened)"""


@dataclass(frozen=True)
class Change:
    """One entry of a form's history; old and new are JSON values (strings, lists, dicts)."""

    id: int
    form_id: int
    path: str
    old: Any
    new: Any
    at: str
    user: str
    note: str | None = None
    """note: why (the reason given when a final form is reopened)"""
    damaged: bool = False
    """damaged: the entry no longer matches its checksum; old and new are None"""


@dataclass(frozen=True)
class Cursor:
    """Where the user was, to resume there after a restart or a crash."""

    form_id: int | None
    step: str | None
    path: str | None


@dataclass(frozen=True)
class Imported:
    """What importing a form did."""

    stored: StoredForm
    action: Literal["added", "replaced", "unchanged"]
    not_final: tuple[Finding, ...] = ()
    """not_final: the errors for which a form marked 定稿 in its file was stored as a draft"""
