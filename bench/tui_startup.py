"""Time from process start to an interactive home screen: jixiao against a bare Textual app.

Each run is a fresh Python process in a pseudo-terminal of 120×40, with Textual's own driver;
jixiao starts through its console-script entry point, as ``jixiao --db <store>``. Both children
wrap ``App._display`` the same way and report the wall-clock time of the first frame that shows
the list's rows and the footer's key hints (the "新建" key among them); the parent subtracts the
time just before it started the process. The bare app has the same widgets (Header, Input,
DataTable with the same columns and as many rows as jixiao shows, focused like jixiao's, Footer
showing the same key hints) and no store.

    python bench/tui_startup.py [--runs 7] [--large 20000]

A store of 4 forms (the samples) and one of ``--large`` forms are built once in a temporary
folder (the large one is kept in $TMPDIR/jixiao-bench-<N>.db between runs).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

# Shared by both children: report the first frame in which the home is usable.
FRAME_WATCH = """
import os
import time

def watch_frames():
    from textual.app import App
    from textual.widgets import DataTable, Footer

    display = App._display

    def display_and_report(app, screen, renderable):
        display(app, screen, renderable)
        if renderable is None or app._batch_count or getattr(app, "_reported", False):
            return
        tables = screen.query(DataTable)
        footers = screen.query(Footer)
        if not tables or not tables.first().row_count or not footers:
            return
        if not any(getattr(key, "description", "") == "新建" for key in footers.first().children):
            return
        app._reported = True
        with open(os.environ["BENCH_REPORT"], "w") as report:
            report.write(str(time.time()))
        app.exit()

    App._display = display_and_report
"""

# The real entry point, `jixiao --db <store>`; the frame watch is set up where launch() imports
# textual (right after it has started opening the store), so the start-up order is unchanged.
JIXIAO_CHILD = (
    """
import sys
sys.path.insert(0, {src!r})
sys.argv = ["jixiao", "--db", {db!r}]
"""
    + FRAME_WATCH
    + """
import tui.launch

class WatchedOpening(tui.launch.StoreOpening):
    def __init__(self, db_path):
        super().__init__(db_path)
        watch_frames()

tui.launch.StoreOpening = WatchedOpening
from tui.main import main
main()
"""
)

BARE_CHILD = (
    """
from textual.app import App
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input
"""
    + FRAME_WATCH
    + """
watch_frames()

class Bare(App):
    # the keys jixiao's home shows in its footer, so both footers draw the same hints (the
    # footer shows one key per action: each binding needs an action of its own)
    BINDINGS = [
        Binding("f1", "noop('help')", "帮助"),
        Binding("slash", "noop('filter')", "筛选"),
        Binding("enter", "noop('open')", "打开", priority=True),
        Binding("n", "noop('new')", "新建"),
        Binding("c", "noop('clone')", "复制到下一年度"),
        Binding("e", "noop('export')", "导出"),
        Binding("d", "noop('delete')", "删除"),
        Binding("q", "noop('quit')", "退出"),
    ]

    def action_noop(self, name):
        pass

    def compose(self):
        yield Header()
        yield Input(placeholder="filter")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        for label in ("年度", "项目名称", "实施单位", "状态", "总分", "等级"):
            table.add_column(label)
        for n in range({rows}):
            unit = "上海市松江区人民政府信访办公室"
            table.add_row("2022", f"项目{{n}}", unit, "草稿", "90.00", "优")
        table.focus()  # as jixiao's home does: the letter keys act on the list

Bare().run()
"""
)


def run_child(code: str) -> float:
    """Seconds from just before the process starts to the moment it reports ready.

    The child runs in a pseudo-terminal of 120×40 with Textual's real driver, as on a desk; what
    it writes is read and dropped, as a terminal would draw it.
    """
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "ready"
        primary, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        environment = {**os.environ, "BENCH_REPORT": str(report), "TERM": "xterm-256color"}
        started = time.time()
        child = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            cwd=ROOT,
            env=environment,
            start_new_session=True,
        )
        os.close(secondary)
        drain = threading.Thread(target=_drain, args=(primary,), daemon=True)
        drain.start()
        try:
            child.wait(timeout=60)
        finally:
            child.kill()
            drain.join(timeout=5)
            os.close(primary)
        if child.returncode != 0 or not report.exists():
            raise RuntimeError(f"the child did not report a ready home (exit {child.returncode})")
        return float(report.read_text()) - started


def _drain(terminal: int) -> None:
    """Read what the child draws until it closes its end."""
    while True:
        try:
            if not os.read(terminal, 65536):
                return
        except OSError:
            return


def sample_store(folder: Path) -> Path:
    from core.store import Store

    path = folder / "samples.db"
    with Store.open(path) as store:
        store.load_samples()
    return path


def large_store(count: int) -> Path:
    """A store of ``count`` forms (copies of the samples with numbered names), built once."""
    from core.store import Store

    path = Path(tempfile.gettempdir()) / f"jixiao-bench-{count}.db"
    with Store.open(path) as store:
        if store.count_forms() >= count:
            return path
        if store.is_empty():
            store.load_samples()
        templates = [store.get_form(s.id).form for s in store.list_forms(limit=4)]
        for number in range(store.count_forms(), count):
            template = templates[number % len(templates)]
            update = {"project": f"{template.project}{number:05d}", "year": 2000 + number % 23}
            store.import_form(template.model_copy(update=update))
    return path


def measure(variants: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds of each variant; the variants take turns, so load drifts hit all alike."""
    times: dict[str, list[float]] = {label: [] for label in variants}
    for _ in range(runs):
        for label, code in variants.items():
            times[label].append(run_child(code))
    for label, values in times.items():
        runs_ms = ", ".join(f"{t * 1000:.0f}" for t in values)
        print(f"{label:<30} median {statistics.median(values) * 1000:7.1f} ms  ({runs_ms})")
    return {label: statistics.median(values) for label, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--large", type=int, default=20_000)
    args = parser.parse_args()
    from tui.screens.home import PAGE_SIZE

    with tempfile.TemporaryDirectory() as folder:
        small = sample_store(Path(folder))
        large = large_store(args.large)
        src = str(ROOT / "src")
        run_child(BARE_CHILD.format(rows=4))  # warm the file cache
        medians = measure(
            {
                "bare, 4 rows": BARE_CHILD.format(rows=4),
                "jixiao, 4 forms": JIXIAO_CHILD.format(src=src, db=str(small)),
                f"bare, {PAGE_SIZE} rows": BARE_CHILD.format(rows=PAGE_SIZE),
                f"jixiao, {args.large} forms": JIXIAO_CHILD.format(src=src, db=str(large)),
            },
            args.runs,
        )
    small_ratio = medians["jixiao, 4 forms"] / medians["bare, 4 rows"]
    large_ratio = medians[f"jixiao, {args.large} forms"] / medians[f"bare, {PAGE_SIZE} rows"]
    print(f"ratio with 4 forms:      {small_ratio:.2f}× (target ≤ 1.3×)")
    print(f"ratio with {args.large} forms: {large_ratio:.2f}× (bare app with {PAGE_SIZE} rows)")
    large_vs_small = medians[f"jixiao, {args.large} forms"] / medians["jixiao, 4 forms"]
    print(f"jixiao, {args.large} forms against 4 forms: {large_vs_small:.2f}×")


if __name__ == "__main__":
    main()
