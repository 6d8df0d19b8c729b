"""Keystroke latency to the bytes on the terminal: jixiao against a bare Textual app, one run.

Both run as their own processes in a pseudo-terminal (120×40) with Textual's real driver, side
by side; the bench writes one key at a time to each in turn and times the wait from writing the
key to reading, from the terminal, the bytes that show the updated total:

- jixiao (``jixiao --db <store>``) resumes on a draft of ``--indicators`` rows, the cursor in the
  实际完成值 of a middle row (a target of ≥80%); the keys alternate Backspace and 0, so that the
  value goes 100 → 10 → 100 … and each key changes the row's score and the 总分 in the panel.
  A key counts once the new 总分 has been written to the terminal.
- the bare app has one Input and one Label that shows a total computed from the Input's value,
  updated the same way (from the Input's value watcher, in the keystroke's own frame); a key
  counts once the new total has been written.

    python bench/tui_keystroke_pty.py [--keys 100] [--indicators 60] [--gap 0.08]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from core.decimals import format_decimal  # noqa: E402
from core.edit import set_field  # noqa: E402
from core.interchange import read_form  # noqa: E402
from core.model import Form  # noqa: E402
from core.resources import samples_dir  # noqa: E402
from core.scoring import score_form  # noqa: E402
from core.store import Cursor, Store  # noqa: E402

WIDTH, HEIGHT = 120, 40
BACKSPACE, ZERO, END = b"\x7f", b"0", b"\x1b[F"

JIXIAO_CHILD = """
import sys
sys.path.insert(0, {src!r})
sys.argv = ["jixiao", "--db", {db!r}]
from tui.main import main
main()
"""

BARE_CHILD = """
from textual.app import App
from textual.widgets import Input, Label


def total(value):
    return f"total {len(value) * 1.5 + 0.25:.2f}"


class Typed(Input):
    # as jixiao's fields do: the edit is handed on at once, not by a Changed message, so that
    # the frame of the keystroke already shows the new total
    def _watch_value(self, value):
        super()._watch_value(value)
        if self.is_mounted:
            self.app.query_one(Label).update(total(value))


class Bare(App):
    def compose(self):
        yield Typed("100", id="typed")
        yield Label(total("100"), id="total")


Bare().run()
"""


def big_form(count: int) -> Form:
    """The network sample with its rows repeated to ``count`` rows (weight 1, no score)."""
    sample = read_form(samples_dir() / "2022" / "网络信息系统运行与维护.json")
    rows = [sample.indicators[n % len(sample.indicators)] for n in range(count)]
    rows = [row.model_copy(update={"weight": Decimal(1), "score": None}) for row in rows]
    return sample.model_copy(update={"indicators": rows, "status": None})


def typed_row(form: Form) -> int:
    """A middle row whose target is a ≥ percentage (100 meets it, 10 does not)."""
    middle = len(form.indicators) // 2
    rows = range(middle, len(form.indicators))
    return next(n for n in rows if form.indicators[n].target.startswith(">="))


class Terminal:
    """A child process in a pseudo-terminal; what it writes is kept with the time it came."""

    def __init__(self, code: str, environment: dict[str, str]) -> None:
        self.primary, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
        self.child = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            cwd=ROOT,
            env={**os.environ, **environment, "TERM": "xterm-256color", "LANG": "C.UTF-8"},
            start_new_session=True,
        )
        os.close(secondary)
        self.output = bytearray()
        self.arrived: list[tuple[int, float]] = []  # (length of output so far, time)
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.primary, 65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.perf_counter()
            with self.lock:
                self.output += chunk
                self.arrived.append((len(self.output), now))

    def wait_for(self, text: bytes, since: int = 0, timeout: float = 30) -> float:
        """When ``text`` was first complete in the output after position ``since``."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.lock:
                found = self.output.find(text, since)
                if found >= 0:
                    end = found + len(text)
                    return next(t for length, t in self.arrived if length >= end)
            time.sleep(0.0002)
        raise TimeoutError(
            f"{text!r} never came; the screen ends with {bytes(self.output[-300:])!r}"
        )

    def key(self, key: bytes, then: bytes) -> float:
        """Milliseconds from writing ``key`` to reading ``then`` from the terminal."""
        with self.lock:
            since = len(self.output)
        sent = time.perf_counter()
        os.write(self.primary, key)
        return (self.wait_for(then, since) - sent) * 1000

    def close(self) -> None:
        self.child.kill()
        self.child.wait()
        os.close(self.primary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=100)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--gap", type=float, default=0.08, help="seconds between keys")
    args = parser.parse_args()
    form = big_form(args.indicators)
    row = typed_row(form)
    path = f"indicators[{row}].actual"
    totals = [
        format_decimal(score_form(set_field(form, path, actual)).total).encode()
        for actual in ("10", "100")
    ]  # after Backspace, after 0
    if totals[0] == totals[1]:
        raise SystemExit(f"typing in {path} does not change 总分")
    bare_totals = [f"total {n * 1.5 + 0.25:.2f}".encode() for n in (2, 3)]

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        with Store.open(db) as store:
            form_id = store.create_form(form).id
            store.save_cursor(Cursor(form_id, "indicators", path))
        settings = {"JIXIAO_CONFIG": str(Path(folder) / "settings.json")}
        jixiao = Terminal(JIXIAO_CHILD.format(src=str(ROOT / "src"), db=str(db)), settings)
        bare = Terminal(BARE_CHILD, {})
        try:
            jixiao.wait_for("总分".encode())
            bare.wait_for(bare_totals[1])
            time.sleep(2)  # start-up done, the form's warm-up imports finished
            for terminal in (jixiao, bare):
                os.write(terminal.primary, END)  # off the selection: edit at the end
            time.sleep(0.5)
            times: dict[str, list[float]] = {"jixiao": [], "bare": []}
            for n in range(args.keys):
                key = BACKSPACE if n % 2 == 0 else ZERO
                times["jixiao"].append(jixiao.key(key, totals[n % 2]))
                time.sleep(args.gap)
                times["bare"].append(bare.key(key, bare_totals[n % 2]))
                time.sleep(args.gap)
        finally:
            jixiao.close()
            bare.close()
    report(times, args.indicators, path)


def report(times: dict[str, list[float]], indicators: int, path: str) -> None:
    print(f"{indicators} indicators, typing in {path}; the bare app: one Input, one Label")
    medians = {}
    for label, values in times.items():
        values.sort()
        medians[label] = statistics.median(values)
        p95 = values[max(0, int(len(values) * 0.95) - 1)]
        print(
            f"{label:<7} key → total on the terminal: median {medians[label]:.1f} ms, "
            f"p95 {p95:.1f} ms, min {values[0]:.1f} ms ({len(values)} keys)"
        )
    ratio = medians["jixiao"] / medians["bare"]
    print(f"ratio: {ratio:.2f}× (target: median ≤ 16 ms and ≤ 2.5× the bare app)")


if __name__ == "__main__":
    main()
