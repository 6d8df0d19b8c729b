"""Time from process start to an interactive home screen: jixiao against a bare Textual app.

Each run is a fresh Python process (headless, 120×40). The child reports the wall-clock time at
which its list is filled and the first frame after that has been composed; the parent subtracts
the time just before it started the process. The bare app has the same widgets (Header, Input,
DataTable with the same columns and as many rows as jixiao shows, Footer showing the same
key hints) and no store.

    python bench/tui_startup.py [--runs 7] [--large 20000]

A store of 4 forms (the samples) and one of ``--large`` forms are built once in a temporary
folder (the large one is kept in $TMPDIR/jixiao-bench-<N>.db between runs).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

JIXIAO_CHILD = """
import sys, time
sys.path.insert(0, {src!r})
from tui.launch import StoreOpening  # as launch() does: open before textual is imported
opening = StoreOpening({db!r})
from tui.app import JixiaoApp
from tui.screens.home import HomeScreen

class Timed(JixiaoApp):
    def on_mount(self):
        super().on_mount()
        self._poll = self.set_interval(0.001, self._poll_home)

    def _poll_home(self):
        screen = self.screen
        if isinstance(screen, HomeScreen) and screen.is_mounted and screen.table.row_count:
            self._poll.stop()
            self.call_after_refresh(self._report_ready)

    def _report_ready(self):
        print(time.time(), flush=True)
        self.exit()

store = opening.result()
Timed(store.path, store=store).run(headless=True, size=(120, 40))
"""

BARE_CHILD = """
import time
from textual.app import App
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input

class Bare(App):
    # the keys jixiao's home shows in its footer, so both footers draw the same hints
    BINDINGS = [
        Binding("f1", "noop", "帮助"),
        Binding("slash", "noop", "筛选"),
        Binding("enter", "noop", "打开", priority=True),
        Binding("n", "noop", "新建"),
        Binding("c", "noop", "复制到下一年度"),
        Binding("e", "noop", "导出"),
        Binding("d", "noop", "删除"),
        Binding("q", "noop", "退出"),
    ]

    def action_noop(self):
        pass

    def compose(self):
        yield Header()
        yield Input(placeholder="filter")
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        for label in ("年度", "项目名称", "实施单位", "状态", "总分", "等级"):
            table.add_column(label)
        for n in range({rows}):
            unit = "上海市松江区人民政府信访办公室"
            table.add_row("2022", f"项目{{n}}", unit, "草稿", "90.00", "优")
        self.call_after_refresh(self._report_ready)

    def _report_ready(self):
        print(time.time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(120, 40))
"""


def run_child(code: str) -> float:
    """Seconds from just before the process starts to the moment it reports ready."""
    started = time.time()
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return float(output.strip().splitlines()[-1]) - started


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
