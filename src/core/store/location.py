"""Where the store lives when no path is given: one file per user."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

DB_NAME = "jixiao.db"


def default_db_path() -> Path:
    """``user_data_dir("jixiao")/jixiao.db`` (e.g. ~/.local/share/jixiao/jixiao.db)."""
    return Path(user_data_dir("jixiao", appauthor=False)) / DB_NAME
