"""core imports without textual, and nothing jixiao does headless opens a network connection."""

import subprocess
import sys

from tests.core.builders import SAMPLES
from tests.run_cli import REPO

# `socket` itself is loaded by the standard library's email package, which pydantic's plugin
# loader imports through importlib.metadata; what matters is that no client library is loaded
# and (next test) that no connection is ever attempted.
NETWORK_MODULES = {"ssl", "http.client", "urllib.request", "requests", "httpx", "aiohttp"}


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO / "src")},
    )


def test_core_and_check_never_load_textual_or_network_modules():
    script = (
        "import sys\n"
        "from core.cli import cli\n"
        "import core.scoring, core.interchange, core.report, core.edit\n"
        "try:\n"
        "    cli.main(['check', sys.argv[1]], standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = _run(script, str(SAMPLES["网络信息系统运行与维护"]))
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split("\n")[-2].split())
    assert "textual" not in loaded
    assert not loaded & NETWORK_MODULES, loaded & NETWORK_MODULES


def test_no_connection_is_attempted_even_where_sockets_are_loaded():
    """Every socket connect raises; importing the TUI and checking a form must not notice."""
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n    raise SystemExit('network use: ' + repr(a))\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import tui, textual.app\n"
        "from core.cli import cli\n"
        "try:\n    cli.main(['check', sys.argv[1]], standalone_mode=False)\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "print('quiet')\n"
    )
    done = _run(script, str(SAMPLES["网络信息系统运行与维护"]))
    assert done.stdout.strip().endswith("quiet"), done.stdout + done.stderr
