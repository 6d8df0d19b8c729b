"""Keystroke to updated side panel on a 60-indicator form.

The form screen of a draft with 60 indicators is opened headless (100×30) on the 实际完成值
of a row in the middle; the bench types into it so that every key changes the scores
(``100`` → ``10`` → ``100`` …). Each key is sent the way the driver sends terminal input;
``app._display`` is wrapped to timestamp frames, and a key's latency is the time from
sending it to the first frame drawn after the panel has received the new scorecard.

    python bench/tui_keystroke.py [--keys 100] [--indicators 60]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402

from core.interchange import read_form  # noqa: E402
from core.model import Form  # noqa: E402
from core.resources import samples_dir  # noqa: E402
from core.store import Store  # noqa: E402
from tui.screens.form import FormScreen  # noqa: E402
from tui.widgets.score_panel import ScorePanel  # noqa: E402


def big_form(count: int) -> Form:
    """The network sample with its rows repeated to ``count`` rows (weights kept small)."""
    sample = read_form(samples_dir() / "2022" / "网络信息系统运行与维护.json")
    rows = [sample.indicators[n % len(sample.indicators)] for n in range(count)]
    rows = [row.model_copy(update={"weight": Decimal(1), "score": None}) for row in rows]
    return sample.model_copy(update={"indicators": rows, "status": None})


class Host(App[None]):
    def __init__(self, store: Store, form_id: int, path: str) -> None:
        super().__init__()
        self.store, self.form_id, self.path = store, form_id, path

    def on_mount(self) -> None:
        self.push_screen(FormScreen(self.store, self.form_id, self.path))


async def measure(store: Store, form_id: int, path: str, keys: int) -> list[float]:
    app = Host(store, form_id, path)
    frames: list[tuple[float, object]] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        panel = app.screen.query_one(ScorePanel)
        original = app._display

        def timed_display(screen, renderable):
            frames.append((time.perf_counter(), panel.scorecard))
            return original(screen, renderable)

        app._display = timed_display
        await pilot.press("end")
        await pilot.pause(0.2)
        latencies = []
        for n in range(keys):
            before = panel.scorecard
            key, character = ("backspace", None) if n % 2 == 0 else ("0", "0")
            frames.clear()
            sent = time.perf_counter()
            event = events.Key(key, character)
            event.set_sender(app)
            app._driver.send_message(event)
            deadline = sent + 2
            while time.perf_counter() < deadline:
                drawn = [t for t, card in frames if card is not before]
                if drawn:
                    latencies.append((drawn[0] - sent) * 1000)
                    break
                await asyncio.sleep(0.0005)
            await pilot.pause(0.05)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=100)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--path", help="the field typed into (default: 实际完成值 of a middle row)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(Path(folder) / "bench.db") as store:
            form_id = store.create_form(big_form(args.indicators)).id
            path = args.path or f"indicators[{args.indicators // 2}].actual"
            latencies = asyncio.run(measure(store, form_id, path, args.keys))
    if not latencies:
        print(f"typing in {path} never changed the scores: choose another --path")
        return
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
    print(f"{args.indicators} indicators, typing in {path}: {len(latencies)} of {args.keys} keys")
    print(
        f"keystroke → panel frame: median {statistics.median(latencies):.1f} ms, "
        f"p95 {p95:.1f} ms, min {latencies[0]:.1f} ms, max {latencies[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
