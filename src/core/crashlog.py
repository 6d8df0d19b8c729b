"""The one crash-log writer: a bug's details go to a file of their own, never to the screen.

Both the command line (core.cli) and the TUI (tui.app) call ``write_crash_log`` and show the
user the path it returns. Each crash gets a new file named by its time, in the user's data
folder beside the default store (``crash-logs/``), so one crash never overwrites or mixes with
another and nothing lands in a shared /tmp file. Only the newest ``KEEP`` logs are kept.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

CRASH_FOLDER = "crash-logs"
KEEP = 50


def crash_log_folder() -> Path:
    """``user_data_dir("jixiao")/crash-logs`` (e.g. ~/.local/share/jixiao/crash-logs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("jixiao", appauthor=False)) / CRASH_FOLDER


def write_crash_log(error: BaseException | None = None) -> Path | None:
    """Write the traceback of ``error`` (default: the exception being handled) to a new file;
    its path, or None when no folder can be written (the crash is then only reported)."""
    report = _report(error)
    for folder in (crash_log_folder(), Path(tempfile.gettempdir())):
        try:
            path = _new_file(folder, report)
        except OSError:
            continue
        _prune(folder)
        return path
    return None


def _report(error: BaseException | None) -> str:
    if error is None:
        details = traceback.format_exc()
    else:
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return (
        f"jixiao 内部错误 {datetime.now().isoformat(timespec='seconds')}\n"
        f"version: {_version()}; python {platform.python_version()} on {platform.platform()}\n"
        f"argv: {sys.argv!r}\n\n{details}"
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jixiao")
    except PackageNotFoundError:
        return "?"


def _new_file(folder: Path, report: str) -> Path:
    """A file of its own: the time to the microsecond, and exclusive creation against a race."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    for attempt in range(100):
        path = folder / f"jixiao-crash-{stamp}{f'-{attempt}' if attempt else ''}.log"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(report)
        return path
    raise FileExistsError(folder)


def _prune(folder: Path) -> None:
    """Keep the newest KEEP logs; a log that cannot be removed stays."""
    logs = sorted(folder.glob("jixiao-crash-*.log"))
    for old in logs[:-KEEP]:
        try:
            old.unlink()
        except OSError:
            pass
