"""Per-user settings: small choices a user makes once and expects to find again.

Kept as JSON in the user's configuration folder (``JIXIAO_CONFIG`` names another file, as
tests do). A missing or unreadable file gives the defaults: a setting is never worth a crash,
and the file is rewritten whole, atomically, when a setting changes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from core.files import write_atomic

SETTINGS_NAME = "settings.json"
MoneyUnit = Literal["元", "万元"]


class UserSettings(BaseModel):
    """What one user has chosen; every field has the default a new user gets."""

    model_config = ConfigDict(extra="ignore", frozen=True)  # a newer version's keys are kept out

    show_score_panel: bool = True
    """show_score_panel: whether the form screen shows the 评分 side panel"""
    money_unit: MoneyUnit | None = None
    """money_unit: the unit amounts are shown in; None follows the form's rule set"""


def settings_path() -> Path:
    """``$JIXIAO_CONFIG``, else ``settings.json`` in the user's configuration folder."""
    override = os.environ.get("JIXIAO_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("jixiao", appauthor=False)) / SETTINGS_NAME


def load_settings(path: Path | None = None) -> UserSettings:
    """The saved settings, or the defaults when there are none or they cannot be read."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return UserSettings.model_validate(data if isinstance(data, dict) else {})
    except (OSError, ValueError, ValidationError):
        return UserSettings()


def save_settings(settings: UserSettings, path: Path | None = None) -> None:
    """Write ``settings`` (creating the folder); OSError when the file cannot be written."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, settings.model_dump_json(indent=2) + "\n")


def update_settings(path: Path | None = None, **changes: object) -> UserSettings:
    """Load, change the named fields, save, and return the new settings."""
    settings = load_settings(path).model_copy(update=changes)
    settings = UserSettings.model_validate(settings.model_dump())
    save_settings(settings, path)
    return settings
