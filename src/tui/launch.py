"""Start the TUI on a store (``jixiao`` without a subcommand)."""

from __future__ import annotations

import sys
from pathlib import Path


def launch(db_path: Path | None = None) -> None:
    """Run the app on the store at ``db_path`` (None: the per-user default store)."""
    from tui.app import JixiaoApp

    app = JixiaoApp(db_path)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)
