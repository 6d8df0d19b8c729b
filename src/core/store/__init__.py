"""The local store: one SQLite file holding every form, its history and where the user was."""

from core.store.errors import (
    ConflictError,
    DamagedForm,
    FinalFormError,
    FinalizeRefused,
    FormNotFound,
    StoreDamaged,
    StoreError,
)
from core.store.integrity import IntegrityReport
from core.store.records import Change, Cursor, FormSummary, Imported, StoredForm
from core.store.store import Store

__all__ = [
    "Change",
    "ConflictError",
    "Cursor",
    "DamagedForm",
    "FinalFormError",
    "FinalizeRefused",
    "FormNotFound",
    "FormSummary",
    "Imported",
    "IntegrityReport",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoredForm",
]
