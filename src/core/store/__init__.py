"""The local store: one SQLite file holding every form, its history and where the user was."""

from core.store.errors import (
    ConflictError,
    FinalFormError,
    FinalizeRefused,
    FormNotFound,
    StoreError,
)
from core.store.records import Change, Cursor, FormSummary, StoredForm
from core.store.store import Store

__all__ = [
    "Change",
    "ConflictError",
    "Cursor",
    "FinalFormError",
    "FinalizeRefused",
    "FormNotFound",
    "FormSummary",
    "Store",
    "StoreError",
    "StoredForm",
]
