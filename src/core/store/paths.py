"""Kept for imports written before the move: the default store file is core.store.location."""

from core.store.location import DB_NAME, default_db_path

__all__ = ["DB_NAME", "default_db_path"]
