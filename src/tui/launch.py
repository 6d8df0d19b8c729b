"""Start the TUI on a store (``jixiao`` without a subcommand).

The store is opened on a thread started before Textual is imported, so that opening it overlaps
Textual's start-up instead of following it (the full check runs later: JixiaoApp). The
thread only opens the file: ``core.store`` is imported first, on the main thread, because two
threads importing modules that share imports (rich) can see each other's half-run modules.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from core.output import EXIT_UNREADABLE, fail
from core.store import Store, StoreError
from core.store.location import default_db_path
from core.store.schema import needs_migration, upgrade_ahead


class StoreOpening:
    """``Store.open(db_path)`` running on a thread; ``result()`` waits for it."""

    def __init__(self, db_path: Path | None) -> None:
        self.db_path = db_path
        upgrade = upgrade_ahead(db_path or default_db_path())
        if upgrade:  # a large store takes a while: say so before the screen is taken over
            print(upgrade, file=sys.stderr, flush=True)
        if needs_migration(db_path or default_db_path()):
            # creating or migrating imports these: never for the first time on a thread
            import sqlite_utils  # noqa: F401

            import core.model  # noqa: F401
        self._store: Store | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._open, name="store-open", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            self._store = Store.open(self.db_path)
        except BaseException as exc:  # handed to the thread that asks for the result
            self._error = exc

    def result(self) -> Store:
        """The open store; raises what opening raised (a StoreError for a bad file)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._store is not None
        return self._store


def launch(db_path: Path | None = None) -> None:
    """Run the app on the store at ``db_path`` (None: the per-user default store).

    A store that cannot be opened is reported in one plain line before the screen is taken over.
    """
    opening = StoreOpening(db_path)
    from tui.app import JixiaoApp

    try:
        store = opening.result()
    except StoreError as exc:
        fail(f"无法打开存储：{exc}", EXIT_UNREADABLE)  # core.output's console: escapes the path
    app = JixiaoApp(store.path, store=store)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)
