"""Run the real ``jixiao`` command line in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_jixiao(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``jixiao ARGS`` with this checkout's src first on the path; text is UTF-8."""
    full_env = {**os.environ, **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO / "src"), *filter(None, [full_env.get("PYTHONPATH")])]
    )
    full_env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-c", "from tui.main import main; main()", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=full_env,
        timeout=60,
    )
