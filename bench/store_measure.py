"""Measure the store on a generated file (see store_generate.py) against the issue's targets.

    python bench/store_measure.py /tmp/bench.db

Targets: list with a filter ≤ 50 ms, full-text search ≤ 100 ms, open one form ≤ 10 ms,
one durable field update ≤ 5 ms, export of every form to JSON ≤ 10 s. Medians of repeated
runs; the machine is shared, so look at the ratios as much as at the figures.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from core.export import export_all_json
from core.store import Store


def _median_ms(action: Callable[[], object], runs: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def _line(label: str, figures: tuple[float, float], target: float, note: str = "") -> None:
    median, p95 = figures
    verdict = "ok" if median <= target else "MISSED"
    print(f"{label:<44} median {median:8.2f} ms  p95 {p95:8.2f} ms  target {target:>6} ms  "
          f"{verdict} {note}")  # fmt: skip


def main() -> None:
    path = Path(sys.argv[1])
    started = time.perf_counter()
    store = Store.open(path)
    opened = (time.perf_counter() - started) * 1000
    print(f"{'open the store (quick_check included)':<44} {opened:8.2f} ms")
    total = store.count_forms()
    unit = store.list_forms(limit=1)[0].implementer
    rng = random.Random(7)
    ids = [rng.randrange(1, total + 1) for _ in range(50)]

    year_rows = len(store.list_forms(year=2020))
    _line(
        "list --year 2020",
        _median_ms(lambda: store.list_forms(year=2020)),
        50,
        f"({year_rows} rows)",
    )
    unit_rows = len(store.list_forms(year=2020, implementer=unit))
    _line(
        "list year + implementer",
        _median_ms(lambda: store.list_forms(year=2020, implementer=unit)),
        50,
        f"({unit_rows} rows)",
    )
    _line(
        "list status=draft, first page of 50",
        _median_ms(lambda: store.list_forms(status="draft", limit=50)),
        50,
    )
    _line(
        "count year + status", _median_ms(lambda: store.count_forms(year=2020, status="final")), 50
    )
    for query in ("维稳", "满意度", "道路养护", "信访"):
        hits = store.count_forms(query=query)
        _line(
            f"search “{query}”, first page of 50",
            _median_ms(lambda q=query: store.list_forms(query=q, limit=50)),
            100,
            f"({hits} hits)",
        )
        _line(
            f"search “{query}”, all hits",
            _median_ms(lambda q=query: store.list_forms(query=q), 5),
            100,
        )
    _line(
        "search “维稳” + year + status",
        _median_ms(lambda: store.list_forms(query="维稳", year=2020, status="draft")),
        100,
    )
    _line("known_indicators(implementer)", _median_ms(lambda: store.known_indicators(unit), 10), 50)
    _line("known_indicators() over every form", _median_ms(lambda: store.known_indicators(), 3), 50)
    it = iter(ids * 2)
    _line("open one form (get_form, scored)", _median_ms(lambda: store.get_form(next(it)), 50), 10)

    draft = store.list_forms(status="draft", limit=1)[0].id
    values = iter(f"{100000 + n}.00" for n in range(1000))
    _line(
        "durable field update (set_field)",
        _median_ms(lambda: store.set_field(draft, "funds.total.executed", next(values)), 50),
        5,
    )
    revision = store.get_form(draft).revision
    values2 = iter(f"{200000 + n}.00" for n in range(1000))

    def checked_update() -> None:
        nonlocal revision
        revision = store.set_field(
            draft, "funds.fiscal.executed", next(values2), revision=revision
        ).revision

    _line("durable update with revision check", _median_ms(checked_update, 50), 5)

    with tempfile.TemporaryDirectory() as parent:
        started = time.perf_counter()
        count = export_all_json(store.iter_form_data(), Path(parent) / "export")
        seconds = time.perf_counter() - started
        verdict = "ok" if seconds <= 10 else "MISSED"
        label = f"export every form to JSON ({count} files)"
        print(f"{label:<44} {seconds:8.2f} s   target 10 s  {verdict}")
    store.close()
    size = path.stat().st_size / 1024 / 1024
    print(f"store size {size:.1f} MB for {total} forms ({size * 1024 / total:.1f} KB per form)")


if __name__ == "__main__":
    main()
