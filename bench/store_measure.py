"""Measure the store in-process on a generated file (see store_generate.py) against issue 13.

    python bench/store_measure.py /tmp/store/bench.db [--no-export]

Targets at 100,000 forms: search first page ≤ 30 ms, list with filters ≤ 20 ms, open one form
≤ 5 ms, one durable field update ≤ 5 ms, store ≤ 2× the forms' compact JSON, export of every
form ≤ 10 s. Medians (and 95th percentiles) of repeated runs; the machine is shared, so the
script also times an fsync of 4 KB, the floor under any durable write on this disk.

The field updates change the store: run it on a copy.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from core.bulk_export import export_all
from core.export import FORMATS
from core.store import Store


def _median_ms(action: Callable[[], object], runs: int = 20) -> tuple[float, float]:
    action()  # warm: the first call reads pages from disk
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def _line(label: str, figures: tuple[float, float], target: float, note: str = "") -> None:
    median, p95 = figures
    verdict = "ok" if median <= target else "MISSED"
    figures = f"median {median:8.2f} ms  p95 {p95:8.2f} ms  target {target:>5} ms"
    print(f"{label:<46} {figures}  {verdict} {note}")


def _figure(label: str, seconds: float, note: str) -> None:
    print(f"{label:<46} {seconds:8.2f} s   {note}")


def _fsync_ms() -> tuple[float, float]:
    with tempfile.NamedTemporaryFile(dir=Path.cwd()) as stream:

        def write_and_sync() -> None:
            stream.write(b"x" * 4096)
            stream.flush()
            os.fsync(stream.fileno())

        return _median_ms(write_and_sync, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args()
    path: Path = args.path

    started = time.perf_counter()
    store = Store.open(path)
    _figure("open the store (header, version, tables)", time.perf_counter() - started, "")
    total = store.count_forms()
    unit = store.list_forms(limit=1)[0].implementer
    rng = random.Random(7)
    ids = [rng.randrange(1, total + 1) for _ in range(60)]

    print(f"-- lists and searches ({total} forms)")
    _line("list, first page of 50", _median_ms(lambda: store.list_forms(limit=50)), 20)
    _line(
        "list --year 2020, first page",
        _median_ms(lambda: store.list_forms(year=2020, limit=50)),
        20,
    )
    _line(
        "list --year --unit --status, first page",
        _median_ms(lambda: store.list_forms(year=2020, implementer=unit, status="final", limit=50)),
        20,
    )
    drafts = _median_ms(lambda: store.list_forms(status="draft", limit=50))
    _line("list --status draft, first page", drafts, 20)
    counted = _median_ms(lambda: store.count_forms(year=2020, status="final"))
    _line("count --year --status", counted, 20)
    for query in ("信访", "维稳", "满意度", "道路养护"):
        hits = store.count_forms(query=query)
        _line(
            f"search “{query}”, first page of 50",
            _median_ms(lambda q=query: store.list_forms(query=q, limit=50)),
            30,
            f"({hits} hits)",
        )
        _line(
            f"search “{query}”, count up to 10,000",
            _median_ms(lambda q=query: store.count_forms(query=q, at_most=10_000)),
            30,
        )
        _line(
            f"search “{query}” --unit, first page",
            _median_ms(lambda q=query: store.list_forms(query=q, implementer=unit, limit=50)),
            30,
        )
    _line(
        "search “维稳” --year --status, first page",
        _median_ms(lambda: store.list_forms(query="维稳", year=2020, status="draft", limit=50)),
        30,
    )

    print("-- one form")
    it = iter(ids * 2)
    _line("open one form (get_form, scored)", _median_ms(lambda: store.get_form(next(it)), 50), 5)
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
    _line("fsync of 4 KB on this disk (the floor)", _fsync_ms(), 5)

    print("-- the whole store")
    started = time.perf_counter()
    structure = store.check_integrity(contents=False)
    middle = time.perf_counter()
    report = store.check_integrity()
    ended = time.perf_counter()
    _figure("structure check (TUI, in the background)", middle - started, structure.structure)
    _figure("full check (structure and every checksum)", ended - middle, f"ok={report.ok}")
    json_bytes = sum(len(line) for line in store.iter_form_lines())
    store.close()
    size = path.stat().st_size
    ratio = size / json_bytes
    verdict = "ok" if ratio <= 2 else "MISSED"
    per_form = size / 1024 / total
    print(f"store {size / 2**20:.1f} MB for {total} forms ({per_form:.1f} KB a form)")
    print(f"their compact JSON {json_bytes / 2**20:.1f} MB: {ratio:.2f}×  target 2×  {verdict}")

    if args.no_export:
        return
    with Store.open(path, for_reading=True) as store, tempfile.TemporaryDirectory() as parent:
        for target in (Path(parent) / "all.jsonl", Path(parent) / "folder"):
            started = time.perf_counter()
            result = export_all(store, "json", target, formats=FORMATS)
            seconds = time.perf_counter() - started
            verdict = "ok" if seconds <= 10 else "MISSED"
            label = f"export all to {target.name} ({result.written} forms)"
            _figure(label, seconds, f"target 10 s  {verdict}")


if __name__ == "__main__":
    main()
