"""Export and import of one workbook, in-process, against the issue's targets.

    python bench/xlsx_speed.py

Targets: export of a 60-indicator form to xlsx ≤ 300 ms; import (read) of one workbook ≤ 300 ms.
Medians of repeated runs, after one warm-up call that is reported apart (it imports openpyxl).
Beside them, in the same run: the JSON export of the same form, as a yardstick of the machine.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from xlsx_forms import big_form

from core.interchange import form_to_json
from core.scoring import score_form
from core.workbook.reading import read_file
from core.workbook.write import DATA_SHEET, workbook_bytes


def _ms(action: Callable[[], object], runs: int = 15) -> tuple[float, float]:
    first = time.perf_counter()
    action()
    first_ms = (time.perf_counter() - first) * 1000
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return first_ms, statistics.median(times)


def _visible_only(data: bytes, folder: Path) -> Path:
    from openpyxl import load_workbook

    path = folder / "visible.xlsx"
    path.write_bytes(data)
    book = load_workbook(path)
    del book[DATA_SHEET]
    book.save(path)
    return path


def main() -> None:
    form = big_form(60)
    card = score_form(form)
    _, json_median = _ms(lambda: form_to_json(form))
    export_first, export_median = _ms(lambda: workbook_bytes(form, card, "万元"))
    data = workbook_bytes(form, card, "万元")
    with tempfile.TemporaryDirectory() as folder:
        own = Path(folder) / "own.xlsx"
        own.write_bytes(data)
        bureau = _visible_only(data, Path(folder))
        own_first, own_median = _ms(lambda: read_file(own))
        bureau_first, bureau_median = _ms(lambda: read_file(bureau))
        assert read_file(own).forms[0].form == form
    print(f"60 indicators, {len(data):,} bytes of xlsx")
    print(f"json export (yardstick)      median {json_median:7.1f} ms")
    _line("xlsx export", export_median, export_first)
    _line("import own export (_jixiao)", own_median, own_first)
    _line("import by labels (no hidden)", bureau_median, bureau_first)


def _line(label: str, median: float, first: float, target: float = 300) -> None:
    verdict = "ok" if median <= target else "MISSED"
    print(f"{label:<28} median {median:7.1f} ms  first {first:7.1f} ms  target {target:.0f} ms  "
          f"{verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
