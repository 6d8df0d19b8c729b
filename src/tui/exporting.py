"""Export one stored form to a file, through the same exporters as ``jixiao export``."""

from __future__ import annotations

from pathlib import Path

from core.store import Store


def export_stored_form(store: Store, form_id: int, fmt: str, path: Path) -> None:
    """Write the form in ``fmt`` (xlsx, json, text, html, svg) to ``path``; never touches the
    store. Amounts of xlsx and html follow the user's setting, else the form's rule set."""
    from core.export import export_form

    stored = store.get_form(form_id)
    export_form(stored.form, stored.scorecard, fmt, path, store_path=store.path)
